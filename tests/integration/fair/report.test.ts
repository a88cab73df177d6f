import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeDataDir, startTestServer } from '../helpers/server.ts';

/** RFC 4180, enough to read back what the server wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

/** The route report of the demo route: Markdown and JSON read, the votes and scores CSV parsed back. */
describe('route report', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let facilitator: string;
  const report = (query: string, token?: string | null) => api(server, `/api/routes/laos-2013/report?${query}`, { token });

  beforeAll(async () => {
    data = await makeDataDir();
    server = await startTestServer(data.dir, { seedDemo: true });
    facilitator = (await api(server, '/api/routes/laos-2013/links')).body.facilitator.token;
  });
  afterAll(async () => {
    await server.close();
    await data.remove();
  });

  it('writes the route, its schedule, hosts, river and plans in Markdown and JSON, in the reader’s language', async () => {
    const md = await report('format=md', facilitator);
    expect(md.status).toBe(200);
    const text = md.body as string;
    expect(text.startsWith('# Pro-Rural Poor Public and Private Partnership in Lao PDR\n')).toBe(true);
    for (const expected of ['- Place: Attapeu province, Lao PDR', '## Schedule', '08:30 Opening and introduction of RLIP', '## Host experiences', '#### Expectations (2)',
      '- Learn how women’s groups negotiate with private companies — Khamla', '### Improving organic watermelon plantation in Sansai district', '## Innovation Plan Fair vote\n\nNot published yet.']) {
      expect(text).toContain(expected);
    }
    const lo = (await report('format=md&lang=lo', facilitator)).body as string;
    expect(lo).toContain('## ຕາຕະລາງ');
    expect(lo).toContain('Our group sells cardamom through a trader in Sayaboury');
    const json = (await report('format=json', facilitator)).body;
    expect(json.route).toMatchObject({ id: 'laos-2013', title: 'Pro-Rural Poor Public and Private Partnership in Lao PDR' });
    expect(json.days).toHaveLength(5);
    expect(json.plans).toHaveLength(5);
    expect(json.river[0].streams.find((s: { kind: string }) => s.kind === 'knowledge').cards[0].text).toBe('Our group sells cardamom through a trader in Sayaboury');
    expect(json.fair).toBeNull();
    expect(json.contest).toBeNull();
    // For the organisers: facilitators and the admin only.
    const participant = (await api(server, '/api/routes/laos-2013/links')).body.participant.token;
    expect((await report('format=md', participant)).status).toBe(403);
    expect((await report('format=pdf', facilitator)).body.error).toBe('invalid_format');
  });

  it('lays the report out as one HTML page for A4, headings in the reader’s language, with the app’s fonts inlined when built', async () => {
    const answer = await fetch(`${server.url}/api/routes/laos-2013/report?format=html&lang=vi&token=${facilitator}`);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await answer.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h1 data-testid="report-title">Pro-Rural Poor Public and Private Partnership in Lao PDR</h1>');
    for (const expected of ['<h2>Lịch trình</h2>', '<h2>Dòng sông Lộ trình học tập</h2>', 'Our group sells cardamom through a trader in Sayaboury', '@page { size: A4;', 'Improving organic watermelon plantation in Sansai district']) {
      expect(html).toContain(expected);
    }
    // Contributions are text, never markup; the bar's language links keep the token.
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<a href="\/api\/routes\/laos-2013\/report\?format=html&#38;lang=lo&#38;token=/);
  });

  it('gives the fair’s ballots and the committee’s scores as CSV, and their published results in the report', async () => {
    const codes = (await api(server, '/api/routes/laos-2013/join-codes', { token: facilitator })).body;
    const joinAs = async (role: string, name: string, teamId?: string) =>
      (await api(server, '/api/join', { method: 'POST', token: null, body: { code: codes[role], name, teamId, groupId: teamId ? 'g1' : undefined } })).body.token as string;
    const ana = await joinAs('participant', 'Ana, "the quick"', 'taliang');
    const member = await joinAs('committee', 'Ms Phet');
    await api(server, '/api/routes/laos-2013/vote/open', { token: facilitator, method: 'POST', body: { plans: ['taliang', 'watermelon', 'chilli'] } });
    await api(server, '/api/routes/laos-2013/vote/ballot', { token: ana, method: 'PUT', body: { votes: { watermelon: 2, chilli: 1 } } });
    for (const action of ['close', 'publish']) await api(server, `/api/routes/laos-2013/vote/${action}`, { token: facilitator, method: 'POST' });
    const votes = parseCsv((await report('format=votes.csv', facilitator)).body as string);
    expect(votes).toEqual([
      ['person', 'team', 'plan', 'plan_title', 'votes'],
      ['Ana, "the quick"', 'taliang', 'watermelon', 'Improving organic watermelon plantation in Sansai district', '2'],
      ['Ana, "the quick"', 'taliang', 'chilli', 'Community based knowledge exchange to improve chilli plantation quality', '1'],
    ]);

    await api(server, '/api/routes/laos-2013/plans/watermelon/status', { token: facilitator, method: 'POST', body: { status: 'submitted' } });
    const comment = 'Clear, "real" outputs;\nbudget, though, is thin';
    await api(server, '/api/routes/laos-2013/committee/scores/watermelon', {
      token: member,
      method: 'PUT',
      body: { scores: { innovation: 10.5, complementarities: 4, clarity: 6 }, comments: { clarity: comment }, submit: true },
    });
    const scores = parseCsv((await report('format=scores.csv', facilitator)).body as string);
    expect(scores[0]).toEqual(['plan', 'plan_title', 'member', 'innovation', 'complementarities', 'clarity', 'total', 'innovation_comment', 'complementarities_comment', 'clarity_comment']);
    expect(scores[1]).toEqual(['watermelon', 'Improving organic watermelon plantation in Sansai district', 'Ms Phet', '10.5', '4', '6', '20.5', '', '', comment]);

    await api(server, '/api/routes/laos-2013/committee/publish', { token: facilitator, method: 'POST', body: { published: true } });
    const json = (await report('format=json', facilitator)).body;
    expect(json.fair[0]).toMatchObject({ teamId: 'watermelon', votes: 2, place: 1, points: 3 });
    expect(json.contest).toEqual([expect.objectContaining({ teamId: 'watermelon', meanTotal: 20.5, fairPoints: 3, final: 23.5, place: 1 })]);
    const md = (await report('format=md', facilitator)).body as string;
    expect(md).toContain('| 1 | Improving organic watermelon plantation in Sansai district | 2 | 3 |');
    expect(md).toContain('| 1 | Improving organic watermelon plantation in Sansai district | 20.5 | 3 | 23.5 |');
  });
});
