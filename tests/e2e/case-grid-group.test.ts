import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes, movePerson, personIdOf } from './join-codes.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
let codes: Record<string, string>;
const laptop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };
const gridPath = '/r/laos-2013/cases/coffee';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  codes = await joinCodes(server, 'laos-2013', facilitator);
});

/** A participant who joined group `groupId` over HTTP (so nothing of the join is kept in the browser), on the grid. */
async function openAsJoined(name: string, groupId: string, options: { locale?: 'en' | 'lo'; viewport?: typeof laptop; path?: string } = {}): Promise<Person & { personId: string }> {
  const token = await joinAs(server, codes, 'participant', name, 'taliang', groupId);
  const person = await openPerson(browser, server, { name, path: options.path ?? gridPath, token, viewport: options.viewport ?? laptop, locale: options.locale, isMobile: options.viewport === phone });
  await waitForStatus(person.page, 'connected');
  return { ...person, personId: personIdOf(token) };
}

const move = (personId: string, groupId: string): Promise<void> => movePerson(server, facilitator, 'laos-2013', personId, { groupId });

async function timer(body: Record<string, unknown>): Promise<void> {
  const answer = await fetch(`${server.url}/api/routes/laos-2013/control/timer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(200);
}

const showsGroup = (page: Page, groupId: string) => page.locator(`[data-testid="case-grid"][data-group="${groupId}"]`).waitFor();

test('the grid opens on the participant’s group and follows the facilitator’s move, with a notice, across a reload', async () => {
  const ana = await openAsJoined('Ana', 'g2');
  await showsGroup(ana.page, 'g2');
  expect(await ana.page.getByTestId('grid-moved-notice').count()).toBe(0);

  await move(ana.personId, 'g3');
  await showsGroup(ana.page, 'g3');
  expect(await ana.page.getByTestId('grid-moved-notice').textContent()).toContain('You were moved to Group 3.');
  expect(await ana.page.getByTestId('group-picker').inputValue()).toBe('g3');
  await screenshot(ana.page, 'grid-moved-1366x768', { fullPage: false });
  await ana.page.getByTestId('grid-moved-dismiss').click();
  await ana.page.getByTestId('grid-moved-notice').waitFor({ state: 'detached' });

  // Her token still says g2: the page keeps to the move, and tells of it once.
  await ana.page.reload();
  await waitForStatus(ana.page, 'connected');
  await showsGroup(ana.page, 'g3');
  expect(await ana.page.getByTestId('grid-moved-notice').count()).toBe(0);
  await ana.context.close();
});

test('a group chosen in the tab wins over the token’s group, in this tab only, until the facilitator moves the person', async () => {
  const bo = await openAsJoined('Bo', 'g2');
  await showsGroup(bo.page, 'g2');
  await bo.page.getByTestId('group-picker').selectOption('g1');
  await showsGroup(bo.page, 'g1');
  await bo.page.reload();
  await waitForStatus(bo.page, 'connected');
  await showsGroup(bo.page, 'g1');
  // Another tab opens on his own group.
  const other = await bo.context.newPage();
  await other.goto(new URL(gridPath, server.url).href);
  await showsGroup(other, 'g2');

  // A move takes both tabs along, the choice included.
  await move(bo.personId, 'g3');
  await Promise.all([showsGroup(bo.page, 'g3'), showsGroup(other, 'g3')]);
  await Promise.all([bo.page.getByTestId('grid-moved-notice').waitFor(), other.getByTestId('grid-moved-notice').waitFor()]);
  await bo.page.reload();
  await showsGroup(bo.page, 'g3');
  await bo.context.close();
});

test('a move while the person is on the Experience Fair is told by the next grid they open', async () => {
  const kham = await openAsJoined('Kham', 'g1', { path: '/r/laos-2013/experience' });
  await move(kham.personId, 'g2');
  // The timer's start comes after the move on the control document's socket: once it shows, the move is in.
  await timer({ action: 'start', durationMs: 60_000 });
  await kham.page.getByTestId('room-bar').locator('[data-testid="timer"][data-state="running"]').waitFor();
  await timer({ action: 'reset' });
  await kham.page.goto(new URL(gridPath, server.url).href);
  await showsGroup(kham.page, 'g2');
  await kham.page.getByTestId('grid-moved-notice').waitFor();
  await kham.context.close();
});

test('the move’s notice in Lao, on a laptop and on a phone', async () => {
  for (const viewport of [laptop, phone]) {
    const noy = await openAsJoined('Noy', 'g1', { locale: 'lo', viewport });
    await showsGroup(noy.page, 'g1');
    await move(noy.personId, 'g2');
    await noy.page.getByTestId('grid-moved-notice').waitFor();
    await showsGroup(noy.page, 'g2');
    await screenshot(noy.page, `grid-moved-lo-${viewport.width}x${viewport.height}`, { fullPage: false });
    await noy.context.close();
  }
  const phoneEn = await openAsJoined('Sai', 'g1', { viewport: phone });
  await move(phoneEn.personId, 'g2');
  await phoneEn.page.getByTestId('grid-moved-notice').waitFor();
  await screenshot(phoneEn.page, 'grid-moved-390x844', { fullPage: false });
  await phoneEn.context.close();
});
