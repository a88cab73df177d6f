import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import type { TlsFiles } from '../../server/config.ts';
import { startTestServer, type TestServer } from './server.ts';

/**
 * One real server and one Chromium per test file, started before its tests and stopped after.
 * `use` receives them once started, so a file keeps plain `server` and `browser` variables.
 */
export function useServerAndBrowser(
  use: (parts: { server: TestServer; browser: Browser }) => void,
  options: { tls?: TlsFiles; chromiumArgs?: string[] } = {},
): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer({ tls: options.tls });
    browser = await launchChromium(options.chromiumArgs);
    use({ server, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
