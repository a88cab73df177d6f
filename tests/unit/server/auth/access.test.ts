import { describe, expect, it } from 'vitest';
import { decideAccess, isWithinScope, refusals, requireWrite, type AccessDecision, type Grant } from '../../../../server/auth/access.ts';

const now = Date.UTC(2026, 10, 23, 9, 0, 0);
const scoped = (scope: string, access: 'read' | 'write', expiresAt: number | null = null): Grant => ({
  kind: 'scoped',
  scope,
  access,
  expiresAt,
});

describe('isWithinScope', () => {
  it.each([
    ['the scope itself', 'route/ab', 'route/ab'],
    ['a document directly under it', 'route/ab/river', 'route/ab'],
    ['a document deeper under it', 'route/ab/case/h1', 'route/ab'],
    ['a single-document scope', 'route/ab/river', 'route/ab/river'],
    ['a top-level prefix', 'route/ab/river', 'route'],
  ])('covers %s', (_label, docName, scope) => {
    expect(isWithinScope(docName, scope)).toBe(true);
  });

  it.each([
    ['a sibling sharing a prefix', 'route/abc', 'route/ab'],
    ['a child of a sibling sharing a prefix', 'route/abc/river', 'route/ab'],
    ['a sibling document', 'route/ab/case', 'route/ab/river'],
    ['the parent of a document scope', 'route/ab', 'route/ab/river'],
    ['a different route', 'route/xy/river', 'route/ab'],
    ['a name that only ends like the scope', 'other/route/ab', 'route/ab'],
    ['a differently cased name', 'Route/AB', 'route/ab'],
    ['a document when the scope has a trailing slash', 'route/ab/river', 'route/ab/river/'],
  ])('does not cover %s', (_label, docName, scope) => {
    expect(isWithinScope(docName, scope)).toBe(false);
  });
});

describe('decideAccess', () => {
  it('refuses a missing or unverifiable grant as an invalid token (401)', () => {
    expect(decideAccess(null, 'route/ab/river', now)).toEqual(refusals.invalid);
    expect(refusals.invalid).toMatchObject({ level: 'none', status: 401, error: 'token_invalid' });
  });

  it('gives the admin write access to every document, without expiry', () => {
    for (const docName of ['route/ab/river', 'route/zz', 'anything']) {
      expect(decideAccess({ kind: 'admin' }, docName, now)).toMatchObject({ level: 'write', expiresAt: null });
    }
  });

  it.each(['read', 'write'] as const)('gives a %s grant its level inside its scope, with its expiry', (access) => {
    expect(decideAccess(scoped('route/ab', access), 'route/ab/river', now)).toMatchObject({ level: access, expiresAt: null });
    expect(decideAccess(scoped('route/ab', access, now + 60_000), 'route/ab', now)).toMatchObject({
      level: access,
      expiresAt: now + 60_000,
    });
  });

  it('forbids documents outside the scope (403), whatever the access', () => {
    expect(decideAccess(scoped('route/ab', 'write'), 'route/abc/river', now)).toEqual(refusals.forbidden);
    expect(decideAccess(scoped('route/ab/river', 'read'), 'route/ab/case', now)).toEqual(refusals.forbidden);
    expect(refusals.forbidden).toMatchObject({ level: 'none', status: 403, error: 'forbidden' });
  });

  it('expires a grant at its expiry instant, not a millisecond later', () => {
    const grant = scoped('route/ab', 'write', now);
    expect(decideAccess(grant, 'route/ab/river', now - 1)).toMatchObject({ level: 'write', expiresAt: now });
    expect(decideAccess(grant, 'route/ab/river', now)).toEqual(refusals.expired);
    expect(decideAccess(grant, 'route/ab/river', now + 1)).toEqual(refusals.expired);
    expect(refusals.expired).toMatchObject({ level: 'none', status: 401, error: 'token_expired' });
  });

  it('reports expiry before scope, so an old link says "expired" rather than "forbidden"', () => {
    expect(decideAccess(scoped('route/ab', 'read', now - 1), 'route/xy', now)).toEqual(refusals.expired);
  });

  it('never expires a grant without expiry', () => {
    expect(decideAccess(scoped('route/ab', 'read'), 'route/ab', Number.MAX_SAFE_INTEGER)).toMatchObject({ level: 'read', expiresAt: null });
  });
});

describe('requireWrite', () => {
  it('turns read access into a read-only refusal (403)', () => {
    expect(requireWrite({ level: 'read', expiresAt: now, grant: { kind: 'admin' } })).toEqual(refusals.readOnly);
    expect(refusals.readOnly).toMatchObject({ level: 'none', status: 403, error: 'read_only' });
  });

  it('passes write access through unchanged', () => {
    const decision: AccessDecision = { level: 'write', expiresAt: now + 5, grant: { kind: 'admin' } };
    expect(requireWrite(decision)).toBe(decision);
  });

  it('passes refusals through unchanged, keeping the original reason', () => {
    for (const refusal of [refusals.missing, refusals.invalid, refusals.expired, refusals.forbidden]) {
      expect(requireWrite(refusal)).toBe(refusal);
    }
  });

  it('composes with decideAccess', () => {
    expect(requireWrite(decideAccess(scoped('route/ab', 'read'), 'route/ab/river', now))).toEqual(refusals.readOnly);
    expect(requireWrite(decideAccess(scoped('route/ab', 'write'), 'route/ab/river', now))).toMatchObject({ level: 'write', expiresAt: null });
    expect(requireWrite(decideAccess(scoped('route/ab', 'read'), 'route/xy', now))).toEqual(refusals.forbidden);
  });
});

describe('refusals', () => {
  it('each carry a distinct error code, a 401 for token problems, a 403 for decisions about this board and a 503 while people load', () => {
    const all = Object.values(refusals);
    expect(new Set(all.map((r) => r.error)).size).toBe(all.length);
    expect(Object.fromEntries(Object.entries(refusals).map(([name, r]) => [name, r.status]))).toEqual({
      missing: 401,
      invalid: 401,
      expired: 401,
      removed: 401,
      peopleLoading: 503,
      forbidden: 403,
      readOnly: 403,
    });
    for (const refusal of all) expect(refusal.message.length).toBeGreaterThan(0);
  });
});
