import { caseDocName, controlDocName, planDocName, riverDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { CaseDoc, CaseTemplates } from '../../../shared/schema/case.ts';
import { ControlDoc, type PlanStatus } from '../../../shared/schema/control.ts';
import type { PlanAssessment } from '../../../shared/schema/fair-committee.ts';
import type { TallyLine } from '../../../shared/schema/fair.ts';
import { blocksText, readBlocks } from '../../../shared/schema/plan-content.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';
import { RiverDoc, sortCards } from '../../../shared/schema/river.ts';
import { RouteDoc, type RouteSetup } from '../../../shared/schema/route.ts';
import type { Committee } from '../../committee/committee.ts';
import type { Registry } from '../../docs/registry.ts';
import type { FairVotes } from '../../fair/fair-vote.ts';

/** Everything the route report says, as data: the Markdown and JSON formats are written from it. */
export interface RouteReport {
  route: RouteSetup & { id: string };
  days: Array<{ id: string; date: string; title: string; sessions: Array<{ time: string; title: string }> }>;
  hosts: Array<{ id: string; name: string; place: string; summary: string; dayId: string }>;
  /** The organisations the teams come from, each once, in the teams' order. */
  partners: string[];
  river: Array<{ dayId: string; streams: Array<{ streamId: string; kind: string; label: string; cards: ReportCard[] }> }>;
  grids: Array<{ hostId: string; keyPoints: ReportCard[] }>;
  plans: Array<{ teamId: string; team: string; title: string; community: string; status: PlanStatus; summary: string }>;
  /** Null until the vote's result is published. */
  fair: TallyLine[] | null;
  /** Null until the committee's results are published. */
  contest: PlanAssessment[] | null;
}

/** A contribution as written, with its photos' ids (`/api/routes/<route>/photos/<id>`). */
export interface ReportCard {
  text: string;
  author: string;
  photos: string[];
}

/** How much of a plan's problem section the report quotes as its summary. */
const summaryLength = 600;

export async function buildReport(routeId: string, registry: Registry, votes: FairVotes, committee: Committee): Promise<RouteReport> {
  const route = await registry.withRoom(routeDocName(routeId), (room) => {
    const doc = new RouteDoc(room.doc);
    const templates = new CaseTemplates(room.doc);
    return {
      setup: doc.readSetup(),
      days: doc.read('days'),
      schedule: doc.read('schedule'),
      hosts: doc.read('hosts'),
      teams: doc.read('teams'),
      keyPoints: Object.fromEntries(doc.read('hosts').map((host) => [host.id, templates.keyPoints(host.id)])),
    };
  });
  const river = await registry.withRoom(riverDocName(routeId), (room) => {
    const doc = new RiverDoc(room.doc);
    return { streams: doc.streams(), cards: sortCards(doc.cards()) };
  });
  const grids = await Promise.all(
    route.hosts.map((host) =>
      registry.withRoom(caseDocName(routeId, host.id), (room) => {
        const keys = route.keyPoints[host.id] ?? new Set<string>();
        const cards = new CaseDoc(room.doc).cards().filter((card) => keys.has(card.id));
        return { hostId: host.id, keyPoints: cards.map(({ text, author, photos }) => ({ text, author, photos })) };
      }),
    ),
  );
  const statuses = await registry.withRoom(controlDocName(routeId), (room) => {
    const control = new ControlDoc(room.doc);
    return Object.fromEntries(route.teams.map((team) => [team.id, control.planStatus(team.id)]));
  });
  const plans = await Promise.all(
    route.teams.map((team) =>
      registry.withRoom(planDocName(routeId, team.id), (room) => {
        const plan = new PlanDoc(room.doc);
        const problem = blocksText(readBlocks(plan.section('problem'))).trim();
        return {
          teamId: team.id,
          team: team.name,
          title: plan.readMeta().title || team.planTitle || team.name,
          community: team.community,
          status: statuses[team.id] ?? 'draft',
          summary: problem.length > summaryLength ? `${problem.slice(0, summaryLength).trimEnd()}…` : problem,
        };
      }),
    ),
  );
  const vote = await votes.state(routeId);
  const results = await committee.view(routeId, { kind: 'screen' });
  return {
    route: { id: routeId, ...route.setup },
    days: route.days.map((day) => ({ ...day, sessions: route.schedule.filter((item) => item.dayId === day.id).map(({ time, title }) => ({ time, title })) })),
    hosts: route.hosts,
    partners: [...new Set(route.teams.map((team) => team.organisation.trim()).filter(Boolean))],
    river: route.days.map((day) => ({
      dayId: day.id,
      streams: river.streams.map((stream) => ({
        streamId: stream.id,
        kind: stream.kind,
        label: stream.label,
        cards: river.cards.filter((card) => card.dayId === day.id && card.streamId === stream.id).map(({ text, author, photos }) => ({ text, author, photos })),
      })),
    })),
    grids,
    plans,
    fair: vote.status === 'published' ? vote.tally : null,
    contest: results.published ? results.assessments : null,
  };
}
