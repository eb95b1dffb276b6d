import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatBytes, formatWhen } from "./format";

describe("times and sizes for the officer", () => {
  const tz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = "Asia/Ho_Chi_Minh";
  });
  afterEach(() => {
    process.env.TZ = tz;
  });

  it("shows a time in the computer's zone, with the year only when it is not this year", () => {
    const now = new Date(Date.UTC(2025, 6, 29, 3, 0));
    expect(formatWhen("2025-07-29T07:30:00Z", now)).toBe("29/07 14:30");
    expect(formatWhen("2024-12-31T20:05:00+00:00", now)).toBe("01/01 03:05");
    expect(formatWhen("2023-03-02T01:02:00Z", now)).toBe("02/03/2023 08:02");
    expect(formatWhen("not a time", now)).toBe("not a time");
  });

  it("writes sizes in KB under a megabyte, else MB with one decimal in the window's language", () => {
    expect(formatBytes(0, "vi")).toBe("0 KB");
    expect(formatBytes(200, "en")).toBe("1 KB");
    expect(formatBytes(350 * 1024, "en")).toBe("350 KB");
    expect(formatBytes(1.25 * 1024 * 1024, "en")).toBe("1.3 MB");
    expect(formatBytes(1.25 * 1024 * 1024, "vi")).toBe("1,3 MB");
  });
});
