import { adminToken, type TestServer } from './server.ts';

/** The token inside a route's facilitator or participant link, as the setup page would show it. */
export async function routeLinkToken(server: TestServer, routeId: string, role: 'facilitator' | 'participant'): Promise<string> {
  const response = await fetch(`${server.url}/api/routes/${routeId}/links`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (!response.ok) throw new Error(`route links: ${response.status} ${await response.text()}`);
  const links = (await response.json()) as Record<string, { url: string }>;
  const token = new URL(links[role]!.url).searchParams.get('token');
  if (!token) throw new Error(`the ${role} link has no token`);
  return token;
}
