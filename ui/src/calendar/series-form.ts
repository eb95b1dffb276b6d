// The section form as the officer fills it, and the section the core stores. Pure functions:
// `series-form.test.ts` checks them. The core checks everything again (its refusals carry their
// own message); this only keeps the save button honest and says what is missing before asking.
import type { SeriesInput, SeriesView } from "../shared/bindings";
import { WEEKDAYS, isDay, isTime, type Weekday } from "./dates";

export type EndKind = "never" | "until" | "count";

/** The colours a section can take, as the core's palette (loa_calendar::colour::PALETTE). */
export const COLOURS = ["#C8102E", "#1D4ED8", "#0F766E", "#B45309", "#6D28D9", "#166534", "#BE185D", "#334155"] as const;

export interface SeriesForm {
  id: number | null;
  name: string;
  nameEn: string;
  weekdays: Record<Weekday, boolean>;
  time: string;
  from: string;
  end: EndKind;
  until: string;
  count: string;
  channels: number[];
  template: string;
  defaults: Record<string, string>;
  /** Empty: the core gives the next colour of its palette. */
  colour: string;
}

export function emptyForm(today: string): SeriesForm {
  return {
    id: null,
    name: "",
    nameEn: "",
    weekdays: Object.fromEntries(WEEKDAYS.map((d) => [d, false])) as Record<Weekday, boolean>,
    time: "19:00",
    from: today,
    end: "never",
    until: "",
    count: "",
    channels: [],
    template: "",
    defaults: {},
    colour: "",
  };
}

export function formOf(s: SeriesView): SeriesForm {
  return {
    id: s.id,
    name: s.name,
    nameEn: s.name_en ?? "",
    weekdays: Object.fromEntries(WEEKDAYS.map((d) => [d, s.weekdays.includes(d)])) as Record<Weekday, boolean>,
    time: s.time,
    from: s.from,
    end: s.until ? "until" : s.count ? "count" : "never",
    until: s.until ?? "",
    count: s.count ? String(s.count) : "",
    channels: [...s.channels],
    template: s.template ?? "",
    defaults: { ...s.template_defaults },
    colour: s.colour,
  };
}

/** What stops the form from being saved, as message ids of `ui-calendar.ftl` (none: it can be saved). */
export function problems(f: SeriesForm): string[] {
  const out: string[] = [];
  if (f.name.trim() === "") out.push("ui-calendar-need-name");
  if (!WEEKDAYS.some((d) => f.weekdays[d])) out.push("ui-calendar-need-weekday");
  if (!isTime(f.time)) out.push("ui-calendar-need-time");
  if (!isDay(f.from)) out.push("ui-calendar-need-start");
  if (f.end === "until" && (!isDay(f.until) || f.until < f.from)) out.push("ui-calendar-need-until");
  if (f.end === "count" && !/^[1-9]\d{0,3}$/.test(f.count.trim())) out.push("ui-calendar-need-count");
  return out;
}

/** The section to save; default values of fields left blank are not kept. */
export function inputOf(f: SeriesForm, firstEpisode = 1): SeriesInput {
  const template = f.template.trim() || null;
  const defaults = template
    ? Object.fromEntries(Object.entries(f.defaults).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.normalize("NFC")]))
    : {};
  return {
    id: f.id,
    name: f.name.trim().normalize("NFC"),
    name_en: f.nameEn.trim() ? f.nameEn.trim().normalize("NFC") : null,
    weekdays: WEEKDAYS.filter((d) => f.weekdays[d]),
    time: f.time,
    from: f.from,
    until: f.end === "until" ? f.until : null,
    count: f.end === "count" ? Number(f.count.trim()) : null,
    channels: [...f.channels],
    template,
    template_defaults: defaults,
    colour: f.colour || null,
    first_episode: firstEpisode,
  };
}
