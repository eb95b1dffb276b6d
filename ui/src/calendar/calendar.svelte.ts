// The Calendar view's state: the week or month shown, what the core put in it (occurrences,
// planned drafts, posts, holidays), the sections, the empty-slot notice and every action on them.
// Days and times are Vietnam's (see dates.ts); the core refuses what is not a slot and says why.
import { api, pickSavePath } from "../shared/api";
import type { Banner } from "../shared/banner.svelte";
import type {
  CalendarEntry,
  ChannelView,
  EmptySlotView,
  IpcError,
  SeriesInput,
  SeriesView,
  TemplateInfo,
} from "../shared/bindings";
import { attempt } from "../shared/errors";
import { t } from "../shared/i18n.svelte";
import type { Studio } from "../drafts/studio.svelte";
import { filterId, type WeekFormat } from "./messages";
import { addDays, byDay, mondayOf, shift, vietnamToday, visibleRange, type CalendarMode } from "./dates";

/** What is being dragged: an occurrence to move, or a draft to plan. */
export type Dragged =
  | { kind: "occurrence"; seriesId: number; originalDate: string; time: string; label: string }
  | { kind: "draft"; draftId: number; time: string | null; label: string };

/** How far from today a draft counts as planned (the core takes at most ten years per call). */
const PLANNED_REACH_DAYS = 366;

export class Calendar {
  mode = $state<CalendarMode>("week");
  /** A day inside what is shown; the focused day of the keyboard. */
  focused = $state(vietnamToday(new Date()));
  today = $state(vietnamToday(new Date()));
  entries = $state<CalendarEntry[]>([]);
  emptySlots = $state<EmptySlotView[]>([]);
  series = $state<SeriesView[]>([]);
  channels = $state<ChannelView[]>([]);
  templates = $state<TemplateInfo[]>([]);
  loading = $state(false);
  exporting = $state<WeekFormat | null>(null);
  /** Where the last export went. */
  saved = $state<string | null>(null);
  /** Drafts on the calendar within a year either side of today (planned, or filling an occurrence). */
  onCalendar = $state<Set<number>>(new Set());
  /** The last action's refusal, said above the calendar. */
  error = $state<IpcError | null>(null);
  private seq = 0;

  constructor(
    private readonly banner: Banner,
    private readonly studio: Studio,
  ) {}

  get range(): { from: string; to: string } {
    return visibleRange(this.mode, this.focused);
  }

  get days(): Map<string, CalendarEntry[]> {
    return byDay(this.entries);
  }

  async open(): Promise<void> {
    this.today = vietnamToday(new Date());
    // Queueing from the plan changes drafts' statuses (ready → queued): the side list follows.
    await Promise.all([this.load(), this.loadSeries(), this.studio.refreshStatuses()]);
  }

  async load(): Promise<void> {
    const seq = ++this.seq;
    const { from, to } = this.range;
    this.loading = true;
    // The drafts already on the calendar, for the list of those still to plan: the core says where
    // a draft is planned only through the calendar, so a wide range is read once per change.
    const [r, around] = await Promise.all([
      attempt(() => api.calendarRange(from, to), (e) => (this.error = e)),
      attempt(() => api.calendarRange(addDays(this.today, -PLANNED_REACH_DAYS), addDays(this.today, PLANNED_REACH_DAYS)), () => {}),
    ]);
    if (seq !== this.seq) return;
    if (r.ok) {
      this.entries = r.value.entries;
      this.emptySlots = r.value.empty_slots;
    }
    if (around.ok) this.onCalendar = new Set(around.value.entries.flatMap((e) => (e.draft_id === null ? [] : [e.draft_id])));
    this.loading = false;
  }

  async loadSeries(): Promise<void> {
    const r = await attempt(() => api.seriesList(), this.banner.show);
    if (r.ok) this.series = r.value;
  }

  /** Channels and templates, for the section form. */
  async loadChoices(): Promise<void> {
    const [c, tpl] = await Promise.all([
      attempt(() => api.listChannels(), this.banner.show),
      attempt(() => api.listTemplates(), this.banner.show),
    ]);
    if (c.ok) this.channels = c.value;
    if (tpl.ok) this.templates = tpl.value;
  }

  setMode(mode: CalendarMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    void this.load();
  }

  step(direction: -1 | 1): void {
    this.focused = shift(this.mode, this.focused, direction);
    void this.load();
  }

  goToday(): void {
    this.today = vietnamToday(new Date());
    this.focus(this.today);
  }

  /** Focuses a day; shows its week or month when it is outside what is shown. */
  focus(day: string): void {
    const { from, to } = this.range;
    const inside = this.mode === "week" ? day >= from && day <= to : day.slice(0, 7) === this.focused.slice(0, 7);
    this.focused = day;
    if (!inside) void this.load();
  }

  seriesById(id: number | null): SeriesView | undefined {
    return id === null ? undefined : this.series.find((s) => s.id === id);
  }

  /** Runs an action, then reads the calendar again; false when the core refused it (said above the calendar). */
  private async act(run: () => Promise<unknown>): Promise<boolean> {
    this.error = null;
    const r = await attempt(run, (e) => (this.error = e));
    await this.load();
    return r.ok;
  }

  /** Makes the occurrence's draft and opens it in the editor. */
  async fill(seriesId: number, originalDate: string): Promise<void> {
    this.error = null;
    const r = await attempt(() => api.seriesFill(seriesId, originalDate), (e) => (this.error = e));
    if (!r.ok) return;
    await this.studio.openCreated(r.value);
    await this.load();
  }

  async openDraft(id: number): Promise<void> {
    await this.studio.openDraft(id);
  }

  skip(seriesId: number, originalDate: string, reason: string): Promise<boolean> {
    const why = reason.trim().normalize("NFC");
    return this.act(() => api.seriesSkip(seriesId, originalDate, why === "" ? null : why));
  }

  unskip(seriesId: number, originalDate: string): Promise<boolean> {
    return this.act(() => api.seriesUnskip(seriesId, originalDate));
  }

  /** `to`: `YYYY-MM-DDTHH:MM`, Vietnam time. */
  move(seriesId: number, originalDate: string, to: string): Promise<boolean> {
    return this.act(() => api.seriesMove(seriesId, originalDate, to));
  }

  plan(draftId: number, date: string | null, time: string | null): Promise<boolean> {
    return this.act(() => api.draftPlan(draftId, date, time));
  }

  /** Drops what is dragged on a day: an occurrence keeps its time, a draft keeps its own (if any). */
  drop(what: Dragged, day: string): Promise<boolean> {
    if (what.kind === "occurrence") return this.move(what.seriesId, what.originalDate, `${day}T${what.time}`);
    return this.plan(what.draftId, day, what.time);
  }

  /** Saves a section (new or changed); the core's refusal is returned for the form to show. */
  async saveSeries(input: SeriesInput): Promise<IpcError | null> {
    let refused: IpcError | null = null;
    const r = await attempt(() => api.seriesSave(input), (e) => (refused = e));
    if (!r.ok) return refused;
    await Promise.all([this.loadSeries(), this.load()]);
    return null;
  }

  async deleteSeries(id: number): Promise<void> {
    const ok = await this.act(() => api.seriesDelete(id));
    if (ok) await this.loadSeries();
  }

  /** "Save the week as a picture / PDF": the native save dialog, then the core draws the week shown. */
  async exportWeek(format: WeekFormat): Promise<void> {
    if (this.exporting) return;
    const monday = mondayOf(this.focused);
    const path = await pickSavePath({
      defaultPath: `lich-dang-tin-tuan-${monday}.${format}`,
      extension: format,
      filterName: t(filterId(format)),
    });
    if (!path) return;
    this.exporting = format;
    this.saved = null;
    const r = await attempt(() => api.calendarExportWeek(monday, format, path), (e) => (this.error = e));
    if (r.ok) this.saved = path;
    this.exporting = null;
  }
}
