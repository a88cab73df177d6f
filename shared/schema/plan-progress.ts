import { budgetTotals, type BudgetTotals } from './plan-budget.ts';
import { blocksText, countWords, readBlocks } from './plan-content.ts';
import { planSectionIds, type PlanSectionId } from './plan-template.ts';
import type { PlanDoc } from './plan.ts';

/**
 * How complete a plan is, as the plans list and the plan's completeness panel show it: which sections
 * hold text and how much, and whether the budget asks the contest for no more than its cap. Read from the
 * document, so every screen (and the room's projector) counts the same way.
 */
export interface PlanProgress {
  sections: Array<{ id: PlanSectionId; words: number }>;
  filled: number;
  total: number;
  budget: BudgetTotals;
  /** The budget has rows and its contest share is within the cap. */
  budgetReady: boolean;
}

export function sectionWords(plan: PlanDoc, sectionId: PlanSectionId): number {
  return countWords(blocksText(readBlocks(plan.section(sectionId))));
}

export function planProgress(plan: PlanDoc, cap: number): PlanProgress {
  const sections = planSectionIds.map((id) => ({ id, words: sectionWords(plan, id) }));
  const rows = plan.rows('budget');
  const budget = budgetTotals(rows, cap);
  return {
    sections,
    filled: sections.filter((section) => section.words > 0).length,
    total: sections.length,
    budget,
    budgetReady: budget.requested > 0 && budget.over === 0,
  };
}
