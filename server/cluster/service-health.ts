import type { Registry } from '../docs/registry.ts';
import type { Logger } from '../log.ts';
import type { PostgresStorage } from '../persistence/postgres-storage.ts';
import { CloseCodes } from '../protocol/close-codes.ts';
import type { RedisLink } from './redis-link.ts';

export type ServiceState = 'ok' | 'unreachable';

export interface HealthReport {
  status: 'ok' | 'degraded';
  storage: { kind: 'sqlite' | 'postgresql'; state: ServiceState };
  redis: { state: ServiceState | 'off' };
}

/** How often PostgreSQL is asked whether it answers: while healthy, and while waiting for it to come back. */
const checkEveryMs = 1_000;
const pingTimeoutMs = 2_000;

/**
 * Watches PostgreSQL and Redis for one instance. While either is lost the registry refuses connections with
 * a close reason naming which (clients back off and reconnect, behind a load balancer possibly to another
 * instance); once both answer again it accepts them. With SQLite and no Redis there is nothing to watch.
 */
export class ServiceHealth {
  private storageState: ServiceState = 'ok';
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly registry: Registry,
    private readonly postgres: PostgresStorage | null,
    private readonly link: RedisLink | null,
    private readonly log: Logger,
  ) {
    link?.onChange(() => this.apply());
    if (postgres !== null) {
      this.timer = setInterval(() => void this.checkStorage(), checkEveryMs);
      this.timer.unref();
    }
  }

  /** A commit failed: refuse at once rather than wait for the next check. */
  storageFailed(): void {
    if (this.postgres === null) return;
    this.setStorage('unreachable');
  }

  report(): HealthReport {
    const redis = this.link === null ? 'off' : this.link.up ? 'ok' : 'unreachable';
    const degraded = this.storageState !== 'ok' || redis === 'unreachable';
    return {
      status: degraded ? 'degraded' : 'ok',
      storage: { kind: this.postgres === null ? 'sqlite' : 'postgresql', state: this.storageState },
      redis: { state: redis },
    };
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async checkStorage(): Promise<void> {
    if (this.checking || this.postgres === null) return;
    this.checking = true;
    try {
      await this.postgres.ping(pingTimeoutMs);
      this.setStorage('ok');
    } catch {
      this.setStorage('unreachable');
    } finally {
      this.checking = false;
    }
  }

  private setStorage(state: ServiceState): void {
    if (state === this.storageState) return;
    this.storageState = state;
    this.log[state === 'ok' ? 'info' : 'warn'](state === 'ok' ? 'postgresql reachable again' : 'postgresql unreachable');
    this.apply();
  }

  private apply(): void {
    if (this.storageState !== 'ok') this.registry.refuseConnections(CloseCodes.storageUnavailable);
    else if (this.link !== null && !this.link.up) this.registry.refuseConnections(CloseCodes.clusterUnavailable);
    else this.registry.acceptConnections();
  }
}
