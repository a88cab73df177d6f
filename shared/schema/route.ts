import * as Y from 'yjs';
import { newId } from './ids.ts';
import { setFields, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * The route document (`route/<routeId>`): what the facilitator sets up. Participants read it; the river,
 * grids and plans refer to its days, hosts, groups and teams by id.
 */
export const routeRoots = {
  setup: 'setup',
  days: 'days',
  schedule: 'schedule',
  hosts: 'hosts',
  groups: 'groups',
  teams: 'teams',
} as const;

export interface RouteSetup {
  title: string;
  place: string;
  /** ISO dates, YYYY-MM-DD. */
  startDate: string;
  endDate: string;
}

export interface Day {
  id: string;
  /** ISO date, YYYY-MM-DD, or '' when the route's days are not dated yet. */
  date: string;
  title: string;
}

export interface ScheduleItem {
  id: string;
  dayId: string;
  /** HH:MM, or '' */
  time: string;
  title: string;
}

export interface Host {
  id: string;
  name: string;
  place: string;
  summary: string;
  /** The day of the field visit ('' when not set): the river's day links to the host's grid. */
  dayId: string;
}

export interface Group {
  id: string;
  name: string;
}

export interface Team {
  id: string;
  name: string;
  organisation: string;
  planTitle: string;
  /** Where the innovation plan will be applied: a district, province or community. */
  community: string;
}

type ListName = 'days' | 'schedule' | 'hosts' | 'groups' | 'teams';
interface ListItem {
  days: Day;
  schedule: ScheduleItem;
  hosts: Host;
  groups: Group;
  teams: Team;
}

const readers: { [K in ListName]: (map: Y.Map<RecordValue>) => ListItem[K] } = {
  days: (m) => ({ id: str(m, 'id'), date: str(m, 'date'), title: str(m, 'title') }),
  schedule: (m) => ({ id: str(m, 'id'), dayId: str(m, 'dayId'), time: str(m, 'time'), title: str(m, 'title') }),
  hosts: (m) => ({ id: str(m, 'id'), name: str(m, 'name'), place: str(m, 'place'), summary: str(m, 'summary'), dayId: str(m, 'dayId') }),
  groups: (m) => ({ id: str(m, 'id'), name: str(m, 'name') }),
  teams: (m) => ({
    id: str(m, 'id'),
    name: str(m, 'name'),
    organisation: str(m, 'organisation'),
    planTitle: str(m, 'planTitle'),
    community: str(m, 'community'),
  }),
};

/** Typed access to a route document. */
export class RouteDoc {
  constructor(readonly doc: Y.Doc) {}

  get setupMap(): Y.Map<RecordValue> {
    return this.doc.getMap(routeRoots.setup);
  }

  list<K extends ListName>(name: K): Y.Array<Y.Map<RecordValue>> {
    return this.doc.getArray(routeRoots[name]);
  }

  readSetup(): RouteSetup {
    const m = this.setupMap;
    return { title: str(m, 'title'), place: str(m, 'place'), startDate: str(m, 'startDate'), endDate: str(m, 'endDate') };
  }

  writeSetup(fields: Partial<RouteSetup>): void {
    this.doc.transact(() => setFields(this.setupMap, fields));
  }

  read<K extends ListName>(name: K): Array<ListItem[K]> {
    return this.list(name).toArray().map(readers[name]);
  }

  add<K extends ListName>(name: K, item: Omit<ListItem[K], 'id'> & { id?: string }, index?: number): string {
    const id = item.id ?? newId();
    const list = this.list(name);
    list.insert(Math.min(index ?? list.length, list.length), [toYRecord({ ...item, id })]);
    return id;
  }

  update<K extends ListName>(name: K, id: string, fields: Partial<Omit<ListItem[K], 'id'>>): void {
    const map = this.find(name, id);
    if (map) this.doc.transact(() => setFields(map, fields));
  }

  remove(name: ListName, id: string): void {
    const index = this.indexOf(name, id);
    if (index >= 0) this.list(name).delete(index, 1);
  }

  move(name: ListName, id: string, toIndex: number): void {
    const list = this.list(name);
    const index = this.indexOf(name, id);
    if (index < 0 || index === toIndex) return;
    const item = readers[name](list.get(index));
    this.doc.transact(() => {
      list.delete(index, 1);
      list.insert(Math.max(0, Math.min(toIndex, list.length)), [toYRecord(item)]);
    });
  }

  private find(name: ListName, id: string): Y.Map<RecordValue> | undefined {
    return this.list(name).toArray().find((map) => str(map, 'id') === id);
  }

  private indexOf(name: ListName, id: string): number {
    return this.list(name).toArray().findIndex((map) => str(map, 'id') === id);
  }
}

/** Writes a whole route setup into an empty route document in one transaction. */
export function writeRoute(
  doc: Y.Doc,
  route: RouteSetup & { days: Day[]; schedule: ScheduleItem[]; hosts: Host[]; groups: Group[]; teams: Team[] },
): void {
  const access = new RouteDoc(doc);
  doc.transact(() => {
    access.writeSetup({ title: route.title, place: route.place, startDate: route.startDate, endDate: route.endDate });
    for (const name of ['days', 'schedule', 'hosts', 'groups', 'teams'] as const) {
      const list = access.list(name);
      list.insert(list.length, (route[name] as object[]).map((item) => toYRecord(item)));
    }
  });
}
