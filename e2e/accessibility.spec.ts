import { Browser, expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import { apiAs, requestApproval, signInAs } from './demo';

/**
 * Every Lockstep page in the light and the dark theme, checked by axe-core (WCAG 2.1 A and AA) in
 * the browser: no serious or critical violation inside what Lockstep draws. Backstage's own chrome
 * (sidebar, header) is not ours to fix and is left out of the scan.
 */
const axeSource = fs.readFileSync(
  require.resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe on the page's main content and returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    // Backstage's sidebar is its own chrome, not Lockstep's (its items' names are Backstage's)
    const context = {
      include: [[document.querySelector('main') ? 'main' : 'body']],
      exclude: [
        ['nav[aria-label="sidebar nav"]'],
        ['[class*="BackstageSidebar"]'],
      ],
    };
    const result = await axe.run(context, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      },
    });
    return result.violations as Violation[];
  });
  return violations.filter(v => ['serious', 'critical'].includes(v.impact));
}

const describe = (violations: Violation[]) =>
  violations
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(n => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');

async function pageIn(browser: Browser, theme: 'light' | 'dark') {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
  // as an init script, which the app's Content-Security-Policy does not apply to
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  await signInAs(page, 'Priya Sharma');
  return page;
}

/** No spinner left, and a moment for transitions to finish. */
async function settle(page: Page) {
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 30_000,
  });
  await page.waitForTimeout(500);
}

test('every Lockstep page passes axe in both themes', async ({ browser }) => {
  const priya = await apiAs('user:default/priya.sharma');
  const request = await requestApproval(priya, {
    entityRef: 'component:default/payouts-service',
    title: 'Release payouts-service 2.1.0 (accessibility)',
    environment: 'staging',
    version: '2.1.0',
  });
  await priya.dispose();

  const pages: Array<[string, string, (page: Page) => Promise<unknown>]> = [
    [
      'readiness board',
      '/lockstep/readiness',
      page =>
        expect(
          page.getByRole('table', { name: 'Readiness board' }),
        ).toBeVisible(),
    ],
    [
      'my approvals',
      '/lockstep/approvals',
      page => expect(page.getByRole('tab').first()).toBeVisible(),
    ],
    [
      'policies',
      '/lockstep/policies',
      page =>
        expect(page.getByText('Production release').first()).toBeVisible(),
    ],
    [
      'entity overview',
      '/catalog/default/component/payment-gateway',
      page => expect(page.getByText('Readiness').first()).toBeVisible(),
    ],
    [
      'dependencies',
      '/catalog/default/component/payment-gateway/dependencies',
      page => expect(page.locator('svg').first()).toBeVisible(),
    ],
    [
      'entity approvals',
      '/catalog/default/component/payouts-service/approvals',
      page => expect(page.getByRole('table').first()).toBeVisible(),
    ],
    [
      'approval request',
      `/catalog/default/component/payouts-service/approvals?request=${request.id}`,
      page =>
        expect(
          page
            .getByText('Release payouts-service 2.1.0 (accessibility)')
            .first(),
        ).toBeVisible(),
    ],
  ];

  const failures: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const page = await pageIn(browser, theme);
    for (const [name, path, ready] of pages) {
      await page.goto(path);
      await ready(page);
      await settle(page);
      const violations = await seriousViolations(page);
      if (violations.length > 0) {
        failures.push(`${name} (${theme}):\n${describe(violations)}`);
      }
    }
    await page.context().close();
  }
  expect(failures.join('\n\n')).toBe('');
});
