import { nowMs } from '../clock.ts';

export interface ScheduleTiming {
  startAt: number;
  durationMs: number;
  /** The whole room's updates per second. */
  rate: number;
  totalClients: number;
}

/** Updates the room sends in one window. */
export function plannedCount(rate: number, durationMs: number): number {
  return Math.floor((rate * durationMs) / 1000);
}

/** How many of a window's `planned` updates client `index` sends: the k with k mod totalClients = index. */
export function countFor(index: number, planned: number, totalClients: number): number {
  return index < planned ? Math.ceil((planned - index) / totalClients) : 0;
}

export interface RunningSchedule {
  /** Stops sending; what was not sent by then stays unsent. */
  stop(): void;
  /**
   * Median lateness, against the schedule, of the sends in the window's last quarter: the load generator's
   * own backlog, which a single pause (a GC) does not move but saturation does.
   */
  lagMs(): number;
}

/**
 * Update k of the room goes out at startAt + k/rate, from client k mod totalClients: an even aggregate rate,
 * each client at rate/totalClients. `send` gets the client's own sequence number within the window and the
 * time it was called, for those of the room's clients this process holds (`own`).
 */
export function startSchedule<T>(timing: ScheduleTiming, own: Map<number, T>, send: (member: T, seq: number, t: number) => void): RunningSchedule {
  const { startAt, durationMs, rate, totalClients } = timing;
  const planned = plannedCount(rate, durationMs);
  const schedule: Array<{ at: number; member: T; seq: number }> = [];
  for (let k = 0; k < planned; k++) {
    const member = own.get(k % totalClients);
    if (member !== undefined) schedule.push({ at: startAt + (k * 1000) / rate, member, seq: Math.floor(k / totalClients) });
  }
  let next = 0;
  const lags: number[] = [];
  let timer: NodeJS.Timeout | null = null;
  const tick = (): void => {
    const now = nowMs();
    while (next < schedule.length && schedule[next]!.at <= now) {
      const { at, member, seq } = schedule[next++]!;
      const t = nowMs();
      send(member, seq, t);
      lags.push(t - at);
    }
    timer = next < schedule.length ? setTimeout(tick, Math.max(0, schedule[next]!.at - nowMs())) : null;
  };
  timer = setTimeout(tick, Math.max(0, startAt - nowMs()));
  return {
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    lagMs: () => median(lags.slice(Math.floor((schedule.length * 3) / 4))),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
