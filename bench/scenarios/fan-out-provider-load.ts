import type * as Y from 'yjs';
import { connect } from '../clients/connect.ts';
import { endpointFor } from '../clients/endpoint.ts';
import type { BenchClient } from '../clients/bench-client.ts';
import { nowMs } from '../clock.ts';
import { waitUntilNoneMissing, type LoadClients } from './load-clients.ts';
import { startSchedule } from './send-schedule.ts';
import { StepRecorder } from './step-recorder.ts';

/** What every fan-out update carries: sender (global client index), its sequence number, send time. */
interface Stamp {
  s: number;
  q: number;
  t: number;
}

interface Member {
  index: number;
  client: BenchClient;
}

/**
 * Real providers: each update is a push to the step's array, made and encoded when it is sent, and every
 * receiver applies what arrives and sees it in its array observer, as an app's client would.
 */
export function providerLoad(): LoadClients {
  let members: Member[] = [];
  return {
    async connect(endpoint, docName, indexes) {
      members = indexes.map((index) => ({ index, client: connect(endpointFor(endpoint, index), docName) }));
      await Promise.all(members.map((m) => m.client.synced));
    },
    async prepare() {
      // Nothing to build ahead: a provider encodes each update as the app makes it.
    },
    run(load) {
      const { arrayName, startAt, durationMs } = load;
      const recorder = new StepRecorder(startAt, durationMs);
      const unobserve = members.map(({ index, client }) => {
        const array = client.doc.getArray<Stamp>(arrayName);
        const observer = (event: Y.YArrayEvent<Stamp>, transaction: Y.Transaction): void => {
          if (transaction.local) return;
          const now = nowMs();
          for (const change of event.changes.delta) {
            if (!change.insert) continue;
            for (const stamp of change.insert as Stamp[]) {
              if (stamp.s !== index) recorder.receivedOne(stamp.s, stamp.t, now);
            }
          }
        };
        array.observe(observer);
        return () => array.unobserve(observer);
      });
      const schedule = startSchedule(load, new Map(members.map((m) => [m.index, m])), (member, seq, t) => {
        member.client.doc.getArray<Stamp>(arrayName).push([{ s: member.index, q: seq, t }]);
        recorder.sentOne(member.index);
      });
      return {
        progress: () => ({ sent: recorder.sent, received: recorder.received }),
        collect: async () => {
          schedule.stop();
          for (const stop of unobserve) stop();
          return recorder.report(schedule);
        },
      };
    },
    audit(lengths, waitMs) {
      const missing = (): number => {
        let count = 0;
        for (const { client } of members) {
          for (const [name, length] of Object.entries(lengths)) count += Math.max(0, length - client.doc.getArray(name).length);
        }
        return count;
      };
      return waitUntilNoneMissing(missing, waitMs);
    },
    close() {
      for (const m of members) m.client.destroy();
    },
  };
}
