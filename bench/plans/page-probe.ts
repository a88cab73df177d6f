/**
 * Runs in a plan page before its own scripts (an init script, so plain JavaScript in a string). Each
 * keystroke is timed from its keydown event to the frame after it has painted: what a typist waits for.
 * `painted(check)` resolves with the page's clock (ms since navigation) at the paint after `check` first
 * holds, checked every frame: the open time of a page whose content arrives over its socket.
 */
export const planPageProbe = `(() => {
  const probe = (window.__planProbe = { keystrokes: [] });
  addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => probe.keystrokes.push(performance.now() - start), 0));
  }, { capture: true });
  probe.painted = (check) => new Promise((resolve) => {
    const frame = () => {
      if (check()) requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      else requestAnimationFrame(frame);
    };
    frame();
  });
})();`;

export interface PlanProbeWindow {
  __planProbe: { keystrokes: number[]; painted(check: () => boolean): Promise<number> };
}
