// Times, sizes and numbers as the officer reads them, in the window's language.
import type { Lang } from "./bindings";

const locale = (lang: Lang) => (lang === "vi" ? "vi-VN" : "en-GB");

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Accepts RFC 3339 ("2025-05-01T08:30:00Z", "+07:00") and SQLite's "2025-05-01 08:30:00" (UTC). */
export function parseTimestamp(s: string): Date | null {
  if (!s) return null;
  let text = s.trim();
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text = text.replace(" ", "T") + "Z";
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "29/07 14:30" (this year) or "29/07/2024 14:30", in the computer's time; the input when unreadable. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = parseTimestamp(iso);
  if (!d) return iso;
  const day = `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}${d.getFullYear() === now.getFullYear() ? "" : `/${d.getFullYear()}`}`;
  return `${day} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** A stored timestamp shown as dd/mm/yyyy HH:mm in local time; unparsable input is shown as is. */
export function formatDateTime(iso: string): string {
  const d = parseTimestamp(iso);
  if (!d) return iso;
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** A calendar day "2025-07-29" as the officer writes it, "29/07/2025"; anything else as is. */
export function formatDay(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ymd;
}

/** Bytes as "1,2 MB" / "350 KB". */
export function formatBytes(bytes: number, lang: Lang): string {
  const kb = bytes / 1024;
  const fmt = (n: number, digits: number) =>
    new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n);
  if (kb < 1024) return `${fmt(Math.max(kb, bytes > 0 ? 1 : 0), 0)} KB`;
  return `${fmt(kb / 1024, 1)} MB`;
}

/** Integer with the digit grouping of the language: 63.206 in Vietnamese, 63,206 in English. */
export function formatInteger(n: number, lang: Lang): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.trunc(Math.abs(n)));
  const sep = lang === "vi" ? "." : ",";
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return sign + out;
}

/**
 * How long ago, as the officer says it: "vừa xong", "3 phút trước", "2 giờ trước", "hôm qua lúc
 * 14:30", then the date. A message id and its arguments (the words live in the locales).
 */
export function agoMessage(iso: string, now: Date = new Date()): { id: string; args: Record<string, string | number> } {
  const d = parseTimestamp(iso);
  if (!d) return { id: "ui-ago-date", args: { date: iso } };
  const minutes = Math.floor((now.getTime() - d.getTime()) / 60_000);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (minutes < 1) return { id: "ui-ago-now", args: {} };
  if (minutes < 60) return { id: "ui-ago-minutes", args: { count: minutes } };
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (d.getTime() >= startOfToday) return { id: "ui-ago-hours", args: { count: Math.floor(minutes / 60) } };
  if (d.getTime() >= startOfToday - 86_400_000) return { id: "ui-ago-yesterday", args: { time } };
  return { id: "ui-ago-date", args: { date: formatWhen(iso, now) } };
}

/** The first line with text, cut to `max` characters with "…". */
export function firstLine(text: string, max = 80): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 1).join("").trimEnd()}…` : line;
}
