import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { addInline, card, riverPath } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let facilitator: string;
const projector = { width: 1920, height: 1080 };
const laptop = { width: 1366, height: 768 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** Whether a loaded face of the app's own font covers `sample`: the letters are not left to the system. */
function drawnWithShippedFont(page: Page, sample: string): Promise<boolean> {
  return page.evaluate(async (text) => {
    await document.fonts.ready;
    const code = text.codePointAt(0)!;
    const covers = (range: string): boolean =>
      range.split(',').some((part) => {
        const [from, to] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
        return code >= from! && code <= (to ?? from)!;
      });
    return [...document.fonts].some((face) => face.family.includes('Tributary Sans') && face.status === 'loaded' && covers(face.unicodeRange));
  }, sample);
}

/** Every card on the page lies inside the window: the screen shows the whole river. */
function allCardsInView(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="card"]')].every((element) => {
      const box = element.getBoundingClientRect();
      return box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
    }),
  );
}

/** Every stream's name, as drawn (its words, not its box), ends left of the first card: none runs over one. */
function laneNamesClearOfCards(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const cardsLeft = Math.min(...[...document.querySelectorAll('[data-testid="card"]')].map((element) => element.getBoundingClientRect().left));
    return [...document.querySelectorAll('.lane .name')].every((name) => {
      const words = document.createRange();
      words.selectNodeContents(name);
      return words.getBoundingClientRect().right <= cardsLeft;
    });
  });
}

/** Whether every word of each stream name is drawn on one line: 'Recommendations' broke as 'Recommenda / tions'. */
function laneWordsWhole(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.lane .name')].every((name) => {
      const text = name.firstChild!;
      let start = 0;
      for (const word of (text.textContent ?? '').split(' ')) {
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + word.length);
        start += word.length + 1;
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (tops.size > 1) return false;
      }
      return true;
    }),
  );
}

test('the room screen shows the whole river, read only, and follows along live', async () => {
  const screen = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/screen', token: facilitator, viewport: projector });
  await card(screen.page, 'Our group sells cardamom').waitFor();
  expect(await screen.page.getByTestId('add-slot').count()).toBe(0);
  expect(await screen.page.getByTestId('add-card').count()).toBe(0);
  expect(await screen.page.getByTestId('name-dialog').isVisible()).toBe(false);
  expect(await allCardsInView(screen.page)).toBe(true);
  expect(await laneWordsWhole(screen.page)).toBe(true);
  expect(await screen.page.getByTestId('outflow').count()).toBe(5);
  const before = await screen.page.getByTestId('screen-total').textContent();

  const ana = await openPerson(browser, server, { name: 'Ana', path: riverPath, token: participant, viewport: laptop });
  await waitForStatus(ana.page, 'connected');
  await addInline(ana.page, 'ideas', 'd1', 'A seed bank run by the women’s group');
  await card(screen.page, 'A seed bank run by the women’s group').waitFor();
  expect(await screen.page.getByTestId('screen-total').textContent()).not.toBe(before);
  await expect.poll(() => allCardsInView(screen.page)).toBe(true);
  await screenshot(screen.page, 'room-screen-1920x1080', { fullPage: false });
  await Promise.all([screen.context.close(), ana.context.close()]);
});

// Venue projectors are often 1366x768: the river is summed up to fit, and every card it shows keeps its text
// (its 33 px type is still about 12 px there), never a blank tile.
test('the room screen on a 1366x768 projector draws the text of every card it shows', async () => {
  const screen = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/screen', token: facilitator, viewport: laptop });
  await card(screen.page, 'Our group sells cardamom').locator('p.text').waitFor();
  const cards = await screen.page.getByTestId('card').count();
  expect(cards).toBeGreaterThan(0);
  expect(await screen.page.locator('[data-testid="card"] p.text').count()).toBe(cards);
  // Once fitted: the first card's text can be drawn before the board's last fit (seen once on a loaded CI run).
  await expect.poll(() => allCardsInView(screen.page), { timeout: 10_000 }).toBe(true);
  expect(await laneNamesClearOfCards(screen.page)).toBe(true);
  expect(await laneWordsWhole(screen.page)).toBe(true);
  await screenshot(screen.page, 'room-screen-1366x768', { fullPage: false });
  await screen.context.close();
});

const samples = [
  { viewport: projector, lao: 'ການຂາຍກາເຟອິນຊີຕ້ອງມີຄຸນນະພາບສະໝໍ່າສະເໝີ', vietnamese: 'Hợp tác xã giúp nông dân bán rau an toàn với giá ổn định' },
  { viewport: laptop, lao: 'ກຸ່ມແມ່ຍິງຕ້ອງມີບັນຊີທີ່ໂປ່ງໃສ', vietnamese: 'Chia sẻ kinh nghiệm trồng tre với các hộ nông dân khác' },
];

for (const { viewport, lao: laoText, vietnamese } of samples) {
  const size = `${viewport.width}x${viewport.height}`;

  test(`the river in Lao and Vietnamese draws their letters with the shipped fonts (${size})`, async () => {
    const lao = await openPerson(browser, server, { name: 'ສຸກ', path: riverPath, token: participant, viewport, locale: 'lo' });
    await waitForStatus(lao.page, 'connected');
    await lao.page.getByText('ມື້ທີ 1', { exact: true }).waitFor();
    await lao.page.getByText('ແມ່ນ້ຳແຫ່ງເສັ້ນທາງການຮຽນຮູ້').waitFor();
    await addInline(lao.page, 'lessons', 'd1', laoText);
    expect(await drawnWithShippedFont(lao.page, 'ກ')).toBe(true);
    await screenshot(lao.page, `river-lao-${size}`, { fullPage: false });

    const vi = await openPerson(browser, server, { name: 'Bình', path: riverPath, token: participant, viewport, locale: 'vi' });
    await waitForStatus(vi.page, 'connected');
    await vi.page.getByText('Ngày 1', { exact: true }).waitFor();
    await addInline(vi.page, 'knowledge', 'd1', vietnamese);
    await card(lao.page, vietnamese).waitFor();
    expect(await drawnWithShippedFont(vi.page, 'ệ')).toBe(true);
    await screenshot(vi.page, `river-vietnamese-${size}`, { fullPage: false });
    await Promise.all([lao.context.close(), vi.context.close()]);
  });
}

test('the room screen in Lao', async () => {
  const screen = await openPerson(browser, server, { name: 'ຈໍ', path: '/r/laos-2013/screen', token: facilitator, viewport: projector, locale: 'lo' });
  await screen.page.getByText('ມື້ທີ 1', { exact: true }).waitFor();
  await card(screen.page, 'ການຂາຍກາເຟອິນຊີ').waitFor();
  expect(await drawnWithShippedFont(screen.page, 'ມ')).toBe(true);
  await screenshot(screen.page, 'room-screen-lao-1920x1080', { fullPage: false });
  await screen.context.close();
});
