import type * as Y from 'yjs';
import type { Registry } from '../docs/registry.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Grant, RouteRole } from '../auth/access.ts';
import type { Storage } from '../persistence/storage.ts';
import { riverDocName, routeDocName } from '../../shared/schema/doc-kinds.ts';
import { newId } from '../../shared/schema/ids.ts';
import { RiverDoc } from '../../shared/schema/river.ts';
import { RouteDoc, writeRoute, type Day, type RouteSetup } from '../../shared/schema/route.ts';

export interface RouteSummary extends RouteSetup {
  id: string;
  role: 'admin' | RouteRole;
}

export interface NewRoute extends RouteSetup {
  /** Number of days when the dates do not say (or to override them). */
  days?: number;
}

/** A write into one of a new route's documents, made in its creation's commit. */
export interface DocWrite {
  docName: string;
  write(doc: Y.Doc): void;
}

const routeDocPattern = /^route\/([^/]+)$/;

/**
 * Routes as the server sees them: listing what a grant may see, creating one (its setup and river), and
 * its facilitator and participant links. Every write goes through the registry, so it is stored and
 * reaches connected clients like any edit.
 */
export class RouteCatalog {
  constructor(
    private readonly registry: Registry,
    private readonly storage: Storage,
    private readonly tokens: TokenService,
  ) {}

  async routeIds(): Promise<string[]> {
    return (await this.storage.listDocNames('route/')).map((name) => routeDocPattern.exec(name)?.[1]).filter((id): id is string => id !== undefined);
  }

  async list(grant: Grant): Promise<RouteSummary[]> {
    const ids = await this.routeIds();
    const visible = ids.flatMap((id) => {
      const role = roleOn(grant, id);
      return role === null ? [] : [{ id, role }];
    });
    const summaries = await Promise.all(
      visible.map(({ id, role }) =>
        this.registry.withRoom(routeDocName(id), (room) => ({ id, role, ...new RouteDoc(room.doc).readSetup() })),
      ),
    );
    return summaries.sort((a, b) => b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title));
  }

  /**
   * Writes a new route's setup and river, and with them what `alongside` writes in its other documents (its
   * join codes), in one commit: stored before it answers, or ChangeNotStored and no route at all.
   */
  async create(route: NewRoute, alongside: (routeId: string) => DocWrite[] = () => []): Promise<RouteSummary> {
    const id = newId(8);
    const days = routeDays(route);
    const others = alongside(id);
    await this.registry.changeTogether([routeDocName(id), riverDocName(id), ...others.map((other) => other.docName)], ([setup, river, ...rooms]) => {
      writeRoute(setup!.doc, { ...route, days, schedule: [], hosts: [], groups: [], teams: [] });
      new RiverDoc(river!.doc).ensureStreams();
      others.forEach((other, index) => other.write(rooms[index]!.doc));
    });
    return { id, role: 'admin', title: route.title, place: route.place, startDate: route.startDate, endDate: route.endDate };
  }

  async exists(id: string): Promise<boolean> {
    return (await this.storage.listDocNames(routeDocName(id))).includes(routeDocName(id));
  }

  /** The shared links of today: one token per role for everyone holding it, naming nobody. */
  links(id: string): Record<'facilitator' | 'participant', { token: string; path: string }> {
    const link = (role: RouteRole) => {
      const token = this.tokens.mint({ routeId: id, role, expiresAt: null });
      return { token, path: `/r/${id}/river?token=${token}` };
    };
    return { facilitator: link('facilitator'), participant: link('participant') };
  }
}

/** What a grant makes its holder on a route, or null when it cannot see the route at all. */
export function roleOn(grant: Grant, routeId: string): RouteSummary['role'] | null {
  if (grant.kind === 'admin') return 'admin';
  if (grant.kind === 'route') return grant.routeId === routeId ? grant.role : null;
  const name = routeDocName(routeId);
  const covers = name === grant.scope || name.startsWith(`${grant.scope}/`);
  if (!covers) return null;
  return grant.access === 'write' ? 'facilitator' : 'participant';
}

const maxDays = 31;

/** Days from the dates (one per calendar day), or `days` undated ones. */
export function routeDays(route: NewRoute): Day[] {
  const start = Date.parse(`${route.startDate}T00:00:00Z`);
  const end = Date.parse(`${route.endDate}T00:00:00Z`);
  const fromDates = Number.isFinite(start) && Number.isFinite(end) && end >= start ? Math.round((end - start) / 86_400_000) + 1 : 0;
  const count = Math.min(maxDays, Math.max(1, route.days ?? fromDates));
  return Array.from({ length: count }, (_, index) => ({
    id: `d${index + 1}`,
    date: fromDates > 0 && index < fromDates ? new Date(start + index * 86_400_000).toISOString().slice(0, 10) : '',
    title: '',
  }));
}
