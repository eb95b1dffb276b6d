// Times and sizes as the officer reads them, in the window's language.
import type { Lang } from "./bindings";

const locale = (lang: Lang) => (lang === "vi" ? "vi-VN" : "en-GB");

/** "29/07 14:30" (this year) or "29/07/2024 14:30", in the computer's time; the input when unreadable. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${pad(d.getDate())}/${pad(d.getMonth() + 1)}${d.getFullYear() === now.getFullYear() ? "" : `/${d.getFullYear()}`}`;
  return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Bytes as "1,2 MB" / "350 KB". */
export function formatBytes(bytes: number, lang: Lang): string {
  const kb = bytes / 1024;
  const fmt = (n: number, digits: number) =>
    new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n);
  if (kb < 1024) return `${fmt(Math.max(kb, bytes > 0 ? 1 : 0), 0)} KB`;
  return `${fmt(kb / 1024, 1)} MB`;
}
