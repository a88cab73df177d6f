import { Hono } from 'hono';
import type { Registry } from '../../docs/registry.ts';

export function healthRoutes(registry: Registry, startedAt: number): Hono {
  return new Hono().get('/healthz', (c) =>
    c.json({ status: 'ok', ...registry.stats, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }),
  );
}
