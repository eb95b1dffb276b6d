import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatBytes, formatDateTime, formatDay, formatInteger, formatWhen, parseTimestamp } from "./format";

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

describe("formatInteger", () => {
  it("groups digits the Vietnamese way", () => {
    expect(formatInteger(0, "vi")).toBe("0");
    expect(formatInteger(999, "vi")).toBe("999");
    expect(formatInteger(1234, "vi")).toBe("1.234");
    expect(formatInteger(2192178, "vi")).toBe("2.192.178");
    expect(formatInteger(1234567, "vi")).toBe("1.234.567");
    expect(formatInteger(-1500, "vi")).toBe("-1.500");
  });

  it("groups digits the English way", () => {
    expect(formatInteger(2192178, "en")).toBe("2,192,178");
    expect(formatInteger(100000, "en")).toBe("100,000");
  });
});

describe("timestamps", () => {
  it("formats as dd/mm/yyyy HH:mm in local time", () => {
    const d = new Date(2025, 4, 7, 8, 5);
    expect(formatDateTime(d.toISOString())).toBe("07/05/2025 08:05");
  });

  it("accepts SQLite's UTC format and RFC 3339 with offset", () => {
    expect(parseTimestamp("2025-05-07 01:05:00")?.toISOString()).toBe("2025-05-07T01:05:00.000Z");
    expect(parseTimestamp("2025-05-07T08:05:00+07:00")?.toISOString()).toBe("2025-05-07T01:05:00.000Z");
  });

  it("shows unparsable input as is", () => {
    expect(formatDateTime("not a date")).toBe("not a date");
    expect(parseTimestamp("")).toBeNull();
  });
});
describe("formatDay", () => {
  it("writes a calendar day as dd/mm/yyyy", () => {
    expect(formatDay("2025-07-29")).toBe("29/07/2025");
    expect(formatDay("not a day")).toBe("not a day");
  });
});
