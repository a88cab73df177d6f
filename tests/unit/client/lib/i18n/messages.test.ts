import { expect, test } from 'vitest';
import { en } from '../../../../../client/lib/i18n/en.ts';
import { t } from '../../../../../client/lib/i18n/messages.ts';

test('fills named parameters and leaves unknown ones visible', () => {
  expect(t('presence.you', { name: 'Ana' })).toBe('Ana (you)');
  expect(t('presence.you')).toBe('{name} (you)');
});

test('picks the plural form from the count', () => {
  expect(t('presence.here', { count: 1 })).toBe('1 person here:');
  expect(t('presence.here', { count: 2 })).toBe('2 people here:');
  expect(t('presence.here', { count: 0 })).toBe('0 people here:');
});

test('every refusal code the server sends today has a message of its own', () => {
  for (const code of ['token_missing', 'token_invalid', 'token_expired', 'forbidden', 'invalid_document_name']) {
    expect(Object.keys(en)).toContain(`refusal.${code}`);
  }
});
