import type { Awareness } from 'y-protocols/awareness';
import { t } from './i18n/messages.ts';
import { ReactiveAwareness } from './yjs/reactive.svelte.ts';

const nameKey = 'tributary.name';
export const maxNameLength = 40;
// Distinct at a glance on light backgrounds; carets in a later issue reuse `user.color`.
const palette = ['#b45309', '#047857', '#1d4ed8', '#9d174d', '#6d28d9', '#0f766e', '#b91c1c', '#4d7c0f'];

/** `user: { name, color }` is the shape y-prosemirror and TipTap's collaboration carets read. */
interface PresenceState {
  user: { name: string; color: string };
}

export interface Person {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

/** Who is here, and this person's own name, shared through awareness and remembered on this device. */
export class Presence {
  readonly #awareness: Awareness;
  readonly #states: ReactiveAwareness<PresenceState>;
  readonly #color: string;
  /** What this person typed; empty until they do, and then they appear under `guestName`. */
  chosenName = $state('');
  readonly guestName: string;

  constructor(awareness: Awareness) {
    this.#awareness = awareness;
    this.#states = new ReactiveAwareness(awareness);
    this.#color = palette[awareness.clientID % palette.length] ?? '#1d4ed8';
    this.guestName = t('presence.guest', { number: awareness.clientID % 100 });
    this.rename(window.localStorage.getItem(nameKey) ?? '');
  }

  get people(): Person[] {
    return this.#states.states
      .filter(({ state }) => state.user !== undefined)
      .map(({ clientId, state }) => ({
        clientId,
        name: state.user?.name ?? '',
        color: state.user?.color ?? '#666',
        isSelf: clientId === this.#awareness.clientID,
      }))
      .sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
  }

  rename(wanted: string): void {
    this.chosenName = wanted.trim().slice(0, maxNameLength);
    if (this.chosenName) window.localStorage.setItem(nameKey, this.chosenName);
    else window.localStorage.removeItem(nameKey);
    this.#awareness.setLocalStateField('user', { name: this.chosenName || this.guestName, color: this.#color });
  }
}
