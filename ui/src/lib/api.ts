// The UI's door to the Loa core: plain values on success, a thrown IpcError on failure.
import { isTauri } from "@tauri-apps/api/core";
import {
  commands,
  type CheckFinding,
  type Draft,
  type DraftPatch,
  type DraftSummary,
  type IpcError,
  type Lang,
  type LegacyOffer,
  type NewDraft,
  type Revision,
  type SearchHit,
  type SearchQuery,
  type Settings,
} from "./bindings";

/** What every generated command resolves to. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export type Backend = typeof commands;

/** Message id shown when something fails without a typed error from the core. */
export const UNEXPECTED_ERROR_ID = "ui-error-unexpected";

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

export function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as IpcError).code === "string" &&
    typeof (e as IpcError).message_id === "string"
  );
}

export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return { code: e.code, message_id: e.message_id, args: e.args ?? {} };
  console.error("[loa] unexpected error", e);
  return { code: "internal", message_id: UNEXPECTED_ERROR_ID, args: {} };
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
};

/** Register a handler that runs before the desktop window closes (no-op outside the shell). */
export async function onWindowClose(handler: () => Promise<void>): Promise<void> {
  if (!isTauri()) return;
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  await getCurrentWindow().onCloseRequested(async () => {
    await handler();
  });
}
