import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Grant } from './access.ts';

/**
 * Tokens are either the operator's admin token or signed grants: `t1.<payload>.<signature>`, where the
 * payload is base64url JSON, `{ s: scope, a: 'read' | 'write', e: expiry ms | null }` for a scoped grant or
 * `{ r: routeId, o: role, e }` for a route role, and the signature an HMAC-SHA256 with the server's secret.
 * Signed tokens need no table: links keep working across restarts and are checked without touching
 * storage. The same grant always gives the same token, so a route's links are stable; withdrawing them
 * means changing the secret (DATA_DIR/token-secret), which withdraws every link.
 */
type WithoutKind<T> = T extends { kind: string } ? Omit<T, 'kind'> : never;
export type MintableGrant = WithoutKind<Exclude<Grant, { kind: 'admin' }>>;

export interface TokenService {
  verify(token: string | undefined): Grant | null;
  mint(grant: MintableGrant): string;
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
    mint(grant) {
      const fields =
        'scope' in grant
          ? { s: grant.scope, a: grant.access, e: grant.expiresAt }
          : { r: grant.routeId, o: grant.role, e: grant.expiresAt };
      const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
      return `${prefix}.${payload}.${sign(payload)}`;
    },
  };
}

function parsePayload(payload: string): Grant | null {
  try {
    const { s, a, r, o, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!(e === null || typeof e === 'number')) return null;
    if (typeof s === 'string' && (a === 'read' || a === 'write')) return { kind: 'scoped', scope: s, access: a, expiresAt: e };
    if (typeof r === 'string' && (o === 'facilitator' || o === 'participant')) {
      return { kind: 'route', routeId: r, role: o, expiresAt: e };
    }
    return null;
  } catch {
    return null;
  }
}

export function generateSecretToken(): string {
  return randomBytes(24).toString('base64url');
}
