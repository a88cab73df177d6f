import * as Y from 'yjs';
import { num, str, type RecordValue } from './y-records.ts';

/**
 * The control document (`route/<routeId>/control`): how the facilitator directs the room and what the
 * server decides about rights. Everyone of the route reads it; only the server writes it, from HTTP
 * actions (rule A3 in the README), so what it says about locks and plans can be trusted.
 */
export const controlRoots = {
  /** Lock targets (see `LockTarget`) → true while locked. */
  locks: 'locks',
  /** Team id → plan status; a team without an entry is drafting. */
  planStatus: 'planStatus',
  /** Route settings that change rights, e.g. `everyPlanOpen`. */
  settings: 'settings',
  /** What the room screen shows. */
  spotlight: 'spotlight',
  /** Where "follow me" takes participants, while active. */
  follow: 'follow',
  /** The activity timer, in the server's clock. */
  timer: 'timer',
  /** Hidden-brainstorm targets (`river/stream/<id>`) → true while new cards there stay private. */
  hidden: 'hidden',
  /** Hidden-brainstorm target → how many ideas wait there: the room sees how many, never what. */
  hiddenCounts: 'hiddenCounts',
  /**
   * Hidden-brainstorm target → how many changes its ideas have had: a page showing some reads them again
   * when it grows (a facilitator edited a participant's card); the room learns that, never what changed.
   */
  hiddenChanges: 'hiddenChanges',
  /** River card id → when the facilitator chose it for the room screen (server ms): shown large there. */
  featured: 'featured',
  /**
   * Person id → the working group a facilitator moved them to ('' for none). A person's token says the group
   * they joined; their grid pages follow this live instead, once they were moved.
   */
  personGroups: 'personGroups',
  /** Person id → the team a facilitator moved them to ('' for none): their plan pages follow it, as above. */
  personTeams: 'personTeams',
  /**
   * `changes`: how many times the committee's scores, rules or publication changed. Its pages ask the
   * server for their view again when it grows; the room learns that something was scored, never what.
   */
  committee: 'committee',
} as const;

/** A busy room screen shows at most this many chosen cards: choosing one more lets the oldest go. */
export const maxFeatured = 12;

const cardIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

export function isCardId(value: unknown): value is string {
  return typeof value === 'string' && cardIdPattern.test(value);
}

/**
 * A plan's way to the contest: drafted by its team, presented at the Innovation Plan Fair (still
 * editable: the fair's feedback goes in), then submitted, when participants can no longer change it.
 */
export const planStatuses = ['draft', 'presented', 'submitted'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export function isPlanStatus(value: unknown): value is PlanStatus {
  return typeof value === 'string' && (planStatuses as readonly string[]).includes(value);
}

/**
 * What a lock or a hidden brainstorm applies to: a whole board (`river`, `experience`, `case/<hostId>`, `plan/<teamId>`)
 * or one stream of the river (`river/stream/<streamId>`).
 */
export type LockTarget = string;

export const boardTarget = {
  river: 'river',
  experience: 'experience',
  stream: (streamId: string) => `river/stream/${streamId}`,
  case: (hostId: string) => `case/${hostId}`,
  plan: (teamId: string) => `plan/${teamId}`,
} as const;

const targetPattern = /^(river|experience|river\/stream\/[A-Za-z0-9._-]{1,64}|case\/[A-Za-z0-9._-]{1,64}|plan\/[A-Za-z0-9._-]{1,64})$/;

export function isLockTarget(value: unknown): value is LockTarget {
  return typeof value === 'string' && targetPattern.test(value);
}

/** A view of the route that the room screen or a participant can be sent to. */
export interface ViewTarget {
  /** `river`, `setup`, `experience` (the Experience Fair), `case`, `plan`, `timer`, `tally`, `wrap-up`. */
  board: 'river' | 'setup' | 'experience' | 'case' | 'plan' | 'timer' | 'tally' | 'wrap-up';
  /**
   * Which one of the board: a host id for a case, a team id for a plan or the Experience Fair, a day id for a
   * day's wrap-up; '' for the river, timer, tally and the route's wrap-up.
   */
  id: string;
  /** A part of it: a day id or stream id of the river (`day:<id>`, `stream:<id>`), a grid row, a plan section. */
  part: string;
}

export const viewBoards: readonly ViewTarget['board'][] = ['river', 'setup', 'experience', 'case', 'plan', 'timer', 'tally', 'wrap-up'];

const viewIdPattern = /^[A-Za-z0-9._-]{0,64}$/;
const viewPartPattern = /^[A-Za-z0-9._:-]{0,80}$/;

/** A view target from untrusted input (a request body), or null when it is not one. */
export function parseViewTarget(value: unknown): ViewTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const { board, id = '', part = '' } = value as Record<string, unknown>;
  if (!viewBoards.includes(board as ViewTarget['board'])) return null;
  if (typeof id !== 'string' || !viewIdPattern.test(id) || typeof part !== 'string' || !viewPartPattern.test(part)) return null;
  return { board: board as ViewTarget['board'], id, part };
}

export interface Spotlight extends ViewTarget {
  /** Increases with every change, so a screen can tell a repeated choice from a new one. */
  seq: number;
}

export interface Follow extends ViewTarget {
  active: boolean;
  seq: number;
}

/**
 * A countdown in the server's clock (ms since the epoch). Running: it ends at `endsAt`. Paused or not
 * started: `remainingMs` is left. Clients turn it into time left with their measured offset from the
 * server's clock, so screens whose clocks are off agree.
 */
export interface Timer {
  /** A running timer past `endsAt` has finished: nobody needs to write that down. */
  state: 'idle' | 'running' | 'paused';
  durationMs: number;
  endsAt: number;
  remainingMs: number;
  label: string;
}

export const idleTimer: Timer = { state: 'idle', durationMs: 0, endsAt: 0, remainingMs: 0, label: '' };

/** Milliseconds left on `timer` at server time `serverNow`. */
export function timeLeft(timer: Timer, serverNow: number): number {
  if (timer.state === 'running') return Math.max(0, timer.endsAt - serverNow);
  if (timer.state === 'paused') return timer.remainingMs;
  return timer.durationMs;
}

function readView(map: Y.Map<RecordValue>): ViewTarget {
  const board = str(map, 'board', 'river') as ViewTarget['board'];
  return { board: viewBoards.includes(board) ? board : 'river', id: str(map, 'id'), part: str(map, 'part') };
}

function writeFields(map: Y.Map<RecordValue>, fields: Record<string, RecordValue>): void {
  for (const [key, value] of Object.entries(fields)) if (map.get(key) !== value) map.set(key, value);
}

/** Typed access to a control document. The writers are for the server's HTTP actions. */
export class ControlDoc {
  constructor(readonly doc: Y.Doc) {}

  /** One of the document's top-level maps, e.g. for a view to observe. */
  map<T = RecordValue>(name: keyof typeof controlRoots): Y.Map<T> {
    return this.doc.getMap<T>(controlRoots[name]);
  }

  isLocked(target: LockTarget): boolean {
    return this.map('locks').get(target) === true;
  }

  /** Locked stream ids of the river. */
  lockedStreams(): string[] {
    return [...this.map('locks').keys()].filter((key) => key.startsWith('river/stream/') && this.isLocked(key)).map((key) => key.slice('river/stream/'.length));
  }

  locks(): LockTarget[] {
    return [...this.map('locks').entries()].filter(([, value]) => value === true).map(([key]) => key);
  }

  setLocked(target: LockTarget, locked: boolean): void {
    if (locked) this.map('locks').set(target, true);
    else this.map('locks').delete(target);
  }

  planStatus(teamId: string): PlanStatus {
    const status = this.map('planStatus').get(teamId);
    return isPlanStatus(status) ? status : 'draft';
  }

  setPlanStatus(teamId: string, status: PlanStatus): void {
    if (status === 'draft') this.map('planStatus').delete(teamId);
    else this.map('planStatus').set(teamId, status);
  }

  /** The route setting that lets every participant write every team's plan. */
  get everyPlanOpen(): boolean {
    return this.map('settings').get('everyPlanOpen') === true;
  }

  setEveryPlanOpen(open: boolean): void {
    this.map('settings').set('everyPlanOpen', open);
  }

  spotlight(): Spotlight {
    const map = this.map('spotlight');
    return { ...readView(map), seq: num(map, 'seq') };
  }

  setSpotlight(view: ViewTarget): void {
    const map = this.map('spotlight');
    this.doc.transact(() => writeFields(map, { ...view, seq: num(map, 'seq') + 1 }));
  }

  follow(): Follow {
    const map = this.map('follow');
    return { ...readView(map), active: map.get('active') === true, seq: num(map, 'seq') };
  }

  setFollow(view: ViewTarget | null): void {
    const map = this.map('follow');
    this.doc.transact(() => {
      if (view === null) writeFields(map, { active: false, seq: num(map, 'seq') + 1 });
      else writeFields(map, { ...view, active: true, seq: num(map, 'seq') + 1 });
    });
  }

  timer(): Timer {
    const map = this.map('timer');
    const state = str(map, 'state', 'idle') as Timer['state'];
    return {
      state: ['idle', 'running', 'paused'].includes(state) ? state : 'idle',
      durationMs: num(map, 'durationMs'),
      endsAt: num(map, 'endsAt'),
      remainingMs: num(map, 'remainingMs'),
      label: str(map, 'label'),
    };
  }

  setTimer(timer: Timer): void {
    const map = this.map('timer');
    this.doc.transact(() => writeFields(map, { ...timer }));
  }

  isHidden(target: LockTarget): boolean {
    return this.map('hidden').get(target) === true;
  }

  hiddenTargets(): LockTarget[] {
    return [...this.map('hidden').entries()].filter(([, value]) => value === true).map(([key]) => key);
  }

  /** Stream ids of the river whose new cards stay hidden now. */
  hiddenStreams(): string[] {
    return this.hiddenTargets().filter((target) => target.startsWith('river/stream/')).map((target) => target.slice('river/stream/'.length));
  }

  setHidden(target: LockTarget, hidden: boolean): void {
    if (hidden) this.map('hidden').set(target, true);
    else this.map('hidden').delete(target);
  }

  hiddenCount(target: LockTarget): number {
    return num(this.map('hiddenCounts'), target);
  }

  hiddenCounts(): Record<LockTarget, number> {
    const counts: Record<LockTarget, number> = {};
    for (const [target, value] of this.map('hiddenCounts').entries()) if (typeof value === 'number' && value > 0) counts[target] = value;
    return counts;
  }

  setHiddenCount(target: LockTarget, count: number): void {
    if (count > 0) this.map('hiddenCounts').set(target, count);
    else this.map('hiddenCounts').delete(target);
  }

  /**
   * How many changes one author's waiting ideas on the target have had, or (with null) every author's: what
   * a facilitator's page watches. Counted per author so that a participant's page reads its list again
   * when its own ideas change (a facilitator may change them too), not at everyone's.
   */
  hiddenChanges(target: LockTarget, authorId: string | null): number {
    let total = 0;
    for (const [key, value] of this.map('hiddenChanges').entries()) {
      const counts = authorId === null ? key.startsWith(hiddenChangePrefix(target)) : key === hiddenChangeKey(target, authorId);
      if (counts && typeof value === 'number') total += value;
    }
    return total;
  }

  /** One more change to the author's ideas on the target. */
  countHiddenChange(target: LockTarget, authorId: string): void {
    const key = hiddenChangeKey(target, authorId);
    this.map('hiddenChanges').set(key, num(this.map('hiddenChanges'), key) + 1);
  }

  /** The reveal: the target's counts are forgotten, which every page watching one of them sees change. */
  forgetHiddenChanges(target: LockTarget): void {
    const map = this.map('hiddenChanges');
    // A bare target is how servers before the per-author counts kept them.
    for (const key of [...map.keys()]) if (key === target || key.startsWith(hiddenChangePrefix(target))) map.delete(key);
  }

  committeeChanges(): number {
    return num(this.map('committee'), 'changes');
  }

  countCommitteeChange(): void {
    this.map('committee').set('changes', this.committeeChanges() + 1);
  }

  /** The group a facilitator moved the person to (null: to none), or undefined when they were never moved. */
  groupOf(personId: string): string | null | undefined {
    return this.movedTo('personGroups', personId);
  }

  setGroupOf(personId: string, groupId: string | null): void {
    this.setMovedTo('personGroups', personId, groupId);
  }

  /** The team a facilitator moved the person to (null: to none), or undefined when they were never moved. */
  teamOf(personId: string): string | null | undefined {
    return this.movedTo('personTeams', personId);
  }

  setTeamOf(personId: string, teamId: string | null): void {
    this.setMovedTo('personTeams', personId, teamId);
  }

  private movedTo(root: 'personGroups' | 'personTeams', personId: string): string | null | undefined {
    const id = this.map(root).get(personId);
    return typeof id === 'string' ? id || null : undefined;
  }

  private setMovedTo(root: 'personGroups' | 'personTeams', personId: string, id: string | null): void {
    if (this.movedTo(root, personId) !== id) this.map(root).set(personId, id ?? '');
  }

  /** The river cards chosen for the room screen, the latest choice first. */
  featured(): string[] {
    return [...this.map('featured').entries()]
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => id);
  }

  /** Chooses cards for the room screen at server time `at`, or (with null) lets them go, in one change. */
  setFeatured(cardIds: readonly string[], at: number | null): void {
    const map = this.map('featured');
    this.doc.transact(() => {
      for (const id of cardIds) {
        if (at === null) map.delete(id);
        else map.set(id, at);
      }
      for (const id of this.featured().slice(maxFeatured)) map.delete(id);
    });
  }
}

/** What every author's change count on the target starts with. */
const hiddenChangePrefix = (target: LockTarget): string => `${target}|`;
const hiddenChangeKey = (target: LockTarget, authorId: string): string => hiddenChangePrefix(target) + authorId;
