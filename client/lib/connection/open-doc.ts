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
  const route = parseRouteDocName(docName);
  if (route?.doc.kind === 'control') followRoomRights(connection, route.routeId);
  return connection;
}

/** The boards whose write rights follow the room: locks, hidden brainstorms, plan status and settings. */
const boardKinds = new Set(['river', 'experience', 'case', 'plan']);
/** Changes to the control document come in bursts (a console click); one check a board per burst. */
const recheckDelayMs = 250;

/**
 * What a page may write on a board depends on the room too, and the server decides it: when the route's
 * control document changes, the boards of the route this tab holds read-only ask again, so a lifted lock
 * lets a page that opened while it held write without a reload.
 */
function followRoomRights(control: DocConnection, routeId: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const recheck = (): void => {
    timer = undefined;
    for (const { connection } of open.values()) {
      const doc = parseRouteDocName(connection.docName);
      // Only pages held to reading: one that may write keeps what is typed under a new lock (the server
      // holds it back and takes it when the lock lifts) rather than closing its editor on the writer.
      if (doc?.routeId === routeId && boardKinds.has(doc.doc.kind) && connection.access === 'read') connection.recheckAccess();
    }
  };
  control.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    // The first sync is not a change of the room: each board asks once when it opens anyway.
    if (origin === control.provider && control.provider.synced && timer === undefined) timer = setTimeout(recheck, recheckDelayMs);
  });
  control.doc.on('destroy', () => clearTimeout(timer));
}
