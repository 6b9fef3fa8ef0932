import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { hostScreenshot, newHostAccount, openHostScreen, registerInApp } from './support/host';

// A host signed in on two browsers signs out everywhere from one: this one goes to sign-in at
// once, the other at its next refresh (the silent one a minute before its token expires).
test('sign out everywhere ends the sign-in of every browser of the host', async ({ browser, baseURL }) => {
  const account = newHostAccount('Two Browsers');
  const laptop = await openHostScreen(browser, baseURL!);
  const other = await openHostScreen(browser, baseURL!);
  // The other browser's clock is Playwright's, so its silent refresh can come now, not in 14 min.
  await other.page.clock.install();

  await registerInApp(laptop.page, account);
  await other.page.goto('/host/sessions');
  await other.page.getByLabel('E-mail').fill(account.email);
  await other.page.getByLabel('Password').fill(account.password);
  await other.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.page.getByRole('heading', { name: 'Past games' })).toBeVisible();

  // The account menu: sign out everywhere asks first, and a cancel changes nothing.
  const menu = laptop.page.getByRole('button', { name: `Account of ${account.displayName}` });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(laptop.page.getByText(account.email)).toBeVisible();
  await expectAccessible(laptop.page, 'account menu');
  await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  const dialog = laptop.page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(laptop.page, 'sign out everywhere');
  await hostScreenshot(laptop.page, 'sign-out-everywhere');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await laptop.page.reload();
  await expect(laptop.page.getByRole('heading', { name: 'Quizzes' })).toBeVisible();

  await menu.click();
  await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop.page.getByRole('heading', { name: 'Sign in to host' })).toBeVisible();
  // Its cookie is gone: a reload stays signed out.
  await laptop.page.goto('/host');
  await expect(laptop.page).toHaveURL(/\/host\/sign-in\?next=%2Fhost$/);

  // The other browser still has its access token (it lives until it expires)…
  await expect(other.page.getByRole('heading', { name: 'Past games' })).toBeVisible();
  // …until its next refresh, which the server refuses: it is sent to sign-in, its page kept.
  await other.page.clock.fastForward('14:30');
  await expect(other.page.getByRole('heading', { name: 'Sign in to host' })).toBeVisible();
  await expect(other.page).toHaveURL(/\/host\/sign-in\?next=%2Fhost%2Fsessions$/);

  // Signing in again works, on either browser.
  await laptop.page.getByLabel('E-mail').fill(account.email);
  await laptop.page.getByLabel('Password').fill(account.password);
  await laptop.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(laptop.page.getByRole('heading', { name: 'Quizzes' })).toBeVisible();

  await laptop.context.close();
  await other.context.close();
});
