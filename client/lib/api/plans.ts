import type { PlanStatus } from '../../../shared/schema/control.ts';
import type { SnapshotSummary } from './plan-snapshots.ts';
import { requestApi, type ApiResult } from './request.ts';

const planPath = (routeId: string, teamId: string): string => `/api/routes/${encodeURIComponent(routeId)}/plans/${encodeURIComponent(teamId)}`;

/** Asks the server to move a plan to `status`; submitting also snapshots it with `label`. */
export function setPlanStatus(
  token: string | null,
  routeId: string,
  teamId: string,
  status: PlanStatus,
  label = '',
): Promise<ApiResult<{ status: PlanStatus; snapshot: SnapshotSummary | null }>> {
  return requestApi(`${planPath(routeId, teamId)}/status`, token, { method: 'POST', body: { status, label } });
}
