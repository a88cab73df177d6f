// @ts-check
/**
 * The environment `npm start` gives the serving process (scripts/start.js), so that benchmarks and tests
 * that start the compiled server as a child run it alike.
 *
 * `MALLOC_ARENA_MAX=1`: glibc gives each thread that allocates its own malloc arena and keeps what an arena
 * once held. libvips decodes photos on libuv's and its own worker threads, so ten 12-megapixel uploads, even
 * decoded one at a time, left a few arenas each holding a decode's worth: the server's RSS went from 67 to
 * 307 MiB (x4.6). With one arena the same uploads peak at 122 MiB (x1.8) and take no longer (3.9 s for ten,
 * BENCHMARKS.md); two arenas still reached x2.2-2.3. glibc reads it only when a process starts, hence a child
 * process. Other C libraries ignore it. A value already in the environment is kept.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Record<string, string>}
 */
export function servingEnv(env = process.env) {
  return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '1' };
}
