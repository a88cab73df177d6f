import type { PlansBenchResult } from './plans-bench.ts';

/** Targets from issue 13. */
const targets = { remoteP50Ms: 30, openMs: 1000, keystrokeMs: 16, exportMs: 1000, scriptsGzipBytes: 300 * 1024 } as const;
/** A ratio within this of 1 is a tie on this shared machine. */
const tie = 0.15;
const mark = (ok: boolean): string => (ok ? '✅' : '❌');
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Tributary's p99 against Hocuspocus's: a tie within 15%, else who is lower and by how much. */
export function compare(ours: number, theirs: number): string {
  const ratio = ours / theirs;
  if (Math.abs(ratio - 1) <= tie) return `tie (x${ratio.toFixed(2)})`;
  return ratio < 1 ? `Tributary lower (x${ratio.toFixed(2)})` : `Hocuspocus lower (x${ratio.toFixed(2)})`;
}

export function plansTable(r: PlansBenchResult): string {
  const rooms = [...new Set(r.remote.map((row) => row.editors))];
  const remoteRows = rooms.flatMap((editors) => {
    const ours = r.remote.find((row) => row.editors === editors && row.system === 'tributary')!;
    const theirs = r.remote.find((row) => row.editors === editors && row.system === 'hocuspocus')!;
    const ok = ours.p50Ms < targets.remoteP50Ms && ours.p99Ms <= theirs.p99Ms * (1 + tie) && ours.missing === 0 && ours.identical;
    return [
      `| ${editors} editors, ${ours.keystrokes.toLocaleString('en')} keys (${ours.receipts.toLocaleString('en')} receipts, ${ours.missing} missing) | ${ours.p50Ms} / ${ours.p99Ms} ms | ${theirs.p50Ms} / ${theirs.p99Ms} ms (${theirs.missing} missing) | ${compare(ours.p99Ms, theirs.p99Ms)} | ${mark(ok)} |`,
    ];
  });
  const [ours, theirs] = ['tributary', 'hocuspocus'].map((system) => r.longPlan.find((row) => row.system === system)!);
  const page = r.planPage;
  return [
    `Remote keystrokes: the same TipTap editor (StarterKit, tables, Collaboration, the collaboration caret) in headless Chromium, one context per editor, through Tributary (stock y-websocket provider) and Hocuspocus (its own provider); one keystroke every ${r.settings.intervalMs} ms across the room, each editor in its own paragraph; keydown in the typing page to the text in every other page's DOM.`,
    '',
    '| remote keystroke, p50 / p99 | Tributary | Hocuspocus | p99 | target: p50 < 30 ms, p99 no worse |',
    '|---|---|---|---|---|',
    ...remoteRows,
    '',
    `The long plan (${page.words.toLocaleString('en')} words, two tables of ${page.tableRows} rows): in the bench editor (one fragment, ${ours!.characters.toLocaleString('en')} characters) on both servers while its writer stays connected, and in Tributary's own plan page (a section per editor, the live tables, comments and the completeness panel); open is navigation to painted, ${r.settings.opens} fresh pages; keystroke is keydown to the next paint, ${r.settings.localKeystrokes} keys typed 50 ms apart. DOCX and Markdown from \`GET /api/routes/<route>/plans/<team>/export\`, ${page.docxMs.length} DOCX runs, the first loading the DOCX library.`,
    '',
    '| measure | Tributary | Hocuspocus | target | |',
    '|---|---|---|---|---|',
    `| bench editor: open the long plan (median of ${ours!.openMs.join(' / ')} ms; ${theirs!.openMs.join(' / ')} ms) | ${median(ours!.openMs)} ms | ${median(theirs!.openMs)} ms (${compare(median(ours!.openMs), median(theirs!.openMs))}) | < 1 s | ${mark(median(ours!.openMs) < targets.openMs)} |`,
    `| bench editor: keystroke in the long plan, p50 (p99) | ${ours!.keystrokeP50Ms} ms (${ours!.keystrokeP99Ms}) | ${theirs!.keystrokeP50Ms} ms (${theirs!.keystrokeP99Ms}) | < 16 ms | ${mark(ours!.keystrokeP50Ms < targets.keystrokeMs)} |`,
    `| plan page: open the long plan (${page.openMs.join(' / ')} ms) | ${median(page.openMs)} ms | — | < 1 s | ${mark(median(page.openMs) < targets.openMs)} |`,
    `| plan page: keystroke, p50 (p99) | ${page.keystrokeP50Ms} ms (${page.keystrokeP99Ms}) | — | < 16 ms | ${mark(page.keystrokeP50Ms < targets.keystrokeMs)} |`,
    `| plan page: scripts loaded, gzipped | ${(page.scriptsGzipBytes / 1024).toFixed(1)} KB | — | ≤ 300 KB | ${mark(page.scriptsGzipBytes <= targets.scriptsGzipBytes)} |`,
    `| DOCX export (${page.docxMs.join(' / ')} ms), ${(page.docxBytes / 1024).toFixed(1)} KB; Markdown ${page.markdownMs} ms | ${median(page.docxMs)} ms | — | < 1 s | ${mark(median(page.docxMs) < targets.exportMs)} |`,
  ].join('\n');
}
