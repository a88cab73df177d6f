import type { Timer } from '../../shared/schema/control.ts';

/**
 * The activity timer's actions, in the server's clock. The server stores when a running timer ends (or
 * what a paused one has left), never a ticking value: every screen computes the time left from that and
 * its own measured offset from the server's clock, so laptops whose clocks are off still agree.
 */
export type TimerAction =
  | { action: 'start'; durationMs: number; label: string }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'extend'; byMs: number }
  | { action: 'reset' };

export const maxTimerMs = 24 * 60 * 60 * 1000;
export const maxExtendMs = 60 * 60 * 1000;
export const maxTimerLabel = 80;

/** 400 for a malformed request, 409 for an action the timer's state does not allow. */
export class TimerError extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** The timer after `action` at server time `now`. */
export function applyTimerAction(timer: Timer, action: TimerAction, now: number): Timer {
  switch (action.action) {
    case 'start':
      return { state: 'running', durationMs: action.durationMs, endsAt: now + action.durationMs, remainingMs: action.durationMs, label: action.label };
    case 'pause':
      if (timer.state !== 'running') throw new TimerError(409, 'timer_not_running', 'The timer is not running.');
      return { ...timer, state: 'paused', remainingMs: Math.max(0, timer.endsAt - now) };
    case 'resume':
      if (timer.state !== 'paused') throw new TimerError(409, 'timer_not_paused', 'The timer is not paused.');
      return { ...timer, state: 'running', endsAt: now + timer.remainingMs };
    case 'extend': {
      if (timer.state === 'running') {
        // A timer that already ran out starts again from now with the extra time.
        const endsAt = Math.max(timer.endsAt, now) + action.byMs;
        return { ...timer, endsAt: Math.max(now, endsAt), durationMs: Math.max(0, timer.durationMs + action.byMs) };
      }
      if (timer.state === 'paused') {
        return { ...timer, remainingMs: Math.max(0, timer.remainingMs + action.byMs), durationMs: Math.max(0, timer.durationMs + action.byMs) };
      }
      throw new TimerError(409, 'timer_not_started', 'Start the timer first.');
    }
    case 'reset':
      return { state: 'idle', durationMs: timer.durationMs, endsAt: 0, remainingMs: timer.durationMs, label: timer.label };
  }
}

/** A request body as a timer action, or a TimerError saying what is wrong with it. */
export function parseTimerAction(body: Record<string, unknown>): TimerAction {
  const whole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
  switch (body.action) {
    case 'start': {
      if (!whole(body.durationMs) || body.durationMs < 1000 || body.durationMs > maxTimerMs) {
        throw new TimerError(400, 'invalid_duration', '"durationMs" must be whole milliseconds from 1 second to 24 hours.');
      }
      const label = body.label ?? '';
      if (typeof label !== 'string' || label.length > maxTimerLabel) throw new TimerError(400, 'invalid_label', `"label" must be text of at most ${maxTimerLabel} characters.`);
      return { action: 'start', durationMs: body.durationMs, label: label.trim() };
    }
    case 'extend':
      if (!whole(body.byMs) || body.byMs === 0 || Math.abs(body.byMs) > maxExtendMs) {
        throw new TimerError(400, 'invalid_extension', '"byMs" must be whole milliseconds, not zero, at most an hour either way.');
      }
      return { action: 'extend', byMs: body.byMs };
    case 'pause':
    case 'resume':
    case 'reset':
      return { action: body.action };
    default:
      throw new TimerError(400, 'invalid_action', '"action" must be "start", "pause", "resume", "extend" or "reset".');
  }
}
