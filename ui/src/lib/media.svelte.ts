// State and actions of the photo library ("Ảnh") and of the open draft's photos: importing
// (dialog, drop, watch folders), thumbnails, selection, the watermark and "ready to post".
import { api, onFilesDropped, onMediaImported, pickFiles, toIpcError } from "./api";
import type {
  DraftPhoto,
  MediaItem,
  PhotoPreset,
  PrepareProgress,
  PreparedPhoto,
  WatchFolder,
  WatermarkPosition,
  WatermarkSettings,
} from "./bindings";
import type { Studio } from "./studio.svelte";

export const PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"];
export const PRESETS: PhotoPreset[] = ["facebook", "zalo", "web", "print"];
export const POSITIONS: WatermarkPosition[] = ["br", "bl", "tr", "tl", "center"];

export const presetMessageId = (p: PhotoPreset) => `ui-media-preset-${p}`;
export const positionMessageId = (p: WatermarkPosition) => `ui-media-position-${p}`;

export function isPhotoPath(path: string): boolean {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return PHOTO_EXTENSIONS.includes(ext);
}

/** The new selection after a click on `id` (plain, ctrl/cmd or shift) in a grid ordered as `order`. */
export function nextSelection(
  order: number[],
  selected: number[],
  anchor: number | null,
  id: number,
  mods: { ctrl: boolean; shift: boolean },
): number[] {
  if (mods.shift && anchor !== null && order.includes(anchor)) {
    const a = order.indexOf(anchor);
    const b = order.indexOf(id);
    const [from, to] = a <= b ? [a, b] : [b, a];
    const range = order.slice(from, to + 1);
    const keep = mods.ctrl ? selected.filter((s) => !range.includes(s)) : [];
    return order.filter((m) => keep.includes(m) || range.includes(m));
  }
  if (mods.ctrl) {
    return selected.includes(id) ? selected.filter((s) => s !== id) : order.filter((m) => m === id || selected.includes(m));
  }
  return selected.length === 1 && selected[0] === id ? [] : [id];
}

/** Moves the item at `index` by `delta` places; the list unchanged when it would leave the ends. */
export function moved<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

export class Media {
  view = $state<"drafts" | "media" | "templates" | "queue">("drafts");
  items = $state<MediaItem[]>([]);
  thumbs = $state<Record<number, string>>({});
  selected = $state<number[]>([]);
  folders = $state<WatchFolder[]>([]);
  watermark = $state<WatermarkSettings>({ logo_path: null, text: "", position: "br", opacity: 0.85 });
  previewUrl = $state<string | null>(null);
  previewBusy = $state(false);
  preset = $state<PhotoPreset>("facebook");
  useWatermark = $state(true);
  dropping = $state(false);
  importing = $state(false);
  /** The open draft's photos. */
  draftPhotos = $state<DraftPhoto[]>([]);
  progress = $state<{ done: number; total: number } | null>(null);
  results = $state<PreparedPhoto[]>([]);
  preparing = $state(false);

  private anchor: number | null = null;
  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  private previewSeq = 0;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private textTimer: ReturnType<typeof setTimeout> | null = null;
  private draftSeq = 0;

  constructor(private readonly studio: Studio) {}

  private report(e: unknown): void {
    this.studio.error = toIpcError(e);
  }

  /** Loads the library and settings and starts listening to watch folders and drops. */
  async start(): Promise<() => void> {
    await this.load();
    const stops: (() => void)[] = [];
    try {
      stops.push(
        await onMediaImported((ev) => {
          if (ev.kind === "failed") this.studio.error = ev.error;
          this.scheduleReload();
        }),
      );
      stops.push(
        await onFilesDropped(
          (paths) => void this.importPaths(paths.filter(isPhotoPath), "drop"),
          (over) => (this.dropping = over && this.view === "media"),
        ),
      );
    } catch (e) {
      console.warn("[loa] media listeners", e);
    }
    return () => stops.forEach((s) => s());
  }

  async load(): Promise<void> {
    try {
      const [items, folders, watermark] = await Promise.all([
        api.listMedia(),
        api.listWatchFolders(),
        api.getWatermarkSettings(),
      ]);
      this.items = items;
      this.folders = folders;
      this.watermark = watermark;
      const ids = new Set(items.map((m) => m.id));
      this.selected = this.selected.filter((s) => ids.has(s));
    } catch (e) {
      this.report(e);
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.reloadItems();
    }, 150);
  }

  private async reloadItems(): Promise<void> {
    try {
      const [items, folders] = await Promise.all([api.listMedia(), api.listWatchFolders()]);
      this.items = items;
      this.folders = folders;
    } catch (e) {
      this.report(e);
    }
  }

  /** The object URL of a photo's thumbnail, fetched once. */
  async loadThumb(id: number): Promise<void> {
    if (this.thumbs[id]) return;
    try {
      const blob = await api.mediaThumbnail(id);
      if (!this.thumbs[id]) this.thumbs[id] = URL.createObjectURL(blob);
    } catch (e) {
      console.warn("[loa] thumbnail", id, e);
    }
  }

  async importPaths(paths: string[], source: "dialog" | "drop"): Promise<void> {
    if (paths.length === 0) return;
    this.view = "media";
    this.importing = true;
    try {
      const outcomes = await api.importMedia(paths, source);
      const failed = outcomes.find((o) => o.error);
      if (failed?.error) this.studio.error = failed.error;
      await this.reloadItems();
    } catch (e) {
      this.report(e);
    } finally {
      this.importing = false;
    }
  }

  async pickAndImport(filterName: string): Promise<void> {
    try {
      const paths = await pickFiles({ multiple: true, extensions: PHOTO_EXTENSIONS, filterName });
      await this.importPaths(paths, "dialog");
    } catch (e) {
      this.report(e);
    }
  }

  click(id: number, mods: { ctrl: boolean; shift: boolean }): void {
    this.selected = nextSelection(
      this.items.map((m) => m.id),
      this.selected,
      this.anchor,
      id,
      mods,
    );
    if (!mods.shift) this.anchor = id;
    this.schedulePreview(0);
  }

  selectAll(): void {
    this.selected = this.items.map((m) => m.id);
    this.schedulePreview(0);
  }

  clearSelection(): void {
    this.selected = [];
  }

  async addFolder(): Promise<void> {
    try {
      const [path] = await pickFiles({ multiple: false, directory: true });
      if (!path) return;
      await api.addWatchFolder(path);
      this.folders = await api.listWatchFolders();
    } catch (e) {
      this.report(e);
    }
  }

  async removeFolder(id: number): Promise<void> {
    try {
      await api.removeWatchFolder(id);
      this.folders = this.folders.filter((f) => f.id !== id);
    } catch (e) {
      this.report(e);
    }
  }

  async pickLogo(filterName: string): Promise<void> {
    try {
      const [path] = await pickFiles({ multiple: false, extensions: ["png"], filterName });
      if (path) await this.saveWatermark({ logo_path: path });
    } catch (e) {
      this.report(e);
    }
  }

  /** Takes a change of the watermark text now and saves it once typing pauses. */
  typeWatermarkText(text: string): void {
    this.watermark = { ...this.watermark, text };
    this.schedulePreview();
    if (this.textTimer !== null) clearTimeout(this.textTimer);
    this.textTimer = setTimeout(() => {
      this.textTimer = null;
      void this.saveWatermark({});
    }, 400);
  }

  /** Saves a change of the watermark to the profile and refreshes the preview. */
  async saveWatermark(patch: Partial<WatermarkSettings>): Promise<void> {
    const next = { ...this.watermark, ...patch };
    this.watermark = next;
    this.schedulePreview();
    try {
      const saved = await api.setWatermarkSettings(next);
      // Keep what the officer typed meanwhile; take the stored logo path.
      this.watermark = { ...this.watermark, logo_path: saved.logo_path };
    } catch (e) {
      this.report(e);
    }
  }

  /** Re-renders the preview of the first selected photo once the settings have been still. */
  schedulePreview(delayMs = 300): void {
    if (this.previewTimer !== null) clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      this.previewTimer = null;
      void this.refreshPreview();
    }, delayMs);
  }

  private async refreshPreview(): Promise<void> {
    const id = this.selected[0];
    const seq = ++this.previewSeq;
    if (id === undefined) {
      this.setPreview(null);
      return;
    }
    this.previewBusy = true;
    try {
      const settings = this.useWatermark ? this.watermark : { ...this.watermark, logo_path: null, text: "" };
      const blob = await api.watermarkPreview(id, settings);
      if (seq === this.previewSeq) this.setPreview(URL.createObjectURL(blob));
    } catch (e) {
      if (seq === this.previewSeq) {
        this.setPreview(null);
        this.report(e);
      }
    } finally {
      if (seq === this.previewSeq) this.previewBusy = false;
    }
  }

  private setPreview(url: string | null): void {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = url;
  }

  /** Attaches the selected photos, in grid order, to the open draft (a new one if none is open). */
  async attachSelected(): Promise<void> {
    if (this.selected.length === 0) return;
    if (!this.studio.current) await this.studio.newDraft();
    const draft = this.studio.current;
    if (!draft) return;
    try {
      const order = this.items.map((m) => m.id).filter((id) => this.selected.includes(id));
      this.draftPhotos = await api.attachMedia(
        draft.id,
        order.map((media_id) => ({ media_id, alt_text: "" })),
      );
      this.results = [];
      this.progress = null;
      this.view = "drafts";
      this.studio.scheduleChecks(0);
    } catch (e) {
      this.report(e);
    }
  }

  /** Loads the photos of draft `id` (or clears them). */
  async loadDraft(id: number | null): Promise<void> {
    const seq = ++this.draftSeq;
    this.results = [];
    this.progress = null;
    if (id === null) {
      this.draftPhotos = [];
      return;
    }
    try {
      const photos = await api.draftMedia(id);
      if (seq === this.draftSeq) this.draftPhotos = photos;
    } catch (e) {
      if (seq === this.draftSeq) this.report(e);
    }
  }

  async setAlt(mediaId: number, alt: string): Promise<void> {
    const draft = this.studio.current;
    if (!draft) return;
    const photo = this.draftPhotos.find((p) => p.media.id === mediaId);
    if (!photo || photo.alt_text === alt.normalize("NFC").trim()) return;
    try {
      await api.setAltText(draft.id, mediaId, alt);
      photo.alt_text = alt.normalize("NFC").trim();
      // The checks point out photos without alt text: let them see the change.
      this.studio.scheduleChecks(0);
    } catch (e) {
      this.report(e);
    }
  }

  async move(index: number, delta: number): Promise<void> {
    const draft = this.studio.current;
    if (!draft) return;
    const order = moved(this.draftPhotos.map((p) => p.media.id), index, delta);
    try {
      this.draftPhotos = await api.reorderMedia(draft.id, order);
    } catch (e) {
      this.report(e);
    }
  }

  async detach(mediaId: number): Promise<void> {
    const draft = this.studio.current;
    if (!draft) return;
    try {
      this.draftPhotos = await api.detachMedia(draft.id, mediaId);
      this.studio.scheduleChecks(0);
    } catch (e) {
      this.report(e);
    }
  }

  /** Makes the open draft's photos ready to post, showing each file as it ends. */
  async prepare(): Promise<void> {
    const draft = this.studio.current;
    if (!draft || this.preparing) return;
    this.preparing = true;
    this.results = [];
    this.progress = { done: 0, total: this.draftPhotos.length };
    try {
      const results = await api.prepareDraftPhotos(
        draft.id,
        { preset: this.preset, use_watermark: this.useWatermark },
        (p: PrepareProgress) => {
          this.progress = { done: p.done, total: p.total };
          this.results = [...this.results.filter((r) => r.media_id !== p.photo.media_id), p.photo];
        },
      );
      this.results = results;
      this.progress = { done: results.length, total: results.length };
      this.draftPhotos = await api.draftMedia(draft.id);
    } catch (e) {
      this.report(e);
    } finally {
      this.preparing = false;
    }
  }

  /** Stops the running preparation before its next photo. */
  async cancelPrepare(): Promise<void> {
    try {
      await api.cancelPrepare();
    } catch (e) {
      this.report(e);
    }
  }
}
