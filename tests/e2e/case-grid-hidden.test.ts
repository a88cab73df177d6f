import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes } from './join-codes.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
const laptop = { width: 1366, height: 768 };
const gridPath = '/r/laos-2013/cases/coffee';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

async function open(name: string, token: string, path = gridPath): Promise<Person> {
  const person = await openPerson(browser, server, { name, path, token, viewport: laptop });
  await waitForStatus(person.page, 'connected');
  return person;
}

/** The first row and column of the demo's grid template (PPP): story and context, community. */
const inFirstCell = (person: Person, text: string) => person.page.locator('[data-testid="card"][data-stream="story"][data-day="community"]', { hasText: text });

test('a hidden brainstorm on a grid: a participant sees their own hidden card, another nothing of it until the reveal', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const fay = await open('Fay', facilitator, '/r/laos-2013/facilitate');
  const ana = await open('Ana', await joinAs(server, codes, 'participant', 'Ana', 'taliang'));
  const bo = await open('Bo', await joinAs(server, codes, 'participant', 'Bo', 'taliang'));

  await fay.page.getByTestId('hide-case-coffee').click();
  await fay.page.getByTestId('reveal-case-coffee').waitFor();
  await ana.page.getByTestId('grid-hidden-notice').waitFor();
  await bo.page.getByTestId('grid-hidden-notice').waitFor();
  // The cards already there cannot be changed meanwhile: no undo, no slots' editing of shared cards.
  expect(await ana.page.getByTestId('undo').count()).toBe(0);

  const secret = 'Pickers paid within a week by the cooperative';
  await ana.page.getByTestId('add-card').click();
  await ana.page.getByTestId('pick-row').selectOption('story');
  await ana.page.getByTestId('pick-column').selectOption('community');
  await ana.page.getByTestId('add-text').fill(secret);
  await ana.page.getByTestId('add-submit').click();
  await inFirstCell(ana, secret).getByTestId('card-badge').waitFor();
  expect(await inFirstCell(ana, secret).getByTestId('card-badge').textContent()).toBe('Only you');
  await screenshot(ana.page, 'grid-hidden-own-card-1366x768', { fullPage: false });

  // The facilitator's console lists it; Bo's page holds nothing of it.
  await fay.page.getByTestId('hidden-case-coffee').getByText(secret).waitFor();
  expect(await bo.page.content()).not.toContain(secret);
  // Ana's card stays after a reload: it is the server's, not the page's.
  await ana.page.reload();
  await inFirstCell(ana, secret).waitFor();

  await fay.page.getByTestId('reveal-case-coffee').click();
  await inFirstCell(bo, secret).waitFor();
  await bo.page.getByTestId('grid-hidden-notice').waitFor({ state: 'detached' });
  expect(await inFirstCell(bo, secret).getByTestId('card-badge').count()).toBe(0);
  await inFirstCell(ana, secret).getByTestId('card-badge').waitFor({ state: 'detached' });
  for (const person of [fay, ana, bo]) await person.context.close();
});
