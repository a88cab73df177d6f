import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { synced, waitFor } from '../helpers/clients.ts';
import { api } from '../helpers/server.ts';
import { writeBlocks } from '../../../shared/schema/plan-content.ts';
import { PlanDoc } from '../../../shared/schema/plan.ts';
import { planRoute, type PlanRoute } from './plan-route.ts';

describe('plan export endpoints', () => {
  let route: PlanRoute;
  const path = (query: string) => `/api/routes/${route.routeId}/plans/t1/export?${query}`;
  beforeAll(async () => {
    route = await planRoute();
    const writer = route.connect(route.planDoc('t1'), route.ana);
    await synced(writer);
    writeBlocks(new PlanDoc(writer.doc).section('problem'), [{ kind: 'paragraph', inlines: [{ text: 'ສີທຳມະຊາດ fade in the sun.' }] }]);
    const reader = route.connect(route.planDoc('t1'));
    await synced(reader);
    await waitFor(() => new PlanDoc(reader.doc).section('problem').length === 1, 'text stored');
  });
  afterAll(async () => {
    await route.close();
  });

  it('export Markdown with a read token in the address, named from the title', async () => {
    const response = await fetch(`${route.server.url}${path(`format=md&lang=vi&token=${encodeURIComponent(route.binh)}`)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Natural-dyes.md"; filename*=UTF-8''Natural-dyes.md`);
    const text = await response.text();
    expect(text).toContain('# Natural dyes');
    expect(text).toContain('## 1. Vấn đề / chủ đề\n\nສີທຳມະຊາດ fade in the sun.');
  });

  it('export DOCX with a bearer token, which a reader opens', async () => {
    const response = await fetch(`${route.server.url}${path('format=docx')}`, { headers: { authorization: `Bearer ${route.facilitator}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) });
    expect(value).toContain('<h1>1. Problem / topic</h1>');
    expect(value).toContain('ສີທຳມະຊາດ fade in the sun.');
  });

  it('refuse a missing, an invalid or another route\'s token, and a bad format', async () => {
    expect((await api(route.server, path('format=md'), { token: null })).status).toBe(401);
    expect((await api(route.server, path('format=md&token=nonsense'), { token: null })).status).toBe(401);
    const other = await api(route.server, '/api/routes', { method: 'POST', body: { title: 'Other', startDate: '2025-01-06', endDate: '2025-01-06' } });
    expect((await api(route.server, path('format=docx'), { token: other.body.links.participant.token })).status).toBe(403);
    expect((await api(route.server, path('format=pdf'), { token: route.ana })).body.error).toBe('invalid_format');
    expect((await api(route.server, `/api/routes/${route.routeId}/plans/nope/export?format=md`, { token: route.ana })).status).toBe(404);
  });
});
