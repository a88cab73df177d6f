import { defaultStreams, type Card } from '../../../../../shared/schema/river.ts';
import type { Day, Team } from '../../../../../shared/schema/route.ts';
import type { LayoutParams } from '../../../../../client/components/cards/layout.ts';

export const streams = defaultStreams;
export const days: Day[] = [1, 2, 3].map((n) => ({ id: `d${n}`, date: `2013-05-0${n + 5}`, title: `Day ${n}` }));
export const teams: Team[] = ['a', 'b'].map((id) => ({ id, name: `Team ${id}`, organisation: '', planTitle: `Plan ${id}`, community: `Village ${id}` }));

export const params: LayoutParams = {
  cardWidth: 100,
  cardHeight: 60,
  gap: 10,
  padding: 10,
  labelWidth: 120,
  headerHeight: 50,
  riverHeight: 100,
  minColumnWidth: 140,
  maxPerRow: 3,
  rowRatio: 2,
  outflowWidth: 200,
  addSlot: true,
};

let created = 0;

/** A card in a cell; `order` defaults to creation order. */
export function card(streamId: string, dayId: string, fields: Partial<Card> = {}): Card {
  created += 1;
  return {
    id: `c${created}`,
    text: `card ${created}`,
    author: 'Khamla',
    authorId: 'k',
    streamId,
    dayId,
    color: '#fff4b8',
    order: created,
    createdAt: created,
    editedAt: created,
    source: '',
    photos: [],
    ...fields,
  };
}
