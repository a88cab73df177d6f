import { waitUntilNoneMissing, type LoadClients } from './load-clients.ts';
import { createRoomMemory, createSendTimes, type RoomMemory } from './raw-thread-messages.ts';
import { RawThread } from './raw-thread-pool.ts';
import { plannedCount } from './send-schedule.ts';
import { mergeStepReports } from './step-reports.ts';

/**
 * Raw sockets: every update of a step is made and framed before the step starts, so that sending is only
 * `socket.send`; receivers never decode an update into a document: `Y.parseUpdateMeta` gives the clock range
 * of each sender an update carries (servers that merge a turn's updates send several senders in one), and
 * the range gives which of the sender's updates arrived and when each was sent (raw-thread.ts). All clients
 * must be in this one process, for every receiver to read every sender's send times from memory; that
 * memory is shared, so the clients can be spread over `threadCount` threads that read their receipts in
 * parallel. This thread only hands out the steps and adds up what the threads counted.
 */
export function rawLoad(threadCount: number): LoadClients {
  let threads: RawThread[] = [];
  let memory: RoomMemory | null = null;

  const roomMemory = (): RoomMemory => {
    if (memory === null) throw new Error('raw clients: not connected');
    return memory;
  };

  return {
    async connect(endpoint, docName, indexes) {
      const shared = createRoomMemory(indexes.length, threadCount);
      memory = shared;
      const count = Math.min(threadCount, indexes.length);
      threads = Array.from(
        { length: count },
        (_, thread) =>
          new RawThread({ endpoint, docName, indexes: indexes.filter((_, i) => i % count === thread), totalClients: indexes.length, thread, memory: shared }),
      );
      await Promise.all(threads.map((t) => t.connected));
    },
    async prepare(load) {
      if (load.totalClients !== roomMemory().sentClock.length) throw new Error(`raw clients: all ${load.totalClients} must be in one load-generating process`);
      const sentAt = createSendTimes(plannedCount(load.rate, load.durationMs));
      await Promise.all(threads.map((t) => t.request({ type: 'prepare', load, sentAt }, 'prepared')));
    },
    run(load) {
      const { progress } = roomMemory();
      // The threads only write it during a step, so no count from the last one can linger.
      progress.fill(0);
      const cpuAtStart = process.cpuUsage();
      for (const thread of threads) thread.post({ type: 'run', load });
      return {
        progress: () => {
          let sent = 0;
          let received = 0;
          for (let i = 0; i < progress.length; i += 2) {
            sent += progress[i]!;
            received += progress[i + 1]!;
          }
          return { sent, received };
        },
        collect: async () => {
          const replies = await Promise.all(threads.map((t) => t.request({ type: 'collect' }, 'collected')));
          const cpu = process.cpuUsage(cpuAtStart);
          // Each thread's own CPU reading is the whole process's: the process's, once, is the step's.
          return { ...mergeStepReports(replies.map((r) => r.report)), cpuMs: (cpu.user + cpu.system) / 1000 };
        },
      };
    },
    audit(_lengths, waitMs) {
      // Every sender is in this process, so what each receiver lacks is known by clock, step by step alike.
      const { sentClock, receivedClock } = roomMemory();
      const clients = sentClock.length;
      const missing = (): number => {
        let count = 0;
        for (let receiver = 0; receiver < clients; receiver++) {
          for (let sender = 0; sender < clients; sender++) if (sender !== receiver) count += sentClock[sender]! - receivedClock[receiver * clients + sender]!;
        }
        return count;
      };
      return waitUntilNoneMissing(missing, waitMs);
    },
    close() {
      for (const thread of threads) thread.post({ type: 'close' });
    },
  };
}
