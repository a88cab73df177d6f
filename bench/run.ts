/**
 * `npm run bench`: Tributary and its two peers, side by side, on the same scenarios in one run.
 *
 * Environment (all optional): BENCH_SERVERS=tributary,hocuspocus,y-websocket  BENCH_SCENARIOS=fan-out,
 * fan-out-raw,memory,cold-load,runtime,river,grids,facilitation,fair,plans,cluster  BENCH_CLIENTS=10,50,200  BENCH_ROUNDS=3  BENCH_INSTANCES=1,2,4 (cluster)  BENCH_CLIENT_NICE=0 (see
 * scenarios/client-nice.ts). A run limited or changed by these still writes its JSON,
 * but only a full run rewrites the tables in BENCHMARKS.md. `fan-out-raw` is the fan-out with raw-socket
 * clients that cost the load generator little; `river` is Tributary's own river page in Chromium,
 * `grids` its case grids' comparison and photo uploads, `facilitation` joining, the spotlight and timers (issue 14),
 * `fair` the fair vote's tally, the report and the route archive of a finished route (issue 15), `plans` the
 * plan editor's remote keystrokes beside Hocuspocus, the long plan's open and keystroke, its DOCX export (issue 13).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowMs } from './clock.ts';
import { describeMachine } from './machine.ts';
import { SettingError } from './setting-error.ts';
import { buildServer } from '../scripts/build-server.ts';
import { writeReport } from './report.ts';
import type { BenchResults, FanOutRuns } from './results.ts';
import { runColdLoad } from './scenarios/cold-load.ts';
import { clusterTable, runClusterFanOut } from './scenarios/cluster.ts';
import { runFanOut, type FanOutResult, type FanOutSettings } from './scenarios/fan-out.ts';
import { clientNiceFromEnv } from './scenarios/client-nice.ts';
import { withLatencyRounds } from './scenarios/latency-rounds.ts';
import { runMemory } from './scenarios/memory.ts';
import { runRuntime } from './scenarios/runtime.ts';
import { runtimeTable } from './report/runtime-table.ts';
import { mib } from './report/format.ts';
import { runRiverBench } from './river/river-bench.ts';
import { riverTable } from './river/river-table.ts';
import { runGridsBench } from './grids/grids-bench.ts';
import { gridsTable } from './grids/grids-table.ts';
import { runFacilitationBench } from './facilitation/facilitation-bench.ts';
import { facilitationTable } from './facilitation/facilitation-table.ts';
import { runFairBench } from './fair/fair-bench.ts';
import { fairTable } from './fair/fair-table.ts';
import { runPlansBench } from './plans/plans-bench.ts';
import { plansTable } from './plans/plans-table.ts';
import { generateStoredUpdates } from './scenarios/stored-updates.ts';
import { createWorkspace, problemLines } from './scenarios/workspace.ts';
import { hocuspocus } from './servers/hocuspocus.ts';
import type { ServerSpec } from './servers/server-spec.ts';
import { tributary } from './servers/tributary.ts';
import { yWebsocket } from './servers/y-websocket.ts';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

const fanOutBase: Omit<FanOutSettings, 'startRate'> = {
  refineSteps: 2,
  maxRampSteps: 8,
  warmupMs: 1500,
  // Not longer: a provider's array observer reads \`event.changes\`, which Yjs builds by walking the whole
  // array, so each receipt costs more the longer the step; over 30 s, 200 providers could no longer keep up
  // with 50 updates/s on any server.
  latencyWindowMs: 10_000,
  windowMs: 3000,
  drainMs: 3000,
  // Two load-generating processes: one cannot apply what 200 receivers get; more than two would only
  // take turns on this machine's cores.
  workers: 2,
  clientKind: 'providers',
};
/**
 * Raw sockets, all in one process: every receiver reads every sender's send times from memory its threads
 * share. Cheap enough clients ramp further, so the ramp may double more often before it finds a ceiling.
 */
const fanOutRawBase: Omit<FanOutSettings, 'startRate'> = {
  ...fanOutBase,
  // The fixed-load p99 is the tail of a few thousand updates: over 10 s it rested on the ten slowest. Taken
  // in three rounds, that is 6,000 updates per server.
  latencyWindowMs: 20_000,
  maxRampSteps: 12,
  workers: 1,
  clientKind: 'raw',
};
/**
 * Threads of the raw load-generating process, by clients, the same for every server. At 50 and 200 clients
 * one thread reading receipts was the ceiling, with Tributary at 13-30% of a core; three threads on two cores
 * only take turns with the server. At 10 clients the server and one thread nearly fill both cores: a second
 * thread lifted Tributary's ceiling from 121,775 to 144,815/s but took CPU from y-websocket's server, whose
 * p99 at 12,800/s went from 13 to 256 ms.
 */
const rawThreads: Record<number, number> = { 10: 1, 50: 2, 200: 2 };
/** The fixed load latency is reported at: the whole room's updates per second. */
const fixedLoad: Record<number, number> = { 10: 100, 50: 100, 200: 50 };
/** Rounds of the fixed-load measurement per server; BENCH_ROUNDS overrides it (1 for a quick look). */
const defaultLatencyRounds = 3;
const memoryDocuments = 100;
const storedUpdateCount = 100_000;

const allServers: ServerSpec[] = [yWebsocket, hocuspocus, tributary];
const allScenarios = ['fan-out', 'fan-out-raw', 'memory', 'cold-load', 'runtime', 'river', 'grids', 'facilitation', 'fair', 'plans', 'cluster'];
/**
 * The cluster scenario: 200 raw-socket clients over 1, 2 and 4 instances. A shorter fixed-load window than
 * fan-out-raw's (it runs six systems), the same ramp.
 */
const clusterClients = 200;
const clusterInstances = [1, 2, 4];
const clusterSettings: FanOutSettings = { ...fanOutRawBase, startRate: 50, threads: 2, latencyWindowMs: 10_000, maxRampSteps: 10 };

function listFromEnv(name: string, fallback: string[]): string[] {
  const raw = process.env[name];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

async function main(): Promise<void> {
  const servers = listFromEnv('BENCH_SERVERS', allServers.map((s) => s.name)).map((name) => {
    const spec = allServers.find((s) => s.name === name);
    if (!spec) throw new SettingError(`BENCH_SERVERS: unknown server ${name} (known: ${allServers.map((s) => s.name).join(', ')})`);
    return spec;
  });
  const scenarios = listFromEnv('BENCH_SCENARIOS', allScenarios);
  // The compiled server that `npm start` serves, built from the sources as they are now.
  if (servers.some((s) => s.name === 'tributary') || scenarios.includes('river') || scenarios.includes('grids') || scenarios.includes('facilitation') || scenarios.includes('fair') || scenarios.includes('plans') || scenarios.includes('cluster')) await buildServer();
  const clientCounts = listFromEnv('BENCH_CLIENTS', Object.keys(fixedLoad)).map(Number);
  const latencyRounds = Number(process.env.BENCH_ROUNDS ?? defaultLatencyRounds);
  if (!Number.isInteger(latencyRounds) || latencyRounds < 1) throw new SettingError(`BENCH_ROUNDS must be a whole number from 1, not ${process.env.BENCH_ROUNDS}`);
  const clientNice = clientNiceFromEnv();
  const isFullRun =
    servers.length === allServers.length &&
    scenarios.length === allScenarios.length &&
    clientCounts.length === 3 &&
    latencyRounds === defaultLatencyRounds &&
    clientNice === 0;

  const machine = describeMachine();
  console.log(`Tributary bench on ${machine.cpuModel} × ${machine.cores}, node ${machine.node}, load ${machine.loadAverageAtStart}`);
  if (clientNice > 0) console.log(`load-generating processes at nice ${clientNice}`);
  const started = nowMs();
  const workspace = createWorkspace(mkdtempSync(join(tmpdir(), 'tributary-bench-')));
  const settingsFor = (base: Omit<FanOutSettings, 'startRate'>, threads: Record<number, number> = {}): Record<number, FanOutSettings> =>
    Object.fromEntries(clientCounts.map((n) => [n, { ...base, startRate: fixedLoad[n] ?? 50, threads: threads[n] ?? 1 }]));
  const fanOutRaw: FanOutRuns = { settings: settingsFor(fanOutRawBase, rawThreads), results: {} };
  const results: BenchResults = {
    machine,
    durationS: 0,
    ...(clientNice > 0 ? { clientNice } : {}),
    servers: servers.map(({ name, setup }) => ({ name, setup })),
    fanOut: { settings: settingsFor(fanOutBase), results: {} },
    memory: { documents: memoryDocuments, results: {} },
    coldLoad: { updates: storedUpdateCount, results: {} },
    problems: {},
    ...(scenarios.includes('fan-out-raw') ? { fanOutRaw } : {}),
  };

  // Scenario by scenario, every server in turn, so that whatever else the machine does is spread evenly.
  for (const [scenario, fanOut, label] of [
    ['fan-out', results.fanOut, 'providers'],
    ['fan-out-raw', fanOutRaw, 'raw sockets'],
  ] as const) {
    if (!scenarios.includes(scenario)) continue;
    for (const clients of clientCounts) {
      console.log(`${scenario}, ${clients} clients (${label}) on one document`);
      const settings = fanOut.settings[clients]!;
      const firsts = new Map<string, FanOutResult>();
      for (const spec of servers) firsts.set(spec.name, await runFanOut(spec, workspace, clients, settings));
      const later = new Map<string, FanOutResult[]>(servers.map((spec) => [spec.name, []]));
      for (let round = 2; round <= latencyRounds; round++) {
        console.log(`  fixed load, round ${round} of ${latencyRounds}`);
        for (const spec of servers) later.get(spec.name)!.push(await runFanOut(spec, workspace, clients, { ...settings, fixedLoadOnly: true }));
      }
      for (const spec of servers) {
        (fanOut.results[spec.name] ??= []).push(withLatencyRounds(firsts.get(spec.name)!, later.get(spec.name)!));
      }
    }
  }
  if (scenarios.includes('memory')) {
    console.log(`memory, ${memoryDocuments} loaded documents`);
    for (const spec of servers) {
      const memory = await runMemory(spec, workspace, memoryDocuments);
      results.memory.results[spec.name] = memory;
      const readings = memory.readings.map((r) => `${r.documents} docs ${kb(r.rssPerDocument)} RSS ${kb(r.heapPerDocument)} heap`);
      console.log(`  ${spec.name} per document: ${readings.join(', ')}; marginal ${kb(memory.marginal.rssPerDocument)} RSS ${kb(memory.marginal.heapPerDocument)} heap`);
    }
  }
  if (scenarios.includes('cold-load')) {
    console.log(`cold load, ${storedUpdateCount} stored updates`);
    const updates = generateStoredUpdates(storedUpdateCount);
    for (const spec of servers) {
      const cold = await runColdLoad(spec, workspace, updates);
      results.coldLoad.results[spec.name] = cold;
      console.log(`  ${spec.name}: before ${cold.before.contentMs} ms (${cold.entriesBefore} entries), after ${cold.after.map((a) => a.contentMs).join('/')} ms (${cold.entriesAfter} entries)`);
    }
  }

  if (scenarios.includes('runtime')) {
    // Against the reference the issue names; Hocuspocus runs through tsx here, so its memory is not comparable.
    console.log('runtime: start-up, idle and peak memory, first sync of the editing trace after a restart');
    const runtime: NonNullable<BenchResults['runtime']> = { results: {} };
    for (const spec of servers.filter((s) => s.name !== 'hocuspocus')) {
      const result = await runRuntime(spec, workspace);
      runtime.results[spec.name] = result;
      console.log(`  ${spec.name}: start ${result.startMs.join('/')} ms, idle ${mib(result.idleRssBytes)}, load peak ${mib(result.loadPeakRssBytes)}, trace peak ${mib(result.tracePeakRssBytes)}, first sync ${result.firstContentMs.join('/')} ms`);
    }
    results.runtime = runtime;
    console.log(runtimeTable(runtime.results));
  }

  if (scenarios.includes('river')) {
    console.log('river page in Chromium, 2,000 cards');
    results.river = await runRiverBench();
    console.log(riverTable(results.river));
  }

  if (scenarios.includes('grids')) {
    console.log('case grids: comparison in Chromium (6 groups, 600 cards) and photo uploads');
    results.grids = await runGridsBench();
    console.log(gridsTable(results.grids));
  }

  if (scenarios.includes('facilitation')) {
    console.log('facilitation: 40 joins, 100 spotlight changes on the room screen, a timer on 40 skewed pages');
    results.facilitation = await runFacilitationBench();
    console.log(facilitationTable(results.facilitation));
  }
  if (scenarios.includes('fair')) {
    console.log('fair: 40 voters over 10 s; the report and archive of a finished route');
    results.fair = await runFairBench();
    console.log(fairTable(results.fair));
  }
  if (scenarios.includes('plans')) {
    console.log('plans: TipTap in Chromium, remote keystrokes with 2 and 10 editors beside Hocuspocus; the 30-page plan and its DOCX');
    results.plans = await runPlansBench({ logDir: workspace.logDir });
    console.log(plansTable(results.plans));
  }

  if (scenarios.includes('cluster')) {
    const instances = listFromEnv('BENCH_INSTANCES', clusterInstances.map(String)).map(Number);
    if (instances.some((n) => !Number.isInteger(n) || n < 1)) throw new SettingError(`BENCH_INSTANCES must list whole numbers from 1, not ${process.env.BENCH_INSTANCES}`);
    results.cluster = await runClusterFanOut(workspace, clusterClients, instances, clusterSettings);
    console.log(clusterTable(results.cluster));
  }

  for (const spec of servers) results.problems[spec.name] = problemLines(workspace, spec);
  results.durationS = Math.round((nowMs() - started) / 1000);

  mkdirSync(resultsDir, { recursive: true });
  const stamp = machine.date.replace(/[:.]/g, '-');
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2));
  cpSync(workspace.logDir, join(resultsDir, `logs-${stamp}`), { recursive: true });
  rmSync(workspace.root, { recursive: true, force: true });
  if (isFullRun) writeReport(results);
  console.log(`done in ${results.durationS} s; results in bench/results/${stamp}.json${isFullRun ? ', tables in BENCHMARKS.md' : ''}`);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

try {
  await main();
} catch (error) {
  if (!(error instanceof SettingError)) throw error;
  console.error(`npm run bench: ${error.message}`);
  process.exitCode = 2;
}
