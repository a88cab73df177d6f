import { parseRouteDocName } from '../../../shared/schema/doc-kinds.ts';
import { DocConnection } from './doc-connection.svelte.ts';
import { tokenFor } from './token.ts';

function syncBaseUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}

/**
 * Connections open in this tab, by document and token. Parts of one page (a board and the room's bar
 * both reading the route) share one: a second socket, Y.Doc and IndexedDB copy of the same document
 * would double its sync and its memory here and its connections on the venue laptop.
 */
const open = new Map<string, { connection: DocConnection; holders: number }>();

/**
 * Opens a document of this server with the token kept for its route (every document of a route lives
 * under `route/<id>`), or joins this tab's open connection to it; `destroy()` it when done: the
 * connection closes when its last holder lets go.
 */
export function openDoc(docName: string): DocConnection {
  const token = tokenFor(parseRouteDocName(docName)?.routeId ?? null);
  const key = JSON.stringify([docName, token]);
  const held = open.get(key);
  if (held) {
    held.holders += 1;
    return held.connection;
  }
  const connection = new DocConnection(docName, token, syncBaseUrl(window.location), () => {
    const entry = open.get(key);
    if (!entry) return true;
    entry.holders -= 1;
    if (entry.holders > 0) return false;
    open.delete(key);
    return true;
  });
  open.set(key, { connection, holders: 1 });
  return connection;
}
