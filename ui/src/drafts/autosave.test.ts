import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, fullPatch, type SaveState } from "./autosave";
import type { DraftPatch } from "../shared/bindings";

type Call = { id: number; patch: DraftPatch };

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(save?: (id: number, patch: DraftPatch) => Promise<string>) {
    const calls: Call[] = [];
    const states: SaveState[] = [];
    const errors: unknown[] = [];
    const saved: string[] = [];
    const auto = new Autosave<string>({
      save: save ?? (async (id, patch) => {
        calls.push({ id, patch });
        return "ok";
      }),
      onSaved: (_id, r) => saved.push(r),
      onState: (s, e) => {
        states.push(s);
        if (s === "error") errors.push(e);
      },
      delayMs: 700,
    });
    return { auto, calls, states, errors, saved };
  }

  it("debounces: one save 700 ms after the last change, with the latest text", async () => {
    const { auto, calls, states } = setup();
    auto.change(1, { body: "M" });
    await vi.advanceTimersByTimeAsync(300);
    auto.change(1, { body: "Mư" });
    await vi.advanceTimersByTimeAsync(300);
    auto.change(1, { body: "Mường" });
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(699);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ id: 1, patch: fullPatch({ body: "Mường" }) }]);
    expect(states).toEqual(["saving", "saved"]);
    expect(auto.dirty).toBe(false);
  });

  it("saves well within one second of the last keystroke", async () => {
    const { auto, calls } = setup();
    auto.change(1, { title: "A" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
  });

  it("merges fields changed together into one patch", async () => {
    const { auto, calls } = setup();
    auto.change(1, { title: "Tiêu đề" });
    auto.change(1, { topic: "health" });
    await auto.flush();
    expect(calls).toEqual([
      { id: 1, patch: { title: "Tiêu đề", body: null, lang: null, topic: "health", status: null } },
    ]);
  });

  it("flush saves at once and waits for the save", async () => {
    const { auto, calls, states } = setup();
    auto.change(3, { body: "x" });
    await auto.flush();
    expect(calls).toHaveLength(1);
    expect(states.at(-1)).toBe("saved");
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1);
  });

  it("flush with nothing pending resolves without saving", async () => {
    const { auto, calls } = setup();
    await auto.flush();
    expect(calls).toHaveLength(0);
  });

  it("never runs two saves at once, and the latest text wins", async () => {
    const gates: ReturnType<typeof deferred<string>>[] = [];
    const seen: Call[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const { auto } = setup(async (id, patch) => {
      seen.push({ id, patch });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const g = deferred<string>();
      gates.push(g);
      try {
        return await g.promise;
      } finally {
        inFlight--;
      }
    });
    auto.change(1, { body: "một" });
    void auto.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1);
    auto.change(1, { body: "một hai" });
    void auto.flush();
    auto.change(1, { body: "một hai ba" });
    const done = auto.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1); // the second waits for the first
    gates[0].resolve("ok");
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(2);
    expect(seen[1].patch.body).toBe("một hai ba");
    gates[1].resolve("ok");
    await done;
    expect(maxInFlight).toBe(1);
    expect(seen.at(-1)?.patch.body).toBe("một hai ba");
    expect(auto.state).toBe("saved");
  });

  it("keeps the text after a failed save and retries with the next change", async () => {
    let fail = true;
    const calls: Call[] = [];
    const { auto, states, errors } = setup(async (id, patch) => {
      calls.push({ id, patch });
      if (fail) throw { code: "storage", message_id: "error-storage", args: {} };
      return "ok";
    });
    auto.change(1, { title: "Thông báo", body: "Nội dung" });
    await vi.advanceTimersByTimeAsync(700);
    expect(states.at(-1)).toBe("error");
    expect(errors[0]).toEqual({ code: "storage", message_id: "error-storage", args: {} });
    expect(auto.dirty).toBe(true);
    expect(auto.pendingFields(1)).toEqual({ title: "Thông báo", body: "Nội dung" });

    // No retry loop by itself.
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);

    fail = false;
    auto.change(1, { body: "Nội dung mới" });
    await vi.advanceTimersByTimeAsync(700);
    expect(calls).toHaveLength(2);
    expect(calls[1].patch).toEqual({ title: "Thông báo", body: "Nội dung mới", lang: null, topic: null, status: null });
    expect(states.at(-1)).toBe("saved");
    expect(auto.dirty).toBe(false);
  });

  it("a failure on one draft is not hidden by a success on another", async () => {
    const { auto, states } = setup(async (id) => {
      if (id === 1) throw new Error("disk full");
      return "ok";
    });
    auto.change(1, { body: "a" });
    auto.change(2, { body: "b" });
    await auto.flush();
    expect(states.at(-1)).toBe("error");
    expect(auto.hasPending(1)).toBe(true);
    expect(auto.hasPending(2)).toBe(false);
  });
});
