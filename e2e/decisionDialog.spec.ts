import { expect, test } from '@playwright/test';
import { apiAs, approvalsUrl, pageAs, requestApproval } from './demo';

const TOM = 'user:default/tom.nguyen';

// search-service (team Storefront) is not ready: it has no runbook. No other journey asks for it.
test('an approver deciding from My approvals sees what she decides on, types straight into the comment, and Cancel gives focus back', async ({
  browser,
}) => {
  const title = `Release search-service ${Date.now()}`;
  const tomApi = await apiAs(TOM);
  const created = await requestApproval(tomApi, {
    entityRef: 'component:default/search-service',
    title,
    environment: 'staging',
    version: '8.4.1',
  });

  try {
    // Hannah of Storefront opens Approve on the request in her inbox
    const hannah = await pageAs(browser, 'Hannah Berg');
    await hannah.goto('/lockstep/approvals');
    const inbox = hannah.getByRole('table', {
      name: 'Waiting for your approval',
    });
    const approve = inbox.getByRole('button', { name: `Approve ${title}` });
    await approve.click();
    const dialog = hannah.getByRole('dialog', { name: `Approve: ${title}` });
    await expect(dialog).toBeVisible();

    // typing goes to the comment at once, without clicking into it
    await hannah.keyboard.type('Search relevance checked');
    const comment = dialog.getByRole('textbox', { name: 'Comment' });
    await expect(comment).toHaveValue('Search relevance checked');
    await expect(comment).toBeFocused();

    // what is decided: entity, version, environment, policy, the open stage and its group
    const subject = dialog.getByRole('region', { name: 'What you decide on' });
    await expect(
      subject.getByRole('link', { name: /Search Service|search-service/ }),
    ).toBeVisible();
    await expect(subject).toContainText('version 8.4.1 → staging');
    await expect(subject).toContainText('Policy Staging change');
    const stage = subject.getByTestId('decision-stage');
    await expect(stage).toContainText('Stage 1 of 1 · Owning team');
    await expect(stage).toContainText('Storefront: 0 of 1 approval');
    await expect(stage).toContainText('needs 1 more');

    // readiness now, with a warning because it is not ready, and when the request was made
    const readiness = subject.getByTestId('decision-readiness');
    const now = readiness.locator('div').filter({ hasText: /^Readiness now/ });
    await expect(now.getByText('Not ready', { exact: true })).toBeVisible();
    await expect(now).toContainText(
      'Failing check: Runbook linked, owned by team Platform & SRE',
    );
    const then = readiness
      .locator('div')
      .filter({ hasText: /^When requested/ });
    await expect(then.getByText('Not ready', { exact: true })).toBeVisible();
    await expect(then).toContainText('Failing check: Runbook linked');
    const warning = subject.getByRole('alert');
    await expect(warning).toContainText('Not ready now');
    await expect(warning).toContainText(
      'This policy does not stop an approval of it.',
    );

    // Cancel closes without deciding and gives focus back to the Approve button that opened it
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(approve).toBeFocused();
    await expect(inbox.getByText(title)).toBeVisible();
  } finally {
    // leave nothing pending in Storefront's inbox
    const cancelled = await tomApi.post(
      `${approvalsUrl}/${created.id}/cancel`,
      { data: { comment: 'Browser test done' } },
    );
    expect(cancelled.status(), await cancelled.text()).toBe(200);
    await tomApi.dispose();
  }
});
