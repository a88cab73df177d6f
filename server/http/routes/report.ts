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
import { buildReport } from './report-content.ts';
import { reportMarkdown, scoresCsv, votesCsv } from './report-formats.ts';

const formats = ['md', 'json', 'votes.csv', 'scores.csv'] as const;

/**
 * `GET /api/routes/<route>/report?format=md|json|votes.csv|scores.csv&lang=en|lo|vi`: the route report for
 * the organisers (its facilitators and the admin), and the vote's and the committee's records as CSV.
 */
export function reportRoutes(parts: { registry: Registry; votes: FairVotes; committee: Committee; people: People; catalog: RouteCatalog }): Hono<GrantEnv> {
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
