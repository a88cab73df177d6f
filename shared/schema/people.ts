import * as Y from 'yjs';
import { num, setFields, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * The route's server document (`route/<routeId>/server`): its join codes and the people who joined. The
 * server alone reads and writes it (the access decision refuses it to every token), so codes and the
 * people list reach browsers only through the facilitator's HTTP API.
 */
export const peopleRoots = {
  /** Role → `{ code, createdAt, expiresAt }`: the code that joins the route in that role now. */
  joinCodes: 'joinCodes',
  /** Person id → `Person` fields. */
  people: 'people',
} as const;

export const joinRoles = ['participant', 'facilitator', 'screen', 'committee'] as const;
export type JoinRole = (typeof joinRoles)[number];

/** What a valid code opens, before the person says who they are (the join page's second step). */
export interface CodeInfo {
  routeId: string;
  role: JoinRole;
  title: string;
  teams: Array<{ id: string; name: string }>;
  groups: Array<{ id: string; name: string }>;
}

/**
 * Letters and digits that cannot be taken for one another when read off a projector or typed on a phone:
 * no 0/O/D/Q, 1/I/L/J, 2/Z, 5/S, 8/B, U/V.
 */
export const joinCodeAlphabet = 'ACEFGHKMNPRTWXY34679';
export const joinCodeLength = 6;

export interface JoinCode {
  code: string;
  createdAt: number;
  /** When the code stops letting people join (ms), or null for never. */
  expiresAt: number | null;
}

export interface Person {
  id: string;
  name: string;
  role: JoinRole;
  teamId: string | null;
  groupId: string | null;
  joinedAt: number;
  /** Set when the facilitator removed the person: their token is refused from then on. */
  removedAt: number | null;
}

/** What a person typed, made comparable: upper case, no spaces or dashes. */
export function normalizeJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

export function isWellFormedJoinCode(code: string): boolean {
  return code.length === joinCodeLength && [...code].every((char) => joinCodeAlphabet.includes(char));
}

const nullable = (map: Y.Map<RecordValue>, key: string): string | null => {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
};

function readPerson(id: string, map: Y.Map<RecordValue>): Person {
  const role = str(map, 'role') as JoinRole;
  const removedAt = map.get('removedAt');
  return {
    id,
    name: str(map, 'name'),
    role: joinRoles.includes(role) ? role : 'participant',
    teamId: nullable(map, 'teamId'),
    groupId: nullable(map, 'groupId'),
    joinedAt: num(map, 'joinedAt'),
    removedAt: typeof removedAt === 'number' ? removedAt : null,
  };
}

/** Typed access to a route's server document. */
export class PeopleDoc {
  constructor(readonly doc: Y.Doc) {}

  private get codes(): Y.Map<Y.Map<RecordValue>> {
    return this.doc.getMap(peopleRoots.joinCodes);
  }

  private get peopleMap(): Y.Map<Y.Map<RecordValue>> {
    return this.doc.getMap(peopleRoots.people);
  }

  joinCode(role: JoinRole): JoinCode | null {
    const map = this.codes.get(role);
    if (map === undefined) return null;
    const expiresAt = map.get('expiresAt');
    return { code: str(map, 'code'), createdAt: num(map, 'createdAt'), expiresAt: typeof expiresAt === 'number' ? expiresAt : null };
  }

  setJoinCode(role: JoinRole, code: JoinCode): void {
    this.codes.set(role, toYRecord(code));
  }

  person(id: string): Person | null {
    const map = this.peopleMap.get(id);
    return map === undefined ? null : readPerson(id, map);
  }

  people(): Person[] {
    return [...this.peopleMap.entries()].map(([id, map]) => readPerson(id, map)).sort((a, b) => a.joinedAt - b.joinedAt);
  }

  addPerson(person: Person): void {
    const { id, ...fields } = person;
    this.peopleMap.set(id, toYRecord(fields));
  }

  updatePerson(id: string, fields: Partial<Pick<Person, 'name' | 'teamId' | 'groupId' | 'removedAt'>>): void {
    const map = this.peopleMap.get(id);
    if (map !== undefined) setFields(map, fields);
  }

  /**
   * Calls `changed` with the ids of people whose fields changed in a transaction (removals among them), and
   * the transaction's origin (the server tells its own changes from another instance's).
   */
  observePeople(changed: (ids: string[], origin: unknown) => void): void {
    this.peopleMap.observeDeep((events, transaction) => {
      const ids = new Set<string>();
      for (const event of events) {
        if (event.target === this.peopleMap) for (const key of event.keys.keys()) ids.add(key);
        else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
      }
      if (ids.size > 0) changed([...ids], transaction.origin);
    });
  }
}
