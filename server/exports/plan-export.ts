import { budgetTotals, formatAmount, type BudgetTotals } from '../../shared/schema/plan-budget.ts';
import { readBlocks, type Block } from '../../shared/schema/plan-content.ts';
import { planSectionIds, planSectionTexts, type PlanLanguage, type PlanSectionId } from '../../shared/schema/plan-template.ts';
import type { BudgetRow, PlanDoc, ScheduleRow } from '../../shared/schema/plan.ts';
import type { Team } from '../../shared/schema/route.ts';

/**
 * A plan as the exports write it, read from the document through the shared schema (never from a
 * screen): the sections in the contest's order with their titles in the reader's language, the schedule
 * and the budget with totals.
 */
export interface PlanExport {
  language: PlanLanguage;
  title: string;
  team: Team | undefined;
  sections: Array<{ id: PlanSectionId; title: string; blocks: Block[] }>;
  schedule: ScheduleRow[];
  budget: BudgetRow[];
  totals: BudgetTotals;
}

export function readPlanExport(plan: PlanDoc, team: Team | undefined, cap: number, language: PlanLanguage): PlanExport {
  const budget = plan.rows('budget');
  return {
    language,
    title: plan.readMeta().title,
    team,
    sections: planSectionIds.map((id) => ({ id, title: planSectionTexts[language][id].title, blocks: readBlocks(plan.section(id)) })),
    schedule: plan.rows('schedule'),
    budget,
    totals: budgetTotals(budget, cap),
  };
}

/** The exports' own words, in the reader's language. */
export const exportLabels: Record<PlanLanguage, Record<'team' | 'organisation' | 'community' | 'schedule' | 'activity' | 'who' | 'start' | 'end' | 'budget' | 'item' | 'requested' | 'contribution' | 'partner' | 'totals' | 'total' | 'over', string>> = {
  en: {
    team: 'Team', organisation: 'Organisation', community: 'Community', schedule: 'Schedule', activity: 'Activity', who: 'Who', start: 'Start', end: 'End',
    budget: 'Budget (USD)', item: 'Item', requested: 'From the contest', contribution: 'From partners', partner: 'Which partner', totals: 'Totals',
    total: 'Whole budget', over: 'Over the contest’s cap of USD {cap} by',
  },
  lo: {
    team: 'ທີມ', organisation: 'ອົງການ', community: 'ຊຸມຊົນ', schedule: 'ຕາຕະລາງເວລາ', activity: 'ກິດຈະກຳ', who: 'ໃຜ', start: 'ເລີ່ມ', end: 'ສິ້ນສຸດ',
    budget: 'ງົບປະມານ (USD)', item: 'ລາຍການ', requested: 'ຈາກການປະກວດ', contribution: 'ຈາກຄູ່ຮ່ວມງານ', partner: 'ຄູ່ຮ່ວມງານໃດ', totals: 'ລວມ',
    total: 'ງົບປະມານທັງໝົດ', over: 'ເກີນເພດານ USD {cap} ຂອງການປະກວດ',
  },
  vi: {
    team: 'Nhóm', organisation: 'Tổ chức', community: 'Cộng đồng', schedule: 'Lịch trình', activity: 'Hoạt động', who: 'Ai thực hiện', start: 'Bắt đầu', end: 'Kết thúc',
    budget: 'Ngân sách (USD)', item: 'Hạng mục', requested: 'Từ cuộc thi', contribution: 'Từ đối tác', partner: 'Đối tác nào', totals: 'Tổng',
    total: 'Tổng ngân sách', over: 'Vượt mức trần USD {cap} của cuộc thi',
  },
};

export const money = (value: number | null, language: PlanLanguage): string => (value === null ? '' : formatAmount(value, language));

/** A file name from the plan's title: letters of any script kept, everything else a dash. */
export function exportFileName(title: string, extension: string): { ascii: string; utf8: string } {
  const base = title.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'plan';
  const ascii = base.normalize('NFD').replace(/[^A-Za-z0-9-]+/g, '').replace(/-+/g, '-').replace(/^-+|-+$/g, '') || 'plan';
  return { ascii: `${ascii}.${extension}`, utf8: `${base}.${extension}` };
}
