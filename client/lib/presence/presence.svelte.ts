import type { Awareness } from 'y-protocols/awareness';
import { identity } from '../identity/identity.svelte.ts';
import { ReactiveAwareness } from '../yjs/reactive.svelte.ts';

/** `user: { name, color }` is also the shape TipTap's collaboration carets read. */
export interface UserState {
  id: string;
  name: string;
  color: string;
}

/** One browser tab's presence: its person, and whatever a view adds (the river: `cursor`, `selection`). */
export interface Peer<Extra extends object> {
  clientId: number;
  user: UserState;
  state: Partial<Extra>;
}

export interface Person extends UserState {
  isSelf: boolean;
}

/**
 * Who is here on one document, through its awareness. The local `user` field follows the identity, so a
 * rename shows up everywhere at once. Views add their own fields with `setLocal`.
 */
export class Presence<Extra extends object = Record<string, never>> {
  readonly #awareness: Awareness;
  readonly #states: ReactiveAwareness<{ user: UserState } & Extra>;
  readonly #stop: () => void;

  constructor(awareness: Awareness) {
    this.#awareness = awareness;
    this.#states = new ReactiveAwareness(awareness);
    this.#stop = $effect.root(() => {
      $effect(() => {
        const user: UserState = { id: identity.id, name: identity.displayName, color: identity.color };
        awareness.setLocalStateField('user', user);
      });
    });
  }

  get clientId(): number {
    return this.#awareness.clientID;
  }

  /** Every other tab with a person on it, for cursors and selections. */
  get peers(): Array<Peer<Extra>> {
    return this.#states.states
      .filter(({ clientId, state }) => clientId !== this.#awareness.clientID && isUser(state.user))
      .map(({ clientId, state }) => ({ clientId, user: state.user as UserState, state: state as Partial<Extra> }));
  }

  /** Each person once (someone may have two tabs open), this person first, then by name. */
  get people(): Person[] {
    const byId: Record<string, Person> = {};
    for (const { clientId, state } of this.#states.states) {
      if (!isUser(state.user)) continue;
      const isSelf = clientId === this.#awareness.clientID || state.user.id === identity.id;
      byId[state.user.id] = { ...state.user, isSelf };
    }
    return Object.values(byId).sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
  }

  setLocal<K extends keyof Extra & string>(field: K, value: Extra[K] | null): void {
    this.#awareness.setLocalStateField(field, value);
  }

  destroy(): void {
    this.#stop();
  }
}

function isUser(value: unknown): value is UserState {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return typeof user.id === 'string' && typeof user.name === 'string' && typeof user.color === 'string';
}
