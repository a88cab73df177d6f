import * as Y from 'yjs';
import { CardBoardDoc } from './card-board-doc.ts';
import { cardRecord, readPhotos } from './card-photos.ts';
import { newId } from './ids.ts';
import { cardColors, defaultStreams, type Card, type RiverDoc } from './river.ts';
import { num, setFields, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * Case-study analysis grids. One document per host experience (`route/<routeId>/case/<hostId>`) holds
 * every working group's cards for that host: the comparison view reads one document, and a group's grid
 * is its cards filtered by `groupId`. Rows are analysis dimensions, columns perspectives.
 *
 * The grid's template (its rows and columns) and the facilitator's key-point marks live in the route
 * document, which only facilitators may write (the server's access decision): participants write cards,
 * never the template. A template change reaches every group's grid at once and never touches a card: a
 * card whose row or column is gone shows as "unsorted" until someone moves it (or the row comes back).
 */
export const caseRoots = { cards: 'cards' } as const;
export const caseRouteRoots = { templates: 'caseTemplates', keyPoints: 'caseKeyPoints' } as const;

export interface GridCard {
  id: string;
  text: string;
  author: string;
  authorId: string;
  groupId: string;
  rowId: string;
  columnId: string;
  color: string;
  /** Position among the cards of the same group and cell; fractional so inserts never renumber. */
  order: number;
  /** Photo ids (see `server/photos/`), in the order they were added. */
  photos: string[];
  createdAt: number;
  editedAt: number;
}

export type NewGridCard = Pick<GridCard, 'text' | 'author' | 'authorId' | 'groupId' | 'rowId' | 'columnId'> &
  Partial<Pick<GridCard, 'color' | 'order' | 'id' | 'photos'>>;

function readCard(map: Y.Map<RecordValue>): GridCard {
  return {
    id: str(map, 'id'),
    text: str(map, 'text'),
    author: str(map, 'author'),
    authorId: str(map, 'authorId'),
    groupId: str(map, 'groupId'),
    rowId: str(map, 'rowId'),
    columnId: str(map, 'columnId'),
    color: str(map, 'color', cardColors[0]),
    order: num(map, 'order'),
    photos: readPhotos(map),
    createdAt: num(map, 'createdAt'),
    editedAt: num(map, 'editedAt'),
  };
}

export function sortGridCards(cards: GridCard[]): GridCard[] {
  return [...cards].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Typed access to a case document. Every method that changes it is one transaction (one undo step). */
export class CaseDoc extends CardBoardDoc<GridCard> {
  protected readCard(map: Y.Map<RecordValue>): GridCard {
    return readCard(map);
  }

  get cardsMap(): Y.Map<Y.Map<RecordValue>> {
    return this.doc.getMap(caseRoots.cards);
  }

  cellCards(groupId: string, rowId: string, columnId: string): GridCard[] {
    return sortGridCards(this.cards().filter((c) => c.groupId === groupId && c.rowId === rowId && c.columnId === columnId));
  }

  addCard(card: NewGridCard, now: number): string {
    const id = card.id ?? newId();
    const cell = this.cellCards(card.groupId, card.rowId, card.columnId);
    const order = card.order ?? (cell.length === 0 ? 1 : Math.max(...cell.map((c) => c.order)) + 1);
    const record: GridCard = { color: cardColors[0], photos: [], ...card, id, order, createdAt: now, editedAt: now };
    this.cardsMap.set(id, cardRecord(record));
    return id;
  }

  /** Moves cards of one group to a cell, before `beforeId` (or at the end), keeping their relative order. */
  moveCards(ids: string[], to: { rowId: string; columnId: string; beforeId?: string | null }): void {
    const cards = sortGridCards(ids.map((id) => this.card(id)).filter((card): card is GridCard => card !== null));
    const groupId = cards[0]?.groupId;
    if (groupId === undefined) return;
    const moving = new Set(ids);
    const target = this.cellCards(groupId, to.rowId, to.columnId).filter((card) => !moving.has(card.id));
    const beforeIndex = to.beforeId ? target.findIndex((card) => card.id === to.beforeId) : -1;
    const low = beforeIndex > 0 ? target[beforeIndex - 1]!.order : beforeIndex === 0 ? target[0]!.order - 1 : (target.at(-1)?.order ?? 0);
    const high = beforeIndex >= 0 ? target[beforeIndex]!.order : low + cards.length + 1;
    this.doc.transact(() => {
      cards.forEach((card, index) => {
        const order = low + ((high - low) * (index + 1)) / (cards.length + 1);
        setFields(this.cardsMap.get(card.id)!, { rowId: to.rowId, columnId: to.columnId, order });
      });
    });
  }

  deleteCards(ids: string[]): void {
    this.doc.transact(() => {
      for (const id of ids) this.cardsMap.delete(id);
    });
  }
}

// ─── Templates ────────────────────────────────────────────────────────────────────────────────────────

export type TemplateId = 'ppp' | 'swot' | 'success';
export const templateIds: readonly TemplateId[] = ['ppp', 'swot', 'success'];

/**
 * The ready templates, as ids of rows and columns whose names the client translates. The PPP grid follows
 * the route's own questions (see the product brief); SWOT reads the experience as strengths, weaknesses,
 * opportunities and threats; success factors are the five the routes name.
 */
export const gridTemplates: Record<TemplateId, { rows: readonly string[]; columns: readonly string[] }> = {
  ppp: {
    rows: ['story', 'actors', 'partnership', 'innovations', 'results', 'successFactors', 'challenges', 'lessons', 'bringHome'],
    columns: ['community', 'publicSector', 'privateSector'],
  },
  swot: {
    rows: ['strengths', 'weaknesses', 'opportunities', 'threats'],
    columns: ['community', 'publicSector', 'privateSector'],
  },
  success: {
    rows: ['cohesion', 'sharedVision', 'accountability', 'roles', 'genderEquity'],
    columns: ['whatWeSaw', 'howTheyBuiltIt', 'forUsAtHome'],
  },
};

/** A row or a column of a grid. `key` names a built-in one (translated); `label`, when set, overrides it. */
export interface GridAxis {
  id: string;
  key: string;
  label: string;
  order: number;
}

export interface GridTemplate {
  /** The ready template it started from; edits keep it. */
  templateId: TemplateId;
  rows: GridAxis[];
  columns: GridAxis[];
}

export type AxisName = 'rows' | 'columns';

/** Where a template applies: the whole route, or one host that has a template of its own. */
export type TemplateScope = 'route' | { hostId: string };

const scopeKey = (scope: TemplateScope): string => (scope === 'route' ? 'route' : `host/${scope.hostId}`);

/** The id cards show under when their row or column is gone from the template. */
export const unsortedId = 'unsorted';

function readAxis(map: Y.Map<RecordValue>): GridAxis {
  return { id: str(map, 'id'), key: str(map, 'key'), label: str(map, 'label'), order: num(map, 'order') };
}

function readAxes(map: Y.Map<Y.Map<RecordValue>> | undefined): GridAxis[] {
  if (!map) return [];
  return [...map.values()].map(readAxis).filter((axis) => axis.id !== '').sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

function builtInAxes(ids: readonly string[]): GridAxis[] {
  return ids.map((id, index) => ({ id, key: id, label: '', order: index + 1 }));
}

export function templateOf(templateId: TemplateId): GridTemplate {
  const ready = gridTemplates[templateId];
  return { templateId, rows: builtInAxes(ready.rows), columns: builtInAxes(ready.columns) };
}

type ScopeMap = Y.Map<Y.Map<Y.Map<RecordValue>> | string>;

/**
 * The grid templates of a route, in its route document. Built-in rows keep their template's ids, so
 * switching from PPP to SWOT and back brings the PPP cards back to their rows.
 */
export class CaseTemplates {
  constructor(readonly doc: Y.Doc) {}

  get templatesMap(): Y.Map<ScopeMap> {
    return this.doc.getMap(caseRouteRoots.templates);
  }

  get keyPointsMap(): Y.Map<boolean> {
    return this.doc.getMap(caseRouteRoots.keyPoints);
  }

  /** Whether this host has a template of its own rather than the route's. */
  hasOwnTemplate(hostId: string): boolean {
    return this.templatesMap.has(scopeKey({ hostId }));
  }

  /** The scope whose template a host's grid shows. */
  scopeFor(hostId: string): TemplateScope {
    return this.hasOwnTemplate(hostId) ? { hostId } : 'route';
  }

  read(scope: TemplateScope): GridTemplate {
    const map = this.templatesMap.get(scopeKey(scope));
    if (!map) return scope === 'route' ? templateOf('ppp') : this.read('route');
    const templateId = map.get('templateId');
    return {
      templateId: templateIds.includes(templateId as TemplateId) ? (templateId as TemplateId) : 'ppp',
      rows: readAxes(map.get('rows') as Y.Map<Y.Map<RecordValue>> | undefined),
      columns: readAxes(map.get('columns') as Y.Map<Y.Map<RecordValue>> | undefined),
    };
  }

  /** The template a host's grid shows: its own, else the route's, else the PPP grid. */
  forHost(hostId: string): GridTemplate {
    return this.read(this.scopeFor(hostId));
  }

  /** Starts a scope over from a ready template. Cards are untouched. */
  apply(scope: TemplateScope, templateId: TemplateId): void {
    this.#write(scope, templateOf(templateId));
  }

  /** A host goes back to the route's template. */
  useRouteTemplate(hostId: string): void {
    this.templatesMap.delete(scopeKey({ hostId }));
  }

  addAxis(scope: TemplateScope, axis: AxisName, label: string, index?: number): string {
    const id = newId();
    this.doc.transact(() => {
      const map = this.#axisMap(scope, axis);
      const axes = readAxes(map);
      map.set(id, toYRecord({ id, key: '', label, order: 0 }));
      this.#reorder(map, [...axes.map((a) => a.id)].toSpliced(index ?? axes.length, 0, id), axes);
    });
    return id;
  }

  renameAxis(scope: TemplateScope, axis: AxisName, id: string, label: string): void {
    this.doc.transact(() => {
      const record = this.#axisMap(scope, axis).get(id);
      if (record) setFields(record, { label });
    });
  }

  moveAxis(scope: TemplateScope, axis: AxisName, id: string, toIndex: number): void {
    this.doc.transact(() => {
      const map = this.#axisMap(scope, axis);
      const axes = readAxes(map);
      const ids = axes.map((a) => a.id).filter((other) => other !== id);
      if (ids.length === axes.length) return;
      this.#reorder(map, ids.toSpliced(Math.max(0, Math.min(toIndex, ids.length)), 0, id), axes);
    });
  }

  /** Takes a row or column out of the template; its cards stay in the case documents, shown as unsorted. */
  removeAxis(scope: TemplateScope, axis: AxisName, id: string): void {
    this.doc.transact(() => this.#axisMap(scope, axis).delete(id));
  }

  isKeyPoint(hostId: string, cardId: string): boolean {
    return this.keyPointsMap.get(`${hostId}/${cardId}`) === true;
  }

  keyPoints(hostId: string): Set<string> {
    const prefix = `${hostId}/`;
    return new Set([...this.keyPointsMap.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)));
  }

  setKeyPoint(hostId: string, cardIds: string[], isKey: boolean): void {
    this.doc.transact(() => {
      for (const id of cardIds) {
        if (isKey) this.keyPointsMap.set(`${hostId}/${id}`, true);
        else this.keyPointsMap.delete(`${hostId}/${id}`);
      }
    });
  }

  /**
   * Gives a scope a template of its own, copied from what it shows now (the route's, or the PPP grid), so
   * that a first edit changes one row and keeps the rest. Done apart from that edit, it lets an undo of the
   * edit take back that row alone, not the copy others may have edited since.
   */
  materialize(scope: TemplateScope): void {
    if (!this.templatesMap.has(scopeKey(scope))) this.#write(scope, this.read(scope));
  }

  #axisMap(scope: TemplateScope, axis: AxisName): Y.Map<Y.Map<RecordValue>> {
    this.materialize(scope);
    return this.templatesMap.get(scopeKey(scope))!.get(axis) as Y.Map<Y.Map<RecordValue>>;
  }

  /** Gives the axes orders 1, 2, 3… in `ids` order, writing only those that change. */
  #reorder(map: Y.Map<Y.Map<RecordValue>>, ids: string[], before: GridAxis[]): void {
    const old = new Map(before.map((a) => [a.id, a.order]));
    ids.forEach((id, index) => {
      if (old.get(id) !== index + 1) map.get(id)?.set('order', index + 1);
    });
  }

  #write(scope: TemplateScope, template: GridTemplate): void {
    this.doc.transact(() => {
      const map: ScopeMap = new Y.Map();
      const rows = new Y.Map<Y.Map<RecordValue>>();
      const columns = new Y.Map<Y.Map<RecordValue>>();
      for (const row of template.rows) rows.set(row.id, toYRecord(row));
      for (const column of template.columns) columns.set(column.id, toYRecord(column));
      map.set('templateId', template.templateId);
      map.set('rows', rows);
      map.set('columns', columns);
      this.templatesMap.set(scopeKey(scope), map);
    });
  }
}

/** A card placed in a template: in its own row and column, or in the unsorted row when either is gone. */
export interface PlacedCard {
  card: GridCard;
  rowId: string;
  columnId: string;
}

/**
 * Where each card shows in a template. A card whose row is gone goes to the unsorted row (in its own
 * column when that is still there, else the first); one whose column alone is gone too. Nothing is
 * dropped: every card given comes back.
 */
export function placeCards(cards: GridCard[], template: GridTemplate): { placed: PlacedCard[]; unsorted: number } {
  const rows = new Set(template.rows.map((r) => r.id));
  const columns = new Set(template.columns.map((c) => c.id));
  const firstColumn = template.columns[0]?.id ?? unsortedId;
  let unsorted = 0;
  const placed = cards.map((card) => {
    if (rows.has(card.rowId) && columns.has(card.columnId)) return { card, rowId: card.rowId, columnId: card.columnId };
    unsorted += 1;
    return { card, rowId: unsortedId, columnId: columns.has(card.columnId) ? card.columnId : firstColumn };
  });
  return { placed, unsorted };
}

// ─── Promotion into the river ─────────────────────────────────────────────────────────────────────────

/** What a promoted river card keeps as its `source`: the grid card it came from. */
export const caseCardSource = (hostId: string, cardId: string): string => `case/${hostId}/${cardId}`;

export function parseCaseCardSource(source: string): { hostId: string; cardId: string } | null {
  const match = /^case\/([^/]+)\/([^/]+)$/.exec(source);
  return match ? { hostId: match[1]!, cardId: match[2]! } : null;
}

/** The grid cards of a host that are in the river already. */
export function promotedCardIds(riverCards: Card[], hostId: string): Set<string> {
  const sources = riverCards.map((card) => parseCaseCardSource(card.source));
  return new Set(sources.flatMap((source) => (source?.hostId === hostId ? [source.cardId] : [])));
}

/**
 * Copies grid cards into the river's "lessons learned" stream on the host's visit day, each keeping a
 * link back to the grid card it came from. A card already in the river is not copied again. Returns the
 * ids of the river cards made, in the order given.
 */
export function promoteToRiver(river: RiverDoc, cards: GridCard[], to: { hostId: string; dayId: string }, now: number): string[] {
  const streams = river.streams();
  const lessons = (streams.find((s) => s.kind === 'lessons') ?? defaultStreams.find((s) => s.kind === 'lessons')!).id;
  const already = new Set(river.cards().map((card) => card.source));
  const made: string[] = [];
  river.doc.transact(() => {
    for (const card of cards) {
      const source = caseCardSource(to.hostId, card.id);
      if (already.has(source)) continue;
      already.add(source);
      const { text, author, authorId, color, photos } = card;
      made.push(river.addCard({ text, author, authorId, color, photos, streamId: lessons, dayId: to.dayId, source }, now));
    }
  });
  return made;
}
