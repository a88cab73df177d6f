import { openDoc } from '../../lib/connection/open-doc.ts';
import { Presence } from '../../lib/presence/presence.svelte.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { planDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { countWords, blocksText, readBlocks } from '../../../shared/schema/plan-content.ts';
import { planSectionIds, type PlanSectionId } from '../../../shared/schema/plan-template.ts';
import { PlanDoc, type BudgetRow, type PlanMeta, type ScheduleRow } from '../../../shared/schema/plan.ts';
import { RouteDoc, type Host, type RouteSetup, type Team } from '../../../shared/schema/route.ts';

/**
 * One team's plan as its page reads it: the route document (the team, its community) and the plan
 * document (meta, the sections' rich text, the schedule and the budget), live.
 */
export class PlanData {
  readonly route;
  readonly plan;
  readonly routeDoc: RouteDoc;
  readonly planDoc: PlanDoc;
  readonly presence: Presence;
  readonly #meta: ReactiveDeep<PlanMeta>;
  readonly #schedule: ReactiveDeep<ScheduleRow[]>;
  readonly #budget: ReactiveDeep<BudgetRow[]>;
  readonly #teams: ReactiveDeep<Team[]>;
  readonly #hosts: ReactiveDeep<Host[]>;
  readonly #setup: ReactiveDeep<RouteSetup>;
  readonly #words: Record<PlanSectionId, ReactiveDeep<number>>;

  constructor(
    readonly routeId: string,
    readonly teamId: string,
  ) {
    this.route = openDoc(routeDocName(routeId));
    this.plan = openDoc(planDocName(routeId, teamId));
    const routeDoc = (this.routeDoc = new RouteDoc(this.route.doc));
    const planDoc = (this.planDoc = new PlanDoc(this.plan.doc));
    this.presence = new Presence(this.plan.awareness);
    this.#meta = new ReactiveDeep(planDoc.metaMap, () => planDoc.readMeta());
    this.#schedule = new ReactiveDeep(planDoc.table('schedule'), () => planDoc.rows('schedule'));
    this.#budget = new ReactiveDeep(planDoc.table('budget'), () => planDoc.rows('budget'));
    this.#teams = new ReactiveDeep(routeDoc.list('teams'), () => routeDoc.read('teams'));
    this.#hosts = new ReactiveDeep(routeDoc.list('hosts'), () => routeDoc.read('hosts'));
    this.#setup = new ReactiveDeep(routeDoc.setupMap, () => routeDoc.readSetup());
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

  get meta(): PlanMeta {
    return this.#meta.value;
  }

  get schedule(): ScheduleRow[] {
    return this.#schedule.value;
  }

  get budget(): BudgetRow[] {
    return this.#budget.value;
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

  get canWrite(): boolean {
    return this.plan.canWrite;
  }

  destroy(): void {
    this.presence.destroy();
    this.route.destroy();
    this.plan.destroy();
  }
}
