import { beforeAll, expect, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { riverPath } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
const phone = { width: 390, height: 844 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** Whether an element shows all of its text: nothing cut at its end or hidden below its last line. */
function showsAllText(element: Locator): Promise<boolean> {
  return element.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1);
}

test('streams are reordered in the setup like days, and the river follows', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/setup', token: facilitator });
  const streams = page.getByTestId('stream-item');
  await streams.first().waitFor();
  await page.getByRole('button', { name: 'Move down: Knowledge brought' }).click();
  await expect.poll(() => page.getByTestId('stream-name').first().getAttribute('placeholder')).toBe('Expectations');
  expect(await page.getByRole('button', { name: 'Move up: Expectations' }).isDisabled()).toBe(true);

  await page.goto(new URL(riverPath, server.url).href);
  await waitForStatus(page, 'connected');
  await page.locator('[data-testid="card"][data-stream="knowledge"]').first().waitFor();
  const lanes = await page.locator('.lane .name').allTextContents();
  expect(lanes.slice(0, 2)).toEqual(['Expectations', 'Knowledge brought']);
  await page.goto(new URL('/r/laos-2013/setup', server.url).href);
  await page.getByRole('button', { name: 'Move up: Knowledge brought' }).click();
  await expect.poll(() => page.getByTestId('stream-name').first().getAttribute('placeholder')).toBe('Knowledge brought');
  await context.close();
});

test('a long session title and the route title wrap instead of being cut; days read "Day 1 · Mon"', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Ana', path: '/r/laos-2013/setup', token: facilitator, viewport: phone, isMobile: true, locale: 'vi' });
  const session = page.getByTestId('session-title').first();
  await session.waitFor();
  const oneLine = (await session.boundingBox())!.height;
  await session.fill('Khai mạc và giới thiệu hành trình học tập cùng các hộ nông dân, hợp tác xã và đối tác tư nhân');
  expect(await showsAllText(session)).toBe(true);
  expect((await session.boundingBox())!.height).toBeGreaterThan(oneLine * 1.5);
  expect(await showsAllText(page.getByTestId('details-title'))).toBe(true);
  expect(await page.getByTestId('days-item').first().locator('h3').innerText()).toMatch(/^Ngày 1 · \S/);
  await screenshot(page, 'setup-phone-vietnamese-390x844', { fullPage: false });
  await context.close();
});

for (const locale of ['en', 'lo', 'vi'] as const) {
  test(`on a phone the header shows the route's whole title before the people (${locale})`, async () => {
    const { page, context } = await openPerson(browser, server, { name: 'Noy', path: riverPath, token: facilitator, viewport: phone, isMobile: true, locale });
    await waitForStatus(page, 'connected');
    const title = page.getByTestId('page-title');
    await expect.poll(() => title.textContent()).toBe('Pro-Rural Poor Public and Private Partnership in Lao PDR');
    expect(await showsAllText(title)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  });
}

test('the home page does not ask for a name; the first board does, once', async () => {
  const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const home = new URL('/', server.url);
  home.searchParams.set('token', facilitator);
  await page.goto(home.href);
  await page.getByTestId('route-card').first().waitFor();
  expect(await page.getByTestId('name-dialog').isVisible()).toBe(false);
  await page.getByRole('link', { name: 'Open the river' }).first().tap();
  await page.getByTestId('name-dialog').waitFor();
  await page.getByRole('button', { name: 'Later' }).tap();
  await page.getByRole('link', { name: 'Plans' }).tap();
  await page.getByRole('link', { name: 'River' }).tap();
  await page.locator('[data-testid="card"]').first().waitFor();
  expect(await page.getByTestId('name-dialog').isVisible()).toBe(false);
  await context.close();
});
