import { describe, expect, it } from 'vitest';
import { idleTimer, timeLeft } from '../../../../shared/schema/control.ts';
import { applyTimerAction, parseTimerAction, TimerError } from '../../../../server/facilitation/timers.ts';

describe('timer actions in the server clock', () => {
  const started = applyTimerAction(idleTimer, { action: 'start', durationMs: 60_000, label: 'Groups' }, 1_000);

  it('runs, pauses with what is left, resumes from it, and resets to its duration', () => {
    expect(started).toEqual({ state: 'running', durationMs: 60_000, endsAt: 61_000, remainingMs: 60_000, label: 'Groups' });
    expect(timeLeft(started, 21_000)).toBe(40_000);
    const paused = applyTimerAction(started, { action: 'pause' }, 21_000);
    expect(paused.state).toBe('paused');
    expect(timeLeft(paused, 500_000)).toBe(40_000);
    const resumed = applyTimerAction(paused, { action: 'resume' }, 100_000);
    expect(resumed.endsAt).toBe(140_000);
    expect(timeLeft(resumed, 150_000)).toBe(0);
    const reset = applyTimerAction(resumed, { action: 'reset' }, 150_000);
    expect(reset).toMatchObject({ state: 'idle', durationMs: 60_000, label: 'Groups' });
    expect(timeLeft(reset, 0)).toBe(60_000);
  });

  it('extends a running, paused or finished timer, and refuses what makes no sense', () => {
    expect(applyTimerAction(started, { action: 'extend', byMs: 30_000 }, 2_000).endsAt).toBe(91_000);
    // Already over: the extra time counts from now.
    expect(applyTimerAction(started, { action: 'extend', byMs: 30_000 }, 100_000).endsAt).toBe(130_000);
    const paused = applyTimerAction(started, { action: 'pause' }, 31_000);
    expect(applyTimerAction(paused, { action: 'extend', byMs: -10_000 }, 40_000).remainingMs).toBe(20_000);
    expect(() => applyTimerAction(idleTimer, { action: 'pause' }, 0)).toThrow(TimerError);
    expect(() => applyTimerAction(idleTimer, { action: 'extend', byMs: 1000 }, 0)).toThrow(TimerError);
    expect(() => applyTimerAction(started, { action: 'resume' }, 0)).toThrow(TimerError);
  });

  it('parses request bodies strictly', () => {
    expect(parseTimerAction({ action: 'start', durationMs: 300_000, label: ' Brainstorm ' })).toEqual({ action: 'start', durationMs: 300_000, label: 'Brainstorm' });
    expect(() => parseTimerAction({ action: 'start', durationMs: 10 })).toThrow(/durationMs/);
    expect(() => parseTimerAction({ action: 'extend', byMs: 0 })).toThrow(/byMs/);
    expect(() => parseTimerAction({ action: 'explode' })).toThrow(/action/);
  });
});
