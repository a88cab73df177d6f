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

/** Types a card into a cell through its add tile on the board, as a laptop user would. */
export async function addInline(page: Page, streamId: string, dayId: string, text: string): Promise<void> {
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
