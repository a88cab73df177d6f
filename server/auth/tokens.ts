import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Grant } from './access.ts';

/**
 * Tokens are either the operator's admin token or signed grants: `t1.<payload>.<signature>`, where the
 * payload is base64url JSON `{ s: scope, a: 'read' | 'write', e: expiry ms | null }` and the signature an
 * HMAC-SHA256 with the server's secret. Signed tokens need no table: links keep working across restarts
 * and can be checked without touching storage on every connection.
 */
export interface TokenService {
  verify(token: string | undefined): Grant | null;
  mint(grant: { scope: string; access: 'read' | 'write'; expiresAt: number | null }): string;
}

const prefix = 't1';

export function createTokenService(adminToken: string, secret: Buffer): TokenService {
  const admin = Buffer.from(adminToken);
  const sign = (payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

  return {
    verify(token) {
      if (!token) return null;
      const candidate = Buffer.from(token);
      if (candidate.length === admin.length && timingSafeEqual(candidate, admin)) return { kind: 'admin' };
      const [version, payload, signature] = token.split('.');
      if (version !== prefix || !payload || !signature || token.split('.').length !== 3) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      return parsePayload(payload);
    },
    mint({ scope, access, expiresAt }) {
      const payload = Buffer.from(JSON.stringify({ s: scope, a: access, e: expiresAt })).toString('base64url');
      return `${prefix}.${payload}.${sign(payload)}`;
    },
  };
}

function parsePayload(payload: string): Grant | null {
  try {
    const { s, a, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof s !== 'string' || (a !== 'read' && a !== 'write') || !(e === null || typeof e === 'number')) return null;
    return { kind: 'scoped', scope: s, access: a, expiresAt: e };
  } catch {
    return null;
  }
}

export function generateSecretToken(): string {
  return randomBytes(24).toString('base64url');
}
