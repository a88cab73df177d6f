import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { budgetTotals, defaultBudgetCap, formatAmount, parseAmount, readBudgetCap, budgetCapField } from '../../../../shared/schema/plan-budget.ts';
import { planProgress } from '../../../../shared/schema/plan-progress.ts';
import { writeBlocks } from '../../../../shared/schema/plan-content.ts';
import { PlanDoc, type BudgetRow } from '../../../../shared/schema/plan.ts';

const value = (input: string) => {
  const parsed = parseAmount(input);
  return parsed.ok ? parsed.value : parsed.reason;
};

describe('amounts as people type them', () => {
  it('read thousands grouped with commas, dots or spaces, and decimals with either mark', () => {
    for (const input of ['1500', '1,500', '1.500', '1 500', '1\u00a0500', 'USD 1,500', '$1,500', '1500 USD']) expect(value(input), input).toBe(1500);
    expect(value('1,500.50')).toBe(1500.5);
    expect(value('1.500,50')).toBe(1500.5);
    expect(value('12,345,678')).toBe(12345678);
    expect(value('12.345.678')).toBe(12345678);
    expect(value('1,5')).toBe(1.5);
    expect(value('12.75')).toBe(12.75);
    expect(value('0')).toBe(0);
  });

  it('take an empty cell as not set', () => {
    expect(value('')).toBeNull();
    expect(value('   ')).toBeNull();
  });

  it('refuse text, negative amounts, malformed grouping and too many decimals', () => {
    for (const input of ['abc', 'twelve', '12a', '1,50,0', '1..5', '1.', '1,2345', '1,500.5.0', '1.500,50,0', '12,34,567']) {
      expect(value(input), input).toBe('not_a_number');
    }
    expect(value('-5')).toBe('negative');
    expect(value('2000000000')).toBe('too_large');
  });

  it('format for the reader\'s language', () => {
    expect(formatAmount(1500, 'en')).toBe('1,500');
    expect(formatAmount(1500.5, 'vi')).toBe('1.500,50');
  });
});

describe('budget totals and the contest cap', () => {
  const row = (requested: number | null, contribution: number | null): BudgetRow => ({ id: 'x', item: '', partner: '', requested, contribution });

  it('add up the contest share and the partners\' share, to the cent', () => {
    const totals = budgetTotals([row(0.1, 5), row(0.2, null), row(null, 2.5)], 1500);
    expect(totals).toMatchObject({ requested: 0.3, contribution: 7.5, total: 7.8, over: 0 });
    expect(totals.share).toBeCloseTo(0.3 / 7.8);
  });

  it('say how far the contest share is over the cap', () => {
    expect(budgetTotals([row(1000, 0), row(600, 200)], 1500).over).toBe(100);
    expect(budgetTotals([row(1500, 0)], 1500).over).toBe(0);
    expect(budgetTotals([], 1500)).toMatchObject({ total: 0, share: 0, over: 0 });
  });

  it('read the cap from the route setting, USD 1,500 by default', () => {
    const doc = new Y.Doc();
    const setup = doc.getMap<string | number | boolean | null>('setup');
    expect(readBudgetCap(setup)).toBe(defaultBudgetCap);
    setup.set(budgetCapField, 2000);
    expect(readBudgetCap(setup)).toBe(2000);
    setup.set(budgetCapField, -1);
    expect(readBudgetCap(setup)).toBe(defaultBudgetCap);
  });

  it('count a plan complete by its sections and a budget within the cap', () => {
    const plan = new PlanDoc(new Y.Doc());
    plan.startFromTemplate({ title: 'T', teamId: 't' }, 1);
    expect(planProgress(plan, 1500)).toMatchObject({ filled: 0, total: 9, budgetReady: false });
    writeBlocks(plan.section('problem'), [{ kind: 'paragraph', inlines: [{ text: 'Dyes fade in the sun.' }] }]);
    const id = plan.addRow('budget');
    plan.updateRow('budget', id, { requested: 1600 });
    const progress = planProgress(plan, 1500);
    expect(progress.filled).toBe(1);
    expect(progress.sections.find((section) => section.id === 'problem')?.words).toBe(5);
    expect(progress.budget.over).toBe(100);
    expect(progress.budgetReady).toBe(false);
    plan.updateRow('budget', id, { requested: 1500 });
    expect(planProgress(plan, 1500).budgetReady).toBe(true);
  });
});
