/**
 * Runs in the river page before its own scripts (as an init script, so plain JavaScript in a string:
 * a bundler's helpers would not exist in the page). It notes when the river document's full state
 * arrives on the socket, when the cards are first in the page and painted, and records frame times.
 */
export const pageProbe = probeFor('/river', 50_000);

/** The same probe for another board: the socket whose URL holds `docMarker`, full state over `minBytes`. */
export function probeFor(docMarker: string, minBytes: number): string {
  return `(() => {
  const probe = (window.__riverProbe = { syncAt: null, connectedAt: null, inPageAt: null, paintedAt: null });
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes(${JSON.stringify(docMarker)})) return;
      // Registered before the provider's own handler, so this is when the state arrived, before it is applied.
      this.addEventListener('message', (event) => {
        const size = event.data.byteLength ?? event.data.length ?? 0;
        if (probe.syncAt === null && size > ${minBytes}) probe.syncAt = performance.now();
      });
    }
  };
  const watch = () => {
    const status = document.querySelector('[data-testid="connection-status"]');
    if (probe.connectedAt === null && status && status.dataset.status === 'connected') probe.connectedAt = performance.now();
    const cards = document.querySelector('[data-testid="cards"]');
    if (probe.syncAt !== null && cards && Number(cards.dataset.count) > 0) {
      probe.inPageAt = performance.now();
      // The frame after the one that found them has painted them.
      requestAnimationFrame(() => (probe.paintedAt = performance.now()));
      return;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  /**
   * Frame times for \`ms\`; with \`pan\`, each frame first scrolls the board as a trackpad would, by
   * the distance the hand moved since the last frame.
   * Without, a one-pixel dot moves every frame: a page with nothing to draw is not given frames as fast
   * as they can be made, so without it an idle frame would measure the display's rate, not the work.
   */
  probe.record = (ms, pan) =>
    new Promise((resolve) => {
      const board = document.querySelector('[data-testid="board"]');
      const box = board.getBoundingClientRect();
      const dot = document.body.appendChild(document.createElement('div'));
      dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;background:#000;z-index:99';
      const frames = [];
      const start = performance.now();
      let last = start;
      let previous = 0;
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        const t = now - start;
        dot.style.transform = 'translateX(' + (frames.length % 2) + 'px)';
        if (pan) {
          // Over and back across the first days and down through most lanes, at a brisk hand's speed.
          const at = (time) => ({ x: -900 * (1 - Math.cos((2 * Math.PI * time) / 5000)), y: -3500 * (1 - Math.cos((2 * Math.PI * time) / 7000)) });
          const from = at(previous);
          const to = at(t);
          previous = t;
          board.dispatchEvent(
            new WheelEvent('wheel', {
              deltaX: from.x - to.x,
              deltaY: from.y - to.y,
              clientX: box.left + box.width / 2,
              clientY: box.top + box.height / 2,
              bubbles: true,
              cancelable: true,
            }),
          );
        }
        if (now - start < ms) requestAnimationFrame(tick);
        else {
          dot.remove();
          resolve(frames.slice(1));
        }
      };
      requestAnimationFrame(tick);
    });
})();`;
}
