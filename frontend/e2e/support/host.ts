import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const DIRECTORY = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** The host's laptop or projector: 1920×1080, a mouse, its own cookies. */
export async function openHostScreen(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
    acceptDownloads: true,
  });
  return { context, page: await context.newPage() };
}

/** Saves the host's screen as docs/screenshots/host-{name}.png (linked from the README). */
export async function hostScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${DIRECTORY}host-${name}.png`, animations: 'disabled' });
}

export interface HostAccount {
  email: string;
  password: string;
  displayName: string;
}

export function newHostAccount(displayName: string): HostAccount {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { email: `host-${id}@example.com`, password: `quiz-night-${id}`, displayName };
}

/** Registers through the app's own pages, starting from a page that needs a signed-in host. */
export async function registerInApp(page: Page, account: HostAccount): Promise<void> {
  await page.goto('/host');
  await expect(page.getByRole('heading', { name: 'Sign in to host' })).toBeVisible();
  await page.getByRole('link', { name: 'Create one' }).click();
  await expect(page.getByRole('heading', { name: 'Create a host account' })).toBeVisible();
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Your name').fill(account.displayName);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Quizzes' })).toBeVisible();
}

/** The REST API as the same host, for checking what the screens showed against the server. */
export async function apiAs(request: APIRequestContext, account: HostAccount) {
  const response = await request.post('/api/auth/login', { data: { email: account.email, password: account.password } });
  expect(response.status(), await response.text()).toBe(200);
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const headers = { Authorization: `Bearer ${token}` };
  return {
    async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<T> {
      const answer = await request.fetch(path, { method, headers, data });
      expect([200, 201, 204], `${method} ${path}: ${answer.status()} ${await answer.text()}`).toContain(answer.status());
      const text = await answer.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async uploadImage(png: Buffer): Promise<string> {
      const answer = await request.post('/api/quizzes/images', { headers, multipart: { file: { name: 'picture.png', mimeType: 'image/png', buffer: png } } });
      expect(answer.status(), await answer.text()).toBe(201);
      return ((await answer.json()) as { url: string }).url;
    },
  };
}

/** Reads the QR code a screen shows, from its pixels: proves the code scans. */
export async function decodeQr(image: Locator): Promise<string> {
  const png = PNG.sync.read(await image.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  expect(code, 'a QR code in the image').not.toBeNull();
  return code!.data;
}
