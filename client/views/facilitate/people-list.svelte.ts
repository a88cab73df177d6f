import { listPeople, type JoinedPerson } from '../../lib/api/people.ts';

/** How often the list is read again while the console is open: joins and connections show within this. */
const refreshMs = 3000;

/**
 * Who has joined the route, read from the server (the people live in a server-only document, so the
 * console asks over HTTP) and read again every few seconds while the page is visible, so a person who
 * joins or opens a page shows up without a reload.
 */
export class PeopleList {
  people = $state<JoinedPerson[]>([]);
  isLoaded = $state(false);
  /** The last read failed (offline, or the token no longer opens the list); the list shown is the last one read. */
  failed = $state(false);
  readonly #timer: ReturnType<typeof setInterval>;
  #reading = false;

  constructor(readonly routeId: string) {
    void this.refresh();
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh();
    }, refreshMs);
  }

  async refresh(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    const answer = await listPeople(this.routeId);
    this.#reading = false;
    this.failed = !answer.ok;
    if (!answer.ok) return;
    this.people = answer.data.people.toSorted((a, b) => a.name.localeCompare(b.name));
    this.isLoaded = true;
  }

  /** Shows the server's answer to an edit at once, without waiting for the next read. */
  replace(person: JoinedPerson): void {
    this.people = this.people.map((each) => (each.id === person.id ? { ...person, connections: each.connections } : each));
  }

  drop(personId: string): void {
    this.people = this.people.filter((person) => person.id !== personId);
  }

  destroy(): void {
    clearInterval(this.#timer);
  }
}
