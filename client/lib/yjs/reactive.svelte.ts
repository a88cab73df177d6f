import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/*
 * The one bridge from Yjs to Svelte. Reading a value inside an effect or template subscribes; the
 * observer is attached only while something reads it and removed when the last reader goes, so
 * components never call `observe` and cannot leak observers.
 */

/**
 * A value computed from a Y type and everything inside it (a Y.Array of Y.Maps, a Y.Map of records):
 * `read` runs again after any change below `type`, at most once per change, and only while something
 * reads `value`.
 */
export class ReactiveDeep<T> {
  readonly #read: () => T;
  readonly #subscribe: () => void;
  #cached: { value: T } | null = null;

  constructor(type: Pick<Y.AbstractType<unknown>, 'observeDeep' | 'unobserveDeep'>, read: () => T) {
    this.#read = read;
    this.#subscribe = createSubscriber((update) => {
      const observer = (): void => {
        this.#cached = null;
        update();
      };
      type.observeDeep(observer);
      return () => {
        type.unobserveDeep(observer);
        this.#cached = null;
      };
    });
  }

  get value(): T {
    this.#subscribe();
    // Cached only while observed: unobserved, nothing would tell the cache it went stale.
    if (!$effect.tracking()) return this.#read();
    this.#cached ??= { value: this.#read() };
    return this.#cached.value;
  }
}

/** Awareness is not a Y type, but it changes the same way and is bridged the same way. */
export class ReactiveAwareness<State> {
  readonly #awareness: Awareness;
  readonly #subscribe: () => void;

  constructor(awareness: Awareness) {
    this.#awareness = awareness;
    this.#subscribe = createSubscriber((update) => {
      const listener = (): void => update();
      awareness.on('change', listener);
      return () => awareness.off('change', listener);
    });
  }

  /** Client id and state of everyone present, this client included. */
  get states(): Array<{ clientId: number; state: Partial<State> }> {
    this.#subscribe();
    return [...this.#awareness.getStates()].map(([clientId, state]) => ({ clientId, state: state as Partial<State> }));
  }
}

type RecordMap = Pick<Y.AbstractType<unknown>, 'observeDeep' | 'unobserveDeep'> & { keys(): IterableIterator<string> };

/**
 * A Y.Map of records (Y.Maps of plain fields, such as the river's cards) as plain values, kept current
 * one record at a time: a change re-reads only the records it touched and the others keep their object
 * identity, so a view of two thousand cards can re-render just the one that changed. `read` returns
 * null for a key that holds no valid record.
 */
export class ReactiveRecordMap<T> {
  readonly #map: RecordMap;
  readonly #read: (key: string) => T | null;
  readonly #subscribe: () => void;
  /** A plain object, not a Map: reactivity comes from the subscriber, and SvelteMap would add a second layer. */
  #records: Record<string, T> = {};
  #values: T[] | null = null;
  #isObserved = false;

  constructor(map: RecordMap, read: (key: string) => T | null) {
    this.#map = map;
    this.#read = read;
    this.#subscribe = createSubscriber((update) => {
      this.#readAll();
      this.#isObserved = true;
      const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
        for (const event of events) {
          // A record added or removed shows on the map itself; a field changed, on the record below it.
          const keys = event.path.length === 0 ? [...event.keys.keys()] : [event.path[0]];
          for (const key of keys) if (typeof key === 'string') this.#reread(key);
        }
        this.#values = null;
        update();
      };
      map.observeDeep(observer);
      return () => {
        map.unobserveDeep(observer);
        this.#isObserved = false;
      };
    });
  }

  /** Every record; the same array until something changes. */
  get values(): T[] {
    this.#subscribe();
    // Unobserved, nothing would tell the records they went stale.
    if (!this.#isObserved) this.#readAll();
    return (this.#values ??= Object.values(this.#records));
  }

  #readAll(): void {
    this.#records = {};
    for (const key of this.#map.keys()) this.#reread(key);
    this.#values = null;
  }

  #reread(key: string): void {
    const record = this.#read(key);
    if (record === null) delete this.#records[key];
    else this.#records[key] = record;
  }
}
