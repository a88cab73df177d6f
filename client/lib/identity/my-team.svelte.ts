import { tokenFor } from '../connection/token.ts';
import { personOfToken, roleOfToken, teamOfToken } from '../control/my-role.ts';
import { ReactiveDeep } from '../yjs/reactive.svelte.ts';
import type { ControlDoc } from '../../../shared/schema/control.ts';

/**
 * The team whose plan is this participant's own, live: where a facilitator moved them (told in the control
 * document), else the team their token says they joined. Null for a participant without a team and for
 * every other role: a facilitator, the committee and the room screen have no plan of their own. Only for
 * what the pages show; the server decides who writes which plan.
 */
export class MyTeam {
  readonly #moved: ReactiveDeep<string | null | undefined>;
  readonly #joined: string | null;
  readonly #personId: string | null;

  constructor(routeId: string, control: ControlDoc) {
    const token = tokenFor(routeId);
    const personId = (this.#personId = roleOfToken(token, routeId) === 'participant' ? personOfToken(token) : null);
    this.#joined = teamOfToken(token);
    this.#moved = new ReactiveDeep(control.map('personTeams'), () => (personId === null ? undefined : control.teamOf(personId)));
  }

  get teamId(): string | null {
    if (this.#personId === null) return null;
    const moved = this.#moved.value;
    return moved !== undefined ? moved : this.#joined;
  }
}
