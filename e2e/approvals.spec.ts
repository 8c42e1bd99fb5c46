import { Browser, expect, test } from '@playwright/test';
import { signInAs } from './demo';

async function pageAs(browser: Browser, name: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, name);
  return page;
}

test('a developer asks for approval, a teammate approves from the inbox, the audit shows each step', async ({
  browser,
}) => {
  // unique per run, so that a retry finds its own request
  const title = `Release refund-service ${Date.now()}`;

  // Priya of Payments asks for a staging release of a service her team owns
  const priya = await pageAs(browser, 'Priya Sharma');
  await priya.goto('/catalog/default/component/refund-service/approvals');
  await priya.getByRole('button', { name: 'Request approval' }).click();
  const ask = priya.getByRole('dialog');
  await ask.getByLabel('Title').fill(title);
  await ask.getByLabel('Environment').fill('staging');
  await ask.getByLabel('Version').fill('7.1.0');
  await ask.getByRole('button', { name: 'Request approval' }).click();
  await expect(ask).toHaveCount(0);

  // the new request opens, addressable by URL: she sees why she cannot approve her own
  const detail = priya.getByRole('region', { name: 'Approval request' });
  await expect(priya).toHaveURL(/[?&]request=/);
  await expect(detail.getByText(title).first()).toBeVisible();
  await expect(detail.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(detail.getByText(/you requested/i)).toBeVisible();

  // Marcus of Payments finds it in his inbox and approves
  const marcus = await pageAs(browser, 'Marcus Chen');
  await marcus.goto('/lockstep/approvals');
  const inbox = marcus.getByRole('table', {
    name: 'Waiting for your approval',
  });
  await expect(inbox.getByText(title)).toBeVisible();
  await inbox.getByRole('button', { name: `Approve ${title}` }).click();
  const confirm = marcus.getByRole('dialog');
  await confirm.getByLabel(/comment/i).fill('Refund flow tested on staging');
  await confirm.getByRole('button', { name: /^Approve/ }).click();
  await expect(inbox.getByText(title)).toHaveCount(0);

  // the request is approved, and its audit trail shows each step, verified
  await priya.reload();
  const decided = priya.getByRole('region', { name: 'Approval request' });
  await expect(
    decided.getByText('Approved', { exact: true }).first(),
  ).toBeVisible();
  const trail = decided.getByRole('list', { name: 'Audit trail' });
  await expect(trail.getByText(/^Requested by/)).toBeVisible();
  await expect(trail.getByText(/^Approved by/)).toBeVisible();
  await expect(
    trail.getByText('Request approved: every stage passed'),
  ).toBeVisible();
  await expect(decided.getByText('Chain verified')).toBeVisible();
});
