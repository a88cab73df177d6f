/**
 * Where and how a client reaches a server. Hocuspocus frames carry the document name and start with an
 * authentication message, so a stock y-websocket client cannot talk to it: each server says which
 * provider speaks its protocol.
 */
export type Endpoint =
  | { protocol: 'y-websocket'; url: string; params: Record<string, string>; urls?: string[] }
  | { protocol: 'hocuspocus'; url: string; urls?: string[] };

/**
 * The endpoint client `index` uses: with several instances (`urls`, the cluster scenario) clients are dealt
 * round-robin over them, as a load balancer would spread them; otherwise `url`.
 */
export function endpointFor(endpoint: Endpoint, index: number): Endpoint {
  const urls = endpoint.urls;
  return urls === undefined || urls.length === 0 ? endpoint : { ...endpoint, url: urls[index % urls.length]! };
}
