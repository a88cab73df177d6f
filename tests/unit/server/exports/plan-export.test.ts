import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import mammoth from 'mammoth';
import { writeBlocks } from '../../../../shared/schema/plan-content.ts';
import { PlanDoc } from '../../../../shared/schema/plan.ts';
import { exportFileName, readPlanExport } from '../../../../server/exports/plan-export.ts';
import { planToMarkdown } from '../../../../server/exports/plan-markdown.ts';
import { planToDocx } from '../../../../server/exports/plan-docx.ts';
import { zipEntryText } from '../../../helpers/zip-entry.ts';

const lao = 'ກຸ່ມຍ້ອມສີທຳມະຊາດຕ້ອງການຕະຫຼາດທີ່ໝັ້ນຄົງ';
const team = { id: 't', name: 'Vang Xai team', organisation: 'Taliang Natural Dyes Group', planTitle: '', community: 'Vang Xai' };

function samplePlan(): PlanDoc {
  const plan = new PlanDoc(new Y.Doc());
  plan.startFromTemplate({ title: 'Natural dyes for the market', teamId: 't' }, 1);
  writeBlocks(plan.section('problem'), [
    { kind: 'paragraph', inlines: [{ text: 'Colours ' }, { text: 'fade', bold: true }, { text: ' in the sun.' }] },
    { kind: 'paragraph', inlines: [{ text: lao }] },
  ]);
  writeBlocks(plan.section('methodology'), [{ kind: 'list', ordered: false, items: [[{ kind: 'paragraph', inlines: [{ text: 'Women design the training' }] }]] }]);
  const activity = plan.addRow('schedule');
  plan.updateRow('schedule', activity, { activity: 'Dye workshop', who: 'Weavers', start: '2013-06-01', end: '2013-06-05' });
  const seeds = plan.addRow('budget');
  plan.updateRow('budget', seeds, { item: 'Mordants', requested: 1200, contribution: 300, partner: 'RLIP' });
  const training = plan.addRow('budget');
  plan.updateRow('budget', training, { item: 'Training', requested: 450.5, contribution: null, partner: '' });
  return plan;
}

describe('plan exports', () => {
  it('write Markdown with the sections as headings and the tables with totals', () => {
    const markdown = planToMarkdown(readPlanExport(samplePlan(), team, 1500, 'en'));
    expect(markdown).toContain('# Natural dyes for the market\n');
    expect(markdown).toContain('## 1. Problem / topic\n\nColours **fade** in the sun.\n\n' + lao);
    expect(markdown).toContain('- Women design the training');
    expect(markdown).toContain('| Dye workshop | Weavers | 2013-06-01 | 2013-06-05 |');
    expect(markdown).toContain('| Mordants | 1,200 | 300 | RLIP |');
    expect(markdown).toContain('| Totals | 1,650.50 | 300 | Whole budget: 1,950.50 |');
    expect(markdown).toContain('**Over the contest’s cap of USD 1,500 by 150.50**');
  });

  it('write section titles in the reader\'s language', () => {
    const markdown = planToMarkdown(readPlanExport(samplePlan(), team, 2000, 'lo'));
    expect(markdown).toContain('## 1. ບັນຫາ / ຫົວຂໍ້');
    expect(markdown).not.toContain('Over the contest');
  });

  it('write a DOCX that a reader opens with the headings, the table cells, the totals and the Lao text', async () => {
    const file = await planToDocx(readPlanExport(samplePlan(), team, 1500, 'vi'));
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const { value: html, messages } = await mammoth.convertToHtml({ buffer: file });
    expect(messages.filter((message) => message.type === 'error')).toEqual([]);
    expect(html).toContain('<h1>1. Vấn đề / chủ đề</h1>');
    expect(html).toContain('<h1>7. Ngân sách</h1>');
    expect(html).toContain(`<p>${lao}</p>`);
    expect(html).toContain('<strong>fade</strong>');
    expect(html).toMatch(/<td><p>Dye workshop<\/p><\/td><td><p>Weavers<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Mordants<\/p><\/td><td><p>1\.200<\/p><\/td><td><p>300<\/p><\/td><td><p>RLIP<\/p><\/td>/);
    expect(html).toMatch(/<td><p><strong>Tổng<\/strong><\/p><\/td><td><p><strong>1\.650,50<\/strong><\/p><\/td>/);
    const { value: text } = await mammoth.extractRawText({ buffer: file });
    expect(text).toContain('Tổng ngân sách: 1.950,50');
  });

  it('write Lao runs in a font that has Lao letters, in every font slot, and Latin runs in Arial', async () => {
    const file = await planToDocx(readPlanExport(samplePlan(), team, 1500, 'lo'));
    const xml = zipEntryText(file, 'word/document.xml');
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((match) => match[1]!);
    const laoRun = runs.find((r) => r.includes(lao));
    expect(laoRun).toBeDefined();
    const fontsOf = (r: string) => /<w:rFonts ([^>]*)\/>/.exec(r)?.[1] ?? '';
    for (const slot of ['ascii', 'hAnsi', 'eastAsia', 'cs']) expect(fontsOf(laoRun!)).toContain(`w:${slot}="Leelawadee UI"`);
    expect(fontsOf(laoRun!)).toContain('w:hint="cs"');
    expect(laoRun).toMatch(/<w:lang [^>]*w:bidi="lo-LA"/);
    // A Latin run (the budget's item) keeps Arial, with the Lao font for any complex-script text in it.
    const latinRun = runs.find((r) => r.includes('>Mordants<'));
    expect(fontsOf(latinRun!)).toContain('w:ascii="Arial"');
    expect(fontsOf(latinRun!)).toContain('w:cs="Leelawadee UI"');
    // The section titles in Lao are Lao runs too.
    expect(runs.some((r) => r.includes('ບັນຫາ') && fontsOf(r).includes('w:ascii="Leelawadee UI"'))).toBe(true);
  });

  it('name the file from the title, in any script, with an ASCII fallback', () => {
    expect(exportFileName('Natural dyes: for the market!', 'docx')).toEqual({ ascii: 'Natural-dyes-for-the-market.docx', utf8: 'Natural-dyes-for-the-market.docx' });
    expect(exportFileName('Kế hoạch nhuộm', 'md')).toEqual({ ascii: 'Ke-hoach-nhuom.md', utf8: 'Kế-hoạch-nhuộm.md' });
    expect(exportFileName(lao, 'md').utf8).toBe(`${lao}.md`);
    expect(exportFileName('!!!', 'md').ascii).toBe('plan.md');
  });
});
