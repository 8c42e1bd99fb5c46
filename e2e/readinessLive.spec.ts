import { expect, test } from '@playwright/test';
import { apiAs, backendUrl, openReadinessCard, pageAs } from './demo';

const RACHEL = 'user:default/rachel.cohen';
const LEDGER = `${backendUrl}/api/lockstep/readiness/component/default/ledger-service`;
const BLOCKED_REASON =
  'Blocked by Ledger Service: team Security must sign off Security review';
/** How soon an open page must show a change made elsewhere. */
const LIVE = { timeout: 10_000 };

async function securityReviewPassed() {
  const api = await apiAs(RACHEL);
  const current = await (await api.get(LEDGER)).json();
  await api.dispose();
  return (
    current.gates?.find((g: { id: string }) => g.id === 'security-review')
      ?.status === 'passed'
  );
}

async function signOff(comment: string) {
  const api = await apiAs(RACHEL);
  const response = await api.post(`${LEDGER}/signoffs`, {
    data: { gateId: 'security-review', comment },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  await api.dispose();
}

async function revoke(comment: string) {
  const api = await apiAs(RACHEL);
  const response = await api.delete(`${LEDGER}/signoffs/security-review`, {
    data: { comment },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  await api.dispose();
}

// ledger-service as this journey found it (readiness.spec.ts, which runs before, leaves it signed
// off), so that it is left that way.
let signedOffBefore = false;

test.beforeAll(async () => {
  signedOffBefore = await securityReviewPassed();
  if (signedOffBefore) await revoke('Browser test of live readiness starts');
});

test.afterAll(async () => {
  const passed = await securityReviewPassed();
  if (signedOffBefore && !passed) {
    await signOff('Browser test of live readiness restores the sign-off');
  } else if (!signedOffBefore && passed) {
    await revoke('Browser test of live readiness restores the state');
  }
});

test('an open readiness card turns ready and blocked again as Security signs off and revokes elsewhere, without a reload', async ({
  browser,
}) => {
  // Priya of Payments watches her statements-service, blocked by ledger-service
  const priya = await pageAs(browser, 'Priya Sharma');
  const card = await openReadinessCard(priya, 'statements-service');
  await expect(card.getByText('Blocked', { exact: true })).toBeVisible();
  await expect(card.getByText(BLOCKED_REASON)).toBeVisible();
  // a marker that a reload or a navigation would wipe
  await priya.evaluate(() => {
    (window as unknown as { lockstepNoReload: boolean }).lockstepNoReload =
      true;
  });
  let loads = 0;
  priya.on('load', () => loads++);

  // Rachel of Security signs off ledger-service through the API (as from another browser)
  let started = Date.now();
  await signOff('Threat model reviewed (live readiness test)');
  await expect(card.getByText('Ready', { exact: true })).toBeVisible(LIVE);
  test.info().annotations.push({
    type: 'ready shown after (ms)',
    description: String(Date.now() - started),
  });
  await expect(
    card.getByText(
      /All \d+ required gates pass and nothing upstream blocks it/,
    ),
  ).toBeVisible();
  await expect(card.getByText('Blocked', { exact: true })).toHaveCount(0);

  // ... and takes it back
  started = Date.now();
  await revoke('Review reopened (live readiness test)');
  await expect(card.getByText('Blocked', { exact: true })).toBeVisible(LIVE);
  await expect(card.getByText(BLOCKED_REASON)).toBeVisible(LIVE);
  test.info().annotations.push({
    type: 'blocked shown after (ms)',
    description: String(Date.now() - started),
  });

  // the page was never reloaded
  expect(loads).toBe(0);
  expect(
    await priya.evaluate(
      () =>
        (window as unknown as { lockstepNoReload?: boolean }).lockstepNoReload,
    ),
  ).toBe(true);
});
