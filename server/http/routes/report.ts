import { Hono } from 'hono';
import { reportLanguages, type ReportLanguage } from '../../../shared/schema/fair-report-texts.ts';
import type { Committee } from '../../committee/committee.ts';
import type { Registry } from '../../docs/registry.ts';
import type { People } from '../../facilitation/people.ts';
import type { FairVotes } from '../../fair/fair-vote.ts';
import type { RouteCatalog } from '../../learning-routes/catalog.ts';
import { apiError } from '../errors.ts';
import type { GrantEnv } from '../route-grant.ts';
import { facilitatorsRouteOf } from './control.ts';
import { buildReport, type RouteReport } from './report-content.ts';
import { reportMarkdown, scoresCsv, votesCsv } from './report-formats.ts';
import { reportHtml } from './report-html.ts';
import { inlinedFontFaces } from '../report-fonts.ts';
import type { PhotoStore } from '../../photos/photo-store.ts';
import { readFile } from 'node:fs/promises';

const formats = ['md', 'json', 'html', 'votes.csv', 'scores.csv'] as const;

/**
 * `GET /api/routes/<route>/report?format=md|json|html|votes.csv|scores.csv&lang=en|lo|vi`: the route report for
 * the organisers (its facilitators and the admin), its A4 print layout (html), and the vote's and the
 * committee's records as CSV.
 */
export function reportRoutes(parts: { registry: Registry; votes: FairVotes; committee: Committee; people: People; catalog: RouteCatalog; photos: PhotoStore; clientDir: string }): Hono<GrantEnv> {
  return new Hono<GrantEnv>().get('/api/routes/:routeId/report', async (c) => {
    const routeId = await facilitatorsRouteOf(c, parts.catalog);
    const format = c.req.query('format') ?? 'md';
    if (!(formats as readonly string[]).includes(format)) throw apiError(400, 'invalid_format', `"format" is one of ${formats.join(', ')}.`);
    const lang = (c.req.query('lang') ?? 'en') as ReportLanguage;
    if (!reportLanguages.includes(lang)) throw apiError(400, 'invalid_lang', `"lang" is one of ${reportLanguages.join(', ')}.`);
    const report = await buildReport(routeId, parts.registry, parts.votes, parts.committee);
    const planTitle = Object.fromEntries(report.plans.map((plan) => [plan.teamId, plan.title]));
    const download = (body: string, type: string, name: string) =>
      c.body(body, 200, { 'content-type': `${type}; charset=utf-8`, 'content-disposition': `attachment; filename="${routeId}-${name}"` });
    if (format === 'json') return c.json(report);
    if (format === 'md') return download(reportMarkdown(report, lang), 'text/markdown', 'report.md');
    if (format === 'html') {
      const thumbs = await photoThumbs(parts.photos, routeId, report);
      const fontFaces = await inlinedFontFaces(parts.clientDir);
      const hrefFor = (other: string): string => {
        const url = new URL(c.req.url);
        url.searchParams.set('lang', other);
        return `${url.pathname}${url.search}`;
      };
      return c.html(reportHtml(report, lang, { fontFaces, photo: (id) => thumbs.get(id), hrefFor }), 200, { 'cache-control': 'no-store' });
    }
    const people = Object.fromEntries((await parts.people.list(routeId)).map((person) => [person.id, person]));
    if (format === 'votes.csv') {
      const ballots = (await parts.votes.ballots(routeId)).map(({ personId, ballot }) => ({
        person: people[personId]?.name ?? personId,
        team: people[personId]?.teamId ?? '',
        votes: ballot.votes,
      }));
      return download(votesCsv(ballots, planTitle), 'text/csv', 'votes.csv');
    }
    const view = await parts.committee.view(routeId, { kind: 'facilitator' });
    return download(scoresCsv(view.sheets, view.members, planTitle), 'text/csv', 'scores.csv');
  });
}

/** Every photo the report shows, as its thumbnail inlined (a saved page or its PDF keeps them). */
async function photoThumbs(photos: PhotoStore, routeId: string, report: RouteReport): Promise<Map<string, string>> {
  const ids = new Set([
    ...report.river.flatMap((day) => day.streams.flatMap((stream) => stream.cards.flatMap((card) => card.photos))),
    ...report.grids.flatMap((grid) => grid.keyPoints.flatMap((card) => card.photos)),
  ]);
  const thumbs = new Map<string, string>();
  for (const id of ids) {
    const file = await photos.file(routeId, id, 'thumb');
    if (file !== null) thumbs.set(id, `data:image/jpeg;base64,${(await readFile(file.path)).toString('base64')}`);
  }
  return thumbs;
}
