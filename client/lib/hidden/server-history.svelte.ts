/** One change the server made for this person, with how to take it back and make it again; each answers whether it went through. */
export interface ServerStep {
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
}

/**
 * Undo and redo of changes that live on the server rather than in a shared document (a hidden
 * brainstorm's cards): Yjs's undo manager cannot take them back, so each change keeps its own inverse.
 * Steps run one after another, in the order pressed, however fast Ctrl+Z is pressed; a step the server
 * refuses (the cards were revealed meanwhile) ends the history, as nothing older can be taken back then.
 */
export class ServerHistory {
  #done: ServerStep[] = [];
  #undone: ServerStep[] = [];
  #queue: Promise<void> = Promise.resolve();
  canUndo = $state(false);
  canRedo = $state(false);
  /** Told of every new step (not of undone ones done again): a history that orders them among others. */
  onPush: () => void = () => {};

  push(step: ServerStep): void {
    this.#done.push(step);
    this.#undone = [];
    this.#follow();
    this.onPush();
  }

  undo(): void {
    this.#run(this.#done, this.#undone, (step) => step.undo());
  }

  redo(): void {
    this.#run(this.#undone, this.#done, (step) => step.redo());
  }

  clear(): void {
    this.#done = [];
    this.#undone = [];
    this.#follow();
  }

  #run(from: ServerStep[], to: ServerStep[], apply: (step: ServerStep) => Promise<boolean>): void {
    // Taken at once, so a second press takes the step before it, not the same one again.
    const step = from.pop();
    if (!step) return;
    this.#follow();
    this.#queue = this.#queue.then(async () => {
      if (await apply(step)) to.push(step);
      else this.clear();
      this.#follow();
    });
  }

  #follow(): void {
    this.canUndo = this.#done.length > 0;
    this.canRedo = this.#undone.length > 0;
  }
}
