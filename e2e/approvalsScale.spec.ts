import { expect, test } from '@playwright/test';
import { apiAs, approvalsUrl, signInAs } from './demo';

const ENTITY = 'component:default/refund-service';
const REQUESTS = 2000;

/**
 * The Approvals tab of an entity with 2,000 requests: the first page is answered by the backend in
 * under 300 ms and drawn with its total, without loading the rest. The figures go to the log.
 */
test('the Approvals tab of an entity with 2,000 requests answers one page at a time', async ({
  page,
}) => {
  test.setTimeout(900_000);
  const priya = await apiAs('user:default/priya.sharma');
  // other journeys may have asked for this entity already; the page counts theirs too
  const before = await priya.get(
    `${approvalsUrl}?entityRef=${encodeURIComponent(ENTITY)}&limit=1`,
  );
  expect(before.status()).toBe(200);
  const existing: number = (await before.json()).total;
  // each request replaces the open one before it for its environment: two chains, one open each
  const started = Date.now();
  const chain = async (environment: string, major: number) => {
    for (let i = 0; i < REQUESTS / 2; i++) {
      const response = await priya.post(approvalsUrl, {
        data: {
          entityRef: ENTITY,
          title: `Release refund-service ${major}.${i}.0`,
          environment,
          version: `${major}.${i}.0`,
        },
      });
      expect(response.status(), await response.text()).toBe(201);
    }
  };
  await Promise.all([chain('staging', 1), chain('production', 2)]);
  await priya.dispose();
  console.log(
    `[scale] ${REQUESTS} requests created in ${Date.now() - started} ms`,
  );

  await signInAs(page, 'Priya Sharma');
  // Twice: the first visit also loads the tab's code; the second is what a returning user sees.
  const visits = [];
  for (const visit of ['first', 'second']) {
    await page.goto('/catalog/default/component/refund-service');
    const tab = page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Approvals' });
    await expect(tab).toBeVisible();
    await page.waitForLoadState('networkidle');
    const firstPage = page.waitForResponse(
      r =>
        r.url().includes('/api/lockstep/approvals?') &&
        r.url().includes(encodeURIComponent(ENTITY)),
    );
    // click and clock in the page: from the click to the frame that shows the newest request
    const drawnMs = await tab.evaluate(
      (link, newest) =>
        new Promise<number>(resolve => {
          const start = performance.now();
          (link as HTMLElement).click();
          const poll = () => {
            const table = document.querySelector(
              'table[aria-label="Approval requests"]',
            );
            if (table?.textContent?.includes(newest)) {
              resolve(Math.round(performance.now() - start));
            } else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        }),
      'Release refund-service 1.999.0',
    );
    const response = await firstPage;
    const timing = response.request().timing();
    const answeredMs = Math.round(timing.responseEnd - timing.requestStart);
    const answer = await response.json();
    visits.push({ answeredMs, body: answer });
    console.log(
      `[scale] ${visit} visit: first page of ${answer.items.length} of ${answer.total} answered in ${answeredMs} ms, drawn ${drawnMs} ms after the click (production build)`,
    );
  }
  const [{ body, answeredMs }] = visits;

  expect(body.total).toBe(existing + REQUESTS);
  expect(body.items.length).toBeLessThanOrEqual(100);
  expect(answeredMs).toBeLessThan(300);
  const total = existing + REQUESTS;
  await expect(
    page
      .getByText(
        new RegExp(`\\b(${total}|${total.toLocaleString('en-US')}) requests`),
      )
      .first(),
  ).toBeVisible();
});
