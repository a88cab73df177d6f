import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes } from './join-codes.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
let codes: Record<string, string>;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  codes = await joinCodes(server, 'laos-2013', facilitator);
});

const join = (role: string, name: string, teamId?: string): Promise<string> => joinAs(server, codes, role, name, teamId);

test('the facilitator opens the vote, a participant votes on a phone and the tally on the room screen follows; refusals show on the phone', async () => {
  const fac = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/vote', token: facilitator, viewport: { width: 1366, height: 768 } });
  await fac.page.getByTestId('vote-controls').waitFor();
  await fac.page.getByTestId('votes-per-person').fill('3');
  await screenshot(fac.page, 'fair-vote-controls-1366x768', { fullPage: false });
  await fac.page.getByRole('button', { name: 'Open the vote' }).click();
  await fac.page.locator('[data-testid="vote-status"][data-status="open"]').waitFor();

  const screen = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/tally', token: await join('screen', ''), viewport: { width: 1920, height: 1080 } });
  await screen.page.getByTestId('tally-votes-watermelon').waitFor();
  expect(await screen.page.getByTestId('tally-votes-watermelon').textContent()).toBe('0 votes');

  const phone = await openPerson(browser, server, {
    name: 'Khamla',
    path: '/r/laos-2013/vote',
    token: await join('participant', 'Khamla', 'taliang'),
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  await phone.page.getByTestId('ballot').waitFor();
  // Her own team's plan cannot be chosen.
  expect(await phone.page.getByRole('button', { name: /^One vote more for Strengthening Taliang/ }).isDisabled()).toBe(true);
  const more = (plan: RegExp) => phone.page.getByRole('button', { name: plan }).tap();
  await more(/^One vote more for Improving organic watermelon/);
  await phone.page.locator('[data-testid="mine-watermelon"][data-count="1"]').waitFor();
  await more(/^One vote more for Improving organic watermelon/);
  await phone.page.locator('[data-testid="mine-watermelon"][data-count="2"]').waitFor();
  await more(/^One vote more for Community based knowledge exchange/);
  await phone.page.locator('[data-testid="mine-chilli"][data-count="1"]').waitFor();
  expect(await phone.page.getByTestId('votes-left').textContent()).toBe('0 votes left');
  await screen.page.locator('[data-testid="tally-votes-watermelon"]', { hasText: '2 votes' }).waitFor();
  expect(await screen.page.getByTestId('tally-count').textContent()).toBe('1 person has voted · 3 votes');
  await screenshot(screen.page, 'fair-tally-open-1920x1080', { fullPage: false });

  // A fourth vote is refused by the server, which says why, on her screen.
  await more(/^One vote more for Community based network on livestock/);
  const problem = phone.page.getByTestId('vote-problem');
  await problem.waitFor();
  expect(await problem.textContent()).toBe('You have 3 votes in all. Take one back from another plan first.');
  await screenshot(phone.page, 'fair-vote-phone-refused-390x844', { fullPage: false });
  // She moves a vote: one less for watermelon, one more for livestock.
  await phone.page.getByRole('button', { name: /^One vote less for Improving organic watermelon/ }).tap();
  await phone.page.locator('[data-testid="mine-watermelon"][data-count="1"]').waitFor();
  await more(/^One vote more for Community based network on livestock/);
  await screen.page.locator('[data-testid="tally-votes-livestock"]', { hasText: '1 vote' }).waitFor();

  // Hidden from the room (the facilitator still sees it), then closed: the tally with its fair points.
  await fac.page.getByRole('button', { name: 'Hide the tally from the room until the close' }).click();
  await screen.page.getByTestId('tally-hidden').waitFor();
  await phone.page.getByTestId('tally-hidden').waitFor();
  expect(await fac.page.getByTestId('tally-votes-livestock').textContent()).toBe('1 vote');
  await fac.page.getByRole('button', { name: 'Close the vote' }).click();
  await screen.page.locator('[data-testid="vote-status"][data-status="closed"]').waitFor();
  await screen.page.getByTestId('tally-points-watermelon').waitFor();
  expect(await screen.page.getByTestId('tally-points-watermelon').textContent()).toBe('+3 points');
  await phone.page.locator('[data-testid="vote-status"][data-status="closed"]').waitFor();
  expect(await phone.page.getByRole('button', { name: /^One vote more for Improving organic watermelon/ }).isDisabled()).toBe(true);
  await fac.page.getByRole('button', { name: 'Publish the result' }).click();
  await screen.page.locator('[data-testid="vote-status"][data-status="published"]').waitFor();
  await screenshot(screen.page, 'fair-tally-published-1920x1080', { fullPage: false });
  await screenshot(fac.page, 'fair-vote-facilitator-published-1366x768', { fullPage: false });
  for (const person of [fac, screen, phone]) await person.context.close();
});

test('the vote page and the tally in Lao and Vietnamese', async () => {
  for (const locale of ['lo', 'vi'] as const) {
    const phone = await openPerson(browser, server, {
      name: 'Bounmy',
      path: '/r/laos-2013/vote',
      token: await join('participant', `Bounmy ${locale}`, 'chilli'),
      locale,
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await phone.page.getByTestId('tally').waitFor();
    await screenshot(phone.page, `fair-vote-phone-${locale}-390x844`);
    const screen = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/tally', token: facilitator, locale, viewport: { width: 1920, height: 1080 } });
    await screen.page.getByTestId('tally-points-watermelon').waitFor();
    await screenshot(screen.page, `fair-tally-${locale}-1920x1080`, { fullPage: false });
    await phone.context.close();
    await screen.context.close();
  }
});
