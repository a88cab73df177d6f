import { beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { joinAs, joinCodes } from './join-codes.ts';
import { openPerson, waitForStatus, type Person } from './people.ts';
import { attachPhoto } from './photo-upload.ts';
import { addInline, card, cardIn, riverPath, scrollIntoBoard } from './river-board.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
const laptop = { width: 1366, height: 768 };

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
});

async function open(name: string, token: string, options: { locale?: 'en' | 'lo'; viewport?: { width: number; height: number } } = {}): Promise<Person> {
  const viewport = options.viewport ?? laptop;
  const person = await openPerson(browser, server, { name, path: riverPath, token, viewport, isMobile: viewport.width < 600, locale: options.locale });
  await waitForStatus(person.page, 'connected');
  return person;
}

/** The facilitator hides the river's ideas stream, or reveals it, as the console does. */
async function hideIdeas(hidden: boolean): Promise<void> {
  const answer = await fetch(`${server.url}/api/routes/laos-2013/control/hidden`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ streamId: 'ideas', hidden }),
  });
  expect(answer.status).toBe(200);
}

const inIdeas = (person: Person, text: string, dayId: string) => person.page.locator(`[data-testid="card"][data-stream="ideas"][data-day="${dayId}"]`, { hasText: text });

test('a hidden stream on the river: a participant adds, edits, moves, gives a photo and deletes hidden cards there, with undo; another participant sees nothing of them until the reveal', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const ana = await open('Ana', await joinAs(server, codes, 'participant', 'Ana', 'taliang'));
  const bo = await open('Bo', await joinAs(server, codes, 'participant', 'Bo', 'taliang'));
  await hideIdeas(true);
  await ana.page.getByTestId('river-hidden-notice').waitFor();
  await bo.page.getByTestId('river-hidden-notice').waitFor();

  const draft = 'A seed bank run by the women’s group';
  await addInline(ana.page, 'ideas', 'd1', draft);
  expect(await inIdeas(ana, draft, 'd1').getByTestId('card-badge').textContent()).toBe('Only you');

  // Edited in place, as any card: double-click, type, Enter.
  const edited = 'A seed bank run by the women’s group, with a ledger';
  await card(ana.page, draft).dblclick();
  await ana.page.getByTestId('card-editor').fill(edited);
  await ana.page.getByTestId('card-editor').press('Enter');
  await card(ana.page, edited).waitFor();
  // Moved a day on with the keyboard; another stream is another brainstorm, and says so.
  await card(ana.page, edited).click();
  await ana.page.keyboard.press('Alt+ArrowRight');
  await inIdeas(ana, edited, 'd2').waitFor();
  await ana.page.keyboard.press('Alt+ArrowUp');
  await ana.page.getByTestId('river-hidden-error').waitFor();
  expect(await ana.page.getByTestId('river-hidden-error').textContent()).toContain('stays in its stream');
  await inIdeas(ana, edited, 'd2').waitFor();
  // Undo takes the move back on the server, redo makes it again.
  await ana.page.keyboard.press('Control+z');
  await inIdeas(ana, edited, 'd1').waitFor();
  await ana.page.getByTestId('redo').click();
  await inIdeas(ana, edited, 'd2').waitFor();
  // The move dialog offers the days of its stream alone.
  await card(ana.page, edited).click();
  await ana.page.getByTestId('move-selected').click();
  expect(await ana.page.getByTestId('pick-stream').locator('option').allTextContents()).toEqual(['Ideas for innovation']);
  await ana.page.getByTestId('pick-day').selectOption('d3');
  await ana.page.getByTestId('move-submit').click();
  await inIdeas(ana, edited, 'd3').waitFor();

  // A photo, from the selection bar, as on any card.
  await card(ana.page, edited).click();
  const photo = await attachPhoto(ana.page, card(ana.page, edited), 'IMG_0415.jpg', '#5e8aa8');

  // A second thought, deleted from the selection bar.
  const second = 'Lunch at the temple on Friday?';
  await addInline(ana.page, 'ideas', 'd1', second);
  await card(ana.page, second).click();
  await ana.page.getByTestId('delete-selected').click();
  await card(ana.page, second).waitFor({ state: 'detached' });

  // A card already in the stream offers nothing to change meanwhile (the server would refuse it).
  const shared = 'Farmer-to-farmer exchange on chilli quality in Dongvai';
  await scrollIntoBoard(ana.page, card(ana.page, shared));
  await card(ana.page, shared).click();
  await ana.page.getByTestId('selection-bar').waitFor();
  expect(await ana.page.getByTestId('delete-selected').count()).toBe(0);
  await ana.page.keyboard.press('Delete');
  expect(await card(ana.page, shared).count()).toBe(1);

  // Her card of another stream does not move into the hidden one: the server would refuse it, and she is told.
  const elsewhere = 'Visit the seed banks of Xieng Khouang';
  await addInline(ana.page, 'recommendations', 'd4', elsewhere);
  await card(ana.page, elsewhere).click();
  await ana.page.keyboard.press('Alt+ArrowDown');
  await ana.page.getByTestId('river-hidden-error').getByText('only after the reveal').waitFor();
  await cardIn(ana.page, elsewhere, 'recommendations', 'd4');

  // It is the server's, not the page's: there after a reload, where it was moved.
  await ana.page.reload();
  await scrollIntoBoard(ana.page, inIdeas(ana, edited, 'd3'));
  await inIdeas(ana, edited, 'd3').getByTestId('card-photo').waitFor();
  await screenshot(ana.page, 'river-hidden-own-card-1366x768', { fullPage: false });

  // Bo's page holds nothing of it, nor asked for its photo.
  const photoPath = new URL((await photo.getAttribute('src'))!, server.url).pathname;
  const boPage = await bo.page.content();
  expect([draft, edited, second].filter((text) => boPage.includes(text))).toEqual([]);
  expect(bo.requested.some((url) => url.includes(photoPath))).toBe(false);
  // His page read the hidden list once, when the brainstorm began: Ana's changes are counted in her name.
  expect(bo.requested.filter((url) => new URL(url).pathname.endsWith('/hidden-ideas')).length).toBe(1);

  await hideIdeas(false);
  await bo.page.getByTestId('river-hidden-notice').waitFor({ state: 'detached' });
  await scrollIntoBoard(bo.page, inIdeas(bo, edited, 'd3'));
  await cardIn(bo.page, edited, 'ideas', 'd3');
  expect(await inIdeas(bo, edited, 'd3').getByTestId('card-badge').count()).toBe(0);
  await inIdeas(bo, edited, 'd3').getByTestId('card-photo').waitFor();
  expect(await card(bo.page, second).count()).toBe(0);
  await inIdeas(ana, edited, 'd3').getByTestId('card-badge').waitFor({ state: 'detached' });
  for (const person of [ana, bo]) await person.context.close();
});

test('the facilitator sees every hidden river card, marked, changes and deletes one with undo, and its author\'s page follows', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const anaToken = await joinAs(server, codes, 'participant', 'Ana', 'taliang');
  const ana = await open('Ana', anaToken);
  const fay = await open('Fay', facilitator);
  await hideIdeas(true);
  expect(await fay.page.getByTestId('river-hidden-notice').textContent()).toContain('0 cards wait');
  // The console beside the river, in the same browser.
  const consolePage = await fay.context.newPage();
  await consolePage.goto(new URL(`/r/laos-2013/facilitate?token=${encodeURIComponent(facilitator)}`, server.url).href);
  const listed = consolePage.getByTestId('hidden-ideas');

  const draft = 'Rice banks for the lean months';
  await addInline(ana.page, 'ideas', 'd2', draft);
  await scrollIntoBoard(fay.page, inIdeas(fay, draft, 'd2'));
  expect(await inIdeas(fay, draft, 'd2').getByTestId('card-badge').textContent()).toBe('Hidden');
  expect(await fay.page.getByTestId('river-hidden-notice').textContent()).toContain('1 card waits');
  await listed.getByText(draft).waitFor();

  // Her edit reaches Ana's page and the console, which leaves the number waiting as it was.
  const edited = 'Rice banks for the lean months, run by the village';
  await inIdeas(fay, draft, 'd2').dblclick();
  await fay.page.getByTestId('card-editor').fill(edited);
  await fay.page.getByTestId('card-editor').press('Enter');
  await inIdeas(ana, edited, 'd2').getByTestId('card-badge').waitFor();
  await listed.getByText(edited).waitFor();
  // Deleted and put back with Ctrl+Z, in Ana's name: Ana's page follows both.
  await inIdeas(fay, edited, 'd2').click();
  await fay.page.getByTestId('delete-selected').click();
  // Gone from her page once the server answered: Ctrl+Z before that would take back the step before.
  await inIdeas(fay, edited, 'd2').waitFor({ state: 'detached' });
  await inIdeas(ana, edited, 'd2').waitFor({ state: 'detached' });
  await fay.page.keyboard.press('Control+z');
  await inIdeas(fay, edited, 'd2').getByTestId('card-badge').waitFor();
  await inIdeas(ana, edited, 'd2').getByTestId('card-badge').waitFor();
  expect(await inIdeas(ana, edited, 'd2').getByTestId('card-badge').textContent()).toBe('Only you');

  await hideIdeas(false);
  await inIdeas(ana, edited, 'd2').getByTestId('card-badge').waitFor({ state: 'detached' });
  await inIdeas(fay, edited, 'd2').getByTestId('card-badge').waitFor({ state: 'detached' });
  // Revealed in her name, though the facilitator put it back.
  expect(await card(ana.page, edited).locator('.author').textContent()).toBe('Ana');
  for (const person of [ana, fay]) await person.context.close();
});

test('a hidden river card in Lao, on a laptop and a phone', async () => {
  const codes = await joinCodes(server, 'laos-2013', facilitator);
  const token = await joinAs(server, codes, 'participant', 'Noy', 'taliang');
  await hideIdeas(true);
  const text = 'ທະນາຄານແນວພັນ ທີ່ກຸ່ມແມ່ຍິງເປັນຜູ້ດູແລ';
  const noy = await open('Noy', token, { locale: 'lo' });
  await noy.page.getByTestId('river-hidden-notice').waitFor();
  await addInline(noy.page, 'ideas', 'd1', text);
  expect(await inIdeas(noy, text, 'd1').getByTestId('card-badge').textContent()).toBe('ທ່ານຜູ້ດຽວ');
  await screenshot(noy.page, 'river-hidden-lo-1366x768', { fullPage: false });
  const phone = await open('Noy', token, { locale: 'lo', viewport: { width: 390, height: 844 } });
  // A phone shows the notice's first two lines until asked for all of it.
  const notice = phone.page.getByTestId('river-hidden-notice');
  const twoLines = (await notice.boundingBox())!.height;
  await phone.page.getByTestId('river-hidden-more').tap();
  expect((await notice.boundingBox())!.height).toBeGreaterThan(twoLines * 1.5);
  await screenshot(phone.page, 'river-hidden-notice-lo-390x844', { fullPage: false });
  await phone.page.getByTestId('river-hidden-more').tap();
  expect((await notice.boundingBox())!.height).toBe(twoLines);
  await scrollIntoBoard(phone.page, inIdeas(phone, text, 'd1'));
  await screenshot(phone.page, 'river-hidden-lo-390x844', { fullPage: false });
  // A notice its two lines hold whole (a shared link's, on a wide phone) offers no More.
  const link = await open('Link', await routeLinkToken(server, 'laos-2013', 'participant'), { viewport: { width: 600, height: 900 } });
  await link.page.getByTestId('river-hidden-notice').waitFor();
  expect(await link.page.getByTestId('river-hidden-notice').evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true);
  expect(await link.page.getByTestId('river-hidden-more').isVisible()).toBe(false);
  await hideIdeas(false);
  for (const person of [noy, phone, link]) await person.context.close();
});
