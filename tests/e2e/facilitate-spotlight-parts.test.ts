import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import { connectClient, synced } from '../integration/helpers/clients.ts';
import { CaseDoc } from '../../shared/schema/case.ts';
import { caseDocName, planDocName } from '../../shared/schema/doc-kinds.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import { cardLineHeights } from './river-board.ts';
import { rowScreenProblems } from './row-screen.ts';
import { screenshot } from './browser.ts';
import { joinAs, joinCodes } from './join-codes.ts';
import { openPerson } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
let screenToken: string;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  screenToken = await joinAs(server, await joinCodes(server, 'laos-2013', facilitator), 'screen', '');
});

const voteAction = async (action: 'open' | 'close', body: unknown = {}) => {
  const answer = await fetch(`${server.url}/api/routes/laos-2013/vote/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
};

test('a day or a stream of the river in the spotlight: the room screen zooms to that part, then shows the whole river again', async () => {
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 } });
  await room.page.locator('[data-testid="cards"]:not([data-count="0"])').waitFor({ state: 'attached' });
  // How wide a card is drawn: the zoom the room screen shows the river at.
  const cardWidth = async () => (await room.page.locator('[data-card-id]').first().boundingBox())!.width;
  const whole = await cardWidth();

  await fay.page.getByTestId('show-river-day-d2').click();
  await room.page.locator('[data-testid="room-screen"][data-part="day:d2"]').waitFor();
  expect(await room.page.getByTestId('screen-part').textContent()).toBe('Organic Asparagus, Darkhied');
  expect(await fay.page.getByTestId('show-river-day-d2').getAttribute('aria-pressed')).toBe('true');
  // The projector is bound by the river's height, so a day comes to the middle of the screen, whole.
  const dayCard = room.page.getByText('The contract fixes the price', { exact: false }).first();
  await expect.poll(async () => Math.abs((await dayCard.boundingBox())!.x + (await dayCard.boundingBox())!.width / 2 - 960)).toBeLessThan(400);
  await screenshot(room.page, 'spotlight-river-day-room-screen-1920x1080', { fullPage: false });

  await fay.page.getByTestId('show-river-stream-lessons').click();
  await room.page.locator('[data-testid="room-screen"][data-part="stream:lessons"]').waitFor();
  expect(await room.page.getByTestId('screen-part').textContent()).toBe('Lessons learned');
  // A lane is short: it is drawn larger (as far as the river's width lets it).
  await expect.poll(async () => (await room.page.locator('[data-card-id]', { hasText: 'Group cohesion and a shared vision' }).first().boundingBox())!.width).toBeGreaterThan(whole * 1.15);
  await screenshot(room.page, 'spotlight-river-stream-room-screen-1920x1080', { fullPage: false });

  await fay.page.getByTestId('show-river').click();
  await room.page.locator('[data-testid="room-screen"][data-part=""]').waitFor();
  await room.page.getByTestId('screen-part').waitFor({ state: 'detached' });
  await expect.poll(cardWidth, { timeout: 10_000 }).toBeCloseTo(whole, 0);
  for (const person of [fay, room]) await person.context.close();
});

test('the vote tally in the spotlight keeps a tally hidden until the vote closes, then shows it on the room screen', async () => {
  await voteAction('open', { hideTally: true, plans: ['taliang', 'watermelon'] });
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();

  await fay.page.getByTestId('show-tally').click();
  const spotlight = room.page.locator('[data-testid="spotlight"][data-board="tally"]');
  await spotlight.getByTestId('tally-hidden').waitFor();
  expect(await spotlight.locator('[data-testid^="tally-votes-"]').count()).toBe(0);

  await voteAction('close');
  await spotlight.locator('[data-testid^="tally-votes-"]').first().waitFor();
  await spotlight.getByTestId('tally-hidden').waitFor({ state: 'detached' });
  await screenshot(room.page, 'spotlight-tally-room-screen-1920x1080', { fullPage: false });
  for (const person of [fay, room]) await person.context.close();
});

test('one row of a host\'s comparison in the spotlight: the room screen shows that row alone, its cards in type read from the back', async () => {
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();
  const gridSockets: string[] = [];
  room.page.on('websocket', (socket) => void (socket.url().includes(caseDocName('laos-2013', 'asparagus')) && gridSockets.push(socket.url())));

  await fay.page.getByTestId('compare-row-asparagus').selectOption('lessons');
  const shown = room.page.locator('[data-testid="spotlight"][data-board="case"] [data-testid="compare-screen"][data-row="lessons"]');
  await shown.waitFor();
  await shown.getByText('Trust first, contract second').first().waitFor();
  expect(await room.page.getByTestId('screen-row').textContent()).toContain('Lessons learned');
  // Every group, as text of its own: one card in the row is drawn as large as the screen allows.
  expect(await shown.getByTestId('row-group').count()).toBe(3);
  expect(await rowScreenProblems(room.page)).toEqual([]);
  expect(Number(await shown.getByTestId('row-screen').getAttribute('data-font'))).toBeGreaterThanOrEqual(40);
  await screenshot(room.page, 'spotlight-compare-row-room-screen-1920x1080', { fullPage: false });
  // The room screen in Lao and Vietnamese, opened while the row is spotlighted, shows the same row.
  for (const locale of ['lo', 'vi'] as const) {
    const other = await openPerson(browser, server, { name: `Screen ${locale}`, path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 }, locale });
    await other.page.locator('[data-testid="compare-screen"][data-row="lessons"]').getByText('Trust first, contract second').first().waitFor();
    expect(await rowScreenProblems(other.page)).toEqual([]);
    await screenshot(other.page, `spotlight-compare-row-room-screen-${locale}-1920x1080`, { fullPage: false });
    await other.context.close();
  }

  await fay.page.getByTestId('compare-row-asparagus').selectOption('');
  await room.page.locator('[data-testid="compare-screen"][data-row=""]').waitFor();
  await fay.page.getByTestId('show-river').click();
  await room.page.getByTestId('spotlight').waitFor({ state: 'detached' });

  // Spotlighted again, the row is drawn from the grid the room screen kept open, live meanwhile: a card
  // written while the river was shown is there, and no second socket was opened for the grid.
  const grid = connectClient(`${server.url.replace(/^http/, 'ws')}/sync`, caseDocName('laos-2013', 'asparagus'), { token: facilitator });
  await synced(grid);
  const { groupId, columnId } = new CaseDoc(grid.doc).cards().find((card) => card.rowId === 'lessons')!;
  const written = new CaseDoc(grid.doc).addCard({ text: 'Written while the river was shown', author: 'Fay', authorId: 'fay', groupId, rowId: 'lessons', columnId }, Date.now());
  await fay.page.getByTestId('compare-row-asparagus').selectOption('lessons');
  await shown.getByText('Written while the river was shown').waitFor();
  expect(gridSockets).toHaveLength(1);
  new CaseDoc(grid.doc).deleteCards([written]);
  await shown.getByText('Written while the river was shown').waitFor({ state: 'detached' });
  grid.destroy();
  await fay.page.getByTestId('show-river').click();
  await room.page.getByTestId('spotlight').waitFor({ state: 'detached' });
  for (const person of [fay, room]) await person.context.close();
});

/** Cards of every length, in the three languages, as groups write them. */
const rowTexts = [
  'Income is steadier; children stay in school longer',
  'ລາຍໄດ້ໝັ້ນຄົງຂຶ້ນ ແລະ ເດັກນ້ອຍໄດ້ຮຽນດົນຂຶ້ນ',
  'Thu nhập ổn định hơn, trẻ em được đi học lâu hơn',
  'Yields up',
  'The trader now collects twice a week in the harvest season, so the asparagus reaches Pakse fresh and the price holds',
  'ກຸ່ມມີກອງທຶນຂອງຕົນເອງ ສຳລັບຊື້ແນວພັນ ແລະ ຈ່າຍຄ່າຢັ້ງຢືນ',
];

async function seedRow(rowId: string, perCell: number): Promise<void> {
  const grid = connectClient(`${server.url.replace(/^http/, 'ws')}/sync`, caseDocName('laos-2013', 'asparagus'), { token: facilitator });
  await synced(grid);
  const cases = new CaseDoc(grid.doc);
  let n = 0;
  grid.doc.transact(() => {
    for (const groupId of ['g1', 'g2', 'g3']) {
      for (const columnId of ['community', 'publicSector', 'privateSector']) {
        for (let i = 0; i < perCell; i += 1) cases.addCard({ text: rowTexts[n++ % rowTexts.length]!, author: ['Souk', 'Noy', 'Khamla'][i % 3]!, authorId: 'seed', groupId, rowId, columnId }, Date.now());
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  grid.destroy();
}

test('a long row in the spotlight shrinks to the projector\'s floor, then flows, on a projector and a laptop', async () => {
  await seedRow('results', 2);
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();
  await fay.page.getByTestId('compare-row-asparagus').selectOption('results');
  const rowScreen = room.page.locator('[data-testid="compare-screen"][data-row="results"] [data-testid="row-screen"]');
  await rowScreen.waitFor();
  await expect.poll(() => rowScreen.getByTestId('card').count()).toBe(19);
  expect(await rowScreenProblems(room.page)).toEqual([]);
  await screenshot(room.page, 'spotlight-compare-long-row-1920x1080', { fullPage: false });
  await room.page.setViewportSize({ width: 1366, height: 768 });
  // As large on the wall as 24 px on the 1920 px projector.
  await expect.poll(() => rowScreenProblems(room.page, 17)).toEqual([]);
  await screenshot(room.page, 'spotlight-compare-long-row-1366x768', { fullPage: false });

  // Twice as many: at 24 px the groups break across the columns rather than leave the screen.
  await room.page.setViewportSize({ width: 1920, height: 1080 });
  await seedRow('results', 2);
  await expect.poll(() => rowScreen.getByTestId('card').count()).toBe(37);
  await expect.poll(() => rowScreenProblems(room.page)).toEqual([]);
  expect(await rowScreen.getAttribute('data-flow')).toBe('true');
  await screenshot(room.page, 'spotlight-compare-longer-row-1920x1080', { fullPage: false });
  // Past a screenful at 24 px, smaller rather than out of sight: every card still shows, none over another.
  await seedRow('results', 4);
  await expect.poll(() => rowScreen.getByTestId('card').count()).toBe(73);
  await expect.poll(() => rowScreenProblems(room.page, 0)).toEqual([]);
  expect(Number(await rowScreen.getAttribute('data-font'))).toBeLessThan(24);
  await screenshot(room.page, 'spotlight-compare-longest-row-1920x1080', { fullPage: false });
  await fay.page.getByTestId('show-river').click();
  for (const person of [fay, room]) await person.context.close();
});

test('one section of a team\'s plan in the spotlight: the room screen shows that section alone, live and large', async () => {
  const writer = connectClient(`${server.url.replace(/^http/, 'ws')}/sync`, planDocName('laos-2013', 'taliang'), { token: facilitator });
  await synced(writer);
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();

  await fay.page.getByTestId('plan-section-taliang').selectOption('problem');
  const shown = room.page.locator('[data-testid="spotlight"][data-board="plan"] [data-testid="plan-on-screen"]');
  await shown.locator('section[data-section="problem"]').waitFor();
  expect(await shown.locator('section').count()).toBe(1);
  // A participant's words reach the screen as they are written.
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Dye buyers want the same colour every season')]);
  new PlanDoc(writer.doc).section('problem').push([paragraph]);
  await shown.getByText('Dye buyers want the same colour every season').waitFor();
  const lines = await cardLineHeights(room.page, '[data-testid="plan-on-screen"] section p');
  expect(Math.min(...lines)).toBeGreaterThanOrEqual(24);
  expect(await fay.page.getByTestId('plan-section-taliang').inputValue()).toBe('problem');
  await screenshot(room.page, 'spotlight-plan-section-room-screen-1920x1080', { fullPage: false });

  await fay.page.getByTestId('plan-section-taliang').selectOption('');
  await room.page.locator('[data-testid="spotlight"][data-board="plan"][data-id="taliang"]').waitFor();
  await shown.waitFor({ state: 'detached' });
  writer.destroy();
  for (const person of [fay, room]) await person.context.close();
});
