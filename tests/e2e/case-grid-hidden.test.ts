import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes } from './join-codes.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { attachPhoto } from './photo-upload.ts';
import { addInline, card } from './river-board.ts';
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

/** A hidden card sent over HTTP, as a participant's page would, into group 1's community column. */
async function sendHidden(token: string, rowId: string, text: string): Promise<{ id: string; authorId: string }> {
  const sent = await fetch(`${server.url}/api/routes/laos-2013/hidden-ideas`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ hostId: 'coffee', groupId: 'g1', rowId, columnId: 'community', text }),
  });
  expect(sent.status).toBe(201);
  return ((await sent.json()) as { idea: { id: string; authorId: string } }).idea;
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
  // Undo is for her own hidden cards now (none yet): the cards already there cannot be changed meanwhile.
  expect(await ana.page.getByTestId('undo').isDisabled()).toBe(true);

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

test('a participant edits, moves and deletes their own hidden card on the grid, with undo and redo; shared cards stay as they are', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const fay = await open('Fay', facilitator, '/r/laos-2013/facilitate');
  const ana = await open('Ana', await joinAs(server, codes, 'participant', 'Ana', 'taliang'));
  const boToken = await joinAs(server, codes, 'participant', 'Bo', 'taliang');
  const bo = await open('Bo', boToken);
  await fay.page.getByTestId('hide-case-coffee').click();
  await ana.page.getByTestId('grid-hidden-notice').waitFor();

  // The facilitator takes out of the console's list a card that should not reach the room.
  const offTopic = 'Who is bringing lunch tomorrow?';
  await sendHidden(boToken, 'results', offTopic);
  const listed = fay.page.getByTestId('hidden-case-coffee').locator('li', { hasText: offTopic });
  await listed.getByTestId('hidden-remove').click();
  await listed.waitFor({ state: 'detached' });

  const draft = 'Coffee dried on raised beds';
  const mine = (text: string) => card(ana.page, text);
  await addInline(ana.page, 'story', 'community', draft);
  await mine(draft).getByTestId('card-badge').waitFor();

  // Edited in place, as any card: double-click, type, Enter.
  const edited = 'Coffee dried on raised beds, not on the ground';
  await mine(draft).dblclick();
  await ana.page.getByTestId('card-editor').fill(edited);
  await ana.page.getByTestId('card-editor').press('Enter');
  await mine(edited).waitFor();
  // Moved with the keyboard (Alt+arrow), into the next column.
  await mine(edited).click();
  await ana.page.keyboard.press('Alt+ArrowRight');
  await ana.page.locator('[data-testid="card"][data-stream="story"][data-day="publicSector"]', { hasText: edited }).waitFor();
  // Deleted from the selection bar, and back with Ctrl+Z, still hers alone.
  await mine(edited).click();
  await ana.page.getByTestId('delete-selected').click();
  await mine(edited).waitFor({ state: 'detached' });
  await ana.page.keyboard.press('Control+z');
  await ana.page.locator('[data-testid="card"][data-stream="story"][data-day="publicSector"]', { hasText: edited }).getByTestId('card-badge').waitFor();
  // Undo twice more: the move, then the edit, each taken back on the server; redo makes the edit again.
  await ana.page.getByTestId('undo').click();
  await ana.page.locator('[data-testid="card"][data-stream="story"][data-day="community"]', { hasText: edited }).waitFor();
  await ana.page.getByTestId('undo').click();
  // The edited text holds the draft's: the edit is taken back once no card shows the edited text.
  await mine(edited).waitFor({ state: 'detached' });
  await mine(draft).waitFor();
  await ana.page.getByTestId('redo').click();
  await mine(edited).waitFor();
  await ana.page.reload();
  await ana.page.locator('[data-testid="card"][data-stream="story"][data-day="community"]', { hasText: edited }).waitFor();

  // A card already on the grid offers nothing to change meanwhile.
  const shared = 'An exporter buys the whole harvest under a market contract';
  await card(ana.page, shared).click();
  await ana.page.getByTestId('selection-bar').waitFor();
  expect(await ana.page.getByTestId('delete-selected').count()).toBe(0);
  await ana.page.keyboard.press('Delete');
  expect(await card(ana.page, shared).count()).toBe(1);

  expect(await bo.page.content()).not.toContain('raised beds');
  await fay.page.getByTestId('reveal-case-coffee').click();
  await bo.page.locator('[data-testid="card"][data-stream="story"][data-day="community"]', { hasText: edited }).waitFor();
  expect(await card(bo.page, offTopic).count()).toBe(0);
  for (const person of [fay, ana, bo]) await person.context.close();
});

test('a photo on a hidden grid card shows to its author alone until the reveal, then to everyone', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const fay = await open('Fay', facilitator, '/r/laos-2013/facilitate');
  const ana = await open('Ana', await joinAs(server, codes, 'participant', 'Ana', 'taliang'));
  const bo = await open('Bo', await joinAs(server, codes, 'participant', 'Bo', 'taliang'));
  await fay.page.getByTestId('hide-case-coffee').click();
  await ana.page.getByTestId('grid-hidden-notice').waitFor();

  const text = 'Cherries sorted by hand before drying';
  await addInline(ana.page, 'story', 'community', text);
  await card(ana.page, text).click();
  const anaPhoto = await attachPhoto(ana.page, card(ana.page, text), 'IMG_0212.jpg', '#7a5ea8');
  await screenshot(ana.page, 'grid-hidden-card-photo-1366x768', { fullPage: false });
  // Undo takes it off, redo puts it back: her card's photos are hers to change meanwhile.
  await ana.page.getByTestId('undo').click();
  await anaPhoto.waitFor({ state: 'detached' });
  await ana.page.getByTestId('redo').click();
  await anaPhoto.waitFor();

  // Bo's page has neither card nor photo, and the photo's address gives him nothing (his own pass).
  const address = new URL((await anaPhoto.getAttribute('src'))!, server.url);
  expect(bo.requested.some((url) => url.includes(address.pathname))).toBe(false);
  const boPass = await bo.page.evaluate(async (routeId) => {
    const token = JSON.parse(localStorage.getItem('tributary.tokens') ?? '{}')[routeId] as string | undefined;
    const answer = await fetch(`/api/routes/${routeId}/downloads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: `/api/routes/${routeId}/photos/` }) });
    return ((await answer.json()) as { token: string }).token;
  }, 'laos-2013');
  address.searchParams.set('token', boPass);
  expect(await bo.page.evaluate(async (url) => (await fetch(url)).status, address.pathname + address.search)).toBe(404);

  await fay.page.getByTestId('reveal-case-coffee').click();
  const boPhoto = card(bo.page, text).getByTestId('card-photo');
  await boPhoto.waitFor();
  await expect.poll(() => boPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  for (const person of [fay, ana, bo]) await person.context.close();
});

test('a facilitator edits and deletes a participant\'s hidden card on the grid, with undo and redo in order with their grid changes', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const fayConsole = await open('Fay', facilitator, '/r/laos-2013/facilitate');
  const boToken = await joinAs(server, codes, 'participant', 'Bo', 'taliang');
  await fayConsole.page.getByTestId('hide-case-coffee').click();
  await fayConsole.page.getByTestId('reveal-case-coffee').waitFor();
  const draft = 'Pickers wait a month for their pay';
  const bosIdea = await sendHidden(boToken, 'story', draft);
  /** The hidden list as the server keeps it. */
  const waiting = async () => {
    const answer = await fetch(`${server.url}/api/routes/laos-2013/hidden-ideas`, { headers: { authorization: `Bearer ${facilitator}` } });
    return ((await answer.json()) as { ideas: Array<{ id: string; text: string; authorId: string; author: string }> }).ideas;
  };

  const fay = await open('Fay', facilitator);
  const bo = await open('Bo', boToken);
  await inFirstCell(bo, draft).waitFor();
  await inFirstCell(fay, draft).getByTestId('card-badge').waitFor();
  expect(await inFirstCell(fay, draft).getByTestId('card-badge').textContent()).toBe('Hidden');
  // Bo's card, edited in place as any card: the change goes to the server's hidden list, in his name still.
  const edited = 'Pickers wait a month for their pay (the cooperative is changing it)';
  await inFirstCell(fay, draft).dblclick();
  await fay.page.getByTestId('card-editor').fill(edited);
  await fay.page.getByTestId('card-editor').press('Enter');
  await inFirstCell(fay, edited).waitFor();
  await expect.poll(async () => (await waiting()).find((idea) => idea.id === bosIdea.id)?.text).toBe(edited);
  // Bo's open page follows: it reads his cards again when one changes.
  await inFirstCell(bo, edited).waitFor();
  // A change to a shared card between, then Bo's card deleted with the Delete key.
  const shared = 'An exporter buys the whole harvest under a market contract';
  const sharedEdited = `${shared}, at a price fixed at planting`;
  await card(fay.page, shared).dblclick();
  await fay.page.getByTestId('card-editor').fill(sharedEdited);
  await fay.page.getByTestId('card-editor').press('Enter');
  await card(fay.page, sharedEdited).waitFor();
  await inFirstCell(fay, edited).click();
  await fay.page.keyboard.press('Delete');
  await inFirstCell(fay, edited).waitFor({ state: 'detached' });
  await expect.poll(async () => (await waiting()).some((idea) => idea.id === bosIdea.id)).toBe(false);
  await screenshot(fay.page, 'grid-hidden-facilitator-deleted-1366x768', { fullPage: false });

  // Ctrl+Z puts it back, under its own id and in Bo's name; again, the shared card's text; again, Bo's text.
  await fay.page.keyboard.press('Control+z');
  await inFirstCell(fay, edited).getByTestId('card-badge').waitFor();
  await expect.poll(async () => (await waiting()).find((idea) => idea.id === bosIdea.id)).toMatchObject({ authorId: bosIdea.authorId, author: 'Bo', text: edited });
  await fay.page.keyboard.press('Control+z');
  await card(fay.page, sharedEdited).waitFor({ state: 'detached' });
  await card(fay.page, shared).waitFor();
  await fay.page.getByTestId('undo').click();
  await inFirstCell(fay, edited).waitFor({ state: 'detached' });
  await inFirstCell(fay, draft).waitFor();
  await fay.page.getByTestId('redo').click();
  await inFirstCell(fay, edited).waitFor();
  expect(await card(fay.page, sharedEdited).count()).toBe(0);

  // Bo's page shows his card as the facilitator left it, his alone; at the reveal it is everyone's, his.
  await inFirstCell(bo, edited).getByTestId('card-badge').waitFor();
  expect(await inFirstCell(bo, edited).getByTestId('card-badge').textContent()).toBe('Only you');
  await fayConsole.page.getByTestId('reveal-case-coffee').click();
  await inFirstCell(fay, edited).waitFor();
  await expect.poll(async () => (await inFirstCell(fay, edited).getByTestId('card-badge').count())).toBe(0);
  expect(await waiting()).toEqual([]);
  for (const person of [fayConsole, fay, bo]) await person.context.close();
});

test('a participant\'s page reads the hidden list again for changes to their own cards, not at every other author\'s', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const fay = await open('Fay', facilitator, '/r/laos-2013/facilitate');
  const anaToken = await joinAs(server, codes, 'participant', 'Ana', 'taliang');
  const boToken = await joinAs(server, codes, 'participant', 'Bo', 'taliang');
  await fay.page.getByTestId('hide-case-coffee').click();
  const bo = await open('Bo', boToken);
  await bo.page.getByTestId('grid-hidden-notice').waitFor();
  const bosIdea = await sendHidden(boToken, 'story', 'Drying tables shared between families');
  await inFirstCell(bo, 'Drying tables shared').waitFor();
  const listReads = () => bo.requested.filter((url) => new URL(url).pathname === '/api/routes/laos-2013/hidden-ideas').length;
  const before = listReads();

  for (const text of ['Ana one', 'Ana two', 'Ana three']) await sendHidden(anaToken, 'story', text);
  const edited = 'Drying tables shared between three families';
  const edit = await fetch(`${server.url}/api/routes/laos-2013/hidden-ideas/${bosIdea.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: edited }),
  });
  expect(edit.status).toBe(200);
  // The edit's count came after Ana's three on the same socket: once it shows, they have all arrived.
  await inFirstCell(bo, edited).waitFor();
  expect(listReads()).toBe(before + 1);
  expect(await bo.page.content()).not.toContain('Ana one');

  await fay.page.getByTestId('reveal-case-coffee').click();
  await inFirstCell(bo, 'Ana three').waitFor();
  for (const person of [fay, bo]) await person.context.close();
});
