import type { Browser, Page } from 'playwright-core';
import { openPerson, waitForStatus, type Person } from './people.ts';
import type { TestServer } from './server.ts';

/** A personal token for `name`, joined into `teamId` of the demo route with its participant code. */
export async function joinTeam(server: TestServer, facilitator: string, name: string, teamId: string): Promise<string> {
  const codes = await fetch(`${server.url}/api/routes/laos-2013/join-codes`, { headers: { authorization: `Bearer ${facilitator}` } });
  const { participant } = (await codes.json()) as { participant: string };
  const joined = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: participant, name, teamId, groupId: 'g1' }),
  });
  if (joined.status !== 201) throw new Error(`joining failed: ${joined.status} ${await joined.text()}`);
  return ((await joined.json()) as { token: string }).token;
}

/** `name` opens `path` with `token` in their own browser profile, connected and synced. */
export async function openConnected(
  browser: Browser,
  server: TestServer,
  name: string,
  path: string,
  token: string,
  options: { locale?: 'en' | 'lo' | 'vi'; viewport?: { width: number; height: number } } = {},
): Promise<Person> {
  const person = await openPerson(browser, server, { name, path, token, locale: options.locale, viewport: options.viewport ?? { width: 1366, height: 768 } });
  await waitForStatus(person.page, 'connected');
  return person;
}

/** A section's text as written, without the other people's caret labels drawn inside it. */
export const editorText = (page: Page, sectionId: string): Promise<string> =>
  page.getByTestId(`editor-${sectionId}`).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
