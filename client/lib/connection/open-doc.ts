import { parseRouteDocName } from '../../../shared/schema/doc-kinds.ts';
import { DocConnection } from './doc-connection.svelte.ts';
import { tokenFor } from './token.ts';

function syncBaseUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}

/**
 * Opens a document of this server with the token kept for its route (every document of a route lives
 * under `route/<id>`); `destroy()` it when done.
 */
export function openDoc(docName: string): DocConnection {
  return new DocConnection(docName, tokenFor(parseRouteDocName(docName)?.routeId ?? null), syncBaseUrl(window.location));
}
