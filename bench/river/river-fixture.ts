import * as Y from 'yjs';
import { RiverDoc } from '../../shared/schema/river.ts';
import { seededRandom, type Random } from '../../tests/helpers/seeded-random.ts';

/**
 * A full river as a busy route leaves it: `count` cards from `authors` people over the given days, in
 * every stream, of the lengths people write (a few words to three lines), in the route's three languages.
 */
const phrases = [
  'Group cohesion and a shared vision come before the contract',
  'The buyer pays a fixed price agreed before planting',
  'Financial transparency built trust with the members',
  'Roads are cut in the rainy season',
  'Women keep the group’s accounts open to every member',
  'Certification is expensive for a small group',
  'Farmer-to-farmer exchange on seed quality',
  'ການຂາຍກາເຟອິນຊີຕ້ອງມີຄຸນນະພາບສະໝໍ່າສະເໝີ',
  'ກຸ່ມແມ່ຍິງຕ້ອງມີບັນຊີທີ່ໂປ່ງໃສ',
  'Hợp tác xã giúp nông dân bán rau an toàn với giá ổn định',
  'Chia sẻ kinh nghiệm trồng tre với các hộ nông dân khác',
];

function sentence(random: Random): string {
  const parts = 1 + random.int(3);
  return Array.from({ length: parts }, () => random.pick(phrases)).join('. ');
}

export function fillRiver(doc: Y.Doc, options: { count: number; authors: number; dayIds: string[]; seed: number; now: number }): void {
  const random = seededRandom(options.seed);
  const river = new RiverDoc(doc);
  const streams = river.streams().map((stream) => stream.id);
  const people = Array.from({ length: options.authors }, (_, i) => ({ author: `Participant ${i + 1}`, authorId: `bench-author-${i + 1}` }));
  doc.transact(() => {
    for (let i = 0; i < options.count; i += 1) {
      river.addCard(
        { ...random.pick(people), text: sentence(random), streamId: random.pick(streams), dayId: random.pick(options.dayIds), order: i + 1 },
        options.now + i,
      );
    }
  });
}

/** The next card another person adds while the page is measured: at the top of a cell in view. */
export function addVisibleCard(doc: Y.Doc, random: Random, index: number, now: number): void {
  const river = new RiverDoc(doc);
  river.addCard(
    { author: `Participant ${1 + random.int(30)}`, authorId: `bench-author-${1 + random.int(30)}`, text: sentence(random), streamId: 'knowledge', dayId: 'd1', order: -index },
    now,
  );
}
