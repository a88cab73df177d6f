import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestServer } from './server.ts';

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, sockets included, to check that nothing leaves the server. */
  requested: string[];
}

/**
 * A person with a browser profile of their own who already chose a name (so the first-visit prompt does
 * not cover the page) and a language, opening `path` with `token` in the address as a link would carry it.
 */
export async function openPerson(
  browser: Browser,
  server: TestServer,
  options: { name: string; path: string; token?: string; locale?: 'en' | 'lo' | 'vi'; viewport?: { width: number; height: number }; isMobile?: boolean;
    /** 'block' stands for a browser that cannot keep the app shell (plain http on the venue network). */
    serviceWorkers?: 'allow' | 'block' },
): Promise<Person> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  await context.addInitScript(
    ([name, locale]) => {
      if (localStorage.getItem('tributary.name') === null) localStorage.setItem('tributary.name', name);
      if (locale && localStorage.getItem('tributary.locale') === null) localStorage.setItem('tributary.locale', locale);
    },
    [options.name, options.locale ?? 'en'] as const,
  );
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const page = await context.newPage();
  page.on('websocket', (socket) => requested.push(socket.url()));
  const url = new URL(options.path, server.url);
  if (options.token) url.searchParams.set('token', options.token);
  await page.goto(url.href);
  return { context, page, requested };
}

/** Waits until the page's connection indicator shows `status` (`connected` means synced). */
export function waitForStatus(page: Page, status: 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused'): Promise<void> {
  return page.locator(`[data-testid="connection-status"][data-status="${status}"]`).waitFor();
}
