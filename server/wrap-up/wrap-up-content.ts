import { CaseDoc, CaseTemplates, placeCards, sortGridCards } from '../../shared/schema/case.ts';
import { ControlDoc } from '../../shared/schema/control.ts';
import { caseDocName, controlDocName, planDocName, riverDocName, routeDocName } from '../../shared/schema/doc-kinds.ts';
import { FairBoard } from '../../shared/schema/fair.ts';
import { readBudgetCap } from '../../shared/schema/plan-budget.ts';
import { PlanDoc } from '../../shared/schema/plan.ts';
import { RiverDoc, sortCards } from '../../shared/schema/river.ts';
import { RouteDoc } from '../../shared/schema/route.ts';
import { riverGrowth, streamsOf, type WrapUp, type WrapUpGrid } from '../../shared/schema/wrap-up.ts';
import type { Committee } from '../committee/committee.ts';
import type { Registry } from '../docs/registry.ts';
import { planProgressOf } from './plan-progress-memo.ts';

/**
 * The wrap-up of a day (`dayId`) or of the whole route (null), read from the route's documents. A day's
 * grids are its hosts' (a host visited that day) with every card; the route's are every host's key points.
 * Null when the route has no such day.
 */
export async function buildWrapUp(routeId: string, dayId: string | null, registry: Registry, committee: Committee): Promise<WrapUp | null> {
  const route = await registry.withRoom(routeDocName(routeId), (room) => {
    const doc = new RouteDoc(room.doc);
    const templates = new CaseTemplates(room.doc);
    const hosts = doc.read('hosts');
    return {
      setup: doc.readSetup(),
      days: doc.read('days'),
      hosts,
      groups: doc.read('groups'),
      teams: doc.read('teams'),
      cap: readBudgetCap(doc.setupMap),
      templates: Object.fromEntries(hosts.map((host) => [host.id, templates.forHost(host.id)])),
      keyPoints: Object.fromEntries(hosts.map((host) => [host.id, templates.keyPoints(host.id)])),
    };
  });
  if (dayId !== null && !route.days.some((day) => day.id === dayId)) return null;
  const river = await registry.withRoom(riverDocName(routeId), (room) => {
    const doc = new RiverDoc(room.doc);
    return { streams: doc.streams(), cards: sortCards(doc.cards()) };
  });
  const hosts = dayId === null ? route.hosts : route.hosts.filter((host) => host.dayId === dayId);
  const grids = await Promise.all(
    hosts.map((host) =>
      registry.withRoom(caseDocName(routeId, host.id), (room): WrapUpGrid => {
        const template = route.templates[host.id]!;
        const keys = route.keyPoints[host.id] ?? new Set<string>();
        const all = sortGridCards(new CaseDoc(room.doc).cards());
        const shown = placeCards(dayId === null ? all.filter((card) => keys.has(card.id)) : all, template).placed;
        return {
          host: { id: host.id, name: host.name, place: host.place, dayId: host.dayId },
          rows: template.rows,
          columns: template.columns,
          groups: route.groups.map((group) => ({ ...group, cards: all.filter((card) => card.groupId === group.id).length })),
          cards: shown.map(({ card, rowId, columnId }) => ({ id: card.id, text: card.text, author: card.author, groupId: card.groupId, rowId, columnId, keyPoint: keys.has(card.id) })),
        };
      }),
    ),
  );
  const control = await registry.withRoom(controlDocName(routeId), (room) => ({
    statuses: Object.fromEntries(route.teams.map((team) => [team.id, new ControlDoc(room.doc).planStatus(team.id)])),
    // What the room may see: the wrap-up is shown on the projector.
    vote: new FairBoard(room.doc).read(),
  }));
  const plans = await Promise.all(
    route.teams.map((team) =>
      registry.withRoom(planDocName(routeId, team.id), (room) => {
        const plan = new PlanDoc(room.doc);
        const progress = planProgressOf(room.doc, route.cap);
        return {
          teamId: team.id,
          team: team.name,
          title: plan.readMeta().title || team.planTitle || team.name,
          status: control.statuses[team.id] ?? 'draft',
          filled: progress.filled,
          total: progress.total,
          words: progress.sections.reduce((sum, section) => sum + section.words, 0),
          budgetReady: progress.budgetReady,
        };
      }),
    ),
  );
  const results = dayId === null ? await committee.view(routeId, { kind: 'screen' }) : null;
  return {
    route: { id: routeId, ...route.setup },
    days: route.days,
    dayId,
    growth: riverGrowth(river.cards, route.days.map((day) => day.id)),
    streams: streamsOf(river.streams, river.cards, dayId),
    grids,
    plans,
    fair: dayId === null && control.vote.status !== 'idle' ? control.vote : null,
    contest: results?.published ? results.assessments : null,
  };
}
