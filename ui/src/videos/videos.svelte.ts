// State and actions of the video library and of the open draft's one video: the poster frames,
// attaching, the preset, the estimate before compressing, and the compression with its progress
// and cancel. The files arrive through the photo library's import (dialog, drop, watch folders).
import { api, onMediaImported } from "../shared/api";
import type { Banner } from "../shared/banner.svelte";
import { Debounced } from "../shared/debounce";
import type { DraftVideo, IpcError, VideoEstimate, VideoItem, VideoProgress } from "../shared/bindings";
import { attempt, logOnly, toIpcError } from "../shared/errors";
import type { Navigation } from "../app/navigation.svelte";
import type { Studio } from "../drafts/studio.svelte";

export const VIDEO_EXTENSIONS = ["mp4", "mov", "3gp", "3g2", "webm", "mkv"];
export const VIDEO_PRESETS = ["facebook", "zalo", "reels", "saver", "original"] as const;
export type VideoPresetName = (typeof VIDEO_PRESETS)[number];

export const videoPresetMessageId = (p: string) => `ui-video-preset-${p}`;
export const videoPresetHelpId = (p: string) => `ui-video-preset-${p}-help`;

export function isVideoPath(path: string): boolean {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return VIDEO_EXTENSIONS.includes(ext);
}

/** A length as a player shows it: "0:07", "3:05", "1:02:09"; "?" when unknown. */
export function durationLabel(ms: number | null): string {
  if (ms === null || ms < 0) return "?";
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * The arguments of `ui-video-estimate`: megabytes as an officer reads them (one decimal under 10,
 * whole above) and whole minutes rounded up (0 when under a minute).
 */
export function estimateArgs(e: VideoEstimate, lang: string): { mb: string; minutes: number; seconds: number } {
  return sizeAndTime(e.bytes, e.upload_seconds ?? 0, lang);
}

/** The same words for a copy already made: its size, and its upload time at the estimate's link speed. */
export function preparedArgs(bytes: number, linkBps: number, lang: string): { mb: string; minutes: number; seconds: number } {
  return sizeAndTime(bytes, linkBps > 0 ? Math.max(1, Math.round((bytes * 8) / linkBps)) : 0, lang);
}

function sizeAndTime(bytes: number, seconds: number, lang: string): { mb: string; minutes: number; seconds: number } {
  const mb = bytes / 1_000_000;
  const text = mb.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", {
    minimumFractionDigits: 0,
    maximumFractionDigits: mb < 10 ? 1 : 0,
  });
  return { mb: text, minutes: seconds < 60 ? 0 : Math.ceil(seconds / 60), seconds };
}

export class Videos {
  items = $state<VideoItem[]>([]);
  thumbs = $state<Record<number, string>>({});
  selected = $state<number | null>(null);
  /** The open draft's video. */
  draftVideo = $state<DraftVideo | null>(null);
  estimate = $state<VideoEstimate | null>(null);
  /** Why the chosen preset cannot take this video (said before anything is encoded). */
  refusal = $state<IpcError | null>(null);
  /** 0…1 while compressing. */
  progress = $state<number | null>(null);
  preparing = $state(false);
  /** The last compression was stopped by the officer. */
  cancelled = $state(false);

  private draftSeq = 0;
  private readonly reloadLater = new Debounced(() => void this.load(), 150);

  constructor(
    private readonly studio: Studio,
    private readonly nav: Navigation,
    private readonly banner: Banner,
  ) {}

  /** Loads the library and follows the watch folders. */
  async start(): Promise<() => void> {
    await this.load();
    let stop = () => {};
    await attempt(async () => {
      stop = await onMediaImported((ev) => {
        if (ev.kind === "video_imported") this.reloadLater.schedule();
      });
    }, logOnly("video listener"));
    return stop;
  }

  async load(): Promise<void> {
    const items = await attempt(() => api.listVideos(), this.banner.show);
    if (!items.ok) return;
    this.items = items.value;
    if (this.selected !== null && !this.items.some((v) => v.id === this.selected)) this.selected = null;
  }

  /** The object URL of a video's poster frame, fetched once. */
  async loadThumb(id: number): Promise<void> {
    if (this.thumbs[id]) return;
    const blob = await attempt(() => api.videoThumbnail(id), logOnly(`poster ${id}`));
    if (blob.ok && !this.thumbs[id]) this.thumbs[id] = URL.createObjectURL(blob.value);
  }

  select(id: number): void {
    this.selected = this.selected === id ? null : id;
  }

  /** Puts the selected video on the open draft (a new draft if none is open). */
  async attachSelected(): Promise<void> {
    const id = this.selected;
    if (id === null) return;
    if (!this.studio.current) await this.studio.newDraft();
    const draft = this.studio.current;
    if (!draft) return;
    const attached = await attempt(() => api.attachVideo(draft.id, id, null, false), this.banner.show);
    if (!attached.ok) return;
    this.draftVideo = attached.value;
    this.nav.show("drafts");
    await this.refreshEstimate();
  }

  /** Loads the video of draft `id` (or clears it) and its estimate. */
  async loadDraft(id: number | null): Promise<void> {
    const seq = ++this.draftSeq;
    this.progress = null;
    this.cancelled = false;
    this.estimate = null;
    this.refusal = null;
    if (id === null) {
      this.draftVideo = null;
      return;
    }
    const video = await attempt(() => api.draftVideo(id));
    if (seq !== this.draftSeq) return;
    if (!video.ok) {
      this.banner.show(video.error);
      return;
    }
    this.draftVideo = video.value;
    if (video.value) await this.refreshEstimate();
  }

  private async refreshEstimate(): Promise<void> {
    const dv = this.draftVideo;
    if (!dv) return;
    const seq = this.draftSeq;
    const estimate = await attempt(() => api.videoEstimate(dv.draft_id));
    if (seq !== this.draftSeq || this.draftVideo?.draft_id !== dv.draft_id) return;
    if (estimate.ok) {
      this.estimate = estimate.value;
      this.refusal = null;
    } else {
      this.estimate = null;
      // A refusal (Zalo cannot fit it, a reel of the wrong length) is the answer, not a fault.
      this.refusal = estimate.error;
    }
  }

  async setOptions(preset: string, keepLocation: boolean): Promise<void> {
    const dv = this.draftVideo;
    if (!dv || this.preparing) return;
    const saved = await attempt(() => api.setVideoOptions(dv.draft_id, preset, keepLocation), this.banner.show);
    if (!saved.ok) return;
    this.draftVideo = saved.value;
    this.progress = null;
    this.cancelled = false;
    await this.refreshEstimate();
  }

  async detach(): Promise<void> {
    const dv = this.draftVideo;
    if (!dv || this.preparing) return;
    const done = await attempt(() => api.detachVideo(dv.draft_id), this.banner.show);
    if (!done.ok) return;
    this.draftVideo = null;
    this.estimate = null;
    this.refusal = null;
    this.studio.scheduleChecks(0);
  }

  /** Compresses the draft's video, the bar following ffmpeg's progress. */
  async prepare(): Promise<void> {
    const dv = this.draftVideo;
    if (!dv || this.preparing || this.refusal) return;
    this.preparing = true;
    this.cancelled = false;
    this.progress = 0;
    try {
      const done = await api.prepareVideo(dv.draft_id, (p: VideoProgress) => {
        if (p.draft_id === dv.draft_id && p.fraction !== null) this.progress = Math.min(1, Math.max(0, p.fraction));
      });
      if (this.draftVideo?.draft_id === dv.draft_id) this.draftVideo = done;
      this.progress = 1;
    } catch (e) {
      const error = toIpcError(e);
      this.progress = null;
      if (error.message_id === "video-error-cancelled") this.cancelled = true;
      else this.banner.show(error);
    } finally {
      this.preparing = false;
    }
  }

  async cancel(): Promise<void> {
    await attempt(() => api.cancelPrepare(), this.banner.show);
  }
}
