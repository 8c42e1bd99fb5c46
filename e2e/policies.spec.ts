import { expect, test } from '@playwright/test';
import { signInAs } from './demo';

test('a platform engineer finds which policy applies to a service and who can approve it', async ({
  page,
}) => {
  await signInAs(page, 'Grace Kim');
  await page.goto('/lockstep/policies');
  const production = page
    .getByRole('heading', { name: /Production release/ })
    .first();
  await expect(production).toBeVisible();
  // the security stage names its people
  await expect(page.getByText('Rachel Cohen').first()).toBeVisible();

  await page.goto('/catalog/default/component/payment-gateway');
  const card = page
    .getByText('Rules that apply', { exact: true })
    .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
  await expect(card.getByText('Critical service').first()).toBeVisible();
  await expect(card.getByText('Production release').first()).toBeVisible();
});

test('a developer sees who must approve before asking, and cannot ask where no policy applies', async ({
  page,
}) => {
  await signInAs(page, 'Priya Sharma');
  await page.goto('/catalog/default/component/payment-gateway/approvals');
  await page.getByRole('button', { name: 'Request approval' }).first().click();
  const dialog = page.getByRole('dialog');
  const environment = dialog.getByLabel('Environment');

  await environment.fill('production');
  await page.keyboard.press('Escape');
  await expect(dialog.getByText('Production release').first()).toBeVisible();
  await expect(
    dialog.getByText('Security and operations').first(),
  ).toBeVisible();
  await expect(
    dialog.getByRole('button', { name: 'Request approval' }),
  ).toBeEnabled();

  await environment.fill('dev');
  await expect(
    dialog
      .getByText(/No approval policy applies to .* in environment 'dev'/)
      .first(),
  ).toBeVisible();
  await expect(
    dialog.getByRole('button', { name: 'Request approval' }),
  ).toBeDisabled();
});

test('a keyboard user reaches a red node, opens its panel and learns why it is red', async ({
  page,
}) => {
  await signInAs(page, 'Priya Sharma');
  await page.goto('/catalog/default/component/statements-service/dependencies');
  const graph = page.getByRole('group', { name: 'Dependency graph' });
  await expect(
    graph.getByRole('link', { name: /^Statements Service/ }),
  ).toBeVisible();
  await expect(
    graph.getByRole('link', { name: /, blocked$/ }).first(),
  ).toBeVisible();

  // Tab from the top of the page until a blocked node has the focus
  await page.getByRole('link', { name: /skip to the graph/i }).focus();
  let name = '';
  for (let i = 0; i < 80 && !/, blocked$/.test(name); i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? '',
    );
  }
  expect(name).toMatch(/, blocked$/);
  await page.keyboard.press('Enter');
  // the panel says why in words: the status, and the upstream entity that blocks it
  const panel = page.getByRole('complementary').first();
  await expect(
    panel.getByText('Blocked', { exact: true }).first(),
  ).toBeVisible();
  await expect(panel.getByText('Ledger Service').first()).toBeVisible();
});
