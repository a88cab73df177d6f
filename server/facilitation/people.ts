import { randomInt } from 'node:crypto';
import { ControlDoc } from '../../shared/schema/control.ts';
import { controlDocName, routeDocName, serverDocName } from '../../shared/schema/doc-kinds.ts';
import { newId } from '../../shared/schema/ids.ts';
import {
  joinCodeAlphabet,
  joinCodeLength,
  joinRoles,
  PeopleDoc,
  type CodeInfo,
  type JoinCode,
  type JoinRole,
  type Person,
} from '../../shared/schema/people.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import type * as Y from 'yjs';
import { ChangeNotStored, type Registry } from '../docs/registry.ts';
import type { DocWrite } from '../learning-routes/catalog.ts';
import { remoteOrigin, type Room } from '../docs/room.ts';

/** Why a join or a change to a person was refused; the HTTP layer turns it into its JSON error. */
export class PeopleError extends Error {
  constructor(
    readonly status: 400 | 404 | 410,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** A code no route has now: mistyped, or replaced by a new one. */
export const codeUnknown = (): PeopleError =>
  new PeopleError(404, 'code_unknown', 'No route has this code. Check it with the facilitator: codes change when they are renewed.');

export const maxPersonNameLength = 40;

export interface JoinRequest {
  code: string;
  name: string;
  teamId?: string | null;
  groupId?: string | null;
}

/** Whether a person's token still works, answered without waiting; `loading` when it cannot be told yet. */
export type Presence = 'present' | 'removed' | 'loading';

/**
 * The people of every route and their join codes, kept in each route's server document, which stays
 * loaded for the server's life so that every access decision can ask about a person at once. Codes are
 * indexed across routes: a person types a code, not a route. Changes made on another instance arrive
 * through the documents like any edit, so the index and the removals follow them.
 */
export class People {
  private readonly docs = new Map<string, PeopleDoc>();
  private readonly opening = new Map<string, Promise<PeopleDoc>>();
  private readonly byCode = new Map<string, { routeId: string; role: JoinRole }>();

  constructor(
    private readonly registry: Registry,
    /**
     * Called when a person changed, here or on another instance: removed (close their connections) or
     * moved (their write rights follow at once; connections that had writes refused reconnect to resend).
     */
    private readonly onChanged: (routeId: string, personId: string, removed: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads a route's people (creating its join codes the first time) and keeps them loaded. */
  open(routeId: string): Promise<PeopleDoc> {
    const loaded = this.docs.get(routeId);
    if (loaded !== undefined && !loaded.doc.isDestroyed) return Promise.resolve(loaded);
    let opening = this.opening.get(routeId);
    if (opening === undefined) {
      opening = this.load(routeId).finally(() => this.opening.delete(routeId));
      this.opening.set(routeId, opening);
    }
    return opening;
  }

  private async load(routeId: string): Promise<PeopleDoc> {
    const room: Room = await this.registry.keepLoaded(serverDocName(routeId));
    const people = new PeopleDoc(room.doc);
    this.addMissingCodes(room.doc);
    this.docs.set(routeId, people);
    this.indexCodes(routeId, people);
    room.doc.getMap('joinCodes').observeDeep(() => this.indexCodes(routeId, people));
    // Forgotten after a failed commit: loaded again at once, so that the route's tokens are not refused
    // meanwhile as 'still loading'.
    room.doc.once('destroy', () => {
      if (room.forgotten && this.docs.get(routeId) === people) void this.open(routeId).catch(() => undefined);
    });
    // Another instance's change was stored there: told at once. One made here only once it is stored: a
    // removal whose commit failed must not close the person's connections (for good: they do not reconnect).
    people.observePeople((ids, origin) => {
      if (origin === remoteOrigin) return this.told(routeId, ids);
      queueMicrotask(() => void this.registry.stored().then(() => this.told(routeId, ids), () => undefined));
    });
    // Codes made now (a route from before they were made with it) are shown only once stored: a failed
    // commit throws (ChangeNotStored), and the next look loads the route's people again.
    await this.registry.stored();
    return people;
  }

  /** A code for every role that has none yet (a new route's, written with its setup by the catalog). */
  codesFor(routeId: string): DocWrite {
    return { docName: serverDocName(routeId), write: (doc) => this.addMissingCodes(doc) };
  }

  private addMissingCodes(doc: Y.Doc): void {
    const people = new PeopleDoc(doc);
    doc.transact(() => {
      for (const role of joinRoles) if (people.joinCode(role) === null) people.setJoinCode(role, this.newCode());
    });
  }

  /** Tells `onChanged` about people as the route's people are now (loaded again if a commit failed). */
  private told(routeId: string, ids: string[]): void {
    const people = this.docs.get(routeId);
    if (people === undefined || people.doc.isDestroyed) return;
    for (const id of ids) this.onChanged(routeId, id, people.person(id)?.removedAt != null);
  }

  private indexCodes(routeId: string, people: PeopleDoc): void {
    for (const [code, entry] of [...this.byCode]) if (entry.routeId === routeId) this.byCode.delete(code);
    for (const role of joinRoles) {
      const code = people.joinCode(role);
      if (code !== null) this.byCode.set(code.code, { routeId, role });
    }
  }

  private newCode(expiresAt: number | null = null): JoinCode {
    let code: string;
    do {
      code = Array.from({ length: joinCodeLength }, () => joinCodeAlphabet[randomInt(joinCodeAlphabet.length)]).join('');
    } while (this.byCode.has(code));
    return { code, createdAt: this.now(), expiresAt };
  }

  /** Whether a personal token's holder is still on the route. A route not loaded here yet starts loading. */
  presence(routeId: string, personId: string): Presence {
    const people = this.docs.get(routeId);
    if (people === undefined || people.doc.isDestroyed) {
      void this.open(routeId).catch(() => undefined);
      return 'loading';
    }
    const person = people.person(personId);
    return person !== null && person.removedAt === null ? 'present' : 'removed';
  }

  /** The person's current team, or undefined when they were removed (or are unknown here). */
  teamOf(routeId: string, personId: string): string | null | undefined {
    const person = this.docs.get(routeId)?.person(personId);
    return person == null || person.removedAt !== null ? undefined : person.teamId;
  }

  /** The person's name now (renamed by a facilitator, perhaps), or null when they are not on the route. */
  nameOf(routeId: string, personId: string): string | null {
    const person = this.docs.get(routeId)?.person(personId);
    return person == null || person.removedAt !== null ? null : person.name;
  }

  /** The route and role a code opens; refuses unknown, replaced and expired codes. */
  async lookUp(code: string): Promise<CodeInfo> {
    const entry = this.byCode.get(code);
    if (entry === undefined) {
      throw codeUnknown();
    }
    const current = (await this.open(entry.routeId)).joinCode(entry.role);
    // The index follows the document before a change is stored: a new code whose commit failed is refused
    // once the stored codes are loaded again.
    if (current?.code !== code) {
      throw codeUnknown();
    }
    if (current.expiresAt !== null && current.expiresAt <= this.now()) {
      throw new PeopleError(410, 'code_expired', 'This code has expired. Ask the facilitator for the current one.');
    }
    const setup = await this.registry.withRoom(routeDocName(entry.routeId), (room) => {
      const route = new RouteDoc(room.doc);
      return { title: route.readSetup().title, teams: route.read('teams'), groups: route.read('groups') };
    });
    return {
      routeId: entry.routeId,
      role: entry.role,
      title: setup.title,
      teams: setup.teams.map(({ id, name }) => ({ id, name })),
      groups: setup.groups.map(({ id, name }) => ({ id, name })),
    };
  }

  /** Adds a person with the role the code gives. Participants name a team and a group if the route has any. */
  async join(request: JoinRequest): Promise<{ routeId: string; person: Person }> {
    const info = await this.lookUp(request.code);
    const name = request.name.trim().slice(0, maxPersonNameLength);
    if (name === '' && info.role !== 'screen') throw new PeopleError(400, 'name_missing', 'Enter your name, as the others know you.');
    const teamId = this.pick(info.role === 'participant', info.teams, request.teamId, 'team');
    const groupId = this.pick(info.role === 'participant', info.groups, request.groupId, 'group');
    const person: Person = { id: newId(12), name, role: info.role, teamId, groupId, joinedAt: this.now(), removedAt: null };
    await this.change(info.routeId, (people) => people.addPerson(person));
    return { routeId: info.routeId, person };
  }

  private pick(required: boolean, choices: Array<{ id: string }>, chosen: string | null | undefined, what: 'team' | 'group'): string | null {
    if (chosen === undefined || chosen === null || chosen === '') {
      if (required && choices.length > 0) throw new PeopleError(400, `${what}_missing`, `Choose your ${what}.`);
      return null;
    }
    if (!choices.some((choice) => choice.id === chosen)) throw new PeopleError(400, `${what}_unknown`, `This route has no such ${what}.`);
    return chosen;
  }

  async codes(routeId: string): Promise<Record<JoinRole, JoinCode>> {
    const people = await this.open(routeId);
    return Object.fromEntries(joinRoles.map((role) => [role, people.joinCode(role)!])) as Record<JoinRole, JoinCode>;
  }

  /** A new code for `role`: new joins need it, people already in stay. */
  async rotate(routeId: string, role: JoinRole, expiresAt: number | null): Promise<JoinCode> {
    const code = this.newCode(expiresAt);
    await this.change(routeId, (people) => people.setJoinCode(role, code));
    return code;
  }

  async list(routeId: string): Promise<Person[]> {
    return (await this.open(routeId)).people();
  }

  /** Renames a person or moves them to another team or group; their rights follow at once (A3). */
  async update(routeId: string, personId: string, fields: { name?: string; teamId?: string | null; groupId?: string | null }): Promise<Person> {
    const setup = await this.registry.withRoom(routeDocName(routeId), (room) => {
      const route = new RouteDoc(room.doc);
      return { teams: route.read('teams'), groups: route.read('groups') };
    });
    const changes: Partial<Person> = {};
    if (fields.name !== undefined) {
      changes.name = fields.name.trim().slice(0, maxPersonNameLength);
      if (changes.name === '') throw new PeopleError(400, 'name_missing', 'A person needs a name.');
    }
    if (fields.teamId !== undefined) changes.teamId = this.pick(false, setup.teams, fields.teamId, 'team');
    if (fields.groupId !== undefined) changes.groupId = this.pick(false, setup.groups, fields.groupId, 'group');
    // The person's pages cannot read the people list (the server's own): a move between groups or teams is
    // told in the control document, which they read, so that their grid and plan pages follow it.
    const { groupId, teamId } = changes;
    const tell =
      groupId === undefined && teamId === undefined
        ? undefined
        : (control: ControlDoc) => {
            if (groupId !== undefined) control.setGroupOf(personId, groupId);
            if (teamId !== undefined) control.setTeamOf(personId, teamId);
          };
    return this.change(
      routeId,
      (people) => {
        const person = people.person(personId);
        if (person === null || person.removedAt !== null) throw new PeopleError(404, 'person_not_found', 'This person is not on the route.');
        people.updatePerson(personId, changes);
        return people.person(personId)!;
      },
      tell,
    );
  }

  /** Removes a person: their token stops working and their connections close (through `onChanged`). */
  async remove(routeId: string, personId: string): Promise<void> {
    await this.change(routeId, (people) => {
      const person = people.person(personId);
      if (person === null || person.removedAt !== null) throw new PeopleError(404, 'person_not_found', 'This person is not on the route.');
      people.updatePerson(personId, { removedAt: this.now() });
    });
  }

  /**
   * One transaction on the route's server document, and with `tell` one on its control document, in one
   * commit (both stored, or neither), stored before the caller answers (a join's token after).
   */
  private async change<T>(routeId: string, edit: (people: PeopleDoc) => T, tell?: (control: ControlDoc) => void): Promise<T> {
    const people = await this.open(routeId);
    const apply = (control?: Room): T => {
      if (people.doc.isDestroyed) throw new ChangeNotStored(`the people of ${routeId} were forgotten after a failed commit`);
      let result!: T;
      people.doc.transact(() => {
        result = edit(people);
      });
      if (control !== undefined) control.doc.transact(() => tell?.(new ControlDoc(control.doc)));
      return result;
    };
    // A change that could not be stored throws (ChangeNotStored): the document is forgotten and loaded again
    // from storage, so nothing of it stays, and the caller answers that it was not made.
    if (tell !== undefined) return this.registry.changeTogether([controlDocName(routeId)], ([control]) => apply(control));
    const result = apply();
    await this.registry.stored();
    return result;
  }
}
