import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus } from './people.ts';
import { addInline, card } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import { rowScreenProblems } from './row-screen.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let facilitator: string;
const projector = { width: 1920, height: 1080 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** Every card on the page lies inside the window: the screen is fitted, nobody pans a projector. */
async function allCardsInView(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="card"]')].every((el) => {
      const box = el.getBoundingClientRect();
      return box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth + 1 && box.bottom <= window.innerHeight + 1;
    }),
  );
}

test('the room screen shows every group’s grid side by side, fitted, live, row by row from the keyboard', async () => {
  const screen = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/cases/asparagus/screen', token: facilitator, viewport: projector });
  await card(screen.page, 'Trust first, contract second').waitFor();
  expect(await screen.page.getByTestId('grid-column').count()).toBe(9);
  expect(await allCardsInView(screen.page)).toBe(true);
  // Read only: no add tiles, and a click selects nothing.
  expect(await screen.page.getByTestId('add-slot').count()).toBe(0);
  await card(screen.page, 'Trust first, contract second').click();
  expect(await screen.page.locator('[data-testid="card"][aria-selected="true"]').count()).toBe(0);
  expect(await screen.page.getByTestId('selection-bar').count()).toBe(0);

  // A group writes; the screen follows without a reload.
  const noy = await openPerson(browser, server, { name: 'Noy', path: '/r/laos-2013/cases/asparagus', token: participant, viewport: projector });
  await waitForStatus(noy.page, 'connected');
  await addInline(noy.page, 'results', 'community', 'Twelve families joined in the second year');
  await card(screen.page, 'Twelve families joined in the second year').waitFor();
  expect(await allCardsInView(screen.page)).toBe(true);

  // Row by row: the presenter's Page Down steps to the first row, then the next; Home shows every row again.
  await screen.page.keyboard.press('PageDown');
  await screen.page.locator('[data-testid="compare-screen"][data-row="story"]').waitFor();
  // One row is drawn as text of its own: every group, large (compare-row-screen.svelte).
  expect(await screen.page.getByTestId('row-group').count()).toBe(3);
  expect(await rowScreenProblems(screen.page)).toEqual([]);
  await screen.page.keyboard.press('ArrowRight');
  await screen.page.locator('[data-testid="compare-screen"][data-row="actors"]').waitFor();
  expect(new URL(screen.page.url()).searchParams.get('row')).toBe('actors');
  await screen.page.keyboard.press('Home');
  await screen.page.locator('[data-testid="compare-screen"][data-row=""]').waitFor();
  await Promise.all([screen.context.close(), noy.context.close()]);
});

test('the comparison page opens the room screen at the row it shows', async () => {
  const fac = await openPerson(browser, server, { name: 'Facilitator', path: '/r/laos-2013/cases/asparagus/compare', token: facilitator, viewport: projector });
  await waitForStatus(fac.page, 'connected');
  await fac.page.getByTestId('compare-row').selectOption('lessons');
  const [screen] = await Promise.all([fac.context.waitForEvent('page'), fac.page.getByTestId('to-screen').click()]);
  await screen.locator('[data-testid="compare-screen"][data-row="lessons"]').waitFor();
  await card(screen, 'Trust first, contract second').waitFor();
  // A participant's comparison does not offer the room's screen.
  const noy = await openPerson(browser, server, { name: 'Noy', path: '/r/laos-2013/cases/asparagus/compare', token: participant, viewport: projector });
  await waitForStatus(noy.page, 'connected');
  await noy.page.getByTestId('compare-row').waitFor();
  expect(await noy.page.getByTestId('to-screen').count()).toBe(0);
  await Promise.all([fac.context.close(), noy.context.close()]);
});

/** What the facilitator's console does when a target's Show is pressed. */
async function spotlight(view: { board: string; id: string; part: string }): Promise<void> {
  const response = await fetch(`${server.url}/api/routes/laos-2013/control/spotlight`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(view),
  });
  expect(response.status).toBe(200);
}

test('spotlighting a host’s comparison turns the main room screen into that comparison’s room screen', async () => {
  const room = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/screen', token: facilitator, viewport: projector });
  await room.page.getByTestId('room-screen').waitFor();
  await spotlight({ board: 'case', id: 'asparagus', part: 'compare' });
  const shown = room.page.getByTestId('spotlight').getByTestId('compare-screen');
  await shown.waitFor();
  await card(room.page, 'Trust first, contract second').waitFor();
  expect(await room.page.getByTestId('spotlight').getByTestId('grid-column').count()).toBe(9);
  // The projector's own comparison, not the laptop page: no toolbar, fitted, rows from the keys.
  expect(await room.page.getByTestId('compare-row').count()).toBe(0);
  expect(await allCardsInView(room.page)).toBe(true);
  await screenshot(room.page, 'spotlight-compare-room-screen-1920x1080', { fullPage: false });
  await room.page.keyboard.press('PageDown');
  await room.page.locator('[data-testid="compare-screen"][data-row="story"]').waitFor();
  // The address stays the room screen's: a reload shows whatever is spotlighted then.
  expect(new URL(room.page.url()).pathname).toBe('/r/laos-2013/screen');
  expect(new URL(room.page.url()).searchParams.get('row')).toBeNull();

  await spotlight({ board: 'river', id: '', part: '' });
  await shown.waitFor({ state: 'detached' });
  await room.context.close();
});

for (const locale of ['lo', 'vi'] as const) {
  test(`the room screen’s comparison in ${locale}, one row`, async () => {
    const screen = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/cases/asparagus/screen?row=lessons', token: facilitator, viewport: projector, locale });
    await card(screen.page, 'Trust first, contract second').waitFor();
    expect(await rowScreenProblems(screen.page)).toEqual([]);
    await screenshot(screen.page, `grid-screen-${locale}-1920x1080`, { fullPage: false });
    await screen.context.close();
  });
}

test('a field visit’s day in Setup leads to its host’s grid', async () => {
  const fac = await openPerson(browser, server, { name: 'Facilitator', path: '/r/laos-2013/setup', token: facilitator, viewport: projector });
  const links = fac.page.getByTestId('days-item').nth(2).getByTestId('day-grid-link');
  await links.waitFor();
  expect(await links.count()).toBe(1);
  // Days without a visit (the opening, the fair) have no grid.
  expect(await fac.page.getByTestId('days-item').first().getByTestId('day-grid-link').count()).toBe(0);
  await links.click();
  await fac.page.waitForURL('**/r/laos-2013/cases/dyes');
  await fac.page.getByTestId('grid-row').first().waitFor();
  await fac.context.close();
});
