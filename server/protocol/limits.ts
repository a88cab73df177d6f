/** Limits that bound what one connection can make the server hold. Overridable through ServerConfig. */
export interface Limits {
  /** Largest frame accepted. A whole river of 2,000 cards encodes to well under 1 MiB; 8 MiB leaves room
   * for an offline laptop replaying a day of edits in one sync step 2. */
  maxMessageBytes: number;
  /** Messages a connection may send while its document is still loading. */
  maxQueuedBeforeLoad: number;
  /** Bytes waiting in one socket's send buffer before the client is considered stuck and dropped. */
  maxBufferedBytes: number;
}

export const defaultLimits: Limits = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxQueuedBeforeLoad: 256,
  maxBufferedBytes: 64 * 1024 * 1024,
};
