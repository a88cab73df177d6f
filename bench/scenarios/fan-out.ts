import { connect } from '../clients/connect.ts';
import { nowMs, sleep } from '../clock.ts';
import type { RunningServer, ServerSpec } from '../servers/server-spec.ts';
import { maxOtherCpuPct, waitForQuiet } from '../stats/quiet.ts';
import { machineBusyMs } from '../stats/system-cpu.ts';
import type { ClientKind, StepReport } from './fan-out-messages.ts';
import { judgeStep, type StepResult, type StepTotals } from './fan-out-verdict.ts';
import { plannedCount } from './send-schedule.ts';
import { mergeStepReports } from './step-reports.ts';
import { FanOutWorker } from './worker-pool.ts';
import { freshDataDir, startServer, type Workspace } from './workspace.ts';

const maxRetries = 2;
/** How long a server that fell behind gets to deliver its backlog before the next step. */
export const backlogWaitMs = 30_000;

export interface FanOutSettings {
  /** Aggregate updates/s of the first step, which is also the fixed load latency is reported at. */
  startRate: number;
  /** The ramp doubles the rate until a step is not sustained, then halves the gap this many times. */
  refineSteps: number;
  maxRampSteps: number;
  warmupMs: number;
  latencyWindowMs: number;
  windowMs: number;
  /** How long after the window every update may take to reach every receiver. */
  drainMs: number;
  workers: number;
  clientKind: ClientKind;
  /** Threads of each raw-socket load-generating process; absent (and in results from before it existed), one. */
  threads?: number;
  /** Only the fixed-load step, no ramp: a further round of the latency measurement (see latency-rounds.ts). */
  fixedLoadOnly?: boolean;
}

export interface FanOutResult {
  clients: number;
  workers: number;
  /** The fixed-load step, the same offered load for every server: of several rounds, the one with the median p99. */
  latency: StepResult;
  /** Every round's fixed-load step, in the order taken (absent in results from before rounds existed). */
  latencyRounds?: StepResult[];
  steps: StepResult[];
  /** Highest offered rate judged sustained, or null if even the lowest tried was not. */
  maxSustainedRate: number | null;
  /** A step's backlog was still not delivered `backlogWaitMs` after it, which ended the ramp there. */
  stalled: boolean;
  /** Receipts still missing at the end of the run, after a last wait: updates lost, not merely late. */
  neverDelivered: number;
  /** After the run, clients gone and the server restarted: updates found in storage against updates sent. */
  stored: { expected: number; found: number };
}

/** One document, `clients` clients spread over worker processes, a fixed-load step then a rising ramp. */
export async function runFanOut(spec: ServerSpec<string>, workspace: Workspace, clients: number, settings: FanOutSettings): Promise<FanOutResult> {
  const scenario = `${settings.clientKind === 'raw' ? 'fan-out-raw' : 'fan-out'}-${clients}`;
  const dataDir = freshDataDir(workspace, `${spec.name}-${scenario}`);
  const docName = `bench/${scenario}`;
  const server = await startServer(spec, workspace, scenario, dataDir);
  const workers = Array.from({ length: Math.min(settings.workers, clients) }, () => new FanOutWorker(settings.clientKind, settings.threads ?? 1));
  const steps: StepResult[] = [];
  const sentByArray = new Map<string, number>();
  try {
    await Promise.all(
      workers.map((worker, w) => {
        const indexes = Array.from({ length: clients }, (_, i) => i).filter((i) => i % workers.length === w);
        return worker.request({ type: 'connect', endpoint: server.endpoint, docName, clients: indexes }, 'connected');
      }),
    );
    // Every join announces an awareness state to everyone else; let that settle before measuring.
    await sleep(1000);

    const missingReceipts = async (waitMs: number): Promise<number> => {
      const lengths = Object.fromEntries(sentByArray);
      const audits = await Promise.all(workers.map((worker) => worker.request({ type: 'audit', lengths, waitMs }, 'audited')));
      return audits.reduce((sum, a) => sum + a.missing, 0);
    };
    let stalled = false;
    const run = async (rate: number, windowMs: number): Promise<StepResult> => {
      const arrayName = `step-${sentByArray.size}`;
      const step = await runStep(server, workers, { arrayName, rate, windowMs, drainMs: settings.drainMs, clients });
      sentByArray.set(arrayName, step.sent);
      // A server that fell behind still holds the step's backlog; the next step must not start on top of
      // it, and a server that cannot clear it at all has nothing left to measure.
      if (step.drainedInMs === null && (await missingReceipts(backlogWaitMs)) > 0) {
        stalled = true;
        console.log(`  ${spec.name} still had not delivered that step ${backlogWaitMs / 1000} s later: ramp ended`);
      }
      await sleep(300);
      return step;
    };
    const ownPids = (): number[] => [server.pid, ...workers.map((w) => w.pid)];
    const measure = async (rate: number, windowMs: number): Promise<boolean> => {
      let step = await run(rate, windowMs);
      // A step that shared the machine with other work is taken again, after waiting for a quiet moment.
      for (let retry = 0; retry < maxRetries && step.otherCpuPct > maxOtherCpuPct && !stalled; retry++) {
        console.log(`  (other processes used ${step.otherCpuPct}% of a core during that step: taking it again)`);
        await waitForQuiet(ownPids);
        step = await run(rate, windowMs);
      }
      steps.push(step);
      console.log(
        `  ${spec.name} ${clients} clients @ ${rate}/s: p50 ${fmt(step.p50Ms)} p99 ${fmt(step.p99Ms)} lost ${step.lost}` +
          ` cpu server ${step.serverCpuPct}% clients ${step.clientCpuPct}% other ${step.otherCpuPct}%` +
          ` µs/receipt server ${step.serverUsPerReceipt} clients ${step.clientUsPerReceipt} msgs/receipt ${step.messagesPerReceipt}` +
          ` ${step.sustained ? 'sustained' : `NOT sustained: ${step.why}`}`,
      );
      return step.sustained;
    };

    // Not reported: the first seconds of load pay for JIT compilation in server and clients alike.
    await waitForQuiet(ownPids);
    await run(settings.startRate, settings.warmupMs);
    let lastPass: number | null = null;
    let firstFail: number | null = null;
    if (settings.fixedLoadOnly) {
      if (await measure(settings.startRate, settings.latencyWindowMs)) lastPass = settings.startRate;
    } else if (await measure(settings.startRate, settings.latencyWindowMs)) {
      lastPass = settings.startRate;
      for (let i = 0, rate = settings.startRate * 2; i < settings.maxRampSteps && firstFail === null && !stalled; i++, rate *= 2) {
        if (await measure(rate, settings.windowMs)) lastPass = rate;
        else firstFail = rate;
      }
    } else {
      // Even the fixed load was too much: look below it so that the table still has a sustained rate.
      firstFail = settings.startRate;
      for (let rate = Math.round(settings.startRate / 4); rate >= 1 && lastPass === null && !stalled; rate = Math.round(rate / 4)) {
        if (await measure(rate, settings.windowMs)) lastPass = rate;
        else firstFail = rate;
      }
    }
    for (let i = 0; i < settings.refineSteps && lastPass !== null && firstFail !== null && !stalled; i++) {
      const middle = Math.round(Math.sqrt(lastPass * firstFail));
      if (middle === lastPass || middle === firstFail) break;
      if (await measure(middle, settings.windowMs)) lastPass = middle;
      else firstFail = middle;
    }

    const neverDelivered = await missingReceipts(10_000);
    await Promise.all(workers.map((worker) => worker.close()));
    const stored = await checkStored(spec, workspace, scenario, dataDir, server, docName, sentByArray);
    return { clients, workers: workers.length, latency: steps[0]!, steps, maxSustainedRate: lastPass, stalled, neverDelivered, stored };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await server.stop();
  }
}

interface StepPlan {
  arrayName: string;
  rate: number;
  windowMs: number;
  drainMs: number;
  clients: number;
}

async function runStep(server: RunningServer, workers: FanOutWorker[], plan: StepPlan): Promise<StepResult> {
  const { arrayName, rate, windowMs, drainMs, clients } = plan;
  const planned = plannedCount(rate, windowMs);
  const load = { arrayName, rate, durationMs: windowMs, totalClients: clients };
  await Promise.all(workers.map((worker) => worker.request({ type: 'prepare', load }, 'prepared')));
  const startAt = nowMs() + 200;
  const serverCpuBefore = server.cpuMs();
  const machineBefore = machineBusyMs();
  for (const worker of workers) worker.send({ type: 'run', load, startAt });
  await sleep(startAt + windowMs - nowMs());
  const windowEnd = nowMs();
  let drainedInMs: number | null = null;
  while (nowMs() - windowEnd < drainMs) {
    const progress = await Promise.all(workers.map((worker) => worker.request({ type: 'progress' }, 'progress')));
    const sent = progress.reduce((sum, p) => sum + p.sent, 0);
    const received = progress.reduce((sum, p) => sum + p.received, 0);
    if (sent === planned && received >= sent * (clients - 1)) {
      drainedInMs = Math.max(0, nowMs() - windowEnd);
      break;
    }
    await sleep(50);
  }
  const elapsedMs = nowMs() - startAt;
  const serverCpuMs = server.cpuMs() - serverCpuBefore;
  const machineCpuMs = machineBusyMs() - machineBefore;
  const reports = await Promise.all(workers.map(async (worker) => (await worker.request({ type: 'collect' }, 'collected')).report));
  return judgeStep(summarise(reports, clients), { rate, planned, elapsedMs, serverCpuMs, machineCpuMs, drainedInMs });
}

function summarise(reports: StepReport[], clients: number): StepTotals {
  const { sentBy, receivedFrom, latency, byQuarter, sendLagMs, cpuMs, messagesReceived, bytesReceived } = mergeStepReports(reports);
  const sent = Object.values(sentBy).reduce((sum, count) => sum + count, 0);
  const received = Object.values(receivedFrom).reduce((sum, count) => sum + count, 0);
  return { sent, expected: sent * (clients - 1), received, latency, byQuarter, sendLagMs, clientCpuMs: cpuMs, messagesReceived, bytesReceived };
}

/**
 * Durability, not delivery: with every client gone, the server is stopped the way an operator would
 * (SIGTERM) and started again on the same data, and a fresh client counts what it gets back.
 */
async function checkStored(
  spec: ServerSpec<string>,
  workspace: Workspace,
  scenario: string,
  dataDir: string,
  server: RunningServer,
  docName: string,
  sentByArray: Map<string, number>,
): Promise<{ expected: number; found: number }> {
  await sleep(1000);
  await server.stop();
  const restarted = await startServer(spec, workspace, `${scenario}-restart`, dataDir);
  const expected = [...sentByArray.values()].reduce((a, b) => a + b, 0);
  const client = connect(restarted.endpoint, docName);
  const count = (): number => [...sentByArray.keys()].reduce((sum, name) => sum + client.doc.getArray(name).length, 0);
  try {
    await client.synced;
    // Some servers answer the handshake before their stored content is loaded and send it afterwards, and
    // y-leveldb merges every stored update before that (2.7–6.6 s for 100,000 in the cold loads): the raw
    // fan-out leaves hundreds of thousands, so the wait grows with them.
    const deadline = nowMs() + 10_000 + expected / 10;
    while (count() < expected && nowMs() < deadline) await sleep(50);
    return { expected, found: count() };
  } finally {
    client.destroy();
    await restarted.stop();
  }
}

function fmt(ms: number | null): string {
  return ms === null ? '-' : `${ms.toFixed(1)}ms`;
}
