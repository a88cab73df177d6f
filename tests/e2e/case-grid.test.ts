import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { card, dragTo } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let facilitator: string;
const viewport = { width: 1920, height: 1080 };
const gridPath = '/r/laos-2013/cases/asparagus';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** A grid card by text in a cell (the board calls rows lanes and columns days, see grid-axes.ts). */
function cardIn(page: Page, text: string, rowId: string, columnId: string): Promise<void> {
  return page.locator(`[data-testid="card"][data-stream="${rowId}"][data-day="${columnId}"]`, { hasText: text }).waitFor();
}

async function addInline(page: Page, rowId: string, columnId: string, text: string): Promise<void> {
  await page.locator(`[data-testid="add-slot"][data-stream="${rowId}"][data-day="${columnId}"]`).click();
  await page.getByTestId('card-editor').fill(text);
  await page.getByTestId('card-editor').press('Enter');
  await page.getByTestId('card-editor').press('Escape');
  await card(page, text).waitFor();
}

async function openGrid(name: string, token: string, options: { path?: string; locale?: 'en' | 'lo' | 'vi' } = {}): Promise<Person> {
  const person = await openPerson(browser, server, { name, path: options.path ?? gridPath, token, viewport, locale: options.locale });
  await waitForStatus(person.page, 'connected');
  return person;
}

async function pickGroup(page: Page, groupId: string): Promise<void> {
  await page.getByTestId('group-picker').selectOption(groupId);
  await page.locator(`[data-testid="case-grid"][data-group="${groupId}"]`).waitFor();
}

test('two people on one group’s grid see each other’s cards and moves live; another group’s grid stays apart', async () => {
  const [ana, binh] = await Promise.all([openGrid('Ana', participant), openGrid('Binh', participant)]);
  await Promise.all([pickGroup(ana.page, 'g2'), pickGroup(binh.page, 'g2')]);

  const text = 'The buyer pays a fixed price agreed before planting';
  await addInline(ana.page, 'partnership', 'privateSector', text);
  await cardIn(binh.page, text, 'partnership', 'privateSector');

  await dragTo(binh.page, card(binh.page, text), binh.page.locator('[data-testid="add-slot"][data-stream="results"][data-day="community"]'));
  await cardIn(ana.page, text, 'results', 'community');
  await binh.page.mouse.move(700, 600);
  await binh.page.mouse.move(720, 620, { steps: 3 });
  await ana.page.getByTestId('peer-cursor').filter({ hasText: 'Binh' }).waitFor();
  await screenshot(ana.page, 'grid-ana-sees-binh-1920x1080', { fullPage: false });

  // Group 1's grid does not show group 2's card; the choice is remembered on the next visit.
  await pickGroup(ana.page, 'g1');
  await card(ana.page, 'Contracts').or(card(ana.page, 'The trader fixes the price')).first().waitFor();
  expect(await card(ana.page, text).count()).toBe(0);
  await ana.page.reload();
  await ana.page.locator('[data-testid="case-grid"][data-group="g1"]').waitFor();

  const own = new URL(server.url).host;
  expect([...ana.requested, ...binh.requested].filter((url) => new URL(url).host !== own)).toEqual([]);
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('the route’s navigation and the river’s visit day lead to each host’s grid in one step', async () => {
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: participant, viewport });
  await waitForStatus(ana.page, 'connected');
  expect(await ana.page.getByTestId('nav-grid').count()).toBe(3);
  await ana.page.getByTestId('day-grid-link').nth(1).click();
  await ana.page.waitForURL('**/r/laos-2013/cases/dyes');
  await ana.page.getByTestId('grid-row').first().waitFor();
  await ana.page.getByTestId('nav-grid').nth(2).click();
  await ana.page.waitForURL('**/r/laos-2013/cases/coffee');
  await card(ana.page, 'An exporter buys the whole harvest').waitFor();
  await ana.context.close();
});

test('a facilitator edits the template for every group; participants cannot; removed rows keep their cards as unsorted', async () => {
  const [fac, noy] = await Promise.all([openGrid('Facilitator', facilitator, { path: '/r/laos-2013/cases/coffee' }), openGrid('Noy', participant, { path: '/r/laos-2013/cases/coffee' })]);
  expect(await noy.page.getByTestId('edit-template').count()).toBe(0);
  await pickGroup(noy.page, 'g1');
  await cardIn(noy.page, 'An exporter buys the whole harvest', 'actors', 'privateSector');

  await fac.page.getByTestId('edit-template').click();
  const actors = fac.page.getByTestId('template-rows').locator('li').nth(1);
  await actors.getByTestId('axis-remove').click();
  await fac.page.getByTestId('add-rows').click();
  await fac.page.getByTestId('template-rows').locator('li').last().getByTestId('axis-name').fill('Market access');
  await fac.page.getByTestId('template-rows').locator('li').last().getByTestId('axis-name').press('Enter');
  await fac.page.getByTestId('template-close').click();

  await cardIn(noy.page, 'An exporter buys the whole harvest', 'unsorted', 'privateSector');
  await noy.page.locator('[data-testid="grid-row"]', { hasText: 'Market access' }).waitFor();
  await screenshot(noy.page, 'grid-unsorted-after-template-edit-1920x1080', { fullPage: false });
  await Promise.all([fac.context.close(), noy.context.close()]);
});

test('the comparison shows every group’s cells; a promoted card appears in the river with a link back', async () => {
  const fac = await openGrid('Facilitator', facilitator, { path: `${gridPath}/compare` });
  await fac.page.locator('[data-testid="grid-column"]', { hasText: 'Group 3' }).waitFor();
  expect(await fac.page.getByTestId('grid-column').count()).toBe(9);
  await card(fac.page, 'Trust first, contract second').waitFor();
  await card(fac.page, 'Income is steadier').waitFor();
  await card(fac.page, 'The trader fixes the price').waitFor();
  await fac.page.getByTestId('compare-row').selectOption('lessons');
  await card(fac.page, 'Trust first, contract second').click();
  await fac.page.getByTestId('mark-key').click();
  await fac.page.locator('[data-testid="card-badge"]').first().waitFor();
  await fac.page.getByTestId('promote').click();
  await fac.page.getByTestId('promoted').waitFor();
  await screenshot(fac.page, 'grid-compare-promoted-1920x1080', { fullPage: false });

  const river = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/river', token: participant, viewport });
  await waitForStatus(river.page, 'connected');
  await river.page.locator('[data-testid="card"][data-stream="lessons"][data-day="d2"]', { hasText: 'Trust first, contract second' }).click();
  await river.page.getByTestId('open-source').click();
  await river.page.waitForURL('**/r/laos-2013/cases/asparagus?card=*');
  await river.page.locator('[data-testid="case-grid"][data-group="g3"]').waitFor();
  await river.page.locator('[data-testid="card"][aria-selected="true"]', { hasText: 'Trust first, contract second' }).waitFor();
  await Promise.all([fac.context.close(), river.context.close()]);
});

for (const locale of ['lo', 'vi'] as const) {
  for (const size of [viewport, { width: 1366, height: 768 }]) {
    test(`the grid and the comparison in ${locale} at ${size.width}x${size.height}`, async () => {
      const person = await openPerson(browser, server, { name: 'Khamla', path: gridPath, token: facilitator, viewport: size, locale });
      await waitForStatus(person.page, 'connected');
      await person.page.getByTestId('grid-row').first().waitFor();
      await screenshot(person.page, `grid-${locale}-${size.width}x${size.height}`, { fullPage: false });
      await person.page.getByTestId('compare-link').click();
      await person.page.locator('[data-testid="grid-column"]').first().waitFor();
      await screenshot(person.page, `grid-compare-${locale}-${size.width}x${size.height}`, { fullPage: false });
      await person.context.close();
    });
  }
}

test('on a phone, a participant adds a card with a photo from the camera or gallery, one row at a time', async () => {
  const phone = { width: 390, height: 844 };
  const mobile = await openPerson(browser, server, { name: 'Noy', path: '/r/laos-2013/cases/dyes', token: participant, viewport: phone, isMobile: true });
  const { page } = mobile;
  await waitForStatus(page, 'connected');
  await page.getByTestId('row-picker').waitFor();
  await screenshot(page, 'grid-phone-390x844', { fullPage: false });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // The rows are the route's template, which an earlier test of this file has edited.
  const rows = await page.getByTestId('row-picker').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await page.getByTestId('next-row').tap();
  expect(await page.getByTestId('row-picker').inputValue()).toBe(rows[1]);

  await page.getByTestId('add-card').tap();
  await page.getByTestId('pick-row').selectOption('results');
  await page.getByTestId('pick-column').selectOption('community');
  await page.getByTestId('add-text').fill('Shops in Pakse now order every month');
  await page.getByTestId('add-submit').tap();
  expect(await page.getByTestId('row-picker').inputValue()).toBe('results');
  await cardIn(page, 'Shops in Pakse now order every month', 'community', 'results');

  const sharp = (await import('sharp')).default;
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3c8a55' } }).jpeg().toBuffer();
  await page.getByTestId('photo-input').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('[data-testid="card"]', { hasText: 'Shops in Pakse' }).getByTestId('card-photo').waitFor();
  await screenshot(page, 'grid-phone-photo-390x844', { fullPage: false });
  await page.getByTestId('open-photos').tap();
  await page.getByTestId('full-photo').waitFor();
  expect(await page.getByTestId('full-photo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);

  await page.keyboard.press('Escape');
  await page.getByTestId('photo-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture') });
  await page.getByTestId('photo-error').waitFor();
  await mobile.context.close();
});
