import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import { adminToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts));

const phone = { viewport: { width: 360, height: 740 }, isMobile: true } as const;

/** No sideways scrolling of the page itself on a narrow screen. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

test('an admin sees the demo route, creates a route and lands on its setup', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Ana', path: '/', token: adminToken });
  const demo = page.locator('[data-testid="route-card"][data-route-id="laos-2013"]');
  await demo.getByText('Organiser').waitFor();
  await demo.getByText('May 6 – 10, 2013').waitFor();
  await screenshot(page, 'home-admin', { fullPage: false });

  const form = page.getByTestId('create-route');
  await form.getByTestId('create-title').fill('Safe vegetables in Quang Binh');
  await form.getByLabel('Place').fill('Quang Binh and Ha Tinh, Viet Nam');
  await form.getByLabel('First day').fill('2013-07-21');
  await form.getByLabel('Last day').fill('2013-07-27');
  expect(await form.getByLabel('Number of days').inputValue()).toBe('7');
  await form.getByRole('button', { name: 'Create the route' }).click();

  await page.waitForURL(/\/r\/[a-z0-9]+\/setup$/);
  await waitForStatus(page, 'connected');
  expect(await page.getByTestId('details-title').inputValue()).toBe('Safe vegetables in Quang Binh');
  expect(await page.getByTestId('days-item').count()).toBe(7);
  expect(await page.getByTestId('stream-item').count()).toBe(6);
  await page.getByTestId('page-title').getByText('Safe vegetables in Quang Binh').waitFor();

  // Back (the browser's) returns to the list, which now holds both routes.
  await page.goBack();
  await expect.poll(() => page.getByTestId('route-card').count()).toBe(2);
  await context.close();
});

test('a participant sees only their route, with no way to create one', async () => {
  const token = await routeLinkToken(server, 'laos-2013', 'participant');
  const { page, context } = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/setup', token });
  await waitForStatus(page, 'connected');
  await page.getByRole('link', { name: 'All routes' }).click();
  await page.locator('[data-testid="route-card"][data-route-id="laos-2013"]').getByText('Participant').waitFor();
  expect(await page.getByTestId('route-card').count()).toBe(1);
  expect(await page.getByTestId('create-route').count()).toBe(0);
  await context.close();
});

test('on a phone the home and setup pages fit the width, in Lao too', async () => {
  const { page, context } = await openPerson(browser, server, { name: 'Chanthala', path: '/', token: adminToken, locale: 'lo', ...phone });
  await page.getByTestId('route-card').first().waitFor();
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await screenshot(page, 'phone-home-lao', { fullPage: false });

  await page.getByTestId('route-card').first().getByRole('link', { name: 'ຕັ້ງຄ່າ' }).tap();
  await waitForStatus(page, 'connected');
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await screenshot(page, 'phone-setup-lao', { fullPage: false });
  await page.getByTestId('section-days').scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-setup-days-lao', { fullPage: false });

  // Editing by touch: add a session to the first day.
  const firstDay = page.getByTestId('days-item').first();
  const before = await firstDay.getByTestId('session').count();
  await firstDay.getByRole('button', { name: 'ເພີ່ມກິດຈະກຳ' }).tap();
  await expect.poll(() => firstDay.getByTestId('session').count()).toBe(before + 1);
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await context.close();
});
