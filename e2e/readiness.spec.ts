import { expect, Page, request, test } from '@playwright/test';
import { backendUrl, signInAs, tokenFor } from './demo';

const RACHEL = 'user:default/rachel.cohen';
const LEDGER = `${backendUrl}/api/lockstep/readiness/component/default/ledger-service`;

/** The Readiness card on an entity's overview page. */
async function readinessCard(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}`);
  const card = page.locator('article, [class*="MuiCard-root"]').filter({
    has: page.getByRole('heading', { name: 'Readiness', exact: true }),
  });
  await expect(card.first()).toBeVisible();
  return card.first();
}

test.beforeAll(async () => {
  // A retry finds ledger-service as the first try left it: take its security sign-off back.
  const api = await request.newContext({
    extraHTTPHeaders: { Authorization: `Bearer ${await tokenFor(RACHEL)}` },
  });
  const current = await (await api.get(LEDGER)).json();
  const review = current.gates?.find(
    (g: { id: string }) => g.id === 'security-review',
  );
  if (review?.status === 'passed') {
    await api.delete(`${LEDGER}/signoffs/security-review`, {
      data: { comment: 'Browser test starts over' },
    });
  }
  await api.dispose();
});

test('a security engineer signs off ledger-service, and the statements service it blocked turns ready', async ({
  browser,
}) => {
  // A developer of another team sees why, but may not sign off
  let page = await (await browser.newContext()).newPage();
  await signInAs(page, 'Tom Nguyen');
  let card = await readinessCard(page, 'ledger-service');
  await expect(card.getByText('Not ready', { exact: true })).toBeVisible();
  await expect(
    card.getByText(
      'Waiting for sign-off: Security review, owned by team Security',
    ),
  ).toBeVisible();
  await expect(
    card.getByRole('button', { name: 'Sign off Security review' }),
  ).toHaveCount(0);

  card = await readinessCard(page, 'statements-service');
  await expect(card.getByText('Blocked', { exact: true })).toBeVisible();
  await expect(
    card.getByText(
      'Blocked by Ledger Service: team Security must sign off Security review',
    ),
  ).toBeVisible();

  // Rachel of Security signs off from the card
  await page.context().close();
  page = await (await browser.newContext()).newPage();
  await signInAs(page, 'Rachel Cohen');
  card = await readinessCard(page, 'ledger-service');
  await card.getByRole('button', { name: 'Sign off Security review' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Sign off: Security review',
  });
  await dialog.getByLabel('Version (optional)').fill('4.2.0');
  await dialog.getByLabel('Comment (optional)').fill('Threat model reviewed');
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByText('Ready', { exact: true })).toBeVisible();
  await expect(
    card.getByText(/Rachel Cohen|rachel\.cohen/).first(),
  ).toBeVisible();

  // the dependent that waited only for ledger-service is ready now too
  card = await readinessCard(page, 'statements-service');
  await expect(card.getByText('Ready', { exact: true })).toBeVisible();
  await expect(
    card.getByText(
      /All \d+ required gates pass and nothing upstream blocks it/,
    ),
  ).toBeVisible();
});
