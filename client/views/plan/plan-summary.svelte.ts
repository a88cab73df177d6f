import { openDoc } from '../../lib/connection/open-doc.ts';
import { ReactiveDeep } from '../../lib/yjs/reactive.svelte.ts';
import { planDocName } from '../../../shared/schema/doc-kinds.ts';
import { budgetTotals, type BudgetTotals } from '../../../shared/schema/plan-budget.ts';
import { blocksText, readBlocks } from '../../../shared/schema/plan-content.ts';
import { planSectionIds } from '../../../shared/schema/plan-template.ts';
import { PlanDoc, type BudgetRow, type PlanMeta } from '../../../shared/schema/plan.ts';

/** One team's plan as the plans list shows it: its title, which sections hold text, and its budget. */
export class PlanSummary {
  readonly connection;
  readonly #meta: ReactiveDeep<PlanMeta>;
  readonly #filled: Array<ReactiveDeep<boolean>>;
  readonly #budget: ReactiveDeep<BudgetRow[]>;

  constructor(routeId: string, teamId: string) {
    this.connection = openDoc(planDocName(routeId, teamId));
    const plan = new PlanDoc(this.connection.doc);
    this.#meta = new ReactiveDeep(plan.metaMap, () => plan.readMeta());
    this.#filled = planSectionIds.map((id) => {
      const fragment = plan.section(id);
      return new ReactiveDeep(fragment, () => blocksText(readBlocks(fragment)).trim() !== '');
    });
    this.#budget = new ReactiveDeep(plan.table('budget'), () => plan.rows('budget'));
  }

  get meta(): PlanMeta {
    return this.#meta.value;
  }

  get filled(): number {
    return this.#filled.filter((section) => section.value).length;
  }

  get total(): number {
    return planSectionIds.length;
  }

  budget(cap: number): BudgetTotals {
    return budgetTotals(this.#budget.value, cap);
  }

  destroy(): void {
    this.connection.destroy();
  }
}
