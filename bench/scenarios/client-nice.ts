import { SettingError } from '../setting-error.ts';

/**
 * BENCH_CLIENT_NICE: the nice value of the fan-out's load-generating processes, 0 (the default) to 19. On a
 * machine where they share cores with the server under test, a client process the server wakes can take the
 * server's core in the middle of its sends; at a higher nice value they seldom do. Not the default method:
 * runs with it are partial runs (JSON only), compared with each other.
 */
export function clientNiceFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.BENCH_CLIENT_NICE ?? '0';
  const nice = Number(raw);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new SettingError(`BENCH_CLIENT_NICE must be a whole number from 0 to 19, not ${raw}`);
  return nice;
}
