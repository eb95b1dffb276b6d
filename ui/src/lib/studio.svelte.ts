// State and actions of the drafting screen. Components read this state and call these methods;
// every change of the officer's text goes through the autosave queue.
import { api, toIpcError } from "./api";
import { Autosave, type PatchFields, type SaveState } from "./autosave";
import type { Draft, DraftStatus, DraftSummary, IpcError, Lang, Revision, Topic } from "./bindings";
import { i18n } from "./i18n.svelte";

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
  error = $state<IpcError | null>(null);
  loading = $state(true);
  /** Bumped when the title field should take the focus (after "new draft"). */
  focusTitle = $state(0);

  readonly autosave: Autosave<Draft>;
  private openSeq = 0;

  constructor() {
    this.autosave = new Autosave<Draft>({
      save: (id, patch) => api.saveDraft(id, patch),
      onSaved: (id, draft) => this.afterSave(id, draft),
      onState: (state, err) => {
        this.saveState = state;
        this.saveError = state === "error" ? toIpcError(err) : null;
      },
      delayMs: 700,
    });
  }

  private report(e: unknown): void {
    this.error = toIpcError(e);
  }

  dismissError(): void {
    this.error = null;
  }

  async init(): Promise<void> {
    try {
      const settings = await api.getSettings();
      i18n.lang = settings.lang === "en" ? "en" : "vi";
    } catch (e) {
      this.report(e);
    }
    try {
      this.drafts = await api.listDrafts();
      if (this.drafts.length > 0) await this.openDraft(this.drafts[0].id);
    } catch (e) {
      this.report(e);
    } finally {
      this.loading = false;
    }
  }

  async setLang(lang: Lang): Promise<void> {
    const previous = i18n.lang;
    i18n.lang = lang;
    try {
      await api.setLang(lang);
    } catch (e) {
      i18n.lang = previous;
      this.report(e);
    }
  }

  toggleLang(): Promise<void> {
    return this.setLang(i18n.lang === "vi" ? "en" : "vi");
  }

  async openDraft(id: number): Promise<void> {
    const seq = ++this.openSeq;
    // Let what is pending reach the disk first; on failure it stays queued and is retried.
    await this.autosave.flush();
    try {
      const draft = await api.getDraft(id);
      if (seq !== this.openSeq) return;
      // Anything typed that the core has not confirmed yet wins over the stored copy.
      const pending = this.autosave.pendingFields(id);
      this.current = { ...draft, ...definedFields(pending) };
      if (!this.autosave.dirty) this.saveState = "idle";
      await this.loadRevisions();
    } catch (e) {
      this.report(e);
    }
  }

  async newDraft(): Promise<void> {
    await this.autosave.flush();
    try {
      const draft = await api.createDraft({ title: "", body: "", lang: i18n.lang, topic: "other" });
      this.drafts = [summaryOf(draft), ...this.drafts.filter((d) => d.id !== draft.id)];
      this.openSeq++;
      this.current = draft;
      this.revisions = [];
      if (!this.autosave.dirty) this.saveState = "idle";
      this.focusTitle++;
    } catch (e) {
      this.report(e);
    }
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
    }
  }

  async loadRevisions(): Promise<void> {
    const cur = this.current;
    if (!cur) {
      this.revisions = [];
      return;
    }
    try {
      const list = await api.listRevisions(cur.id);
      if (this.current && this.current.id === cur.id) this.revisions = list;
    } catch (e) {
      this.report(e);
    }
  }

  async restoreRevision(revisionId: number): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    await this.autosave.flush();
    try {
      const draft = await api.restoreRevision(cur.id, revisionId);
      this.current = draft;
      this.drafts = [summaryOf(draft), ...this.drafts.filter((d) => d.id !== draft.id)];
      await this.loadRevisions();
    } catch (e) {
      this.report(e);
    }
  }

  async deleteCurrent(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    await this.autosave.flush();
    try {
      await api.deleteDraft(cur.id);
      this.drafts = this.drafts.filter((d) => d.id !== cur.id);
      this.current = null;
      this.revisions = [];
      this.openSeq++;
      if (this.showTrash) await this.loadTrash();
      if (this.drafts.length > 0) await this.openDraft(this.drafts[0].id);
    } catch (e) {
      this.report(e);
    }
  }

  async toggleTrash(): Promise<void> {
    this.showTrash = !this.showTrash;
    if (this.showTrash) await this.loadTrash();
  }

  async loadTrash(): Promise<void> {
    try {
      this.trash = await api.listTrash();
    } catch (e) {
      this.report(e);
    }
  }

  async restoreFromTrash(id: number): Promise<void> {
    try {
      const draft = await api.restoreDraft(id);
      this.trash = this.trash.filter((d) => d.id !== id);
      this.drafts = await api.listDrafts();
      await this.openDraft(draft.id);
    } catch (e) {
      this.report(e);
    }
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
