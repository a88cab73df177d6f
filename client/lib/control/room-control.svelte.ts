import { openDoc } from '../connection/open-doc.ts';
import { tokenFor } from '../connection/token.ts';
import { ReactiveDeep } from '../yjs/reactive.svelte.ts';
import { controlDocName, riverDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { defaultStreams, RiverDoc, type Stream } from '../../../shared/schema/river.ts';
import { ControlDoc, type Follow, type Spotlight, type Timer } from '../../../shared/schema/control.ts';
import { RouteDoc, type Day, type Host, type ScheduleItem, type Team } from '../../../shared/schema/route.ts';
import type { DocConnection } from '../connection/doc-connection.svelte.ts';
import { roleOfToken, type MyRole } from './my-role.ts';
import { serverClock } from './server-clock.svelte.ts';

/**
 * A route's control document (spotlight, follow me, timer, locks, hidden brainstorms), read live, with
 * the setup's days and schedule for "now and next". Only the server writes the control document; the
 * facilitator's console changes it through `lib/api/control.ts`.
 */
export class RoomControl {
  readonly connection;
  readonly route;
  readonly control: ControlDoc;
  readonly role: MyRole;
  readonly #spotlight: ReactiveDeep<Spotlight>;
  readonly #follow: ReactiveDeep<Follow>;
  readonly #timer: ReactiveDeep<Timer>;
  readonly #locks: ReactiveDeep<string[]>;
  readonly #hidden: ReactiveDeep<string[]>;
  readonly #hiddenCounts: ReactiveDeep<Record<string, number>>;
  readonly #featured: ReactiveDeep<string[]>;
  readonly #days: ReactiveDeep<Day[]>;
  readonly #schedule: ReactiveDeep<ScheduleItem[]>;
  readonly #hosts: ReactiveDeep<Host[]>;
  readonly #teams: ReactiveDeep<Team[]>;
  /** The river, opened only by those who ask for its streams (names of locked streams, the console). */
  #river: { connection: DocConnection; streams: ReactiveDeep<Stream[]> } | null = null;

  constructor(readonly routeId: string) {
    this.role = roleOfToken(tokenFor(routeId), routeId);
    this.connection = openDoc(controlDocName(routeId));
    this.route = openDoc(routeDocName(routeId));
    const control = (this.control = new ControlDoc(this.connection.doc));
    this.#spotlight = new ReactiveDeep(control.map('spotlight'), () => control.spotlight());
    this.#follow = new ReactiveDeep(control.map('follow'), () => control.follow());
    this.#timer = new ReactiveDeep(control.map('timer'), () => control.timer());
    this.#locks = new ReactiveDeep(control.map('locks'), () => control.locks());
    this.#hidden = new ReactiveDeep(control.map('hidden'), () => control.hiddenTargets());
    this.#hiddenCounts = new ReactiveDeep(control.map('hiddenCounts'), () => control.hiddenCounts());
    this.#featured = new ReactiveDeep(control.map('featured'), () => control.featured());
    const route = new RouteDoc(this.route.doc);
    this.#days = new ReactiveDeep(route.list('days'), () => route.read('days'));
    this.#schedule = new ReactiveDeep(route.list('schedule'), () => route.read('schedule'));
    this.#hosts = new ReactiveDeep(route.list('hosts'), () => route.read('hosts'));
    this.#teams = new ReactiveDeep(route.list('teams'), () => route.read('teams'));
    void serverClock.measure();
  }

  get spotlight(): Spotlight {
    return this.#spotlight.value;
  }

  get follow(): Follow {
    return this.#follow.value;
  }

  get timer(): Timer {
    return this.#timer.value;
  }

  get locks(): string[] {
    return this.#locks.value;
  }

  get hidden(): string[] {
    return this.#hidden.value;
  }

  /** Hidden-brainstorm target → how many ideas wait there (never what they say). */
  get hiddenCounts(): Record<string, number> {
    return this.#hiddenCounts.value;
  }

  /** River cards the facilitator chose for the room screen, the latest choice first. */
  get featured(): string[] {
    return this.#featured.value;
  }

  get days(): Day[] {
    return this.#days.value;
  }

  get schedule(): ScheduleItem[] {
    return this.#schedule.value;
  }

  get hosts(): Host[] {
    return this.#hosts.value;
  }

  get teams(): Team[] {
    return this.#teams.value;
  }

  /** The river's streams (the default ones until it has its own). */
  get streams(): Stream[] {
    if (this.#river === null) {
      const connection = openDoc(riverDocName(this.routeId));
      const river = new RiverDoc(connection.doc);
      this.#river = { connection, streams: new ReactiveDeep(river.streamsArray, () => river.streams()) };
    }
    const streams = this.#river.streams.value;
    return streams.length > 0 ? streams : defaultStreams;
  }

  get isLoaded(): boolean {
    return this.connection.isLoaded;
  }

  destroy(): void {
    this.connection.destroy();
    this.route.destroy();
    this.#river?.connection.destroy();
  }
}
