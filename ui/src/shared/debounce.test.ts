import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Debounced } from "./debounce";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("Debounced", () => {
  it("runs once, after the wait that follows the last schedule", () => {
    const run = vi.fn();
    const later = new Debounced(run, 300);
    later.schedule();
    vi.advanceTimersByTime(200);
    later.schedule();
    vi.advanceTimersByTime(299);
    expect(run).not.toHaveBeenCalled();
    expect(later.pending).toBe(true);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(later.pending).toBe(false);
  });

  it("takes another wait for one schedule (0: at the next turn)", () => {
    const run = vi.fn();
    const later = new Debounced(run, 400);
    later.schedule(0);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("runs nothing once cancelled", () => {
    const run = vi.fn();
    const later = new Debounced(run, 100);
    later.schedule();
    later.cancel();
    expect(later.pending).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });

  it("can be scheduled again from its own run", () => {
    let count = 0;
    const later: Debounced = new Debounced(() => {
      count++;
      if (count < 3) later.schedule();
    }, 50);
    later.schedule();
    vi.advanceTimersByTime(500);
    expect(count).toBe(3);
  });
});
