import { newId } from '../../../shared/schema/ids.ts';
import { t } from '../i18n/messages.ts';

const idKey = 'tributary.person-id';
const nameKey = 'tributary.name';
export const maxNameLength = 40;

/**
 * Distinct at a glance on light backgrounds and dark enough for white text; cursors and selections reuse
 * `color`. Eight is few enough to tell apart and enough that neighbours in a room rarely share one.
 */
const palette = ['#b45309', '#047857', '#1d4ed8', '#9d174d', '#6d28d9', '#0f766e', '#b91c1c', '#4d7c0f'];

function hashOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

function storedId(): string {
  const existing = localStorage.getItem(idKey);
  if (existing) return existing;
  const id = newId(12);
  localStorage.setItem(idKey, id);
  return id;
}

/**
 * This browser's person: a stable id (cards record it as their author, so "my cards" survives a
 * rename), the name they chose, remembered on this device, and a colour that follows the id.
 */
class Identity {
  readonly id = storedId();
  readonly color = palette[hashOf(this.id) % palette.length]!;
  /** Empty until the person chooses one. */
  name = $state(localStorage.getItem(nameKey) ?? '');
  /** The name prompt: open on the first arrival at a board without a name, and when the person asks. */
  isPromptOpen = $state(false);
  #hasAsked = false;

  /** What others see: the chosen name, or a numbered guest name in the current language. */
  get displayName(): string {
    return this.name || t('presence.guest', { number: (hashOf(this.id) % 99) + 1 });
  }

  /**
   * Asks for a name once per page load, on arriving at a board: the home page, setup and join pages work
   * without one, and a person who chose "Later" is not asked again on every board they open.
   */
  askOnArrival(): void {
    if (this.#hasAsked || this.name !== '') return;
    this.#hasAsked = true;
    this.isPromptOpen = true;
  }

  rename(wanted: string): void {
    this.name = wanted.trim().slice(0, maxNameLength);
    if (this.name) localStorage.setItem(nameKey, this.name);
    else localStorage.removeItem(nameKey);
  }
}

export const identity = new Identity();

/**
 * Makes this browser the person the server registered on joining (their id and name), for the next page
 * load: cards then record the id the server knows, so what the server decides about "their" cards holds.
 */
export function adoptJoinedPerson(personId: string, name: string): void {
  localStorage.setItem(idKey, personId);
  if (name) localStorage.setItem(nameKey, name.trim().slice(0, maxNameLength));
}
