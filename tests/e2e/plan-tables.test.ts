import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinTeam, openConnected } from './plan-people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
/** Ana joined the Sansai team, whose plan is `watermelon`. */
let ana: string;
const planPath = '/r/laos-2013/plans/watermelon';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  ana = await joinTeam(server, facilitator, 'Ana', 'watermelon');
});

/** The input of a table cell: row by its position (1-based), column by its field. */
const cell = (page: Page, table: 'schedule' | 'budget', row: number, field: string) =>
  page.locator(`[data-testid="table-${table}"] tbody tr:nth-child(${row}) input[data-cell$=":${field}"]`);

async function typeInto(page: Page, table: 'schedule' | 'budget', row: number, field: string, text: string): Promise<void> {
  const input = cell(page, table, row, field);
  await input.fill(text);
  await input.press('Enter');
}

test('two people fill the budget live: amounts as typed, text refused at the cell, totals, the cap warning, presence and own undo', async () => {
  const [anaPage, binhPage] = await Promise.all([
    openConnected(browser, server, 'Ana', planPath, ana).then((person) => person.page),
    openConnected(browser, server, 'Binh', planPath, facilitator).then((person) => person.page),
  ]);
  await anaPage.getByTestId('add-budget-row').click();
  await expect.poll(() => anaPage.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? '')).toMatch(/^budget:.*:item$/);
  await anaPage.keyboard.type('Organic seeds');
  await anaPage.keyboard.press('Enter');
  await typeInto(anaPage, 'budget', 1, 'requested', '1.200');
  await expect.poll(() => cell(binhPage, 'budget', 1, 'item').inputValue()).toBe('Organic seeds');
  await expect.poll(() => cell(binhPage, 'budget', 1, 'requested').inputValue()).toBe('1,200');

  // Text in an amount cell is refused where it was typed, and nothing reaches the others.
  await typeInto(anaPage, 'budget', 1, 'contribution', 'three hundred');
  await anaPage.getByRole('alert').filter({ hasText: 'Not an amount' }).waitFor();
  expect(await cell(anaPage, 'budget', 1, 'contribution').getAttribute('aria-invalid')).toBe('true');
  await typeInto(anaPage, 'budget', 1, 'contribution', '300');
  await expect.poll(() => cell(binhPage, 'budget', 1, 'contribution').inputValue()).toBe('300');
  expect(await anaPage.getByRole('alert').filter({ hasText: 'Not an amount' }).count()).toBe(0);

  // Binh is in a cell: Ana sees his name on it.
  await cell(binhPage, 'budget', 1, 'partner').click();
  await anaPage.locator('[data-testid="table-budget"] [data-testid="peer-in-cell"]', { hasText: 'Binh' }).waitFor();
  await binhPage.keyboard.type('RLIP');
  await binhPage.keyboard.press('Enter');

  // A second line takes the contest's share over the cap of 1,500: both see the warning, and the totals.
  await anaPage.getByTestId('add-budget-row').click();
  await typeInto(anaPage, 'budget', 2, 'item', 'Training');
  await typeInto(anaPage, 'budget', 2, 'requested', '1 500');
  for (const page of [anaPage, binhPage]) {
    await page.getByTestId('budget-over').filter({ hasText: '1,200 over its cap of 1,500' }).waitFor();
    await page.getByTestId('plan-over-cap').waitFor();
    await expect.poll(() => page.getByTestId('total-requested').innerText()).toBe('2,700');
    await expect.poll(() => page.getByTestId('total-contribution').innerText()).toBe('300');
    await expect.poll(() => page.getByTestId('total-all').innerText()).toContain('3,000');
  }
  await binhPage.getByTestId('section-budget').scrollIntoViewIfNeeded();
  await screenshot(binhPage, 'plan-budget-over-1366x768', { fullPage: false });

  // Ana undoes her own last change (the second line's amount), with the keyboard in the table; Binh's partner stays.
  await anaPage.getByTestId('add-budget-row').focus();
  await anaPage.keyboard.press('Control+z');
  await expect.poll(() => cell(binhPage, 'budget', 2, 'requested').inputValue()).toBe('');
  await binhPage.getByTestId('budget-within').filter({ hasText: 'USD 1,200 of at most 1,500' }).waitFor();
  expect(await binhPage.getByTestId('plan-over-cap').count()).toBe(0);
  expect(await cell(anaPage, 'budget', 1, 'partner').inputValue()).toBe('RLIP');
  await anaPage.keyboard.press('Control+Shift+z');
  await expect.poll(() => cell(binhPage, 'budget', 2, 'requested').inputValue()).toBe('1,500');

  // The plans list says the same.
  const list = await openConnected(browser, server, 'Fay', '/r/laos-2013/plans', facilitator);
  await list.page.getByTestId('budget-watermelon').filter({ hasText: '1,200 over' }).waitFor();
  await list.context.close();

  // Removing the line brings it back within the cap.
  await anaPage.getByRole('button', { name: 'Remove row 2' }).click();
  await binhPage.getByTestId('budget-within').waitFor();
  await Promise.all([anaPage.context().close(), binhPage.context().close()]);
});

test('the schedule: activities with who and dates, reordered live, an end before the start pointed out', async () => {
  const [anaPage, binhPage] = await Promise.all([
    openConnected(browser, server, 'Ana', planPath, ana).then((person) => person.page),
    openConnected(browser, server, 'Binh', planPath, facilitator).then((person) => person.page),
  ]);
  await anaPage.getByTestId('add-schedule-row').click();
  await typeInto(anaPage, 'schedule', 1, 'activity', 'Soil testing');
  await typeInto(anaPage, 'schedule', 1, 'who', 'Farmers’ group');
  await typeInto(anaPage, 'schedule', 1, 'start', '2013-07-10');
  await typeInto(anaPage, 'schedule', 1, 'end', '2013-07-01');
  await anaPage.getByText('Ends before it starts.').waitFor();
  await binhPage.getByText('Ends before it starts.').waitFor();
  await typeInto(anaPage, 'schedule', 1, 'end', '2013-07-20');
  await binhPage.getByTestId('add-schedule-row').click();
  await typeInto(binhPage, 'schedule', 2, 'activity', 'Seed purchase');
  await expect.poll(() => cell(anaPage, 'schedule', 2, 'activity').inputValue()).toBe('Seed purchase');
  await anaPage.getByRole('button', { name: 'Move row 2 up' }).click();
  await expect.poll(() => cell(binhPage, 'schedule', 1, 'activity').inputValue()).toBe('Seed purchase');
  expect(await cell(binhPage, 'schedule', 2, 'end').inputValue()).toBe('2013-07-20');
  expect(await binhPage.getByText('Ends before it starts.').count()).toBe(0);
  await Promise.all([anaPage.context().close(), binhPage.context().close()]);
});

for (const locale of ['lo', 'vi'] as const) {
  test(`the tables in ${locale} on a laptop and a phone`, async () => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const person = await openConnected(browser, server, 'Lan', planPath, ana, { locale, viewport });
      await person.page.getByTestId('table-budget').scrollIntoViewIfNeeded();
      const scrollWidth = await person.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${locale} ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
      await screenshot(person.page, `plan-budget-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await person.page.getByTestId('table-schedule').scrollIntoViewIfNeeded();
      await screenshot(person.page, `plan-schedule-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await person.context.close();
    }
  });
}
