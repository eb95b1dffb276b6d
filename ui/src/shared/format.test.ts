import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agoMessage, firstLine, formatBytes, formatDateTime, formatDay, formatInteger, formatWhen, parseTimestamp } from "./format";

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

describe("how long ago, in words", () => {
  const now = new Date(2026, 11, 7, 15, 0, 0);
  const at = (h: number, m: number, dayOffset = 0) => new Date(2026, 11, 7 + dayOffset, h, m, 0).toISOString();

  it("minutes and hours today, yesterday with its time, then the date", () => {
    expect(agoMessage(at(14, 59, 0), now).id).toBe("ui-ago-minutes");
    expect(agoMessage(new Date(now.getTime() - 20_000).toISOString(), now).id).toBe("ui-ago-now");
    expect(agoMessage(at(14, 57), now)).toEqual({ id: "ui-ago-minutes", args: { count: 3 } });
    expect(agoMessage(at(12, 30), now)).toEqual({ id: "ui-ago-hours", args: { count: 2 } });
    expect(agoMessage(at(21, 5, -1), now)).toEqual({ id: "ui-ago-yesterday", args: { time: "21:05" } });
    expect(agoMessage(at(9, 0, -3), now)).toEqual({ id: "ui-ago-date", args: { date: "04/12 09:00" } });
  });

  it("the first line with text, cut with an ellipsis", () => {
    expect(firstLine("\n\n  Thông báo lịch tiêm  \nDòng hai")).toBe("Thông báo lịch tiêm");
    expect(firstLine("a".repeat(100), 10)).toBe(`${"a".repeat(9)}…`);
    expect(firstLine("")).toBe("");
  });
});
