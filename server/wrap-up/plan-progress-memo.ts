import type * as Y from 'yjs';
import { planProgress, type PlanProgress } from '../../shared/schema/plan-progress.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';

const known = new WeakMap<Y.Doc, { cap: number; progress: PlanProgress | null }>();

/**
 * A plan's progress, counted again only after the plan changed: counting words runs the word segmenter
 * over every section (Lao has no spaces), about 0.1 s a 15,000-word plan on the shared 2-core machine,
 * and a wrap-up asked again after every card of the river would count five unchanged plans each time.
 */
export function planProgressOf(doc: Y.Doc, cap: number): PlanProgress {
  let entry = known.get(doc);
  if (entry === undefined) {
    const created = { cap, progress: null as PlanProgress | null };
    doc.on('update', () => (created.progress = null));
    known.set(doc, created);
    entry = created;
  }
  if (entry.progress === null || entry.cap !== cap) entry.progress = planProgress(new PlanDoc(doc), cap);
  entry.cap = cap;
  return entry.progress;
}
