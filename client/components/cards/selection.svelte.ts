import { SvelteSet } from 'svelte/reactivity';

/**
 * The cards this person has selected, and the one that has the keyboard (`active`: the single card in
 * the tab order, the others are reached with the arrow keys). `has` is tracked per card, so changing
 * the selection re-renders only the cards that changed.
 */
export class Selection {
  readonly ids = new SvelteSet<string>();
  active = $state<string | null>(null);

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  get list(): string[] {
    return [...this.ids];
  }

  selectOnly(id: string): void {
    for (const other of this.ids) if (other !== id) this.ids.delete(other);
    this.ids.add(id);
    this.active = id;
  }

  toggle(id: string): void {
    if (this.ids.has(id)) this.ids.delete(id);
    else this.ids.add(id);
    this.active = id;
  }

  /** Replaces the selection, or adds to it (a shift-drawn box adds). */
  set(ids: Iterable<string>, add = false): void {
    if (!add) this.ids.clear();
    for (const id of ids) this.ids.add(id);
  }

  clear(): void {
    this.ids.clear();
  }

  /** Forgets cards that no longer exist (deleted here or by someone else). */
  keepOnly(exists: (id: string) => boolean): void {
    for (const id of this.ids) if (!exists(id)) this.ids.delete(id);
    if (this.active !== null && !exists(this.active)) this.active = null;
  }
}
