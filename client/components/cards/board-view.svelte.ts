import type { Rect } from './layout.ts';

const minScale = 0.04;
const maxScale = 2.5;
/**
 * Below this size on screen, in pixels, card text cannot be read, so cards are drawn as plain tiles (and
 * cheaply). A size, not a zoom: the room screen's 33 px type still reads at a zoom where a board's 14 px would not.
 */
const minTextPx = 5.5;
/** The rendered area reaches this far past the viewport, so a short pan shows cards already there. */
const overscan = 0.5;

/**
 * Pan and zoom of one board: `x`, `y` are where the board's origin sits in the viewport, in screen
 * pixels, and `scale` is the zoom. Cards live in board units; the viewport shows them through one CSS
 * transform, so panning moves one element and re-renders nothing.
 */
export class BoardView {
  /** The cards' type, in board units (the page's `--card-font`). */
  readonly fontSize: number;
  x = $state(0);
  y = $state(0);
  scale = $state(1);
  /** The viewport's size in screen pixels. */
  width = $state(0);
  height = $state(0);
  /** The board's extent; panning stops where it would leave no part of it in view. */
  content: Rect | null = null;
  /** True while the view is being moved, so the browser may keep the board as one bitmap meanwhile. */
  isMoving = $state(false);
  #settle: ReturnType<typeof setTimeout> | undefined;

  readonly isDetailed = $derived.by(() => this.scale * this.fontSize >= minTextPx);

  constructor(fontSize: number) {
    this.fontSize = fontSize;
  }

  /** The part of the board to render, widened and snapped to a grid so it changes only now and then. */
  readonly #renderKey = $derived.by(() => {
    const step = 480 / this.scale;
    const snap = (value: number, up: boolean): number => (up ? Math.ceil(value / step) : Math.floor(value / step)) * step;
    const w = this.width / this.scale;
    const h = this.height / this.scale;
    const left = -this.x / this.scale - w * overscan;
    const top = -this.y / this.scale - h * overscan;
    return [snap(left, false), snap(top, false), snap(left + w * (1 + 2 * overscan), true), snap(top + h * (1 + 2 * overscan), true)].join(' ');
  });

  readonly renderRect: Rect = $derived.by(() => {
    const [x1, y1, x2, y2] = this.#renderKey.split(' ').map(Number) as [number, number, number, number];
    return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  });

  get transform(): string {
    return `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
  }

  toBoard(screenX: number, screenY: number): { x: number; y: number } {
    return { x: (screenX - this.x) / this.scale, y: (screenY - this.y) / this.scale };
  }

  panBy(dx: number, dy: number): void {
    this.x = this.#clamp(this.x + dx, this.width, this.content && { start: this.content.x, size: this.content.width });
    this.y = this.#clamp(this.y + dy, this.height, this.content && { start: this.content.y, size: this.content.height });
    this.#moved();
  }

  /** Zooms by `factor` keeping the board point under (screenX, screenY) where it is. */
  zoomAt(factor: number, screenX = this.width / 2, screenY = this.height / 2): void {
    const scale = Math.min(maxScale, Math.max(minScale, this.scale * factor));
    const ratio = scale / this.scale;
    this.x = screenX - (screenX - this.x) * ratio;
    this.y = screenY - (screenY - this.y) * ratio;
    this.scale = scale;
    this.#moved();
  }

  /** Shows all of `content` with `margin` screen pixels around it, never zooming in past `cap`. */
  fit(content: Rect, margin = 16, cap = 1): void {
    if (this.width === 0 || this.height === 0) return;
    const scale = Math.max(minScale, Math.min(cap, (this.width - 2 * margin) / content.width, (this.height - 2 * margin) / content.height));
    this.scale = scale;
    this.x = (this.width - content.width * scale) / 2 - content.x * scale;
    this.y = Math.max(margin, (this.height - content.height * scale) / 2) - content.y * scale;
    this.#moved();
  }

  /** Starts at the top left at a readable zoom: a phone sees the first day's lanes, a laptop more. */
  showStart(content: Rect, readable: number): void {
    const fitting = Math.min((this.width - 16) / content.width, (this.height - 16) / content.height);
    if (fitting >= readable) return this.fit(content, 16, 1);
    this.scale = readable;
    this.x = 8 - content.x * readable;
    this.y = 8 - content.y * readable;
    this.#moved();
  }

  /** Pans the least needed to bring `rect` (board units) into view, with margins (more below, for bars). */
  reveal(rect: Rect, margin = 40, bottomMargin = margin): void {
    const left = rect.x * this.scale + this.x;
    const top = rect.y * this.scale + this.y;
    const right = left + rect.width * this.scale;
    const bottom = top + rect.height * this.scale;
    let dx = 0;
    let dy = 0;
    if (left < margin) dx = margin - left;
    else if (right > this.width - margin) dx = Math.max(margin - left, this.width - margin - right);
    if (top < margin) dy = margin - top;
    else if (bottom > this.height - bottomMargin) dy = Math.max(margin - top, this.height - bottomMargin - bottom);
    if (dx !== 0 || dy !== 0) this.panBy(dx, dy);
  }

  /** Keeps at least a strip of the board on screen along one axis, however far one pans. */
  #clamp(offset: number, viewport: number, extent: { start: number; size: number } | null): number {
    if (!extent || viewport === 0) return offset;
    const keep = Math.min(160, viewport / 3);
    const highest = viewport - keep - extent.start * this.scale;
    const lowest = keep - (extent.start + extent.size) * this.scale;
    return Math.min(highest, Math.max(lowest, offset));
  }

  #moved(): void {
    this.isMoving = true;
    clearTimeout(this.#settle);
    // Once still, drop the bitmap so text is drawn sharp again at the new zoom.
    this.#settle = setTimeout(() => (this.isMoving = false), 160);
  }
}
