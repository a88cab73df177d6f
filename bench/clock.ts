/**
 * Milliseconds on CLOCK_MONOTONIC, which every process on the machine shares: a send time taken in one
 * load-generating process can be compared with a receipt time taken in another. `performance.now()` cannot
 * do that, because each process counts from its own start.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
