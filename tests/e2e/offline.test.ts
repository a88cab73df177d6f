import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { adminToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

const assetsDir = fileURLToPath(new URL('../../dist/client/assets', import.meta.url));
let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts));

function groupNames(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="groups-item"] input', (inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

test('an edit made offline survives a reload made offline and reaches the others on reconnect', async () => {
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/setup', token: adminToken });
  const binh = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/setup', token: adminToken });
  await waitForStatus(ana.page, 'connected');
  await waitForStatus(binh.page, 'connected');
  // The app shell must be cached before the network goes.
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await ana.context.setOffline(true);
  await waitForStatus(ana.page, 'offline');
  // This browser can reopen the page from its cache, so it is not asked to keep it open.
  expect(await ana.page.getByTestId('keep-open').count()).toBe(0);
  await ana.page.getByTestId('groups-add').click();
  await ana.page.locator('[data-testid="groups-item"]').last().locator('input').fill('Written offline');
  await ana.page.locator('[data-testid="connection-status"][data-unsent="2"]').waitFor();
  await ana.page.getByTestId('unsent').getByText('2 changes not sent yet').waitFor();
  await ana.page.getByTestId('section-groups').scrollIntoViewIfNeeded();
  await screenshot(ana.page, 'offline-unsent', { fullPage: false });

  // Playwright's offline mode does not reach a service worker's own requests, so the server goes away
  // too: the reload below can only come from the cache.
  await server.pause();
  // The one still online sees the lost server as a reconnect, not as being offline.
  await waitForStatus(binh.page, 'reconnecting');
  await ana.page.reload();
  await waitForStatus(ana.page, 'offline');
  await expect.poll(() => groupNames(ana.page)).toContain('Written offline');
  await ana.page.locator('[data-testid="connection-status"][data-unsent="2"]').waitFor();
  // Still a facilitator's page: what the server granted before is remembered.
  await ana.page.getByTestId('groups-add').waitFor();
  await ana.page.getByTestId('section-groups').scrollIntoViewIfNeeded();
  await screenshot(ana.page, 'offline-after-reload', { fullPage: false });

  await server.resume();
  await ana.context.setOffline(false);
  await waitForStatus(ana.page, 'connected');
  expect(await ana.page.getByTestId('connection-status').getAttribute('data-unsent')).toBe('0');
  await waitForStatus(binh.page, 'connected');
  await expect.poll(() => groupNames(binh.page), { timeout: 10_000 }).toContain('Written offline');

  // Edits flow both ways again.
  await binh.page.locator('[data-testid="groups-item"]').first().locator('input').fill('Group 1 (Binh)');
  await expect.poll(() => groupNames(ana.page)).toContain('Group 1 (Binh)');
  await binh.page.getByTestId('section-groups').scrollIntoViewIfNeeded();
  await screenshot(binh.page, 'offline-merged', { fullPage: false });
});

test('offline, the home page opens from the cache with the routes as last loaded', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Chi', path: '/', token: adminToken });
  await page.getByTestId('route-card').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await server.pause();
  try {
    await page.reload();
    await page.getByText('Offline: these are the routes as they were last loaded.').waitFor();
    await page.locator('[data-testid="route-card"][data-route-id="laos-2013"]').waitFor();
    await screenshot(page, 'offline-home', { fullPage: false });
  } finally {
    await server.resume();
  }
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByText('Offline: these are the routes').waitFor({ state: 'detached' });
  await context.close();
});

test('the service worker precaches exactly this build’s files and is always revalidated', async () => {
  const response = await fetch(`${server.url}/sw.js`);
  expect(response.headers.get('cache-control')).toBe('no-cache');
  const source = await response.text();
  const precache = JSON.parse(/^const precache = (.*);$/m.exec(source)![1]!) as { version: string; files: string[] };
  // The build's Brotli and gzip copies are how files travel, not files of their own.
  const built = (await readdir(assetsDir)).filter((name) => !/\.(br|gz)$/.test(name));
  expect(precache.files.toSorted()).toEqual(built.map((name) => `/assets/${name}`).toSorted());
  expect(precache.files.some((file) => file.endsWith('.woff2'))).toBe(true);
  expect(source).toContain(precache.version);
});

test('the build\'s scripts and the app shell are sent as the build compressed them, Brotli or gzip as the browser accepts', async () => {
  const script = (await readdir(assetsDir)).find((name) => name.startsWith('plan-page-') && name.endsWith('.js'))!;
  const files = [
    { url: `/assets/${script}`, file: join(assetsDir, script), type: 'text/javascript; charset=utf-8', cache: 'public, max-age=31536000, immutable' },
    // A client-side route answers with index.html's copies as well.
    { url: '/r/laos-2013/plans/livestock', file: join(assetsDir, '../index.html'), type: 'text/html; charset=utf-8', cache: 'no-cache' },
  ];
  for (const { url, file, type, cache } of files) {
    const source = await readFile(file, 'utf8');
    for (const [accepted, sent, copy] of [['gzip, deflate, br, zstd', 'br', '.br'], ['gzip', 'gzip', '.gz']] as const) {
      const response = await fetch(`${server.url}${url}`, { headers: { 'accept-encoding': accepted } });
      const label = `${url} (${accepted})`;
      expect(response.headers.get('content-encoding'), label).toBe(sent);
      expect(Number(response.headers.get('content-length')), label).toBe((await stat(file + copy)).size);
      expect(response.headers.get('content-type'), label).toBe(type);
      expect(response.headers.get('vary'), label).toBe('Accept-Encoding');
      expect(response.headers.get('cache-control'), label).toBe(cache);
      // fetch decodes it: the copy holds exactly the built file, compressed once.
      expect(await response.text(), label).toBe(source);
    }
  }
});

test('a browser that cannot keep the app shell is told to keep the page open while offline', async () => {
  const { page, context } = await openPerson(browser, server, {
    name: 'Dao',
    path: '/r/laos-2013/setup',
    token: adminToken,
    serviceWorkers: 'block',
  });
  await waitForStatus(page, 'connected');
  expect(await page.getByTestId('keep-open').count()).toBe(0);
  await context.setOffline(true);
  await waitForStatus(page, 'offline');
  await page.getByTestId('keep-open').getByText('Keep this page open until the connection is back').waitFor();
  await screenshot(page, 'offline-keep-open', { fullPage: false });
  await context.setOffline(false);
  await waitForStatus(page, 'connected');
  await page.getByTestId('keep-open').waitFor({ state: 'detached' });
  await context.close();
});
