import { describe, expect, it } from "vitest";
import { format, parse, parseDate, parseDateTime, parseTime } from "./datetime-input";

describe("dates typed day/month/year", () => {
  it("reads the ways officers write a day", () => {
    expect(parseDate("7/12/2026")).toBe("2026-12-07");
    expect(parseDate("07/12/2026")).toBe("2026-12-07");
    expect(parseDate("07-12-2026")).toBe("2026-12-07");
    expect(parseDate("07.12.2026")).toBe("2026-12-07");
    // What a script or an older form hands over.
    expect(parseDate("2026-12-07")).toBe("2026-12-07");
  });

  it("never reads the month first, whatever the computer's locale", () => {
    // 12/07/2026 is 12 July, not 7 December.
    expect(parseDate("12/07/2026")).toBe("2026-07-12");
  });

  it("refuses days that do not exist and text that is not a day", () => {
    for (const bad of ["31/2/2026", "29/2/2027", "0/1/2026", "1/13/2026", "1/1/26", "hôm nay", "", "2026-2-7"]) {
      expect(parseDate(bad), bad).toBeNull();
    }
    expect(parseDate("29/2/2028")).toBe("2028-02-29");
  });
});

describe("times on a 24-hour clock", () => {
  it("reads 19:30, 7:05, 19h30, 19h and seconds", () => {
    expect(parseTime("19:30")).toBe("19:30");
    expect(parseTime("7:05")).toBe("07:05");
    expect(parseTime("19h30")).toBe("19:30");
    expect(parseTime("19h")).toBe("19:00");
    expect(parseTime("07:30:00")).toBe("07:30");
  });

  it("refuses what is not a time of day", () => {
    for (const bad of ["24:00", "19:60", "7pm", "", "19"]) expect(parseTime(bad), bad).toBeNull();
  });
});

describe("a day and a time together", () => {
  it("reads them with a space, a comma or the T of an ISO value", () => {
    expect(parseDateTime("07/12/2026 19:30")).toBe("2026-12-07T19:30");
    expect(parseDateTime("7/12/2026, 19h30")).toBe("2026-12-07T19:30");
    expect(parseDateTime("2026-12-07T19:30")).toBe("2026-12-07T19:30");
    expect(parseDateTime("07/12/2026")).toBeNull();
    expect(parseDateTime("31/11/2026 08:00")).toBeNull();
  });

  it("writes back what it reads, so a value survives a round trip", () => {
    for (const [kind, value] of [
      ["date", "2026-12-07"],
      ["time", "08:05"],
      ["datetime", "2026-12-07T08:05"],
    ] as const) {
      expect(parse(kind, format(kind, value))).toBe(value);
    }
    expect(format("datetime", "2026-12-07T08:05")).toBe("07/12/2026 08:05");
    expect(format("date", "")).toBe("");
  });
});
