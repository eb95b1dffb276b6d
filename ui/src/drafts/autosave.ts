// Autosave scheduler: debounced, serialized saves that never drop what the officer typed.
import type { DraftPatch } from "../shared/bindings";

export type SaveState = "idle" | "saving" | "saved" | "error";
export type PatchFields = Partial<DraftPatch>;

export interface AutosaveOptions<R> {
  /** Persist the fields of one draft; must reject on failure. */
  save: (id: number, patch: DraftPatch) => Promise<R>;
  /** Called after each successful save with the backend's answer. */
  onSaved?: (id: number, result: R) => void;
  /** Called whenever the overall state changes; `error` is what the last failed save threw. */
  onState?: (state: SaveState, error?: unknown) => void;
  /** Quiet time after the last change before saving (ms). */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function fullPatch(fields: PatchFields): DraftPatch {
  return {
    title: fields.title ?? null,
    body: fields.body ?? null,
    lang: fields.lang ?? null,
    topic: fields.topic ?? null,
    status: fields.status ?? null,
  };
}

/**
 * Collects changes per draft and saves them after `delayMs` of quiet, or at once on `flush()`.
 * Saves run one after another on a promise chain, so two saves are never in flight together and the
 * latest text always wins. A failed save keeps its fields pending (newer edits on top) and is retried
 * with the next change or the next flush.
 */
export class Autosave<R = unknown> {
  private pending = new Map<number, PatchFields>();
  private chain: Promise<void> = Promise.resolve();
  private timer: unknown = null;
  private inFlight = 0;
  private lastError: unknown = undefined;
  private _state: SaveState = "idle";
  private readonly delayMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: AutosaveOptions<R>) {
    this.delayMs = opts.delayMs ?? 700;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get state(): SaveState {
    return this._state;
  }

  /** True while some change is not yet confirmed by the backend. */
  get dirty(): boolean {
    return this.pending.size > 0 || this.inFlight > 0;
  }

  hasPending(id: number): boolean {
    return this.pending.has(id);
  }

  /** Fields of a draft changed but not yet confirmed by the backend (queued or failed). */
  pendingFields(id: number): PatchFields | undefined {
    const p = this.pending.get(id);
    return p ? { ...p } : undefined;
  }

  /** Record a change to some fields of a draft and (re)start the quiet-time timer. */
  change(id: number, fields: PatchFields): void {
    this.pending.set(id, { ...this.pending.get(id), ...fields });
    this.setState("saving");
    this.restartTimer();
  }

  /** Save everything pending now and wait until every save has finished. */
  flush(): Promise<void> {
    this.cancelTimer();
    if (this.pending.size > 0) this.enqueue();
    return this.chain;
  }

  private restartTimer(): void {
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.enqueue();
    }, this.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private enqueue(): void {
    this.inFlight++;
    this.chain = this.chain.then(() => this.runOnce()).finally(() => {
      this.inFlight--;
      this.settle();
    });
  }

  private async runOnce(): Promise<void> {
    const batch = [...this.pending.entries()];
    this.pending.clear();
    let failure: unknown = undefined;
    for (const [id, fields] of batch) {
      try {
        const result = await this.opts.save(id, fullPatch(fields));
        this.opts.onSaved?.(id, result);
      } catch (err) {
        // Keep what failed; anything typed since goes on top of it.
        this.pending.set(id, { ...fields, ...this.pending.get(id) });
        failure = err ?? new Error("save failed");
      }
    }
    if (batch.length > 0) this.lastError = failure;
  }

  private settle(): void {
    if (this.inFlight > 0) return;
    if (this.lastError !== undefined) {
      this.setState("error", this.lastError);
    } else if (this.pending.size > 0) {
      this.setState("saving");
    } else {
      this.setState("saved");
    }
  }

  private setState(state: SaveState, error?: unknown): void {
    if (state === this._state && state !== "error") return;
    this._state = state;
    this.opts.onState?.(state, error);
  }
}
