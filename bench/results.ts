import type { GridsBenchResult } from './grids/grids-bench.ts';
import type { FacilitationBenchResult } from './facilitation/facilitation-bench.ts';
import type { FairBenchResult } from './fair/fair-bench.ts';
import type { PlansBenchResult } from './plans/plans-bench.ts';
import type { ClusterRuns } from './scenarios/cluster.ts';
import type { Machine } from './machine.ts';
import type { ColdLoadResult } from './scenarios/cold-load.ts';
import type { FanOutResult, FanOutSettings } from './scenarios/fan-out.ts';
import type { MemoryResult } from './scenarios/memory.ts';
import type { RuntimeResult } from './scenarios/runtime.ts';
import type { RiverBenchResult } from './river/river-bench.ts';
import type { ServerName } from './servers/server-spec.ts';

export type ByServer<T> = Partial<Record<ServerName, T>>;

export interface FanOutRuns {
  settings: Record<number, FanOutSettings>;
  results: ByServer<FanOutResult[]>;
}

/** Everything one `npm run bench` measured; written to bench/results/ and rendered into BENCHMARKS.md. */
export interface BenchResults {
  machine: Machine;
  durationS: number;
  /** BENCH_CLIENT_NICE, when the run set one (bench/scenarios/client-nice.ts). */
  clientNice?: number;
  servers: Array<{ name: ServerName; setup: string }>;
  fanOut: FanOutRuns;
  /** The same fan-out with raw-socket clients (absent from results written before it existed). */
  fanOutRaw?: FanOutRuns;
  /** The fan-out over 1, 2 and 4 instances (PostgreSQL and Redis; Hocuspocus with its Redis extension). */
  cluster?: ClusterRuns;
  memory: { documents: number; results: ByServer<MemoryResult> };
  coldLoad: { updates: number; results: ByServer<ColdLoadResult> };
  /** Start-up, idle and peak memory, first sync after a restart (Tributary and the y-websocket reference). */
  runtime?: { results: ByServer<RuntimeResult> };
  /** The river page in Chromium (Tributary only: the peers have no client). */
  river?: RiverBenchResult;
  grids?: GridsBenchResult;
  facilitation?: FacilitationBenchResult;
  fair?: FairBenchResult;
  /** The plan editor beside Hocuspocus, the long plan and its export (issue 13). */
  plans?: PlansBenchResult;
  /** Warning and error lines each server printed, first few of each kind. */
  problems: ByServer<string[]>;
}

/** Every fan-out the results hold, with the name the report gives it. */
export function fanOutsOf(results: BenchResults): Array<{ label: string; runs: FanOutRuns }> {
  return [{ label: 'fan-out', runs: results.fanOut }, ...(results.fanOutRaw ? [{ label: 'fan-out raw', runs: results.fanOutRaw }] : [])];
}
