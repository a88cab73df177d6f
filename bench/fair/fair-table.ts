import { mib } from '../report/format.ts';
import type { FairBenchResult } from './fair-bench.ts';

/** Targets from issue 15. */
const targets = { tallyP99Ms: 500, reportMs: 3000, archiveMs: 10_000, memoryRatio: 2, wrapUpP99Ms: 1000 } as const;
const mark = (ok: boolean): string => (ok ? '✅' : '❌');
const ratio = (peak: number, idle: number): string => `${mib(peak)} (x${(peak / idle).toFixed(2)} of idle ${mib(idle)})`;

export function fairTable(r: FairBenchResult): string {
  const route = r.route;
  const w = r.wrapUpWatchers;
  return [
    `Fair vote and the finished route: ${r.participants} participants voting over ${r.windowMs / 1000} s, each ballot sent twice at once; the room screen a stock y-websocket client on the control document with the screen's token, and the room screen's tally page in headless Chromium. The demo route filled to ${route.riverCards} river cards, ${route.hosts} hosts x ${route.groups} groups of grids with ${route.gridCards} cards, ${route.plans} plans of ${route.planWords.toLocaleString('en')} words and ${route.photos} photos (2000 x 1500), the compiled server in its own process.`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| votes counted (${r.ballots} ballot requests) | ${r.votesCounted} of ${r.votesExpected}, every ballot once: ${r.everyBallotOnce ? 'yes' : 'no'} | exactly once | ${mark(r.everyBallotOnce && r.votesCounted === r.votesExpected)} |`,
    `| ballot request → the room screen's tally counts it, p99 (p50 ${r.tallyP50Ms} ms) | ${r.tallyP99Ms} ms | < ${targets.tallyP99Ms} ms | ${mark(r.tallyP99Ms < targets.tallyP99Ms)} |`,
    `| ballot request → the room screen's tally page (Chromium) draws it, p99 (p50 ${r.tallyPageP50Ms} ms; ${r.tallyPageVotes} of ${r.votesExpected} votes drawn) | ${r.tallyPageP99Ms} ms | < ${targets.tallyP99Ms} ms | ${mark(r.tallyPageVotes === r.votesExpected && r.tallyPageP99Ms < targets.tallyP99Ms)} |`,
    `| report, HTML print layout in Lao (${mib(r.reportHtmlBytes)}, photos inlined); Markdown ${r.reportMdMs} ms | ${r.reportHtmlMs} ms | < ${targets.reportMs / 1000} s | ${mark(r.reportHtmlMs < targets.reportMs)} |`,
    `| report, peak server RSS | ${ratio(r.reportPeakRssBytes, r.reportIdleRssBytes)} | < x${targets.memoryRatio} | ${mark(r.reportPeakRssBytes < targets.memoryRatio * r.reportIdleRssBytes)} |`,
    `| archive export (${mib(r.archiveBytes)}) | ${r.archiveMs} ms | < ${targets.archiveMs / 1000} s | ${mark(r.archiveMs < targets.archiveMs)} |`,
    `| archive export, peak server RSS (idle before it, after the report) | ${ratio(r.archivePeakRssBytes, r.archiveIdleRssBytes)} | < x${targets.memoryRatio} | ${mark(r.archivePeakRssBytes < targets.memoryRatio * r.archiveIdleRssBytes)} |`,
    `| archive import into an empty server (${r.imported.documents} documents, ${r.imported.snapshots} snapshots, ${r.imported.photos} photos, ${r.imported.people} people) | ${r.importMs} ms | < ${targets.archiveMs / 1000} s | ${mark(r.importMs < targets.archiveMs)} |`,
    `| archive import, peak server RSS | ${ratio(r.importPeakRssBytes, r.importIdleRssBytes)} | < x${targets.memoryRatio} | ${mark(r.importPeakRssBytes < targets.memoryRatio * r.importIdleRssBytes)} |`,
    `| ${w.watchers} open wrap-ups of the finished route, ${w.cards} cards added: card written → each wrap-up's answer holds it, p99 (p50 ${w.p50Ms} ms; ${w.missed} missed) | ${w.p99Ms} ms | < ${targets.wrapUpP99Ms / 1000} s | ${mark(w.missed === 0 && w.p99Ms < targets.wrapUpP99Ms)} |`,
    `| the same: wrap-up requests per card; server CPU per card (one wrap-up built alone: ${w.buildMs} ms) | ${w.requestsPerCard}; ${w.serverCpuMsPerCard} ms | | |`,
  ].join('\n');
}
