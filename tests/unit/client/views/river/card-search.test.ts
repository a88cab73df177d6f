import { expect, it } from 'vitest';
import { authorsOf, fold, foldedCard } from '../../../../../client/views/river/board/card-search.ts';
import { card } from './fixtures.ts';

it('finds Vietnamese and French words typed without their accents', () => {
  expect(fold('Nông nghiệp Đồng Tháp')).toBe('nong nghiep dong thap');
  expect(fold('Café')).toBe('cafe');
  expect(foldedCard(card('lessons', 'd1', { text: 'Hợp tác xã', author: 'Bình' }))).toBe('hop tac xa\nbinh');
});

it('keeps Lao vowels and tone marks, which change the word', () => {
  expect(fold('ມ້າ')).toBe('ມ້າ'.normalize('NFD'));
  expect(fold('ມ້າ')).not.toBe(fold('ມາ'));
});

it('lists each author once, by the name on their latest card', () => {
  const cards = [
    card('lessons', 'd1', { authorId: 'a', author: 'Noy', createdAt: 1 }),
    card('lessons', 'd1', { authorId: 'a', author: 'Noy K.', createdAt: 5 }),
    card('lessons', 'd1', { authorId: 'b', author: 'Bình', createdAt: 2 }),
  ];
  expect(authorsOf(cards)).toEqual([
    { id: 'b', name: 'Bình' },
    { id: 'a', name: 'Noy K.' },
  ]);
});
