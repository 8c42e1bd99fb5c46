import { expect, test } from '@playwright/test';
import { signInAs } from './demo';

test('a developer explores checkout-service dependencies: nodes, search, table and a click through', async ({
  page,
}) => {
  await signInAs(page, 'Daniel Okafor');
  await page.goto('/catalog/default/component/checkout-service/dependencies');

  const graph = page.getByRole('group', { name: 'Dependency graph' });
  await expect(
    graph.getByRole('link', { name: /^Checkout Service \(Component\)/ }),
  ).toBeVisible();
  // upstream (what checkout depends on) and downstream (what depends on checkout), 2 hops by default
  await expect(
    graph.getByRole('link', { name: /^Payment Gateway \(Component\)/ }),
  ).toBeVisible();
  await expect(
    graph.getByRole('link', { name: /^Storefront BFF \(Component\)/ }),
  ).toBeVisible();
  await expect(page.getByText(/One dependency cycle/)).toBeVisible();

  // upstream only: dependents disappear
  await page
    .getByRole('button', { name: 'Upstream: what this depends on' })
    .click();
  await expect(
    graph.getByRole('link', { name: /^Storefront BFF \(Component\)/ }),
  ).toHaveCount(0);
  await expect(
    graph.getByRole('link', { name: /^Payment Gateway \(Component\)/ }),
  ).toBeVisible();

  // search finds a node
  await page.getByLabel('Find in graph').fill('Ledger');
  await page.getByRole('option', { name: /Ledger Service/ }).click();
  await expect(
    graph.getByRole('link', { name: /^Ledger Service \(Component\)/ }),
  ).toBeInViewport();

  // the same answer as a table
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByText(/Entities \(\d+\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Graph' }).click();

  // clicking a node tells why it is as it is, and opens that entity from there
  await graph
    .getByRole('link', { name: /^Payment Gateway \(Component\)/ })
    .click();
  await page.getByRole('link', { name: 'Open the entity' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payment-gateway/,
  );
  await expect(
    page.getByRole('heading', { name: 'Payment Gateway' }).first(),
  ).toBeVisible();
});

test('the overview card shows direct neighbours and links to the tab', async ({
  page,
}) => {
  await signInAs(page, 'Daniel Okafor');
  await page.goto('/catalog/default/component/payouts-service');
  const card = page.getByRole('group', { name: 'Dependency graph' });
  await expect(
    card.getByRole('link', { name: /^Ledger Service \(Component\)/ }),
  ).toBeVisible();
  // a dependency on an entity the catalog does not have is shown, not dropped
  await expect(
    card.getByRole('link', {
      name: /bank-connector \(Component\), not in the catalog/,
    }),
  ).toBeVisible();
  await page.getByText('Explore all dependencies').click();
  await expect(page).toHaveURL(/payouts-service\/dependencies/);
});
