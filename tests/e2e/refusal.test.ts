import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './browser.ts';
import { mintToken, startTestServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openWithToken(token: string | null): Promise<{ page: Page; sockets: string[]; accessChecks: string[] }> {
  const context = await browser.newContext({ viewport: { width: 900, height: 480 } });
  const page = await context.newPage();
  const sockets: string[] = [];
  const accessChecks: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('request', (request) => {
    if (request.url().includes('/access')) accessChecks.push(request.url());
  });
  await page.goto(token === null ? server.url : `${server.url}/?token=${token}`);
  return { page, sockets, accessChecks };
}

test('a wrong token shows why and stops reconnecting', async () => {
  const { page, sockets, accessChecks } = await openWithToken('not-a-real-token');
  await page.getByTestId('refusal').getByText('This access token is not valid').waitFor();
  expect(await page.getByTestId('connection-status').getAttribute('data-status')).toBe('refused');
  expect(await page.getByTestId('note-input').count()).toBe(0);
  await screenshot(page, 'refused-wrong-token');

  // The provider's own backoff would have tried about six more times in these four seconds.
  const attemptsAtRefusal = sockets.length;
  await page.waitForTimeout(4000);
  expect(sockets.length).toBe(attemptsAtRefusal);
  expect(sockets.length).toBeLessThanOrEqual(2);
  expect(accessChecks.length).toBeLessThanOrEqual(2);
});

test('a link without a token says to ask the facilitator', async () => {
  const { page } = await openWithToken(null);
  await page.getByTestId('refusal').getByText('This link has no access token').waitFor();
});

test('a read-only token can watch but not write', async () => {
  const token = await mintToken(server, { scope: 'demo', access: 'read' });
  const { page } = await openWithToken(token);
  await page.getByText('You can view this board but not change it.').waitFor();
  expect(await page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected');
  expect(await page.getByTestId('note-input').isDisabled()).toBe(true);
  await screenshot(page, 'read-only');
});

test('a token that expires while connected ends access with the reason, without retrying', async () => {
  const token = await mintToken(server, { scope: 'demo', access: 'write', expiresInDays: 2 / 86_400 });
  const { page, sockets } = await openWithToken(token);
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
  await page.getByTestId('refusal').getByText('This access token has expired').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(3000);
  expect(sockets.length).toBe(1);
});
