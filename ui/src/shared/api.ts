// The UI's door to the Loa core: plain values on success, a thrown IpcError on failure.
import { Channel, isTauri } from "@tauri-apps/api/core";
import {
  commands,
  type ChannelInfo,
  type ChannelSecrets,
  type ChannelView,
  type ConnectSettings,
  type FacebookApp,
  type FacebookSignIn,
  type CheckFinding,
  type BackupPreview,
  type CalendarView,
  type SeriesInput,
  type SeriesView,
  type BackupProgress,
  type BackupSummary,
  type CommuneProfile,
  type DailyBackup,
  type GoodBackup,
  type Draft,
  type DraftPatch,
  type DraftPhoto,
  type DraftSummary,
  type DraftVideo,
  type Event as OutboxEvent,
  type IpcError,
  type Lang,
  type LegacyOffer,
  type MediaImportOutcome,
  type MediaItem,
  type MediaSource,
  type NewChannel,
  type NewDraft,
  type NewDraftPhoto,
  type OutboxItem,
  type PrepareOptions,
  type PrepareProgress,
  type PreparedPhoto,
  type PeriodChoice,
  type PlatformDefaults,
  type PostPreview,
  type ZaloShare,
  type Province,
  type ReachProgress,
  type RefreshOutcome,
  type Report,
  type ReportFormat,
  type PublishStatus,
  type QueueEntry,
  type QueueOutcome,
  type Revision,
  type SearchHit,
  type SearchQuery,
  type Settings,
  type TemplateDraft,
  type TemplateInfo,
  type TemplateRequest,
  type VideoEstimate,
  type VideoItem,
  type VideoProgress,
  type WatchEvent,
  type WatchFolder,
  type WatermarkSettings,
  type ZaloConnect,
} from "./bindings";
import { toIpcError } from "./errors";

/** What every generated command resolves to. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export type Backend = typeof commands;

let backendPromise: Promise<Backend> | null = null;

function backend(): Promise<Backend> {
  if (!backendPromise) {
    backendPromise = isTauri()
      ? Promise.resolve(commands)
      : // Outside the desktop shell (plain browser preview) the UI runs on an in-memory store.
        import("./memory-backend").then((m) => m.createMemoryBackend());
  }
  return backendPromise;
}

async function call<T>(run: (b: Backend) => Promise<Result<T, IpcError>>): Promise<T> {
  let result: Result<T, IpcError>;
  try {
    result = await run(await backend());
  } catch (e) {
    throw toIpcError(e);
  }
  if (result.status === "error") throw toIpcError(result.error);
  return result.data;
}

export const api = {
  getSettings: (): Promise<Settings> => call((b) => b.getSettings()),
  setLang: (lang: Lang): Promise<null> => call((b) => b.setLang(lang)),
  listDrafts: (): Promise<DraftSummary[]> => call((b) => b.listDrafts()),
  listTrash: (): Promise<DraftSummary[]> => call((b) => b.listTrash()),
  getDraft: (id: number): Promise<Draft> => call((b) => b.getDraft(id)),
  createDraft: (input: NewDraft): Promise<Draft> => call((b) => b.createDraft(input)),
  saveDraft: (id: number, patch: DraftPatch): Promise<Draft> => call((b) => b.saveDraft(id, patch)),
  deleteDraft: (id: number): Promise<null> => call((b) => b.deleteDraft(id)),
  restoreDraft: (id: number): Promise<Draft> => call((b) => b.restoreDraft(id)),
  listRevisions: (draftId: number): Promise<Revision[]> => call((b) => b.listRevisions(draftId)),
  restoreRevision: (draftId: number, revisionId: number): Promise<Draft> =>
    call((b) => b.restoreRevision(draftId, revisionId)),
  searchDrafts: (query: SearchQuery): Promise<SearchHit[]> => call((b) => b.searchDrafts(query)),
  detectLegacy: (text: string): Promise<LegacyOffer | null> => call((b) => b.detectLegacy(text)),
  checkDraft: (id: number): Promise<CheckFinding[]> => call((b) => b.checkDraft(id)),
  overrideCheck: (id: number, code: string, reason: string): Promise<CheckFinding[]> =>
    call((b) => b.overrideCheck(id, code, reason)),
  appReady: (): Promise<null> => call((b) => b.appReady()),
  listMedia: (): Promise<MediaItem[]> => call((b) => b.listMedia()),
  importMedia: (paths: string[], source: MediaSource): Promise<MediaImportOutcome[]> =>
    call((b) => b.importMedia(paths, source)),
  /** The thumbnail's JPEG bytes (the core sends raw bytes; the binding's `number[]` is nominal). */
  mediaThumbnail: (id: number): Promise<Blob> =>
    call((b) => b.mediaThumbnail(id)).then((bytes) => blobOf(bytes, "image/jpeg")),
  listWatchFolders: (): Promise<WatchFolder[]> => call((b) => b.listWatchFolders()),
  addWatchFolder: (path: string): Promise<WatchFolder> => call((b) => b.addWatchFolder(path)),
  removeWatchFolder: (id: number): Promise<null> => call((b) => b.removeWatchFolder(id)),
  attachMedia: (draftId: number, photos: NewDraftPhoto[]): Promise<DraftPhoto[]> =>
    call((b) => b.attachMedia(draftId, photos)),
  setAltText: (draftId: number, mediaId: number, altText: string): Promise<null> =>
    call((b) => b.setAltText(draftId, mediaId, altText)),
  reorderMedia: (draftId: number, mediaIds: number[]): Promise<DraftPhoto[]> =>
    call((b) => b.reorderMedia(draftId, mediaIds)),
  detachMedia: (draftId: number, mediaId: number): Promise<DraftPhoto[]> =>
    call((b) => b.detachMedia(draftId, mediaId)),
  draftMedia: (draftId: number): Promise<DraftPhoto[]> => call((b) => b.draftMedia(draftId)),
  getWatermarkSettings: (): Promise<WatermarkSettings> => call((b) => b.getWatermarkSettings()),
  setWatermarkSettings: (settings: WatermarkSettings): Promise<WatermarkSettings> =>
    call((b) => b.setWatermarkSettings(settings)),
  watermarkPreview: (mediaId: number, settings: WatermarkSettings): Promise<Blob> =>
    call((b) => b.watermarkPreview(mediaId, settings)).then((bytes) => blobOf(bytes, "image/jpeg")),
  prepareDraftPhotos: (
    draftId: number,
    options: PrepareOptions,
    onProgress: (p: PrepareProgress) => void,
  ): Promise<PreparedPhoto[]> => {
    const channel = new Channel<PrepareProgress>();
    channel.onmessage = onProgress;
    return call((b) => b.prepareDraftPhotos(draftId, options, channel));
  },
  cancelPrepare: (): Promise<null> => call((b) => b.cancelPrepare()),
  listVideos: (): Promise<VideoItem[]> => call((b) => b.listVideos()),
  /** A video's poster frame (JPEG bytes). */
  videoThumbnail: (id: number): Promise<Blob> =>
    call((b) => b.videoThumbnail(id)).then((bytes) => blobOf(bytes, "image/jpeg")),
  draftVideo: (draftId: number): Promise<DraftVideo | null> => call((b) => b.draftVideo(draftId)),
  attachVideo: (draftId: number, videoId: number, preset: string | null, keepLocation: boolean): Promise<DraftVideo> =>
    call((b) => b.attachVideo(draftId, videoId, preset, keepLocation)),
  setVideoOptions: (draftId: number, preset: string, keepLocation: boolean): Promise<DraftVideo> =>
    call((b) => b.setVideoOptions(draftId, preset, keepLocation)),
  detachVideo: (draftId: number): Promise<null> => call((b) => b.detachVideo(draftId)),
  videoEstimate: (draftId: number): Promise<VideoEstimate> => call((b) => b.videoEstimate(draftId)),
  /** Compresses the draft's video; `cancelPrepare` stops it. */
  prepareVideo: (draftId: number, onProgress: (p: VideoProgress) => void): Promise<DraftVideo> => {
    const channel = new Channel<VideoProgress>();
    channel.onmessage = onProgress;
    return call((b) => b.prepareVideo(draftId, channel));
  },
  listChannels: (): Promise<ChannelView[]> => call((b) => b.listChannels()),
  saveChannel: (input: NewChannel, secrets: ChannelSecrets): Promise<ChannelInfo> =>
    call((b) => b.saveChannel(input, secrets)),
  setChannelPaused: (id: number, paused: boolean): Promise<ChannelInfo> => call((b) => b.setChannelPaused(id, paused)),
  testChannel: (id: number): Promise<string> => call((b) => b.testChannel(id)),
  queueDraft: (draftId: number, channelIds: number[], at: string | null): Promise<QueueOutcome[]> =>
    call((b) => b.queueDraft(draftId, channelIds, at)),
  postPreview: (title: string, body: string): Promise<PostPreview> => call((b) => b.postPreview(title, body)),
  openPublished: (outboxId: number): Promise<null> => call((b) => b.openPublished(outboxId)),
  shareZaloGroup: (draftId: number): Promise<ZaloShare> => call((b) => b.shareZaloGroup(draftId)),
  listOutbox: (): Promise<QueueEntry[]> => call((b) => b.listOutbox()),
  retryOutboxItem: (id: number, confirmedNotPublished: boolean): Promise<OutboxItem> =>
    call((b) => b.retryOutboxItem(id, confirmedNotPublished)),
  cancelOutboxItem: (id: number): Promise<OutboxItem> => call((b) => b.cancelOutboxItem(id)),
  markOutboxPublished: (id: number, url: string): Promise<OutboxItem> => call((b) => b.markOutboxPublished(id, url)),
  setOutboxPaused: (paused: boolean): Promise<null> => call((b) => b.setOutboxPaused(paused)),
  publishStatus: (): Promise<PublishStatus> => call((b) => b.publishStatus()),
  platformDefaults: (): Promise<PlatformDefaults[]> => call((b) => b.platformDefaults()),
  /** Opens Facebook's login window and resolves once the officer signed in (the Pages) or closed it. */
  connectFacebook: (): Promise<FacebookSignIn> => call((b) => b.connectFacebook()),
  connectFacebookPage: (flow: string, pageId: string, name: string): Promise<ChannelInfo> =>
    call((b) => b.connectFacebookPage(flow, pageId, name)),
  /** Opens Zalo's permission page with the guided screen's values; resolves with the saved channel. */
  connectZalo: (input: ZaloConnect): Promise<ChannelInfo> => call((b) => b.connectZalo(input)),
  connectSettings: (): Promise<ConnectSettings> => call((b) => b.connectSettings()),
  saveFacebookApp: (app: FacebookApp, secret: string, forgetSecret: boolean): Promise<null> =>
    call((b) => b.saveFacebookApp(app, secret, forgetSecret)),
  cancelConnect: (): Promise<null> => call((b) => b.cancelConnect()),
  listTemplates: (): Promise<TemplateInfo[]> => call((b) => b.listTemplates()),
  templateSample: (id: string, lang: Lang): Promise<TemplateRequest["data"]> => call((b) => b.templateSample(id, lang)),
  /** What the commune profile fills in the template's form (the commune, province, logo). */
  templatePrefill: (id: string, lang: Lang): Promise<TemplateRequest["data"]> => call((b) => b.templatePrefill(id, lang)),
  /** The gallery card's PNG (raw bytes from the core, like the photo thumbnails). */
  templateThumbnail: (id: string, lang: Lang): Promise<Blob> =>
    call((b) => b.templateThumbnail(id, lang)).then((bytes) => blobOf(bytes, "image/png")),
  /** The live preview as one raw answer (its description and the PNG; `splitPreview` reads it). */
  templatePreview: (request: TemplateRequest): Promise<ArrayBuffer> =>
    call((b) => b.templatePreview(request)).then(arrayBuffer),
  createTemplateDraft: (request: TemplateRequest): Promise<TemplateDraft> =>
    call((b) => b.createTemplateDraft(request)),
  getProfile: (): Promise<CommuneProfile> => call((b) => b.getProfile()),
  setProfile: (profile: CommuneProfile): Promise<CommuneProfile> => call((b) => b.setProfile(profile)),
  finishSetup: (): Promise<null> => call((b) => b.finishSetup()),
  /** The commune's logo as a PNG, or null when there is none. */
  profileLogo: (): Promise<Blob | null> =>
    call((b) => b.profileLogo()).then((bytes) => {
      const buffer = arrayBuffer(bytes);
      return buffer.byteLength > 0 ? new Blob([buffer], { type: "image/png" }) : null;
    }),
  listProvinces: (): Promise<Province[]> => call((b) => b.listProvinces()),
  /** "Back up to…" `path`; `onProgress` gets the bytes written so far. */
  backupTo: (path: string, onProgress: (p: BackupProgress) => void): Promise<BackupSummary> => {
    const channel = new Channel<BackupProgress>();
    channel.onmessage = onProgress;
    return call((b) => b.backupTo(path, channel));
  },
  listBackups: (): Promise<DailyBackup[]> => call((b) => b.listBackups()),
  inspectBackup: (path: string): Promise<BackupPreview> => call((b) => b.inspectBackup(path)),
  /** Checks and unpacks the backup, then Loa restarts on it (the promise only settles on an error). */
  restoreBackup: (path: string): Promise<null> => call((b) => b.restoreBackup(path)),
  newestGoodBackup: (): Promise<GoodBackup | null> => call((b) => b.newestGoodBackup()),
  restoreDailyBackup: (file: string): Promise<null> => call((b) => b.restoreDailyBackup(file)),

  makeReport: (period: PeriodChoice): Promise<Report> => call((b) => b.makeReport(period)),
  /** "Refresh reach": Facebook's figures, `onProgress` after each call. */
  refreshReach: (onProgress: (p: ReachProgress) => void): Promise<RefreshOutcome> => {
    const channel = new Channel<ReachProgress>();
    channel.onmessage = onProgress;
    return call((b) => b.refreshReach(channel));
  },
  /** Writes the report to `path` (from the save dialog). */
  exportReport: (period: PeriodChoice, format: ReportFormat, lang: Lang, path: string): Promise<null> =>
    call((b) => b.exportReport(period, format, lang, path)),
  /** Removes an imported or own template (a built-in one is refused by the core). */
  deleteTemplate: (id: string): Promise<null> => call((b) => b.deleteTemplate(id)),
  setTemplateHidden: (id: string, hidden: boolean): Promise<TemplateInfo> => call((b) => b.setTemplateHidden(id, hidden)),

  /** The calendar's entries from `from` to `to` (`YYYY-MM-DD`, Vietnam days) and the empty slots of the next 48 hours. */
  calendarRange: (from: string, to: string): Promise<CalendarView> => call((b) => b.calendarRange(from, to)),
  seriesList: (): Promise<SeriesView[]> => call((b) => b.seriesList()),
  seriesSave: (input: SeriesInput): Promise<SeriesView> => call((b) => b.seriesSave(input)),
  seriesDelete: (id: number): Promise<null> => call((b) => b.seriesDelete(id)),
  seriesSkip: (id: number, date: string, reason: string | null): Promise<null> =>
    call((b) => b.seriesSkip(id, date, reason)),
  seriesUnskip: (id: number, date: string): Promise<null> => call((b) => b.seriesUnskip(id, date)),
  /** Moves the occurrence first planned on `date` to `to` (`YYYY-MM-DDTHH:MM`, Vietnam time). */
  seriesMove: (id: number, date: string, to: string): Promise<null> => call((b) => b.seriesMove(id, date, to)),
  /** Makes the occurrence's draft (from the section's template when it has one) and links it. */
  seriesFill: (id: number, date: string): Promise<Draft> => call((b) => b.seriesFill(id, date)),
  /** Plans a draft on a day (and a time), or takes it off the plan with nulls. */
  draftPlan: (draftId: number, date: string | null, time: string | null): Promise<null> =>
    call((b) => b.draftPlan(draftId, date, time)),
  /** Writes the week's plan (any day of it) as a picture or a PDF to `path` (from the save dialog). */
  calendarExportWeek: (week: string, format: "png" | "pdf", path: string): Promise<null> =>
    call((b) => b.calendarExportWeek(week, format, path)),
};

/** Raw bytes as the core sends them (an ArrayBuffer; a number array only in the nominal binding). */
function arrayBuffer(bytes: unknown): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  if (ArrayBuffer.isView(bytes)) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return new Uint8Array(bytes as number[]).buffer;
}

function blobOf(bytes: unknown, type: "image/jpeg" | "image/png"): Blob {
  return new Blob([arrayBuffer(bytes)], { type });
}

/** Open the native file dialog; the chosen paths, or none when cancelled or outside the shell. */
export async function pickFiles(options: {
  multiple: boolean;
  directory?: boolean;
  extensions?: string[];
  filterName?: string;
}): Promise<string[]> {
  if (!isTauri()) return [];
  const { open } = await import("@tauri-apps/plugin-dialog");
  const picked = await open({
    multiple: options.multiple,
    directory: options.directory ?? false,
    filters: options.extensions
      ? [{ name: options.filterName ?? "", extensions: options.extensions }]
      : undefined,
  });
  if (picked == null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Open the native save dialog; the chosen path, or null when cancelled or outside the shell. */
export async function pickSavePath(options: {
  defaultPath: string;
  extension: string;
  filterName: string;
}): Promise<string | null> {
  if (!isTauri()) return null;
  const { save } = await import("@tauri-apps/plugin-dialog");
  const path = await save({
    defaultPath: options.defaultPath,
    filters: [{ name: options.filterName, extensions: [options.extension] }],
  });
  if (path == null) return null;
  // Some desktops do not add the extension of the chosen filter.
  return path.toLowerCase().endsWith(`.${options.extension}`) ? path : `${path}.${options.extension}`;
}

/** Photos the watch folders brought in; returns the function that stops listening. */
export async function onMediaImported(handler: (e: WatchEvent) => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  const { listen } = await import("@tauri-apps/api/event");
  return listen<WatchEvent>("media-imported", (ev) => handler(ev.payload));
}

/** What the outbox worker reports (item states, bytes sent, links); returns the function that stops listening. */
export async function onOutboxEvent(handler: (e: OutboxEvent) => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  const { listen } = await import("@tauri-apps/api/event");
  return listen<OutboxEvent>("outbox-event", (ev) => handler(ev.payload));
}

/** Files dropped on the window (paths); returns the function that stops listening. */
export async function onFilesDropped(
  handler: (paths: string[]) => void,
  onHover?: (over: boolean) => void,
): Promise<() => void> {
  if (!isTauri()) return () => {};
  const { getCurrentWebview } = await import("@tauri-apps/api/webview");
  return getCurrentWebview().onDragDropEvent((ev) => {
    const p = ev.payload;
    if (p.type === "over" || p.type === "enter") onHover?.(true);
    else if (p.type === "leave") onHover?.(false);
    else if (p.type === "drop") {
      onHover?.(false);
      handler(p.paths);
    }
  });
}

/** Register a handler that runs before the desktop window closes (no-op outside the shell). */
export async function onWindowClose(handler: () => Promise<void>): Promise<void> {
  if (!isTauri()) return;
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  await getCurrentWindow().onCloseRequested(async () => {
    await handler();
  });
}
