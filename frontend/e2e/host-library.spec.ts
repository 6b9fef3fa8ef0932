import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessible } from './support/accessibility';
import { apiAs, newHostAccount, openHostScreen, registerInApp } from './support/host';

// The library: the public sample quiz found by search and tag, copied into mine; a quiz file
// exported and imported again; a delete that asks first; sign-out and the sign-in's refusals.
test('the host finds, copies, exports, imports and deletes quizzes', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Librarian');
  const { page: host } = await openHostScreen(browser, baseURL!);
  await registerInApp(host, account);
  await expect(host.getByText('You have no quizzes yet.', { exact: false })).toBeVisible();

  // Public quizzes: full-text search (a word prefix, any case), then a tag.
  await host.getByRole('button', { name: 'Public quizzes', exact: true }).click();
  await host.getByRole('searchbox', { name: 'Search' }).fill('VANGUARD sam');
  await host.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(host).toHaveURL(/scope=public&q=VANGUARD\+sam/);
  await expect(host.getByRole('heading', { name: 'Vanguard sample quiz' })).toBeVisible();
  await host.getByRole('button', { name: 'Show quizzes tagged sample' }).first().click();
  await expect(host).toHaveURL(/tag=sample/);
  await expect(host.getByRole('button', { name: 'Stop filtering by sample' })).toBeVisible();
  await expectAccessible(host, 'library, public, searched');
  await host.getByRole('searchbox', { name: 'Search' }).fill('zzzznothing');
  await host.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(host.getByText('No quiz matches.')).toBeVisible();

  // Copy the sample into mine.
  await host.getByRole('searchbox', { name: 'Search' }).fill('vanguard sample');
  await host.getByRole('button', { name: 'Search', exact: true }).click();
  await host.getByRole('button', { name: 'Copy Vanguard sample quiz to my quizzes' }).first().click();
  await expect(host.getByText('“Vanguard sample quiz” was copied into your quizzes.')).toBeVisible();
  await host.getByRole('button', { name: 'My quizzes', exact: true }).click();
  await host.getByRole('button', { name: 'Stop filtering by sample' }).click();
  await host.getByRole('searchbox', { name: 'Search' }).fill('');
  await host.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(host.getByRole('heading', { name: 'Vanguard sample quiz' })).toHaveCount(1);
  await expect(host.getByRole('link', { name: 'Edit Vanguard sample quiz' })).toBeVisible();

  // Export the file, then import it back: a second copy, owned by this host.
  const [download] = await Promise.all([host.waitForEvent('download'), host.getByRole('button', { name: 'Export Vanguard sample quiz' }).click()]);
  expect(download.suggestedFilename()).toBe('vanguard-sample-quiz.json');
  const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as { format: string; version: number; quiz: { title: string; questions: unknown[] } };
  expect(file.format).toBe('vanguard-quiz');
  expect(file.quiz.questions).toHaveLength(10);
  await host.getByLabel('Import a quiz file').setInputFiles({ name: 'sample.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(host.getByText('“Vanguard sample quiz” was imported into your quizzes.')).toBeVisible();
  await expect(host.getByRole('heading', { name: 'Vanguard sample quiz' })).toHaveCount(2);
  // A broken file is refused with the server's reason, and nothing is imported.
  await host.getByLabel('Import a quiz file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, version: 99 })) });
  await expect(host.getByRole('alert')).toBeVisible();
  await expect(host.getByRole('heading', { name: 'Vanguard sample quiz' })).toHaveCount(2);
  await expectAccessible(host, 'library, mine');

  // Delete asks first; cancelling keeps the quiz.
  await host.getByRole('button', { name: 'Delete Vanguard sample quiz' }).first().click();
  await expect(host.getByRole('dialog', { name: 'Delete “Vanguard sample quiz”?' })).toBeVisible();
  await expectAccessible(host, 'delete a quiz');
  await host.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(host.getByRole('heading', { name: 'Vanguard sample quiz' })).toHaveCount(2);
  await host.getByRole('button', { name: 'Delete Vanguard sample quiz' }).first().click();
  await host.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(host.getByText('The quiz was deleted.')).toBeVisible();
  await expect(host.getByRole('heading', { name: 'Vanguard sample quiz' })).toHaveCount(1);
  const api = await apiAs(request, account);
  const mine = await api.call<{ totalItems: number }>('GET', '/api/quizzes?mine=true');
  expect(mine.totalItems).toBe(1);

  // Sign out: the refresh cookie is revoked, so a reload asks to sign in, keeping the page.
  await host.goto('/host/sessions');
  await host.getByRole('button', { name: `Account of ${account.displayName}` }).click();
  await host.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(host.getByRole('heading', { name: 'Sign in to host' })).toBeVisible();
  await host.goto('/host/sessions');
  await expect(host).toHaveURL(/\/host\/sign-in\?next=%2Fhost%2Fsessions$/);
  await host.getByLabel('E-mail').fill(account.email);
  await host.getByLabel('Password').fill('not the password');
  await host.getByRole('button', { name: 'Sign in' }).click();
  await expect(host.getByRole('alert')).toHaveText('That e-mail and password do not match an account.');
  await host.getByLabel('Password').fill(account.password);
  await host.getByRole('button', { name: 'Sign in' }).click();
  await expect(host.getByRole('heading', { name: 'Past games' })).toBeVisible();
});
