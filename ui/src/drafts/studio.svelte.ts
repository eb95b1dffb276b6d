// State and actions of the drafting screen. Components read this state and call these methods;
// every change of the officer's text goes through the autosave queue.
import { api } from "../shared/api";
import type { Banner } from "../shared/banner.svelte";
import type { CheckFinding, Draft, DraftPatch, DraftStatus, DraftSummary, IpcError, Lang, Revision, Topic } from "../shared/bindings";
import { Debounced } from "../shared/debounce";
import { attempt, logOnly, toIpcError } from "../shared/errors";
import { i18n } from "../shared/i18n.svelte";
import { Autosave, type PatchFields, type SaveState } from "./autosave";
import { LatestOnly } from "../shared/ranges";

export type EditableField = "title" | "body" | "lang" | "topic" | "status";

function summaryOf(d: Draft): DraftSummary {
  return {
    id: d.id,
    title: d.title,
    lang: d.lang,
    topic: d.topic,
    status: d.status,
    updated_at: d.updated_at,
    deleted_at: null,
  };
}

export class Studio {
  drafts = $state<DraftSummary[]>([]);
  trash = $state<DraftSummary[]>([]);
  showTrash = $state(false);
  current = $state<Draft | null>(null);
  revisions = $state<Revision[]>([]);
  saveState = $state<SaveState>("idle");
  saveError = $state<IpcError | null>(null);
  loading = $state(true);
  /** The profile could only be opened for reading (a read-only folder or a full disk): the
   * editor shows the drafts but takes no typing that could not be saved. */
  readOnly = $state(false);
  /** Bumped when the title field should take the focus (after "new draft"). */
  focusTitle = $state(0);
  /** Findings of the checks for the open draft; `null` until the first answer. */
  checks = $state<CheckFinding[] | null>(null);
  /** The draft could not be queued because of blocking findings (the core's `checks_block` error). */
  queueBlocked = $state<{ draftId: number; error: IpcError } | null>(null);

  readonly autosave: Autosave<Draft>;
  private openSeq = 0;
  private readonly checkGate = new LatestOnly();
  /** The checks run again once saving has been quiet for 400 ms. */
  private readonly checksLater = new Debounced(() => void this.loadChecks(), 400);

  /** `banner`: where failures are shown (the header's error line). */
  constructor(private readonly banner: Banner) {
    this.autosave = new Autosave<Draft>({
      save: (id, patch) => this.save(id, patch),
      onSaved: (id, draft) => this.afterSave(id, draft),
      onState: (state, err) => {
        this.saveState = state;
        this.saveError = state === "error" ? toIpcError(err) : null;
      },
      delayMs: 700,
    });
  }

  /**
   * One autosave. Queueing a draft with blocking findings fails as a whole (`checks_block`); the text
   * typed with it must not stay stuck behind that, so it is saved without the status change, the status
   * goes back to what is stored, and the officer is sent to the checks panel.
   */
  private async save(id: number, patch: DraftPatch): Promise<Draft> {
    const first = await attempt(() => api.saveDraft(id, patch));
    if (first.ok) {
      if (patch.status != null && this.queueBlocked?.draftId === id) this.queueBlocked = null;
      return first.value;
    }
    const err = first.error;
    // Any other failure goes back to the autosave queue, which keeps the change and retries.
    if (err.code !== "checks_block" || patch.status == null) throw err;
    const rest: DraftPatch = { ...patch, status: null };
    const hasOther = rest.title != null || rest.body != null || rest.lang != null || rest.topic != null;
    const saved = hasOther ? await api.saveDraft(id, rest) : await api.getDraft(id);
    this.queueBlocked = { draftId: id, error: err };
    this.banner.show(err);
    if (this.current && this.current.id === id && this.autosave.pendingFields(id)?.status == null) {
      this.current.status = saved.status;
    }
    this.scheduleChecks(0);
    return saved;
  }

  async init(): Promise<void> {
    await attempt(async () => {
      const settings = await api.getSettings();
      i18n.lang = settings.lang === "en" ? "en" : "vi";
      this.readOnly = settings.read_only;
    }, this.banner.show);
    await attempt(async () => {
      this.drafts = await api.listDrafts();
      if (this.drafts.length > 0) await this.openDraft(this.drafts[0].id);
    }, this.banner.show);
    this.loading = false;
  }

  /** Settles once the core has the language last chosen (views the core words wait for it). */
  langSaved: Promise<unknown> = Promise.resolve();

  async setLang(lang: Lang): Promise<void> {
    const previous = i18n.lang;
    i18n.lang = lang;
    const saving = attempt(() => api.setLang(lang), this.banner.show);
    this.langSaved = saving;
    const saved = await saving;
    if (!saved.ok) i18n.lang = previous;
  }

  toggleLang(): Promise<void> {
    return this.setLang(i18n.lang === "vi" ? "en" : "vi");
  }

  async openDraft(id: number): Promise<void> {
    const seq = ++this.openSeq;
    // Let what is pending reach the disk first; on failure it stays queued and is retried.
    await this.autosave.flush();
    await attempt(async () => {
      const draft = await api.getDraft(id);
      if (seq !== this.openSeq) return;
      // Anything typed that the core has not confirmed yet wins over the stored copy.
      const pending = this.autosave.pendingFields(id);
      this.current = { ...draft, ...definedFields(pending) };
      if (!this.autosave.dirty) this.saveState = "idle";
      this.resetChecks();
      void this.loadChecks();
      await this.loadRevisions();
    }, this.banner.show);
  }

  async newDraft(): Promise<void> {
    await this.autosave.flush();
    const made = await attempt(() => api.createDraft({ title: "", body: "", lang: i18n.lang, topic: "other" }), this.banner.show);
    if (!made.ok) return;
    const draft = made.value;
    this.drafts = [summaryOf(draft), ...this.drafts.filter((d) => d.id !== draft.id)];
    this.openSeq++;
    this.current = draft;
    this.revisions = [];
    if (!this.autosave.dirty) this.saveState = "idle";
    this.resetChecks();
    void this.loadChecks();
    this.focusTitle++;
  }

  /** Shows a draft made elsewhere (from a template) at the top of the list, opened. */
  async openCreated(draft: Draft): Promise<void> {
    this.drafts = [summaryOf(draft), ...this.drafts.filter((d) => d.id !== draft.id)];
    await this.openDraft(draft.id);
  }

  /** The officer changed a field of the open draft. */
  edit(field: EditableField, value: string): void {
    const cur = this.current;
    if (!cur) return;
    const fields: PatchFields = {};
    switch (field) {
      case "title":
        cur.title = value;
        fields.title = value;
        break;
      case "body":
        cur.body = value;
        fields.body = value;
        break;
      case "lang":
        cur.lang = value as Lang;
        fields.lang = value as Lang;
        break;
      case "topic":
        cur.topic = value as Topic;
        fields.topic = value as Topic;
        break;
      case "status":
        cur.status = value as DraftStatus;
        fields.status = value as DraftStatus;
        break;
    }
    const item = this.drafts.find((d) => d.id === cur.id);
    if (item) {
      if (fields.title != null) item.title = fields.title;
      if (fields.lang) item.lang = fields.lang;
      if (fields.topic) item.topic = fields.topic;
      if (fields.status) item.status = fields.status;
    }
    this.autosave.change(cur.id, fields);
  }

  /** Save now (blur, Ctrl+S, closing the window). */
  flush(): Promise<void> {
    return this.autosave.flush();
  }

  private afterSave(id: number, saved: Draft): void {
    const idx = this.drafts.findIndex((d) => d.id === id);
    if (idx >= 0) {
      const pending = this.autosave.pendingFields(id);
      const merged: DraftSummary = { ...summaryOf(saved), ...definedSummaryFields(pending) };
      this.drafts = [merged, ...this.drafts.filter((d) => d.id !== id)];
    }
    if (this.current && this.current.id === id) {
      this.current.updated_at = saved.updated_at;
      void this.loadRevisions();
      this.scheduleChecks();
    }
  }

  /** Forget the findings of the previous draft. */
  private resetChecks(): void {
    this.checkGate.cancel();
    this.checksLater.cancel();
    this.checks = null;
    if (this.queueBlocked && this.queueBlocked.draftId !== this.current?.id) this.queueBlocked = null;
  }

  /** Run the checks again once saving has been quiet for a moment. */
  scheduleChecks(delayMs?: number): void {
    this.checksLater.schedule(delayMs);
  }

  /** Ask the core for the findings of the open draft; an answer for an older state is dropped. */
  async loadChecks(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    const ticket = this.checkGate.next();
    const found = await attempt(() => api.checkDraft(cur.id), (e) => {
      if (this.checkGate.isLatest(ticket)) this.banner.show(e);
    });
    if (found.ok && this.checkGate.isLatest(ticket) && this.current?.id === cur.id) this.checks = found.value;
  }

  /** Record why the officer publishes despite a blocking finding. */
  async overrideCheck(code: string, reason: string): Promise<boolean> {
    const cur = this.current;
    if (!cur) return false;
    await this.autosave.flush();
    const ticket = this.checkGate.next();
    const kept = await attempt(() => api.overrideCheck(cur.id, code, reason), this.banner.show);
    if (!kept.ok) return false;
    if (this.checkGate.isLatest(ticket) && this.current?.id === cur.id) this.checks = kept.value;
    // The refusal to queue no longer stands: its banner goes with it.
    if (this.queueBlocked?.draftId === cur.id && this.banner.error?.code === "checks_block") this.banner.dismiss();
    return true;
  }

  dismissQueueBlocked(): void {
    this.queueBlocked = null;
  }

  async loadRevisions(): Promise<void> {
    const cur = this.current;
    if (!cur) {
      this.revisions = [];
      return;
    }
    const list = await attempt(() => api.listRevisions(cur.id), this.banner.show);
    if (list.ok && this.current && this.current.id === cur.id) this.revisions = list.value;
  }

  async restoreRevision(revisionId: number): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    await this.autosave.flush();
    const restored = await attempt(() => api.restoreRevision(cur.id, revisionId), this.banner.show);
    if (!restored.ok) return;
    const draft = restored.value;
    this.current = draft;
    this.drafts = [summaryOf(draft), ...this.drafts.filter((d) => d.id !== draft.id)];
    this.scheduleChecks(0);
    await this.loadRevisions();
  }

  async deleteCurrent(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    await this.autosave.flush();
    const deleted = await attempt(() => api.deleteDraft(cur.id), this.banner.show);
    if (!deleted.ok) return;
    this.drafts = this.drafts.filter((d) => d.id !== cur.id);
    this.current = null;
    this.revisions = [];
    this.resetChecks();
    this.openSeq++;
    if (this.showTrash) await this.loadTrash();
    if (this.drafts.length > 0) await this.openDraft(this.drafts[0].id);
  }

  /** The outbox moved drafts' statuses (queued, published): take them without touching what is being typed. */
  async refreshStatuses(): Promise<void> {
    const list = await attempt(() => api.listDrafts(), logOnly("draft statuses"));
    if (!list.ok) return;
    const fresh = new Map(list.value.map((d) => [d.id, d.status]));
    const take = (d: { id: number; status: DraftStatus }) => {
      const status = fresh.get(d.id);
      if (status && this.autosave.pendingFields(d.id)?.status == null) d.status = status;
    };
    this.drafts.forEach(take);
    if (this.current) take(this.current);
  }

  async toggleTrash(): Promise<void> {
    this.showTrash = !this.showTrash;
    if (this.showTrash) await this.loadTrash();
  }

  async loadTrash(): Promise<void> {
    const trash = await attempt(() => api.listTrash(), this.banner.show);
    if (trash.ok) this.trash = trash.value;
  }

  async restoreFromTrash(id: number): Promise<void> {
    await attempt(async () => {
      const draft = await api.restoreDraft(id);
      this.trash = this.trash.filter((d) => d.id !== id);
      this.drafts = await api.listDrafts();
      await this.openDraft(draft.id);
    }, this.banner.show);
  }
}

function definedFields(p: PatchFields | undefined): Partial<Draft> {
  const out: Partial<Draft> = {};
  if (!p) return out;
  if (p.title != null) out.title = p.title;
  if (p.body != null) out.body = p.body;
  if (p.lang != null) out.lang = p.lang;
  if (p.topic != null) out.topic = p.topic;
  if (p.status != null) out.status = p.status;
  return out;
}

function definedSummaryFields(p: PatchFields | undefined): Partial<DraftSummary> {
  const { body: _body, ...rest } = definedFields(p);
  return rest;
}
