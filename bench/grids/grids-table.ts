import type { GridsBenchResult } from './grids-bench.ts';

/** Targets from issue 12. */
const targets = { firstRenderMs: 500, medianFrameMs: 16, gridJsGzipBytes: 200 * 1024 } as const;
const mark = (ok: boolean): string => (ok ? '✅' : '❌');
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function gridsTable(result: GridsBenchResult): string {
  const { remoteAdds: adds, photos } = result;
  const median = [...photos.singleMs].sort((a, b) => a - b)[Math.floor(photos.singleMs.length / 2)]!;
  return [
    `Case grids: the comparison of one host, ${result.groups} groups x ${result.rows} rows x ${result.columns} columns, ${result.cards} cards, headless Chromium at ${result.viewport}, frames uncapped.`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| comparison: first render after sync (median of ${result.loadsMs.length}: ${result.loadsMs.join(', ')} ms) | ${result.firstRenderAfterSyncMs} ms | < ${targets.firstRenderMs} ms | ${mark(result.firstRenderAfterSyncMs < targets.firstRenderMs)} |`,
    `| comparison: median frame while another client adds a card every ${adds.intervalMs} ms (${adds.added} added; p95 ${adds.p95Ms} ms, max ${adds.maxMs} ms, other load ${adds.otherCpuPct}%) | ${adds.medianMs} ms | < ${targets.medianFrameMs} ms | ${mark(adds.medianMs < targets.medianFrameMs)} |`,
    `| grid page JavaScript, gzipped (${result.gridJs.files} files) | ${(result.gridJs.gzipTotal / 1024).toFixed(1)} KB | ≤ 200 KB | ${mark(result.gridJs.gzipTotal <= targets.gridJsGzipBytes)} |`,
    `| ${photos.megapixels}-megapixel JPEG (${mib(photos.uploadBytes)}) upload: resize and store, one at a time (${photos.singleMs.join(', ')} ms) | ${median} ms | | |`,
    `| ${photos.concurrent} concurrent uploads: all stored after | ${photos.concurrentWallMs} ms | | |`,
    `| server RSS: idle → peak during the ${photos.concurrent} uploads | ${mib(photos.idleRssBytes)} → ${mib(photos.peakRssBytes)} (x${(photos.peakRssBytes / photos.idleRssBytes).toFixed(2)}) | ≤ x2 | ${mark(photos.peakRssBytes <= 2 * photos.idleRssBytes)} |`,
  ].join('\n');
}
