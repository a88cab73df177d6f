import { beforeAll, expect, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { connectClient, synced } from '../integration/helpers/clients.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { card, cardLineHeights, riverPath } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import { adminToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
const projector = { width: 1920, height: 1080 };
const chosenText = 'The women’s savings group keeps its own books';
const busyCards = 800;

useServerAndBrowser((parts) => ({ server, browser } = parts));

/**
 * A river in its last days: 800 contributions over every stream and day, written by a stock client. The
 * chosen card is the first of the first cell (on a laptop's first view), and not its newest.
 */
beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const route = connectClient(wsUrl, 'route/laos-2013', { token: adminToken });
  const river = connectClient(wsUrl, 'route/laos-2013/river', { token: adminToken });
  await Promise.all([synced(route), synced(river)]);
  const days = new RouteDoc(route.doc).read('days');
  const streams = new RiverDoc(river.doc).streams();
  const doc = new RiverDoc(river.doc);
  const base = Date.now();
  river.doc.transact(() => {
    doc.addCard({ text: chosenText, author: 'Khamla', authorId: 'k', streamId: streams[0]!.id, dayId: days[0]!.id }, base - 10_000_000);
    for (let i = 0; i < busyCards; i += 1) {
      const stream = streams[i % streams.length]!;
      const day = days[Math.floor(i / streams.length) % days.length]!;
      doc.addCard({ text: `Contribution ${i + 1} from the field`, author: 'Room', authorId: 'room', streamId: stream.id, dayId: day.id }, base + i);
    }
  });
  // Stored by the server before the clients go: a new client's first sync holds every card.
  await new Promise((resolve) => setTimeout(resolve, 500));
  route.destroy();
  river.destroy();
});

/** The lines of text a card shows, if its badge is wholly below them; 0 if the badge covers or pushes them. */
function textLinesAboveBadge(chosen: Locator): Promise<number> {
  return chosen.evaluate((element) => {
    const text = element.querySelector<HTMLElement>('.text')!;
    const badge = element.querySelector('[data-testid="card-badge"]')!.getBoundingClientRect();
    if (badge.top < text.getBoundingClientRect().bottom - 1) return 0;
    return Math.round(text.clientHeight / parseFloat(getComputedStyle(text).lineHeight));
  });
}

for (const locale of ['en', 'lo'] as const) {
  test(`a busy room screen keeps each cell's newest card large with how many more, and the facilitator's choice joins it (${locale})`, async () => {
    const screen = await openPerson(browser, server, { name: 'Projector', path: '/r/laos-2013/screen', token: facilitator, viewport: projector, locale });
    await screen.page.getByTestId('cell-more').first().waitFor();
    await card(screen.page, `Contribution ${busyCards} from the field`).waitFor();
    expect(await card(screen.page, chosenText).count()).toBe(0);
    await screenshot(screen.page, `room-screen-busy-${locale}-1920x1080`, { fullPage: false });
    const lines = await cardLineHeights(screen.page);
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(24);

    const fay = await openPerson(browser, server, { name: 'Fay', path: riverPath, token: facilitator, viewport: { width: 1366, height: 768 }, locale });
    await waitForStatus(fay.page, 'connected');
    await card(fay.page, chosenText).click();
    await fay.page.getByTestId('feature-selected').click();
    await expect.poll(() => fay.page.getByTestId('feature-selected').getAttribute('aria-pressed')).toBe('true');

    const chosen = card(screen.page, chosenText);
    await chosen.getByTestId('card-badge').waitFor();
    // The badge keeps every line the screen gives a card's text (three, Lao's taller two): it sits below them.
    expect(await textLinesAboveBadge(chosen)).toBe(locale === 'lo' ? 2 : 3);
    expect(Math.min(...(await cardLineHeights(screen.page)))).toBeGreaterThanOrEqual(24);
    await screenshot(screen.page, `room-screen-busy-chosen-${locale}-1920x1080`, { fullPage: false });

    // Let go, it leaves the screen again: it is not its cell's newest.
    await fay.page.getByTestId('feature-selected').click();
    await chosen.waitFor({ state: 'detached' });
    await Promise.all([screen.context.close(), fay.context.close()]);
  });
}

test('a participant is not offered the room screen choice', async () => {
  const participant = await routeLinkToken(server, 'laos-2013', 'participant');
  const ana = await openPerson(browser, server, { name: 'Ana', path: riverPath, token: participant, viewport: { width: 1366, height: 768 } });
  await waitForStatus(ana.page, 'connected');
  await card(ana.page, chosenText).click();
  await ana.page.getByTestId('selection-bar').waitFor();
  expect(await ana.page.getByTestId('feature-selected').count()).toBe(0);
  await ana.context.close();
});
