import { openDoc } from '../../lib/connection/open-doc.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';
import { planNames } from './plan-names.ts';

/** What the fair's and the committee's pages read of the route: its title, hosts (for the header) and teams. */
export class RouteBasics {
  readonly connection;
  readonly #teams;
  readonly #hosts;
  readonly #setup;

  constructor(routeId: string) {
    this.connection = openDoc(routeDocName(routeId));
    const route = new RouteDoc(this.connection.doc);
    this.#teams = new ReactiveDeep(route.list('teams'), () => route.read('teams'));
    this.#hosts = new ReactiveDeep(route.list('hosts'), () => route.read('hosts'));
    this.#setup = new ReactiveDeep(route.setupMap, () => route.readSetup());
  }

  get teams() {
    return this.#teams.value;
  }

  get hosts() {
    return this.#hosts.value;
  }

  get title(): string {
    return this.#setup.value.title;
  }

  /** Plan title (or team name) and team name per team id. */
  get names(): Record<string, { plan: string; team: string }> {
    return planNames(this.teams);
  }

  destroy(): void {
    this.connection.destroy();
  }
}
