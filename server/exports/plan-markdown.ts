import { plainText, type Block, type Inline } from '../../shared/schema/plan-content.ts';
import { exportLabels, money, type PlanExport } from './plan-export.ts';

/** Markdown characters that would otherwise start formatting. */
const escape = (text: string): string => text.replace(/([\\`*_[\]#|<>])/g, '\\$1');

function inlines(items: Inline[]): string {
  return items
    .map((inline) => {
      if (inline.text === '\n') return '  \n';
      let text = escape(inline.text);
      if (inline.code) text = `\`${inline.text.replace(/`/g, '')}\``;
      if (inline.bold) text = `**${text}**`;
      if (inline.italic) text = `*${text}*`;
      if (inline.strike) text = `~~${text}~~`;
      if (inline.link) text = `[${text}](${inline.link.replace(/[()\s]/g, encodeURIComponent)})`;
      return text;
    })
    .join('');
}

function blocks(items: Block[], indent = ''): string[] {
  return items.flatMap((block): string[] => {
    switch (block.kind) {
      case 'paragraph':
        return [indent + inlines(block.inlines), ''];
      case 'heading':
        return [`${indent}${'#'.repeat(Math.min(6, block.level))} ${inlines(block.inlines)}`, ''];
      case 'list':
        return [
          ...block.items.flatMap((item, index) => {
            const [first = '', ...rest] = blocks(item, `${indent}   `).filter((line) => line !== '');
            return [`${indent}${block.ordered ? `${index + 1}.` : '-'} ${first.trimStart()}`, ...rest];
          }),
          '',
        ];
      case 'quote':
        return [...blocks(block.blocks).map((line) => `${indent}> ${line}`.trimEnd()), ''];
      case 'code':
        return ['```', block.text, '```', ''];
      case 'rule':
        return ['---', ''];
      case 'table':
        return [...table(block.rows.map((row) => row.cells.map((cell) => cell.map((b) => ('inlines' in b ? plainText(b.inlines) : '')).join(' ')))), ''];
    }
  });
}

/** Rows of cell texts as a Markdown table, the first row as its header. */
function table(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const cell = (text: string) => escape(text).replace(/\n/g, ' ');
  const [head, ...body] = rows;
  return [`| ${head!.map(cell).join(' | ')} |`, `|${head!.map(() => ' --- ').join('|')}|`, ...body.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

/** The plan as Markdown: the sections as headings, the schedule and the budget as tables with totals. */
export function planToMarkdown(plan: PlanExport): string {
  const l = exportLabels[plan.language];
  const lines = [`# ${escape(plan.title)}`, ''];
  if (plan.team) {
    lines.push(`**${l.team}:** ${escape(plan.team.name)}  `);
    if (plan.team.organisation) lines.push(`**${l.organisation}:** ${escape(plan.team.organisation)}  `);
    if (plan.team.community) lines.push(`**${l.community}:** ${escape(plan.team.community)}  `);
    lines.push('');
  }
  plan.sections.forEach((section, index) => {
    lines.push(`## ${index + 1}. ${escape(section.title)}`, '', ...blocks(section.blocks));
    if (section.id === 'activities' && plan.schedule.length > 0) {
      lines.push(`**${l.schedule}**`, '', ...table([[l.activity, l.who, l.start, l.end], ...plan.schedule.map((row) => [row.activity, row.who, row.start, row.end])]), '');
    }
    if (section.id === 'budget' && plan.budget.length > 0) {
      const m = (value: number | null) => money(value, plan.language);
      lines.push(
        `**${l.budget}**`,
        '',
        ...table([
          [l.item, l.requested, l.contribution, l.partner],
          ...plan.budget.map((row) => [row.item, m(row.requested), m(row.contribution), row.partner]),
          [l.totals, m(plan.totals.requested), m(plan.totals.contribution), `${l.total}: ${m(plan.totals.total)}`],
        ]),
        '',
      );
      if (plan.totals.over > 0) lines.push(`**${l.over.replace('{cap}', m(plan.totals.cap))} ${m(plan.totals.over)}**`, '');
    }
  });
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
