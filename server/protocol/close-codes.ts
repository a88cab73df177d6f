/**
 * The one table of WebSocket close codes the server uses. Reasons are short and fixed because a close
 * frame caps the reason at 123 bytes and clients show it to people.
 * y-websocket v3 stops reconnecting on 4400-4499 (a decision reconnecting cannot fix) and backs off on
 * everything else, so access problems use 44xx and transient problems use standard codes.
 */
export const CloseCodes = {
  goingAway: { code: 1001, reason: 'server shutting down' },
  malformed: { code: 1002, reason: 'malformed message' },
  unknownType: { code: 1002, reason: 'unknown message type' },
  textFrame: { code: 1003, reason: 'binary frames only' },
  badUpdate: { code: 1007, reason: 'undecodable document update' },
  missingDependencies: { code: 1007, reason: 'update depends on unknown content' },
  badAwareness: { code: 1007, reason: 'undecodable awareness update' },
  tooBig: { code: 1009, reason: 'message too big' },
  internal: { code: 1011, reason: 'internal server error' },
  storageFailed: { code: 1011, reason: 'could not store the document' },
  tooSlow: { code: 1013, reason: 'client too slow, reconnect' },
  storageUnavailable: { code: 1013, reason: 'storage unreachable: nothing can be saved, try again later' },
  clusterUnavailable: { code: 1013, reason: 'link to the other servers (Redis) lost, try again later' },
  tooManyQueued: { code: 1013, reason: 'too many messages before load' },
  rightsChanged: { code: 4000, reason: 'write rights changed, reconnect' },
  unauthorized: { code: 4401, reason: 'token no longer valid' },
  forbidden: { code: 4403, reason: 'access to this document withdrawn' },
  removed: { code: 4410, reason: 'removed from the route' },
} as const satisfies Record<string, { code: number; reason: string }>;

export type CloseReason = (typeof CloseCodes)[keyof typeof CloseCodes];
