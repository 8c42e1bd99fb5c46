import {
  APIRequestContext,
  Browser,
  expect,
  Page,
  request,
} from '@playwright/test';

/** The demo app's backend in browser tests (see app-config.e2e.yaml). */
export const backendUrl = 'http://localhost:7107';

/** A token for a sample user, through the development-only demo sign-in. */
export async function tokenFor(userEntityRef: string): Promise<string> {
  const api = await request.newContext();
  const response = await api.get(
    `${backendUrl}/api/auth/demo/refresh?user=${encodeURIComponent(
      userEntityRef,
    )}`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.status(), await response.text()).toBe(200);
  const body = await response.json();
  await api.dispose();
  return body.backstageIdentity.token;
}

/** Signs in through the sign-in page, as a person would. */
export async function signInAs(page: Page, displayName: string) {
  await page.goto('/');
  await page
    .getByRole('button', { name: `Sign in as ${displayName}` })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: 'Brightcart Catalog' }),
  ).toBeVisible();
}

/**
 * The demo's development-only static token for pipelines (app-config.yaml,
 * backend.auth.externalAccess); its subject is `demo-pipeline`.
 */
export const pipelineToken = 'demo-pipeline-token-not-for-production';

/** An API client calling the backend with a bearer token: a person's (tokenFor) or the pipeline's. */
export async function apiWith(token: string): Promise<APIRequestContext> {
  return request.newContext({
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
}

/** An API client acting as a sample user. */
export async function apiAs(userEntityRef: string) {
  return apiWith(await tokenFor(userEntityRef));
}

/** A page of its own (own cookies and storage) with the person signed in. */
export async function pageAs(browser: Browser, displayName: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, displayName);
  return page;
}

/** Lockstep's approvals API. */
export const approvalsUrl = `${backendUrl}/api/lockstep/approvals`;

/** Asks for approval through the API and returns the created request (fails the test otherwise). */
export async function requestApproval(
  api: APIRequestContext,
  body: {
    entityRef: string;
    title: string;
    environment: string;
    version: string;
  },
) {
  const response = await api.post(approvalsUrl, { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as {
    id: string;
    title: string;
    state: string;
    requester: string;
    currentStage: number;
  };
}

/** The Readiness card on an entity's overview page. */
export async function openReadinessCard(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}`);
  const card = page
    .locator('article, [class*="MuiCard-root"]')
    .filter({
      has: page.getByRole('heading', { name: 'Readiness', exact: true }),
    })
    .first();
  await expect(card).toBeVisible();
  return card;
}
