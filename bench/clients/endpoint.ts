/**
 * Where and how a client reaches a server. Hocuspocus frames carry the document name and start with an
 * authentication message, so a stock y-websocket client cannot talk to it: each server says which
 * provider speaks its protocol.
 */
export type Endpoint =
  | { protocol: 'y-websocket'; url: string; params: Record<string, string> }
  | { protocol: 'hocuspocus'; url: string };
