/**
 * How many local changes the server has not confirmed, per document, in localStorage: a page reloaded
 * while offline still says how much is waiting (the changes themselves are in IndexedDB).
 */
export class UnsentCounter {
  readonly #key: string;
  count: number;

  constructor(docName: string) {
    this.#key = `tributary.unsent.${docName}`;
    const stored = Number(localStorage.getItem(this.#key));
    this.count = Number.isInteger(stored) && stored > 0 ? stored : 0;
  }

  increment(): number {
    localStorage.setItem(this.#key, String(++this.count));
    return this.count;
  }

  reset(): number {
    if (this.count !== 0) localStorage.removeItem(this.#key);
    return (this.count = 0);
  }
}
