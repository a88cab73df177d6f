import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { configFromEnvironment, defaultConfig, type ServerConfig } from './config.ts';
import { decideAccess } from './auth/access.ts';
import { authenticate } from './auth/authenticate.ts';
import type { DownloadRequest } from './auth/download-tokens.ts';
import { hasRefusedOn, isPersonsConnection, writeRightsFor } from './auth/write-rights.ts';
import { loadSecrets } from './auth/secrets.ts';
import { createTokenService } from './auth/tokens.ts';
import { createCompactor } from './docs/compaction.ts';
import { Registry } from './docs/registry.ts';
import { ControlActions } from './facilitation/control-actions.ts';
import { HiddenIdeas } from './facilitation/hidden-ideas.ts';
import { RouteStates, routeCompanions } from './facilitation/route-states.ts';
import { People } from './facilitation/people.ts';
import { Decisions } from './docs/decisions.ts';
import { FairVotes } from './fair/fair-vote.ts';
import { Committee } from './committee/committee.ts';
import { WrongCodeLimiter } from './facilitation/wrong-code-limiter.ts';
import type { WriteRights } from './docs/connection.ts';
import { createApp } from './http/app.ts';
import { listen, readTlsFiles } from './http/listen.ts';
import { openBackends } from './cluster/backends.ts';
import { ServiceHealth } from './cluster/service-health.ts';
import { CloseCodes } from './protocol/close-codes.ts';
import { Snapshots } from './snapshots/snapshots.ts';
import { RouteCatalog } from './learning-routes/catalog.ts';
import { PhotoStore } from './photos/photo-store.ts';
import { PhotoGate } from './photos/process-photo.ts';
import { seedDemoRoute } from './learning-routes/demo-seed.ts';
import { lowerBackgroundThreadPriority } from './thread-priority.ts';
import type { JoinRole } from '../shared/schema/people.ts';

export interface RunningServer {
  port: number;
  scheme: 'http' | 'https';
  url: string;
  adminToken: string;
  adminTokenGenerated: boolean;
  /** The demo route seeded on this start (first start with an empty data folder), or null. */
  seededRouteId: string | null;
  /** Facilitator and participant link paths of a route, for printing. */
  routeLinks(routeId: string): ReturnType<RouteCatalog['links']>;
  /** A route's join codes, for printing. */
  joinCodes(routeId: string): Promise<Record<JoinRole, string>>;
  /** Stops accepting, commits everything, snapshots changed documents, closes sockets with 1001. */
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = { ...defaultConfig(), ...overrides };
  const { log } = config;
  const tls = config.tls ? readTlsFiles(config.tls) : null;
  const secrets = loadSecrets(config.dataDir, config.adminToken, config.tokenSecret);
  const tokens = createTokenService(secrets.adminToken, secrets.signingSecret);
  const backends = await openBackends(config);
  const storage = config.wrapStorage?.(backends.storage) ?? backends.storage;
  const snapshots = new Snapshots(storage, config.snapshotPolicy, log);
  const compactor = createCompactor(storage, config.compactAfterUpdates, log);
  const registry = new Registry({
    storage,
    limits: config.limits,
    log,
    idleUnloadMs: config.idleUnloadMs,
    beforeUnload: async (room) => {
      await snapshots.onUnload(room);
      await compactor.compactBeforeUnload(room);
    },
    maybeCompact: (room) => compactor.maybeCompact(room),
    cluster: backends.link ?? undefined,
    onStorageFailure: () => health.storageFailed(),
    companionsOf: routeCompanions,
  });
  backends.link?.bind((docName) => registry.loadedRoom(docName));
  const health = new ServiceHealth(registry, backends.postgres, backends.link, log);
  snapshots.start(registry);
  const people = new People(registry, (routeId, personId, removed) => {
    const persons = (_: string, rights: WriteRights) => isPersonsConnection(rights, routeId, personId);
    if (removed) registry.closeWhere(persons, CloseCodes.removed);
    else registry.closeWhere((doc, rights) => persons(doc, rights) && hasRefusedOn(rights, routeId), CloseCodes.rightsChanged);
  });
  const routeStates = new RouteStates(registry, people);
  const control = new ControlActions(registry);
  const authenticateToken = (token: string | undefined, request?: DownloadRequest) => authenticate(tokens, people, token, Date.now(), request);
  const policy = {
    decide: (token: string | undefined, docName: string, request?: DownloadRequest) => {
      const result = authenticateToken(token, request);
      return result.ok ? decideAccess(result.grant, docName, Date.now()) : result.refusal;
    },
    writeRights: (access: Parameters<typeof writeRightsFor>[0]) => writeRightsFor(access, routeStates),
  };
  const catalog = new RouteCatalog(registry, storage, tokens);
  const photoStore = new PhotoStore(join(config.dataDir, 'photos'));
  await photoStore.removeIncoming();
  const seededRouteId = config.seedDemo ? await seedDemoRoute(storage, registry, Date.now()) : null;
  // Every route's people stay loaded, so that no access decision waits for storage.
  await Promise.all((await catalog.routeIds()).map((routeId) => people.open(routeId)));
  const decisions = new Decisions(registry, storage);
  const fairVotes = new FairVotes(registry, people, decisions);
  const { app, injectWebSocket } = createApp({
    registry,
    snapshots,
    policy,
    tokens,
    authenticate: authenticateToken,
    catalog,
    photos: { store: photoStore, gate: new PhotoGate(1), maxBytes: config.maxPhotoBytes },
    control,
    hiddenIdeas: new HiddenIdeas(registry, control),
    fairVotes,
    committee: new Committee(registry, { fairPoints: (routeId) => fairVotes.fairPoints(routeId), people: (routeId) => people.list(routeId) }, decisions),
    people,
    joinLimiter: new WrongCodeLimiter(config.joinLimits),
    peopleView: {
      connectionsOf: (routeId, personId) => registry.countWhere((_, rights) => isPersonsConnection(rights, routeId, personId)),
      listensOnNetwork: config.host === '0.0.0.0' || config.host === '::',
    },
    storage,
    maxImportBytes: config.maxImportBytes,
    log,
    clientDir: config.clientDir,
    health: () => health.report(),
    maxMessageBytes: config.limits.maxMessageBytes,
    startedAt: Date.now(),
  });

  // Everything that was opened is closed again on the way out, so that a refused start exits.
  const release = async (): Promise<void> => {
    snapshots.stop();
    health.stop();
    await registry.unloadAll(CloseCodes.goingAway);
    await backends.close();
  };
  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen(app.fetch, { port: config.port, host: config.host, tls });
  } catch (error) {
    await release();
    throw error;
  }
  const { server, scheme } = listening;
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      server.close();
      await release();
      if ('closeAllConnections' in server) server.closeAllConnections();
    })();
    return closing;
  };
  return {
    port,
    scheme,
    url: `${scheme}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    adminToken: secrets.adminToken,
    adminTokenGenerated: secrets.adminTokenGenerated,
    seededRouteId,
    routeLinks: (routeId) => catalog.links(routeId),
    joinCodes: async (routeId) => {
      const codes = await people.codes(routeId);
      return Object.fromEntries(Object.entries(codes).map(([role, code]) => [role, code.code])) as Record<JoinRole, string>;
    },
    close,
  };
}

/** `npm start`: configuration from the environment, addresses printed, clean stop on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  let config: ServerConfig;
  let running: RunningServer;
  try {
    config = configFromEnvironment(process.env);
    running = await startServer(config);
  } catch (error) {
    // A wrong setting or a busy port is the operator's to fix: one line saying what, not a stack trace.
    console.error(`Tributary could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  // Before the addresses are printed: whoever reads them may stop the server at once, and must get a clean stop.
  const stop = (signal: string): void => {
    config.log.info('stopping', { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        config.log.error('stop failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // After the start, so that the checkpoint worker's thread is among them; not in startServer, whose callers
  // include test processes that are not the server's own.
  await lowerBackgroundThreadPriority();
  const addresses = addressesFor(running.scheme, config.host, running.port);
  const lines = [`Tributary is running. Open one of these addresses:`, ...addresses.map((a) => a.label)];
  lines.push(config.databaseUrl === null ? `Data folder: ${config.dataDir}` : 'Documents in PostgreSQL (DATABASE_URL)');
  if (config.redisUrl !== null) lines.push('Sharing updates with the other instances through Redis (REDIS_URL)');
  if (running.seededRouteId !== null) {
    const links = running.routeLinks(running.seededRouteId);
    const base = (addresses.find((a) => a.isNetwork) ?? addresses[0]!).url;
    lines.push(`Demo route "${running.seededRouteId}" created. Its links (keep the facilitator one to yourself):`);
    lines.push(`  facilitator: ${base}${links.facilitator.path.slice(1)}`);
    lines.push(`  participant: ${base}${links.participant.path.slice(1)}`);
    const codes = await running.joinCodes(running.seededRouteId);
    lines.push(`Or join at ${base}join with a code: participant ${codes.participant}, facilitator ${codes.facilitator}`);
  }
  if (running.adminTokenGenerated) {
    lines.push(`Admin token (created now, kept in ${config.dataDir}/admin-token): ${running.adminToken}`);
  } else if (!config.adminToken) {
    lines.push(`Admin token: in ${config.dataDir}/admin-token`);
  }
  console.log(lines.join('\n  '));
}

function addressesFor(scheme: string, host: string, port: number): Array<{ url: string; label: string; isNetwork: boolean }> {
  const local = (url: string) => ({ url, label: url, isNetwork: false });
  if (host !== '0.0.0.0' && host !== '::') return [local(`${scheme}://${host}:${port}/`)];
  const addresses = [local(`${scheme}://localhost:${port}/`)];
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) {
      if (entry.family !== 'IPv4' || entry.internal) continue;
      const url = `${scheme}://${entry.address}:${port}/`;
      addresses.push({ url, label: `${url}  (local network)`, isNetwork: true });
    }
  }
  return addresses;
}
