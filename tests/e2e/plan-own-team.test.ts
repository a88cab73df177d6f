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
const plansPath = '/r/laos-2013/plans';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  codes = await joinCodes(server, 'laos-2013', facilitator);
});

async function open(token: string, options: { path?: string; locale?: 'en' | 'lo'; viewport?: typeof laptop } = {}): Promise<Person> {
  const viewport = options.viewport ?? laptop;
  const person = await openPerson(browser, server, { name: 'Khamla', path: options.path ?? plansPath, token, viewport, locale: options.locale, isMobile: viewport === phone });
  await waitForStatus(person.page, 'connected');
  return person;
}

/** The plan cards' team ids in the order shown, and which of them are marked as the person's team. */
async function cards(page: Page): Promise<{ order: string[]; marked: string[] }> {
  await page.locator('[data-testid="plans"] li').nth(4).waitFor();
  return page.locator('[data-testid="plans"] li').evaluateAll((items) => ({
    order: items.map((item) => item.getAttribute('data-testid')!.slice('plan-'.length)),
    marked: items.filter((item) => item.querySelector('[data-testid="own-team"]') !== null).map((item) => item.getAttribute('data-testid')!.slice('plan-'.length)),
  }));
}

test('a participant finds their team’s plan first and marked, and the list follows the facilitator’s move live and across a reload', async () => {
  const token = await joinAs(server, codes, 'participant', 'Khamla', 'chilli');
  const khamla = await open(token);
  expect(await cards(khamla.page)).toEqual({ order: ['chilli', 'taliang', 'watermelon', 'coffee-katua', 'livestock'], marked: ['chilli'] });
  expect(await khamla.page.getByTestId('own-team').textContent()).toBe('Your team');
  await screenshot(khamla.page, 'plans-own-team-1366x768', { fullPage: false });

  await movePerson(server, facilitator, 'laos-2013', personIdOf(token), { teamId: 'watermelon' });
  await khamla.page.locator('[data-testid="plans"] li:first-child[data-testid="plan-watermelon"] [data-testid="own-team"]').waitFor();
  expect(await cards(khamla.page)).toEqual({ order: ['watermelon', 'taliang', 'chilli', 'coffee-katua', 'livestock'], marked: ['watermelon'] });
  // Her token still says chilli: the page keeps to the move.
  await khamla.page.reload();
  await waitForStatus(khamla.page, 'connected');
  expect(await cards(khamla.page)).toEqual({ order: ['watermelon', 'taliang', 'chilli', 'coffee-katua', 'livestock'], marked: ['watermelon'] });

  await khamla.page.getByTestId('plan-watermelon').locator('a').click();
  await khamla.page.getByTestId('own-plan').filter({ hasText: 'Your team’s plan' }).waitFor();
  await khamla.page.goto(new URL('/r/laos-2013/plans/chilli', server.url).href);
  await khamla.page.getByTestId('plan-title').waitFor();
  expect(await khamla.page.getByTestId('own-plan').count()).toBe(0);
  await khamla.context.close();
});

test('a facilitator and a committee member (even named in a team when joining) and a shared participant link see the list as the setup orders it, unmarked', async () => {
  const seeded = ['taliang', 'watermelon', 'chilli', 'coffee-katua', 'livestock'];
  const tokens = [
    await joinAs(server, codes, 'facilitator', 'Noy', 'chilli'),
    await joinAs(server, codes, 'committee', 'Vanh', 'chilli'),
    await routeLinkToken(server, 'laos-2013', 'participant'),
  ];
  for (const token of tokens) {
    const person = await open(token);
    expect(await cards(person.page)).toEqual({ order: seeded, marked: [] });
    await person.context.close();
  }
});

test('the mark and the plan’s line in Lao, on a laptop and a phone', async () => {
  const token = await joinAs(server, codes, 'participant', 'ສຸກ', 'livestock');
  for (const [viewport, size] of [[laptop, '1366x768'], [phone, '390x844']] as const) {
    const suk = await open(token, { locale: 'lo', viewport });
    expect((await cards(suk.page)).marked).toEqual(['livestock']);
    expect(await suk.page.getByTestId('own-team').textContent()).toBe('ທີມຂອງທ່ານ');
    await screenshot(suk.page, `plans-own-team-lo-${size}`, { fullPage: false });
    await suk.page.getByTestId('plan-livestock').locator('a').click();
    await suk.page.getByTestId('own-plan').filter({ hasText: 'ແຜນຂອງທີມທ່ານ' }).waitFor();
    await screenshot(suk.page, `plan-own-team-lo-${size}`, { fullPage: false });
    await suk.context.close();
  }
  const en = await open(token, { viewport: phone });
  await en.page.getByTestId('own-team').waitFor();
  await screenshot(en.page, 'plans-own-team-390x844', { fullPage: false });
  await en.context.close();
});
