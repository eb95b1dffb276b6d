// The Reports view's state: the period, the figures the core made for it, "refresh reach" with its
// progress, and the exports through the native save dialog.
import { api, pickSavePath } from "../shared/api";
import type { Banner } from "../shared/banner.svelte";
import type { IpcError, ReachProgress, RefreshOutcome, Report, ReportFormat } from "../shared/bindings";
import { attempt } from "../shared/errors";
import { i18n, t } from "../shared/i18n.svelte";
import { choice, defaultForm, fileName, type PeriodForm } from "./period";

export class Reports {
  form = $state<PeriodForm>(defaultForm(new Date()));
  report = $state<Report | null>(null);
  loading = $state(false);
  /** A period the core refused (reversed, too long): said next to the picker. */
  periodError = $state<IpcError | null>(null);
  refreshing = $state(false);
  progress = $state<ReachProgress | null>(null);
  lastRefresh = $state<RefreshOutcome | null>(null);
  exporting = $state<ReportFormat | null>(null);
  /** Where the last export was saved. */
  saved = $state<string | null>(null);
  private loadedOnce = false;

  constructor(private banner: Banner) {}

  /** The first time the view shows: this month's report. */
  open(): void {
    if (this.loadedOnce) return;
    this.loadedOnce = true;
    void this.load();
  }

  async load(): Promise<void> {
    this.loading = true;
    this.saved = null;
    const r = await attempt(() => api.makeReport(choice(this.form)), (e) => (this.periodError = e));
    if (r.ok) {
      this.report = r.value;
      this.periodError = null;
    }
    this.loading = false;
  }

  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    this.progress = null;
    const r = await attempt(
      () => api.refreshReach((p) => (this.progress = p)),
      (e) => this.banner.show(e),
    );
    if (r.ok) this.lastRefresh = r.value;
    this.refreshing = false;
    this.progress = null;
    await this.load();
  }

  async export(format: ReportFormat): Promise<void> {
    const report = this.report;
    if (!report || this.exporting) return;
    const path = await pickSavePath({
      defaultPath: fileName(report, format),
      extension: format,
      filterName: t(format === "pdf" ? "ui-reports-filter-pdf" : "ui-reports-filter-xlsx"),
    });
    if (!path) return;
    this.exporting = format;
    const r = await attempt(
      () => api.exportReport(choice(this.form), format, i18n.lang, path),
      (e) => this.banner.show(e),
    );
    if (r.ok) this.saved = path;
    this.exporting = null;
  }
}
