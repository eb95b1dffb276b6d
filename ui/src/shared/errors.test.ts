import { afterEach, describe, expect, it, vi } from "vitest";
import { Banner } from "./banner.svelte";
import type { IpcError } from "./bindings";
import { UNEXPECTED_ERROR_ID, attempt, isIpcError, logOnly, toIpcError } from "./errors";

const notFound: IpcError = { code: "draft_not_found", message_id: "error-draft-not-found", args: { id: "7" } };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toIpcError", () => {
  it("keeps the core's typed error, with empty arguments when it sent none", () => {
    expect(toIpcError(notFound)).toEqual(notFound);
    expect(toIpcError({ code: "database", message_id: "error-database" })).toEqual({ code: "database", message_id: "error-database", args: {} });
  });

  it("turns anything else into the unexpected error, and logs the original", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = new Error("boom");
    expect(isIpcError(boom)).toBe(false);
    expect(toIpcError(boom)).toEqual({ code: "internal", message_id: UNEXPECTED_ERROR_ID, args: {} });
    expect(logged).toHaveBeenCalledWith("[loa] unexpected error", boom);
  });
});

describe("attempt", () => {
  it("returns the action's value and shows nothing on success", async () => {
    const onError = vi.fn();
    expect(await attempt(async () => 42, onError)).toEqual({ ok: true, value: 42 });
    expect(await attempt(async () => null, onError)).toEqual({ ok: true, value: null });
    expect(onError).not.toHaveBeenCalled();
  });

  it("hands the core's error to onError once and returns it", async () => {
    const onError = vi.fn();
    const result = await attempt(() => Promise.reject(notFound), onError);
    expect(result).toEqual({ ok: false, error: notFound });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(notFound);
  });

  it("catches what an action throws before its first await too", async () => {
    const onError = vi.fn();
    const result = await attempt(() => {
      throw notFound;
    }, onError);
    expect(result).toEqual({ ok: false, error: notFound });
    expect(onError).toHaveBeenCalledWith(notFound);
  });

  it("shows an untyped failure as the unexpected error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const onError = vi.fn();
    const result = await attempt(() => Promise.reject(new TypeError("x is undefined")), onError);
    expect(result.ok).toBe(false);
    expect(onError).toHaveBeenCalledWith({ code: "internal", message_id: UNEXPECTED_ERROR_ID, args: {} });
  });

  it("without onError, still never throws and returns the error", async () => {
    await expect(attempt(() => Promise.reject(notFound))).resolves.toEqual({ ok: false, error: notFound });
  });

  it("puts the error in the window's banner when handed the banner's show", async () => {
    const banner = new Banner();
    // Handed on its own, as the stores do: `show` must not depend on how it is called.
    const { show } = banner;
    await attempt(() => Promise.reject(notFound), show);
    expect(banner.error).toEqual(notFound);
    banner.dismiss();
    expect(banner.error).toBeNull();
  });
});

describe("logOnly", () => {
  it("writes one console line with what failed and the error", () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    logOnly("thumbnail 3")(notFound);
    expect(warned).toHaveBeenCalledWith("[loa] thumbnail 3", notFound);
  });
});
