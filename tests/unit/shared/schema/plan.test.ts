import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { blocksText, countWords, readBlocks, writeBlocks } from '../../../../shared/schema/plan-content.ts';
import { planLanguages, planSectionIds, planSectionTexts } from '../../../../shared/schema/plan-template.ts';
import { contestTemplateId, PlanDoc, sectionRoot } from '../../../../shared/schema/plan.ts';

const sync = (a: Y.Doc, b: Y.Doc): void => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

test('two laptops starting the same empty plan at the same moment get the template once', () => {
  const a = new Y.Doc();
  const b = new Y.Doc();
  expect(new PlanDoc(a).startFromTemplate({ title: 'Organic watermelon in Sansai', teamId: 'watermelon' }, 1)).toBe(true);
  expect(new PlanDoc(b).startFromTemplate({ title: 'Organic watermelon in Sansai', teamId: 'watermelon' }, 2)).toBe(true);
  sync(a, b);
  for (const doc of [a, b]) {
    const plan = new PlanDoc(doc);
    expect(plan.readMeta()).toMatchObject({ template: contestTemplateId, title: 'Organic watermelon in Sansai', teamId: 'watermelon' });
    // The template holds no content: nothing in any section could be doubled.
    for (const { fragment } of plan.sections()) expect(fragment.length).toBe(0);
    expect(plan.rows('schedule')).toEqual([]);
    expect(plan.rows('budget')).toEqual([]);
  }
  expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
});

test('a started plan is never started again: its title and text stay as the team wrote them', () => {
  const doc = new Y.Doc();
  const plan = new PlanDoc(doc);
  plan.startFromTemplate({ title: 'First title', teamId: 'chilli' }, 1);
  plan.setTitle('Community knowledge exchange on chilli quality');
  writeBlocks(plan.section('problem'), [{ kind: 'paragraph', inlines: [{ text: 'Chilli prices fell by half.' }] }]);
  expect(plan.startFromTemplate({ title: 'First title', teamId: 'chilli' }, 2)).toBe(false);
  expect(plan.readMeta().title).toBe('Community knowledge exchange on chilli quality');
  expect(blocksText(readBlocks(plan.section('problem')))).toBe('Chilli prices fell by half.');
});

test('a late laptop with an old empty copy does not restart a plan the server started', () => {
  const server = new Y.Doc();
  new PlanDoc(server).startFromTemplate({ title: 'Seeded', teamId: 't' }, 1);
  const laptop = new Y.Doc();
  sync(server, laptop);
  expect(new PlanDoc(laptop).isStarted).toBe(true);
  expect(new PlanDoc(laptop).startFromTemplate({ title: 'Other', teamId: 't' }, 2)).toBe(false);
});

test('sections are fragments by id, and every section has its title, guidance and rubric question in every language', () => {
  expect(sectionRoot('budget')).toBe('section:budget');
  for (const language of planLanguages) {
    for (const id of planSectionIds) {
      const text = planSectionTexts[language][id];
      expect(text.title.length, `${language} ${id}`).toBeGreaterThan(2);
      expect(text.guidance.length).toBeGreaterThan(10);
      expect(text.rubric.length).toBeGreaterThan(5);
    }
  }
});

test('rich text written the way TipTap writes it reads back as blocks with marks, lists and links', () => {
  const plan = new PlanDoc(new Y.Doc());
  writeBlocks(plan.section('objectives'), [
    { kind: 'heading', level: 3, inlines: [{ text: 'General objective' }] },
    { kind: 'paragraph', inlines: [{ text: 'Raise income of ' }, { text: 'women', bold: true }, { text: ' dyers', italic: true, link: 'https://example.org' }] },
    { kind: 'list', ordered: true, items: [[{ kind: 'paragraph', inlines: [{ text: 'Train 20 members' }] }], [{ kind: 'paragraph', inlines: [{ text: 'Open a shop' }] }]] },
  ]);
  const blocks = readBlocks(plan.section('objectives'));
  expect(blocks[0]).toEqual({ kind: 'heading', level: 3, inlines: [{ text: 'General objective' }] });
  expect(blocks[1]).toEqual({
    kind: 'paragraph',
    inlines: [{ text: 'Raise income of ' }, { text: 'women', bold: true }, { text: ' dyers', italic: true, link: 'https://example.org' }],
  });
  expect(blocks[2]).toMatchObject({ kind: 'list', ordered: true });
  expect(blocksText(blocks)).toBe('General objective\nRaise income of women dyers\nTrain 20 members\nOpen a shop');
});

test('words are counted in Lao, which has no spaces between words, as in English and Vietnamese', () => {
  expect(countWords('Train twenty members of the group')).toBe(6);
  expect(countWords('Tập huấn hai mươi thành viên')).toBe(6);
  expect(countWords('ກຸ່ມຍ້ອມສີທຳມະຊາດ')).toBeGreaterThan(1);
  expect(countWords('')).toBe(0);
});

test('schedule and budget rows: added, edited, emptied, moved and removed', () => {
  const plan = new PlanDoc(new Y.Doc());
  const first = plan.addRow('budget');
  const second = plan.addRow('budget');
  plan.updateRow('budget', first, { item: 'Dye pots', requested: 300, contribution: 120, partner: 'District office' });
  plan.updateRow('budget', second, { item: 'Training', requested: 500 });
  plan.updateRow('budget', first, { contribution: null });
  expect(plan.rows('budget')).toEqual([
    { id: first, item: 'Dye pots', requested: 300, contribution: null, partner: 'District office' },
    { id: second, item: 'Training', requested: 500, contribution: null, partner: '' },
  ]);
  plan.moveRow('budget', second, 0);
  expect(plan.rows('budget').map((row) => row.id)).toEqual([second, first]);
  plan.removeRow('budget', second);
  expect(plan.rows('budget').map((row) => row.id)).toEqual([first]);
  const activity = plan.addRow('schedule');
  plan.updateRow('schedule', activity, { activity: 'Training of trainers', who: 'Ms Bounmy', start: '2013-06-01', end: '2013-06-15' });
  expect(plan.rows('schedule')).toEqual([{ id: activity, activity: 'Training of trainers', who: 'Ms Bounmy', start: '2013-06-01', end: '2013-06-15' }]);
});
