import { expect, Page, test } from '@playwright/test';
import {
  apiWith,
  approvalsUrl,
  pageAs,
  pipelineToken,
  requestApproval,
} from './demo';

// cart-service (team Checkout) in staging: policy "Staging change", one approval from the owning
// team. No other journey asks for cart-service, so a pending request left by a failed run is
// superseded by the next run's and disturbs nobody.
const ENTITY = 'component:default/cart-service';

/** Nothing on the page fell over: no app-level error page, no contained error of a row or section. */
async function expectNoBreakage(page: Page) {
  await expect(page.getByText(/Something Went Wrong/i)).toHaveCount(0);
  await expect(page.getByText(/^Could not show /)).toHaveCount(0);
}

test('a pipeline asks for a staging release with its static token, a Checkout engineer approves it in the UI, and the pipeline’s long poll returns approved', async ({
  browser,
}) => {
  const pipeline = await apiWith(pipelineToken);
  const title = `Pipeline release cart-service ${Date.now()}`;
  const created = await requestApproval(pipeline, {
    entityRef: ENTITY,
    title,
    environment: 'staging',
    version: '3.1.0',
  });
  expect(created.state).toBe('pending');

  // Daniel of Checkout sees it on the entity's Approvals tab: the requester is a service, shown
  // as plain text, and the tab renders
  const daniel = await pageAs(browser, 'Daniel Okafor');
  await daniel.goto('/catalog/default/component/cart-service/approvals');
  const list = daniel.getByRole('table', { name: 'Approval requests' });
  const row = list.getByRole('row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByText('demo-pipeline (service)')).toBeVisible();
  await expect(row.getByRole('link', { name: /demo-pipeline/ })).toHaveCount(0);
  await expectNoBreakage(daniel);

  // ... and in My approvals, reached from the sidebar
  await daniel
    .getByRole('link', { name: /My approvals/ })
    .first()
    .click();
  await expect(daniel).toHaveURL(/\/lockstep\/approvals/);
  const inbox = daniel.getByRole('table', {
    name: 'Waiting for your approval',
  });
  const inboxRow = inbox.getByRole('row').filter({ hasText: title });
  await expect(inboxRow).toBeVisible();
  await expect(inboxRow.getByText('demo-pipeline (service)')).toBeVisible();
  await expect(
    inboxRow.getByRole('link', { name: /demo-pipeline/ }),
  ).toHaveCount(0);
  await expectNoBreakage(daniel);

  // He opens it: the drawer names the pipeline as the requester, as text
  await inboxRow.getByRole('button', { name: title, exact: true }).click();
  await expect(daniel).toHaveURL(new RegExp(`[?&]request=${created.id}`));
  const detail = daniel.getByRole('region', { name: 'Approval request' });
  await expect(
    detail.getByRole('heading', { name: title, exact: true }),
  ).toBeVisible();
  // the summary, then the audit trail's first entry
  await expect(detail.getByText(/^Requested by/).first()).toContainText(
    'demo-pipeline (service)',
  );
  await expect(
    detail
      .getByRole('list', { name: 'Audit trail' })
      .getByText(/^Requested by/),
  ).toContainText('demo-pipeline (service)');
  await expect(detail.getByRole('link', { name: /demo-pipeline/ })).toHaveCount(
    0,
  );
  await expectNoBreakage(daniel);

  // The pipeline starts waiting for the decision before anyone decides
  let settled = false;
  const waited = pipeline
    .get(`${approvalsUrl}/${created.id}/wait?timeout=30`)
    .finally(() => {
      settled = true;
    });
  await daniel.waitForTimeout(1000);
  expect(settled, 'the long poll answered before any decision').toBe(false);

  // Daniel approves in the drawer
  await detail.getByLabel('Comment').fill('Cart totals verified on staging');
  await detail.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(
    detail.getByText('Approved', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    detail
      .getByRole('region', { name: 'Decisions' })
      .getByText('Cart totals verified on staging'),
  ).toBeVisible();

  // ... and the pipeline's wait returns with the decision
  const answer = await waited;
  expect(answer.status(), await answer.text()).toBe(200);
  expect((await answer.json()).state).toBe('approved');

  // The tab lists it as closed and approved
  await daniel.goto('/catalog/default/component/cart-service/approvals');
  const closedRow = daniel
    .getByRole('table', { name: 'Approval requests' })
    .getByRole('row')
    .filter({ hasText: title });
  await expect(closedRow.getByText('Approved', { exact: true })).toBeVisible();
  await expectNoBreakage(daniel);
  await pipeline.dispose();
});
