import type { FacilitationBenchResult } from './facilitation-bench.ts';

/** Targets from issue 14. */
const targets = { joinAllMs: 10_000, spotlightP99Ms: 250, timerSpreadMs: 250 } as const;
const mark = (ok: boolean): string => (ok ? '✅' : '❌');

export function facilitationTable(result: FacilitationBenchResult): string {
  return [
    `Facilitation: ${result.people} people joining one route at once; the room screen in headless Chromium; ${result.timerPages} pages with clocks off by up to ${result.maxSkewMs / 60_000} minutes either way.`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| ${result.people} joins over HTTP, each then synced on the river and the control document: first request → everyone synced (per person p50 ${result.joinP50Ms} ms) | ${result.joinAllSyncedMs} ms | < ${targets.joinAllMs / 1000} s | ${mark(result.joinAllSyncedMs < targets.joinAllMs)} |`,
    `| join time per person, p99 | ${result.joinP99Ms} ms | | |`,
    `| spotlight change → the room screen shows it drawn, p99 of ${result.spotlightChanges} in turn the timer, the schedule and a comparison row (p50 ${result.spotlightP50Ms} ms) | ${result.spotlightP99Ms} ms | < ${targets.spotlightP99Ms} ms | ${mark(result.spotlightP99Ms < targets.spotlightP99Ms)} |`,
    `| of which the comparison's row (a board: page, documents synced, cards fitted), p99 (p50 ${result.spotlightRowP50Ms} ms) | ${result.spotlightRowP99Ms} ms | < ${targets.spotlightP99Ms} ms | ${mark(result.spotlightRowP99Ms < targets.spotlightP99Ms)} |`,
    result.timerSeconds === 0
      ? `| timer: spread of the moment ${result.timerPages} skewed pages turn to the same second | no second seen turning on every page | < ${targets.timerSpreadMs} ms | ❌ |`
      : `| timer: spread of the moment ${result.timerPages} skewed pages turn to the same second, worst of ${result.timerSeconds} seconds (median ${result.timerSpreadMedianMs} ms) | ${result.timerSpreadMaxMs} ms | < ${targets.timerSpreadMs} ms | ${mark(result.timerSpreadMaxMs < targets.timerSpreadMs)} |`,
  ].join('\n');
}
