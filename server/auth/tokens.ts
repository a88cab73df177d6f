import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { routeRoles, type Grant, type PersonClaim, type RouteRole } from './access.ts';
import { createDownloadTokens, type DownloadTokens } from './download-tokens.ts';

/**
 * Tokens are either the operator's admin token or signed grants: `t1.<payload>.<signature>`, where the
 * payload is base64url JSON, `{ s: scope, a: 'read' | 'write', e: expiry ms | null }` for a scoped grant or
 * `{ r: routeId, o: role, e }` for a route role (with `p: { i: id, n: name, t: teamId, g: groupId }` when
 * it is a person's, from joining with a code), and the signature an HMAC-SHA256 with the server's secret.
 * Signed tokens need no table: links keep working across restarts and are checked without touching
 * storage. The same grant always gives the same token, so a route's links are stable; withdrawing them
 * means changing the secret (DATA_DIR/token-secret), which withdraws every link.
 */
type WithoutKind<T> = T extends { kind: string } ? Omit<T, 'kind'> : never;
export type MintableGrant = WithoutKind<Exclude<Grant, { kind: 'admin' }>>;

export interface TokenService {
  verify(token: string | undefined): Grant | null;
  mint(grant: MintableGrant): string;
  /** Short-lived tokens for links that start a download, signed from the same secret (download-tokens.ts). */
  downloads: DownloadTokens;
}

const prefix = 't1';

export function createTokenService(adminToken: string, secret: Buffer): TokenService {
  const admin = Buffer.from(adminToken);
  const sign = (payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

  return {
    downloads: createDownloadTokens(secret),
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
          : { r: grant.routeId, o: grant.role, e: grant.expiresAt, ...(grant.person ? { p: personFields(grant.person) } : {}) };
      const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
      return `${prefix}.${payload}.${sign(payload)}`;
    },
  };
}

function parsePayload(payload: string): Grant | null {
  try {
    const { s, a, r, o, e, p } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!(e === null || typeof e === 'number')) return null;
    if (typeof s === 'string' && (a === 'read' || a === 'write')) return { kind: 'scoped', scope: s, access: a, expiresAt: e };
    if (typeof r !== 'string' || !routeRoles.includes(o as RouteRole)) return null;
    const role = o as RouteRole;
    if (p === undefined) return { kind: 'route', routeId: r, role, expiresAt: e };
    const person = parsePerson(p);
    return person === null ? null : { kind: 'route', routeId: r, role, expiresAt: e, person };
  } catch {
    return null;
  }
}

function personFields(person: PersonClaim): Record<string, string | null> {
  return { i: person.id, n: person.name, t: person.teamId, g: person.groupId };
}

function parsePerson(value: unknown): PersonClaim | null {
  if (typeof value !== 'object' || value === null) return null;
  const { i, n, t, g } = value as Record<string, unknown>;
  const optional = (v: unknown): v is string | null => v === null || typeof v === 'string';
  if (typeof i !== 'string' || typeof n !== 'string' || !optional(t) || !optional(g)) return null;
  return { id: i, name: n, teamId: t, groupId: g };
}

export function generateSecretToken(): string {
  return randomBytes(24).toString('base64url');
}
