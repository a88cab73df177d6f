import { criterionIds } from '../../../shared/schema/fair-rubric.ts';
import type { WrapUp } from '../../../shared/schema/wrap-up.ts';
import { streamName } from '../../lib/i18n/stream-name.ts';
import { criterionName, formatScore } from '../committee/criterion-name.ts';
import { t as planText } from '../plan/i18n/messages.ts';
import type { Bar } from './bar.ts';
import { t } from './i18n/messages.ts';

/**
 * The wrap-up's charts as bars, one list per chart, for the page and the room screen alike. A plan is named
 * by its title, or on the room screen by its team (`names: 'team'`): a title takes three lines there.
 */
type PlanNames = 'title' | 'team';

export const criterionColors = ['#1f6f8b', '#6aa84f', '#e69138'] as const;
export const fairColor = '#b45f06';

export const streamBars = (wrapUp: WrapUp): Bar[] =>
  wrapUp.streams.map((entry) => ({ label: streamName(entry.stream), parts: [{ value: entry.cards.length, color: entry.stream.color, name: streamName(entry.stream) }] }));

export const progressBars = (wrapUp: WrapUp, names: PlanNames = 'title'): Bar[] =>
  wrapUp.plans.map((plan) => ({
    label: `${names === 'team' ? plan.team : plan.title} · ${planText(`status.${plan.status}`)}`,
    parts: [{ value: plan.filled, color: plan.status === 'submitted' ? '#2e7d4f' : '#1f6f8b', name: t('wrap.sections') }],
    note: `${plan.filled}/${plan.total} · ${t('wrap.words', { count: plan.words })}${plan.budgetReady ? ` · ${t('wrap.budgetReady')}` : ''}`,
  }));

const nameOf = (wrapUp: WrapUp, teamId: string, names: PlanNames): string => {
  const plan = wrapUp.plans.find((entry) => entry.teamId === teamId);
  return (names === 'team' ? plan?.team : plan?.title) ?? teamId;
};

export const tallyBars = (wrapUp: WrapUp, names: PlanNames = 'title'): Bar[] =>
  (wrapUp.fair?.tally ?? []).map((line) => ({
    label: `${line.place}. ${nameOf(wrapUp, line.teamId, names)}`,
    parts: [{ value: line.votes, color: fairColor, name: t('wrap.votes') }],
    note: line.points > 0 && wrapUp.fair?.status === 'published' ? `${line.votes} (+${line.points})` : String(line.votes),
  }));

export const scoreBars = (wrapUp: WrapUp, names: PlanNames = 'title'): Bar[] =>
  (wrapUp.contest ?? []).map((plan) => ({
    label: `${plan.place ?? '–'}. ${nameOf(wrapUp, plan.teamId, names)}`,
    parts: [
      ...criterionIds.map((id, i) => ({ value: plan.means[id] ?? 0, color: criterionColors[i]!, name: criterionName(id) })),
      { value: plan.fairPoints, color: fairColor, name: t('wrap.fairPoints') },
    ],
    note: formatScore(plan.final),
  }));

/** The scores chart's scale: the rubric's 26 points and the largest fair points. */
export const scoresMax = (wrapUp: WrapUp): number => 26 + Math.max(0, ...(wrapUp.contest ?? []).map((plan) => plan.fairPoints));
