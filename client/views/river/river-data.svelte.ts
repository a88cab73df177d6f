import { openDoc } from '../../lib/connection/open-doc.ts';
import { ReactiveDeep, ReactiveRecordMap } from '../../lib/yjs/reactive.svelte.ts';
import { riverDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { defaultStreams, RiverDoc, type Card, type CardLink, type Stream } from '../../../shared/schema/river.ts';
import { RouteDoc, type Day, type Host, type RouteSetup, type Team } from '../../../shared/schema/route.ts';

/**
 * A route's river as the board and the room screen read it: the route document (days, teams; only
 * read here) and the river document (streams, cards), both live.
 */
export class RiverData {
  readonly route;
  readonly river;
  readonly routeDoc: RouteDoc;
  readonly riverDoc: RiverDoc;
  readonly #cards: ReactiveRecordMap<Card>;
  readonly #streams: ReactiveDeep<Stream[]>;
  readonly #links: ReactiveDeep<CardLink[]>;
  readonly #days: ReactiveDeep<Day[]>;
  readonly #teams: ReactiveDeep<Team[]>;
  readonly #hosts: ReactiveDeep<Host[]>;
  readonly #setup: ReactiveDeep<RouteSetup>;

  constructor(readonly routeId: string) {
    this.route = openDoc(routeDocName(routeId));
    this.river = openDoc(riverDocName(routeId));
    const routeDoc = (this.routeDoc = new RouteDoc(this.route.doc));
    const riverDoc = (this.riverDoc = new RiverDoc(this.river.doc));
    this.#cards = new ReactiveRecordMap<Card>(riverDoc.cardsMap, (id) => {
      const card = riverDoc.card(id);
      return card && card.id !== '' ? card : null;
    });
    this.#streams = new ReactiveDeep(riverDoc.streamsArray, () => riverDoc.streams());
    this.#links = new ReactiveDeep(riverDoc.linksMap, () => riverDoc.links());
    this.#days = new ReactiveDeep(routeDoc.list('days'), () => routeDoc.read('days'));
    this.#teams = new ReactiveDeep(routeDoc.list('teams'), () => routeDoc.read('teams'));
    this.#hosts = new ReactiveDeep(routeDoc.list('hosts'), () => routeDoc.read('hosts'));
    this.#setup = new ReactiveDeep(routeDoc.setupMap, () => routeDoc.readSetup());
  }

  get cards(): Card[] {
    return this.#cards.values;
  }

  /** A river not given its streams yet shows the default ones; cards name streams by these ids. */
  get streams(): Stream[] {
    const streams = this.#streams.value;
    return streams.length > 0 ? streams : defaultStreams;
  }

  get links(): CardLink[] {
    return this.#links.value;
  }

  get days(): Day[] {
    return this.#days.value;
  }

  get teams(): Team[] {
    return this.#teams.value;
  }

  /** The host experiences, whose visit days link to their case grids. */
  get hosts(): Host[] {
    return this.#hosts.value;
  }

  get setup(): RouteSetup {
    return this.#setup.value;
  }

  get isLoaded(): boolean {
    return this.route.isLoaded && this.river.isLoaded;
  }

  get canWrite(): boolean {
    return this.river.canWrite;
  }

  destroy(): void {
    this.route.destroy();
    this.river.destroy();
  }
}
