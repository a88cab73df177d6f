import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Snapshots } from '../../snapshots/snapshots.ts';
import { createMiddleware } from 'hono/factory';
import { isBoundByRules } from '../../auth/write-rules.ts';
import { docAccess, mayWriteNow, type AccessPolicy, type DocEnv } from '../doc-access.ts';
import { apiError } from '../errors.ts';

const maxLabelLength = 200;

/**
 * `/api/docs/:doc/…` where `:doc` is the URL-encoded document name (its slashes as %2F).
 * Reading needs read access; taking snapshots needs write access. Restoring one replaces what everyone
 * wrote since, past any lock or plan rule, so it is for those bound by no rule (facilitators, admin).
 */
export function docRoutes(policy: AccessPolicy, snapshots: Snapshots): Hono<DocEnv> {
  const docName = (c: { req: { param(name: 'doc'): string } }): string => c.req.param('doc');
  const read = docAccess(policy, 'read', docName);
  const write = docAccess(policy, 'write', docName);
  const unbound = createMiddleware<DocEnv>(async (c, next) => {
    const { grant } = c.get('access');
    if (grant.kind === 'route' && isBoundByRules(grant)) throw apiError(403, 'facilitators_only', 'Only the route’s facilitators can restore a snapshot.');
    await next();
  });

  return new Hono<DocEnv>()
    .get('/api/docs/:doc/access', read, (c) =>
      // What the holder may do now: a locked board or another team's plan answers "read" (A3).
      c.json({ access: mayWriteNow(policy, c.get('access'), c.get('docName')) ? 'write' : 'read' }),
    )
    .get('/api/docs/:doc/snapshots', read, async (c) => c.json({ snapshots: await snapshots.list(c.get('docName')) }))
    .post('/api/docs/:doc/snapshots', write, bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
      const label = await readLabel(c.req.raw);
      return c.json({ snapshot: await snapshots.create(c.get('docName'), label) }, 201);
    })
    .get('/api/docs/:doc/snapshots/:id', read, async (c) => {
      const id = snapshotId(c.req.param('id'));
      if (c.req.query('format') === 'yjs') {
        const state = await snapshots.readState(c.get('docName'), id);
        if (state === null) throw notFound(id);
        return c.body(new Uint8Array(state), 200, { 'content-type': 'application/octet-stream' });
      }
      const snapshot = await snapshots.read(c.get('docName'), id);
      if (snapshot === null) throw notFound(id);
      return c.json({ snapshot });
    })
    .post('/api/docs/:doc/snapshots/:id/restore', write, unbound, async (c) => {
      const id = snapshotId(c.req.param('id'));
      const result = await snapshots.restore(c.get('docName'), id);
      if (result === null) throw notFound(id);
      return c.json(result);
    });
}

async function readLabel(request: Request): Promise<string> {
  const text = await request.text();
  if (text.trim() === '') return '';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const label = (body as { label?: unknown } | null)?.label ?? '';
  if (typeof label !== 'string' || label.length > maxLabelLength) {
    throw apiError(400, 'invalid_label', `The label must be text of at most ${maxLabelLength} characters.`);
  }
  return label.trim();
}

function snapshotId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw apiError(400, 'invalid_snapshot_id', 'Snapshot ids are positive whole numbers.');
  return id;
}

function notFound(id: number) {
  return apiError(404, 'snapshot_not_found', `There is no snapshot ${id} for this document.`);
}
