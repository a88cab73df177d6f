import type { Recording, RiverBenchResult } from './river-bench.ts';

/** Targets from the issue: first render under 1 s, median frame under 16 ms, initial JS at most 200 KB gzipped. */
const riverTargets = { firstRenderMs: 1000, medianFrameMs: 16, initialJsGzipBytes: 200 * 1024 } as const;

const mark = (ok: boolean): string => (ok ? '✅' : '❌');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function frameRow(name: string, frames: Recording): string {
  const main = frames.mainThread;
  return `| ${name} | ${frames.medianMs} ms | ${frames.p95Ms} ms | ${frames.maxMs} ms | ${frames.frames} | ${main.scriptMs} / ${main.styleMs} / ${main.layoutMs} / ${main.taskMs} ms | ${frames.otherCpuPct}% | ${mark(frames.medianMs < riverTargets.medianFrameMs)} |`;
}

export function riverTable(result: RiverBenchResult): string {
  const loads = result.loads.map((load) => `${load.renderAfterSyncMs} ms`).join(', ');
  return [
    `River page, ${result.cards.toLocaleString('en')} cards from ${result.authors} authors over ${result.days} days, headless Chromium at ${result.viewport}, frames uncapped (a frame's time is its work).`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| first render after sync (median of ${result.loads.length} cold loads: ${loads}) | ${result.firstRenderAfterSyncMs} ms | < ${riverTargets.firstRenderMs} ms | ${mark(result.firstRenderAfterSyncMs < riverTargets.firstRenderMs)} |`,
    `| navigation to first render (same loads) | ${result.loads.map((load) => `${load.navigationToPaintMs} ms`).join(', ')} | | |`,
    `| initial JavaScript of the river page, gzipped (${result.initialJs.files.length} files) | ${kb(result.initialJs.gzipTotal)} | ≤ 200 KB | ${mark(result.initialJs.gzipTotal <= riverTargets.initialJsGzipBytes)} |`,
    `| TipTap / ProseMirror in it | ${result.initialJs.heavyEditorIncluded ? 'yes' : 'no'} | no | ${mark(!result.initialJs.heavyEditorIncluded)} |`,
    '',
    '| frames | median | p95 | max | frames | main thread per frame: script / style / layout / all | other load | median < 16 ms |',
    '|---|---|---|---|---|---|---|---|',
    frameRow('idle', result.idle),
    frameRow('panning (a wheel event every frame)', result.panning),
    frameRow(`another client adds a card every ${result.remoteAdds.intervalMs} ms (${result.remoteAdds.added} added, at the top of a cell in view)`, result.remoteAdds),
    frameRow('panning while that client adds', result.panningWhileAdding),
    '',
    `Room screen (\`/r/<route>/screen\`, the busy river summed up) on the same ${result.cards.toLocaleString('en')} cards, same viewport.`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| first render after sync (median of ${result.screen.loads.length} cold loads: ${result.screen.loads.map((load) => `${load.renderAfterSyncMs} ms`).join(', ')}) | ${result.screen.firstRenderAfterSyncMs} ms | < ${riverTargets.firstRenderMs} ms | ${mark(result.screen.firstRenderAfterSyncMs < riverTargets.firstRenderMs)} |`,
    '',
    '| frames | median | p95 | max | frames | main thread per frame: script / style / layout / all | other load | median < 16 ms |',
    '|---|---|---|---|---|---|---|---|',
    frameRow(`room screen while another client adds a card every ${result.remoteAdds.intervalMs} ms (${result.screen.remoteAdds.added} added)`, result.screen.remoteAdds),
  ].join('\n');
}
