import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { waitForStatus } from './people.ts';
import { editorText, joinTeam, openConnected } from './plan-people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: string;
/** Ana joined the Dongvai team, whose plan is `chilli`. */
let ana: string;
const planPath = '/r/laos-2013/plans/chilli';

useServerAndBrowser((parts) => ({ server, browser } = parts));

beforeAll(async () => {
  facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  ana = await joinTeam(server, facilitator, 'Ana', 'chilli');
});

/** The words a thread's mark covers in this page's editor. */
const anchorText = (page: Page, sectionId: string): Promise<string> =>
  page.locator(`[data-testid="editor-${sectionId}"] [data-thread-id]`).evaluateAll((spans) => spans.map((span) => span.textContent).join(''));

const thread = (page: Page, sectionId: string) => page.locator(`[data-testid="comments-${sectionId}"] [data-testid="thread"]`);

test('a comment made in one browser appears anchored in the other, stays on its words as the other edits before them, takes replies and is resolved and reopened', async () => {
  const [anaPerson, binhPerson] = await Promise.all([openConnected(browser, server, 'Ana', planPath, ana), openConnected(browser, server, 'Binh', planPath, facilitator)]);
  const [anaPage, binhPage] = [anaPerson.page, binhPerson.page];
  await anaPage.getByTestId('editor-problem').click();
  await anaPage.keyboard.type('Farmers dry chillies');
  for (let i = 0; i < 'dry chillies'.length; i++) await anaPage.keyboard.press('Shift+ArrowLeft');
  await anaPage.locator('[data-testid="section-problem"] .tool-comment').click();
  await anaPage.getByTestId('new-comment').locator('textarea').fill('Which varieties, and how many farmers?');
  await anaPage.getByTestId('new-comment').getByRole('button', { name: 'Comment' }).click();

  await thread(binhPage, 'problem').filter({ hasText: 'Which varieties, and how many farmers?' }).waitFor();
  await expect.poll(() => anchorText(binhPage, 'problem')).toBe('dry chillies');
  await binhPage.locator('[data-testid="editor-problem"] .comment-open').first().waitFor();

  // Binh writes before the commented words: the anchor stays on them, on both screens.
  await binhPage.locator('[data-testid="editor-problem"] p').first().click({ position: { x: 1, y: 8 } });
  await binhPage.keyboard.press('Home');
  await binhPage.keyboard.type('In Dongvai, ');
  await expect.poll(() => editorText(anaPage, 'problem')).toBe('In Dongvai, Farmers dry chillies');
  expect(await anchorText(anaPage, 'problem')).toBe('dry chillies');
  expect(await anchorText(binhPage, 'problem')).toBe('dry chillies');

  // Binh replies; Ana sees it under her comment.
  await thread(binhPage, 'problem').getByPlaceholder('Reply…').fill('About forty families, red and green.');
  await thread(binhPage, 'problem').getByRole('button', { name: 'Reply', exact: true }).click();
  await thread(anaPage, 'problem').filter({ hasText: 'About forty families' }).waitFor();
  await screenshot(anaPage, 'plan-comment-thread-1366x768', { fullPage: false });

  // Ana resolves it: it folds away and loses its highlight for both; reopening brings both back.
  await thread(anaPage, 'problem').getByTestId('resolve-thread').click();
  await binhPage.getByRole('button', { name: '1 resolved comment' }).waitFor();
  await expect.poll(() => binhPage.locator('[data-testid="editor-problem"] .comment-open').count()).toBe(0);
  await binhPage.getByRole('button', { name: '1 resolved comment' }).click();
  await thread(binhPage, 'problem').getByTestId('reopen-thread').click();
  // Ana's own new thread is the selected one, highlighted as such.
  await anaPage.locator('[data-testid="editor-problem"] .comment-active').first().waitFor();
  expect(await thread(anaPage, 'problem').count()).toBe(1);
  await Promise.all([anaPerson.context.close(), binhPerson.context.close()]);
});

test('edits made offline merge with the others’ when the connection is back, comments included', async () => {
  const [anaPerson, binhPerson] = await Promise.all([openConnected(browser, server, 'Ana', planPath, ana), openConnected(browser, server, 'Binh', planPath, facilitator)]);
  const [anaPage, binhPage] = [anaPerson.page, binhPerson.page];
  await anaPerson.context.setOffline(true);
  await waitForStatus(anaPage, 'offline');
  await anaPage.getByTestId('editor-risks').click();
  await anaPage.keyboard.type('Prices fall at harvest');
  for (let i = 0; i < 'harvest'.length; i++) await anaPage.keyboard.press('Shift+ArrowLeft');
  await anaPage.locator('[data-testid="section-risks"] .tool-comment').click();
  await anaPage.getByTestId('new-comment').locator('textarea').fill('Store some for later?');
  await anaPage.getByTestId('new-comment').getByRole('button', { name: 'Comment' }).click();
  // Meanwhile Binh, online, writes in the same section.
  await binhPage.getByTestId('editor-risks').click();
  await binhPage.keyboard.type('Drought. ');
  await anaPerson.context.setOffline(false);
  await waitForStatus(anaPage, 'connected');
  await expect.poll(async () => (await editorText(anaPage, 'risks')) === (await editorText(binhPage, 'risks'))).toBe(true);
  const text = await editorText(binhPage, 'risks');
  expect(text).toContain('Prices fall at harvest');
  expect(text).toContain('Drought.');
  await thread(binhPage, 'risks').filter({ hasText: 'Store some for later?' }).waitFor();
  await expect.poll(() => anchorText(binhPage, 'risks')).toBe('harvest');
  await Promise.all([anaPerson.context.close(), binhPerson.context.close()]);
});

test('version history: name a version, preview it read-only, restore it (facilitators) and undo the restore; comments survive', async () => {
  const [anaPerson, fayPerson] = await Promise.all([openConnected(browser, server, 'Ana', planPath, ana), openConnected(browser, server, 'Fay', planPath, facilitator)]);
  const [anaPage, fayPage] = [anaPerson.page, fayPerson.page];
  await anaPage.getByTestId('editor-outputs').click();
  await anaPage.keyboard.type('A drying shed for 40 families.');
  await expect.poll(() => editorText(fayPage, 'outputs')).toBe('A drying shed for 40 families.');

  await anaPage.getByTestId('open-history').click();
  await anaPage.getByTestId('version-name').fill('Before the fair');
  await anaPage.getByTestId('history').getByRole('button', { name: 'Save a version' }).click();
  await anaPage.getByTestId('version').filter({ hasText: 'Before the fair' }).waitFor();
  // A participant previews but does not restore.
  await anaPage.getByTestId('version').filter({ hasText: 'Before the fair' }).click();
  await anaPage.getByTestId('version-preview').filter({ hasText: 'A drying shed for 40 families.' }).waitFor();
  expect(await anaPage.getByTestId('restore').count()).toBe(0);
  await anaPage.getByTestId('history').getByRole('button', { name: 'Close' }).click();

  await anaPage.getByTestId('editor-outputs').click();
  await anaPage.keyboard.press('Control+End');
  await anaPage.keyboard.type(' Then a cooperative shop.');
  await expect.poll(() => editorText(fayPage, 'outputs')).toContain('cooperative shop');

  await fayPage.getByTestId('open-history').click();
  await fayPage.getByTestId('version').filter({ hasText: 'Before the fair' }).click();
  const preview = fayPage.getByTestId('version-preview');
  await preview.filter({ hasText: 'A drying shed for 40 families.' }).waitFor();
  expect(await preview.innerText()).not.toContain('cooperative shop');
  await screenshot(fayPage, 'plan-history-preview-1366x768', { fullPage: false });
  await fayPage.getByTestId('restore').click();
  await expect.poll(() => editorText(anaPage, 'outputs')).toBe('A drying shed for 40 families.');
  // Comments from the first test are still there after the restore.
  expect(await thread(anaPage, 'problem').count()).toBe(1);
  await fayPage.getByTestId('undo-restore').click();
  await expect.poll(() => editorText(anaPage, 'outputs')).toContain('cooperative shop');
  await Promise.all([anaPerson.context.close(), fayPerson.context.close()]);
});

test('comments and history in Lao and Vietnamese, on a laptop and a phone', async () => {
  for (const locale of ['lo', 'vi'] as const) {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const person = await openConnected(browser, server, 'Lan', planPath, facilitator, { locale, viewport });
      await thread(person.page, 'problem').first().scrollIntoViewIfNeeded();
      expect(await person.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await screenshot(person.page, `plan-comments-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await person.page.getByTestId('open-history').click();
      await person.page.getByTestId('version').first().click();
      await person.page.getByTestId('version-preview').waitFor();
      await screenshot(person.page, `plan-history-${locale}-${viewport.width}x${viewport.height}`, { fullPage: false });
      await person.context.close();
    }
  }
}, 120_000);
