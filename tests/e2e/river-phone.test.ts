import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { card, cardIn, riverPath } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
const phone = { width: 390, height: 844 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
});

function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** A finger held on `from` until the card lifts, then slid to `to`: a touch drag, through the DevTools protocol. */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', point?: { x: number; y: number }) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: point ? [{ x: point.x, y: point.y, id: 1 }] : [] });
  await touch('touchStart', from);
  await page.waitForTimeout(600);
  for (let step = 1; step <= 10; step += 1) {
    await touch('touchMove', { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 });
  }
  await page.getByTestId('drop-target').waitFor();
  await touch('touchEnd');
  await cdp.detach();
}

test('on a phone, a participant reads the river, adds a card, edits it and moves it with the move menu and by touch', async () => {
  const laptop = await openPerson(browser, server, { name: 'Ana', path: riverPath, token: participant, viewport: { width: 1366, height: 768 } });
  const mobile = await openPerson(browser, server, { name: 'Noy', path: riverPath, token: participant, viewport: phone, isMobile: true });
  const { page } = mobile;
  await waitForStatus(page, 'connected');
  await card(page, 'Our group sells cardamom').waitFor();
  expect(await pageScrollsSideways(page)).toBe(false);
  await screenshot(page, 'river-phone-390x844', { fullPage: false });

  await page.getByTestId('add-card').tap();
  await page.getByTestId('pick-stream').selectOption('lessons');
  await page.getByTestId('pick-day').selectOption('d4');
  await page.getByTestId('add-text').fill('Buyers pay more for steady quality');
  await screenshot(page, 'river-phone-add-390x844', { fullPage: false });
  await page.getByTestId('add-submit').tap();
  await cardIn(laptop.page, 'Buyers pay more for steady quality', 'lessons', 'd4');

  await card(page, 'Buyers pay more').tap();
  await page.getByTestId('edit-selected').tap();
  await page.getByTestId('card-editor').fill('Buyers pay more for steady, certified quality');
  await page.getByTestId('card-editor').press('Enter');
  await card(laptop.page, 'Buyers pay more for steady, certified quality').waitFor();

  await card(page, 'Buyers pay more').tap();
  await page.getByTestId('move-selected').tap();
  await page.getByTestId('pick-day').selectOption('d5');
  await page.getByTestId('move-submit').tap();
  await cardIn(laptop.page, 'Buyers pay more for steady, certified quality', 'lessons', 'd5');
  await cardIn(page, 'Buyers pay more for steady, certified quality', 'lessons', 'd5');

  // A finger held on the card picks it up; sliding it up a lane drops it there.
  const box = (await card(page, 'Buyers pay more').boundingBox())!;
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await touchDrag(page, from, { x: from.x, y: from.y - 110 });
  await cardIn(laptop.page, 'Buyers pay more for steady, certified quality', 'challenges', 'd5');
  expect(await pageScrollsSideways(page)).toBe(false);
  await screenshot(page, 'river-phone-moved-390x844', { fullPage: false });
  await Promise.all([laptop.context.close(), mobile.context.close()]);
});

test('a plain finger drag pans the board instead of moving a card; two fingers zoom', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Phet', path: riverPath, token: participant, viewport: phone, isMobile: true, locale: 'lo' });
  await waitForStatus(page, 'connected');
  const before = (await card(page, 'Our group sells cardamom').boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  await touch('touchStart', before.x + 20, before.y + 20);
  for (let step = 1; step <= 8; step += 1) await touch('touchMove', before.x + 20 - step * 15, before.y + 20 - step * 10);
  await touch('touchEnd');
  const after = (await card(page, 'Our group sells cardamom').boundingBox())!;
  expect(after.x).toBeLessThan(before.x - 60);
  await cardIn(page, 'Our group sells cardamom', 'knowledge', 'd1');
  await screenshot(page, 'river-phone-lao-390x844', { fullPage: false });

  // Two fingers moving apart on the drawn river (no card under them) zoom in.
  const zoom = () => page.getByTestId('zoom-level').textContent();
  const zoomBefore = Number((await zoom())?.replace('%', ''));
  const pinch = (type: 'touchStart' | 'touchMove', spread: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: [{ x: 195 - spread, y: 380, id: 1 }, { x: 195 + spread, y: 380, id: 2 }] });
  await pinch('touchStart', 40);
  for (let spread = 50; spread <= 120; spread += 10) await pinch('touchMove', spread);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  expect(Number((await zoom())?.replace('%', ''))).toBeGreaterThan(zoomBefore * 2);
  await context.close();
});

for (const landing of ['one after the other', 'together', 'after a long press'] as const) {
  test(`two fingers zoom where the first one lands on a card (${landing}), and the card stays in its cell`, async () => {
    const { page, context } = await openPerson(browser, server, { name: 'Phet', path: riverPath, token: participant, viewport: phone, isMobile: true, locale: 'en' });
    await waitForStatus(page, 'connected');
    const box = (await card(page, 'Our group sells cardamom').boundingBox())!;
    const zoom = async () => Number((await page.getByTestId('zoom-level').textContent())?.replace('%', ''));
    const zoomBefore = await zoom();
    const cdp = await context.newCDPSession(page);
    const first = { x: box.x + box.width / 2, y: box.y + box.height / 2, id: 1 };
    const fingers = (type: 'touchStart' | 'touchMove', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: [{ ...first, x: first.x - spread }, { x: first.x + 40 + spread, y: first.y + 30, id: 2 }] });
    if (landing !== 'together') {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [first] });
      // A long press picks the card up to move it; the second finger still zooms, and the card goes back.
      await new Promise((resolve) => setTimeout(resolve, landing === 'after a long press' ? 700 : 80));
    }
    await fingers('touchStart', 0);
    for (let spread = 10; spread <= 120; spread += 10) await fingers('touchMove', spread);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await zoom()).toBeGreaterThan(zoomBefore * 1.5);
    await cardIn(page, 'Our group sells cardamom', 'knowledge', 'd1');
    await context.close();
  });
}
