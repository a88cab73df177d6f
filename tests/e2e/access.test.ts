import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { adminToken, mintToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { routeLinkToken } from './route-links.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts));

const socketUrls = (requested: string[]): string[] => requested.filter((url) => url.startsWith('ws:'));
// The provider puts the document's name in the socket's path: counting names keeps these true as pages open more documents.
const documentsOf = (requested: string[]): number => new Set(socketUrls(requested).map((url) => new URL(url).pathname)).size;

test('the token leaves the address bar, is kept for the route, and nothing is asked of any other host', async () => {
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/setup', token: adminToken });
  await waitForStatus(ana.page, 'connected');
  expect(new URL(ana.page.url()).searchParams.has('token')).toBe(false);
  expect(new URL(ana.page.url()).pathname).toBe('/r/laos-2013/setup');

  // Kept on the device: a reload and a visit to the home page work without it in the address.
  await ana.page.reload();
  await waitForStatus(ana.page, 'connected');
  await ana.page.goto(`${server.url}/`);
  await ana.page.getByTestId('route-card').first().waitFor();

  const ownHost = new URL(server.url).host;
  for (const url of ana.requested) {
    expect(new URL(url).host, url).toBe(ownHost);
    expect(['http:', 'ws:'], url).toContain(new URL(url).protocol);
  }
  await ana.context.close();
});

test('a wrong token shows why and stops reconnecting', async () => {
  const { page, context, requested } = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/setup', token: 'not-a-real-token' });
  await page.getByTestId('refusal').getByText('This access token is not valid').waitFor();
  await waitForStatus(page, 'refused');
  expect(await page.getByTestId('section-days').count()).toBe(0);
  await screenshot(page, 'refused-wrong-token');

  const sockets = (): number => socketUrls(requested).length;
  const accessChecks = (): number => requested.filter((url) => url.includes('/access')).length;
  // The provider's own backoff would have tried about six more times per document in these four seconds.
  const socketsAtRefusal = sockets();
  await page.waitForTimeout(4000);
  expect(sockets()).toBe(socketsAtRefusal);
  // Every document the page opens (the route, its river, the room's control): at most two attempts and two checks each.
  const documents = documentsOf(requested);
  expect(documents).toBeGreaterThan(0);
  expect(sockets()).toBeLessThanOrEqual(2 * documents);
  expect(accessChecks()).toBeLessThanOrEqual(2 * documents);
  await context.close();
});

test('without a token the home page says to open the facilitator’s link', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Chi', path: '/' });
  await page.getByTestId('home-no-token').getByText('open the link your facilitator gave you').waitFor();
  await context.close();
});

test('a participant sees the setup read-only and no join links', async () => {
  const token = await routeLinkToken(server, 'laos-2013', 'participant');
  const { page, context } = await openPerson(browser, server, { name: 'Dao', path: '/r/laos-2013/setup', token });
  await waitForStatus(page, 'connected');
  await page.getByTestId('setup-read-only').waitFor();
  // Said once, by the setup page, not again by the page's general read-only line.
  expect(await page.getByTestId('read-only').count()).toBe(0);
  expect(await page.getByTestId('days-add').count()).toBe(0);
  expect(await page.getByTestId('details-title').getAttribute('readonly')).not.toBeNull();
  expect(await page.getByTestId('section-links').count()).toBe(0);
  await screenshot(page, 'setup-participant');
  await context.close();
});

test('a facilitator’s link is kept for its route only, and the setup shows both links', async () => {
  const token = await routeLinkToken(server, 'laos-2013', 'facilitator');
  const { page, context } = await openPerson(browser, server, { name: 'Eli', path: '/r/laos-2013/setup', token });
  await waitForStatus(page, 'connected');
  for (const role of ['participant', 'facilitator']) {
    const url = await page.getByTestId(`link-${role}`).locator('input').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/r/laos-2013/river\\?token=t1\\.`));
  }
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('tributary.tokens') ?? '{}') as Record<string, string>);
  expect(kept).toEqual({ 'laos-2013': token });
  await context.close();
});

test('a token that expires while connected ends access with the reason, without retrying', async () => {
  // Long enough for the page to open and connect on a loaded two-core machine before the token runs out.
  const token = await mintToken(server, { scope: 'route/laos-2013', access: 'write', expiresInDays: 8 / 86_400 });
  const { page, context, requested } = await openPerson(browser, server, { name: 'Fai', path: '/r/laos-2013/setup', token });
  await waitForStatus(page, 'connected');
  await page.getByTestId('refusal').getByText('This access token has expired').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(3000);
  // One socket per document (parts of a page share a document's connection), none after the server closed them.
  expect(socketUrls(requested).length).toBe(documentsOf(requested));
  await context.close();
});
