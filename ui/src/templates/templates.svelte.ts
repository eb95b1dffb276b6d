// State and actions of the template screen ("Mẫu đồ họa"): the gallery with its lazily drawn
// cards, the form of the open template, its live preview and "create draft".
import { api } from "../shared/api";
import type { Banner } from "../shared/banner.svelte";
import { Debounced } from "../shared/debounce";
import type { Field, IpcError, Lang, TemplateCategory, TemplateInfo, TemplatePreviewInfo, TemplateSize } from "../shared/bindings";
import { attempt, logOnly } from "../shared/errors";
import { i18n } from "../shared/i18n.svelte";
import type { Navigation } from "../app/navigation.svelte";
import type { Media } from "../media/media.svelte";
import type { Studio } from "../drafts/studio.svelte";
import {
  type FormRefusal,
  type FormValue,
  type TemplateData,
  errorFieldKey,
  filterTemplates,
  formData,
  initialValues,
  localized,
  previewData,
  refusal,
  splitPreview,
} from "./template-form";

/** Quiet time after the last edit before the preview is drawn again (ms). */
export const PREVIEW_DEBOUNCE_MS = 250;

export class Templates {
  list = $state<TemplateInfo[]>([]);
  loaded = $state(false);
  loading = $state(false);
  query = $state("");
  category = $state<TemplateCategory | null>(null);
  /** The gallery shows the templates the officer hid too (to show one again). */
  showHidden = $state(false);
  /** Object URLs of the cards' images by `id:lang`; `""` when drawing it failed. */
  thumbs = $state<Record<string, string>>({});
  /** Why a card could not be drawn (a broken or hostile template): shown on the card itself. */
  thumbErrors = $state<Record<string, IpcError>>({});

  /** The open template, or null for the gallery. */
  openId = $state<string | null>(null);
  values = $state<Record<string, FormValue>>({});
  contentLang = $state<Lang>("vi");
  size = $state<TemplateSize>("1080x1350");
  /** The officer changed something since the template was opened. */
  dirty = $state(false);
  /** The template's sample in each language: grey placeholders, the preview of blank required
   * fields, and what "Create draft" refuses to reuse. Never the form's values. */
  samples = $state<Record<Lang, TemplateData | null>>({ vi: null, en: null });
  /** Why the last "Create draft" was refused (the field it names), until the form changes. */
  refused = $state<FormRefusal | null>(null);

  previewUrl = $state<string | null>(null);
  previewInfo = $state<TemplatePreviewInfo | null>(null);
  previewBusy = $state(false);
  previewError = $state<IpcError | null>(null);
  /** Bumped with every preview shown, so a test (or the eye) can tell a new one arrived. */
  previewCount = $state(0);
  creating = $state(false);

  private thumbQueue: string[] = [];
  private thumbRunning = false;
  private readonly previewLater = new Debounced(() => void this.refreshPreview(), PREVIEW_DEBOUNCE_MS);
  private previewSeq = 0;
  private previewInFlight = false;
  private previewAgain = false;
  private openSeq = 0;
  /** What the commune profile fills in the open template's form. */
  private prefill: TemplateData = {};

  constructor(
    private readonly studio: Studio,
    private readonly media: Media,
    private readonly nav: Navigation,
    private readonly banner: Banner,
  ) {}

  get shown(): TemplateInfo[] {
    return filterTemplates(this.list, this.query, this.category, this.showHidden);
  }

  /** How many templates the officer hid from the gallery. */
  get hiddenCount(): number {
    return this.list.filter((t) => t.hidden).length;
  }

  get current(): TemplateInfo | null {
    return this.list.find((t) => t.manifest.id === this.openId) ?? null;
  }

  get fields(): Field[] {
    return this.current?.manifest.fields ?? [];
  }

  /** The field the last render refused, if the error is about one. */
  get errorKey(): string | null {
    return errorFieldKey(this.previewError);
  }

  /** Loads the list once (on the first visit to the screen). */
  async ensureLoaded(): Promise<void> {
    if (this.loaded || this.loading) return;
    this.loading = true;
    const list = await attempt(() => api.listTemplates(), this.banner.show);
    if (list.ok) {
      this.list = list.value;
      this.loaded = true;
    }
    this.loading = false;
  }

  thumbKey(id: string, lang: Lang = i18n.lang): string {
    return `${id}:${lang}`;
  }

  /** Asks for a card's image; cards call this when they scroll into view. One render at a time,
   * so the first cards come first and the preview is not starved. */
  requestThumb(id: string): void {
    const key = this.thumbKey(id);
    if (key in this.thumbs || this.thumbQueue.includes(key)) return;
    this.thumbQueue.push(key);
    void this.drainThumbs();
  }

  private async drainThumbs(): Promise<void> {
    if (this.thumbRunning) return;
    this.thumbRunning = true;
    try {
      // The open template's preview comes first; the cards wait for the gallery.
      while (this.thumbQueue.length > 0 && this.openId === null) {
        const key = this.thumbQueue.shift() as string;
        if (key in this.thumbs) continue;
        const [id, lang] = key.split(":") as [string, Lang];
        const blob = await attempt(() => api.templateThumbnail(id, lang), logOnly(`template thumbnail ${id}`));
        this.thumbs[key] = blob.ok ? URL.createObjectURL(blob.value) : "";
        if (!blob.ok) this.thumbErrors[key] = blob.error;
      }
    } finally {
      this.thumbRunning = false;
    }
  }

  /** The refusal as a field error, in the officer's words (the field's label). */
  get refusedError(): IpcError | null {
    const r = this.refused;
    const field = r && this.fields.find((f) => f.key === r.key);
    if (!r || !field) return null;
    return { code: "template", message_id: r.messageId, args: { key: r.key, field: localized(field.label, i18n.lang) } };
  }

  /** Hides a template from the gallery (how a built-in one is put away), or shows it again. */
  async setHidden(id: string, hidden: boolean): Promise<boolean> {
    const done = await attempt(() => api.setTemplateHidden(id, hidden), this.banner.show);
    if (done.ok) this.list = this.list.map((t) => (t.manifest.id === id ? done.value : t));
    return done.ok;
  }

  /** Removes an imported or own template from the profile and from the gallery. */
  async remove(id: string): Promise<boolean> {
    const done = await attempt(() => api.deleteTemplate(id), this.banner.show);
    if (done.ok) this.list = this.list.filter((t) => t.manifest.id !== id);
    return done.ok;
  }

  /** Opens a template with an empty form (the issue time at now); its sample in each language is
   * loaded for the placeholders and the first preview. */
  async open(id: string): Promise<void> {
    const seq = ++this.openSeq;
    const info = this.list.find((t) => t.manifest.id === id);
    if (!info) return;
    // A preview still being drawn belongs to the template left behind.
    this.previewSeq++;
    this.openId = id;
    this.contentLang = i18n.lang;
    this.size = info.manifest.sizes.includes("1080x1350") ? "1080x1350" : (info.manifest.sizes[0] ?? "1080x1350");
    this.previewError = null;
    this.previewInfo = null;
    this.setPreview(null);
    this.values = initialValues(info.manifest.fields, new Date());
    this.dirty = false;
    this.refused = null;
    this.samples = { vi: null, en: null };
    // The commune, its province and logo come from the profile as real values.
    this.prefill = {};
    const prefill = await attempt(() => api.templatePrefill(id, this.contentLang));
    if (seq !== this.openSeq) return;
    if (prefill.ok) {
      this.prefill = prefill.value;
      if (!this.dirty) this.values = initialValues(info.manifest.fields, new Date(), this.prefill);
    } else this.banner.show(prefill.error);
    await this.loadSamples(seq);
  }

  private async loadSamples(seq: number = this.openSeq): Promise<void> {
    const info = this.current;
    if (!info) return;
    for (const lang of [this.contentLang, this.contentLang === "vi" ? "en" : "vi"] as Lang[]) {
      const sample = await attempt(() => api.templateSample(info.manifest.id, lang));
      // The officer opened another template meanwhile: this sample is not theirs any more.
      if (seq !== this.openSeq) return;
      if (sample.ok) this.samples = { ...this.samples, [lang]: sample.value };
      else this.banner.show(sample.error);
      if (lang === this.contentLang) this.schedulePreview(0);
    }
  }

  /** Back to the gallery. */
  close(): void {
    this.openSeq++;
    this.previewSeq++;
    this.previewLater.cancel();
    this.openId = null;
    this.previewError = null;
    this.previewBusy = false;
    this.setPreview(null);
    void this.drainThumbs();
  }

  /** An empty form again (the issue time at now, the profile's commune kept). */
  clear(): void {
    this.values = initialValues(this.fields, new Date(), this.prefill);
    this.dirty = false;
    this.refused = null;
    this.schedulePreview(0);
  }

  setValue(key: string, value: FormValue): void {
    this.values[key] = value;
    this.dirty = true;
    this.refused = null;
    this.schedulePreview();
  }

  setSize(size: TemplateSize): void {
    this.size = size;
    this.schedulePreview(0);
  }

  /** Another content language: the officer's text stays; placeholders, labels and the caption
   * change language. */
  setContentLang(lang: Lang): void {
    this.contentLang = lang;
    this.schedulePreview(0);
  }

  /** What is drawn (blank required fields show the sample) or, for "Create draft", only what
   * the officer filled in. */
  private request(forDraft = false) {
    return {
      template_id: this.openId as string,
      lang: this.contentLang,
      size: this.size,
      data: forDraft ? formData(this.fields, this.values) : previewData(this.fields, this.values, this.samples[this.contentLang]),
    };
  }

  /** Draws the preview once the form has been still for a moment. */
  schedulePreview(delayMs?: number): void {
    this.previewLater.schedule(delayMs);
  }

  /** At most one render in flight: edits made meanwhile are drawn right after it, together. */
  private async refreshPreview(): Promise<void> {
    if (!this.openId) return;
    if (this.previewInFlight) {
      this.previewAgain = true;
      return;
    }
    const seq = ++this.previewSeq;
    this.previewInFlight = true;
    this.previewBusy = true;
    const started = performance.now();
    const drawn = await attempt(async () => splitPreview(await api.templatePreview(this.request())));
    if (seq === this.previewSeq) {
      if (drawn.ok) {
        const { info, png } = drawn.value;
        this.setPreview(URL.createObjectURL(png));
        this.previewInfo = info;
        this.previewError = null;
        this.previewCount++;
        console.info(
          `[loa] template preview ${info.width}×${info.height}: render ${info.render_ms} ms, core ${info.total_ms} ms, round trip ${Math.round(performance.now() - started)} ms`,
        );
      } else this.previewError = drawn.error;
      this.previewBusy = false;
    }
    this.previewInFlight = false;
    if (this.previewAgain) {
      this.previewAgain = false;
      void this.refreshPreview();
    }
  }

  private setPreview(url: string | null): void {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = url;
  }

  /** "Create draft": the core renders, imports the image, makes the draft; then it opens. */
  async createDraft(): Promise<void> {
    const info = this.current;
    if (!info || this.creating) return;
    // Never a post with the sample's commune, an old date or a blank required field.
    this.refused = refusal(this.fields, info.manifest.category, this.values, [this.samples.vi, this.samples.en], new Date());
    if (this.refused) return;
    this.creating = true;
    await attempt(
      async () => {
        const made = await api.createTemplateDraft(this.request(true));
        this.previewError = null;
        // The new photo belongs in the library grid too.
        void this.media.load();
        await this.studio.openCreated(made.draft);
        this.nav.show("drafts");
      },
      // A data error belongs next to its field, like the preview's.
      (err) => {
        if (errorFieldKey(err)) this.previewError = err;
        else this.banner.show(err);
      },
    );
    this.creating = false;
  }
}
