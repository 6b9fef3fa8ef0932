import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const DIRECTORY = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** Saves the phone's screen as docs/screenshots/player-{name}.png (linked from the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${DIRECTORY}player-${name}.png`, animations: 'disabled' });
}
