import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isPlanStatus, type PlanStatus } from '../../../shared/schema/control.ts';
import { planDocName, routeDocName } from '../../../shared/schema/doc-kinds.ts';
import { RouteDoc } from '../../../shared/schema/route.ts';
import { readBudgetCap } from '../../../shared/schema/plan-budget.ts';
import { planLanguages, type PlanLanguage } from '../../../shared/schema/plan-template.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';
import { exportFileName, readPlanExport } from '../../exports/plan-export.ts';
import { planToMarkdown } from '../../exports/plan-markdown.ts';
import type { Registry } from '../../docs/registry.ts';
import type { ControlActions } from '../../facilitation/control-actions.ts';
import { roleOn, type RouteCatalog } from '../../learning-routes/catalog.ts';
import type { Snapshots } from '../../snapshots/snapshots.ts';
import { decideAccess } from '../../auth/access.ts';
import { decideDocAccess, type AccessPolicy } from '../doc-access.ts';
import { apiError } from '../errors.ts';
import { routeIdParam, type GrantEnv } from '../route-grant.ts';
import { jsonBody } from './control.ts';

export interface PlanRouteParts {
  registry: Registry;
  policy: AccessPolicy;
  control: ControlActions;
  snapshots: Snapshots;
  catalog: RouteCatalog;
}

const maxLabelLength = 200;

/**
 * A plan's status (draft, presented at the fair, submitted) is a server action (A3): the server checks who
 * asks, writes the status into the control document that participants only read, and the write rules
 * then refuse participants' updates to a submitted plan. Submitting also snapshots the plan with a label,
 * after the lock, so the snapshot is exactly what was submitted.
 */
export function planRoutes(parts: PlanRouteParts): Hono<GrantEnv> {
  return new Hono<GrantEnv>()
    .get('/api/routes/:routeId/plans/:teamId/export', async (c) => {
      const format = c.req.query('format');
      if (format !== 'docx' && format !== 'md') throw apiError(400, 'invalid_format', '"format" must be "docx" or "md".');
      const lang = c.req.query('lang') ?? 'en';
      const language: PlanLanguage = (planLanguages as readonly string[]).includes(lang) ? (lang as PlanLanguage) : 'en';
      const { routeId, teamId } = await planOf(c, parts);
      // From the request's grant, not its token again: a download token (?token=d1…) is only good here.
      const readable = decideAccess(c.get('grant'), planDocName(routeId, teamId), Date.now());
      if (readable.level === 'none') throw apiError(readable.status, readable.error, readable.message);
      const { team, cap } = await parts.registry.withRoom(routeDocName(routeId), (room) => {
        const route = new RouteDoc(room.doc);
        return { team: route.read('teams').find((candidate) => candidate.id === teamId), cap: readBudgetCap(route.setupMap) };
      });
      const plan = await parts.registry.withRoom(planDocName(routeId, teamId), (room) => readPlanExport(new PlanDoc(room.doc), team, cap, language));
      const name = exportFileName(plan.title || team?.name || teamId, format);
      const disposition = `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`;
      if (format === 'md') {
        return c.body(planToMarkdown(plan), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition });
      }
      // Loaded on the first export: the DOCX library is not needed to serve a room.
      const { planToDocx } = await import('../../exports/plan-docx.ts');
      const file = await planToDocx(plan);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': disposition,
      });
    })
    .post('/api/routes/:routeId/plans/:teamId/status', bodyLimit({ maxSize: 4096 }), async (c) => {
    const { routeId, teamId } = await planOf(c, parts);
    const body = await jsonBody(c);
    if (!isPlanStatus(body.status)) throw apiError(400, 'invalid_status', '"status" must be "draft", "presented" or "submitted".');
    const label = body.label ?? '';
    if (typeof label !== 'string' || label.length > maxLabelLength) {
      throw apiError(400, 'invalid_label', `The label must be text of at most ${maxLabelLength} characters.`);
    }
    const status: PlanStatus = body.status;
    const current = await parts.control.read(routeId, (control) => control.planStatus(teamId));
    const role = roleOn(c.get('grant'), routeId);
    const isFacilitator = role === 'admin' || role === 'facilitator';
    if (!isFacilitator) {
      // "The team": whoever may write this plan now. A submitted plan refuses them, so only a
      // facilitator reopens it.
      const writable = decideDocAccess(parts.policy, 'write', planDocName(routeId, teamId), c.req.header('authorization'), undefined);
      if (!writable.ok) {
        throw apiError(403, current === 'submitted' ? 'plan_submitted' : 'forbidden', current === 'submitted'
          ? 'This plan has been submitted. Only a facilitator can reopen it.'
          : 'Only the plan’s team and the facilitators can change its status.');
      }
    }
    if (status === current) return c.json({ status, snapshot: null });

    await parts.control.change(routeId, (control) => control.setPlanStatus(teamId, status), { widensRights: current === 'submitted' });
    const snapshot = status === 'submitted' ? await parts.snapshots.create(planDocName(routeId, teamId), label.trim() || 'Submitted') : null;
    return c.json({ status, snapshot });
  });
}

/** The route and team of the request: a caller of the route, a route that exists, a team it has. */
async function planOf(c: Context<GrantEnv>, parts: PlanRouteParts): Promise<{ routeId: string; teamId: string }> {
  const routeId = routeIdParam(c.req.param('routeId') ?? '');
  const teamId = c.req.param('teamId') ?? '';
  if (roleOn(c.get('grant'), routeId) === null) throw apiError(403, 'forbidden', 'This token does not give access to this route.');
  if (!(await parts.catalog.exists(routeId))) throw apiError(404, 'route_not_found', 'There is no such route.');
  const teams = await parts.registry.withRoom(routeDocName(routeId), (room) => new RouteDoc(room.doc).read('teams'));
  if (!teams.some((team) => team.id === teamId)) throw apiError(404, 'team_not_found', 'This route has no such team.');
  return { routeId, teamId };
}
