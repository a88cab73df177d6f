/**
 * This browser's offset from the server's clock. Timers are stored in the server's time, so a laptop
 * whose clock is minutes off still shows the same time left as every other screen. Measured like NTP
 * does: several round trips to `/api/time`, the shortest one wins (its answer is the least delayed), and
 * the server's time is taken to be half way through it.
 */
class ServerClock {
  /** Server time minus local time, in ms. */
  offset = $state(0);
  measured = $state(false);
  #measuring: Promise<void> | null = null;
  /** The least delayed answer so far: later samples replace it only when they came back faster. */
  #best: { roundTrip: number; offset: number } | null = null;
  #refining: ReturnType<typeof setTimeout> | undefined;

  now(): number {
    return Date.now() + this.offset;
  }

  /** Measures once per page load (again after `remeasure`), however many components ask. */
  measure(): Promise<void> {
    if (this.#measuring === null) {
      this.#measuring = this.#sample(5);
      void this.#measuring.then(() => this.#refine(0));
    }
    return this.#measuring;
  }

  /** After a reconnection (the laptop slept, its clock may have been corrected): earlier samples no longer hold. */
  remeasure(): Promise<void> {
    this.#best = null;
    this.#measuring = this.#sample(3);
    return this.#measuring;
  }

  /**
   * A page measured while the network or the laptop is busy (forty people joining at once) gets slow,
   * uneven round trips, and half of one is the error of its offset. A few more samples over the next
   * minute, when things are calmer, find a faster one; the offset moves only when they do.
   */
  #refine(step: number): void {
    const delays = [2_000, 5_000, 15_000, 40_000];
    if (step >= delays.length) return;
    clearTimeout(this.#refining);
    this.#refining = setTimeout(() => void this.#sample(3).then(() => this.#refine(step + 1)), delays[step]);
  }

  async #sample(count: number): Promise<void> {
    let best = this.#best;
    for (let i = 0; i < count; i++) {
      const sent = Date.now();
      const answer = await fetch('/api/time', { cache: 'no-store' })
        .then((response) => (response.ok ? (response.json() as Promise<{ now?: unknown }>) : null))
        .catch(() => null);
      const received = Date.now();
      if (typeof answer?.now !== 'number') continue;
      const roundTrip = received - sent;
      if (best === null || roundTrip < best.roundTrip) best = { roundTrip, offset: answer.now - (sent + roundTrip / 2) };
    }
    if (best === null) {
      // Unreachable now (offline): keep the last offset, and let the next call try again.
      this.#measuring = null;
      return;
    }
    this.#best = best;
    const offset = Math.round(best.offset);
    if (offset !== this.offset) this.offset = offset;
    this.measured = true;
  }
}

export const serverClock = new ServerClock();
