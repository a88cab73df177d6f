export interface Point {
  x: number;
  y: number;
}

/** The pointers (mouse, pen, fingers) down on the board, by pointer id, in viewport pixels. */
export class Pointers {
  readonly #down = new Map<number, Point>();

  get size(): number {
    return this.#down.size;
  }

  get(id: number): Point | undefined {
    return this.#down.get(id);
  }

  set(id: number, point: Point): void {
    this.#down.set(id, point);
  }

  delete(id: number): boolean {
    return this.#down.delete(id);
  }

  /** The first two, for a pinch. */
  pair(): [Point, Point] {
    const [a, b] = this.#down.values();
    return [a!, b!];
  }
}
