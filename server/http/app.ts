import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { ServerType } from '@hono/node-server';
import { ChangeNotStored, type Registry } from '../docs/registry.ts';
import type { Logger } from '../log.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Snapshots } from '../snapshots/snapshots.ts';
import type { RouteCatalog } from '../learning-routes/catalog.ts';
import type { HealthReport } from '../cluster/service-health.ts';
import type { Authenticate } from './route-grant.ts';
import type { ControlActions } from '../facilitation/control-actions.ts';
import { ideaViewerOf, type HiddenIdeas } from '../facilitation/hidden-ideas.ts';
import type { People } from '../facilitation/people.ts';
import type { WrongCodeLimiter } from '../facilitation/wrong-code-limiter.ts';
import type { FairVotes } from '../fair/fair-vote.ts';
import type { Committee } from '../committee/committee.ts';
import type { Storage } from '../persistence/storage.ts';
import type { Grant } from '../auth/access.ts';
import type { AccessPolicy } from './doc-access.ts';
import { apiError } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { docRoutes } from './routes/docs.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { learningRouteRoutes } from './routes/learning-routes.ts';
import { photoRoutes, type PhotoService } from './routes/photos.ts';
import { controlRoutes } from './routes/control.ts';
import { hiddenIdeaRoutes } from './routes/hidden-ideas.ts';
import { joinRoutes } from './routes/join.ts';
import { peopleRoutes, type PeopleView } from './routes/people.ts';
import { voteRoutes } from './routes/vote.ts';
import { committeeRoutes } from './routes/committee.ts';
import { reportRoutes } from './routes/report.ts';
import { archiveRoutes } from './routes/archive.ts';
import { wrapUpRoutes } from './routes/wrap-up.ts';
import { WrapUpChanges } from '../wrap-up/wrap-up-changes.ts';
import { downloadRoutes } from './routes/downloads.ts';
import { planRoutes } from './routes/plans.ts';
import { staticRoutes } from './static.ts';
import { acceptSyncUpgrades } from './sync.ts';

export interface AppParts {
  registry: Registry;
  snapshots: Snapshots;
  policy: AccessPolicy;
  tokens: TokenService;
  /** The token as the server believes it now (signature, expiry, person not removed). */
  authenticate: Authenticate;
  catalog: RouteCatalog;
  photos: PhotoService;
  control: ControlActions;
  hiddenIdeas: HiddenIdeas;
  people: People;
  joinLimiter: WrongCodeLimiter;
  peopleView: PeopleView;
  fairVotes: FairVotes;
  committee: Committee;
  /** For route archives, which read and write a route's stored documents and snapshots whole. */
  storage: Storage;
  /** TRIBUTARY_MAX_IMPORT_BYTES: the largest route archive an import accepts. */
  maxImportBytes: number;
  log: Logger;
  clientDir: string;
  /** Storage and Redis state for /healthz. */
  health: () => HealthReport;
  maxMessageBytes: number;
  startedAt: number;
}

export function createApp(parts: AppParts) {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof ChangeNotStored) {
      parts.log.error('change not stored', { method: c.req.method, path: c.req.path, error: String(error.cause) });
      return c.json({ error: 'storage_failed', message: 'The server could not save this change, so it was not made. Try again in a moment; if it keeps failing, tell whoever runs the server.' }, 503);
    }
    parts.log.error('request failed', { method: c.req.method, path: c.req.path, error: String(error) });
    return c.json({ error: 'internal', message: 'The server could not handle this request.' }, 500);
  });

  // Forty laptops share the venue's Wi-Fi: a route's wrap-up or report is hundreds of KB of JSON, a tenth
  // of that in gzip. Event streams are left as they are (hono's filter), so each change reaches the page at once.
  app.use('/api/*', compress());
  app.route('/', healthRoutes(parts.registry, parts.health, parts.startedAt));
  // Upgrades never reach Hono (see acceptSyncUpgrades); a plain request here is a client misconfigured.
  app.all('/sync/*', () => {
    throw apiError(426, 'upgrade_required', 'This address takes WebSocket connections only.');
  });
  app.route('/', docRoutes(parts.policy, parts.snapshots));
  app.route('/', tokenRoutes(parts.tokens));
  const hidesPhoto = (routeId: string, photoId: string, grant: Grant) => parts.hiddenIdeas.hidesPhoto(routeId, photoId, ideaViewerOf(grant, routeId).viewer);
  app.route('/', photoRoutes(parts.policy, parts.photos, hidesPhoto));
  app.route('/', joinRoutes(parts.people, parts.tokens, parts.joinLimiter));
  app.route('/', learningRouteRoutes(parts.authenticate, parts.catalog, parts.people));
  app.route('/', controlRoutes(parts.control, parts.catalog));
  app.route('/', hiddenIdeaRoutes(parts.hiddenIdeas, parts.catalog, (routeId, personId) => parts.people.nameOf(routeId, personId)));
  app.route('/', peopleRoutes(parts.people, parts.catalog, parts.peopleView));
  app.route('/', voteRoutes(parts.fairVotes, parts.catalog, parts.registry));
  app.route('/', reportRoutes({ registry: parts.registry, votes: parts.fairVotes, committee: parts.committee, people: parts.people, catalog: parts.catalog, photos: parts.photos.store, clientDir: parts.clientDir }));
  app.route('/', wrapUpRoutes({ registry: parts.registry, committee: parts.committee, catalog: parts.catalog, changes: new WrapUpChanges(parts.registry) }));
  app.route('/', archiveRoutes({ storage: parts.storage, registry: parts.registry, photoStore: parts.photos.store, catalog: parts.catalog, people: parts.people, maxImportBytes: parts.maxImportBytes }));
  app.route('/', committeeRoutes(parts.committee, parts.catalog, (routeId, personId) => parts.people.teamOf(routeId, personId)));
  app.route('/', planRoutes(parts));
  app.route('/', downloadRoutes(parts.tokens));
  app.all('/api/*', () => {
    throw apiError(404, 'not_found', 'There is no such API endpoint.');
  });
  app.route('/', staticRoutes(parts.clientDir));
  return {
    app,
    /** Serves `/sync/<doc>` WebSocket upgrades on the server that runs `app`. */
    injectWebSocket: (server: ServerType) => acceptSyncUpgrades(server, parts),
  };
}
