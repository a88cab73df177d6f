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

  now(): number {
    return Date.now() + this.offset;
  }

  /** Measures once per page load (again after `remeasure`), however many components ask. */
  measure(): Promise<void> {
    this.#measuring ??= this.#sample(5);
    return this.#measuring;
  }

  /** After a reconnection (the laptop slept, its clock may have been corrected). */
  remeasure(): Promise<void> {
    this.#measuring = this.#sample(3);
    return this.#measuring;
  }

  async #sample(count: number): Promise<void> {
    let best: { roundTrip: number; offset: number } | null = null;
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
    this.offset = Math.round(best.offset);
    this.measured = true;
  }
}

export const serverClock = new ServerClock();
