// In-memory stand-in for the Loa core, used only when the UI is opened in a plain browser
// (design previews); the desktop app always talks to the real core.
import type { Backend, Result } from "./api";
import type { CommuneProfile, Draft, DraftSummary, IpcError, Lang, Revision, SearchHit, WatermarkSettings } from "./bindings";
import { facebookMessage, foldForSearch } from "./text";
import { memoryCalendar } from "../calendar/memory-calendar";

function ok<T>(data: T): Result<T, IpcError> {
  return { status: "ok", data };
}

function notFound<T>(id: number): Result<T, IpcError> {
  return { status: "error", error: { code: "draft_not_found", message_id: "error-draft-not-found", args: { id: String(id) } } };
}

export async function createMemoryBackend(): Promise<Backend> {
  let lang: Lang = "vi";
  let nextId = 1;
  let nextRev = 1;
  const drafts = new Map<number, Draft & { deleted_at: string | null }>();
  const revisions: Revision[] = [];
  let watermark: WatermarkSettings = { logo_path: null, text: "", position: "br", opacity: 0.85 };
  let profile: CommuneProfile = {
    commune: "",
    province: "",
    logo: null,
    hotline: null,
    watermark: "none",
    lang: "vi",
    setup_done: false,
  };
  const unsupported: IpcError = { code: "internal", message_id: "ui-media-preview-only", args: {} };
  const publishOnly: IpcError = { code: "internal", message_id: "ui-publish-preview-only", args: {} };
  const now = () => new Date().toISOString();
  const summary = (d: Draft & { deleted_at: string | null }): DraftSummary => ({
    id: d.id,
    title: d.title,
    lang: d.lang,
    topic: d.topic,
    status: d.status,
    updated_at: d.updated_at,
    deleted_at: d.deleted_at,
  });
  const plain = (d: Draft & { deleted_at: string | null }): Draft => {
    const { deleted_at: _ignored, ...rest } = d;
    return { ...rest };
  };
  const byUpdated = (a: DraftSummary, b: DraftSummary) => b.updated_at.localeCompare(a.updated_at);

  const backend: Backend = {
    async getSettings() {
      return ok({ lang, read_only: false });
    },
    async setLang(l) {
      lang = l;
      return ok(null);
    },
    async listDrafts() {
      return ok([...drafts.values()].filter((d) => !d.deleted_at).map(summary).sort(byUpdated));
    },
    async listTrash() {
      return ok([...drafts.values()].filter((d) => d.deleted_at).map(summary).sort(byUpdated));
    },
    async getDraft(id) {
      const d = drafts.get(id);
      return d ? ok(plain(d)) : notFound(id);
    },
    async createDraft(input) {
      const t = now();
      const d = {
        id: nextId++,
        title: (input.title ?? "").normalize("NFC"),
        body: (input.body ?? "").normalize("NFC"),
        lang: input.lang ?? lang,
        topic: input.topic ?? "other",
        status: "draft" as const,
        created_at: t,
        updated_at: t,
        deleted_at: null,
      };
      drafts.set(d.id, d);
      return ok(plain(d));
    },
    async saveDraft(id, patch) {
      const d = drafts.get(id);
      if (!d) return notFound(id);
      revisions.unshift({ id: nextRev++, draft_id: id, title: d.title, body: d.body, created_at: d.updated_at });
      if (patch.title != null) d.title = patch.title.normalize("NFC");
      if (patch.body != null) d.body = patch.body.normalize("NFC");
      if (patch.lang != null) d.lang = patch.lang;
      if (patch.topic != null) d.topic = patch.topic;
      if (patch.status != null) d.status = patch.status;
      d.updated_at = now();
      return ok(plain(d));
    },
    async deleteDraft(id) {
      const d = drafts.get(id);
      if (!d) return notFound(id);
      d.deleted_at = now();
      return ok(null);
    },
    async restoreDraft(id) {
      const d = drafts.get(id);
      if (!d) return notFound(id);
      d.deleted_at = null;
      return ok(plain(d));
    },
    async listRevisions(draftId) {
      return ok(revisions.filter((r) => r.draft_id === draftId));
    },
    async restoreRevision(draftId, revisionId) {
      const d = drafts.get(draftId);
      const r = revisions.find((x) => x.id === revisionId && x.draft_id === draftId);
      if (!d || !r) return notFound(draftId);
      d.title = r.title;
      d.body = r.body;
      d.updated_at = now();
      return ok(plain(d));
    },
    async searchDrafts(query) {
      // Preview only: folded substring matching, every word must occur; the real core ranks properly.
      const words = foldForSearch(query.text ?? "").split(/\s+/).filter(Boolean);
      if (words.length === 0) return ok([]);
      const hits: SearchHit[] = [];
      for (const d of drafts.values()) {
        if (d.deleted_at) continue;
        if (query.status && d.status !== query.status) continue;
        if (query.topic && d.topic !== query.topic) continue;
        const source = words.every((w) => foldForSearch(d.title).includes(w)) ? d.title : `${d.title}\n${d.body}`;
        const folded = foldForSearch(source);
        if (!words.every((w) => folded.includes(w))) continue;
        const chars = Array.from(folded);
        const snippet = Array.from(source.normalize("NFC")).slice(0, 160).join("").replace(/\n/g, " ");
        const highlights: [number, number][] = [];
        for (const w of words) {
          const at = folded.indexOf(w);
          const start = Array.from(folded.slice(0, at)).length;
          const end = start + Array.from(w).length;
          if (end <= Math.min(chars.length, 160)) highlights.push([start, end]);
        }
        hits.push({ id: d.id, title: d.title, snippet, highlights, score: null, status: d.status, topic: d.topic, updated_at: d.updated_at });
      }
      hits.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      return ok(hits.slice(0, query.limit ?? 20));
    },
    async detectLegacy() {
      // Legacy encodings are recognised by the core only.
      return ok(null);
    },
    async checkDraft(id) {
      // Checks run in the core only; the preview reports none.
      return drafts.has(id) ? ok([]) : notFound(id);
    },
    async overrideCheck(id) {
      return drafts.has(id) ? ok([]) : notFound(id);
    },
    async appReady() {
      return ok(null);
    },
    // The photo library lives in the core only: the preview has no photos and cannot import.
    async listMedia() {
      return ok([]);
    },
    async importMedia(paths) {
      return ok(paths.map((path) => ({ path, item: null, video: null, error: unsupported })));
    },
    async mediaThumbnail() {
      return { status: "error", error: unsupported };
    },
    async listWatchFolders() {
      return ok([]);
    },
    async addWatchFolder() {
      return { status: "error", error: unsupported };
    },
    async removeWatchFolder() {
      return ok(null);
    },
    async attachMedia(draftId) {
      return drafts.has(draftId) ? ok([]) : notFound(draftId);
    },
    async setAltText() {
      return ok(null);
    },
    async reorderMedia(draftId) {
      return drafts.has(draftId) ? ok([]) : notFound(draftId);
    },
    async detachMedia(draftId) {
      return drafts.has(draftId) ? ok([]) : notFound(draftId);
    },
    async draftMedia(draftId) {
      return drafts.has(draftId) ? ok([]) : notFound(draftId);
    },
    async getWatermarkSettings() {
      return ok(watermark);
    },
    async setWatermarkSettings(settings) {
      watermark = { ...settings, text: (settings.text ?? "").normalize("NFC") };
      return ok(watermark);
    },
    async watermarkPreview() {
      return { status: "error", error: unsupported };
    },
    async prepareDraftPhotos(draftId) {
      return drafts.has(draftId) ? ok([]) : notFound(draftId);
    },
    async cancelPrepare() {
      return ok(null);
    },
    // Videos live in the core only (ffmpeg): the preview has none and cannot import one.
    async listVideos() {
      return ok([]);
    },
    async videoThumbnail() {
      return { status: "error", error: unsupported };
    },
    async draftVideo(draftId) {
      return drafts.has(draftId) ? ok(null) : notFound(draftId);
    },
    async attachVideo() {
      return { status: "error", error: unsupported };
    },
    async setVideoOptions() {
      return { status: "error", error: unsupported };
    },
    async detachVideo() {
      return { status: "error", error: unsupported };
    },
    async videoEstimate() {
      return { status: "error", error: unsupported };
    },
    async prepareVideo() {
      return { status: "error", error: unsupported };
    },
    // Publishing needs the core (credentials, the worker): the preview has no channels and no queue.
    async listChannels() {
      return ok([]);
    },
    async saveChannel() {
      return { status: "error", error: publishOnly };
    },
    async setChannelPaused() {
      return { status: "error", error: publishOnly };
    },
    async testChannel() {
      return { status: "error", error: publishOnly };
    },
    async queueDraft(draftId) {
      return drafts.has(draftId) ? { status: "error", error: publishOnly } : notFound(draftId);
    },
    async postPreview(title, body) {
      // A plain stand-in for the browser preview; the app's text comes from the core.
      const message = facebookMessage(title, body);
      const first = body.trim().split(/\n\s*\n/)[0]?.trim() || title.trim();
      return ok({ facebook_message: message, zalo_title: title.trim(), zalo_description: first });
    },
    async listOutbox() {
      return ok([]);
    },
    async openPublished() {
      return { status: "error", error: publishOnly };
    },
    async shareZaloGroup() {
      return { status: "error", error: publishOnly };
    },
    async retryOutboxItem() {
      return { status: "error", error: publishOnly };
    },
    async cancelOutboxItem() {
      return { status: "error", error: publishOnly };
    },
    async markOutboxPublished() {
      return { status: "error", error: publishOnly };
    },
    async setOutboxPaused() {
      return ok(null);
    },
    async publishStatus() {
      return ok({ paused: false, links: [], credentials_file: null });
    },
    async platformDefaults() {
      return { status: "error", error: publishOnly };
    },
    async connectFacebook() {
      return { status: "error", error: publishOnly };
    },
    async connectFacebookPage() {
      return { status: "error", error: publishOnly };
    },
    async connectZalo() {
      return { status: "error", error: publishOnly };
    },
    async connectSettings() {
      return { status: "error", error: publishOnly };
    },
    async saveFacebookApp() {
      return { status: "error", error: publishOnly };
    },
    async cancelConnect() {
      return ok(null);
    },
    // Templates are drawn by the core only: the preview lists none.
    async listTemplates() {
      return ok([]);
    },
    // No commune profile in memory: nothing to prefill.
    async templatePrefill() {
      return ok({});
    },
    async templateSample() {
      return { status: "error", error: unsupported };
    },
    async templateThumbnail() {
      return { status: "error", error: unsupported };
    },
    async templatePreview() {
      return { status: "error", error: unsupported };
    },
    async createTemplateDraft() {
      return { status: "error", error: unsupported };
    },
    // The commune profile, kept in memory; the province list and the logo are the core's.
    async getProfile() {
      return ok({ ...profile, lang });
    },
    async setProfile(p) {
      profile = { ...p, logo: null, setup_done: profile.setup_done };
      lang = p.lang;
      return ok({ ...profile });
    },
    async finishSetup() {
      profile.setup_done = true;
      return ok(null);
    },
    async profileLogo() {
      return ok([]);
    },
    async listProvinces() {
      return ok([]);
    },
    // Backups need the real profile folder.
    async backupTo() {
      return { status: "error", error: unsupported };
    },
    async listBackups() {
      return ok([]);
    },
    async inspectBackup() {
      return { status: "error", error: unsupported };
    },
    async restoreBackup() {
      return { status: "error", error: unsupported };
    },
    async newestGoodBackup() {
      return ok(null);
    },
    async restoreDailyBackup() {
      return { status: "error", error: unsupported };
    },
    // Reports are counted by the core only.
    async makeReport() {
      return { status: "error", error: unsupported };
    },
    async refreshReach() {
      return { status: "error", error: unsupported };
    },
    async exportReport() {
      return { status: "error", error: unsupported };
    },
    async deleteTemplate() {
      return { status: "error", error: unsupported };
    },
    async setTemplateHidden() {
      return { status: "error", error: unsupported };
    },
    ...memoryCalendar({
      async createDraft(title) {
        const made = await backend.createDraft({ title, body: "", lang, topic: "other" });
        return made.status === "ok" ? made.data : null;
      },
      status: (id) => {
        const d = drafts.get(id);
        return d && !d.deleted_at ? d.status : null;
      },
      title: (id) => drafts.get(id)?.title ?? "",
    }),
  };
  if (typeof location !== "undefined" && new URLSearchParams(location.search).has("demo")) await seedDemo(backend);
  return backend;
}

/** Sample content for previews opened with ?demo. */
async function seedDemo(b: Backend): Promise<void> {
  const section = { id: null, name_en: null, until: null, count: null, channels: [], template: null, template_defaults: {}, colour: null, first_episode: 1 };
  const monday = new Date(Date.now() - ((new Date().getUTCDay() + 6) % 7) * 86_400_000 - 21 * 86_400_000).toISOString().slice(0, 10);
  await b.seriesSave({ ...section, name: "Chào mừng Đại hội Đảng các cấp", weekdays: ["tue", "fri"], time: "19:00", from: monday });
  await b.seriesSave({ ...section, name: "Lịch tiếp công dân", weekdays: ["mon"], time: "07:30", from: monday });
  await b.seriesSave({ ...section, name: "Người tốt việc tốt", weekdays: ["sat"], time: "09:00", from: monday, count: 20 });
  const first = await b.createDraft({
    title: "Lịch tiếp công dân tháng 6",
    body: "Chủ tịch UBND xã tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở UBND xã.",
    lang: "vi",
    topic: "admin_procedure",
  });
  if (first.status === "ok") await b.saveDraft(first.data.id, { title: null, body: null, lang: null, topic: null, status: "ready" });
  const second = await b.createDraft({
    title: "Thông báo lũ quét ở Mường Tè",
    body: "Cảnh báo lũ quét tại xã Mường Tè.",
    lang: "vi",
    topic: "weather_disaster",
  });
  if (second.status === "ok") {
    await b.saveDraft(second.data.id, {
      title: null,
      body:
        "Cảnh báo lũ quét tại xã Mường Tè, tỉnh Lai Châu.\nBà con ở Đắk Lắk và các tỉnh miền núi chú ý theo dõi tin thời tiết.\n\n#PhòngChốngThiênTai https://example.vn/a?b=1",
      lang: null,
      topic: null,
      status: null,
    });
  }
}
