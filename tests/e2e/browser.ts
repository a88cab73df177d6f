import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

const chromiumPath = '/usr/bin/chromium';
const artifactsDir = 'test-artifacts';

/**
 * Debian's Chromium, never a downloaded build. The flags keep it from reaching for Google's services,
 * which would both fail here (no internet) and pollute the "requests no other host" check.
 * Playwright's launch() already gives every browser a fresh temporary user-data-dir.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Kept under test-artifacts/ for people to look at; `fullPage: false` for the window as the person sees it. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: `${artifactsDir}/${name}.png`, fullPage: options.fullPage ?? true });
}
