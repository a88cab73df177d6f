import type { GridAxis } from '../../../shared/schema/case.ts';
import { has, t } from './i18n/messages.ts';

/** A row's or column's name: what the facilitator called it, else the built-in name in this language. */
export function axisName(axis: Pick<GridAxis, 'key' | 'label'>): string {
  if (axis.label) return axis.label;
  const key = `axis.${axis.key}`;
  return has(key) ? t(key) : axis.key;
}
