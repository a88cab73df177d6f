import { beforeAll, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus } from './people.ts';
import { card, cardLineHeights } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let participant: string;
let facilitator: string;
const path = '/r/laos-2013/experience';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** Writes a card in a team's row (the board calls rows lanes and its one column a day, see grid-axes.ts). */
async function addForTeam(page: Page, teamId: string, text: string): Promise<void> {
  await page.locator(`[data-testid="add-slot"][data-stream="${teamId}"][data-day="areas"]`).click();
  await page.getByTestId('card-editor').fill(text);
  await page.getByTestId('card-editor').press('Enter');
  await page.getByTestId('card-editor').press('Escape');
  await card(page, text).waitFor();
}

const teamCard = (page: Page | Locator, teamId: string, text: string) => page.locator(`[data-testid="card"][data-stream="${teamId}"]`, { hasText: text });

async function spotlight(body: { board: string; id?: string }): Promise<void> {
  const answer = await fetch(new URL('/api/routes/laos-2013/control/spotlight', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(200);
}

test('two participants add cards for their teams, live for each other, and the room screen shows one team under the spotlight', async () => {
  const viewport = { width: 1366, height: 768 };
  const [ana, binh] = await Promise.all([
    openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: participant, viewport }),
    openPerson(browser, server, { name: 'Binh', path, token: participant, viewport }),
  ]);
  // Ana finds the fair from the river, in the menu every page has.
  await ana.page.getByRole('navigation').getByRole('link', { name: 'Experience Fair', exact: true }).click();
  await ana.page.waitForURL(`${server.url}${path}`);
  await Promise.all([waitForStatus(ana.page, 'connected'), waitForStatus(binh.page, 'connected')]);
  await addForTeam(ana.page, 'taliang', 'Natural dyes from forest plants');
  await addForTeam(binh.page, 'watermelon', 'Organic watermelon in Sansai');
  await teamCard(binh.page, 'taliang', 'Natural dyes from forest plants').waitFor();
  await teamCard(ana.page, 'watermelon', 'Organic watermelon in Sansai').waitFor();
  // Ctrl+Z takes back Binh's own card only.
  await binh.page.getByTestId('experience-board').click({ position: { x: 5, y: 5 } });
  await binh.page.keyboard.press('Control+z');
  await teamCard(ana.page, 'watermelon', 'Organic watermelon in Sansai').waitFor({ state: 'detached' });
  await binh.page.keyboard.press('Control+Shift+z');
  await teamCard(ana.page, 'watermelon', 'Organic watermelon in Sansai').waitFor();
  await screenshot(ana.page, 'experience-en-1366x768', { fullPage: false });

  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: facilitator, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();
  await spotlight({ board: 'experience', id: 'taliang' });
  const shown = room.page.locator('[data-testid="spotlight"][data-board="experience"][data-id="taliang"]');
  await teamCard(shown, 'taliang', 'Natural dyes from forest plants').waitFor();
  // Only that team's row: the other teams' cards are neither shown nor listed as unsorted.
  expect(await shown.locator('[data-testid="card"]').count()).toBe(1);
  // Fitted to the projector, the team's card reads from the back of the room (at 100 % a line was 15 px).
  await expect.poll(async () => Math.min(...(await cardLineHeights(room.page, '[data-testid="spotlight"] [data-testid="card"] .text')))).toBeGreaterThanOrEqual(24);
  await screenshot(room.page, 'experience-team-room-screen-1920x1080', { fullPage: false });
  // The next team, then every team.
  await spotlight({ board: 'experience', id: 'watermelon' });
  await teamCard(room.page.locator('[data-testid="spotlight"][data-id="watermelon"]'), 'watermelon', 'Organic watermelon in Sansai').waitFor();
  await spotlight({ board: 'experience' });
  await teamCard(room.page.locator('[data-testid="spotlight"][data-board="experience"][data-id=""]'), 'taliang', 'Natural dyes').waitFor();

  const own = new URL(server.url).host;
  expect([...ana.requested, ...binh.requested, ...room.requested].filter((url) => new URL(url).host !== own)).toEqual([]);
  await Promise.all([ana.context.close(), binh.context.close(), room.context.close()]);
});

test('the Experience Fair in Lao and Vietnamese on a laptop, a phone and the projector', async () => {
  for (const locale of ['lo', 'vi'] as const) {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }, { width: 1920, height: 1080 }]) {
      const person = await openPerson(browser, server, { name: 'Ana', path, token: participant, viewport, locale, isMobile: viewport.width < 600 });
      await waitForStatus(person.page, 'connected');
      await card(person.page, 'Natural dyes from forest plants').waitFor();
      await screenshot(person.page, `experience-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await person.context.close();
    }
  }
});
