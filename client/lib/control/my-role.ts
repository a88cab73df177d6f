import type { JoinRole } from '../../../shared/schema/people.ts';

export type MyRole = JoinRole | 'admin' | 'none';

/**
 * What this browser's token is on a route, read from the token's payload (base64url JSON, not secret;
 * the signature is the server's business). Only for choosing what to offer: the server decides what is
 * allowed, whatever this says. An opaque token is the operator's admin token.
 */
export function roleOfToken(token: string | null, routeId: string): MyRole {
  if (token === null || token === '') return 'none';
  if (!token.startsWith('t1.')) return 'admin';
  const fields = payloadOf(token);
  if (fields === null) return 'none';
  if (typeof fields.r === 'string') return fields.r === routeId ? (fields.o as JoinRole) : 'none';
  if (typeof fields.s !== 'string') return 'none';
  const scope = fields.s;
  const covers = `route/${routeId}` === scope || `route/${routeId}`.startsWith(`${scope}/`);
  if (!covers) return 'none';
  return fields.a === 'write' ? 'facilitator' : 'participant';
}

function payloadOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    // The server encodes UTF-8: a Lao name read byte by byte (atob alone) comes out as mojibake.
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    const fields: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const directsTheRoom = (role: MyRole): boolean => role === 'facilitator' || role === 'admin';

/** Whether the token is a person's own (from joining with a code), not a shared link. */
export function tokenNamesPerson(token: string | null): boolean {
  return personClaimOf(token) !== null;
}

/** The person fields of a personal token (id, name, team, group as at joining), or null for a shared link. */
function personClaimOf(token: string | null): Record<string, unknown> | null {
  const fields = token?.startsWith('t1.') ? payloadOf(token) : null;
  const person: unknown = fields?.p;
  return typeof person === 'object' && person !== null ? (person as Record<string, unknown>) : null;
}

/**
 * The person a personal token was issued to (the id the server knows them by), or null for a shared link:
 * what the server checks a comment's author against, whichever id this browser had before.
 */
export function personOfToken(token: string | null): string | null {
  const id = personClaimOf(token)?.i;
  return typeof id === 'string' ? id : null;
}

/** A text field of the person's claim, or null when it is missing or empty. */
function claimText(token: string | null, field: 'g' | 't' | 'n'): string | null {
  const value = personClaimOf(token)?.[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The working group the person joined with, or null (none, or a shared link); a facilitator may have moved them since. */
export const groupOfToken = (token: string | null): string | null => claimText(token, 'g');

/** The team the person joined with, or null (none, or a shared link); a facilitator may have moved them since. */
export const teamOfToken = (token: string | null): string | null => claimText(token, 't');

/** The name the person joined with, or null for a shared link; a facilitator may have renamed them since. */
export const nameOfToken = (token: string | null): string | null => claimText(token, 'n');
