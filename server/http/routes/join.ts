import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isWellFormedJoinCode, normalizeJoinCode } from '../../../shared/schema/people.ts';
import type { TokenService } from '../../auth/tokens.ts';
import { codeUnknown, PeopleError, type People } from '../../facilitation/people.ts';
import type { WrongCodeLimiter } from '../../facilitation/wrong-code-limiter.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from './control.ts';

/**
 * Joining a route with a code (no token needed): `GET /api/join/<code>` tells the join page what the code
 * opens (the route's title, its teams and groups), `POST /api/join` adds the person and answers their
 * personal token. Both count wrong codes per address (see WrongCodeLimiter).
 */
export function joinRoutes(people: People, tokens: TokenService, limiter: WrongCodeLimiter): Hono {
  /** Runs `attempt` for a typed code under the address's limit; a wrong code counts against it. */
  async function limited<T>(c: Context, typed: unknown, attempt: (code: string) => Promise<T>): Promise<T> {
    const address = getConnInfo(c).remote.address ?? 'unknown';
    const verdict = limiter.verdict(address);
    if (verdict.refused) {
      const body = { error: 'too_many_attempts', message: 'Too many wrong codes from this network. Wait a few minutes, then try again.' };
      throw new HTTPException(429, { res: Response.json(body, { status: 429, headers: { 'Retry-After': String(verdict.retryAfterSeconds) } }) });
    }
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    const code = typeof typed === 'string' ? normalizeJoinCode(typed) : '';
    try {
      if (!isWellFormedJoinCode(code)) {
        throw codeUnknown();
      }
      const result = await attempt(code);
      limiter.succeeded(address);
      return result;
    } catch (error) {
      if (error instanceof PeopleError) {
        if (error.error.startsWith('code_')) limiter.failed(address);
        throw apiError(error.status, error.error, error.message);
      }
      throw error;
    }
  }

  return new Hono()
    .get('/api/join/:code', async (c) => c.json(await limited(c, c.req.param('code'), (code) => people.lookUp(code))))
    .post('/api/join', bodyLimit({ maxSize: 4096 }), async (c) => {
      const body = await jsonBody(c);
      if (typeof body.name !== 'string') throw apiError(400, 'name_missing', 'Enter your name, as the others know you.');
      for (const key of ['teamId', 'groupId'] as const) {
        if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string') throw apiError(400, `invalid_${key}`, `"${key}" must be a string.`);
      }
      const { routeId, person } = await limited(c, body.code, (code) =>
        people.join({ code, name: body.name as string, teamId: body.teamId as string | undefined, groupId: body.groupId as string | undefined }),
      );
      const token = tokens.mint({
        routeId,
        role: person.role,
        expiresAt: null,
        person: { id: person.id, name: person.name, teamId: person.teamId, groupId: person.groupId },
      });
      return c.json({ token, routeId, role: person.role, personId: person.id }, 201);
    });
}
