import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { planDocName } from '../../shared/schema/doc-kinds.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import type { RunningServer } from '../servers/server-spec.ts';
import { round, typeAndTime } from './editor-bench.ts';
import { fillLongPlan, longPlan } from './long-plan.ts';
import { planPageProbe, type PlanProbeWindow } from './page-probe.ts';
import { percentile } from './percentile.ts';

/**
 * Tributary's own plan page (`/r/<route>/plans/<team>`: one editor per section, the schedule and budget
 * tables, comments, the completeness panel) with the long plan, against the compiled server; and the
 * plan's DOCX export over HTTP. Hocuspocus has neither a plan page nor an export: these are Tributary's alone.
 */
export interface PlanPageResult {
  words: number;
  tableRows: number;
  /** Navigation to the long plan painted (every section's text and both tables), each a fresh page. */
  openMs: number[];
  keystrokes: number;
  keystrokeP50Ms: number;
  keystrokeP99Ms: number;
  /** The scripts the plan page loaded, gzipped as a server would send them. */
  scriptsGzipBytes: number;
  docxMs: number[];
  docxBytes: number;
  markdownMs: number;
}

const routeId = 'laos-2013';
const teamId = 'livestock';

/** The characters each section's editor will show: its text nodes' lengths, summed. */
function textLength(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): number {
  if (node instanceof Y.XmlText) return node.toDelta().reduce((sum: number, op: { insert?: unknown }) => sum + (typeof op.insert === 'string' ? op.insert.length : 0), 0);
  return node.toArray().reduce((sum, child) => sum + textLength(child as Y.XmlElement | Y.XmlText), 0);
}

async function connectPlan(wsUrl: string, token: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, planDocName(routeId, teamId), doc, { params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider };
}

/** Writes the long plan into the demo team's plan through a stock client and waits until a second one holds it. */
async function prepareLongPlan(wsUrl: string, token: string): Promise<{ characters: number; scheduleRows: number; budgetRows: number }> {
  const writer = await connectPlan(wsUrl, token);
  fillLongPlan(writer.doc, 13);
  const reader = await connectPlan(wsUrl, token);
  const want = Buffer.from(Y.encodeStateVector(writer.doc));
  while (!Buffer.from(Y.encodeStateVector(reader.doc)).equals(want)) await new Promise((resolve) => setTimeout(resolve, 50));
  const plan = new PlanDoc(reader.doc);
  const shape = { characters: plan.sections().reduce((sum, { fragment }) => sum + textLength(fragment), 0), scheduleRows: plan.rows('schedule').length, budgetRows: plan.rows('budget').length };
  for (const client of [writer, reader]) {
    client.provider.destroy();
    client.doc.destroy();
  }
  return shape;
}

async function openPlanPage(browser: Browser, url: string, scripts: Map<string, number>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript({ content: `localStorage.setItem('tributary.name', 'Bench'); localStorage.setItem('tributary.locale', 'en');` });
  await context.addInitScript({ content: planPageProbe });
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then((body) => scripts.set(new URL(response.url()).pathname, gzipSync(body).length), () => {});
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

async function timeExport(httpUrl: string, token: string, format: 'docx' | 'md'): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${httpUrl}/api/routes/${routeId}/plans/${teamId}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`export ${format}: ${response.status} ${await response.text()}`);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: Math.round(performance.now() - started), bytes };
}

export async function runPlanPage(browser: Browser, server: RunningServer, options: { opens: number; keystrokes: number; exports: number }): Promise<PlanPageResult> {
  const { endpoint } = server;
  if (endpoint.protocol !== 'y-websocket' || endpoint.params.token === undefined) throw new Error('the plan page bench needs Tributary with its admin token');
  const token = endpoint.params.token;
  const httpUrl = server.endpoint.url.replace(/^ws/, 'http').replace(/\/sync$/, '');
  const shape = await prepareLongPlan(server.endpoint.url, token);
  const scripts = new Map<string, number>();
  const openMs: number[] = [];
  let page: Page | null = null;
  for (let i = 0; i < options.opens; i++) {
    await page?.context().close();
    page = await openPlanPage(browser, `${httpUrl}/r/${routeId}/plans/${teamId}?token=${token}`, scripts);
    // No named functions inside: tsx would wrap them in a helper (`__name`) the page does not have.
    const paintedAt = await page.evaluate(
      (want) =>
        (window as unknown as PlanProbeWindow).__planProbe.painted(
          () =>
            document.querySelectorAll('[data-testid="table-schedule"] tbody tr').length >= want.scheduleRows &&
            document.querySelectorAll('[data-testid="table-budget"] tbody tr').length >= want.budgetRows &&
            [...document.querySelectorAll('[data-testid^="editor-"]')].reduce((sum, editor) => sum + (editor.textContent?.length ?? 0), 0) >= want.characters,
        ),
      shape,
    );
    openMs.push(Math.round(paintedAt));
  }
  await page!.getByTestId('editor-problem').click();
  const times = await typeAndTime(page!, options.keystrokes);
  await page!.context().close();

  // The first export loads the DOCX library; it is counted, as a team's first download would be.
  const docx = [];
  for (let i = 0; i < options.exports; i++) docx.push(await timeExport(httpUrl, token, 'docx'));
  const markdown = await timeExport(httpUrl, token, 'md');
  return {
    words: longPlan.words,
    tableRows: longPlan.tableRows,
    openMs,
    keystrokes: options.keystrokes,
    keystrokeP50Ms: round(percentile(times, 50)),
    keystrokeP99Ms: round(percentile(times, 99)),
    scriptsGzipBytes: [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0),
    docxMs: docx.map((run) => run.ms),
    docxBytes: docx[0]!.bytes,
    markdownMs: markdown.ms,
  };
}
