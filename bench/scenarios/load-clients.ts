import { nowMs, sleep } from '../clock.ts';
import type { Endpoint } from '../clients/endpoint.ts';
import type { StepReport } from './fan-out-messages.ts';
import type { ScheduleTiming } from './send-schedule.ts';

/** One step's load: each sends into its own `Y.Array`, so that every step's deliveries can be counted. */
export interface StepLoad {
  arrayName: string;
  rate: number;
  durationMs: number;
  totalClients: number;
}

export interface ActiveStep {
  progress(): { sent: number; received: number };
  /** Stops sending and returns what was counted. */
  collect(): Promise<StepReport>;
}

/** The clients one load-generating process holds: real providers, or raw sockets (see fan-out-raw-load.ts). */
export interface LoadClients {
  connect(endpoint: Endpoint, docName: string, indexes: number[]): Promise<void>;
  /** Whatever the step needs before its window opens, so that the window itself only sends. */
  prepare(load: StepLoad): Promise<void>;
  run(load: StepLoad & ScheduleTiming): ActiveStep;
  /** Waits up to `waitMs` for every client to hold every update sent; resolves to how many receipts are missing. */
  audit(lengths: Record<string, number>, waitMs: number): Promise<number>;
  close(): void;
}

/** Polls `missing` until it reads zero or `waitMs` has passed; returns the last reading. */
export async function waitUntilNoneMissing(missing: () => number, waitMs: number): Promise<number> {
  const deadline = nowMs() + waitMs;
  while (missing() > 0 && nowMs() < deadline) await sleep(100);
  return missing();
}
