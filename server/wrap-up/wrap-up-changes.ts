import { caseDocName, controlDocName, planDocName, riverDocName, routeDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type { WrapUp } from '../../shared/schema/wrap-up.ts';
import type { Registry } from '../docs/registry.ts';
import type { Room } from '../docs/room.ts';

/** How long a route's changes gather before its watchers hear of them: a burst of edits is one refresh. */
const gatherMs = 200;

/**
 * Who follows a route's wrap-up (`GET …/wrap-up/changes`), told when any document the wrap-up reads changes.
 * While a route is watched its documents stay loaded (so that on several instances this one hears what the
 * others store), every change counts one generation, and a wrap-up built once is served again for the same
 * generation: a room of forty refreshing after a card is added costs one build, not forty.
 */
export class WrapUpChanges {
  private readonly routes = new Map<string, { watch: RouteWatch; ready: Promise<void> }>();

  constructor(private readonly registry: Registry) {}

  /** Calls `changed` after each burst of the route's changes, until the returned stop is called. */
  async watch(routeId: string, changed: () => void): Promise<() => void> {
    let entry = this.routes.get(routeId);
    if (entry === undefined) {
      const watch = new RouteWatch(this.registry, routeId);
      entry = { watch, ready: watch.start() };
      this.routes.set(routeId, entry);
    }
    const { watch, ready } = entry;
    watch.listeners.add(changed);
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      watch.listeners.delete(changed);
      if (watch.listeners.size > 0 || this.routes.get(routeId)?.watch !== watch) return;
      this.routes.delete(routeId);
      watch.close();
    };
    try {
      await ready;
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  /**
   * The wrap-up as JSON for this generation of the route's documents (null: no such day): built and written
   * out again only after a change, while watched (forty answers of the whole route's 350 KiB cost a build
   * and one serialisation, not forty).
   */
  async wrapUpJson(routeId: string, dayId: string | null, build: () => Promise<WrapUp | null>): Promise<string | null> {
    const serialise = async () => {
      const wrapUp = await build();
      return wrapUp === null ? null : JSON.stringify(wrapUp);
    };
    const watch = this.routes.get(routeId)?.watch;
    if (watch === undefined) return serialise();
    const key = dayId ?? '';
    const generation = watch.generation;
    const cached = watch.built.get(key);
    if (cached?.generation === generation) return cached.json;
    const json = await serialise();
    watch.built.set(key, { generation, json });
    return json;
  }
}

/** One watched route: its documents held, observed, and what was built from them. */
class RouteWatch {
  readonly listeners = new Set<() => void>();
  generation = 0;
  /** The wrap-ups built, as JSON, by day ('' for the route), with the generation they were built at. */
  readonly built = new Map<string, { generation: number; json: string | null }>();
  private readonly held = new Map<string, Promise<(() => void) | null>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly registry: Registry,
    private readonly routeId: string,
  ) {}

  async start(): Promise<void> {
    await this.hold(routeDocName(this.routeId));
    await this.follow();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    for (const held of this.held.values()) void held.then((release) => release?.());
    this.held.clear();
  }

  /** Holds every document the wrap-up reads: the route's hosts and teams name its grids and plans. */
  private async follow(): Promise<void> {
    const route = this.registry.loadedRoom(routeDocName(this.routeId));
    if (route === undefined || this.closed) return;
    const setup = new RouteDoc(route.doc);
    const names = new Set([
      routeDocName(this.routeId),
      riverDocName(this.routeId),
      controlDocName(this.routeId),
      serverDocName(this.routeId),
      ...setup.read('hosts').map((host) => caseDocName(this.routeId, host.id)),
      ...setup.read('teams').map((team) => planDocName(this.routeId, team.id)),
    ]);
    for (const [name, held] of this.held) {
      if (names.has(name)) continue;
      this.held.delete(name);
      void held.then((release) => release?.());
    }
    await Promise.all([...names].map((name) => this.hold(name)));
  }

  private hold(name: string): Promise<unknown> {
    let held = this.held.get(name);
    if (held === undefined) {
      held = this.registry.keepLoaded(name).then(
        (room) => this.observe(name, room),
        (error: unknown) => {
          // Not held: the next change of the route (or the next watcher) tries again.
          if (this.held.get(name) === held) this.held.delete(name);
          throw error;
        },
      );
      this.held.set(name, held);
    }
    return held;
  }

  /** Observes the room until released; returns the release, or null when the watch closed meanwhile. */
  private observe(name: string, room: Room): (() => void) | null {
    const onUpdate = (): void => {
      this.changed();
      if (name === routeDocName(this.routeId)) void this.follow().catch(() => undefined);
    };
    // Forgotten after a failed commit: what it held that was not stored is gone, so the wrap-up changed;
    // the document is loaded again from storage. An unload (the server stopping) just ends the watch's hold.
    const onDestroy = (): void => {
      if (this.held.get(name) === undefined || !room.forgotten || this.closed) return;
      this.held.delete(name);
      this.changed();
      void this.hold(name).catch(() => undefined);
    };
    const release = (): void => {
      room.doc.off('update', onUpdate);
      room.doc.off('destroy', onDestroy);
      if (!room.doc.isDestroyed) this.registry.release(room);
    };
    if (this.closed) {
      this.registry.release(room);
      return null;
    }
    room.doc.on('update', onUpdate);
    room.doc.once('destroy', onDestroy);
    return release;
  }

  private changed(): void {
    this.generation++;
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const listener of this.listeners) listener();
    }, gatherMs);
    this.timer.unref();
  }
}
