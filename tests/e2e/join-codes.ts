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

/** The person id a personal token was issued to (its payload is base64url JSON). */
export const personIdOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { p: { i: string } }).p.i;

/** The facilitator moves a person to another working group or team, as the console's people list does. */
export async function movePerson(server: TestServer, facilitatorToken: string, routeId: string, personId: string, fields: { groupId?: string; teamId?: string }): Promise<void> {
  const answer = await fetch(`${server.url}/api/routes/${routeId}/people/${personId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${facilitatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (answer.status !== 200) throw new Error(`moving ${personId}: ${answer.status} ${await answer.text()}`);
}
