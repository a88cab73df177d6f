/**
 * Slows and then refuses join attempts from an address that keeps typing wrong codes, without locking out
 * a room that joins through one Wi-Fi router's address: only wrong codes count, each successful join from
 * the address forgives one of them, and the count forgets after `windowMs`. A code has 20^6 (64 million)
 * values, so the few hundred guesses an address gets a day cannot find one.
 */
export interface LimiterOptions {
  windowMs: number;
  /** Wrong codes answered at once; after these, each answer waits `stepMs` longer, up to `maxDelayMs`. */
  freeWrong: number;
  stepMs: number;
  maxDelayMs: number;
  /** Wrong codes after which the address is refused with 429 until enough of them are older than the window. */
  refuseAt: number;
  /** Addresses tracked at most; the oldest is forgotten first (a flood of spoofed addresses cannot fill memory). */
  maxAddresses: number;
}

export const defaultLimiterOptions: LimiterOptions = {
  windowMs: 10 * 60_000,
  freeWrong: 10,
  stepMs: 250,
  maxDelayMs: 3000,
  refuseAt: 30,
  maxAddresses: 10_000,
};

export type LimiterVerdict = { refused: true; retryAfterSeconds: number } | { refused: false; delayMs: number };

export class WrongCodeLimiter {
  /** Address → times of its wrong codes still in the window, oldest first. */
  private readonly wrong = new Map<string, number[]>();

  constructor(
    private readonly options: LimiterOptions = defaultLimiterOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** What to do with an attempt from `address` before looking at its code. */
  verdict(address: string): LimiterVerdict {
    const times = this.recent(address);
    const { freeWrong, stepMs, maxDelayMs, refuseAt, windowMs } = this.options;
    if (times.length >= refuseAt) {
      // Refused until the count is below the limit again: the oldest that must age out decides.
      const freedAt = times[times.length - refuseAt]! + windowMs;
      return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - this.now()) / 1000)) };
    }
    const over = times.length - freeWrong;
    return { refused: false, delayMs: over < 0 ? 0 : Math.min(maxDelayMs, (over + 1) * stepMs) };
  }

  failed(address: string): void {
    const times = this.recent(address);
    times.push(this.now());
    this.wrong.delete(address);
    this.wrong.set(address, times);
    if (this.wrong.size > this.options.maxAddresses) this.wrong.delete(this.wrong.keys().next().value!);
  }

  succeeded(address: string): void {
    const times = this.recent(address);
    times.shift();
    if (times.length === 0) this.wrong.delete(address);
  }

  private recent(address: string): number[] {
    const times = this.wrong.get(address) ?? [];
    const since = this.now() - this.options.windowMs;
    while (times.length > 0 && times[0]! <= since) times.shift();
    return times;
  }
}
