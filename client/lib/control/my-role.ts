import type { JoinRole } from '../../../shared/schema/people.ts';

export type MyRole = JoinRole | 'admin' | 'none';

/**
 * What this browser's token is on a route, read from the token's payload (base64url JSON, not secret;
 * the signature is the server's business). Only for choosing what to offer: the server decides what is
 * allowed, whatever this says. An opaque token is the operator's admin token.
 */
export function roleOfToken(token: string | null, routeId: string): MyRole {
  if (token === null || token === '') return 'none';
  const [version, payload] = token.split('.');
  if (version !== 't1' || payload === undefined) return 'admin';
  try {
    const fields = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    if (typeof fields.r === 'string') return fields.r === routeId ? (fields.o as JoinRole) : 'none';
    if (typeof fields.s !== 'string') return 'none';
    const scope = fields.s;
    const covers = `route/${routeId}` === scope || `route/${routeId}`.startsWith(`${scope}/`);
    if (!covers) return 'none';
    return fields.a === 'write' ? 'facilitator' : 'participant';
  } catch {
    return 'none';
  }
}

export const directsTheRoom = (role: MyRole): boolean => role === 'facilitator' || role === 'admin';
