import type { Endpoint } from '../clients/endpoint.ts';
import type { Histogram } from '../stats/histogram.ts';

/** What every fan-out update carries: sender (global client index), its sequence number, send time. */
export interface Stamp {
  s: number;
  q: number;
  t: number;
}

export type ToWorker =
  | { type: 'connect'; endpoint: Endpoint; docName: string; clients: number[] }
  | { type: 'run'; arrayName: string; startAt: number; durationMs: number; rate: number; totalClients: number }
  | { type: 'progress' }
  | { type: 'collect' }
  /** Waits up to `waitMs` for every client to hold every update of the run; replies with what is missing. */
  | { type: 'audit'; lengths: Record<string, number>; waitMs: number }
  | { type: 'close' };

export interface StepReport {
  /** Updates sent, by sender. */
  sentBy: Record<number, number>;
  /** Distinct receipts, by sender, summed over this worker's receivers. */
  receivedFrom: Record<number, number>;
  latency: Histogram;
  /** Latency by quarter of the send window, to see a backlog grow. */
  byQuarter: Histogram[];
  /**
   * Median lateness, against the schedule, of the sends in the window's last quarter: the load generator's
   * own backlog, which a single pause (a GC in the worker) does not move but saturation does.
   */
  sendLagMs: number;
  cpuMs: number;
  /** WebSocket messages and bytes this worker's clients received during the step. */
  messagesReceived: number;
  bytesReceived: number;
}

export type FromWorker =
  | { type: 'connected' }
  | { type: 'progress'; sent: number; received: number }
  | { type: 'collected'; report: StepReport }
  | { type: 'audited'; missing: number }
  | { type: 'error'; message: string };
