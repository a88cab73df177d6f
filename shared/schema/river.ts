import * as Y from 'yjs';
import { CardBoardDoc } from './card-board-doc.ts';
import { cardRecord, readPhotos } from './card-photos.ts';
import { newId } from './ids.ts';
import { num, setFields, str, toYRecord, type RecordValue } from './y-records.ts';

/**
 * The river document (`route/<routeId>/river`): streams (kinds of contribution) flowing through the days
 * of the route, and the cards people add to them. Cards live in a map keyed by id, so moving a card is
 * setting two fields: concurrent moves of one card settle on one place everywhere, and a move never
 * loses a concurrent text edit.
 */
export const riverRoots = { streams: 'streams', cards: 'cards', links: 'links' } as const;

export type StreamKind = 'knowledge' | 'expectations' | 'challenges' | 'lessons' | 'recommendations' | 'ideas' | 'custom';

export interface Stream {
  id: string;
  kind: StreamKind;
  /** Empty for the built-in kinds: the client shows their translated names. */
  label: string;
  color: string;
}

export interface Card {
  id: string;
  text: string;
  /** Display name at the time of writing, and the stable id of the person's browser. */
  author: string;
  authorId: string;
  streamId: string;
  dayId: string;
  color: string;
  /** Position among the cards of the same stream and day; fractional so inserts never renumber. */
  order: number;
  createdAt: number;
  editedAt: number;
  /** Where a promoted card came from (`case/<hostId>/<cardId>`, see `caseCardSource`), else ''. */
  source: string;
  /** Photo ids (see `server/photos/`), in the order they were added. */
  photos: string[];
}

export interface CardLink {
  id: string;
  from: string;
  to: string;
}

export const defaultStreams: Stream[] = [
  { id: 'knowledge', kind: 'knowledge', label: '', color: '#2f7f9e' },
  { id: 'expectations', kind: 'expectations', label: '', color: '#7a5ea8' },
  { id: 'challenges', kind: 'challenges', label: '', color: '#c0603a' },
  { id: 'lessons', kind: 'lessons', label: '', color: '#3c8a55' },
  { id: 'recommendations', kind: 'recommendations', label: '', color: '#b08a1e' },
  { id: 'ideas', kind: 'ideas', label: '', color: '#c2457a' },
];

export const cardColors = ['#fff4b8', '#ffd9c2', '#d6f0d2', '#d4e6fa', '#ead9f5', '#f5d4df', '#ffffff'] as const;

const streamKinds = new Set<string>(['knowledge', 'expectations', 'challenges', 'lessons', 'recommendations', 'ideas', 'custom']);

function readStream(map: Y.Map<RecordValue>): Stream {
  const kind = str(map, 'kind');
  return {
    id: str(map, 'id'),
    kind: (streamKinds.has(kind) ? kind : 'custom') as StreamKind,
    label: str(map, 'label'),
    color: str(map, 'color', '#5a7d8c'),
  };
}

function readCard(map: Y.Map<RecordValue>): Card {
  return {
    id: str(map, 'id'),
    text: str(map, 'text'),
    author: str(map, 'author'),
    authorId: str(map, 'authorId'),
    streamId: str(map, 'streamId'),
    dayId: str(map, 'dayId'),
    color: str(map, 'color', cardColors[0]),
    order: num(map, 'order'),
    createdAt: num(map, 'createdAt'),
    editedAt: num(map, 'editedAt'),
    source: str(map, 'source'),
    photos: readPhotos(map),
  };
}

export type NewCard = Pick<Card, 'text' | 'author' | 'authorId' | 'streamId' | 'dayId'> & Partial<Pick<Card, 'color' | 'order' | 'id' | 'source' | 'photos'>>;

/** Typed access to a river document. Every method that changes it is one transaction (one undo step). */
export class RiverDoc extends CardBoardDoc<Card> {
  protected readCard(map: Y.Map<RecordValue>): Card {
    return readCard(map);
  }

  get streamsArray(): Y.Array<Y.Map<RecordValue>> {
    return this.doc.getArray(riverRoots.streams);
  }

  get cardsMap(): Y.Map<Y.Map<RecordValue>> {
    return this.doc.getMap(riverRoots.cards);
  }

  get linksMap(): Y.Map<Y.Map<RecordValue>> {
    return this.doc.getMap(riverRoots.links);
  }

  streams(): Stream[] {
    return this.streamsArray.toArray().map(readStream);
  }

  /** Gives a new river its default streams; does nothing to a river that has any. */
  ensureStreams(): void {
    if (this.streamsArray.length > 0) return;
    this.streamsArray.insert(0, defaultStreams.map((stream) => toYRecord(stream)));
  }

  addStream(stream: Omit<Stream, 'id'>): string {
    const id = newId();
    this.streamsArray.push([toYRecord({ ...stream, id })]);
    return id;
  }

  updateStream(id: string, fields: Partial<Omit<Stream, 'id'>>): void {
    const map = this.streamsArray.toArray().find((m) => str(m, 'id') === id);
    if (map) this.doc.transact(() => setFields(map, fields));
  }

  /** Moves a stream to `toIndex` among the streams: its cards go with it, as they point at its id. */
  moveStream(id: string, toIndex: number): void {
    const index = this.streamsArray.toArray().findIndex((m) => str(m, 'id') === id);
    if (index < 0 || index === toIndex) return;
    const stream = readStream(this.streamsArray.get(index));
    this.doc.transact(() => {
      this.streamsArray.delete(index, 1);
      this.streamsArray.insert(Math.max(0, Math.min(toIndex, this.streamsArray.length)), [toYRecord(stream)]);
    });
  }

  /** Removes a stream that holds no cards; returns false when it still holds some. */
  removeStream(id: string): boolean {
    if (this.cards().some((card) => card.streamId === id)) return false;
    const index = this.streamsArray.toArray().findIndex((m) => str(m, 'id') === id);
    if (index >= 0) this.streamsArray.delete(index, 1);
    return true;
  }

  /** Cards of one cell (stream × day), in display order. */
  cellCards(streamId: string, dayId: string): Card[] {
    return sortCards(this.cards().filter((card) => card.streamId === streamId && card.dayId === dayId));
  }

  addCard(card: NewCard, now: number): string {
    const id = card.id ?? newId();
    const order = card.order ?? nextOrder(this.cellCards(card.streamId, card.dayId));
    const record: Card = { color: cardColors[0], source: '', photos: [], ...card, id, order, createdAt: now, editedAt: now };
    this.cardsMap.set(id, cardRecord(record));
    return id;
  }

  /** Moves cards to a cell, placed before `beforeId` (or at the end), keeping their relative order. */
  moveCards(ids: string[], to: { streamId: string; dayId: string; beforeId?: string | null }): void {
    const moving = new Set(ids);
    const target = this.cellCards(to.streamId, to.dayId).filter((card) => !moving.has(card.id));
    const beforeIndex = to.beforeId ? target.findIndex((card) => card.id === to.beforeId) : -1;
    const low = beforeIndex > 0 ? target[beforeIndex - 1]!.order : beforeIndex === 0 ? (target[0]!.order - 1) : (target.at(-1)?.order ?? 0);
    const high = beforeIndex >= 0 ? target[beforeIndex]!.order : low + ids.length + 1;
    const cards = sortCards(ids.map((id) => this.card(id)).filter((card): card is Card => card !== null));
    this.doc.transact(() => {
      cards.forEach((card, index) => {
        const map = this.cardsMap.get(card.id)!;
        const order = low + ((high - low) * (index + 1)) / (cards.length + 1);
        setFields<Card>(map, { streamId: to.streamId, dayId: to.dayId, order });
      });
    });
  }

  deleteCards(ids: string[]): void {
    this.doc.transact(() => {
      for (const id of ids) this.cardsMap.delete(id);
      for (const [linkId, link] of this.linksMap) {
        if (ids.includes(str(link, 'from')) || ids.includes(str(link, 'to'))) this.linksMap.delete(linkId);
      }
    });
  }

  links(): CardLink[] {
    return [...this.linksMap.values()].map((m) => ({ id: str(m, 'id'), from: str(m, 'from'), to: str(m, 'to') }));
  }

  linkCards(from: string, to: string): string | null {
    if (from === to || this.links().some((l) => (l.from === from && l.to === to) || (l.from === to && l.to === from))) return null;
    const id = newId();
    this.linksMap.set(id, toYRecord({ id, from, to }));
    return id;
  }

  unlink(id: string): void {
    this.linksMap.delete(id);
  }
}

export function sortCards(cards: Card[]): Card[] {
  return [...cards].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

function nextOrder(cards: Card[]): number {
  return cards.length === 0 ? 1 : Math.max(...cards.map((card) => card.order)) + 1;
}

/**
 * How wide the river runs on each day: the contributions up to and including that day, so it visibly
 * widens as the route goes on. Returns one count per day, in the days' order.
 */
export function cumulativeFlow(cards: Card[], dayIds: string[]): number[] {
  const perDay = new Map<string, number>();
  for (const card of cards) perDay.set(card.dayId, (perDay.get(card.dayId) ?? 0) + 1);
  let total = 0;
  return dayIds.map((dayId) => (total += perDay.get(dayId) ?? 0));
}
