import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Inline } from '../../shared/schema/plan-content.ts';
import { exportLabels, money, type PlanExport } from './plan-export.ts';

const laoFont = 'Leelawadee UI';

/**
 * The plan as a Word document (docx 9), for teams to send in as it is: the sections as headings, the
 * schedule and budget as Word tables with a totals row, A4 pages.
 *
 * Fonts: Latin and Vietnamese text in Arial (every Word has it, with Vietnamese's letters). Lao runs name a
 * Lao font in every slot of `w:rFonts`, with the complex-script hint: Word files Lao under complex scripts,
 * but a reader that files it elsewhere (an older LibreOffice, Google Docs' import) would otherwise draw it
 * in Arial, which has no Lao, and show boxes. The font is "Leelawadee UI", Windows' own font for Lao and
 * Thai since Windows 8, where most of the teams' Word runs; Phetsarath OT (the Lao government's standard)
 * and Noto Sans Lao are not on a stock Windows. A reader without Leelawadee UI (LibreOffice on Linux or a
 * Mac) substitutes a font that has the Lao letters, as it does for any font it lacks; Word shapes Lao
 * itself. Lao runs are also marked with the complex-script language lo-LA, for spelling and line breaks.
 */
const fonts = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'Arial', cs: laoFont } as const;
const laoFonts = { ascii: laoFont, hAnsi: laoFont, eastAsia: laoFont, cs: laoFont, hint: 'cs' } as const;
const lao = /[\u0E80-\u0EFF]/;

function run(text: string, options: { bold?: boolean; italics?: boolean; strike?: boolean; style?: string } = {}): TextRun {
  return new TextRun({
    text,
    font: lao.test(text) ? laoFonts : fonts,
    ...options,
    // Word picks the complex-script properties for Lao: bold and italic must be set on them too.
    ...(options.bold ? { boldComplexScript: true } : {}),
    ...(options.italics ? { italicsComplexScript: true } : {}),
    ...(lao.test(text) ? { language: { bidirectional: 'lo-LA' } } : {}),
  });
}

function inlineRuns(inlines: Inline[]): Array<TextRun | ExternalHyperlink> {
  return inlines.map((inline) => {
    if (inline.text === '\n') return new TextRun({ break: 1 });
    const textRun = run(inline.text, { bold: inline.bold, italics: inline.italic, strike: inline.strike, ...(inline.link ? { style: 'Hyperlink' } : {}) });
    return inline.link ? new ExternalHyperlink({ link: inline.link, children: [textRun] }) : textRun;
  });
}

function blockParagraphs(blocks: Block[], level = 0): Array<Paragraph | Table> {
  return blocks.flatMap((block): Array<Paragraph | Table> => {
    switch (block.kind) {
      case 'paragraph':
        return [new Paragraph({ children: inlineRuns(block.inlines) })];
      case 'heading':
        return [new Paragraph({ heading: HeadingLevel.HEADING_3, children: inlineRuns(block.inlines) })];
      case 'list':
        return block.items.flatMap((item) =>
          item.flatMap((inner, index) =>
            inner.kind === 'paragraph' && index === 0
              ? [new Paragraph({ children: inlineRuns(inner.inlines), numbering: { reference: block.ordered ? 'numbers' : 'bullets', level: Math.min(level, 4) } })]
              : blockParagraphs([inner], level + 1),
          ),
        );
      case 'quote':
        return blockParagraphs(block.blocks, level).map((p) => p);
      case 'code':
        return block.text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })] }));
      case 'rule':
        return [new Paragraph({ border: { bottom: { style: 'single', size: 6, color: '999999', space: 1 } }, children: [] })];
      case 'table':
        return [
          table(
            block.rows.map((row) => row.cells.map((cell) => cell.flatMap((b) => ('inlines' in b ? [b.inlines.map((i) => i.text).join('')] : [])).join('\n'))),
            { header: block.rows[0]?.header ?? false },
          ),
        ];
    }
  });
}

function cell(text: string, options: { bold?: boolean; right?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(line, { bold: options.bold })] })),
    ...(options.shade ? { shading: { type: ShadingType.CLEAR, fill: 'E0F2EF', color: 'auto' } } : {}),
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

/** Rows of cell texts; `header` makes the first row the header (repeated on each page); `numeric` columns align right; `totals` bolds the last row. */
function table(rows: string[][], options: { header?: boolean; numeric?: number[]; totals?: boolean } = {}): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((cells, index) => {
      const isHeader = options.header === true && index === 0;
      const isTotals = options.totals === true && index === rows.length - 1;
      return new TableRow({
        // Only on the header row: readers take a written-out "false" as a header too.
        ...(isHeader ? { tableHeader: true } : {}),
        cantSplit: true,
        children: cells.map((text, column) => cell(text, { bold: isHeader || isTotals, shade: isHeader || isTotals, right: !isHeader && (options.numeric ?? []).includes(column) })),
      });
    }),
  });
}

export function planToDocx(plan: PlanExport): Promise<Buffer> {
  const l = exportLabels[plan.language];
  const m = (value: number | null) => money(value, plan.language);
  const children: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(plan.title)] })];
  if (plan.team) {
    const lines: Array<[string, string]> = [[l.team, plan.team.name], [l.organisation, plan.team.organisation], [l.community, plan.team.community]];
    for (const [label, value] of lines) if (value) children.push(new Paragraph({ children: [run(`${label}: `, { bold: true }), run(value)] }));
  }
  plan.sections.forEach((section, index) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(`${index + 1}. ${section.title}`)] }));
    children.push(...blockParagraphs(section.blocks));
    if (section.id === 'activities' && plan.schedule.length > 0) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(l.schedule)] }));
      children.push(table([[l.activity, l.who, l.start, l.end], ...plan.schedule.map((row) => [row.activity, row.who, row.start, row.end])], { header: true }));
    }
    if (section.id === 'budget' && plan.budget.length > 0) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(l.budget)] }));
      children.push(
        table(
          [
            [l.item, l.requested, l.contribution, l.partner],
            ...plan.budget.map((row) => [row.item, m(row.requested), m(row.contribution), row.partner]),
            [l.totals, m(plan.totals.requested), m(plan.totals.contribution), `${l.total}: ${m(plan.totals.total)}`],
          ],
          { header: true, numeric: [1, 2], totals: true },
        ),
      );
      if (plan.totals.over > 0) children.push(new Paragraph({ children: [run(`${l.over.replace('{cap}', m(plan.totals.cap))} ${m(plan.totals.over)}`, { bold: true })] }));
    }
  });

  const bulletLevels = [0, 1, 2, 3, 4].map((level) => ({ level, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }));
  const numberLevels = [0, 1, 2, 3, 4].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }));
  const document = new Document({
    title: plan.title,
    creator: 'Tributary',
    styles: { default: { document: { run: { font: fonts, size: 22 } } } },
    numbering: { config: [{ reference: 'bullets', levels: bulletLevels }, { reference: 'numbers', levels: numberLevels }] },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(document);
}
