import { riverDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { defaultStreams, RiverDoc, type Stream } from '../../../shared/schema/river.ts';
import { RouteDoc, type Day, type Group, type Host, type RouteSetup, type ScheduleItem, type Team } from '../../../shared/schema/route.ts';
import type { DocConnection } from '../../lib/connection/doc-connection.svelte.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { Presence } from '../../lib/presence/presence.svelte.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';

export type EditableList = 'hosts' | 'groups' | 'teams';
export interface ListItems {
  hosts: Host;
  groups: Group;
  teams: Team;
}

/**
 * A route's setup page: its route document (details, days, schedule, hosts, groups, teams) and the
 * streams of its river. Everything writes straight into the shared documents, so other laptops see each
 * change as it is typed; the server drops writes from participants, and the page does not offer them.
 */
export class SetupState {
  readonly routeConnection: DocConnection;
  readonly riverConnection: DocConnection;
  readonly presence: Presence;
  readonly route: RouteDoc;
  readonly river: RiverDoc;
  readonly #details: ReactiveDeep<RouteSetup>;
  readonly #days: ReactiveDeep<Day[]>;
  readonly #schedule: ReactiveDeep<ScheduleItem[]>;
  readonly #lists: { [K in EditableList]: ReactiveDeep<Array<ListItems[K]>> };
  readonly #streams: ReactiveDeep<Stream[]>;

  constructor(readonly routeId: string) {
    this.routeConnection = openDoc(routeDocName(routeId));
    this.riverConnection = openDoc(riverDocName(routeId));
    this.presence = new Presence(this.routeConnection.awareness);
    const route = (this.route = new RouteDoc(this.routeConnection.doc));
    this.river = new RiverDoc(this.riverConnection.doc);
    this.#details = new ReactiveDeep(route.setupMap, () => route.readSetup());
    this.#days = new ReactiveDeep(route.list('days'), () => route.read('days'));
    this.#schedule = new ReactiveDeep(route.list('schedule'), () => route.read('schedule'));
    this.#lists = {
      hosts: new ReactiveDeep(route.list('hosts'), () => route.read('hosts')),
      groups: new ReactiveDeep(route.list('groups'), () => route.read('groups')),
      teams: new ReactiveDeep(route.list('teams'), () => route.read('teams')),
    };
    this.#streams = new ReactiveDeep(this.river.streamsArray, () => this.river.streams());
  }

  get details(): RouteSetup {
    return this.#details.value;
  }

  get days(): Day[] {
    return this.#days.value;
  }

  scheduleOf(dayId: string): ScheduleItem[] {
    return this.#schedule.value.filter((item) => item.dayId === dayId);
  }

  items<K extends EditableList>(name: K): Array<ListItems[K]> {
    return this.#lists[name].value;
  }

  get streams(): Stream[] {
    return this.#streams.value;
  }

  get isLoaded(): boolean {
    return this.routeConnection.isLoaded;
  }

  /** Participants read the setup; the server would drop their writes anyway. */
  get canEdit(): boolean {
    return this.routeConnection.canWrite && this.routeConnection.access === 'write';
  }

  get canEditStreams(): boolean {
    return this.riverConnection.canWrite && this.riverConnection.access === 'write' && this.canEdit;
  }

  /** Hosts, groups and teams are records of text fields; the list editor writes them by field name. */
  writeField(list: EditableList, id: string, field: string, value: string): void {
    this.route.update(list, id, { [field]: value } as Partial<Omit<ListItems[typeof list], 'id'>>);
  }

  addItem(list: EditableList, fields: string[]): void {
    this.route.add(list, Object.fromEntries(fields.map((field) => [field, ''])) as Omit<ListItems[typeof list], 'id'>);
  }

  addDay(): void {
    this.route.add('days', { date: nextDate(this.days.at(-1)?.date ?? ''), title: '' });
  }

  /** A day goes with its schedule; one transaction, so nobody sees sessions of a day that is gone. */
  removeDay(dayId: string): void {
    this.route.doc.transact(() => {
      for (const item of this.scheduleOf(dayId)) this.route.remove('schedule', item.id);
      this.route.remove('days', dayId);
    });
  }

  /** Swaps a session with its neighbour in the same day; the schedule array holds every day's. */
  moveSession(item: ScheduleItem, direction: -1 | 1): void {
    const all = this.#schedule.value;
    const sameDay = all.filter((other) => other.dayId === item.dayId);
    const neighbour = sameDay[sameDay.findIndex((other) => other.id === item.id) + direction];
    if (neighbour) this.route.move('schedule', item.id, all.findIndex((other) => other.id === neighbour.id));
  }

  addStream(): void {
    const used = this.streams.map((stream) => stream.color);
    const color = defaultStreams.map((stream) => stream.color).find((candidate) => !used.includes(candidate)) ?? '#5a7d8c';
    this.river.addStream({ kind: 'custom', label: '', color });
  }

  destroy(): void {
    this.presence.destroy();
    this.routeConnection.destroy();
    this.riverConnection.destroy();
  }
}

/** The day after `date`, so adding a day to a dated route dates it; '' for undated routes. */
function nextDate(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(time) ? new Date(time + 86_400_000).toISOString().slice(0, 10) : '';
}
