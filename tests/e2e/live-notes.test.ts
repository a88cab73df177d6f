import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './browser.ts';
import { adminToken, startTestServer, type TestServer } from './server.ts';

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

/** A person with a browser profile of their own, every request they make recorded. */
async function openPerson(name: string): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width: 900, height: 640 } });
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const page = await context.newPage();
  page.on('websocket', (socket) => requested.push(socket.url()));
  await page.goto(`${server.url}/?token=${adminToken}`);
  await expectStatus(page, 'connected');
  const nameInput = page.getByTestId('name-input');
  await nameInput.fill(name);
  await nameInput.press('Enter');
  return { page, requested };
}

function expectStatus(page: Page, status: string): Promise<void> {
  return page.getByTestId('connection-status').and(page.locator(`[data-status="${status}"]`)).waitFor();
}

test('two people see each other and each other’s notes, and the token leaves the address bar', async () => {
  const ana = await openPerson('Ana');
  const binh = await openPerson('Binh');

  for (const { page } of [ana, binh]) {
    await page.locator('[data-testid="presence"][data-count="2"]').waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  }
  await binh.page.getByText('Ana', { exact: true }).waitFor();

  await ana.page.getByTestId('note-input').fill('Water committee meets on Tuesdays');
  await ana.page.getByTestId('note-input').press('Enter');
  await binh.page.getByTestId('note').getByText('Water committee meets on Tuesdays').waitFor();

  await binh.page.getByTestId('note-input').fill('Bring the village map');
  await binh.page.getByRole('button', { name: 'Add' }).click();
  await ana.page.getByTestId('note').getByText('Bring the village map').waitFor();
  await screenshot(ana.page, 'live-notes-ana');
  await screenshot(binh.page, 'live-notes-binh');

  await ana.page.getByRole('button', { name: 'Delete note: Water committee meets on Tuesdays' }).click();
  await expect.poll(() => binh.page.getByTestId('note').allTextContents()).toEqual([
    expect.stringContaining('Bring the village map'),
  ]);

  // The token was kept on the device: a reload without it in the address still connects.
  await ana.page.reload();
  await expectStatus(ana.page, 'connected');
  expect(await ana.page.getByTestId('note').count()).toBe(1);

  const ownOrigin = new URL(server.url);
  for (const url of [...ana.requested, ...binh.requested]) {
    const requested = new URL(url);
    expect(requested.host, url).toBe(ownOrigin.host);
    expect(['http:', 'ws:'], url).toContain(requested.protocol);
  }
});

test('the page shows a lost connection, reconnects by itself and keeps the notes', async () => {
  const { page } = await openPerson('Chi');
  await page.getByTestId('note-input').fill('Survives a server restart');
  await page.getByTestId('note-input').press('Enter');
  // The note must have reached the server before it stops; another person seeing it proves that.
  const witness = await openPerson('Dao');
  await witness.page.getByTestId('note').getByText('Survives a server restart').waitFor();
  await witness.page.context().close();

  await server.pause();
  await expectStatus(page, 'reconnecting');
  await screenshot(page, 'reconnecting');
  await server.resume();
  await expectStatus(page, 'connected');

  const fresh = await openPerson('Eli');
  await fresh.page.getByTestId('note').getByText('Survives a server restart').waitFor();
});
