import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every API error answers `{ error: <stable code>, message: <sentence for people> }`. */
export function apiError(status: ContentfulStatusCode, error: string, message: string, headers?: Record<string, string>): HTTPException {
  return new HTTPException(status, { res: Response.json({ error, message }, { status, headers }) });
}
