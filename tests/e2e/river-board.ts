import type { Locator, Page } from 'playwright-core';

/** Helpers for the river tests: cards are found by their text, cells by stream and day ids. */
export const riverPath = '/r/laos-2013/river';

export function card(page: Page, text: string): Locator {
  return page.locator('[data-testid="card"]', { hasText: text });
}

/** Waits until the card with `text` sits in the cell (stream × day) on this page. */
export function cardIn(page: Page, text: string, streamId: string, dayId: string): Promise<void> {
  return page.locator(`[data-testid="card"][data-stream="${streamId}"][data-day="${dayId}"]`, { hasText: text }).waitFor();
}

export function addSlot(page: Page, streamId: string, dayId: string): Locator {
  return page.locator(`[data-testid="add-slot"][data-stream="${streamId}"][data-day="${dayId}"]`);
}

/**
 * Scrolls the board with the wheel, as a person would, until `target` is inside its window: the river
 * opens at 100 %, where a laptop shows the first lanes and days only.
 */
export async function scrollIntoBoard(page: Page, target: Locator): Promise<void> {
  // Far cells are not rendered at all: a step or two out brings them near, as one would look around.
  for (let step = 0; step < 3 && (await target.count()) === 0; step += 1) await page.getByTestId('zoom-out').click();
  const board = (await page.getByTestId('board').boundingBox())!;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const box = await target.boundingBox();
    if (!box) throw new Error('scrollIntoBoard: the target is not on the board');
    const dx = box.x < board.x + 40 ? box.x - board.x - 40 : box.x + box.width > board.x + board.width - 80 ? box.x + box.width - board.x - board.width + 80 : 0;
    const dy = box.y < board.y + 40 ? box.y - board.y - 40 : box.y + box.height > board.y + board.height - 100 ? box.y + box.height - board.y - board.height + 100 : 0;
    if (dx === 0 && dy === 0) return;
    await page.mouse.move(board.x + board.width / 2, board.y + board.height / 2);
    await page.mouse.wheel(dx, dy);
  }
  throw new Error('scrollIntoBoard: the target stays out of view');
}

/** Types a card into a cell through its add tile on the board, as a laptop user would. */
export async function addInline(page: Page, streamId: string, dayId: string, text: string): Promise<void> {
  await scrollIntoBoard(page, addSlot(page, streamId, dayId));
  await addSlot(page, streamId, dayId).click();
  const editor = page.getByTestId('card-editor');
  await editor.fill(text);
  await editor.press('Enter');
  // Enter opened the next card's editor in the same cell; Escape closes it empty.
  await page.getByTestId('card-editor').press('Escape');
  await card(page, text).waitFor();
}

/** Drags with the mouse from the middle of `from` to the middle of `to`, in small steps like a hand. */
export async function dragTo(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error('drag: an element is not on screen');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.getByTestId('drop-target').waitFor();
  await page.mouse.up();
}

/**
 * The rendered height of one line of each shown card's text, in screen pixels: the client rect of the
 * text's first line, so the board's zoom and every transform count, as an eye at the screen sees it.
 */
export function cardLineHeights(page: Page, selector = '[data-testid="card"] .text'): Promise<number[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll(sel)].flatMap((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const first = [...range.getClientRects()].find((rect) => rect.height > 0);
        const inView = first && first.bottom > 0 && first.right > 0 && first.top < window.innerHeight && first.left < window.innerWidth;
        return first && inView ? [first.height] : [];
      }),
    selector,
  );
}

/**
 * Cards whose text box shows part of a line: a card too short for its clamp shrinks the text, and the last
 * line it shows is cut through (on screen, the tops of letters above the author's name).
 */
export function cardsWithCutLines(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="card"] .text')].flatMap((text) => {
      const lines = text.clientHeight / parseFloat(getComputedStyle(text).lineHeight);
      return Math.abs(lines - Math.round(lines)) > 0.05 ? [text.textContent ?? ''] : [];
    }),
  );
}
