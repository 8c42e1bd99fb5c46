import { expect, test } from '@playwright/test';
import { signInAs } from './demo';

test('a person signs in as a sample user, stays signed in across a reload, and signs out', async ({
  page,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Lockstep demo' }),
  ).toBeVisible();
  // People are listed by team; someone in two teams appears in both.
  await expect(
    page.getByRole('button', { name: 'Sign in as Aisha Khan' }),
  ).toHaveCount(2);

  await signInAs(page, 'Priya Sharma');
  // The catalog opens on what the person's team owns.
  await expect(
    page.getByRole('link', { name: 'Payment Gateway' }),
  ).toBeVisible();

  await page.goto('/catalog/default/component/payment-gateway');
  await expect(
    page.getByRole('heading', { name: 'Payment Gateway' }).first(),
  ).toBeVisible();

  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Payment Gateway' }).first(),
  ).toBeVisible();

  await page.goto('/settings');
  await expect(page.getByText('priya.sharma@brightcart.example')).toBeVisible();
  await page.getByTestId('user-settings-menu').click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await expect(
    page.getByRole('button', { name: 'Sign in as Priya Sharma' }),
  ).toBeVisible();
});
