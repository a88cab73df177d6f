import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decideAccess, refusals } from '../../../../server/auth/access.ts';
import { createTokenService, generateSecretToken } from '../../../../server/auth/tokens.ts';

// Fixed secrets: token bytes then depend only on the grant, so failures reproduce.
const secret = Buffer.from('7f3c9a1e5b2d4f6081a3c5e7092b4d6f7f3c9a1e5b2d4f6081a3c5e7092b4d6f', 'hex');
const otherSecret = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const adminToken = 'admin-Zq8r2LkP0w9vX4mN7bT1';
const service = createTokenService(adminToken, secret);
const now = Date.UTC(2026, 10, 23, 9, 0, 0);

/** A token signed with `secret` over an arbitrary payload: how an attacker who knew the secret would forge. */
function signRaw(payloadJson: string, key = secret): string {
  const payload = Buffer.from(payloadJson).toString('base64url');
  return `t1.${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

function parts(token: string): [string, string, string] {
  const [version, payload, signature] = token.split('.');
  return [version!, payload!, signature!];
}

describe('mint and verify', () => {
  it.each([
    { scope: 'route/laos-2013', access: 'write' as const, expiresAt: null },
    { scope: 'route/laos-2013/river', access: 'read' as const, expiresAt: now + 3_600_000 },
    { scope: 'route/a', access: 'read' as const, expiresAt: 0 },
    { scope: 'route/ສະບາຍດີ/"quoted"', access: 'write' as const, expiresAt: now },
  ])('round-trips $access on $scope (expires $expiresAt)', (grant) => {
    const token = service.mint(grant);
    expect(token).toMatch(/^t1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(service.verify(token)).toEqual({ kind: 'scoped', ...grant });
  });

  it('gives the same token for the same grant and secret, so a link is stable', () => {
    const grant = { scope: 'route/ab', access: 'read' as const, expiresAt: null };
    expect(service.mint(grant)).toBe(createTokenService('another admin', secret).mint(grant));
  });

  it('accepts tokens minted before a restart, by a service built from the same secret', () => {
    const token = service.mint({ scope: 'route/ab', access: 'write', expiresAt: null });
    expect(createTokenService('new admin token', Buffer.from(secret)).verify(token)).toEqual({
      kind: 'scoped',
      scope: 'route/ab',
      access: 'write',
      expiresAt: null,
    });
  });
});

describe('verify refuses forged and damaged tokens', () => {
  const readToken = service.mint({ scope: 'route/ab', access: 'read', expiresAt: now + 60_000 });

  it('a payload rewritten to grant more, with the original signature', () => {
    const [version, , signature] = parts(readToken);
    for (const grant of [
      { s: 'route/ab', a: 'write', e: now + 60_000 },
      { s: 'route', a: 'read', e: now + 60_000 },
      { s: 'route/ab', a: 'read', e: null },
    ]) {
      const forged = `${version}.${Buffer.from(JSON.stringify(grant)).toString('base64url')}.${signature}`;
      expect(service.verify(forged)).toBeNull();
    }
  });

  it('a single changed character anywhere in the payload or the signature', () => {
    const [version, payload, signature] = parts(readToken);
    const flip = (text: string, index: number): string =>
      `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
    for (let i = 0; i < payload.length; i++) expect(service.verify(`${version}.${flip(payload, i)}.${signature}`)).toBeNull();
    for (let i = 0; i < signature.length; i++) expect(service.verify(`${version}.${payload}.${flip(signature, i)}`)).toBeNull();
  });

  it('a truncated or extended signature', () => {
    expect(service.verify(readToken.slice(0, -1))).toBeNull();
    expect(service.verify(`${readToken}A`)).toBeNull();
    expect(service.verify(`${readToken}=`)).toBeNull();
  });

  it('a token signed with another secret', () => {
    const foreign = createTokenService(adminToken, otherSecret).mint({ scope: 'route/ab', access: 'write', expiresAt: null });
    expect(service.verify(foreign)).toBeNull();
    expect(createTokenService(adminToken, otherSecret).verify(readToken)).toBeNull();
  });

  it('a token with another version prefix', () => {
    const [, payload, signature] = parts(readToken);
    expect(service.verify(`t2.${payload}.${signature}`)).toBeNull();
    expect(service.verify(`T1.${payload}.${signature}`)).toBeNull();
    expect(service.verify(`.${payload}.${signature}`)).toBeNull();
  });

  it.each([
    ['not JSON', 'not json'],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"route/ab"'],
    ['no scope', '{"a":"read","e":null}'],
    ['a numeric scope', '{"s":7,"a":"read","e":null}'],
    ['an unknown access level', '{"s":"route/ab","a":"admin","e":null}'],
    ['no access level', '{"s":"route/ab","e":null}'],
    ['an expiry given as text', '{"s":"route/ab","a":"read","e":"2030-01-01"}'],
    ['no expiry field', '{"s":"route/ab","a":"read"}'],
  ])('a correctly signed payload with %s', (_label, json) => {
    expect(service.verify(signRaw(json))).toBeNull();
  });

  it('a correctly signed, well-formed payload is accepted (the forging helper itself works)', () => {
    expect(service.verify(signRaw('{"s":"route/ab","a":"read","e":null}'))).toEqual({
      kind: 'scoped',
      scope: 'route/ab',
      access: 'read',
      expiresAt: null,
    });
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['a single dot', '.'],
    ['three empty parts', '..'],
    ['only a version', 't1'],
    ['version and payload', 't1.eyJzIjoiYSJ9'],
    ['empty payload', 't1..c2ln'],
    ['empty signature', 't1.eyJzIjoiYSJ9.'],
    ['four parts', 't1.a.b.c'],
    ['whitespace', '   '],
    ['unicode', 'ສະບາຍດີ'],
    ['a Bearer header pasted whole', `Bearer ${adminToken}`],
  ])('garbage: %s', (_label, token) => {
    expect(service.verify(token)).toBeNull();
  });

  it('a valid token with a fourth part appended', () => {
    expect(service.verify(`${readToken}.${parts(readToken)[2]}`)).toBeNull();
  });
});

describe('admin token', () => {
  it('verifies as the admin grant', () => {
    expect(service.verify(adminToken)).toEqual({ kind: 'admin' });
  });

  it('matches only exactly', () => {
    for (const near of [
      adminToken.slice(0, -1),
      `${adminToken}x`,
      `${adminToken} `,
      ` ${adminToken}`,
      adminToken.toUpperCase(),
      adminToken.replace('Z', 'z'),
    ]) {
      expect(service.verify(near)).toBeNull();
    }
  });

  it('compares bytes, so a unicode admin token works and a same-length lookalike does not', () => {
    const unicode = createTokenService('ກ-admin', secret);
    expect(unicode.verify('ກ-admin')).toEqual({ kind: 'admin' });
    expect(unicode.verify('ຂ-admin')).toBeNull();
  });

  it('is not accepted by a service with another admin token', () => {
    expect(createTokenService('someone-else', secret).verify(adminToken)).toBeNull();
  });
});

describe('expiry is decided by decideAccess at the time given', () => {
  it('a verified token with an expiry gives access before it and token_expired from it on', () => {
    const token = service.mint({ scope: 'route/ab', access: 'write', expiresAt: now });
    const grant = service.verify(token);
    expect(decideAccess(grant, 'route/ab/river', now - 1)).toMatchObject({ level: 'write', expiresAt: now });
    expect(decideAccess(grant, 'route/ab/river', now)).toEqual(refusals.expired);
  });

  it('verify itself ignores the clock: an expired token still verifies to its grant', () => {
    expect(service.verify(service.mint({ scope: 'route/ab', access: 'read', expiresAt: 1 }))).toEqual({
      kind: 'scoped',
      scope: 'route/ab',
      access: 'read',
      expiresAt: 1,
    });
  });

  it('a forged token decides to token_invalid', () => {
    const [version, , signature] = parts(service.mint({ scope: 'route/ab', access: 'read', expiresAt: null }));
    const forged = `${version}.${Buffer.from('{"s":"route","a":"write","e":null}').toString('base64url')}.${signature}`;
    expect(decideAccess(service.verify(forged), 'route/ab', now)).toEqual(refusals.invalid);
  });
});

describe('generateSecretToken', () => {
  it('makes URL-safe tokens of 24 random bytes', () => {
    const tokens = Array.from({ length: 20 }, generateSecretToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
