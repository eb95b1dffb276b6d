// The report's period as the officer picks it, and the small reshaping the view needs (chart
// bars, reach in reading order, a file name). Pure functions: `period.test.ts` checks them.
import type { PeriodChoice, Reach, Report } from "../shared/bindings";

export type PeriodKind = PeriodChoice["kind"];

export interface PeriodForm {
  kind: PeriodKind;
  year: number;
  month: number;
  quarter: number;
  /** `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
}

/** Vietnam is UTC+7 all year: "this month" is Vietnam's, whatever the laptop's zone. */
const VIETNAM_MS = 7 * 3600 * 1000;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** This month, in Vietnam time; the range starts on its first day and ends today. */
export function defaultForm(now: Date): PeriodForm {
  const vn = new Date(now.getTime() + VIETNAM_MS);
  const year = vn.getUTCFullYear();
  const month = vn.getUTCMonth() + 1;
  return {
    kind: "month",
    year,
    month,
    quarter: Math.floor((month - 1) / 3) + 1,
    from: `${iso(vn).slice(0, 8)}01`,
    to: iso(vn),
  };
}

export function choice(f: PeriodForm): PeriodChoice {
  switch (f.kind) {
    case "month":
      return { kind: "month", year: f.year, month: f.month };
    case "quarter":
      return { kind: "quarter", year: f.year, quarter: f.quarter };
    case "year":
      return { kind: "year", year: f.year };
    case "range":
      return { kind: "range", from: f.from, to: f.to };
  }
}

/** "bao-cao-2026-03-01-2026-03-31.pdf": the period in the name, no spaces or diacritics. */
export function fileName(report: Report, extension: string): string {
  const { from, to } = report.period;
  return `bao-cao-${from}-${to}.${extension}`;
}

/** Reach in the order a reader expects it (followers, Page, posts, anything else), as `Reach::ordered`. */
export function reachEntries(reach: Reach): { metric: string; value: number | null }[] {
  const rank = (k: string) =>
    k === "followers_start" ? 0 : k === "followers_end" ? 1 : k.startsWith("page_") ? 2 : k.startsWith("post_") ? 3 : 4;
  return Object.entries(reach as unknown as Record<string, unknown>)
    .filter(([k]) => k !== "read_at")
    .map(([metric, v]) => ({ metric, value: typeof v === "number" ? v : null }))
    .sort((a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric));
}

export function reachReadAt(reach: Reach): string | null {
  const v = (reach as unknown as Record<string, unknown>).read_at;
  return typeof v === "string" ? v : null;
}

export interface Bar {
  /** First and last day (`YYYY-MM-DD`). */
  from: string;
  to: string;
  total: number;
  /** One segment per channel, in the report's channel order, zeros kept out. */
  segments: { channel: string; count: number }[];
}

/** Weeks while they fit (a month, a quarter), months beyond — as the PDF's chart does. */
export const MAX_WEEK_BARS = 14;

export function chartBars(report: Report): { unit: "week" | "month"; bars: Bar[]; max: number } {
  const unit = report.weekly.length <= MAX_WEEK_BARS ? "week" : "month";
  const buckets = unit === "week" ? report.weekly : report.monthly;
  const channels = Object.keys(report.by_channel);
  const bars = buckets.map((b) => ({
    from: b.from,
    to: b.to,
    total: b.total,
    segments: channels
      .map((channel) => ({ channel, count: b.by_channel[channel] ?? 0 }))
      .filter((s) => s.count > 0),
  }));
  return { unit, bars, max: Math.max(1, ...bars.map((b) => b.total)) };
}

/** `DD/MM` of a `YYYY-MM-DD` day, as Vietnamese dates are written. */
export function dayMonth(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** `DD/MM/YYYY HH:MM` of an RFC 3339 time in Vietnam (the report's times carry +07:00). */
export function vnDateTime(rfc3339: string): string {
  return `${rfc3339.slice(8, 10)}/${rfc3339.slice(5, 7)}/${rfc3339.slice(0, 4)} ${rfc3339.slice(11, 16)}`;
}
