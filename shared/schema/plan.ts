import * as Y from 'yjs';
import { newId } from './ids.ts';
import { planSectionIds, type PlanSectionId } from './plan-template.ts';
import { num, setFields, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * An Innovation Plan (`route/<routeId>/plan/<teamId>`): one document per team.
 *
 * Each section of the contest template is its own rich-text fragment (TipTap's Collaboration extension
 * binds one editor to one fragment), so the sections exist by the schema and not as headings typed into the
 * text: a reader sees their titles and guidance in their own language, nobody can delete or double them,
 * and the exports and the completeness panel read a section without parsing headings. The schedule and
 * the budget are arrays of records beside the text, edited as live tables.
 */
export const planRoots = {
  meta: 'meta',
  schedule: 'schedule',
  budget: 'budget',
} as const;

/** The root fragment of a section's rich text. */
export const sectionRoot = (sectionId: PlanSectionId): string => `section:${sectionId}`;

/** Which template a plan was started from; a plan without it has not been started. */
export const contestTemplateId = 'contest-2013';

export interface PlanMeta {
  template: string;
  title: string;
  teamId: string;
  createdAt: number;
}

export interface ScheduleRow {
  id: string;
  activity: string;
  who: string;
  /** ISO dates (`2013-06-01`) or '' while not set. */
  start: string;
  end: string;
}

export interface BudgetRow {
  id: string;
  item: string;
  /** USD requested from the contest; null while the cell is empty. */
  requested: number | null;
  /** USD the partners contribute. */
  contribution: number | null;
  partner: string;
}

export type TableName = 'schedule' | 'budget';
interface TableRow {
  schedule: ScheduleRow;
  budget: BudgetRow;
}

const amount = (map: Y.Map<RecordValue>, key: string): number | null => {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

const readers: { [K in TableName]: (map: Y.Map<RecordValue>) => TableRow[K] } = {
  schedule: (m) => ({ id: str(m, 'id'), activity: str(m, 'activity'), who: str(m, 'who'), start: str(m, 'start'), end: str(m, 'end') }),
  budget: (m) => ({
    id: str(m, 'id'),
    item: str(m, 'item'),
    requested: amount(m, 'requested'),
    contribution: amount(m, 'contribution'),
    partner: str(m, 'partner'),
  }),
};

const emptyRows: { [K in TableName]: () => Omit<TableRow[K], 'id'> } = {
  schedule: () => ({ activity: '', who: '', start: '', end: '' }),
  budget: () => ({ item: '', requested: null, contribution: null, partner: '' }),
};

/** Typed access to a plan document. */
export class PlanDoc {
  constructor(readonly doc: Y.Doc) {}

  get metaMap(): Y.Map<RecordValue> {
    return this.doc.getMap(planRoots.meta);
  }

  section(sectionId: PlanSectionId): Y.XmlFragment {
    return this.doc.getXmlFragment(sectionRoot(sectionId));
  }

  sections(): Array<{ id: PlanSectionId; fragment: Y.XmlFragment }> {
    return planSectionIds.map((id) => ({ id, fragment: this.section(id) }));
  }

  readMeta(): PlanMeta {
    const m = this.metaMap;
    return { template: str(m, 'template'), title: str(m, 'title'), teamId: str(m, 'teamId'), createdAt: num(m, 'createdAt') };
  }

  get isStarted(): boolean {
    return this.metaMap.get('template') !== undefined;
  }

  /**
   * Starts the plan from the contest template, once. The template writes only fields of the meta map,
   * never content: two laptops (or the server and a laptop) starting the same empty plan at the same
   * moment both write the same fields, Yjs keeps one value per field, and the plan can never hold its
   * template twice. A plan already started is left as it is.
   */
  startFromTemplate(fields: { title: string; teamId: string }, now: number): boolean {
    if (this.isStarted) return false;
    this.doc.transact(() => setFields<PlanMeta>(this.metaMap, { template: contestTemplateId, title: fields.title, teamId: fields.teamId, createdAt: now }));
    return true;
  }

  setTitle(title: string): void {
    setFields<PlanMeta>(this.metaMap, { title });
  }

  table<K extends TableName>(name: K): Y.Array<Y.Map<RecordValue>> {
    return this.doc.getArray(planRoots[name]);
  }

  rows<K extends TableName>(name: K): Array<TableRow[K]> {
    return this.table(name).toArray().map((map) => readers[name](map)).filter((row) => row.id !== '');
  }

  /** Adds an empty row at `index` (the end by default) and returns its id. */
  addRow(name: TableName, index?: number): string {
    const id = newId();
    const table = this.table(name);
    const record = toYRecord({ id, ...emptyRows[name]() });
    table.insert(Math.min(index ?? table.length, table.length), [record]);
    return id;
  }

  updateRow<K extends TableName>(name: K, id: string, fields: Partial<Omit<TableRow[K], 'id'>>): void {
    const map = this.#rowMap(name, id);
    if (!map) return;
    // An emptied amount cell is stored as null, which `setFields` would skip as "unchanged" otherwise.
    this.doc.transact(() => {
      for (const [key, value] of Object.entries(fields)) if (value === null && map.get(key) !== null) map.set(key, null);
      setFields(map, fields);
    });
  }

  removeRow(name: TableName, id: string): void {
    const index = this.#indexOf(name, id);
    if (index >= 0) this.table(name).delete(index, 1);
  }

  moveRow(name: TableName, id: string, toIndex: number): void {
    const index = this.#indexOf(name, id);
    const table = this.table(name);
    if (index < 0 || toIndex < 0 || toIndex >= table.length || toIndex === index) return;
    const row = readers[name](table.get(index));
    this.doc.transact(() => {
      table.delete(index, 1);
      table.insert(toIndex, [toYRecord(row)]);
    });
  }

  #indexOf(name: TableName, id: string): number {
    return this.table(name).toArray().findIndex((map) => str(map, 'id') === id);
  }

  #rowMap(name: TableName, id: string): Y.Map<RecordValue> | undefined {
    return this.table(name).toArray().find((map) => str(map, 'id') === id);
  }
}
