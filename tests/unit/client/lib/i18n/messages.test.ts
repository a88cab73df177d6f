import { afterEach, expect, test } from 'vitest';
import { defineMessages } from '../../../../../client/lib/i18n/define-messages.ts';
import { en } from '../../../../../client/lib/i18n/en.ts';
import { getLocale, setLocale } from '../../../../../client/lib/i18n/locale.svelte.ts';
import { t } from '../../../../../client/lib/i18n/messages.ts';

afterEach(() => setLocale('en'));

test('fills named parameters and leaves unknown ones visible', () => {
  expect(t('presence.you', { name: 'Ana' })).toBe('Ana (you)');
  expect(t('presence.you')).toBe('{name} (you)');
});

test('picks the plural form from the count', () => {
  expect(t('presence.here', { count: 1 })).toBe('1 person here');
  expect(t('presence.here', { count: 2 })).toBe('2 people here');
  expect(t('presence.here', { count: 0 })).toBe('0 people here');
});

test('reads the current locale on every call', () => {
  setLocale('lo');
  expect(getLocale()).toBe('lo');
  expect(t('presence.you', { name: 'Ana' })).toBe('Ana (ທ່ານ)');
  setLocale('vi');
  expect(t('presence.here', { count: 1 })).toBe('1 người đang ở đây');
});

test('a view defines its own catalogs, with plural forms per language', () => {
  const { t: viewT, has } = defineMessages({
    en: { 'cards.count': { one: '{count} card', other: '{count} cards' }, 'cards.add': 'Add' },
    lo: { 'cards.count': '{count} ບັດ', 'cards.add': 'ເພີ່ມ' },
    vi: { 'cards.count': '{count} thẻ', 'cards.add': 'Thêm' },
  });
  expect(viewT('cards.count', { count: 1 })).toBe('1 card');
  expect(viewT('cards.count', { count: 3 })).toBe('3 cards');
  setLocale('lo');
  expect(viewT('cards.count', { count: 3 })).toBe('3 ບັດ');
  expect(has('cards.add')).toBe(true);
  expect(has('cards.remove')).toBe(false);
});

test('every refusal code the server sends today has a message of its own', () => {
  for (const code of ['token_missing', 'token_invalid', 'token_expired', 'forbidden', 'invalid_document_name']) {
    expect(Object.keys(en)).toContain(`refusal.${code}`);
  }
});
