// The calendar's days: Vietnam's today, weeks from Monday, the month grid, dd/mm/yyyy, and the
// arrow-key moves. Days are `YYYY-MM-DD` strings computed in UTC, so the laptop's own time zone
// never shifts a day (plans are in Vietnam time, UTC+7, whatever the laptop says).

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Monday first, as the week plan and Vietnamese calendars are laid out. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type CalendarMode = "week" | "month";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a day's midnight (UTC); null for anything that is not a real `YYYY-MM-DD` day. */
function dayMs(day: string): number | null {
  const m = ISO_DAY.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 31/02 over to March; such a day does not exist.
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : null;
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isDay(day: string): boolean {
  return dayMs(day) !== null;
}

function must(day: string): number {
  const ms = dayMs(day);
  if (ms === null) throw new RangeError(`not a day: ${day}`);
  return ms;
}

/** Today in Vietnam, whatever the laptop's zone. */
export function vietnamToday(now: Date): string {
  return fromMs(now.getTime() + VIETNAM_MS);
}

export function addDays(day: string, n: number): string {
  return fromMs(must(day) + n * DAY_MS);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(day: string): number {
  return (new Date(must(day)).getUTCDay() + 6) % 7;
}

export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[weekdayIndex(day)];
}

/** The Monday of the week `day` falls in. */
export function mondayOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** The seven days of `day`'s week, Monday first. */
export function weekDays(day: string): string[] {
  const monday = mondayOf(day);
  return WEEKDAYS.map((_, i) => addDays(monday, i));
}

export function firstOfMonth(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** The month of `day` as whole weeks, Monday first: 4 to 6 rows of seven days. */
export function monthGrid(day: string): string[][] {
  const first = firstOfMonth(day);
  const last = addDays(shift("month", first, 1), -1);
  const rows: string[][] = [];
  for (let monday = mondayOf(first); monday <= last; monday = addDays(monday, 7)) rows.push(weekDays(monday));
  return rows;
}

/** The first and last day the mode shows around `day` (both included). */
export function visibleRange(mode: CalendarMode, day: string): { from: string; to: string } {
  if (mode === "week") {
    const days = weekDays(day);
    return { from: days[0], to: days[6] };
  }
  const rows = monthGrid(day);
  return { from: rows[0][0], to: rows[rows.length - 1][6] };
}

/** The same day one week or one month before (`step` −1) or after (+1); a 31st becomes the month's last day. */
export function shift(mode: CalendarMode, day: string, step: number): string {
  if (mode === "week") return addDays(day, 7 * step);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + step;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(Number(day.slice(8, 10)), last));
  return fromMs(target.getTime());
}

/** `dd/mm/yyyy`, as Vietnamese dates are written. */
export function dmy(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** `dd/mm`. */
export function dm(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/**
 * The days a title names: "14–20/07/2026" within one month, "28/07–03/08/2026" across two,
 * "29/12/2025–04/01/2026" across a new year.
 */
export function rangeLabel(from: string, to: string): string {
  if (from.slice(0, 4) !== to.slice(0, 4)) return `${dmy(from)}–${dmy(to)}`;
  if (from.slice(0, 7) !== to.slice(0, 7)) return `${dm(from)}–${dmy(to)}`;
  return `${from.slice(8, 10)}–${dmy(to)}`;
}

/** Where an arrow key takes the focused day: a day sideways, a week up or down. */
export function arrowTarget(day: string, key: string): string | null {
  switch (key) {
    case "ArrowLeft":
      return addDays(day, -1);
    case "ArrowRight":
      return addDays(day, 1);
    case "ArrowUp":
      return addDays(day, -7);
    case "ArrowDown":
      return addDays(day, 7);
    case "Home":
      return mondayOf(day);
    case "End":
      return addDays(mondayOf(day), 6);
    default:
      return null;
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTime(time: string): boolean {
  return TIME.test(time);
}

/** The `YYYY-MM-DDTHH:MM` the core's move takes, or null when either part is not valid. */
export function moveTarget(day: string, time: string): string | null {
  return isDay(day) && isTime(time) ? `${day}T${time}` : null;
}

/** Entries by their day, each day's list in time order (untimed ones — holidays, drafts without a time — first). */
export function byDay<T extends { date: string; time: string | null }>(entries: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const e of entries) {
    const list = map.get(e.date) ?? [];
    list.push(e);
    map.set(e.date, list);
  }
  for (const list of map.values()) list.sort((a, b) => (a.time ?? "").localeCompare(b.time ?? ""));
  return map;
}

/**
 * A day typed as Vietnamese write it (`29/7/2025`, `29-07-2025`, `29.07.2025`), or already
 * `YYYY-MM-DD`; null when it is not a real day. The native date picker shows the system's
 * order (often month first), so the calendar's fields take text.
 */
export function parseDmy(text: string): string | null {
  const s = text.trim();
  if (isDay(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const day = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isDay(day) ? day : null;
}
