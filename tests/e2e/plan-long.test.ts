import { beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { connectClient, synced, waitFor, type TestClient } from '../integration/helpers/clients.ts';
import { planDocName } from '../../shared/schema/doc-kinds.ts';
import { blocksText, readBlocks, writeBlocks, type Block } from '../../shared/schema/plan-content.ts';
import { planSectionIds, type PlanSectionId } from '../../shared/schema/plan-template.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import { screenshot } from './browser.ts';
import { useServerAndBrowser } from './file-setup.ts';
import { editorText, joinTeam, openConnected } from './plan-people.ts';
import { routeLinkToken } from './route-links.ts';
import type { TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let ana: string;
/** A stock y-websocket client of the long plan, as another laptop would be. */
let writer: TestClient;
const planPath = '/r/laos-2013/plans/livestock';

useServerAndBrowser((parts) => ({ server, browser } = parts));

/** Twelve paragraphs of sixty words a section: every section taller than the window, the plan about 20 pages. */
const longSection = (sectionId: string): Block[] =>
  Array.from({ length: 12 }, (_, paragraph) => ({
    kind: 'paragraph' as const,
    inlines: [{ text: Array.from({ length: 60 }, (_, word) => `${sectionId}${paragraph}w${word}`).join(' ') }],
  }));

beforeAll(async () => {
  const facilitator = await routeLinkToken(server, 'laos-2013', 'facilitator');
  ana = await joinTeam(server, facilitator, 'Ana', 'livestock');
  writer = connectClient(`${server.url.replace(/^http/, 'ws')}/sync`, planDocName('laos-2013', 'livestock'), { token: facilitator });
  await synced(writer);
  const plan = new PlanDoc(writer.doc);
  writer.doc.transact(() => {
    for (const sectionId of planSectionIds) writeBlocks(plan.section(sectionId), longSection(sectionId));
  });
  return () => writer.destroy();
});

/** Whether a section's text is in a built editor (contenteditable) or still drawn. */
const built = (page: Page, sectionId: string): Promise<boolean> =>
  page.getByTestId(`editor-${sectionId}`).evaluate((element) => element.getAttribute('contenteditable') === 'true');

const sectionText = (sectionId: PlanSectionId): string => blocksText(readBlocks(new PlanDoc(writer.doc).section(sectionId)));

// Issue 13: a long plan builds the editors of the sections near the window only; the rest are drawn from the
// same document, kept live, and become editors as they come near.
test('a section below the fold is drawn whole and live, and becomes an editor that syncs when scrolled to', async () => {
  const person = await openConnected(browser, server, 'Ana', planPath, ana);
  const { page } = person;
  await expect.poll(() => built(page, 'problem')).toBe(true);
  // The whole plan is in the page from the start: the last section's words too, not yet an editor.
  await page.getByTestId('editor-risks').getByText('risks11w59').waitFor({ state: 'attached' });
  expect(await built(page, 'risks')).toBe(false);

  // Written elsewhere while it is drawn: the drawing follows.
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Written on another laptop before Ana scrolled down.')]);
  new PlanDoc(writer.doc).section('risks').push([paragraph]);
  await expect.poll(() => editorText(page, 'risks')).toContain('Written on another laptop before Ana scrolled down.');

  // The outline's link scrolls there; the section becomes an editor that writes into the shared document.
  await page.locator('nav a[href="#section-risks"]').click();
  await expect.poll(() => built(page, 'risks')).toBe(true);
  await page.getByTestId('editor-risks').getByText('Written on another laptop before Ana scrolled down.').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Ana adds: store the seed dry.');
  await waitFor(() => sectionText('risks').includes('before Ana scrolled down. Ana adds: store the seed dry.'), 'Ana’s words in the stock client');
  // And the other way: the stock client's next words reach the editor.
  const more = new Y.XmlElement('paragraph');
  more.insert(0, [new Y.XmlText('A second note from the other laptop.')]);
  new PlanDoc(writer.doc).section('risks').push([more]);
  await expect.poll(() => editorText(page, 'risks')).toContain('A second note from the other laptop.');
  await screenshot(page, 'plan-long-risks-built-1366x768', { fullPage: false });
  await person.context.close();
});

test('a drawn section is reached with the keyboard and clicked into like an editor', async () => {
  const { page, context } = await openConnected(browser, server, 'Ana', planPath, ana);
  await expect.poll(() => built(page, 'problem')).toBe(true);
  expect(await built(page, 'partnerships')).toBe(false);
  // Focus (Tab lands on the drawing, which stands in the tab order where the editor will be) builds the
  // editor and moves the focus into it, at the section's start.
  await page.getByTestId('editor-partnerships').focus();
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('editor-partnerships');
  expect(await built(page, 'partnerships')).toBe(true);
  await page.keyboard.type('First: ');
  await waitFor(() => sectionText('partnerships').startsWith('First: partnerships0w0'), 'typed at the section’s start');

  // A click on a drawn word puts the caret there.
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await built(page, 'outputs')).toBe(false);
  await page.getByTestId('editor-outputs').getByText('outputs5w0', { exact: false }).click({ position: { x: 2, y: 8 } });
  await expect.poll(() => built(page, 'outputs')).toBe(true);
  await page.keyboard.type('HERE ');
  await waitFor(() => sectionText('outputs').includes('HERE outputs5w0'), 'typed where the drawing was clicked');
  await context.close();
});
