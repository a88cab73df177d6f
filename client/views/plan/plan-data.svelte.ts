import { setPlanStatus } from '../../lib/api/plans.ts';
import { fetchAccess } from '../../lib/connection/access.ts';
import { openDoc } from '../../lib/connection/open-doc.ts';
import { tokenFor } from '../../lib/connection/token.ts';
import { MyTeam } from '../../lib/identity/my-team.svelte.ts';
import { Presence } from '../../lib/presence/presence.svelte.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { ControlDoc, type PlanStatus } from '../../../shared/schema/control.ts';
import { controlDocName, planDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { PlanComments, type Thread } from '../../../shared/schema/plan-comments.ts';
import { budgetTotals, readBudgetCap, type BudgetTotals } from '../../../shared/schema/plan-budget.ts';
import { countWords, blocksText, readBlocks } from '../../../shared/schema/plan-content.ts';
import { planSectionIds, type PlanSectionId } from '../../../shared/schema/plan-template.ts';
import { PlanDoc, type BudgetRow, type PlanMeta, type ScheduleRow, type TableName } from '../../../shared/schema/plan.ts';
import { RouteDoc, type Host, type RouteSetup, type Team } from '../../../shared/schema/route.ts';
import { TableUndo } from './table-undo.svelte.ts';

/** The table cell a person is in, shown to the others in their name and colour. */
export interface PlanCell {
  table: TableName;
  rowId: string;
  field: string;
}

export interface PlanPresence {
  planCell: PlanCell;
}

/**
 * One team's plan as its page reads it: the route document (the team, its community) and the plan
 * document (meta, the sections' rich text, the schedule and the budget), live.
 */
export class PlanData {
  readonly route;
  readonly plan;
  /** The route's control document: the plan's status, decided by the server. */
  readonly control;
  readonly routeDoc: RouteDoc;
  readonly planDoc: PlanDoc;
  readonly presence: Presence<PlanPresence>;
  /** Undo and redo of this person's changes to the schedule and the budget. */
  readonly undo: TableUndo;
  readonly #myTeam: MyTeam;
  readonly comments: PlanComments;
  readonly #threads: ReactiveDeep<Thread[]>;
  readonly #meta: ReactiveDeep<PlanMeta>;
  readonly #schedule: ReactiveDeep<ScheduleRow[]>;
  readonly #budget: ReactiveDeep<BudgetRow[]>;
  readonly #teams: ReactiveDeep<Team[]>;
  readonly #hosts: ReactiveDeep<Host[]>;
  readonly #setup: ReactiveDeep<RouteSetup>;
  readonly #words: Record<PlanSectionId, ReactiveDeep<number>>;
  readonly #status: ReactiveDeep<PlanStatus>;
  readonly #cap: ReactiveDeep<number>;
  /**
   * What the server says this token may do to the plan now, asked again whenever the plan's status
   * changes: the connection's own answer dates from when it opened, and a submitted plan refuses the
   * team's updates from then on (A3).
   */
  #writableNow = $state<boolean | null>(null);

  constructor(
    readonly routeId: string,
    readonly teamId: string,
  ) {
    this.route = openDoc(routeDocName(routeId));
    this.plan = openDoc(planDocName(routeId, teamId));
    this.control = openDoc(controlDocName(routeId));
    const control = new ControlDoc(this.control.doc);
    this.#status = new ReactiveDeep(control.doc.getMap('planStatus'), () => control.planStatus(teamId));
    this.#myTeam = new MyTeam(routeId, control);
    const routeDoc = (this.routeDoc = new RouteDoc(this.route.doc));
    const planDoc = (this.planDoc = new PlanDoc(this.plan.doc));
    this.presence = new Presence<PlanPresence>(this.plan.awareness);
    this.undo = new TableUndo(planDoc);
    const comments = (this.comments = new PlanComments(this.plan.doc));
    this.#threads = new ReactiveDeep(comments.array, () => comments.threads());
    this.#meta = new ReactiveDeep(planDoc.metaMap, () => planDoc.readMeta());
    this.#schedule = new ReactiveDeep(planDoc.table('schedule'), () => planDoc.rows('schedule'));
    this.#budget = new ReactiveDeep(planDoc.table('budget'), () => planDoc.rows('budget'));
    this.#teams = new ReactiveDeep(routeDoc.list('teams'), () => routeDoc.read('teams'));
    this.#hosts = new ReactiveDeep(routeDoc.list('hosts'), () => routeDoc.read('hosts'));
    this.#setup = new ReactiveDeep(routeDoc.setupMap, () => routeDoc.readSetup());
    this.#cap = new ReactiveDeep(routeDoc.setupMap, () => readBudgetCap(routeDoc.setupMap));
    this.control.doc.getMap('planStatus').observe(() => void this.#askAccess());
    this.#words = Object.fromEntries(
      planSectionIds.map((id) => {
        const fragment = planDoc.section(id);
        return [id, new ReactiveDeep(fragment, () => countWords(blocksText(readBlocks(fragment))))];
      }),
    ) as Record<PlanSectionId, ReactiveDeep<number>>;
    void this.#startWhenEmpty();
  }

  /**
   * A team added after the server seeded the route has no plan yet: the first laptop to open it starts
   * it from the template, once it has the server's copy (never from an empty local one). The template
   * only sets meta fields, so two laptops doing this at the same moment cannot double anything.
   */
  async #startWhenEmpty(): Promise<void> {
    await Promise.all([this.plan.whenSynced, this.route.whenSynced]);
    if (!this.plan.canWrite || this.planDoc.isStarted) return;
    const team = this.team;
    if (!team) return;
    this.planDoc.startFromTemplate({ title: team.planTitle || team.name, teamId: team.id }, Date.now());
  }

  async #askAccess(): Promise<void> {
    const answer = await fetchAccess(this.plan.docName, tokenFor(this.routeId));
    if (answer.kind === 'granted') this.#writableNow = answer.level === 'write';
  }

  get status(): PlanStatus {
    return this.#status.value;
  }

  /** USD the contest gives a plan at most (the route's setting). */
  get cap(): number {
    return this.#cap.value;
  }

  /** Facilitators write the route's setup; nobody else does. */
  get isFacilitator(): boolean {
    return this.route.access === 'write';
  }

  /** Asks the server to change the plan's status; resolves to an error message, or null when done. */
  async changeStatus(status: PlanStatus, label: string): Promise<{ error: string; message: string } | null> {
    const result = await setPlanStatus(tokenFor(this.routeId), this.routeId, this.teamId, status, label);
    if (!result.ok) return { error: result.error, message: result.message };
    await this.#askAccess();
    return null;
  }

  get meta(): PlanMeta {
    return this.#meta.value;
  }

  get schedule(): ScheduleRow[] {
    return this.#schedule.value;
  }

  get budget(): BudgetRow[] {
    return this.#budget.value;
  }

  get threads(): Thread[] {
    return this.#threads.value;
  }

  get budgetTotals(): BudgetTotals {
    return budgetTotals(this.budget, this.cap);
  }

  /** Words written in a section, for the completeness panel. */
  words(sectionId: PlanSectionId): number {
    return this.#words[sectionId].value;
  }

  get team(): Team | undefined {
    return this.#teams.value.find((team) => team.id === this.teamId);
  }

  get hosts(): Host[] {
    return this.#hosts.value;
  }

  get setup(): RouteSetup {
    return this.#setup.value;
  }

  get isLoaded(): boolean {
    return this.route.isLoaded && this.plan.isLoaded;
  }

  /** Whether this is the plan of the participant's own team (where a facilitator moved them, live). */
  get isOwnTeam(): boolean {
    return this.#myTeam.teamId === this.teamId;
  }

  get canWrite(): boolean {
    return this.plan.canWrite && this.#writableNow !== false;
  }

  destroy(): void {
    this.presence.destroy();
    this.undo.destroy();
    this.control.destroy();
    this.route.destroy();
    this.plan.destroy();
  }
}
