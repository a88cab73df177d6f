import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useServerAndBrowser } from './file-setup.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { card } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
const viewport = { width: 1920, height: 1080 };
const comparePath = '/r/laos-2013/cases/coffee/compare';
const text = 'An exporter buys the whole harvest';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

/** Whether the card shows the key-point mark, once the page agrees. */
async function isKey(page: Page, expected: boolean, cardText = text): Promise<void> {
  const badge = card(page, cardText).getByTestId('card-badge');
  if (expected) await badge.waitFor();
  else await badge.waitFor({ state: 'detached' });
}

async function openCompare(name: string): Promise<Person> {
  const person = await openPerson(browser, server, { name, path: comparePath, token: facilitator, viewport });
  await waitForStatus(person.page, 'connected');
  await card(person.page, text).waitFor();
  return person;
}

test('a key point marked by mistake is taken back with Ctrl+Z or the undo button, and comes back with redo, for everyone', async () => {
  const [fac, other] = await Promise.all([openCompare('Facilitator'), openCompare('Co-facilitator')]);
  const undo = fac.page.getByTestId('undo');
  expect(await undo.isDisabled()).toBe(true);
  await isKey(fac.page, false);

  await card(fac.page, text).click();
  await fac.page.getByTestId('mark-key').click();
  await Promise.all([isKey(fac.page, true), isKey(other.page, true)]);

  // The keyboard, with the card still selected (not inside a field).
  await fac.page.keyboard.press('Control+z');
  await Promise.all([isKey(fac.page, false), isKey(other.page, false)]);

  await fac.page.getByTestId('redo').click();
  await Promise.all([isKey(fac.page, true), isKey(other.page, true)]);
  await undo.click();
  await Promise.all([isKey(fac.page, false), isKey(other.page, false)]);

  // Another facilitator's mark is theirs: this one's undo does not take it back.
  await card(other.page, text).click();
  await other.page.getByTestId('mark-key').click();
  await isKey(fac.page, true);
  await fac.page.keyboard.press('Control+z');
  await fac.page.waitForTimeout(300);
  await isKey(fac.page, true);
  await Promise.all([fac.context.close(), other.context.close()]);
});

/** The promoted copies of a coffee grid card in the river's lessons learned on the visit day, as a river page shows them. */
function riverCopy(page: Page, cardText: string) {
  return page.locator('[data-testid="card"][data-stream="lessons"][data-day="d4"]', { hasText: cardText });
}

test('a promotion undone takes its cards back out of the river and redo puts them back; others’ promotions stay', async () => {
  const [fac, other] = await Promise.all([openCompare('Facilitator'), openCompare('Co-facilitator')]);
  const river = await openPerson(browser, server, { name: 'Binh', path: '/r/laos-2013/river', token: facilitator, viewport });
  await waitForStatus(river.page, 'connected');
  const marked = 'Organic coffee since 1994';
  const mine = 'An exporter buys the whole harvest';
  const theirs = 'Open accounts for every member';

  // A mark, then a promotion: two steps, undone newest first.
  await card(fac.page, marked).click();
  await fac.page.getByTestId('mark-key').click();
  await isKey(fac.page, true, marked);
  await card(fac.page, mine).click();
  await fac.page.getByTestId('promote').click();
  await riverCopy(river.page, mine).waitFor();
  await fac.page.getByTestId('promoted').waitFor();

  // Meanwhile another facilitator promotes a card of their own.
  await card(other.page, theirs).click();
  await other.page.getByTestId('promote').click();
  await riverCopy(river.page, theirs).waitFor();

  await fac.page.keyboard.press('Control+z');
  await riverCopy(river.page, mine).waitFor({ state: 'detached' });
  // "1 card promoted" no longer holds once undone.
  await fac.page.getByTestId('promoted').waitFor({ state: 'detached' });
  await fac.page.getByTestId('promote').waitFor(); // the card can be promoted again
  expect(await fac.page.getByTestId('promote').isDisabled()).toBe(false);
  await isKey(fac.page, true, marked);
  expect(await riverCopy(river.page, theirs).count()).toBe(1);

  await fac.page.getByTestId('redo').click();
  await riverCopy(river.page, mine).waitFor();
  expect(await fac.page.getByTestId('promote').isDisabled()).toBe(true);

  // Back past the promotion to the mark, then nothing more of this facilitator's to take back.
  await fac.page.getByTestId('undo').click();
  await riverCopy(river.page, mine).waitFor({ state: 'detached' });
  await fac.page.getByTestId('undo').click();
  await isKey(fac.page, false, marked);
  expect(await fac.page.getByTestId('undo').isDisabled()).toBe(true);
  expect(await riverCopy(river.page, theirs).count()).toBe(1);
  await Promise.all([fac.context.close(), other.context.close(), river.context.close()]);
});
