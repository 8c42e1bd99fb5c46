import { expect, test } from '@playwright/test';
import {
  apiAs,
  backendUrl,
  approvalsUrl,
  pageAs,
  requestApproval,
  tokenFor,
} from './demo';

const PRIYA = 'user:default/priya.sharma';
const ELENA = 'user:default/elena.rossi';

// Payments services in staging (policy "Staging change": one approval from Payments). The other
// journeys use refund-service; these two are used by no other journey.
test('a requester is notified of the decisions on her requests and opens the request from the notification', async ({
  browser,
}) => {
  const stamp = Date.now();
  const approvedTitle = `Release payouts-service ${stamp}`;
  const rejectedTitle = `Release fraud-service ${stamp}`;

  // Priya of Payments asks for two staging releases (her own token, as the UI would)
  const priyaApi = await apiAs(PRIYA);
  const approved = await requestApproval(priyaApi, {
    entityRef: 'component:default/payouts-service',
    title: approvedTitle,
    environment: 'staging',
    version: '2.0.0',
  });
  const rejected = await requestApproval(priyaApi, {
    entityRef: 'component:default/fraud-service',
    title: rejectedTitle,
    environment: 'staging',
    version: '5.3.0',
  });
  await priyaApi.dispose();

  // Elena of Payments approves one and rejects the other, with a reason
  const elenaApi = await apiAs(ELENA);
  for (const [request, body] of [
    [approved, { decision: 'approve', comment: 'Payout batching looks right' }],
    [rejected, { decision: 'reject', comment: 'Model drift not measured yet' }],
  ] as const) {
    const response = await elenaApi.post(
      `${approvalsUrl}/${request.id}/decisions`,
      { data: { ...body, stage: request.currentStage } },
    );
    expect(response.status(), await response.text()).toBe(200);
  }
  await elenaApi.dispose();

  // Priya signs in and opens her notifications from the sidebar
  const priya = await pageAs(browser, 'Priya Sharma');
  await priya
    .getByRole('link', { name: /Notifications/ })
    .first()
    .click();
  await expect(priya).toHaveURL(/\/notifications/);
  await expect(
    priya.getByRole('link', { name: `Approved: ${approvedTitle}` }),
  ).toBeVisible();
  await expect(
    priya.getByRole('link', { name: `Rejected: ${rejectedTitle}` }),
  ).toBeVisible();
  // the rejection says why (the notifications page shortens long descriptions)
  const rejection = priya
    .getByRole('row')
    .filter({ hasText: `Rejected: ${rejectedTitle}` });
  const more = rejection.getByText('Show more');
  if (await more.isVisible()) await more.click();
  await expect(
    rejection.getByText(/Model drift not measured yet/),
  ).toBeVisible();

  // the notification links to the request, which opens in the entity's Approvals tab
  await priya.getByRole('link', { name: `Approved: ${approvedTitle}` }).click();
  await expect(priya).toHaveURL(
    new RegExp(
      `/catalog/default/component/payouts-service/approvals\\?request=${approved.id}`,
    ),
  );
  const detail = priya.getByRole('region', { name: 'Approval request' });
  await expect(
    detail.getByRole('heading', { name: approvedTitle, exact: true }),
  ).toBeVisible();
  await expect(
    detail.getByText('Approved', { exact: true }).first(),
  ).toBeVisible();

  // nobody else was told: Elena, who decided, has no decision notification of Priya's request
  const elenaToken = await tokenFor(ELENA);
  const response = await priya.request.get(
    `${backendUrl}/api/notifications/notifications?limit=50`,
    { headers: { Authorization: `Bearer ${elenaToken}` } },
  );
  expect(response.status()).toBe(200);
  const titles = ((await response.json()).notifications ?? []).map(
    (n: { payload: { title: string } }) => n.payload.title,
  );
  expect(titles).not.toContain(`Approved: ${approvedTitle}`);
});
