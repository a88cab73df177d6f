import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
let participant: string;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  participant = await routeLinkToken(server, 'laos-2013', 'participant');
});

const openConsole = async (options: { locale?: 'en' | 'lo' | 'vi'; viewport?: { width: number; height: number } } = {}): Promise<Person> => {
  const person = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, ...options });
  await person.page.getByTestId('spotlight-panel').waitFor();
  return person;
};

/** Seconds left on the first timer the page shows, from its m:ss. */
const secondsShown = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('timer-time').first().textContent())!.trim();
  const [minutes, seconds] = text.split(':').map(Number);
  return minutes! * 60 + seconds!;
};

test('the facilitator moves the spotlight from the console and the room screen follows', async () => {
  const fay = await openConsole({ viewport: { width: 1366, height: 768 } });
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: facilitator, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();
  expect(await room.page.getByTestId('spotlight').count()).toBe(0);

  // The forty boards come in the day's groups: a host's grid is found under the grids.
  expect(await fay.page.getByRole('group', { name: 'Case-study grids' }).getByTestId('show-grid-asparagus').count()).toBe(1);
  await fay.page.getByTestId('show-grid-asparagus').click();
  const spotlight = room.page.getByTestId('spotlight');
  await spotlight.and(room.page.locator('[data-board="case"][data-id="asparagus"]')).waitFor();
  await room.page.getByTestId('spotlight').getByTestId('page-title').waitFor();
  await screenshot(room.page, 'spotlight-grid-room-screen-1920x1080', { fullPage: false });
  expect(await fay.page.getByTestId('show-grid-asparagus').getAttribute('aria-pressed')).toBe('true');

  await fay.page.getByTestId('show-plan-taliang').click();
  await room.page.locator('[data-testid="spotlight"][data-board="plan"][data-id="taliang"]').waitFor();

  await fay.page.getByTestId('timer-minutes').fill('7');
  await fay.page.getByTestId('timer-label').fill('Group work');
  await fay.page.getByTestId('timer-start').click();
  await fay.page.getByTestId('show-timer').click();
  await room.page.locator('[data-testid="spotlight"][data-board="timer"] [data-testid="timer"][data-state="running"]').waitFor();
  expect(await secondsShown(room.page)).toBeGreaterThan(6 * 60);
  await screenshot(room.page, 'spotlight-timer-room-screen-1920x1080', { fullPage: false });
  await screenshot(fay.page, 'console-en-1366x768', { fullPage: false });

  // Back to the river: the room screen is the river again.
  await fay.page.getByTestId('show-river').click();
  await spotlight.waitFor({ state: 'detached' });
  await room.page.getByTestId('room-status').getByTestId('timer').waitFor();
  await fay.page.getByTestId('timer-reset').click();
  await room.page.getByTestId('room-status').getByTestId('timer').waitFor({ state: 'detached' });
  for (const person of [fay, room]) await person.context.close();
});

test('a timer started by the facilitator shows the same time left on a participant page whose clock is 5 minutes off', async () => {
  const fay = await openConsole();
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: participant, viewport: { width: 390, height: 844 }, isMobile: true });
  // This phone's clock runs five minutes ahead of the server's.
  await ana.context.addInitScript(() => {
    const shift = 5 * 60 * 1000;
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + shift);
        else super(...(args as [string | number]));
      }
      static override now(): number {
        return RealDate.now() + shift;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  });
  await ana.page.reload();
  await waitForStatus(ana.page, 'connected');
  expect(await ana.page.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeGreaterThan(4 * 60 * 1000);

  await fay.page.getByTestId('timer-minutes').fill('10');
  await fay.page.getByTestId('timer-start').click();
  const anaTimer = ana.page.getByTestId('room-bar').locator('[data-testid="timer"][data-state="running"]');
  await anaTimer.waitFor();
  const [onConsole, onPhone] = await Promise.all([secondsShown(fay.page), secondsShown(ana.page)]);
  // Ten minutes less the few seconds this took, on both: not five minutes less on the fast phone.
  expect(onPhone).toBeGreaterThan(9 * 60);
  expect(Math.abs(onPhone - onConsole)).toBeLessThanOrEqual(1);
  const before = await secondsShown(ana.page);
  await ana.page.waitForFunction((shown) => {
    const text = document.querySelector('[data-testid="room-bar"] [data-testid="timer-time"]')?.textContent ?? '';
    const [m, s] = text.split(':').map(Number);
    return m! * 60 + s! < shown;
  }, before);
  await screenshot(ana.page, 'timer-phone-390x844', { fullPage: false });

  await fay.page.getByTestId('timer-pause').click();
  await ana.page.getByTestId('room-bar').locator('[data-testid="timer"][data-state="paused"]').waitFor();
  await fay.page.getByTestId('timer-reset').click();
  await anaTimer.waitFor({ state: 'detached' });
  for (const person of [fay, ana]) await person.context.close();
});

test('follow me brings a participant\'s view along; they can step out and back in', async () => {
  const fay = await openConsole();
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: participant });
  await waitForStatus(ana.page, 'connected');

  await fay.page.getByTestId('follow-grid-asparagus').click();
  await fay.page.getByTestId('follow-active').waitFor();
  await ana.page.waitForURL(`${server.url}/r/laos-2013/cases/asparagus`);
  await ana.page.locator('[data-testid="follow-state"][data-following="true"]').waitFor();

  // The facilitator, leading, opens a plan in the same browser: everyone comes along.
  const lead = await fay.context.newPage();
  await lead.goto(`${server.url}/r/laos-2013/plans/taliang`);
  await ana.page.waitForURL(`${server.url}/r/laos-2013/plans/taliang`);

  await ana.page.getByTestId('step-out').click();
  await lead.goto(`${server.url}/r/laos-2013/river`);
  await fay.page.locator('[data-testid="follow-river"][aria-pressed="true"]').waitFor();
  await ana.page.getByTestId('follow-again').waitFor();
  expect(new URL(ana.page.url()).pathname).toBe('/r/laos-2013/plans/taliang');
  await ana.page.getByTestId('follow-again').click();
  await ana.page.waitForURL(`${server.url}/r/laos-2013/river`);

  await fay.page.getByRole('button', { name: 'Stop follow me' }).click();
  await ana.page.getByTestId('follow-state').waitFor({ state: 'detached' });
  for (const person of [fay, ana]) await person.context.close();
});

test('the console in Lao and Vietnamese, on a laptop and a phone', async () => {
  for (const locale of ['lo', 'vi'] as const) {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 390, height: 844 }]) {
      const fay = await openConsole({ locale, viewport });
      expect(await fay.page.getByRole('heading', { level: 2 }).first().textContent()).toBe(locale === 'lo' ? 'ນຳພາຫ້ອງ' : 'Điều phối phòng');
      await screenshot(fay.page, `console-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await fay.context.close();
    }
  }
});

/** A participant who joined with the route's code: a personal token, named, in the first team. */
async function joinedParticipant(name: string, viewport?: { width: number; height: number }): Promise<Person> {
  const codes = await fetch(`${server.url}/api/routes/laos-2013/join-codes`, { headers: { authorization: `Bearer ${facilitator}` } });
  const { participant: code } = (await codes.json()) as { participant: string };
  const info = (await (await fetch(`${server.url}/api/join/${code}`)).json()) as { teams: Array<{ id: string }>; groups: Array<{ id: string }> };
  const joined = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, teamId: info.teams[0]!.id, groupId: info.groups[0]?.id }),
  });
  const { token } = (await joined.json()) as { token: string };
  const person = await openPerson(browser, server, { name, path: '/r/laos-2013/river', token, viewport, isMobile: viewport !== undefined });
  await waitForStatus(person.page, 'connected');
  return person;
}

test('hidden brainstorming keeps a participant\'s idea from the others until the facilitator reveals it', async () => {
  const fay = await openConsole({ viewport: { width: 1366, height: 768 } });
  const ana = await joinedParticipant('Ana', { width: 390, height: 844 });
  const bo = await joinedParticipant('Bo');
  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: facilitator, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('room-screen').waitFor();

  await fay.page.getByTestId('hide-ideas').click();
  await fay.page.getByTestId('reveal-ideas').waitFor();
  // On her phone, through the add dialog, as any card: the river keeps it for her and the facilitators.
  await ana.page.getByTestId('river-hidden-notice').waitFor();
  await ana.page.getByTestId('add-card').tap();
  const secret = 'Village seed bank run by the women’s group';
  await ana.page.getByTestId('pick-stream').selectOption('ideas');
  await ana.page.getByTestId('add-text').fill(secret);
  await ana.page.getByTestId('add-submit').tap();
  await ana.page.locator('[data-testid="card"][data-stream="ideas"]', { hasText: secret }).getByTestId('card-badge').waitFor();
  await screenshot(ana.page, 'hidden-idea-phone-390x844', { fullPage: false });

  // The facilitator sees it, the room sees that one idea waits, Bo's page has nothing of it.
  await fay.page.getByTestId('hidden-ideas').getByText(secret).waitFor();
  await room.page.getByTestId('hidden-waiting').waitFor();
  expect(await room.page.getByTestId('hidden-waiting').textContent()).toBe('1 hidden idea waiting');
  await screenshot(fay.page, 'console-hidden-1366x768', { fullPage: true });
  expect(await bo.page.content()).not.toContain(secret);

  await fay.page.getByTestId('reveal-ideas').click();
  // The river opens at 100 % and draws only the cards in view: the ideas stream is below the window.
  await bo.page.getByTestId('zoom-fit').click();
  await bo.page.getByText(secret).first().waitFor();
  await room.page.getByTestId('hidden-waiting').waitFor({ state: 'detached' });
  for (const person of [fay, ana, bo, room]) await person.context.close();
});

// Apart from the brainstorm: four browsers in one test ran past the time limit on a loaded two-core machine.
test('a lock says so on a participant\'s screen, and lifting it clears the notice', async () => {
  const fay = await openConsole({ viewport: { width: 1366, height: 768 } });
  const bo = await joinedParticipant('Bo');
  await fay.page.getByTestId('lock-river').check();
  await bo.page.getByTestId('lock-notice').waitFor();
  expect(await bo.page.getByTestId('lock-notice').textContent()).toContain('locked this board');
  await fay.page.getByTestId('lock-river').uncheck();
  await bo.page.getByTestId('lock-notice').waitFor({ state: 'detached' });
  for (const person of [fay, bo]) await person.context.close();
});
