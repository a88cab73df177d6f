import { parseRouteDocName, type RouteDocKind } from '../../shared/schema/doc-kinds.ts';
import { boardTarget, type PlanStatus } from '../../shared/schema/control.ts';
import { sharedLinkAuthorId } from '../../shared/schema/plan-comments.ts';
import type { CommentChange } from '../facilitation/comment-changes.ts';
import type { RouteGrant, RouteRole } from './access.ts';

/**
 * Rule A3, dynamic write rights. The access decision (A1) gives a connection its upper bound when it
 * opens; within it, every update a non-facilitator sends is checked against the route's state as it is
 * when the update arrives. A refused update is neither applied, stored nor forwarded (as A2).
 *
 * A rule returns true when the write may go ahead; every rule must agree. Adding a rule is adding a
 * function to `writeRules`.
 */

/** The route's state that rights depend on, read from its control document (kept loaded by the server). */
export interface RouteState {
  isLocked(target: string): boolean;
  planStatus(teamId: string): PlanStatus;
  readonly everyPlanOpen: boolean;
  /** Locked streams of the river, for the stream rule. */
  lockedStreams(): string[];
  /** Streams of a hidden brainstorm: new ideas there go to the server, not into the shared river. */
  hiddenStreams(): string[];
  /** A hidden brainstorm on a whole board (a case grid: `case/<hostId>`). */
  isHidden(target: string): boolean;
}

export interface WriteContext {
  role: RouteRole;
  /** The writer's team now (the people list's, not the token's), or null for a shared link. */
  teamId: string | null;
  /** The person writing (a personal token's), or null for a shared link. */
  personId: string | null;
  doc: RouteDocKind;
  state: RouteState;
  /** The river streams this update touches (cards added, edited, moved or deleted in them). Decoded on
   * first use, so rules that need it cost nothing to updates they do not concern. */
  touchedStreams(): ReadonlySet<string>;
  /** What the update does to a plan's comments; decoded on first use, like `touchedStreams`. */
  commentChanges(): readonly CommentChange[];
}

export type WriteRule = (context: WriteContext) => boolean;

const lockedBoard: WriteRule = ({ doc, state }) => {
  if (doc.kind === 'river') return !state.isLocked(boardTarget.river);
  if (doc.kind === 'experience') return !state.isLocked(boardTarget.experience);
  if (doc.kind === 'case') return !state.isLocked(boardTarget.case(doc.hostId));
  if (doc.kind === 'plan') return !state.isLocked(boardTarget.plan(doc.teamId));
  return true;
};

const lockedStream: WriteRule = ({ doc, state, touchedStreams }) => {
  if (doc.kind !== 'river') return true;
  const locked = state.lockedStreams();
  if (locked.length === 0) return true;
  const touched = touchedStreams();
  return !locked.some((streamId) => touched.has(streamId));
};

/**
 * During a hidden brainstorm, nobody but facilitators writes the stream in the shared river, or the
 * hidden case grid: a card added there would reach every other browser at once. Ideas go to the
 * server's hidden list instead (HTTP), and the reveal moves them into the board.
 */
const hiddenBrainstorm: WriteRule = ({ doc, state, touchedStreams }) => {
  if (doc.kind === 'case') return !state.isHidden(boardTarget.case(doc.hostId));
  if (doc.kind !== 'river') return true;
  const hidden = state.hiddenStreams();
  if (hidden.length === 0) return true;
  const touched = touchedStreams();
  return !hidden.some((streamId) => touched.has(streamId));
};

/** Participants write their own team's plan, or every plan when the route's setting says so. */
const ownTeamPlan: WriteRule = ({ doc, role, teamId, state }) =>
  doc.kind !== 'plan' || role !== 'participant' || doc.teamId === teamId || state.everyPlanOpen;

/** A submitted plan is what the contest received: only a facilitator changes it, or reopens it. */
const submittedPlan: WriteRule = ({ doc, state }) => doc.kind !== 'plan' || state.planStatus(doc.teamId) !== 'submitted';

/**
 * A plan's comments are their authors': a participant comments and replies in their own name only, edits
 * and deletes only their own comments (deleting their thread takes its replies with it), and resolves or
 * reopens any thread of a plan they may write, as its team works through the comments. Facilitators are
 * not bound: they moderate. A shared link names no person, and any of its holders could pose as another,
 * so it writes its comments under the shared link's author id (never a person's) and they are no one's:
 * its holders add comments and resolve or reopen threads, and only facilitators change or delete them.
 */
const ownComments: WriteRule = ({ doc, personId, commentChanges }) => {
  if (doc.kind !== 'plan') return true;
  const changes = commentChanges();
  if (changes.length === 0) return true;
  const writesAs = personId ?? sharedLinkAuthorId;
  const isOwn = (record: { authorId: string }): boolean => personId !== null && record.authorId === personId;
  const ownThreadsDeleted = new Set(changes.flatMap((change) => (change.kind === 'deleted' && change.record.threadId === '' && isOwn(change.record) ? [change.record.id] : [])));
  return changes.every((change) => {
    if (change.kind === 'added') return change.authorIds.length > 0 && change.authorIds.every((id) => id === writesAs) && change.ids.length > 0 && !change.idTaken;
    if (change.kind === 'edited') return isOwn(change.record) || (change.field === 'resolved' && change.record.threadId === '');
    return isOwn(change.record) || ownThreadsDeleted.has(change.record.threadId);
  });
};

export const writeRules: readonly WriteRule[] = [lockedBoard, lockedStream, hiddenBrainstorm, ownTeamPlan, submittedPlan, ownComments];

/** Facilitators are bound by nothing but A1 on their route; everyone else by the rules. */
export function isBoundByRules(grant: RouteGrant): boolean {
  return grant.role !== 'facilitator';
}

/**
 * May this grant write `docName` now? `state` is null when the route's control document is not loaded,
 * which the registry prevents for connected documents; refusing then is the safe answer.
 */
export function mayWrite(
  grant: RouteGrant,
  teamId: string | null,
  docName: string,
  state: RouteState | null,
  touchedStreams: () => ReadonlySet<string>,
  commentChanges: () => readonly CommentChange[],
): boolean {
  if (!isBoundByRules(grant)) return true;
  const parsed = parseRouteDocName(docName);
  if (parsed === null || parsed.routeId !== grant.routeId || state === null) return false;
  const context: WriteContext = { role: grant.role, teamId, personId: grant.person?.id ?? null, doc: parsed.doc, state, touchedStreams, commentChanges };
  return writeRules.every((rule) => rule(context));
}
