import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve, type ServerType } from '@hono/node-server';
import type { TlsFiles } from '../config.ts';

export interface Listening {
  server: ServerType;
  scheme: 'http' | 'https';
}

export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
}

/** Starts the HTTP(S) server for `fetch`; resolves once it accepts connections. */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port: number; host: string; tls: TlsCredentials | null },
): Promise<Listening> {
  const secure = options.tls ? { createServer: createHttpsServer, serverOptions: options.tls } : {};
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch, port: options.port, hostname: options.host, ...secure }, () => resolve(started));
    started.once('error', reject);
  });
  return { server, scheme: options.tls ? 'https' : 'http' };
}

/** Read before anything else starts, so that a wrong path stops the server with nothing left open. */
export function readTlsFiles({ certFile, keyFile }: TlsFiles): TlsCredentials {
  const read = (what: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`Cannot read the TLS ${what} ${path}: ${(error as Error).message}`);
    }
  };
  return { cert: read('certificate (TRIBUTARY_TLS_CERT)', certFile), key: read('key (TRIBUTARY_TLS_KEY)', keyFile) };
}
