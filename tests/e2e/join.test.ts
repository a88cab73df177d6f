import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { adminToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** A phone that has never opened the board: no name, no token, in `locale`. */
async function freshPhone(locale: 'en' | 'lo' | 'vi') {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript((lang) => localStorage.setItem('tributary.locale', lang), locale);
  return { context, page: await context.newPage() };
}

test('the setup page and the room screen show the participant code and its QR code; a phone joins from the QR address as a named participant in a team', async () => {
  const setup = await openPerson(browser, server, { name: 'Fay', path: '/r/laos-2013/setup', token: facilitator, viewport: { width: 1366, height: 768 } });
  const card = setup.page.getByTestId('join-card');
  await card.waitFor();
  const code = (await setup.page.getByTestId('join-code-shown').textContent())!.trim();
  expect(code).toMatch(/^[ACEFGHKMNPRTWXY34679]{6}$/);
  const qrAddress = await setup.page.getByTestId('join-qr').getAttribute('data-address');
  expect(qrAddress).toBe(`${server.url}/j/${code}`);
  expect(await setup.page.getByTestId('join-address').textContent()).toBe(`${server.url}/join`);
  expect(await setup.page.locator('[data-testid="join-qr"] svg path').count()).toBeGreaterThan(0);
  await card.scrollIntoViewIfNeeded();
  await screenshot(setup.page, 'join-card-setup-1366x768', { fullPage: false });

  const room = await openPerson(browser, server, { name: 'Screen', path: '/r/laos-2013/screen', token: facilitator, viewport: { width: 1920, height: 1080 } });
  await room.page.getByTestId('join-card').waitFor();
  expect(await room.page.getByTestId('join-code-shown').textContent()).toBe(code);
  await screenshot(room.page, 'join-card-room-screen-1920x1080', { fullPage: false });
  // Nobody else is given the code: a participant's setup page shows no join card.
  const participantToken = await routeLinkToken(server, 'laos-2013', 'participant');
  const reader = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/setup', token: participantToken });
  const refused: string[] = [];
  reader.page.on('response', (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await reader.page.getByTestId('setup-read-only').waitFor();
  expect(await reader.page.getByTestId('join-card').count()).toBe(0);
  // Nor does a participant's page ask for it, to be refused: their room screen neither.
  await reader.page.goto(`${server.url}/r/laos-2013/screen`);
  await reader.page.getByTestId('room-screen').waitFor();
  await reader.page.waitForLoadState('networkidle');
  expect(refused).toEqual([]);

  const phone = await freshPhone('en');
  await phone.page.goto(qrAddress!);
  await phone.page.getByTestId('join-person-form').waitFor();
  expect(await phone.page.getByTestId('join-route').textContent()).toContain('as a participant');
  await phone.page.getByTestId('join-name').fill('Khamla');
  await phone.page.getByTestId('join-group').selectOption('g2');
  await phone.page.getByTestId('join-team').selectOption({ index: 1 });
  await screenshot(phone.page, 'join-phone-en-390x844', { fullPage: false });
  await phone.page.getByTestId('join-submit').tap();
  await phone.page.waitForURL(`${server.url}/r/laos-2013/river`);
  await waitForStatus(phone.page, 'connected');
  expect(await phone.page.getByTestId('name-button').textContent()).toContain('Khamla');
  expect(phone.page.url()).not.toContain('token');
  // Her grids open on the working group she joined, not on the first one.
  await phone.page.goto(`${server.url}/r/laos-2013/cases/asparagus`);
  await expect.poll(() => phone.page.getByTestId('group-picker').inputValue()).toBe('g2');

  const people = await fetch(`${server.url}/api/routes/laos-2013/people`, { headers: { authorization: `Bearer ${adminToken}` } });
  const listed = ((await people.json()) as { people: Array<{ name: string; groupId: string; teamId: string; role: string; connections: number }> }).people;
  const khamla = listed.find((person) => person.name === 'Khamla');
  expect(khamla).toMatchObject({ role: 'participant', groupId: 'g2' });
  expect(khamla!.teamId).toBeTruthy();
  expect(khamla!.connections).toBeGreaterThan(0);

  // She scans the QR code again: the phone goes back in as her, and the list keeps one Khamla.
  await phone.page.goto(qrAddress!);
  await phone.page.getByTestId('join-already').waitFor();
  expect(await phone.page.getByTestId('join-already').textContent()).toContain('already joined');
  await screenshot(phone.page, 'join-again-phone-en-390x844', { fullPage: false });
  await phone.page.getByTestId('join-continue').tap();
  await phone.page.waitForURL(`${server.url}/r/laos-2013/river`);
  expect(await phone.page.getByTestId('name-button').textContent()).toContain('Khamla');
  const again = await fetch(`${server.url}/api/routes/laos-2013/people`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(((await again.json()) as { people: Array<{ name: string }> }).people.filter((person) => person.name === 'Khamla')).toHaveLength(1);
  // Passed to someone else, it joins a new person.
  await phone.page.goto(qrAddress!);
  await phone.page.getByTestId('join-someone-else').tap();
  await phone.page.getByTestId('join-person-form').waitFor();
  expect(await phone.page.getByTestId('join-name').inputValue()).toBe('');

  for (const person of [setup, room, reader, phone]) await person.context.close();
});

test('a wrong code says so in the person\'s language; the join page in Lao and Vietnamese', async () => {
  for (const locale of ['lo', 'vi'] as const) {
    const phone = await freshPhone(locale);
    await phone.page.goto(`${server.url}/join`);
    await phone.page.getByTestId('join-code').fill('wwwwww');
    await phone.page.getByTestId('join-code').press('Enter');
    await phone.page.getByTestId('join-error').waitFor();
    const message = await phone.page.getByTestId('join-error').textContent();
    expect(message).toBe(locale === 'lo' ? 'ບໍ່ມີເສັ້ນທາງໃດໃຊ້ລະຫັດນີ້. ກວດເບິ່ງກັບຜູ້ອຳນວຍຄວາມສະດວກ.' : 'Không có lộ trình nào dùng mã này. Hãy kiểm tra lại với người điều phối.');
    await screenshot(phone.page, `join-wrong-code-${locale}-390x844`, { fullPage: false });

    const codes = await fetch(`${server.url}/api/routes/laos-2013/join-codes`, { headers: { authorization: `Bearer ${adminToken}` } });
    const { participant } = (await codes.json()) as { participant: string };
    await phone.page.getByTestId('join-code').fill(participant.toLowerCase());
    await phone.page.getByTestId('join-code').press('Enter');
    await phone.page.getByTestId('join-person-form').waitFor();
    await screenshot(phone.page, `join-phone-${locale}-390x844`, { fullPage: false });
    await phone.context.close();
  }
});
