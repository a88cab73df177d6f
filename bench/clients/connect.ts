import * as Y from 'yjs';
import type { BenchClient } from './bench-client.ts';
import type { Endpoint } from './endpoint.ts';
import { connectHocuspocus } from './hocuspocus-client.ts';
import { connectYWebsocket } from './y-websocket-client.ts';

export function connect(endpoint: Endpoint, docName: string, doc: Y.Doc = new Y.Doc()): BenchClient {
  return endpoint.protocol === 'hocuspocus'
    ? connectHocuspocus(endpoint.url, docName, doc)
    : connectYWebsocket(endpoint.url, endpoint.params, docName, doc);
}
