import { untrack } from 'svelte';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import { groupOfToken, personOfToken } from '../../lib/control/my-role.ts';
import { chosenGroup, isNewMove, keepChoice, knownGroup, rememberGroup, resolveGroup } from '../../lib/identity/group-choice.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { ControlDoc } from '../../../shared/schema/control.ts';
import { controlDocName } from '../../../shared/schema/doc-kinds.ts';

/**
 * Which working group one person's grid page shows (see group-choice.ts), following the facilitator live:
 * a move told in the control document takes the page to the new group, this tab's choice included, and
 * leaves a notice saying so until dismissed.
 */
export class GridGroup {
  readonly #connection;
  readonly #moved: ReactiveDeep<string | null | undefined>;
  readonly #joined: string | null;
  #chosen = $state<string | null>(null);
  /** The group a facilitator moved this person to, while the page was open or since this device last knew. */
  movedTo = $state<string | null>(null);
  readonly #stop: () => void;

  constructor(
    readonly routeId: string,
    /**
     * Called when a move takes the page to another group; null for a page without groups (the Experience
     * Fair), which leaves the move to be told by the next grid page opened.
     */
    onMove: (() => void) | null,
  ) {
    const token = tokenFor(routeId);
    const personId = personOfToken(token);
    this.#joined = groupOfToken(token);
    this.#chosen = chosenGroup(routeId);
    // Shared with the page's other readers of the control document (hidden brainstorms, the room's bar).
    this.#connection = openDoc(controlDocName(routeId));
    const control = new ControlDoc(this.#connection.doc);
    this.#moved = new ReactiveDeep(control.map('personGroups'), () => (personId === null ? undefined : control.groupOf(personId)));
    let known = personId === null ? '' : (knownGroup(routeId, personId) ?? this.#joined ?? '');
    this.#stop = $effect.root(() => {
      $effect(() => {
        const moved = this.#moved.value;
        if (moved === undefined || personId === null || onMove === null) return;
        if (isNewMove(known, moved)) {
          this.#chosen = null;
          keepChoice(routeId, null);
          this.movedTo = moved;
          untrack(onMove);
        }
        known = moved ?? '';
        rememberGroup(routeId, personId, moved);
      });
    });
  }

  /** The group shown, one of `groupIds`. */
  resolve(groupIds: readonly string[]): string {
    return resolveGroup({ chosen: this.#chosen, moved: this.#moved.value, joined: this.#joined }, groupIds);
  }

  choose(groupId: string): void {
    this.#chosen = groupId;
    keepChoice(this.routeId, groupId);
  }

  dismissMove(): void {
    this.movedTo = null;
  }

  destroy(): void {
    this.#stop();
    this.#connection.destroy();
  }
}
