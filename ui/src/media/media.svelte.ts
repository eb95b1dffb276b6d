// State and actions of the photo library ("Ảnh") and of the open draft's photos: importing
// (dialog, drop, watch folders), thumbnails, selection, the watermark and "ready to post".
import { api, onFilesDropped, onMediaImported, pickFiles } from "../shared/api";
import type { Banner } from "../shared/banner.svelte";
import { Debounced } from "../shared/debounce";
import type {
  Draft,
  DraftPhoto,
  IpcError,
  MediaItem,
  PhotoPreset,
  PrepareProgress,
  PreparedPhoto,
  WatchFolder,
  WatermarkPosition,
  WatermarkSettings,
} from "../shared/bindings";
import { attempt, logOnly } from "../shared/errors";
import type { Navigation } from "../app/navigation.svelte";
import type { Studio } from "../drafts/studio.svelte";
import { VIDEO_EXTENSIONS, isVideoPath } from "../videos/videos.svelte";

export const PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"];
export const PRESETS: PhotoPreset[] = ["facebook", "zalo", "web", "print"];
export const POSITIONS: WatermarkPosition[] = ["br", "bl", "tr", "tl", "center"];

export const presetMessageId = (p: PhotoPreset) => `ui-media-preset-${p}`;
export const positionMessageId = (p: WatermarkPosition) => `ui-media-position-${p}`;

export function isPhotoPath(path: string): boolean {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return PHOTO_EXTENSIONS.includes(ext);
}

/** Photo formats Loa cannot read yet (an iPhone's HEIC…): dropped ones are reported, not ignored. */
const UNREADABLE_PHOTO_EXTENSIONS = ["heic", "heif", "hif", "avif", "tif", "tiff", "bmp"];

export function isUnreadablePhotoPath(path: string): boolean {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return UNREADABLE_PHOTO_EXTENSIONS.includes(ext);
}

/** How many files the "not taken" list remembers (the newest first). */
const SKIPPED_KEPT = 50;

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
  // A tap adds the photo or takes it out, as in a phone's gallery; the selection keeps the order
  // of the taps, which is the order the photos go into the post (the numbered badges).
  return selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
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
  /** Files a watch folder, a drop or the dialog could not take, with why: the newest first. */
  skipped = $state<{ path: string; error: IpcError }[]>([]);

  private anchor: number | null = null;
  /** The preview is drawn again once the settings have been still for 300 ms. */
  private readonly previewLater = new Debounced(() => void this.refreshPreview(), 300);
  private previewSeq = 0;
  /** A burst of photos from a watch folder is one reload. */
  private readonly reloadLater = new Debounced(() => void this.reloadItems(), 150);
  /** The watermark text is saved once typing pauses. */
  private readonly saveTextLater = new Debounced(() => void this.saveWatermark({}), 400);
  private draftSeq = 0;
  /** Called after a drop or the dialog brought files in (the video library reloads). */
  onLibraryChanged: (() => void) | null = null;

  constructor(
    private readonly studio: Studio,
    private readonly nav: Navigation,
    private readonly banner: Banner,
  ) {}

  /** Loads the library and settings and starts listening to watch folders and drops. */
  async start(): Promise<() => void> {
    await this.load();
    const stops: (() => void)[] = [];
    await attempt(async () => {
      stops.push(
        await onMediaImported((ev) => {
          if (ev.kind === "failed") {
            this.noteSkipped(ev.path, ev.error);
            this.banner.show(ev.error);
          }
          this.reloadLater.schedule();
        }),
      );
      stops.push(
        await onFilesDropped(
          (paths) => void this.importPaths(paths.filter((p) => isPhotoPath(p) || isVideoPath(p) || isUnreadablePhotoPath(p)), "drop"),
          (over) => (this.dropping = over && this.nav.page === "media"),
        ),
      );
    }, logOnly("media listeners"));
    return () => stops.forEach((s) => s());
  }

  async load(): Promise<void> {
    const loaded = await attempt(
      () => Promise.all([api.listMedia(), api.listWatchFolders(), api.getWatermarkSettings()]),
      this.banner.show,
    );
    if (!loaded.ok) return;
    const [items, folders, watermark] = loaded.value;
    this.items = items;
    this.folders = folders;
    this.watermark = watermark;
    const ids = new Set(items.map((m) => m.id));
    this.selected = this.selected.filter((s) => ids.has(s));
  }

  private async reloadItems(): Promise<void> {
    const loaded = await attempt(() => Promise.all([api.listMedia(), api.listWatchFolders()]), this.banner.show);
    if (!loaded.ok) return;
    [this.items, this.folders] = loaded.value;
  }

  /** The draft the selected photos go into ("Thêm 2 ảnh vào bài “…”"). */
  get openDraft(): Draft | null {
    return this.studio.current;
  }

  /** Remembers a file that was not taken (once per path, the newest reason). */
  noteSkipped(path: string, error: IpcError): void {
    this.skipped = [{ path, error }, ...this.skipped.filter((s) => s.path !== path)].slice(0, SKIPPED_KEPT);
  }

  clearSkipped(): void {
    this.skipped = [];
  }

  /** The object URL of a photo's thumbnail, fetched once. */
  async loadThumb(id: number): Promise<void> {
    if (this.thumbs[id]) return;
    const blob = await attempt(() => api.mediaThumbnail(id), logOnly(`thumbnail ${id}`));
    if (blob.ok && !this.thumbs[id]) this.thumbs[id] = URL.createObjectURL(blob.value);
  }

  async importPaths(paths: string[], source: "dialog" | "drop"): Promise<void> {
    if (paths.length === 0) return;
    this.nav.show("media");
    this.importing = true;
    await attempt(async () => {
      const outcomes = await api.importMedia(paths, source);
      for (const o of outcomes) if (o.error) this.noteSkipped(o.path, o.error);
      const failed = outcomes.find((o) => o.error);
      if (failed?.error) this.banner.show(failed.error);
      await this.reloadItems();
      this.onLibraryChanged?.();
    }, this.banner.show);
    this.importing = false;
  }

  async pickAndImport(filterName: string): Promise<void> {
    const picked = await attempt(
      () => pickFiles({ multiple: true, extensions: [...PHOTO_EXTENSIONS, ...VIDEO_EXTENSIONS], filterName }),
      this.banner.show,
    );
    if (picked.ok) await this.importPaths(picked.value, "dialog");
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
    await attempt(async () => {
      const [path] = await pickFiles({ multiple: false, directory: true });
      if (!path) return;
      await api.addWatchFolder(path);
      this.folders = await api.listWatchFolders();
    }, this.banner.show);
  }

  async removeFolder(id: number): Promise<void> {
    const removed = await attempt(() => api.removeWatchFolder(id), this.banner.show);
    if (removed.ok) this.folders = this.folders.filter((f) => f.id !== id);
  }

  async pickLogo(filterName: string): Promise<void> {
    const picked = await attempt(() => pickFiles({ multiple: false, extensions: ["png"], filterName }), this.banner.show);
    const [path] = picked.ok ? picked.value : [];
    if (path) await this.saveWatermark({ logo_path: path });
  }

  /** Takes a change of the watermark text now and saves it once typing pauses. */
  typeWatermarkText(text: string): void {
    this.watermark = { ...this.watermark, text };
    this.schedulePreview();
    this.saveTextLater.schedule();
  }

  /** Saves a change of the watermark to the profile and refreshes the preview. */
  async saveWatermark(patch: Partial<WatermarkSettings>): Promise<void> {
    const next = { ...this.watermark, ...patch };
    this.watermark = next;
    this.schedulePreview();
    const saved = await attempt(() => api.setWatermarkSettings(next), this.banner.show);
    // Keep what the officer typed meanwhile; take the stored logo path.
    if (saved.ok) this.watermark = { ...this.watermark, logo_path: saved.value.logo_path };
  }

  /** Re-renders the preview of the first selected photo once the settings have been still. */
  schedulePreview(delayMs?: number): void {
    this.previewLater.schedule(delayMs);
  }

  private async refreshPreview(): Promise<void> {
    const id = this.selected[0];
    const seq = ++this.previewSeq;
    if (id === undefined) {
      this.setPreview(null);
      return;
    }
    this.previewBusy = true;
    const settings = this.useWatermark ? this.watermark : { ...this.watermark, logo_path: null, text: "" };
    const blob = await attempt(() => api.watermarkPreview(id, settings));
    // An answer for settings or a photo since replaced is dropped, success or not.
    if (seq !== this.previewSeq) return;
    if (blob.ok) this.setPreview(URL.createObjectURL(blob.value));
    else {
      this.setPreview(null);
      this.banner.show(blob.error);
    }
    this.previewBusy = false;
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
    // In the order they were tapped (the numbers on the photos).
    const order = this.selected.filter((id) => this.items.some((m) => m.id === id));
    const attached = await attempt(
      () => api.attachMedia(draft.id, order.map((media_id) => ({ media_id, alt_text: "" }))),
      this.banner.show,
    );
    if (!attached.ok) return;
    this.draftPhotos = attached.value;
    this.results = [];
    this.progress = null;
    this.nav.show("drafts");
    this.studio.scheduleChecks(0);
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
    const photos = await attempt(() => api.draftMedia(id));
    if (seq !== this.draftSeq) return;
    if (photos.ok) this.draftPhotos = photos.value;
    else this.banner.show(photos.error);
  }

  async setAlt(mediaId: number, alt: string): Promise<void> {
    const draft = this.studio.current;
    if (!draft) return;
    const photo = this.draftPhotos.find((p) => p.media.id === mediaId);
    if (!photo || photo.alt_text === alt.normalize("NFC").trim()) return;
    const saved = await attempt(() => api.setAltText(draft.id, mediaId, alt), this.banner.show);
    if (!saved.ok) return;
    photo.alt_text = alt.normalize("NFC").trim();
    // The checks point out photos without alt text: let them see the change.
    this.studio.scheduleChecks(0);
  }

  async move(index: number, delta: number): Promise<void> {
    const draft = this.studio.current;
    if (!draft) return;
    const order = moved(this.draftPhotos.map((p) => p.media.id), index, delta);
    const photos = await attempt(() => api.reorderMedia(draft.id, order), this.banner.show);
    if (photos.ok) this.draftPhotos = photos.value;
  }

  async detach(mediaId: number): Promise<void> {
    const draft = this.studio.current;
    if (!draft) return;
    const photos = await attempt(() => api.detachMedia(draft.id, mediaId), this.banner.show);
    if (!photos.ok) return;
    this.draftPhotos = photos.value;
    this.studio.scheduleChecks(0);
  }

  /** Makes the open draft's photos ready to post, showing each file as it ends. */
  async prepare(): Promise<void> {
    const draft = this.studio.current;
    if (!draft || this.preparing) return;
    this.preparing = true;
    this.results = [];
    this.progress = { done: 0, total: this.draftPhotos.length };
    await attempt(async () => {
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
    }, this.banner.show);
    this.preparing = false;
  }

  /** Stops the running preparation before its next photo. */
  async cancelPrepare(): Promise<void> {
    await attempt(() => api.cancelPrepare(), this.banner.show);
  }
}
