import { Browser, expect, Locator, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import {
  apiAs,
  apiWith,
  approvalsUrl,
  backendUrl,
  openReadinessCard,
  pipelineToken,
  requestApproval,
  signInAs,
} from '../demo';

// Screenshots of every surface (approvals, readiness, the graph, notifications), at 1440×900 and 390×844, light and dark, into
// .lockstep/screenshots/<surface>-<viewport>-<theme>.png. Not part of `npm test`; see
// e2e/screenshots/playwright.config.ts for how to run it. It makes its own data through the API
// and leaves ledger-service's sign-off as it found it and nothing pending.

const OUT = path.resolve(__dirname, '../../.lockstep/screenshots');
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
];
const THEMES = ['light', 'dark'] as const;
const RACHEL = 'user:default/rachel.cohen';
const LEDGER = `${backendUrl}/api/lockstep/readiness/component/default/ledger-service`;

async function ledgerSignedOff() {
  const api = await apiAs(RACHEL);
  const current = await (await api.get(LEDGER)).json();
  await api.dispose();
  return (
    current.gates?.find((g: { id: string }) => g.id === 'security-review')
      ?.status === 'passed'
  );
}

async function setLedger(signedOff: boolean) {
  const api = await apiAs(RACHEL);
  const response = signedOff
    ? await api.post(`${LEDGER}/signoffs`, {
        data: { gateId: 'security-review', comment: 'Screenshots' },
      })
    : await api.delete(`${LEDGER}/signoffs/security-review`, {
        data: { comment: 'Screenshots' },
      });
  expect(response.status(), await response.text()).toBeLessThan(300);
  await api.dispose();
}

/** No spinner or progress bar left, and a moment for transitions to finish. */
async function settle(page: Page) {
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 20_000,
  });
  await page.waitForTimeout(600);
}

test('screenshots of the approvals, readiness and notification surfaces', async ({
  browser,
}) => {
  fs.mkdirSync(OUT, { recursive: true });

  // the data shown: a pipeline's request, a request for a not-ready entity, two decisions
  const pipeline = await apiWith(pipelineToken);
  const pipelineRequest = await requestApproval(pipeline, {
    entityRef: 'component:default/cart-service',
    title: 'Release cart-service 3.1.0 from CI',
    environment: 'staging',
    version: '3.1.0',
  });
  const tom = await apiAs('user:default/tom.nguyen');
  const searchTitle = 'Release search-service 8.4.1';
  const searchRequest = await requestApproval(tom, {
    entityRef: 'component:default/search-service',
    title: searchTitle,
    environment: 'staging',
    version: '8.4.1',
  });
  const priyaApi = await apiAs('user:default/priya.sharma');
  const payouts = await requestApproval(priyaApi, {
    entityRef: 'component:default/payouts-service',
    title: 'Release payouts-service 2.0.0',
    environment: 'staging',
    version: '2.0.0',
  });
  const fraud = await requestApproval(priyaApi, {
    entityRef: 'component:default/fraud-service',
    title: 'Release fraud-service 5.3.0',
    environment: 'staging',
    version: '5.3.0',
  });
  await priyaApi.dispose();
  const elena = await apiAs('user:default/elena.rossi');
  for (const [request, body] of [
    [payouts, { decision: 'approve', comment: 'Payout batching looks right' }],
    [
      fraud,
      {
        decision: 'reject',
        comment:
          'Model drift has not been measured on the new features yet; measure it on staging traffic first',
      },
    ],
  ] as const) {
    const response = await elena.post(
      `${approvalsUrl}/${request.id}/decisions`,
      { data: { ...body, stage: request.currentStage } },
    );
    expect(response.status(), await response.text()).toBe(200);
  }
  await elena.dispose();

  const ledgerBefore = await ledgerSignedOff();
  if (ledgerBefore) await setLedger(false);

  try {
    for (const viewport of VIEWPORTS) {
      for (const theme of THEMES) {
        const suffix = `${viewport.name}-${theme}`;
        const file = (name: string) => path.join(OUT, `${name}-${suffix}.png`);
        const shot = (page: Page, name: string, fullPage = false) =>
          page.screenshot({ path: file(name), fullPage });
        const shotOf = (locator: Locator, name: string) =>
          locator.screenshot({ path: file(name) });
        const as = (name: string) =>
          pageIn(browser, viewport, theme).then(async page => {
            await signInAs(page, name);
            return page;
          });

        // Daniel of Checkout: the Approvals tab with the pipeline's request, and its drawer
        const daniel = await as('Daniel Okafor');
        await daniel.goto('/catalog/default/component/cart-service/approvals');
        await expect(
          daniel.getByRole('table', { name: 'Approval requests' }),
        ).toBeVisible();
        await settle(daniel);
        await shot(daniel, 'approvals-tab');
        await shot(daniel, 'approvals-tab-full', true);
        await daniel.goto(
          `/catalog/default/component/cart-service/approvals?request=${pipelineRequest.id}`,
        );
        const drawer = daniel.getByRole('region', { name: 'Approval request' });
        await expect(drawer.getByText('Chain verified')).toBeVisible();
        await settle(daniel);
        await shot(daniel, 'approval-drawer');
        await drawer
          .getByRole('list', { name: 'Audit trail' })
          .scrollIntoViewIfNeeded();
        await daniel.waitForTimeout(300);
        await shot(daniel, 'approval-drawer-end');
        // ... and his inbox, where the pipeline's request waits
        await daniel.goto('/lockstep/approvals');
        await expect(
          daniel
            .getByRole('table', { name: 'Waiting for your approval' })
            .getByText(pipelineRequest.title)
            .first(),
        ).toBeVisible();
        await settle(daniel);
        await shot(daniel, 'my-approvals-pipeline-full', true);
        await daniel.context().close();

        // Hannah of Storefront: My approvals, and the Approve dialog of a not-ready entity
        const hannah = await as('Hannah Berg');
        await hannah.goto('/lockstep/approvals');
        const inbox = hannah.getByRole('table', {
          name: 'Waiting for your approval',
        });
        await expect(inbox.getByText(searchTitle).first()).toBeVisible();
        await settle(hannah);
        await shot(hannah, 'my-approvals');
        await shot(hannah, 'my-approvals-full', true);
        await inbox
          .getByRole('button', { name: `Approve ${searchTitle}` })
          .first()
          .click();
        const dialog = hannah.getByRole('dialog');
        await expect(dialog.getByRole('alert')).toContainText('Not ready now');
        await hannah.keyboard.type('Search relevance checked on staging');
        await settle(hannah);
        await shot(hannah, 'my-approvals-approve-dialog');
        // the top of the dialog, scrolled away on a small screen by the focused comment
        await dialog
          .getByRole('region', { name: 'What you decide on' })
          .evaluate(e => e.scrollIntoView({ block: 'start' }));
        await hannah.waitForTimeout(300);
        await shot(hannah, 'my-approvals-approve-dialog-top');
        await hannah.context().close();

        // Priya of Payments: the readiness card of statements-service, blocked, then ready
        const priya = await as('Priya Sharma');
        const card = await openReadinessCard(priya, 'statements-service');
        await expect(card.getByText('Blocked', { exact: true })).toBeVisible();
        await settle(priya);
        await card.evaluate(e => e.scrollIntoView({ block: 'start' }));
        await priya.waitForTimeout(300);
        await shot(priya, 'readiness-card-blocked');
        await shotOf(card, 'readiness-card-blocked-card');
        await setLedger(true);
        await expect(card.getByText('Ready', { exact: true })).toBeVisible();
        await settle(priya);
        await card.evaluate(e => e.scrollIntoView({ block: 'start' }));
        await priya.waitForTimeout(300);
        await shot(priya, 'readiness-card-ready');
        await shotOf(card, 'readiness-card-ready-card');
        await setLedger(false);
        await expect(card.getByText('Blocked', { exact: true })).toBeVisible();

        // the readiness board
        await priya.goto('/lockstep/readiness');
        await expect(
          priya.getByRole('table', { name: 'Readiness board' }),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'readiness-board');
        await shot(priya, 'readiness-board-full', true);
        await priya.goto('/lockstep/readiness?team=group:default/payments');
        await expect(
          priya.getByRole('table', { name: 'Readiness board' }),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'readiness-board-team');

        // the Dependencies tab: the graph drawn in the theme's surfaces
        await priya.goto(
          '/catalog/default/component/checkout-service/dependencies',
        );
        await expect(
          priya.locator('svg[aria-label="Dependency graph"][data-complete]'),
        ).toBeVisible({ timeout: 30_000 });
        await settle(priya);
        await shot(priya, 'dependencies-tab');
        // the node panel: why a red node is red, in words (found first: the fit leaves some out)
        await priya.getByLabel('Find in graph').fill('Shipping Service');
        await priya.getByRole('option', { name: /Shipping Service/ }).click();
        await priya
          .getByRole('group', { name: 'Dependency graph' })
          .getByRole('link', { name: /^Shipping Service \(Component\)/ })
          .click({ timeout: 20_000 });
        await expect(
          priya.getByRole('link', { name: 'Open the entity' }),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'dependencies-node-panel');

        // the rules in force, and those that apply to one service
        await priya.goto('/lockstep/policies');
        await expect(
          priya.getByText('Production release').first(),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'policies');
        await shot(priya, 'policies-full', true);
        await priya.goto('/catalog/default/component/payment-gateway');
        const rules = priya
          .getByText('Rules that apply', { exact: true })
          .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
        await expect(rules).toBeVisible();
        await settle(priya);
        await shotOf(rules, 'policies-entity-card');

        // the request dialog's dry run: who would have to approve, in which order
        await priya.goto(
          '/catalog/default/component/payment-gateway/approvals',
        );
        await priya
          .getByRole('button', { name: 'Request approval' })
          .first()
          .click();
        const requestDialog = priya.getByRole('dialog');
        await requestDialog.getByLabel('Environment').fill('production');
        await priya.keyboard.press('Escape');
        await expect(
          requestDialog.getByText('Production release').first(),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'request-dialog-dry-run');
        await requestDialog.getByLabel('Environment').fill('dev');
        await expect(
          requestDialog.getByText(/No approval policy applies/).first(),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'request-dialog-refused');
        await priya.keyboard.press('Escape');

        // her notifications, with both decisions
        await priya.goto('/notifications');
        await expect(
          priya
            .getByRole('link', { name: `Approved: ${payouts.title}` })
            .first(),
        ).toBeVisible();
        await settle(priya);
        await shot(priya, 'notifications');
        await priya.context().close();
      }
    }
  } finally {
    // nothing left pending, ledger-service as it was
    await pipeline.post(`${approvalsUrl}/${pipelineRequest.id}/cancel`, {
      data: { comment: 'Screenshots taken' },
    });
    await tom.post(`${approvalsUrl}/${searchRequest.id}/cancel`, {
      data: { comment: 'Screenshots taken' },
    });
    await pipeline.dispose();
    await tom.dispose();
    if ((await ledgerSignedOff()) !== ledgerBefore) {
      await setLedger(ledgerBefore);
    }
  }
});

/** A fresh page at the viewport, with Backstage's theme choice (localStorage `theme`) preset. */
async function pageIn(
  browser: Browser,
  viewport: { width: number; height: number },
  theme: 'light' | 'dark',
) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  });
  await context.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
  return context.newPage();
}
