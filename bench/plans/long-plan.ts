import type * as Y from 'yjs';
import { writeBlocks, type Block } from '../../shared/schema/plan-content.ts';
import { planSectionIds } from '../../shared/schema/plan-template.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import { seededRandom, type Random } from '../../tests/helpers/seeded-random.ts';

/** Issue 13's long plan: about 30 pages, two tables of 40 rows. */
export const longPlan = { words: 15_000, wordsPerParagraph: 60, tableRows: 40 } as const;

const words = ['the', 'group', 'sells', 'organic', 'coffee', 'through', 'a', 'contract', 'with', 'buyer', 'women', 'keep', 'accounts', 'open', 'district', 'training', 'ກຸ່ມ', 'ຊາວກະສິກອນ', 'hợp', 'tác', 'xã', 'market', 'price', 'season', 'vaccination'];

/** `count` words in paragraphs of 60, as people write them, drawn from the route's three languages. */
export function paragraphs(random: Random, count: number): Block[] {
  return Array.from({ length: Math.ceil(count / longPlan.wordsPerParagraph) }, () => ({
    kind: 'paragraph' as const,
    inlines: [{ text: Array.from({ length: longPlan.wordsPerParagraph }, () => random.pick(words)).join(' ') }],
  }));
}

/** Spreads `wordCount` words over every section of a plan's document, in one transaction. */
export function fillPlanText(doc: Y.Doc, wordCount: number, seed: number): void {
  const random = seededRandom(seed);
  const plan = new PlanDoc(doc);
  const perSection = Math.ceil(wordCount / planSectionIds.length);
  doc.transact(() => {
    for (const sectionId of planSectionIds) writeBlocks(plan.section(sectionId), paragraphs(random, perSection));
  });
}

/** The long plan in a plan document: its words over the sections, 40 schedule rows and 40 budget rows. */
export function fillLongPlan(doc: Y.Doc, seed: number): void {
  fillPlanText(doc, longPlan.words, seed);
  const plan = new PlanDoc(doc);
  doc.transact(() => {
    for (let i = 0; i < longPlan.tableRows; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      plan.updateRow('schedule', plan.addRow('schedule'), { activity: `Training session ${i + 1} on accounts`, who: `Team member ${(i % 6) + 1}`, start: `2013-07-${day}`, end: `2013-08-${day}` });
      plan.updateRow('budget', plan.addRow('budget'), { item: `Item ${i + 1}: seedlings and tools`, requested: 30 + i, contribution: 10 * (i % 5), partner: i % 2 ? 'District office' : 'Cooperative' });
    }
  });
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const table = (rows: string[][]): string => `<table>${rows.map((row) => `<tr>${row.map((cell) => `<td><p>${escape(cell)}</p></td>`).join('')}</tr>`).join('')}</table>`;

/**
 * The same long plan as one HTML document, for the bench editor (one fragment, as a TipTap user who does
 * not split a plan into sections would hold it): the words as paragraphs, then the two tables.
 */
export function longPlanHtml(seed: number): string {
  const random = seededRandom(seed);
  const text = paragraphs(random, longPlan.words).map((block) => `<p>${escape(block.kind === 'paragraph' ? block.inlines[0]!.text : '')}</p>`);
  const rows = Array.from({ length: longPlan.tableRows }, (_, i) => i);
  return [
    ...text,
    table(rows.map((i) => [`Training session ${i + 1} on accounts`, `Team member ${(i % 6) + 1}`, '2013-07-01', '2013-08-01'])),
    table(rows.map((i) => [`Item ${i + 1}: seedlings and tools`, String(30 + i), String(10 * (i % 5)), 'Cooperative'])),
  ].join('');
}
