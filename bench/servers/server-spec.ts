import type { Endpoint } from '../clients/endpoint.ts';
import type { ChildServer } from './child-process.ts';

export type ServerName = 'tributary' | 'hocuspocus' | 'y-websocket';

export interface RunningServer extends ChildServer {
  readonly endpoint: Endpoint;
}

export interface StartOptions {
  /** Opens the Node inspector on loopback so that the bench can force a garbage collection and read the heap. */
  inspect?: boolean;
}

/** One system under test: how to start it with its persistence on, and how to reach its storage offline. */
export interface ServerSpec<Name extends string = ServerName> {
  /** One of the three systems, or in the cluster scenario one of them run as several instances (`tributary×2`). */
  readonly name: Name;
  /** How it runs and stores, one line for BENCHMARKS.md. */
  readonly setup: string;
  start(dataDir: string, logFile: string, options?: StartOptions): Promise<RunningServer>;
  /** Writes `updates` as stored updates of `docName` through the system's own storage API, server stopped. */
  importUpdates(dataDir: string, docName: string, updates: Uint8Array[]): Promise<void>;
  /** How many entries (rows, keys) the system stores for `docName`, read with the server stopped. */
  storedEntries(dataDir: string, docName: string): Promise<number>;
}
