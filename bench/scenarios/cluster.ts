import { startThrowawayPostgres } from '../../scripts/services/postgres.ts';
import { startThrowawayRedis } from '../../scripts/services/redis.ts';
import { hocuspocusCluster, tributaryCluster } from '../servers/clusters.ts';
import { runFanOut, type FanOutResult, type FanOutSettings } from './fan-out.ts';
import type { Workspace } from './workspace.ts';

export interface ClusterRuns {
  clients: number;
  instances: number[];
  settings: FanOutSettings;
  /** By system name with its instance count, e.g. `tributary×2`. */
  results: Record<string, FanOutResult>;
}

/**
 * The raw-socket fan-out of one document with its clients spread over 1, 2 and 4 instances: Tributary on
 * PostgreSQL and Redis against Hocuspocus with its Redis extension, taking turns at each instance count.
 * Throw-away PostgreSQL and Redis servers on free ports, as the tests use, for the whole scenario.
 */
export async function runClusterFanOut(workspace: Workspace, clients: number, instances: number[], settings: FanOutSettings): Promise<ClusterRuns> {
  const [postgres, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  const results: Record<string, FanOutResult> = {};
  try {
    for (const count of instances) {
      console.log(`cluster fan-out, ${clients} raw-socket clients over ${count} instance${count === 1 ? '' : 's'}`);
      for (const spec of [tributaryCluster({ postgres, redis }, count), hocuspocusCluster({ postgres, redis }, count)]) {
        results[spec.name] = await runFanOut(spec, workspace, clients, settings);
      }
    }
  } finally {
    await Promise.all([postgres.destroy(), redis.destroy()]);
  }
  return { clients, instances, settings, results };
}

/** Markdown: ceiling and fixed-load latency per system and instance count, with the growth from one instance. */
export function clusterTable(runs: ClusterRuns): string {
  const rows = ['| system | instances | highest sustained updates/s | deliveries/s at it | vs 1 instance | p50 / p99 at fixed load (ms) | never delivered | stored / sent |', '|---|---|---|---|---|---|---|---|'];
  for (const system of ['tributary', 'hocuspocus']) {
    const one = runs.results[`${system}×1`]?.maxSustainedRate ?? null;
    for (const count of runs.instances) {
      const result = runs.results[`${system}×${count}`];
      if (result === undefined) continue;
      const rate = result.maxSustainedRate;
      const growth = rate !== null && one ? `×${(rate / one).toFixed(2)}` : '-';
      const fixed = result.latency;
      rows.push(
        `| ${system} | ${count} | ${rate ?? 'none'} | ${rate === null ? '-' : rate * (runs.clients - 1)} | ${growth} | ` +
          `${fixed.p50Ms?.toFixed(1) ?? '-'} / ${fixed.p99Ms?.toFixed(1) ?? '-'} | ${result.neverDelivered} | ${result.stored.found} / ${result.stored.expected} |`,
      );
    }
  }
  return rows.join('\n');
}
