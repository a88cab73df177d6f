import { describe, expect, it } from 'vitest';
import { checkDocName, docNameLimits } from '../../../shared/doc-names.ts';

const segment = (length: number, char = 'a'): string => char.repeat(length);

function expectRefused(name: string, messagePart: string): void {
  const result = checkDocName(name);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toContain(messagePart);
}

describe('checkDocName accepts', () => {
  it.each([
    'route/laos-2013/river',
    'route/laos-2013',
    'route',
    'route/r1/case/h1',
    'route/R1/Case_Grid/v2.1',
    'a',
    '0',
    'route/9lives/x-y_z.w',
    'route/a..b',
    'route/trailing-dot.',
    'route/trailing-dash-',
  ])('%s', (name) => {
    expect(checkDocName(name)).toEqual({ ok: true, name });
  });

  it('a name of exactly the maximum length', () => {
    const name = [segment(64), segment(64), segment(64), segment(5)].join('/');
    expect(name).toHaveLength(docNameLimits.maxLength);
    expect(checkDocName(name).ok).toBe(true);
  });

  it('exactly the maximum number of segments', () => {
    const name = Array.from({ length: docNameLimits.maxSegments }, (_, i) => `s${i}`).join('/');
    expect(checkDocName(name).ok).toBe(true);
  });

  it('a segment of exactly the maximum length', () => {
    expect(checkDocName(`route/${segment(docNameLimits.maxSegmentLength)}`).ok).toBe(true);
  });
});

describe('checkDocName refuses', () => {
  it('an empty name', () => {
    expectRefused('', 'empty');
  });

  it('a name one character over the maximum length', () => {
    const name = [segment(64), segment(64), segment(64), segment(6)].join('/');
    expect(name).toHaveLength(docNameLimits.maxLength + 1);
    expectRefused(name, `longer than ${docNameLimits.maxLength}`);
  });

  it('a very long name, before splitting it', () => {
    expectRefused('a/'.repeat(100_000), `longer than ${docNameLimits.maxLength}`);
  });

  it('one segment more than the maximum', () => {
    const name = Array.from({ length: docNameLimits.maxSegments + 1 }, (_, i) => `s${i}`).join('/');
    expectRefused(name, `more than ${docNameLimits.maxSegments} parts`);
  });

  it('a segment one character over the maximum', () => {
    expectRefused(`route/${segment(docNameLimits.maxSegmentLength + 1)}`, `longer than ${docNameLimits.maxSegmentLength}`);
  });

  it.each([
    ['a parent reference', 'route/../secrets'],
    ['a trailing parent reference', 'route/ab/..'],
    ['only a parent reference', '..'],
    ['a current-directory segment', 'route/./ab'],
    ['a leading dot', '.hidden'],
    ['a segment with a leading dot', 'route/.git'],
    ['a leading dash', 'route/-flag'],
    ['a leading underscore', 'route/_private'],
  ])('%s', (_label, name) => {
    expectRefused(name, 'starting with a letter or digit');
  });

  it.each([
    ['a leading slash', '/route/ab'],
    ['a trailing slash', 'route/ab/'],
    ['a doubled slash', 'route//ab'],
    ['only a slash', '/'],
  ])('an empty segment: %s', (_label, name) => {
    expectRefused(name, 'parts separated by "/"');
  });

  it.each([
    ['a space', 'route/a b'],
    ['a backslash', 'route\\ab'],
    ['a percent escape', 'route/a%2Fb'],
    ['a query', 'route/ab?x=1'],
    ['a fragment', 'route/ab#x'],
    ['a colon', 'route:ab'],
    ['a plus', 'route/a+b'],
    ['a tilde', 'route/~ab'],
    ['a NUL byte', 'route/a\u0000b'],
    ['a trailing newline', 'route/ab\n'],
    ['a tab', 'route/\tab'],
    ['a quote', 'route/"ab"'],
  ])('a bad character: %s', (_label, name) => {
    expectRefused(name, 'letters, digits');
  });

  it.each([
    ['Lao', 'route/ສະບາຍດີ'],
    ['accented Latin', 'route/café'],
    ['a fullwidth letter', 'route/ａb'],
    ['a fullwidth solidus', 'route／ab'],
    ['an emoji', 'route/🌊'],
    ['a zero-width space', 'route/a\u200bb'],
    ['a Cyrillic lookalike', 'route/\u0430b'],
    ['a combining accent', 'route/e\u0301'],
  ])('unicode: %s', (_label, name) => {
    expect(checkDocName(name).ok).toBe(false);
  });
});
