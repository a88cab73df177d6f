import { emptyHistogram, mergeInto } from '../stats/histogram.ts';
import type { StepReport } from './fan-out-messages.ts';

/** Several load generators' (processes' or threads') reports of one step as one: counts and histograms add up,
 * CPU adds up, and the step was as late as the latest of them. */
export function mergeStepReports(reports: StepReport[]): StepReport {
  const merged: StepReport = {
    sentBy: {},
    receivedFrom: {},
    latency: emptyHistogram(),
    byQuarter: [emptyHistogram(), emptyHistogram(), emptyHistogram(), emptyHistogram()],
    sendLagMs: 0,
    cpuMs: 0,
    messagesReceived: 0,
    bytesReceived: 0,
  };
  const add = (into: Record<number, number>, from: Record<number, number>): void => {
    for (const [client, count] of Object.entries(from)) into[Number(client)] = (into[Number(client)] ?? 0) + count;
  };
  for (const report of reports) {
    add(merged.sentBy, report.sentBy);
    add(merged.receivedFrom, report.receivedFrom);
    mergeInto(merged.latency, report.latency);
    report.byQuarter.forEach((h, i) => mergeInto(merged.byQuarter[i]!, h));
    merged.sendLagMs = Math.max(merged.sendLagMs, report.sendLagMs);
    merged.cpuMs += report.cpuMs;
    merged.messagesReceived += report.messagesReceived;
    merged.bytesReceived += report.bytesReceived;
  }
  return merged;
}
