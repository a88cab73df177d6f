import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/**
 * The one bridge from Yjs to Svelte. Reading `items` inside an effect or template subscribes; the
 * observer is attached only while something reads it and removed when the last reader goes, so
 * components never call `observe` and cannot leak observers.
 */
export class ReactiveArray<T> {
  readonly #array: Y.Array<T>;
  readonly #subscribe: () => void;

  constructor(array: Y.Array<T>) {
    this.#array = array;
    this.#subscribe = createSubscriber((update) => {
      const observer = (): void => update();
      array.observe(observer);
      return () => array.unobserve(observer);
    });
  }

  get items(): T[] {
    this.#subscribe();
    return this.#array.toArray();
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
