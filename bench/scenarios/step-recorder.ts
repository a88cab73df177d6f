import { traffic } from '../clients/traffic.ts';
import { emptyHistogram, record } from '../stats/histogram.ts';
import type { StepReport } from './fan-out-messages.ts';
import type { RunningSchedule } from './send-schedule.ts';

/** What a load-generating process counts during one step, whatever kind of client it drives. */
export class StepRecorder {
  private readonly latency = emptyHistogram();
  private readonly byQuarter = [emptyHistogram(), emptyHistogram(), emptyHistogram(), emptyHistogram()];
  private readonly sentBy: Record<number, number> = {};
  private readonly receivedFrom: Record<number, number> = {};
  private readonly cpuAtStart = process.cpuUsage();
  private readonly trafficAtStart = { ...traffic };
  sent = 0;
  received = 0;

  constructor(
    private readonly startAt: number,
    private readonly durationMs: number,
  ) {}

  sentOne(sender: number): void {
    this.sentBy[sender] = (this.sentBy[sender] ?? 0) + 1;
    this.sent++;
  }

  /** One update of `sender`, sent at `sentAt`, reached one other client at `now`. */
  receivedOne(sender: number, sentAt: number, now: number): void {
    const ms = now - sentAt;
    record(this.latency, ms);
    const quarter = Math.min(3, Math.max(0, Math.floor(((sentAt - this.startAt) / this.durationMs) * 4)));
    record(this.byQuarter[quarter]!, ms);
    this.receivedFrom[sender] = (this.receivedFrom[sender] ?? 0) + 1;
    this.received++;
  }

  report(schedule: RunningSchedule): StepReport {
    const cpu = process.cpuUsage(this.cpuAtStart);
    return {
      sentBy: this.sentBy,
      receivedFrom: this.receivedFrom,
      latency: this.latency,
      byQuarter: this.byQuarter,
      sendLagMs: schedule.lagMs(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      messagesReceived: traffic.messages - this.trafficAtStart.messages,
      bytesReceived: traffic.bytes - this.trafficAtStart.bytes,
    };
  }
}
