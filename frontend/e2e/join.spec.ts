import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { screenshot } from './support/screenshots';

test('the start screen offers to join with a PIN and to host', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Join a game' })).toBeVisible();
  await expect(page.getByLabel('Game PIN')).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByRole('link', { name: 'Host a game' })).toBeVisible();
  await expectAccessible(page, 'start');
  await screenshot(page, 'start');
});

test('an unknown PIN is refused in words beside the field', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Game PIN').fill('000000');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page).toHaveURL(/\/join\/000000$/);
  await expect(page.getByRole('alert')).toHaveText('No game with this PIN is open. Check the number on the big screen.');
  await expectAccessible(page, 'unknown PIN');
  await screenshot(page, 'unknown-pin');
});
