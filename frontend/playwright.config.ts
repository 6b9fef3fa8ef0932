import { defineConfig, devices } from '@playwright/test';

/**
 * The browser tests run Debian's Chromium (Playwright's own download is not used) against a
 * running platform: `./vanguard up`, then the gateway at VANGUARD_BASE_URL.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results/playwright-output',
  reporter: [['list'], ['junit', { outputFile: 'test-results/playwright-junit.xml' }]],
  use: {
    ...devices['Pixel 7'],
    // The phone the issue names: 390×844, touch, portrait.
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    baseURL: process.env.VANGUARD_BASE_URL ?? 'http://localhost:8080',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.VANGUARD_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
