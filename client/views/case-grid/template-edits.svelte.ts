import { UndoableEdits } from '../../components/cards/card-edits.svelte.ts';
import type { AxisName, CaseTemplates, TemplateId, TemplateScope } from '../../../shared/schema/case.ts';

/**
 * A facilitator's changes to the route's grid templates in this tab, each its own step of their undo: a row
 * removed by mistake comes back with its place and name (its cards were never touched).
 */
export class TemplateEdits extends UndoableEdits {
  readonly #templates: CaseTemplates;

  constructor(templates: CaseTemplates) {
    super(templates.doc, [templates.templatesMap]);
    this.#templates = templates;
  }

  apply(scope: TemplateScope, templateId: TemplateId): void {
    this.change(() => this.#templates.apply(scope, templateId));
  }

  useRouteTemplate(hostId: string): void {
    this.change(() => this.#templates.useRouteTemplate(hostId));
  }

  addAxis(scope: TemplateScope, axis: AxisName, label: string): string {
    return this.#axisChange(scope, () => this.#templates.addAxis(scope, axis, label));
  }

  renameAxis(scope: TemplateScope, axis: AxisName, id: string, label: string): void {
    this.#axisChange(scope, () => this.#templates.renameAxis(scope, axis, id, label));
  }

  moveAxis(scope: TemplateScope, axis: AxisName, id: string, toIndex: number): void {
    this.#axisChange(scope, () => this.#templates.moveAxis(scope, axis, id, toIndex));
  }

  removeAxis(scope: TemplateScope, axis: AxisName, id: string): void {
    this.#axisChange(scope, () => this.#templates.removeAxis(scope, axis, id));
  }

  /** The scope's own copy is made outside this person's undo (see `CaseTemplates.materialize`). */
  #axisChange<T>(scope: TemplateScope, apply: () => T): T {
    this.#templates.materialize(scope);
    return this.change(apply);
  }
}
