// Dates and times as the officer types them: day/month/year and a 24-hour clock, whatever the
// computer's own settings. The browser's date pickers follow the system locale (an English
// Windows shows 12/07/2026 for 7 December), so Loa reads and writes the text itself and keeps the
// canonical form ("2026-12-07", "19:30", "2026-12-07T19:30") for the code behind.

export type DateTimeKind = "date" | "time" | "datetime";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A real calendar day (no 31 February), years Loa can plan for. */
function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "7/12/2026", "07-12-2026", "07.12.2026" or "2026-12-07" → "2026-12-07"; null when not a day. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  return validDay(y, m, d) ? `${y}-${pad2(m)}-${pad2(d)}` : null;
}

/** "19:30", "7:05", "19h30", "19h", "19:30:00" → "19:30"; null when not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})\s*(?::|h|g)\s*(\d{2})?(?::\d{2})?\s*(?:phút)?$/i.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  return h <= 23 && min <= 59 ? `${pad2(h)}:${pad2(min)}` : null;
}

/** A day and a time in either order of writing: "07/12/2026 19:30", "07/12/2026, 19h30", "2026-12-07T19:30". */
export function parseDateTime(text: string): string | null {
  const m = /^(\S+?)(?:\s*,\s*|\s+|T)(\S+(?:\s*phút)?)$/.exec(text.trim());
  if (!m) return null;
  const day = parseDate(m[1]);
  const time = parseTime(m[2]);
  return day && time ? `${day}T${time}` : null;
}

export function parse(kind: DateTimeKind, text: string): string | null {
  switch (kind) {
    case "date":
      return parseDate(text);
    case "time":
      return parseTime(text);
    case "datetime":
      return parseDateTime(text);
  }
}

/** The canonical value written for the officer: "07/12/2026", "19:30", "07/12/2026 19:30"; "" for none. */
export function format(kind: DateTimeKind, value: string): string {
  const v = value.trim();
  if (!v) return "";
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  const time = /(?:^|T)(\d{2}):(\d{2})/.exec(v);
  const dayText = day ? `${day[3]}/${day[2]}/${day[1]}` : "";
  const timeText = time ? `${time[1]}:${time[2]}` : "";
  switch (kind) {
    case "date":
      return dayText || v;
    case "time":
      return timeText || v;
    case "datetime":
      return day && time ? `${dayText} ${timeText}` : v;
  }
}

/** How the officer is asked to write it (the placeholder and the hint of a field that cannot be read). */
export function patternMessageId(kind: DateTimeKind): string {
  return `ui-datetime-pattern-${kind}`;
}
