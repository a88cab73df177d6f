import { ballotSize, voteLimits, type VoteConfig, type VoteRules } from '../../shared/schema/fair.ts';

/**
 * The fair vote's rules, pure: whether a ballot may stand, and whether a facilitator's rules make sense.
 * Each refusal carries the API's stable code and a sentence the voter's screen shows as it is.
 */
export interface Refusal {
  status: 400 | 403 | 409 | 422;
  error: string;
  message: string;
}

/** A vote or committee action refused; the HTTP layer answers it as its JSON error. */
export class ActionRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (status: Refusal['status'], error: string, message: string): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { status, error, message } });

const votesWord = (count: number): string => (count === 1 ? '1 vote' : `${count} votes`);

/** A whole ballot (plan → votes) the voter asks for, checked against the vote's state and rules. */
export function checkBallot(config: VoteConfig, votes: unknown, voterTeamId: string | null): Checked<Record<string, number>> {
  if (config.status === 'idle') return refuse(409, 'vote_not_open', 'The vote has not started yet. Wait for the facilitator to open it.');
  if (config.status !== 'open') return refuse(409, 'vote_closed', 'The vote is closed: votes can no longer be given or changed.');
  if (typeof votes !== 'object' || votes === null || Array.isArray(votes)) {
    return refuse(400, 'invalid_votes', 'Send the votes as an object of plan → number of votes.');
  }
  const kept: Record<string, number> = {};
  for (const [teamId, count] of Object.entries(votes)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return refuse(400, 'invalid_votes', 'Votes are whole numbers, zero or more.');
    if (count === 0) continue;
    if (!config.plans.includes(teamId)) return refuse(422, 'plan_not_in_vote', 'This plan is not part of the vote.');
    if (!config.allowOwnTeam && teamId === voterTeamId) return refuse(403, 'own_team', 'You cannot vote for your own team’s plan.');
    if (count > config.maxPerPlan) return refuse(422, 'over_plan_limit', `You can give at most ${votesWord(config.maxPerPlan)} to one plan.`);
    kept[teamId] = count;
  }
  const total = ballotSize({ votes: kept });
  if (total > config.votesPerPerson) {
    return refuse(422, 'over_budget', `You have ${votesWord(config.votesPerPerson)} in all, and this would use ${total}. Take a vote back from another plan first.`);
  }
  return { ok: true, value: kept };
}

const isWhole = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** The rules a facilitator opens a vote with; missing fields take the defaults. */
export function checkRules(body: Record<string, unknown>, teamIds: readonly string[], defaults: Omit<VoteRules, 'plans'>): Checked<VoteRules> {
  const { plans, votesPerPerson = defaults.votesPerPerson, allowOwnTeam = defaults.allowOwnTeam, points = defaults.points } = body;
  if (!Array.isArray(plans) || plans.length === 0 || plans.length > voteLimits.maxPlans || !plans.every((id) => typeof id === 'string')) {
    return refuse(400, 'invalid_plans', 'Choose at least one plan for the vote.');
  }
  const unknown = plans.find((id) => !teamIds.includes(id as string));
  if (unknown !== undefined) return refuse(400, 'plan_unknown', 'One of the chosen plans belongs to no team of this route.');
  if (new Set(plans).size !== plans.length) return refuse(400, 'invalid_plans', 'A plan is chosen twice.');
  if (!isWhole(votesPerPerson, 1, voteLimits.maxVotesPerPerson)) {
    return refuse(400, 'invalid_votes_per_person', `Each person has between 1 and ${voteLimits.maxVotesPerPerson} votes.`);
  }
  const maxPerPlan = body.maxPerPlan ?? Math.min(defaults.maxPerPlan, votesPerPerson);
  if (!isWhole(maxPerPlan, 1, votesPerPerson)) {
    return refuse(400, 'invalid_max_per_plan', 'The most votes one person gives one plan is between 1 and their number of votes.');
  }
  if (typeof allowOwnTeam !== 'boolean') return refuse(400, 'invalid_allow_own_team', '"allowOwnTeam" must be true or false.');
  if (!Array.isArray(points) || points.length > voteLimits.maxPlaces || !points.every((p) => isWhole(p, 0, voteLimits.maxPointsPerPlace))) {
    return refuse(400, 'invalid_points', `Fair points are whole numbers from 0 to ${voteLimits.maxPointsPerPlace}, for at most ${voteLimits.maxPlaces} places.`);
  }
  return { ok: true, value: { plans: plans as string[], votesPerPerson, maxPerPlan, allowOwnTeam, points: points as number[] } };
}
