import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { addInline, addSlot, card, cardIn, dragTo, riverPath } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
const viewport = { width: 1920, height: 1080 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
});

/** Two participants on the demo route's river, each in a browser profile of their own. */
async function twoPeople(): Promise<[Person, Person]> {
  const people = await Promise.all(['Ana', 'Binh'].map((name) => openPerson(browser, server, { name, path: riverPath, token: participant, viewport })));
  await Promise.all(people.map((person) => waitForStatus(person.page, 'connected')));
  return people as [Person, Person];
}

test('a card added in one browser appears in the other, with who is here, their pointer and selection', async () => {
  const [ana, binh] = await twoPeople();
  const text = 'Contract farming shares the risk between the group and the buyer';
  await addInline(ana.page, 'knowledge', 'd2', text);
  await cardIn(binh.page, text, 'knowledge', 'd2');

  await binh.page.locator('[data-testid="presence"][data-count="2"]').waitFor();
  await ana.page.mouse.move(900, 700);
  await ana.page.mouse.move(930, 720, { steps: 3 });
  await binh.page.getByTestId('peer-cursor').filter({ hasText: 'Ana' }).waitFor();
  await card(ana.page, text).click();
  await binh.page.locator('[data-testid="card"].peer', { hasText: text }).waitFor();
  await screenshot(binh.page, 'river-binh-sees-ana-1920x1080', { fullPage: false });

  const own = new URL(server.url).host;
  expect([...ana.requested, ...binh.requested].filter((url) => new URL(url).host !== own)).toEqual([]);
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('a card dragged in one browser moves in the other', async () => {
  const [ana, binh] = await twoPeople();
  const text = 'Roads are cut in the rainy season';
  await cardIn(ana.page, text, 'challenges', 'd1');
  // The river opens at 100 %, where the lessons lane starts below the window. Two steps out show both cells
  // clear of the window's edges: held near an edge, a dragged card scrolls the board under it.
  await ana.page.getByTestId('zoom-out').click();
  await ana.page.getByTestId('zoom-out').click();
  await dragTo(ana.page, card(ana.page, text), addSlot(ana.page, 'lessons', 'd1'));
  await cardIn(ana.page, text, 'lessons', 'd1');
  await cardIn(binh.page, text, 'lessons', 'd1');
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('undo and redo take back only one’s own changes; Alt+arrow moves the selected card', async () => {
  const [ana, binh] = await twoPeople();
  await addInline(ana.page, 'recommendations', 'd1', 'Ana: visit the buyers together');
  await addInline(binh.page, 'recommendations', 'd1', 'Binh: keep a shared price list');
  await cardIn(ana.page, 'Binh: keep a shared price list', 'recommendations', 'd1');

  await ana.page.keyboard.press('Control+z');
  await card(binh.page, 'Ana: visit the buyers together').waitFor({ state: 'detached' });
  await card(ana.page, 'Ana: visit the buyers together').waitFor({ state: 'detached' });
  expect(await card(ana.page, 'Binh: keep a shared price list').count()).toBe(1);
  await ana.page.getByTestId('redo').click();
  await cardIn(binh.page, 'Ana: visit the buyers together', 'recommendations', 'd1');

  await card(ana.page, 'Ana: visit the buyers together').click();
  await ana.page.keyboard.press('Alt+ArrowRight');
  await cardIn(binh.page, 'Ana: visit the buyers together', 'recommendations', 'd2');
  await ana.page.keyboard.press('Alt+ArrowDown');
  await cardIn(binh.page, 'Ana: visit the buyers together', 'ideas', 'd2');
  await ana.page.getByTestId('undo').click();
  await cardIn(binh.page, 'Ana: visit the buyers together', 'recommendations', 'd2');
  await ana.page.keyboard.press('Control+z');
  await cardIn(binh.page, 'Ana: visit the buyers together', 'recommendations', 'd1');
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('cards are edited, recoloured, multi-selected, linked and deleted; search and filters narrow the river', async () => {
  const [ana, binh] = await twoPeople();
  await addInline(ana.page, 'expectations', 'd3', 'Learn about natural dyes');
  const added = card(ana.page, 'Learn about natural dyes');
  await added.dblclick();
  await ana.page.getByTestId('card-editor').fill('Learn how natural dyes reach the market');
  await ana.page.getByTestId('card-editor').press('Enter');
  await card(binh.page, 'Learn how natural dyes reach the market').waitFor();

  await card(ana.page, 'Learn how natural dyes reach the market').click();
  await card(ana.page, 'Roads are cut').click({ modifiers: ['Shift'] });
  await ana.page.getByTestId('selection-bar').getByText('2 selected').waitFor();
  await ana.page.getByTestId('color-2').click();
  await expect.poll(() => card(binh.page, 'Roads are cut').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(214, 240, 210)');
  await ana.page.getByTestId('link-selected').click();
  await binh.page.getByTestId('link').waitFor();
  await screenshot(binh.page, 'river-linked-1920x1080', { fullPage: false });

  await ana.page.getByTestId('search').fill('natural');
  await ana.page.getByTestId('filter-toggle').click();
  await ana.page.getByTestId('filter-count').getByText(/Showing 2 of \d+ cards/).waitFor();
  await ana.page.getByTestId('filter-stream').selectOption('expectations');
  await ana.page.getByTestId('filter-count').getByText(/Showing 1 of/).waitFor();
  await screenshot(ana.page, 'river-filtered-1920x1080', { fullPage: false });
  await ana.page.getByRole('button', { name: 'Show all' }).click();

  await card(ana.page, 'Learn how natural dyes reach the market').click();
  await ana.page.keyboard.press('Delete');
  await card(binh.page, 'Learn how natural dyes reach the market').waitFor({ state: 'detached' });
  await binh.page.getByTestId('link').waitFor({ state: 'detached' });
  await Promise.all([ana.context.close(), binh.context.close()]);
});

test('a box drawn with Shift selects the cards inside it; Ctrl+A selects every card shown', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Khamla', path: riverPath, token: participant, viewport });
  await waitForStatus(page, 'connected');
  const first = (await card(page, 'Learn how women’s groups').boundingBox())!;
  const second = (await card(page, 'Ideas to reach the market').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(first.x - 6, first.y - 6);
  await page.mouse.down();
  await page.mouse.move(second.x + second.width - 10, second.y + second.height - 10, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.getByTestId('selection-bar').getByText('2 selected').waitFor();
  expect(await page.locator('[data-testid="card"][aria-selected="true"]').allTextContents()).toEqual([
    expect.stringContaining('Learn how women’s groups'),
    expect.stringContaining('Ideas to reach the market'),
  ]);
  await card(page, 'Learn how women’s groups').click();
  await page.keyboard.press('Control+a');
  const total = Number(await page.getByTestId('river-total').textContent().then((text) => text?.match(/\d+/)?.[0]));
  await page.getByTestId('selection-bar').getByText(`${total} selected`).waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('selection-bar').waitFor({ state: 'detached' });
  await context.close();
});

test('by keyboard alone: Tab to the cards, arrows, N to write new cards in place, Enter to edit, Alt+arrows to move', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Vongdala', path: riverPath, token: participant, viewport });
  await waitForStatus(page, 'connected');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  await page.getByTestId('search').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused()).toContain('Our group sells cardamom');
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toContain('Learn how women’s groups');

  await page.keyboard.press('n');
  await page.keyboard.type('A market day in the district town');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Women lead the savings group');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await cardIn(page, 'A market day in the district town', 'expectations', 'd1');
  expect(await focused()).toContain('Women lead the savings group');

  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(', every month');
  await page.keyboard.press('Enter');
  await card(page, 'Women lead the savings group, every month').waitFor();
  expect(await focused()).toContain('Women lead the savings group, every month');
  await page.keyboard.press('Alt+ArrowRight');
  await cardIn(page, 'Women lead the savings group, every month', 'expectations', 'd2');
  expect(await focused()).toContain('Women lead the savings group, every month');
  await context.close();
});
