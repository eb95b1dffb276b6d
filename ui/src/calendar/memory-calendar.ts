// The calendar commands of the in-memory stand-in (plain-browser previews only): sections with
// their weekdays, skips, moves, linked and planned drafts. The real core also computes the
// holidays, the lunar calendar and the posts; the preview shows none of them.
import type { Backend, Result } from "../shared/api";
import type { CalendarEntry, Draft, DraftStatus, EmptySlotView, IpcError, SeriesView, SlotState } from "../shared/bindings";
import { t } from "../shared/i18n.svelte";
import { COLOURS } from "./series-form";
import { addDays, vietnamToday, weekdayOf } from "./dates";
import { weekdayId } from "./messages";

type CalendarCommands = Pick<
  Backend,
  | "calendarRange"
  | "seriesList"
  | "seriesSave"
  | "seriesDelete"
  | "seriesSkip"
  | "seriesUnskip"
  | "seriesMove"
  | "seriesFill"
  | "draftPlan"
  | "calendarExportWeek"
>;

interface Deps {
  createDraft(title: string): Promise<Draft | null>;
  status(draftId: number): DraftStatus | null;
  title(draftId: number): string;
}

const ok = <T>(data: T): Result<T, IpcError> => ({ status: "ok", data });
const refuse = <T>(message_id: string, args: Record<string, string> = {}): Result<T, IpcError> => ({
  status: "error",
  error: { code: "invalid_value", message_id, args },
});

/** How far past the asked range the preview looks for slots moved into it. */
const LOOK_AROUND = 62;

export function memoryCalendar(deps: Deps): CalendarCommands {
  let nextId = 1;
  const series = new Map<number, SeriesView>();
  const skips = new Map<string, string | null>();
  const moves = new Map<string, string>();
  const links = new Map<string, number>();
  const planned = new Map<number, { date: string; time: string | null }>();
  const key = (id: number, date: string) => `${id}|${date}`;

  function progress(draftId: number | undefined): SlotState {
    const s = draftId === undefined ? null : deps.status(draftId);
    if (s === "ready" || s === "queued" || s === "published") return s;
    return s === "draft" ? "drafted" : "empty";
  }

  /** Every slot of a section up to `to`, in original order, with its episode. */
  function slots(s: SeriesView, to: string) {
    const out: { original: string; date: string; time: string; episode: number | null; skipped: boolean }[] = [];
    let episode = s.first_episode;
    for (let d = s.from; d <= to; d = addDays(d, 1)) {
      if (s.until && d > s.until) break;
      if (s.count !== null && episode - s.first_episode >= s.count) break;
      if (!s.weekdays.includes(weekdayOf(d))) continue;
      const skipped = skips.has(key(s.id, d));
      const moved = moves.get(key(s.id, d));
      out.push({
        original: d,
        date: moved ? moved.slice(0, 10) : d,
        time: moved ? moved.slice(11, 16) : s.time,
        episode: skipped ? null : episode,
        skipped,
      });
      if (!skipped) episode++;
    }
    return out;
  }

  function isSlot(id: number, date: string): boolean {
    const s = series.get(id);
    return !!s && slots(s, date).some((o) => o.original === date);
  }

  return {
    async calendarRange(from, to) {
      const entries: CalendarEntry[] = [];
      const empty: EmptySlotView[] = [];
      const now = new Date();
      const today = vietnamToday(now);
      const soon = vietnamToday(new Date(now.getTime() + 48 * 3600 * 1000));
      const blank = { name: null, lunar: false, channel: null, holiday_id: null, holiday_kind: null, day_off: false, lunar_date: null, anniversary: null };
      for (const s of series.values()) {
        for (const o of slots(s, addDays(to, LOOK_AROUND))) {
          const draftId = links.get(key(s.id, o.original));
          const state: SlotState = o.skipped ? "skipped" : progress(draftId);
          if (o.date >= from && o.date <= to) {
            entries.push({
              ...blank,
              kind: "occurrence",
              date: o.date,
              time: o.time,
              series_id: s.id,
              episode: o.episode,
              state,
              draft_id: draftId ?? null,
              title: draftId === undefined ? null : deps.title(draftId),
              series_name: s.name,
              colour: s.colour,
              original_date: o.original,
              moved: o.date !== o.original || o.time !== s.time,
              skip_reason: skips.get(key(s.id, o.original)) ?? null,
            });
          }
          if ((state === "empty" || state === "drafted") && o.date >= today && o.date <= soon) {
            const day = t(weekdayId(weekdayOf(o.date)));
            empty.push({
              series_id: s.id,
              original_date: o.original,
              date: o.date,
              time: o.time,
              text: t(state === "empty" ? "calendar-empty-slot" : "calendar-empty-slot-not-ready", { day, time: o.time, name: s.name }),
            });
          }
        }
      }
      for (const [draftId, p] of planned) {
        if (p.date < from || p.date > to || deps.status(draftId) === null) continue;
        entries.push({
          ...blank,
          kind: "draft",
          date: p.date,
          time: p.time,
          series_id: null,
          episode: null,
          state: progress(draftId),
          draft_id: draftId,
          title: deps.title(draftId),
          series_name: null,
          colour: null,
          original_date: null,
          moved: false,
          skip_reason: null,
        });
      }
      entries.sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? "").localeCompare(b.time ?? ""));
      empty.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
      return ok({ entries, empty_slots: empty });
    },
    async seriesList() {
      return ok([...series.values()]);
    },
    async seriesSave(input) {
      if (input.weekdays.length === 0) return refuse("calendar-error-no-weekdays");
      const id = input.id ?? nextId++;
      const colour = input.colour ?? series.get(id)?.colour ?? COLOURS[(id - 1) % COLOURS.length];
      const saved: SeriesView = { ...input, id, colour };
      series.set(id, saved);
      return ok(saved);
    },
    async seriesDelete(id) {
      series.delete(id);
      return ok(null);
    },
    async seriesSkip(id, date, reason) {
      if (!isSlot(id, date)) return refuse("calendar-error-not-an-occurrence", { date });
      skips.set(key(id, date), reason);
      return ok(null);
    },
    async seriesUnskip(id, date) {
      skips.delete(key(id, date));
      return ok(null);
    },
    async seriesMove(id, date, to) {
      if (!isSlot(id, date)) return refuse("calendar-error-not-an-occurrence", { date });
      moves.set(key(id, date), to);
      return ok(null);
    },
    async seriesFill(id, date) {
      const s = series.get(id);
      if (!s || !isSlot(id, date)) return refuse("calendar-error-not-an-occurrence", { date });
      const linked = links.get(key(id, date));
      const episode = slots(s, date).find((o) => o.original === date)?.episode ?? s.first_episode;
      const draft = linked === undefined ? await deps.createDraft(`${s.name} — ${t("calendar-episode", { number: episode })}`) : null;
      if (linked === undefined && !draft) return refuse("calendar-error-not-an-occurrence", { date });
      if (draft) links.set(key(id, date), draft.id);
      return ok(draft ?? ({ id: linked } as Draft));
    },
    async draftPlan(draftId, date, time) {
      if (date === null) planned.delete(draftId);
      else planned.set(draftId, { date, time });
      return ok(null);
    },
    // The picture and the PDF are drawn by the core's renderer only.
    async calendarExportWeek() {
      return { status: "error", error: { code: "internal", message_id: "ui-media-preview-only", args: {} } };
    },
  };
}
