import { expect, Page, request } from '@playwright/test';

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
