// Message ids the calendar builds from a value (a weekday, a state, an export format), in one
// place so that `message-ids.test.ts` can check every one of them exists in both languages.
import type { SlotState } from "../shared/bindings";
import { WEEKDAYS, type Weekday } from "./dates";

/** What the week plan can be saved as. */
export type WeekFormat = "png" | "pdf";

export const SLOT_STATES: SlotState[] = ["empty", "drafted", "ready", "queued", "published", "skipped"];
const FORMATS: WeekFormat[] = ["png", "pdf"];

/** "Thứ Hai" … "Chủ Nhật" (the core's calendar.ftl, shared with the week plan). */
export const weekdayId = (d: Weekday): string => `calendar-weekday-${d}`;
/** "T2" … "CN". */
export const weekdayShortId = (d: Weekday): string => `ui-calendar-weekday-short-${d}`;
/** The state in words: "Chưa có bài", "Sẵn sàng" … */
export const stateId = (s: SlotState): string => `calendar-state-${s}`;
export const filterId = (f: WeekFormat): string => `ui-calendar-filter-${f}`;

export const CALENDAR_COMPUTED_IDS: string[] = [
  ...WEEKDAYS.map(weekdayId),
  ...WEEKDAYS.map(weekdayShortId),
  ...SLOT_STATES.map(stateId),
  ...FORMATS.map(filterId),
];
