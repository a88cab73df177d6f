import { Hono } from 'hono';
import type { HealthReport } from '../../cluster/service-health.ts';
import type { Registry } from '../../docs/registry.ts';

/** 200 while the instance can keep what it accepts, 503 while its storage or Redis is lost (for load balancers). */
export function healthRoutes(registry: Registry, health: () => HealthReport, startedAt: number): Hono {
  return new Hono().get('/healthz', (c) => {
    const report = health();
    return c.json(
      { ...report, ...registry.stats, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
      report.status === 'ok' ? 200 : 503,
    );
  });
}
