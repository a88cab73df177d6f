import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { joinAs, joinCodes } from './join-codes.ts';
import { openPerson, waitForStatus } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

const joinWith = (code: string, name: string) =>
  fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, teamId: 'taliang', groupId: 'g1' }),
  });

test('the facilitator sees who joined, renames and moves a person, renews a code and removes a person, whose open page closes and says why', async () => {
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const panel = fay.page.getByTestId('people-panel');
  await panel.waitFor();
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  expect(await panel.getByTestId('code-participant-value').textContent()).toBe(codes.participant);

  // Ana joins with the participant code and opens the river: the list shows her, connected, without a reload.
  const anaToken = await joinAs(server, codes, 'participant', 'Ana', 'taliang');
  const ana = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/river', token: anaToken, viewport: { width: 390, height: 844 }, isMobile: true });
  await waitForStatus(ana.page, 'connected');
  const anaRow = panel.locator('[data-testid="person"][data-name="Ana"]');
  await anaRow.waitFor();
  await panel.locator('[data-testid="person"][data-name="Ana"]:not([data-connections="0"])').waitFor();
  expect(await anaRow.textContent()).toContain('connected');
  expect(await anaRow.getByTestId('person-team').inputValue()).toBe('taliang');
  // When she joined, on the facilitator's clock: two people of one name are told apart.
  expect(await anaRow.getByTestId('person-joined').textContent()).toMatch(/^joined \d\d:\d\d$/);

  // Rename by keyboard: Enter saves, and the server's name is what the list shows.
  await anaRow.getByTestId('rename').click();
  const nameInput = panel.getByTestId('rename-input');
  expect(await nameInput.evaluate((input) => input === document.activeElement)).toBe(true);
  await nameInput.fill('Ana Phommavong');
  await nameInput.press('Enter');
  const renamed = panel.locator('[data-testid="person"][data-name="Ana Phommavong"]');
  await renamed.waitFor();
  await panel.getByTestId('people-status').getByText('Renamed to Ana Phommavong.').waitFor();

  // Move her to another team: the server's record follows.
  await renamed.getByTestId('person-team').selectOption('watermelon');
  await panel.getByTestId('people-status').getByText('Ana Phommavong moved.').waitFor();
  await expect.poll(() => renamed.getByTestId('person-team').inputValue()).toBe('watermelon');
  const listed = await fetch(`${server.url}/api/routes/laos-2013/people`, { headers: { authorization: `Bearer ${facilitator}` } });
  const person = ((await listed.json()) as { people: Array<{ name: string; teamId: string }> }).people.find((each) => each.name === 'Ana Phommavong');
  expect(person?.teamId).toBe('watermelon');

  // A new participant code: the old one no longer joins, the new one does, and Ana stays in.
  await panel.getByTestId('rotate-participant').click();
  const confirmRotate = panel.getByTestId('rotate-participant-confirm');
  await confirmRotate.waitFor();
  await fay.page.keyboard.press('Escape');
  await confirmRotate.waitFor({ state: 'detached' });
  expect(await panel.getByTestId('code-participant-value').textContent()).toBe(codes.participant);
  await panel.getByTestId('rotate-participant').click();
  await confirmRotate.click();
  await expect.poll(() => panel.getByTestId('code-participant-value').textContent()).not.toBe(codes.participant);
  const newCode = (await panel.getByTestId('code-participant-value').textContent())!;
  expect((await joinWith(codes.participant!, 'Late')).status).toBeGreaterThanOrEqual(400);
  expect((await joinWith(newCode, 'Bounmy')).status).toBe(201);
  await panel.locator('[data-testid="person"][data-name="Bounmy"]').waitFor();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(fay.page, 'people-en-1366x768', { fullPage: false });

  // Remove, asked first: Cancel keeps her; Remove closes her open page, which says why, and her token is refused.
  await renamed.getByTestId('remove').click();
  await renamed.getByTestId('remove-cancel').click();
  await renamed.getByTestId('remove').click();
  expect(await renamed.getByTestId('remove-confirm').evaluate((button) => button === document.activeElement)).toBe(true);
  await fay.page.keyboard.press('Enter');
  await renamed.waitFor({ state: 'detached' });
  await panel.getByTestId('people-status').getByText('Ana Phommavong was removed from the route.').waitFor();
  await waitForStatus(ana.page, 'refused');
  await ana.page.getByText('The facilitator removed you from this route.', { exact: false }).first().waitFor();
  await screenshot(ana.page, 'people-removed-participant-390x844', { fullPage: false });
  const refused = await fetch(`${server.url}/api/docs/${encodeURIComponent('route/laos-2013/river')}/access`, { headers: { authorization: `Bearer ${anaToken}` } });
  expect(refused.status).toBe(401);
  for (const each of [fay, ana]) await each.context.close();
});

test('the people panel in Lao and Vietnamese', async () => {
  for (const locale of ['lo', 'vi'] as const) {
    const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, locale, viewport: { width: 1366, height: 768 } });
    const panel = fay.page.getByTestId('people-panel');
    await panel.locator('[data-testid="person"]').first().waitFor();
    await panel.locator('[data-testid="person"]').first().getByTestId('remove').click();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(fay.page, `people-${locale}-1366x768`, { fullPage: false });
    await fay.context.close();
  }
});

test('in a room of many the facilitator finds a person by a part of the name, accents or not', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  for (const name of ['Bình Nguyễn', 'Souk', 'Vongdala', 'Phet', 'Noy', 'Khamla', 'Dao', 'Lan', 'Bounmy']) await joinAs(server, codes, 'participant', name, 'taliang');
  const fay = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/facilitate', token: facilitator, viewport: { width: 1366, height: 768 } });
  const panel = fay.page.getByTestId('people-panel');
  await panel.getByTestId('people-find').fill('binh');
  await expect.poll(() => panel.getByTestId('person').count()).toBe(1);
  expect(await panel.getByTestId('person-name').textContent()).toBe('Bình Nguyễn');
  await panel.getByTestId('people-find').fill('zzz');
  await panel.getByTestId('people-no-match').waitFor();
  expect(await panel.getByTestId('person').count()).toBe(0);
  await panel.getByTestId('people-find').fill('');
  await expect.poll(() => panel.getByTestId('person').count()).toBeGreaterThanOrEqual(9);
  await fay.context.close();
});
