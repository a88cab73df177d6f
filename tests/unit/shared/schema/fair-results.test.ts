import { expect, test } from 'vitest';
import { countVotes } from '../../../../shared/schema/fair.ts';
import { assessPlans, type ScoreSheet } from '../../../../shared/schema/fair-committee.ts';

const ballot = (votes: Record<string, number>) => ({ votes, at: 0 });

test('fair places: equal votes share the better place and its points, a plan without votes gets none', () => {
  const tally = countVotes(['a', 'b', 'c', 'd'], [ballot({ a: 2, b: 1 }), ballot({ b: 1, c: 1 }), ballot({ a: 1, x: 3 })], [3, 2, 1]);
  expect(tally).toEqual([
    { teamId: 'a', votes: 3, place: 1, points: 3 },
    { teamId: 'b', votes: 2, place: 2, points: 2 },
    { teamId: 'c', votes: 1, place: 3, points: 1 },
    { teamId: 'd', votes: 0, place: 4, points: 0 },
  ]);
  const tied = countVotes(['a', 'b', 'c'], [ballot({ a: 1, b: 1 })], [3, 2, 1]);
  expect(tied.map((line) => [line.teamId, line.place, line.points])).toEqual([['a', 1, 3], ['b', 1, 3], ['c', 3, 0]]);
});

const sheet = (teamId: string, memberId: string, innovation: number | null, complementarities: number | null, clarity: number | null, submitted = true): ScoreSheet => ({
  teamId,
  memberId,
  scores: { innovation, complementarities, clarity },
  comments: { innovation: '', complementarities: '', clarity: '' },
  submitted,
  at: 0,
});

test('committee means count submitted sheets only; fair points add to the mean total; ties share a place; unscored plans come last', () => {
  const plans = assessPlans(
    ['p1', 'p2', 'p3', 'p4'],
    [sheet('p1', 'm1', 10, 4, 6), sheet('p1', 'm2', 11, 5, 7), sheet('p1', 'm3', 0, 0, 0, false), sheet('p2', 'm1', 12, 4, 5), sheet('p3', 'm1', 9, 4, 5)],
    { p3: 3, p2: 1 },
    2,
  );
  expect(plans.map((plan) => [plan.teamId, plan.meanTotal, plan.final, plan.place])).toEqual([
    ['p2', 21, 22, 1],
    ['p1', 21.5, 21.5, 2],
    ['p3', 18, 21, 3],
    ['p4', null, null, null],
  ]);
  expect(plans[1]).toMatchObject({ sheets: 2, means: { innovation: 10.5, complementarities: 4.5, clarity: 6.5 }, disagreements: ['total'] });
  const tied = assessPlans(['a', 'b', 'c'], [sheet('a', 'm', 10, 5, 5), sheet('b', 'm', 12, 3, 5), sheet('c', 'm', 1, 1, 1)], {}, 3);
  expect(tied.map((plan) => [plan.teamId, plan.place])).toEqual([['a', 1], ['b', 1], ['c', 3]]);
});
