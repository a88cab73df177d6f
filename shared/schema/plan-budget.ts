import type * as Y from 'yjs';
import type { BudgetRow } from './plan.ts';
import type { RecordValue } from './y-records.ts';

/**
 * The budget's arithmetic: amounts as people type them, totals, and the contest's cap. Shared because the
 * plan page, the plans list and the exports all show the same totals and the same warning.
 */

/** USD the contest gives a plan at most, unless the route says otherwise. */
export const defaultBudgetCap = 1500;

/** The route setting (a field of the route document's setup map) that holds the cap. */
export const budgetCapField = 'planBudgetCap';

export function readBudgetCap(setupMap: Y.Map<RecordValue>): number {
  const value = setupMap.get(budgetCapField);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : defaultBudgetCap;
}

export type AmountParse = { ok: true; value: number | null } | { ok: false; reason: 'not_a_number' | 'negative' | 'too_large' };

const largest = 1_000_000_000;

/**
 * An amount as typed: `1,500`, `1.500`, `1 500`, `1500`, `USD 1,500.50`, `1.500,50` and `$12.5` all read
 * as numbers. A separator followed by exactly three digits groups thousands (English writes `1,500`,
 * Vietnamese and much of Europe `1.500`); when both appear, the last one is the decimal point. Empty
 * means "not set". Anything else is refused, so that a cell never holds a number nobody typed.
 */
export function parseAmount(input: string): AmountParse {
  let text = input.trim().replace(/^(usd|us\$|\$)\s*/i, '').replace(/\s*(usd|\$)$/i, '');
  if (text === '') return { ok: true, value: null };
  if (text.startsWith('-')) return { ok: false, reason: 'negative' };
  // Spaces (also the narrow and no-break ones) only ever group thousands.
  text = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d[\d.,]*$/.test(text) || /[.,]{2}/.test(text) || /[.,]$/.test(text)) return { ok: false, reason: 'not_a_number' };

  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let integer = text;
  let fraction = '';
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    const at = text.lastIndexOf(decimal);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (integer.includes(decimal) || !isGrouped(integer, grouping)) return { ok: false, reason: 'not_a_number' };
    integer = integer.split(grouping).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? ',' : '.';
    const parts = text.split(separator);
    if (parts.length > 2 || parts[1]!.length === 3) {
      if (!isGrouped(text, separator)) return { ok: false, reason: 'not_a_number' };
      integer = parts.join('');
    } else {
      integer = parts[0]!;
      fraction = parts[1]!;
    }
  }
  if (fraction.length > 2) return { ok: false, reason: 'not_a_number' };
  const value = Number(fraction === '' ? integer : `${integer}.${fraction}`);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not_a_number' };
  if (value > largest) return { ok: false, reason: 'too_large' };
  return { ok: true, value: Math.round(value * 100) / 100 };
}

/** `1,500` or `12,345,678`: groups of three after a first group of one to three digits. */
function isGrouped(text: string, separator: string): boolean {
  const [first, ...rest] = text.split(separator);
  return /^\d{1,3}$/.test(first!) && rest.every((group) => /^\d{3}$/.test(group));
}

export interface BudgetTotals {
  requested: number;
  contribution: number;
  total: number;
  cap: number;
  /** How much the contest share is above the cap; 0 while within it. */
  over: number;
  /** The contest's share of the whole budget, 0..1 (0 for an empty budget). */
  share: number;
}

const cents = (value: number): number => Math.round(value * 100) / 100;

export function budgetTotals(rows: readonly BudgetRow[], cap: number): BudgetTotals {
  let requested = 0;
  let contribution = 0;
  for (const row of rows) {
    requested += row.requested ?? 0;
    contribution += row.contribution ?? 0;
  }
  requested = cents(requested);
  contribution = cents(contribution);
  const total = cents(requested + contribution);
  return { requested, contribution, total, cap, over: cents(Math.max(0, requested - cap)), share: total > 0 ? requested / total : 0 };
}

/** Number formats by language and whether cents show: a plan's tables format every amount on each render. */
const amountFormats = new Map<string, Intl.NumberFormat>();

/** An amount for people to read, in their language's grouping (`1,500` / `1.500`), cents only when there are some. */
export function formatAmount(value: number, locale: string): string {
  const tag = locale === 'lo' ? 'lo-LA' : locale === 'vi' ? 'vi-VN' : 'en-US';
  const cents = !Number.isInteger(value);
  const key = `${tag}:${cents}`;
  let format = amountFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(tag, { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 });
    amountFormats.set(key, format);
  }
  return format.format(value);
}
