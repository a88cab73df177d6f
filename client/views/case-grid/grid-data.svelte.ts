import { openDoc } from '../../lib/connection/open-doc.ts';
import { ReactiveDeep, ReactiveRecordMap } from '../../lib/yjs/reactive.svelte.ts';
import { CaseDoc, CaseTemplates, type GridCard, type GridTemplate } from '../../../shared/schema/case.ts';
import { caseDocName, experienceDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { experienceGroupId, experienceTemplate, teamAreas } from '../../../shared/schema/experience.ts';
import { RouteDoc, type Day, type Group, type Host, type RouteSetup } from '../../../shared/schema/route.ts';

/**
 * One host's case grids as the grid and comparison pages read them: the route document (hosts, groups,
 * the template and key points, which facilitators write) and the host's case document (every group's
 * cards), both live. The Experience Fair (`board: 'experience'`) is read the same way: its rows are the
 * route's teams (or the one team `teamId` names, for the room screen), one column, one board for the room.
 */
export class GridData {
  readonly route;
  readonly grid;
  readonly routeDoc: RouteDoc;
  readonly caseDoc: CaseDoc;
  readonly templates: CaseTemplates;
  readonly #cards: ReactiveRecordMap<GridCard>;
  readonly #template: ReactiveDeep<GridTemplate>;
  readonly #hasOwnTemplate: ReactiveDeep<boolean>;
  readonly #keyPoints: ReactiveDeep<Set<string>>;
  readonly #hosts: ReactiveDeep<Host[]>;
  readonly #groups: ReactiveDeep<Group[]>;
  readonly #days: ReactiveDeep<Day[]>;
  readonly #setup: ReactiveDeep<RouteSetup>;

  constructor(
    readonly routeId: string,
    readonly hostId: string,
    readonly board: { kind: 'case' } | { kind: 'experience'; teamId: string } = { kind: 'case' },
  ) {
    this.route = openDoc(routeDocName(routeId));
    this.grid = openDoc(board.kind === 'experience' ? experienceDocName(routeId) : caseDocName(routeId, hostId));
    const routeDoc = (this.routeDoc = new RouteDoc(this.route.doc));
    const caseDoc = (this.caseDoc = new CaseDoc(this.grid.doc));
    const templates = (this.templates = new CaseTemplates(this.route.doc));
    this.#cards = new ReactiveRecordMap<GridCard>(caseDoc.cardsMap, (id) => {
      const card = caseDoc.card(id);
      return card && card.id !== '' ? card : null;
    });
    this.#template =
      board.kind === 'experience'
        ? new ReactiveDeep(routeDoc.list('teams'), () => experienceTemplate(routeDoc.read('teams').filter((team) => board.teamId === '' || team.id === board.teamId)))
        : new ReactiveDeep(templates.templatesMap, () => templates.forHost(hostId));
    this.#hasOwnTemplate = new ReactiveDeep(templates.templatesMap, () => templates.hasOwnTemplate(hostId));
    this.#keyPoints = new ReactiveDeep(templates.keyPointsMap, () => templates.keyPoints(hostId));
    this.#hosts = new ReactiveDeep(routeDoc.list('hosts'), () => routeDoc.read('hosts'));
    this.#groups = new ReactiveDeep(routeDoc.list('groups'), () => (board.kind === 'experience' ? [{ id: experienceGroupId, name: '' }] : routeDoc.read('groups')));
    this.#days = new ReactiveDeep(routeDoc.list('days'), () => routeDoc.read('days'));
    this.#setup = new ReactiveDeep(routeDoc.setupMap, () => routeDoc.readSetup());
  }

  /** For one team of the Experience Fair, that team's cards alone: the others' would show as unsorted. */
  get cards(): GridCard[] {
    const board = this.board;
    return board.kind === 'experience' && board.teamId !== '' ? teamAreas(this.#cards.values, board.teamId) : this.#cards.values;
  }

  get template(): GridTemplate {
    return this.#template.value;
  }

  get hasOwnTemplate(): boolean {
    return this.#hasOwnTemplate.value;
  }

  get keyPoints(): Set<string> {
    return this.#keyPoints.value;
  }

  get hosts(): Host[] {
    return this.#hosts.value;
  }

  get host(): Host | undefined {
    return this.hosts.find((host) => host.id === this.hostId);
  }

  get groups(): Group[] {
    return this.#groups.value;
  }

  get days(): Day[] {
    return this.#days.value;
  }

  get setup(): RouteSetup {
    return this.#setup.value;
  }

  get isLoaded(): boolean {
    return this.route.isLoaded && this.grid.isLoaded;
  }

  /** Participants write cards; only facilitators may write the route document, where templates live. */
  get canWrite(): boolean {
    return this.grid.canWrite;
  }

  get canEditTemplate(): boolean {
    return this.route.canWrite;
  }

  destroy(): void {
    this.route.destroy();
    this.grid.destroy();
  }
}
