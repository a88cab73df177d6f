import { timeLeft, type Timer } from '../../../shared/schema/control.ts';
import { serverClock } from './server-clock.svelte.ts';

/** "m:ss", or "h:mm:ss" from an hour, rounding up: a timer shows 0:00 only when time is up. */
export function formatTimeLeft(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The time left on a timer, in whole seconds as shown, recomputed from the server's clock just after
 * each second turns over (not on a fixed interval, which would drift against the other screens by up to
 * its period).
 */
export class TimerClock {
  left = $state(0);
  readonly #timer: () => Timer;
  readonly #stop: () => void;

  constructor(timer: () => Timer) {
    this.#timer = timer;
    this.#stop = $effect.root(() => {
      $effect(() => {
        const current = this.#timer();
        // Read so the countdown restarts when the offset is first measured.
        void serverClock.offset;
        let handle: ReturnType<typeof setTimeout> | undefined;
        const tick = (): void => {
          const left = timeLeft(current, serverClock.now());
          this.left = left;
          if (current.state !== 'running' || left <= 0) return;
          // Wake a few ms after the displayed second changes.
          handle = setTimeout(tick, (left % 1000 || 1000) + 4);
        };
        tick();
        return () => clearTimeout(handle);
      });
    });
  }

  get isDone(): boolean {
    return this.#timer().state === 'running' && this.left <= 0;
  }

  destroy(): void {
    this.#stop();
  }
}

/** A soft two-note chime, made here (no sound file to ship); silent where the browser allows no audio yet. */
export function chime(): void {
  try {
    const audio = new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [[0, 660], [0.35, 880]] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.9);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 1);
    }
    setTimeout(() => void audio.close(), 1500);
  } catch {
    // No Web Audio here: the screen's flash is the signal.
  }
}
