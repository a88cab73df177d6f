import type { CriterionId } from '../../../shared/schema/fair-rubric.ts';
import { has, t } from './i18n/messages.ts';

export const criterionName = (id: CriterionId): string => t(`committee.criterion.${id}`);

/** Scores as people write them: 10.5, not 10.500000001; means to one decimal. */
export const formatScore = (value: number | null): string => (value === null ? '–' : String(Math.round(value * 10) / 10));

/** A rubric question (`a`…`e` of a criterion) in the reader's language. */
export function questionText(id: CriterionId, question: string): string {
  const key = `committee.q.${id}.${question}`;
  return has(key) ? t(key) : question;
}
