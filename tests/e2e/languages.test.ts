import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { openPerson, waitForStatus } from './people.ts';
import { adminToken, type TestServer } from './server.ts';
import { useServerAndBrowser } from './file-setup.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((parts) => ({ server, browser } = parts));

/**
 * Whether the app's own font file for `sample`'s script is loaded, i.e. the page is drawing those
 * letters with the shipped font rather than whatever the system has (often nothing, for Lao).
 */
function usesShippedFont(page: Page, sample: string): Promise<boolean> {
  return page.evaluate(async (text) => {
    await document.fonts.ready;
    const code = text.codePointAt(0)!;
    const covers = (range: string): boolean =>
      range.split(',').some((part) => {
        const [from, to] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex.replace(/^U\+/i, ''), 16));
        return code >= from! && code <= (to ?? from)!;
      });
    return [...document.fonts].some((face) => face.family.includes('Tributary Sans') && covers(face.unicodeRange) && face.status === 'loaded');
  }, sample);
}

async function switchLanguage(page: Page, locale: 'en' | 'lo' | 'vi'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(locale);
  await page.locator(`html[lang="${locale}"]`).waitFor();
}

for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
  const size = `${viewport.width}x${viewport.height}`;

  test(`Lao and Vietnamese interfaces render their own letters (${size})`, async () => {
    const { page, context } = await openPerson(browser, server, { name: 'Souk', path: '/r/laos-2013/setup', token: adminToken, viewport });
    await waitForStatus(page, 'connected');

    await switchLanguage(page, 'lo');
    await page.getByRole('heading', { name: 'ມື້ ແລະ ກຳນົດການ' }).waitFor();
    await page.getByText('ເຊື່ອມຕໍ່ແລ້ວ').waitFor();
    expect(await usesShippedFont(page, 'ກ')).toBe(true);
    await screenshot(page, `lao-setup-${size}`, { fullPage: false });
    await page.getByTestId('section-groups').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="groups-item"]').first().locator('input').fill('ກຸ່ມ ກ: ກະສິກຳອິນຊີ');
    await screenshot(page, `lao-groups-${size}`, { fullPage: false });

    await switchLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Các ngày và lịch trình' }).waitFor();
    await page.locator('[data-testid="groups-item"]').nth(1).locator('input').fill('Nhóm Đổi mới: rau an toàn');
    expect(await usesShippedFont(page, 'ệ')).toBe(true);
    await screenshot(page, `vietnamese-groups-${size}`, { fullPage: false });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `vietnamese-setup-${size}`, { fullPage: false });

    // Remembered for this person: the home page, and a reload, stay in Vietnamese.
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Hành trình học tập', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await screenshot(page, `vietnamese-home-${size}`, { fullPage: false });
    await switchLanguage(page, 'lo');
    await page.getByTestId('route-card').getByText('ຜູ້ຈັດງານ').waitFor();
    await screenshot(page, `lao-home-${size}`, { fullPage: false });
    await context.close();
  });
}

test('the first visit follows the browser’s languages; the name is asked on arriving at a board, not before', async () => {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByTestId('home-no-token').waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  expect(await page.getByTestId('name-dialog').isVisible()).toBe(false);
  await page.goto(`${server.url}/r/laos-2013/river`);
  await page.getByRole('heading', { name: 'Xin chào! Chúng tôi nên gọi bạn là gì?' }).waitFor();
  await screenshot(page, 'vietnamese-name-prompt', { fullPage: false });
  await page.getByTestId('name-input').fill('Lan');
  await page.getByTestId('name-input').press('Enter');
  await page.getByTestId('name-button').getByText('Lan').waitFor();
  await context.close();
});
