import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { createDownloadTokens, downloadLifetimeMs } from '../../../server/auth/download-tokens.ts';
import { requestUpgrade } from '../helpers/raw-socket.ts';
import { api } from '../helpers/server.ts';
import { planRoute, type PlanRoute } from './plan-route.ts';

// The export links the client builds carry a download token, not the person's own token (issue 13).
describe('download tokens', () => {
  let route: PlanRoute;
  const exportPath = (teamId: string) => `/api/routes/${route.routeId}/plans/${teamId}/export`;
  const askFor = (url: string, token: string | null) => api(route.server, `/api/routes/${route.routeId}/downloads`, { method: 'POST', token, body: { url } });
  /** The download token of an answer's url. */
  const tokenOf = (url: string): string => new URL(url, 'http://x').searchParams.get('token')!;
  beforeAll(async () => {
    route = await planRoute();
  });
  afterAll(async () => {
    await route.close();
  });

  it('gives a link with a short-lived download token in place of the person\'s, which downloads the plan', async () => {
    const asked = await askFor(`${exportPath('t1')}?format=docx&lang=lo`, route.ana);
    expect(asked.status).toBe(201);
    expect(asked.body.url).toMatch(new RegExp(`^${exportPath('t1')}\\?format=docx&lang=lo&token=d1\\.`));
    expect(asked.body.url).not.toContain(encodeURIComponent(route.ana));
    expect(asked.body.url).not.toContain(route.ana);
    expect(asked.body.expiresAt - Date.now()).toBeLessThanOrEqual(downloadLifetimeMs);
    const response = await fetch(`${route.server.url}${asked.body.url}`);
    expect(response.status).toBe(200);
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) });
    expect(value).toContain('Natural dyes');
  });

  it('keeps Authorization: Bearer and ?token= with the person\'s token working', async () => {
    expect((await api(route.server, `${exportPath('t1')}?format=md`, { token: route.ana })).status).toBe(200);
    expect((await fetch(`${route.server.url}${exportPath('t1')}?format=md&token=${encodeURIComponent(route.ana)}`)).status).toBe(200);
  });

  it('refuses a download token on another plan, another endpoint, another method or the WebSocket', async () => {
    const token = tokenOf((await askFor(`${exportPath('t1')}?format=md`, route.ana)).body.url);
    const refusedFor = async (path: string, method = 'GET') => {
      const response = await fetch(`${route.server.url}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`, { method });
      return { status: response.status, body: await response.json() };
    };
    const otherPurpose = { error: 'download_not_for_this', message: 'This download link is for another file.' };
    expect(await refusedFor(`${exportPath('t2')}?format=md`)).toEqual({ status: 403, body: otherPurpose });
    expect(await refusedFor(`/api/routes/${route.routeId}/report?format=md`)).toEqual({ status: 403, body: otherPurpose });
    expect(await refusedFor(`/api/routes/${route.routeId}/plans/t1/status`, 'POST')).toEqual({ status: 403, body: otherPurpose });
    // Document access and the WebSocket take access tokens only.
    const upgrade = await requestUpgrade(route.server.url, `/sync/${route.planDoc('t1')}?token=${encodeURIComponent(token)}`);
    expect(upgrade.status).toBe(401);
    expect(JSON.parse(upgrade.body).error).toBe('token_invalid');
    // Nor does a download token ask for more download tokens.
    expect((await askFor(`${exportPath('t1')}?format=md`, token)).body.error).toBe('download_not_for_this');
  });

  it('refuses an expired or forged download token with the API\'s JSON error', async () => {
    const secret = Buffer.from(readFileSync(join(route.dataDir, 'token-secret'), 'utf8').trim(), 'hex');
    const grant = { kind: 'route' as const, routeId: route.routeId, role: 'facilitator' as const, expiresAt: null };
    const expired = createDownloadTokens(secret).mint(grant, exportPath('t1'), Date.now() - downloadLifetimeMs - 1000).token;
    const response = await fetch(`${route.server.url}${exportPath('t1')}?format=md&token=${encodeURIComponent(expired)}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'download_expired', message: 'This download link has expired. Start the download again from the page.' });
    const forged = createDownloadTokens(Buffer.from('another secret')).mint(grant, exportPath('t1'), Date.now()).token;
    const refused = await fetch(`${route.server.url}${exportPath('t1')}?format=md&token=${encodeURIComponent(forged)}`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toBe('token_invalid');
  });

  it('gives download tokens only for a route\'s downloads, to a caller of that route', async () => {
    expect((await askFor(`/api/routes/${route.routeId}/people`, route.facilitator)).body.error).toBe('invalid_download');
    expect((await askFor(`/api/routes/elsewhere/report`, route.facilitator)).body.error).toBe('invalid_download');
    expect((await askFor(`${exportPath('t1')}?format=md`, null)).status).toBe(401);
    const other = await api(route.server, '/api/routes', { method: 'POST', body: { title: 'Other', startDate: '2025-01-06', endDate: '2025-01-06' } });
    expect((await askFor(`${exportPath('t1')}?format=md`, other.body.links.participant.token)).status).toBe(403);
    // The report is the facilitators': a participant's download token for it is refused where it is used.
    const participants = await askFor(`/api/routes/${route.routeId}/report?format=md`, route.ana);
    expect(participants.status).toBe(201);
    expect((await fetch(`${route.server.url}${participants.body.url}`)).status).toBe(403);
    const facilitators = await askFor(`/api/routes/${route.routeId}/report?format=md`, route.facilitator);
    expect((await fetch(`${route.server.url}${facilitators.body.url}`)).status).toBe(200);
  });
});
