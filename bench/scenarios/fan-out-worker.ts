/**
 * A load-generating process for the fan-out scenario: it holds some of the room's clients, sends their
 * updates on a fixed schedule and records, at every receiver, when each other client's update arrived.
 */
import * as Y from 'yjs';
import { connect } from '../clients/connect.ts';
import type { BenchClient } from '../clients/bench-client.ts';
import { traffic } from '../clients/traffic.ts';
import { nowMs, sleep } from '../clock.ts';
import { emptyHistogram, record } from '../stats/histogram.ts';
import type { FromWorker, Stamp, StepReport, ToWorker } from './fan-out-messages.ts';

interface Member {
  index: number;
  client: BenchClient;
}

let members: Member[] = [];
let current: (() => StepReport) | null = null;
let progress: () => { sent: number; received: number } = () => ({ sent: 0, received: 0 });

const reply = (message: FromWorker): void => {
  process.send?.(message);
};

process.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    reply({ type: 'error', message: String(error) });
  }
});

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'connect': {
      members = message.clients.map((index) => ({ index, client: connect(message.endpoint, message.docName) }));
      void Promise.all(members.map((m) => m.client.synced)).then(() => reply({ type: 'connected' }));
      return;
    }
    case 'run':
      current = startRun(message.arrayName, message.startAt, message.durationMs, message.rate, message.totalClients);
      return;
    case 'progress':
      reply({ type: 'progress', ...progress() });
      return;
    case 'collect':
      if (current === null) throw new Error('collect without run');
      reply({ type: 'collected', report: current() });
      current = null;
      return;
    case 'audit':
      void audit(message.lengths, message.waitMs).then((missing) => reply({ type: 'audited', missing }));
      return;
    case 'close':
      for (const m of members) m.client.destroy();
      // Give the close frames a moment to leave before the process goes.
      setTimeout(() => process.exit(0), 200);
      return;
  }
}

async function audit(lengths: Record<string, number>, waitMs: number): Promise<number> {
  const missing = (): number => {
    let count = 0;
    for (const { client } of members) {
      for (const [name, length] of Object.entries(lengths)) count += Math.max(0, length - client.doc.getArray(name).length);
    }
    return count;
  };
  const deadline = nowMs() + waitMs;
  while (missing() > 0 && nowMs() < deadline) await sleep(100);
  return missing();
}

function startRun(arrayName: string, startAt: number, durationMs: number, rate: number, totalClients: number) {
  const latency = emptyHistogram();
  const byQuarter = [emptyHistogram(), emptyHistogram(), emptyHistogram(), emptyHistogram()];
  const sentBy: Record<number, number> = {};
  const receivedFrom: Record<number, number> = {};
  let sent = 0;
  let received = 0;
  const cpuAtStart = process.cpuUsage();
  const trafficAtStart = { ...traffic };

  const unobserve = members.map(({ index, client }) => {
    const array = client.doc.getArray<Stamp>(arrayName);
    const observer = (event: Y.YArrayEvent<Stamp>, transaction: Y.Transaction): void => {
      if (transaction.local) return;
      const now = nowMs();
      for (const change of event.changes.delta) {
        if (!change.insert) continue;
        for (const stamp of change.insert as Stamp[]) {
          if (stamp.s === index) continue;
          const ms = now - stamp.t;
          record(latency, ms);
          const quarter = Math.min(3, Math.max(0, Math.floor(((stamp.t - startAt) / durationMs) * 4)));
          record(byQuarter[quarter]!, ms);
          receivedFrom[stamp.s] = (receivedFrom[stamp.s] ?? 0) + 1;
          received++;
        }
      }
    };
    array.observe(observer);
    return () => array.unobserve(observer);
  });

  // Update k of the room goes out at startAt + k/rate, from client k mod totalClients: an even aggregate
  // rate, each client at rate/totalClients.
  const planned = Math.floor((rate * durationMs) / 1000);
  const own = new Map(members.map((m) => [m.index, m]));
  const schedule: Array<{ at: number; member: Member; seq: number }> = [];
  for (let k = 0; k < planned; k++) {
    const member = own.get(k % totalClients);
    if (member) schedule.push({ at: startAt + (k * 1000) / rate, member, seq: Math.floor(k / totalClients) });
  }
  let next = 0;
  const lags: number[] = [];
  let timer: NodeJS.Timeout | null = null;
  const tick = (): void => {
    const now = nowMs();
    while (next < schedule.length && schedule[next]!.at <= now) {
      const { at, member, seq } = schedule[next++]!;
      const t = nowMs();
      member.client.doc.getArray<Stamp>(arrayName).push([{ s: member.index, q: seq, t }]);
      sentBy[member.index] = (sentBy[member.index] ?? 0) + 1;
      sent++;
      lags.push(t - at);
    }
    timer = next < schedule.length ? setTimeout(tick, Math.max(0, schedule[next]!.at - nowMs())) : null;
  };
  timer = setTimeout(tick, Math.max(0, startAt - nowMs()));
  progress = () => ({ sent, received });

  return (): StepReport => {
    if (timer) clearTimeout(timer);
    for (const stop of unobserve) stop();
    const cpu = process.cpuUsage(cpuAtStart);
    return {
      sentBy,
      receivedFrom,
      latency,
      byQuarter,
      sendLagMs: median(lags.slice(Math.floor((schedule.length * 3) / 4))),
      cpuMs: (cpu.user + cpu.system) / 1000,
      messagesReceived: traffic.messages - trafficAtStart.messages,
      bytesReceived: traffic.bytes - trafficAtStart.bytes,
    };
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
