import { nowMs, sleep } from '../clock.ts';
import { machineBusyMs, processCpuMs } from './system-cpu.ts';

/**
 * The bench shares its two cores with whatever else runs on the machine (other test suites, builds). This
 * measures that other work: machine-wide busy CPU minus the bench's own processes, as % of one core.
 */
export class OtherLoad {
  private machineAt = machineBusyMs();
  private ownAt: number;
  private timeAt = nowMs();

  constructor(private readonly ownPids: () => number[]) {
    this.ownAt = this.ownCpuMs();
  }

  /** Other processes' CPU since the last call (or construction), in % of one core. */
  sample(): number {
    const machine = machineBusyMs();
    const own = this.ownCpuMs();
    const time = nowMs();
    const pct = ((machine - this.machineAt - (own - this.ownAt)) / Math.max(1, time - this.timeAt)) * 100;
    this.machineAt = machine;
    this.ownAt = own;
    this.timeAt = time;
    return Math.max(0, Math.round(pct));
  }

  private ownCpuMs(): number {
    let total = 0;
    for (const pid of [process.pid, ...this.ownPids()]) {
      try {
        total += processCpuMs(pid);
      } catch {
        // the process has exited since
      }
    }
    return total;
  }
}

/**
 * Most other work a measurement tolerates, in % of one core, before it waits or is taken again. An idle
 * machine reads 0–5%; a test suite started by someone else in the middle of a 10 s step reads 15% and
 * more, and a burst like that moved one server's p99 from 20 to 200 ms.
 */
export const maxOtherCpuPct = 10;

/**
 * Waits, up to `maxWaitMs`, for a half second in which other processes stay under `maxOtherCpuPct`.
 * Returns the last reading, so that a measurement that had to go ahead anyway can say so.
 */
export async function waitForQuiet(ownPids: () => number[], maxWaitMs = 20_000): Promise<number> {
  const load = new OtherLoad(ownPids);
  const deadline = nowMs() + maxWaitMs;
  let last = 0;
  do {
    await sleep(500);
    last = load.sample();
  } while (last > maxOtherCpuPct && nowMs() < deadline);
  return last;
}
