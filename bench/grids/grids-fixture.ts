import * as Y from 'yjs';
import { CaseDoc, CaseTemplates, gridTemplates } from '../../shared/schema/case.ts';
import { writeRoute } from '../../shared/schema/route.ts';
import { seededRandom, type Random } from '../../tests/helpers/seeded-random.ts';

/**
 * One host analysed by `groups` working groups on the PPP grid (9 rows x 3 columns), `cards` cards in
 * all, of the lengths people write.
 */
const phrases = [
  'The buyer pays a fixed price agreed before planting',
  'Women keep the group’s accounts open to every member',
  'The district office trains on organic methods',
  'Certification is expensive for a small group',
  'ກຸ່ມແມ່ຍິງຕ້ອງມີບັນຊີທີ່ໂປ່ງໃສ',
  'Hợp tác xã giúp nông dân bán rau an toàn với giá ổn định',
];

export const benchHostId = 'asparagus';

function sentence(random: Random): string {
  return Array.from({ length: 1 + random.int(2) }, () => random.pick(phrases)).join('. ');
}

export function writeBenchRoute(doc: Y.Doc, groups: number): void {
  doc.transact(() => {
    writeRoute(doc, {
      title: 'Grids benchmark',
      place: '',
      startDate: '2013-05-06',
      endDate: '2013-05-10',
      days: [{ id: 'd2', date: '2013-05-07', title: 'Field visit' }],
      schedule: [],
      hosts: [{ id: benchHostId, name: 'Organic Asparagus Producers’ Group', place: '', summary: '', dayId: 'd2' }],
      groups: Array.from({ length: groups }, (_, i) => ({ id: `g${i + 1}`, name: `Group ${i + 1}` })),
      teams: [],
    });
    new CaseTemplates(doc).apply('route', 'ppp');
  });
}

export function fillGrids(doc: Y.Doc, options: { cards: number; groups: number; seed: number; now: number }): void {
  const random = seededRandom(options.seed);
  const grid = new CaseDoc(doc);
  const { rows, columns } = gridTemplates.ppp;
  doc.transact(() => {
    for (let i = 0; i < options.cards; i += 1) {
      grid.addCard(
        { text: sentence(random), author: `Participant ${1 + random.int(30)}`, authorId: `a${random.int(30)}`, groupId: `g${1 + (i % options.groups)}`, rowId: random.pick(rows), columnId: random.pick(columns) },
        options.now + i,
      );
    }
  });
}

/** Another group member's next card, in the first row, which the comparison shows from the start. */
export function addGridCard(doc: Y.Doc, random: Random, index: number, now: number): void {
  new CaseDoc(doc).addCard({ text: sentence(random), author: 'Remote', authorId: 'remote', groupId: 'g1', rowId: 'story', columnId: 'community', order: -index }, now);
}
