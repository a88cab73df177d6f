import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus } from './people.ts';
import { addInline, card, cardIn } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let facilitator: string;
const viewport = { width: 1920, height: 1080 };
const gridPath = '/r/laos-2013/cases/coffee';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

function rowNames(page: Page): Promise<string[]> {
  return page.getByTestId('grid-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row') ?? ''));
}

test('grid edits made offline are kept in the browser, survive a reload, and merge with others’ on reconnect', async () => {
  const ana = await openPerson(browser, server, { name: 'Ana', path: gridPath, token: participant, viewport });
  const binh = await openPerson(browser, server, { name: 'Binh', path: gridPath, token: participant, viewport });
  await Promise.all([waitForStatus(ana.page, 'connected'), waitForStatus(binh.page, 'connected')]);
  await cardIn(ana.page, 'An exporter buys the whole harvest', 'actors', 'privateSector');
  // The app shell must be cached before the network goes.
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await ana.context.setOffline(true);
  await waitForStatus(ana.page, 'offline');
  await addInline(ana.page, 'challenges', 'community', 'Written offline: young people leave for the city');
  // Offline, Ana recolours a card Binh is about to edit the text of: both changes must survive.
  await card(ana.page, 'An exporter buys the whole harvest').click();
  await ana.page.getByTestId('color-3').click();
  await binh.page.getByTestId('add-slot').first().waitFor();
  await addInline(binh.page, 'results', 'publicSector', 'Written online meanwhile: the district lists the group');
  await card(binh.page, 'An exporter buys the whole harvest').dblclick();
  await binh.page.getByTestId('card-editor').fill('An exporter buys the whole harvest at a fixed price');
  await binh.page.getByTestId('card-editor').press('Enter');
  expect(await card(ana.page, 'Written online meanwhile').count()).toBe(0);

  // Playwright's offline mode does not reach a service worker's own requests, so the server goes away
  // too: the reload below can only come from the browser's cache and its stored grid.
  await server.pause();
  await ana.page.reload();
  await waitForStatus(ana.page, 'offline');
  await card(ana.page, 'Written offline: young people leave for the city').waitFor();
  await screenshot(ana.page, 'grid-offline-after-reload-1920x1080', { fullPage: false });

  await server.resume();
  await ana.context.setOffline(false);
  await waitForStatus(ana.page, 'connected');
  await card(binh.page, 'Written offline: young people leave for the city').waitFor({ timeout: 10_000 });
  await card(ana.page, 'Written online meanwhile: the district lists the group').waitFor();
  // One card, both changes: Binh's text and Ana's colour, on both screens.
  for (const page of [ana.page, binh.page]) {
    const merged = card(page, 'An exporter buys the whole harvest at a fixed price');
    await merged.waitFor();
    await expect.poll(() => merged.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(212, 230, 250)');
  }
  await screenshot(binh.page, 'grid-offline-merged-1920x1080', { fullPage: false });
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('a facilitator undoes a template change: the removed row comes back for every group, with its cards', async () => {
  const fac = await openPerson(browser, server, { name: 'Facilitator', path: gridPath, token: facilitator, viewport });
  const noy = await openPerson(browser, server, { name: 'Noy', path: gridPath, token: participant, viewport });
  await Promise.all([waitForStatus(fac.page, 'connected'), waitForStatus(noy.page, 'connected')]);
  const before = await rowNames(noy.page);
  expect(before).toContain('actors');

  await fac.page.getByTestId('edit-template').click();
  const dialog = fac.page.getByTestId('template-dialog');
  await dialog.getByTestId('template-rows').locator('li').nth(before.indexOf('actors')).getByTestId('axis-remove').click();
  await noy.page.locator('[data-testid="card"][data-stream="unsorted"]', { hasText: 'An exporter buys the whole harvest' }).waitFor();

  await dialog.getByTestId('undo').click();
  await expect.poll(() => rowNames(noy.page)).toEqual(before);
  await cardIn(noy.page, 'An exporter buys the whole harvest', 'actors', 'privateSector');
  // Redo removes it again; Ctrl+Z in the open editor (outside its fields) takes back the template, not cards.
  await dialog.getByTestId('redo').click();
  await expect.poll(() => rowNames(noy.page)).not.toContain('actors');
  await dialog.getByTestId('template-close').focus();
  await fac.page.keyboard.press('Control+z');
  await expect.poll(() => rowNames(noy.page)).toEqual(before);
  await screenshot(fac.page, 'grid-template-undo-1920x1080', { fullPage: false });
  await Promise.all([fac.context.close(), noy.context.close()]);
});
