import { alwaysWrite, readOnly, type WriteRights } from '../docs/connection.ts';
import type { CommentChange } from '../facilitation/comment-changes.ts';
import type { AccessDecision, RouteGrant } from './access.ts';
import { isBoundByRules, mayWrite, type RouteState } from './write-rules.ts';

/** Where a connection's rights look up the route's current state (rule A3). */
export interface RouteStateSource {
  /** The route's state from its control document, or null if that is not loaded. */
  stateOf(routeId: string): RouteState | null;
  /** The person's current team; undefined when the person was removed (or never joined). */
  teamOf(routeId: string, personId: string): string | null | undefined;
  /** The river streams an update to `docName` touches. */
  touchedStreams(docName: string, update: Uint8Array): ReadonlySet<string>;
  /** What an update to a plan `docName` does to its comments. */
  commentChanges(docName: string, update: Uint8Array): readonly CommentChange[];
}

/** A connection's rights when they depend on the route's state or on who holds them. */
export class GrantRights implements WriteRights {
  /** Set when an update was refused: the client still holds it, and resends it when it reconnects. */
  hasRefused = false;

  constructor(
    readonly grant: RouteGrant,
    private readonly source: RouteStateSource,
    /** False for a read-only connection (A2) kept here only so that it can be found by person. */
    private readonly writable = true,
  ) {}

  get personId(): string | null {
    return this.grant.person?.id ?? null;
  }

  mayWrite(docName: string, update: Uint8Array): boolean {
    if (!this.writable) return false;
    const person = this.grant.person;
    const teamId = person === undefined ? null : this.source.teamOf(this.grant.routeId, person.id);
    const allowed =
      teamId !== undefined &&
      mayWrite(
        this.grant,
        teamId,
        docName,
        this.source.stateOf(this.grant.routeId),
        () => this.source.touchedStreams(docName, update),
        () => this.source.commentChanges(docName, update),
      );
    if (!allowed) this.hasRefused = true;
    return allowed;
  }
}

/**
 * The rights a connection opened with `decision` carries. Personal grants always get their own object,
 * even when read-only, so that removing the person can find and close their connections.
 */
export function writeRightsFor(decision: Extract<AccessDecision, { level: 'read' | 'write' }>, source: RouteStateSource): WriteRights {
  const { grant } = decision;
  if (grant.kind !== 'route') return decision.level === 'write' ? alwaysWrite : readOnly;
  if (decision.level === 'read') return grant.person === undefined ? readOnly : new GrantRights(grant, source, false);
  if (!isBoundByRules(grant) && grant.person === undefined) return alwaysWrite;
  return new GrantRights(grant, source);
}

/** Whether a connection with `rights` belongs to person `personId` of route `routeId`. */
export function isPersonsConnection(rights: WriteRights, routeId: string, personId: string): boolean {
  return rights instanceof GrantRights && rights.grant.routeId === routeId && rights.personId === personId;
}

/**
 * Whether a connection with `rights` had updates refused on route `routeId`: when the route's rights widen
 * (unlocked, a plan reopened), closing it makes its client reconnect and send them again (A3).
 */
export function hasRefusedOn(rights: WriteRights, routeId: string): boolean {
  return rights instanceof GrantRights && rights.grant.routeId === routeId && rights.hasRefused;
}
