import { describe, expect, it } from "vitest";
import type { Report } from "../shared/bindings";
import { chartBars, choice, defaultForm, fileName, reachEntries, reachReadAt } from "./period";

function report(partial: Partial<Report>): Report {
  return {
    period: { kind: "month", from: "2026-03-01", to: "2026-03-31", starts_at: "", ends_before: "" },
    generated_at: "",
    published: 0,
    by_channel: {},
    by_topic: {},
    by_series: [],
    photos: 0,
    videos: 0,
    infographics: 0,
    alerts: [],
    pending: 0,
    failed: 0,
    unconfirmed: 0,
    reach: { read_at: null } as Report["reach"],
    posts: [],
    weekly: [],
    monthly: [],
    ...partial,
  };
}

describe("the report's period", () => {
  it("starts on this month in Vietnam time, whatever the laptop's zone", () => {
    // 31 March 20:00 UTC is already 1 April in Vietnam.
    const f = defaultForm(new Date("2026-03-31T20:00:00Z"));
    expect([f.year, f.month, f.quarter, f.from, f.to]).toEqual([2026, 4, 2, "2026-04-01", "2026-04-01"]);
    expect(choice(f)).toEqual({ kind: "month", year: 2026, month: 4 });
    expect(choice({ ...f, kind: "quarter" })).toEqual({ kind: "quarter", year: 2026, quarter: 2 });
    expect(choice({ ...f, kind: "range", from: "2026-01-05", to: "2026-02-01" })).toEqual({
      kind: "range",
      from: "2026-01-05",
      to: "2026-02-01",
    });
  });

  it("names the exported file after the period", () => {
    expect(fileName(report({}), "pdf")).toBe("bao-cao-2026-03-01-2026-03-31.pdf");
  });
});

describe("the figures as the view draws them", () => {
  it("lists reach in reading order and keeps 'not available' apart from zero", () => {
    const reach = { read_at: "2026-04-02T09:00:00+07:00", post_clicks: null, page_media_view: 0, followers_end: 12, followers_start: 10 } as unknown as Report["reach"];
    expect(reachEntries(reach)).toEqual([
      { metric: "followers_start", value: 10 },
      { metric: "followers_end", value: 12 },
      { metric: "page_media_view", value: 0 },
      { metric: "post_clicks", value: null },
    ]);
    expect(reachReadAt(reach)).toBe("2026-04-02T09:00:00+07:00");
  });

  it("stacks each week's posts by channel, and switches to months for a long period", () => {
    const r = report({
      by_channel: { "Trang xã": 3, "Thư mục": 1 },
      weekly: [
        { from: "2026-03-01", to: "2026-03-01", by_channel: { "Trang xã": 1 }, total: 1 },
        { from: "2026-03-02", to: "2026-03-08", by_channel: { "Trang xã": 2, "Thư mục": 1 }, total: 3 },
      ],
    });
    const c = chartBars(r);
    expect(c.unit).toBe("week");
    expect(c.max).toBe(3);
    expect(c.bars[1].segments).toEqual([
      { channel: "Trang xã", count: 2 },
      { channel: "Thư mục", count: 1 },
    ]);
    const weeks = Array.from({ length: 20 }, (_, i) => ({ from: `w${i}`, to: `w${i}`, by_channel: {}, total: 0 }));
    const months = [{ from: "2026-01-01", to: "2026-01-31", by_channel: {}, total: 0 }];
    expect(chartBars(report({ weekly: weeks, monthly: months })).unit).toBe("month");
  });
});
