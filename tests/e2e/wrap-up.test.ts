import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectClient, synced } from '../integration/helpers/clients.ts';
import { CaseDoc, CaseTemplates } from '../../shared/schema/case.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes } from './join-codes.ts';
import { openPerson } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { adminToken, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;

useServerAndBrowser((parts) => ({ server, browser } = parts));

const api = async (path: string, token: string, body: unknown) => {
  const answer = await fetch(new URL(path, server.url), { method: body === undefined ? 'GET' : path.endsWith('ballot') ? 'PUT' : 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  expect(answer.status, path).toBeLessThan(300);
  return answer.json();
};

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  // The facilitator's key point on the asparagus comparison, as marked there.
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const route = connectClient(wsUrl, 'route/laos-2013', { token: adminToken });
  const grid = connectClient(wsUrl, 'route/laos-2013/case/asparagus', { token: adminToken });
  await Promise.all([synced(route), synced(grid)]);
  const trust = new CaseDoc(grid.doc).cards().find((card) => card.text === 'Trust first, contract second')!;
  new CaseTemplates(route.doc).setKeyPoint('asparagus', [trust.id], true);
  await new Promise((resolve) => setTimeout(resolve, 300));
  route.destroy();
  grid.destroy();
});

test('the facilitator opens a day’s wrap-up from the console, then the route’s with the fair’s tally', async () => {
  const person = await openPerson(browser, server, { name: 'Fa', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const { page } = person;
  await page.getByTestId('console-wrap-up').getByRole('link', { name: 'day 2' }).click();
  await expect.poll(() => page.url()).toContain('/r/laos-2013/wrap-up?day=d2');
  await expect.poll(() => page.getByTestId('wrap-title').textContent()).toBe('End of Day 2: Organic Asparagus, Darkhied');
  await page.getByTestId('wrap-stream-knowledge').getByText('The contract fixes the price before planting').waitFor();
  expect(await page.getByTestId('wrap-stream-lessons').textContent()).toContain('By Khamla (1)');
  expect(await page.getByTestId('wrap-grid-asparagus').locator('thead th').allTextContents()).toEqual(['', 'Group 1 3 cards', 'Group 2 2 cards', 'Group 3 1 card']);
  expect(await page.getByTestId('wrap-key-point').allTextContents()).toEqual([expect.stringContaining('Trust first, contract second')]);
  // Charts are SVG drawn in the page: a column per day for the growth, a bar per stream.
  expect(await page.getByTestId('growth-chart').locator('g').count()).toBe(5);
  expect(await page.getByTestId('stream-chart').locator('li svg').count()).toBe(6);
  await screenshot(page, 'wrap-up-day-en-1366x768', { fullPage: false });

  // The fair: a participant votes, the facilitator closes; the route's wrap-up shows the tally.
  await api('/api/routes/laos-2013/vote/open', facilitator, { plans: ['taliang', 'watermelon', 'chilli'] });
  const codes = await api('/api/routes/laos-2013/join-codes', facilitator, undefined);
  const voter = await api('/api/join', '', { code: codes.participant, name: 'Binh', teamId: 'taliang', groupId: 'g1' });
  await api('/api/routes/laos-2013/vote/ballot', voter.token, { votes: { watermelon: 2, chilli: 1 } });
  await api('/api/routes/laos-2013/vote/close', facilitator, {});
  await page.getByTestId('wrap-route-link').click();
  await expect.poll(() => page.getByTestId('wrap-title').textContent()).toBe('End of the Learning Route');
  const tally = page.getByTestId('tally-chart');
  await tally.waitFor();
  expect(await tally.locator('.label').allTextContents()).toEqual([expect.stringMatching(/^1\. Improving organic watermelon/), expect.stringMatching(/^2\. /), expect.stringMatching(/^3\. /)]);
  expect(await page.getByTestId('wrap-grid-dyes').textContent()).toContain('No key point marked yet.');
  expect(await page.getByTestId('wrap-contest').textContent()).toContain('not published yet');
  await screenshot(page, 'wrap-up-route-en-1366x768', { fullPage: true });
  const own = new URL(server.url).host;
  expect(person.requested.filter((url) => new URL(url).host !== own)).toEqual([]);
  await person.context.close();
});

test('the wrap-up in English, Lao and Vietnamese on the projector, a laptop and a phone', async () => {
  for (const locale of ['en', 'lo', 'vi'] as const) {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const person = await openPerson(browser, server, { name: 'Fa', path: '/r/laos-2013/wrap-up?day=d2', token: facilitator, viewport, locale, isMobile: viewport.width < 600 });
      await person.page.getByTestId('wrap-key-point').waitFor();
      await screenshot(person.page, `wrap-up-day-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      if (viewport.width === 1920) {
        await person.page.getByTestId('wrap-route-link').click();
        await person.page.getByTestId('tally-chart').waitFor();
        await screenshot(person.page, `wrap-up-route-${locale}-1920x1080`, { fullPage: true });
      }
      await person.context.close();
    }
  }
});

/** The smallest type on the room screen's wrap-up, in screen pixels: HTML text and the charts' SVG text alike. */
const smallestText = (page: Page) =>
  page.getByTestId('wrap-up-screen').evaluate((root) => {
    const sizes: number[] = [];
    for (const element of root.querySelectorAll('*')) {
      const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      if (!hasText || element.closest('title')) continue;
      const px = parseFloat(getComputedStyle(element).fontSize);
      const svg = element instanceof SVGElement ? element.ownerSVGElement : null;
      sizes.push(svg ? px * svg.getScreenCTM()!.a : px);
    }
    return Math.min(...sizes);
  });

test('the facilitator puts a day’s wrap-up, then the route’s, on the room screen: fitted to the projector, type read from the back', async () => {
  const screenToken = await joinAs(server, await joinCodes(server, 'laos-2013', facilitator), 'screen', '');
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  for (const locale of ['en', 'lo', 'vi'] as const) {
    const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 }, locale });
    await room.page.getByTestId('room-screen').waitFor();
    await fay.page.getByTestId('show-wrap-up-d2').click();
    const spotlight = room.page.locator('[data-testid="spotlight"][data-board="wrap-up"][data-id="d2"]');
    await spotlight.getByTestId('wrap-key-point').waitFor();
    if (locale === 'en') {
      expect(await fay.page.getByTestId('show-wrap-up-d2').getAttribute('aria-pressed')).toBe('true');
      expect(await spotlight.getByTestId('wrap-title').textContent()).toBe('End of Day 2: Organic Asparagus, Darkhied');
      expect(await spotlight.getByTestId('wrap-key-point').textContent()).toContain('Trust first, contract second');
    }
    // The charts: a column per day, a bar per stream, a bar per plan.
    expect(await spotlight.getByTestId('growth-chart').locator('g').count()).toBe(5);
    expect(await spotlight.getByTestId('stream-chart').locator('li svg').count()).toBe(6);
    expect(await spotlight.getByTestId('progress-chart').locator('li').count()).toBeGreaterThan(0);
    // Fitted: nothing to scroll on the projector, and no text under 24 px.
    const fits = () => spotlight.evaluate((element) => element.scrollHeight <= element.clientHeight && element.scrollWidth <= element.clientWidth);
    await expect.poll(fits).toBe(true);
    expect(await smallestText(room.page)).toBeGreaterThanOrEqual(24);
    await screenshot(room.page, `wrap-up-day-room-screen-${locale}-1920x1080`, { fullPage: false });

    await fay.page.getByTestId('show-wrap-up').click();
    const route = room.page.locator('[data-testid="spotlight"][data-board="wrap-up"][data-id=""]');
    // The first test closed a vote: its tally is the room's to see.
    await route.getByTestId('tally-chart').waitFor();
    if (locale === 'en') expect(await route.getByTestId('wrap-title').textContent()).toBe('End of the Learning Route');
    expect(await route.getByTestId('tally-chart').locator('li').count()).toBe(3);
    await expect.poll(() => route.evaluate((element) => element.scrollHeight <= element.clientHeight && element.scrollWidth <= element.clientWidth)).toBe(true);
    expect(await smallestText(room.page)).toBeGreaterThanOrEqual(24);
    await screenshot(room.page, `wrap-up-route-room-screen-${locale}-1920x1080`, { fullPage: false });
    await fay.page.getByTestId('show-river').click();
    await room.page.getByTestId('spotlight').waitFor({ state: 'detached' });
    await room.context.close();
  }
  await fay.context.close();
});

test('a card added to the river shows on an open wrap-up at once, without a reload, on the page and on the room screen', async () => {
  const screenToken = await joinAs(server, await joinCodes(server, 'laos-2013', facilitator), 'screen', '');
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/wrap-up?day=d2', token: facilitator, viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: screenToken, viewport: { width: 1920, height: 1080 } });
  await fay.page.getByTestId('wrap-stream-lessons').waitFor();
  const set = await fetch(`${server.url}/api/routes/laos-2013/control/spotlight`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ board: 'wrap-up', id: 'd2' }),
  });
  expect(set.status).toBe(200);
  const onScreen = room.page.getByTestId('wrap-up-screen');
  await onScreen.waitFor();
  let navigations = 0;
  fay.page.on('framenavigated', () => navigations++);

  const river = connectClient(`${server.url.replace(/^http/, 'ws')}/sync`, 'route/laos-2013/river', { token: adminToken });
  await synced(river);
  new RiverDoc(river.doc).addCard({ text: 'Drying yards shared by three villages', author: 'Lan', authorId: 'lan', streamId: 'lessons', dayId: 'd2' }, Date.now());
  // Within a few seconds (the page used to ask every 15 s): told by the server, asked again, drawn.
  await fay.page.getByTestId('wrap-stream-lessons').getByText('Drying yards shared by three villages').waitFor({ timeout: 5_000 });
  await onScreen.getByTestId('wrap-screen-card').filter({ hasText: 'Drying yards shared by three villages' }).waitFor({ timeout: 5_000 });
  expect(await fay.page.getByTestId('wrap-stream-lessons').textContent()).toContain('Lan (1)');
  expect(navigations).toBe(0);
  river.destroy();
  await fetch(`${server.url}/api/routes/laos-2013/control/spotlight`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ board: 'river' }),
  });
  for (const person of [fay, room]) await person.context.close();
});
