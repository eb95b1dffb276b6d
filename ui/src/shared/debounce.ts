// "Once things have been quiet for a moment": the preview after the last edit, the checks after the
// last save, a reload after a burst of events. One timer per use; each `schedule` restarts the wait.

export class Debounced {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: () => void,
    private readonly delayMs: number,
  ) {}

  /** Runs after `delayMs` (the default unless given) without another `schedule` or a `cancel`. */
  schedule(delayMs: number = this.delayMs): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, delayMs);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A run is waiting. */
  get pending(): boolean {
    return this.timer !== null;
  }
}
