import { describe, expect, it } from "vitest";
import {
  addDays,
  arrowTarget,
  byDay,
  dmy,
  isDay,
  mondayOf,
  monthGrid,
  moveTarget,
  parseDmy,
  rangeLabel,
  shift,
  vietnamToday,
  visibleRange,
  weekDays,
  weekdayOf,
} from "./dates";

describe("Vietnam's today", () => {
  it("is already tomorrow in Vietnam late in the UTC evening", () => {
    // 18:30 UTC on 1 Aug is 01:30 on 2 Aug in Vietnam (and still the afternoon in Los Angeles).
    expect(vietnamToday(new Date("2025-08-01T18:30:00Z"))).toBe("2025-08-02");
    expect(vietnamToday(new Date("2025-08-01T16:59:59Z"))).toBe("2025-08-01");
    expect(vietnamToday(new Date("2025-08-01T17:00:00Z"))).toBe("2025-08-02");
  });
});

describe("weeks", () => {
  it("start on Monday", () => {
    // 29 July 2025 is a Tuesday.
    expect(weekdayOf("2025-07-29")).toBe("tue");
    expect(mondayOf("2025-07-29")).toBe("2025-07-28");
    expect(mondayOf("2025-07-28")).toBe("2025-07-28");
    // A Sunday belongs to the week that began six days before.
    expect(mondayOf("2025-08-03")).toBe("2025-07-28");
    expect(weekDays("2025-08-03")).toEqual([
      "2025-07-28",
      "2025-07-29",
      "2025-07-30",
      "2025-07-31",
      "2025-08-01",
      "2025-08-02",
      "2025-08-03",
    ]);
  });

  it("cross a new year and a leap day", () => {
    expect(weekDays("2026-01-01")[0]).toBe("2025-12-29");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
  });
});

describe("the month grid", () => {
  it("covers the month in whole weeks, Monday first", () => {
    const rows = monthGrid("2025-07-15");
    expect(rows[0][0]).toBe("2025-06-30");
    expect(rows.at(-1)?.[6]).toBe("2025-08-03");
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.length === 7)).toBe(true);
  });

  it("has four rows for a February that starts on Monday and six when it needs them", () => {
    expect(monthGrid("2027-02-10")).toHaveLength(4);
    // March 2025 starts on a Saturday and has 31 days.
    expect(monthGrid("2025-03-01")).toHaveLength(6);
  });

  it("gives the range the core is asked for", () => {
    expect(visibleRange("week", "2025-07-31")).toEqual({ from: "2025-07-28", to: "2025-08-03" });
    expect(visibleRange("month", "2025-07-31")).toEqual({ from: "2025-06-30", to: "2025-08-03" });
  });
});

describe("previous and next", () => {
  it("step a week or a month, keeping a 31st inside the shorter month", () => {
    expect(shift("week", "2025-07-29", 1)).toBe("2025-08-05");
    expect(shift("week", "2025-07-29", -1)).toBe("2025-07-22");
    expect(shift("month", "2025-01-31", 1)).toBe("2025-02-28");
    expect(shift("month", "2025-12-15", 1)).toBe("2026-01-15");
    expect(shift("month", "2025-01-15", -1)).toBe("2024-12-15");
  });
});

describe("dates as the officer reads them", () => {
  it("are dd/mm/yyyy", () => {
    expect(dmy("2025-07-04")).toBe("04/07/2025");
    expect(rangeLabel("2025-07-14", "2025-07-20")).toBe("14–20/07/2025");
    expect(rangeLabel("2025-07-28", "2025-08-03")).toBe("28/07–03/08/2025");
    expect(rangeLabel("2025-12-29", "2026-01-04")).toBe("29/12/2025–04/01/2026");
  });
});

describe("keys", () => {
  it("move a day sideways and a week up or down", () => {
    expect(arrowTarget("2025-07-31", "ArrowRight")).toBe("2025-08-01");
    expect(arrowTarget("2025-07-28", "ArrowLeft")).toBe("2025-07-27");
    expect(arrowTarget("2025-07-29", "ArrowDown")).toBe("2025-08-05");
    expect(arrowTarget("2025-07-29", "ArrowUp")).toBe("2025-07-22");
    expect(arrowTarget("2025-07-31", "Home")).toBe("2025-07-28");
    expect(arrowTarget("2025-07-31", "End")).toBe("2025-08-03");
    expect(arrowTarget("2025-07-31", "a")).toBeNull();
  });
});

describe("the move field", () => {
  it("makes the core's date-time only from a real day and time", () => {
    expect(moveTarget("2025-08-01", "19:30")).toBe("2025-08-01T19:30");
    expect(moveTarget("2025-02-30", "19:30")).toBeNull();
    expect(moveTarget("2025-08-01", "24:00")).toBeNull();
    expect(moveTarget("", "19:00")).toBeNull();
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2025-02-29")).toBe(false);
  });
});

describe("entries by day", () => {
  it("groups and puts untimed entries first, then by time", () => {
    const map = byDay([
      { date: "2025-09-02", time: "19:00", id: 1 },
      { date: "2025-09-02", time: null, id: 2 },
      { date: "2025-09-02", time: "07:30", id: 3 },
      { date: "2025-09-03", time: "08:00", id: 4 },
    ]);
    expect(map.get("2025-09-02")?.map((e) => e.id)).toEqual([2, 3, 1]);
    expect(map.get("2025-09-03")?.map((e) => e.id)).toEqual([4]);
    expect(map.has("2025-09-04")).toBe(false);
  });
});

describe("a typed date", () => {
  it("is read day first, as Vietnamese write it", () => {
    expect(parseDmy("29/07/2025")).toBe("2025-07-29");
    expect(parseDmy(" 1/8/2025 ")).toBe("2025-08-01");
    expect(parseDmy("02-09-2025")).toBe("2025-09-02");
    expect(parseDmy("2025-09-02")).toBe("2025-09-02");
    expect(parseDmy("31/02/2025")).toBeNull();
    expect(parseDmy("07/29/2025")).toBeNull();
    expect(parseDmy("29/07/25")).toBeNull();
    expect(parseDmy("")).toBeNull();
  });
});
