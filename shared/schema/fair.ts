import type * as Y from 'yjs';
import { num, str, type RecordValue } from './y-records.ts';

/**
 * The Innovation Plan Fair vote. Two halves, because votes must be decided by the server and kept from
 * the room until the facilitator shows them:
 * - the server document (`route/<id>/server`, see people.ts) holds the vote's rules and every ballot:
 *   never sent to a client, written only by the server's vote actions;
 * - the control document (`route/<id>/control`) holds what the room may see: the rules, how many have
 *   voted and, unless hidden, the tally; after publication the result with its fair points. The server
 *   writes it from the first half, so what a screen shows is always derived from the counted ballots.
 */
export const fairServerRoots = {
  /** The vote's rules and state (`VoteConfig` fields, nested values as JSON). */
  vote: 'fairVote',
  /** Person id → JSON of `Ballot`: a person's whole ballot in one value (see `Ballot`). */
  ballots: 'fairBallots',
} as const;

/** The public half's top-level map in the control document. */
export const fairControlRoot = 'fair';

export type VoteStatus = 'idle' | 'open' | 'closed' | 'published';

export interface VoteRules {
  /** The plans (team ids) one can vote for. */
  plans: string[];
  votesPerPerson: number;
  maxPerPlan: number;
  allowOwnTeam: boolean;
  /** Extra contest points by place: `[3, 2, 1]` gives the first plan 3, the second 2, the third 1. */
  points: number[];
}

export interface VoteConfig extends VoteRules {
  status: VoteStatus;
  /** While true, the tally is shown to facilitators only; it is shown to everyone from the close on. */
  tallyHidden: boolean;
  openedAt: number;
  closedAt: number;
}

export const defaultVoteRules: Omit<VoteRules, 'plans'> = { votesPerPerson: 3, maxPerPlan: 3, allowOwnTeam: false, points: [3, 2, 1] };

export const voteLimits = { maxVotesPerPerson: 20, maxPlans: 50, maxPlaces: 10, maxPointsPerPlace: 26 } as const;

/**
 * A person's votes: plan (team id) → how many. Stored whole under the person's id, so that two tabs (or
 * two server instances) changing one person's ballot at once leave one of the two ballots, each checked
 * against the rules, never a mix that could exceed them.
 */
export interface Ballot {
  votes: Record<string, number>;
  at: number;
}

/** One plan's line of a tally or result. */
export interface TallyLine {
  teamId: string;
  votes: number;
  /** 1 for the most votes; plans with as many votes share a place (1, 2, 2, 4). */
  place: number;
  /** Fair points the place gives; 0 for a plan without votes. */
  points: number;
}

/** What the control document says about the vote. */
export interface PublicVote extends VoteRules {
  status: VoteStatus;
  tallyHidden: boolean;
  voters: number;
  votesCast: number;
  /** Null while hidden from the room. */
  tally: TallyLine[] | null;
}

const json = <T>(map: Y.Map<RecordValue>, key: string, fallback: T): T => {
  const value = map.get(key);
  if (typeof value !== 'string') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

const statuses: readonly VoteStatus[] = ['idle', 'open', 'closed', 'published'];
const readStatus = (map: Y.Map<RecordValue>): VoteStatus => {
  const status = str(map, 'status', 'idle') as VoteStatus;
  return statuses.includes(status) ? status : 'idle';
};

function readRules(map: Y.Map<RecordValue>): VoteRules {
  return {
    plans: json<string[]>(map, 'plans', []),
    votesPerPerson: num(map, 'votesPerPerson', defaultVoteRules.votesPerPerson),
    maxPerPlan: num(map, 'maxPerPlan', defaultVoteRules.maxPerPlan),
    allowOwnTeam: map.get('allowOwnTeam') === true,
    points: json<number[]>(map, 'points', defaultVoteRules.points),
  };
}

/** Writes only what changed, so an unchanged projection written again is no edit at all. */
function writeFields(map: Y.Map<RecordValue>, fields: Record<string, RecordValue>): void {
  for (const [key, value] of Object.entries(fields)) if (map.get(key) !== value) map.set(key, value);
}

const rulesFields = (rules: VoteRules): Record<string, RecordValue> => ({
  plans: JSON.stringify(rules.plans),
  votesPerPerson: rules.votesPerPerson,
  maxPerPlan: rules.maxPerPlan,
  allowOwnTeam: rules.allowOwnTeam,
  points: JSON.stringify(rules.points),
});

/** The server's half: rules and ballots, in the route's server document. */
export class FairBallotBox {
  constructor(readonly doc: Y.Doc) {}

  get voteMap(): Y.Map<RecordValue> {
    return this.doc.getMap(fairServerRoots.vote);
  }

  get ballotMap(): Y.Map<RecordValue> {
    return this.doc.getMap(fairServerRoots.ballots);
  }

  config(): VoteConfig {
    const map = this.voteMap;
    return {
      ...readRules(map),
      status: readStatus(map),
      tallyHidden: map.get('tallyHidden') === true,
      openedAt: num(map, 'openedAt'),
      closedAt: num(map, 'closedAt'),
    };
  }

  /** Changes some of the vote's fields; the others keep their values. */
  setConfig(changes: Partial<VoteConfig>): void {
    const merged = { ...this.config(), ...changes };
    writeFields(this.voteMap, {
      ...rulesFields(merged),
      status: merged.status,
      tallyHidden: merged.tallyHidden,
      openedAt: merged.openedAt,
      closedAt: merged.closedAt,
    });
  }

  ballot(personId: string): Ballot | null {
    return this.ballotMap.has(personId) ? json<Ballot | null>(this.ballotMap, personId, null) : null;
  }

  ballots(): Array<{ personId: string; ballot: Ballot }> {
    return [...this.ballotMap.keys()].flatMap((personId) => {
      const ballot = this.ballot(personId);
      return ballot === null ? [] : [{ personId, ballot }];
    });
  }

  setBallot(personId: string, ballot: Ballot): void {
    this.ballotMap.set(personId, JSON.stringify(ballot));
  }

  /** The frozen tally of a closed vote, kept so that people removed later do not change a counted result. */
  finalTally(): TallyLine[] | null {
    return json<TallyLine[] | null>(this.voteMap, 'finalTally', null);
  }

  setFinalTally(tally: TallyLine[] | null): void {
    writeFields(this.voteMap, { finalTally: tally === null ? null : JSON.stringify(tally) });
  }
}

/** The room's half, in the control document: read by every client, written by the server alone. */
export class FairBoard {
  constructor(readonly doc: Y.Doc) {}

  get map(): Y.Map<RecordValue> {
    return this.doc.getMap(fairControlRoot);
  }

  read(): PublicVote {
    const map = this.map;
    return {
      ...readRules(map),
      status: readStatus(map),
      tallyHidden: map.get('tallyHidden') === true,
      voters: num(map, 'voters'),
      votesCast: num(map, 'votesCast'),
      tally: json<TallyLine[] | null>(map, 'tally', null),
    };
  }

  write(vote: PublicVote): void {
    this.doc.transact(() =>
      writeFields(this.map, {
        ...rulesFields(vote),
        status: vote.status,
        tallyHidden: vote.tallyHidden,
        voters: vote.voters,
        votesCast: vote.votesCast,
        tally: vote.tally === null ? null : JSON.stringify(vote.tally),
      }),
    );
  }
}

/**
 * Counts ballots into places and fair points: most votes first; equal votes share the better place
 * (1, 2, 2, 4) and each gets that place's points, because two plans the room liked as much deserve the
 * same; a plan nobody voted for gets no points. Plans outside the vote are not counted.
 */
export function countVotes(plans: string[], ballots: Ballot[], points: number[]): TallyLine[] {
  const votes = new Map(plans.map((teamId) => [teamId, 0]));
  for (const ballot of ballots) {
    for (const [teamId, count] of Object.entries(ballot.votes)) if (votes.has(teamId)) votes.set(teamId, votes.get(teamId)! + count);
  }
  const order = [...votes].sort((a, b) => b[1] - a[1] || plans.indexOf(a[0]) - plans.indexOf(b[0]));
  return order.map(([teamId, count]) => {
    const place = 1 + order.filter(([, other]) => other > count).length;
    return { teamId, votes: count, place, points: count > 0 ? (points[place - 1] ?? 0) : 0 };
  });
}

/** How many votes a ballot gives in all. */
export const ballotSize = (ballot: Pick<Ballot, 'votes'>): number => Object.values(ballot.votes).reduce((sum, count) => sum + count, 0);
