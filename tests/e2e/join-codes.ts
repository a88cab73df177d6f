import type { TestServer } from './server.ts';

/** The route's join codes, as its facilitator reads them. */
export async function joinCodes(server: TestServer, routeId: string, facilitatorToken: string): Promise<Record<string, string>> {
  const answer = await fetch(`${server.url}/api/routes/${routeId}/join-codes`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
  return (await answer.json()) as Record<string, string>;
}

/** A personal token from joining with the role's code, as the join page gets it (participants in group g1 unless told). */
export async function joinAs(server: TestServer, codes: Record<string, string>, role: string, name: string, teamId?: string, groupId = 'g1'): Promise<string> {
  const answer = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: codes[role], name, teamId, groupId: role === 'participant' ? groupId : undefined }),
  });
  return ((await answer.json()) as { token: string }).token;
}
