import { describe, expect, it } from 'vitest';
import { decideAccess, routeRoleAccess, type RouteRole } from '../../../../server/auth/access.ts';
import { createTokenService } from '../../../../server/auth/tokens.ts';

describe('route roles', () => {
  const cases: Array<[string, RouteRole, string, 'none' | 'read' | 'write']> = [
    ['abc', 'facilitator', 'route/abc', 'write'],
    // The control document is written by the server's actions only (A3), so facilitators read it too.
    ['abc', 'facilitator', 'route/abc/control', 'read'],
    ['abc', 'facilitator', 'route/abc/server', 'none'],
    ['abc', 'participant', 'route/abc/server', 'none'],
    ['abc', 'screen', 'route/abc', 'read'],
    ['abc', 'screen', 'route/abc/river', 'read'],
    ['abc', 'screen', 'route/abc/plan/t1', 'read'],
    ['abc', 'screen', 'route/abc/control', 'read'],
    ['abc', 'committee', 'route/abc/plan/t1', 'read'],
    ['abc', 'committee', 'route/abc', 'read'],
    ['abc', 'committee', 'route/abc/river', 'none'],
    ['abc', 'facilitator', 'route/abc/plan/t1', 'write'],
    ['abc', 'participant', 'route/abc', 'read'],
    ['abc', 'participant', 'route/abc/control', 'read'],
    ['abc', 'participant', 'route/abc/river', 'write'],
    ['abc', 'participant', 'route/abc/case/coffee', 'write'],
    ['abc', 'participant', 'route/abc/plan/t1', 'write'],
    ['abc', 'participant', 'route/abcd/river', 'none'],
    ['abc', 'facilitator', 'route/other', 'none'],
    ['abc', 'facilitator', 'demo/notes', 'none'],
    ['abc', 'participant', 'route/abc/unknown-board', 'none'],
  ];
  for (const [routeId, role, docName, expected] of cases) {
    it(`${role} of ${routeId} gets ${expected} on ${docName}`, () => {
      expect(routeRoleAccess(routeId, role, docName)).toBe(expected);
    });
  }

  it('round-trips route tokens and decides with them', () => {
    const tokens = createTokenService('admin', Buffer.alloc(32, 7));
    const token = tokens.mint({ routeId: 'abc', role: 'participant', expiresAt: null });
    expect(tokens.mint({ routeId: 'abc', role: 'participant', expiresAt: null })).toBe(token);
    const grant = tokens.verify(token);
    expect(grant).toEqual({ kind: 'route', routeId: 'abc', role: 'participant', expiresAt: null });
    expect(decideAccess(grant, 'route/abc', 0)).toMatchObject({ level: 'read' });
    expect(decideAccess(grant, 'route/abc/river', 0)).toMatchObject({ level: 'write' });
    expect(decideAccess(grant, 'route/xyz/river', 0)).toMatchObject({ level: 'none', status: 403 });
    const expiring = tokens.verify(tokens.mint({ routeId: 'abc', role: 'facilitator', expiresAt: 10 }));
    expect(decideAccess(expiring, 'route/abc', 10)).toMatchObject({ level: 'none', error: 'token_expired' });
  });
});
