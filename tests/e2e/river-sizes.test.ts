import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { addInline, card, cardLineHeights, cardsWithCutLines, riverPath } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

/** Issue 16: the river's words measured as they are drawn, at the sizes a room uses, in the three languages. */
let server: TestServer;
let browser: Browser;
let participant: string;
const laptop = { width: 1366, height: 768 };
const locales = ['en', 'lo', 'vi'] as const;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
});

/** Whether the card with `text` lies wholly inside the board's window. */
function inView(page: Page, text: string): Promise<boolean> {
  return card(page, text).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const board = document.querySelector('[data-testid="board"]')!.getBoundingClientRect();
    return box.left >= board.left && box.top >= board.top && box.right <= board.right && box.bottom <= board.bottom;
  });
}

/** Whether every card of the river lies inside the board's window: the whole river is in view. */
function allCardsInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const board = document.querySelector('[data-testid="board"]')!.getBoundingClientRect();
    const cards = [...document.querySelectorAll('[data-testid="card"]')].map((element) => element.getBoundingClientRect());
    return cards.length > 10 && cards.every((box) => box.left >= board.left && box.top >= board.top && box.right <= board.right && box.bottom <= board.bottom);
  });
}

/** Whether a card shows its whole text: its last line ends inside the card, above the author's name. */
function showsWholeText(page: Page, text: string): Promise<boolean> {
  return card(page, text).evaluate((element) => {
    const paragraph = element.querySelector('.text')!;
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const lines = [...range.getClientRects()];
    const footer = element.querySelector('.footer')!.getBoundingClientRect();
    return paragraph.scrollHeight <= paragraph.clientHeight + 1 && lines.at(-1)!.bottom <= footer.top + 1;
  });
}

for (const locale of locales) {
  test(`a laptop opens the river at 100 %, with card text of at least 16 px a line and the first days in view; fit is one click (${locale})`, async () => {
    const { page, context } = await openPerson(browser, server, { name: 'Ana', path: riverPath, token: participant, viewport: laptop, locale });
    await waitForStatus(page, 'connected');
    await card(page, 'Our group sells cardamom').waitFor();
    expect(await page.getByTestId('zoom-level').textContent()).toBe('100%');
    const lines = await cardLineHeights(page);
    expect(lines.length).toBeGreaterThan(2);
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(16);
    expect(await inView(page, 'Our group sells cardamom')).toBe(true);
    expect(await inView(page, 'The contract fixes the price')).toBe(true);
    // The route's title whole, above the route's pages and hosts' grids, which had squeezed it to nothing.
    const title = page.getByTestId('page-title');
    expect(await title.evaluate((el) => el.clientWidth > 100 && el.scrollWidth <= el.clientWidth)).toBe(true);
    const nav = (await page.getByRole('navigation').boundingBox())!;
    const titleBox = (await title.boundingBox())!;
    expect(nav.y).toBeGreaterThanOrEqual(titleBox.y + titleBox.height);
    await screenshot(page, `river-laptop-${locale}-1366x768`, { fullPage: false });

    await page.getByTestId('zoom-fit').click();
    await expect.poll(() => allCardsInView(page)).toBe(true);
    await context.close();
  });
}

/** In the first lane, in view when the river opens; a day each, so one test's card does not move the other's tile. */
const longCards = {
  en: 'The buyer agreed to a floor price for two seasons, the group keeps a shared record of every delivery, and the district office checks the scales before each harvest so nobody argues about weight',
  lo: 'ກຸ່ມຊາວກະສິກອນຕົກລົງກັບຜູ້ຊື້ກ່ຽວກັບລາຄາຂັ້ນຕ່ຳສອງລະດູການ ແລະ ບັນທຶກການສົ່ງສິນຄ້າທຸກຄັ້ງຮ່ວມກັນ ເພື່ອໃຫ້ທຸກຄົນເຫັນຕົວເລກດຽວກັນ ແລະ ບໍ່ມີການຜິດຖຽງກັນເລື່ອງນ້ຳໜັກ',
};

for (const locale of ['en', 'lo'] as const) {
  test(`a long card says it has more, and shows its whole text once selected, without the editor (${locale})`, async () => {
    const { page, context } = await openPerson(browser, server, { name: 'Souk', path: riverPath, token: participant, viewport: laptop, locale });
    await waitForStatus(page, 'connected');
    const text = longCards[locale];
    await addInline(page, 'knowledge', locale === 'en' ? 'd3' : 'd2', text);
    await page.mouse.move(5, laptop.height - 5);
    await page.locator('body').click({ position: { x: 5, y: laptop.height - 5 } });
    const long = card(page, text);
    await long.getByTestId('card-more').waitFor();
    expect(await showsWholeText(page, text)).toBe(false);
    const before = (await long.boundingBox())!.height;

    await long.click();
    await page.mouse.move(5, laptop.height - 5);
    expect(await long.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('card-editor').count()).toBe(0);
    expect(await showsWholeText(page, text)).toBe(true);
    expect((await long.boundingBox())!.height).toBeGreaterThan(before);
    expect(await long.getByTestId('card-more').isVisible()).toBe(false);
    await screenshot(page, `river-long-card-${locale}-1366x768`, { fullPage: false });
    await context.close();
  });
}

const phone = { width: 390, height: 844 };

/** The days whose column of cards shows wholly across the board's width, from the cards drawn there. */
function daysInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const board = document.querySelector('[data-testid="board"]')!.getBoundingClientRect();
    const days = [...document.querySelectorAll<HTMLElement>('[data-testid="card"]')].flatMap((element) => {
      const box = element.getBoundingClientRect();
      const across = box.left >= board.left && box.right <= board.right && box.top >= board.top && box.top < board.bottom;
      return across ? [element.dataset.day!] : [];
    });
    return [...new Set(days)].sort();
  });
}

for (const locale of locales) {
  test(`a phone shows two days of cards side by side at 16 px a line or more, nothing floating over them, the connection in words (${locale})`, async () => {
    const { page, context } = await openPerson(browser, server, { name: 'Noy', path: riverPath, token: participant, viewport: phone, isMobile: true, locale });
    await waitForStatus(page, 'connected');
    await card(page, 'Our group sells cardamom').waitFor();
    expect(await daysInView(page)).toEqual(['d1', 'd2']);
    const lines = await cardLineHeights(page);
    expect(lines.length).toBeGreaterThan(2);
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(16);

    // The zoom sits in the toolbar, above the board, not on it.
    const zoom = (await page.getByTestId('zoom-level').boundingBox())!;
    const board = (await page.getByTestId('board').boundingBox())!;
    expect(zoom.y + zoom.height).toBeLessThanOrEqual(board.y);
    const status = page.getByTestId('connection-status').locator('.label');
    expect(await status.isVisible()).toBe(true);
    expect((await status.boundingBox())!.width).toBeGreaterThan(30);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // A day's link to its host's grid on one line, inside the day's narrow header.
    const gridLinks = await page.getByTestId('day-grid-link').evaluateAll((links) =>
      links.map((link) => link.getBoundingClientRect().bottom <= link.closest('header')!.getBoundingClientRect().bottom + 1),
    );
    expect(gridLinks.length).toBeGreaterThan(0);
    expect(gridLinks.every(Boolean)).toBe(true);
    await screenshot(page, `river-phone-${locale}-390x844`, { fullPage: false });

    await page.getByTestId('zoom-fit').tap();
    await expect.poll(() => page.getByTestId('zoom-level').textContent()).not.toBe('90%');
    await context.close();
  });
}

/** How many lines each day's title takes, counting only titles drawn wholly inside their day's header. */
function dayTitlesOnOneLine(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('header.day')].map((header) => {
      const title = header.querySelector<HTMLElement>('.title')!;
      const inside = title.getBoundingClientRect().bottom <= header.getBoundingClientRect().bottom + 1;
      return inside ? Math.round(title.clientHeight / parseFloat(getComputedStyle(title).lineHeight)) : 0;
    }),
  );
}

for (const locale of locales) {
  test(`the room screen at 1920x1080 draws the demo's card text at 24 px a line or more, stream names larger, plan titles whole (${locale})`, async () => {
    const facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
    const { page, context } = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/screen', token: facilitator, viewport: { width: 1920, height: 1080 }, locale });
    await card(page, 'Our group sells cardamom').waitFor();
    await page.waitForTimeout(300);
    const lines = await cardLineHeights(page);
    expect(lines.length).toBeGreaterThan(12);
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(24);
    const streams = await cardLineHeights(page, '.lane .name');
    expect(Math.min(...streams)).toBeGreaterThan(Math.min(...lines));
    const titles = page.getByTestId('outflow-title');
    expect(await titles.count()).toBe(5);
    for (const title of await titles.all()) expect(await title.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    expect(await cardsWithCutLines(page)).toEqual([]);
    // Each plan's box whole, none over the next one's (a whole title makes a box taller).
    const plans = await page.getByTestId('outflow').evaluateAll((boxes) => boxes.map((box) => box.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })));
    for (let i = 1; i < plans.length; i++) expect(plans[i]!.top).toBeGreaterThanOrEqual(plans[i - 1]!.bottom - 1);
    const heading = (await page.locator('.outflow-heading').boundingBox())!;
    expect(heading.y + heading.height).toBeLessThanOrEqual(plans[0]!.top + 1);
    // A day's title on one line, ending with '…' when long, inside its header: Lao's second line was cut.
    expect(await dayTitlesOnOneLine(page)).toEqual([1, 1, 1, 1, 1]);
    await screenshot(page, `room-screen-sizes-${locale}-1920x1080`, { fullPage: false });
    await context.close();
  });
}
