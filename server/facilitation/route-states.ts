import { controlDocName, parseRouteDocName } from '../../shared/schema/doc-kinds.ts';
import { ControlDoc } from '../../shared/schema/control.ts';
import type { RouteStateSource } from '../auth/write-rights.ts';
import type { RouteState } from '../auth/write-rules.ts';
import type { Registry } from '../docs/registry.ts';
import { commentChanges, type CommentChange } from './comment-changes.ts';
import { touchedStreams } from './touched-streams.ts';

/** Who is on a route now, as the write rules need it. */
export interface PeopleDirectory {
  /** The person's current team; undefined when the person was removed or is unknown. */
  teamOf(routeId: string, personId: string): string | null | undefined;
}

/**
 * The route's state for the write rules (A3), read from documents the registry holds: each route
 * document keeps its route's control document loaded (`companionsOf`), so a connected document's
 * rules never wait for storage.
 */
export class RouteStates implements RouteStateSource {
  constructor(
    private readonly registry: Registry,
    private readonly people: PeopleDirectory,
  ) {}

  stateOf(routeId: string): RouteState | null {
    const room = this.registry.loadedRoom(controlDocName(routeId));
    return room === undefined ? null : new ControlDoc(room.doc);
  }

  teamOf(routeId: string, personId: string): string | null | undefined {
    return this.people.teamOf(routeId, personId);
  }

  touchedStreams(docName: string, update: Uint8Array): ReadonlySet<string> {
    const room = this.registry.loadedRoom(docName);
    return room === undefined ? new Set() : touchedStreams(room.doc, update);
  }

  commentChanges(docName: string, update: Uint8Array): readonly CommentChange[] {
    const room = this.registry.loadedRoom(docName);
    return room === undefined ? [] : commentChanges(room.doc, update);
  }
}

/** A route document's companions: its control document, whose state its write rules read. */
export function routeCompanions(docName: string): string[] {
  const parsed = parseRouteDocName(docName);
  if (parsed === null || parsed.doc.kind === 'control' || parsed.doc.kind === 'server') return [];
  return [controlDocName(parsed.routeId)];
}
