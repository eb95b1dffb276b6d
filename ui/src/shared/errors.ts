// Errors from the core as the UI handles them: every failure of a call becomes the core's typed
// `IpcError` (code, Fluent message id, arguments), and `attempt` is the one place that catches it and
// hands it to whoever shows it — the header's banner, a dialog's line, a field — instead of a
// try/catch around every call.
import type { IpcError } from "./bindings";

/** Message id shown when something fails without a typed error from the core. */
export const UNEXPECTED_ERROR_ID = "ui-error-unexpected";

export function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as IpcError).code === "string" &&
    typeof (e as IpcError).message_id === "string"
  );
}

/** The error as the core typed it; anything else (a bug, a dialog plugin's refusal) as "unexpected". */
export function toIpcError(e: unknown): IpcError {
  // Typed details (the limits a post breaks, the findings that block it) travel on.
  if (isIpcError(e)) return { code: e.code, message_id: e.message_id, args: e.args ?? {}, ...(e.details ? { details: e.details } : {}) };
  console.error("[loa] unexpected error", e);
  return { code: "internal", message_id: UNEXPECTED_ERROR_ID, args: {} };
}

/** How an action ended: its value, or the error (already shown where `onError` put it). */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Where a failure goes: a banner's `show`, a component's error line, a field's message. */
export type OnError = (error: IpcError) => void;

/**
 * Runs `action`; a failure is turned into an `IpcError`, given to `onError` (when there is one) and
 * returned. Never throws what the action throws, so the code after it is the "finally".
 */
export async function attempt<T>(action: () => Promise<T>, onError?: OnError): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (e) {
    const error = toIpcError(e);
    onError?.(error);
    return { ok: false, error };
  }
}

/** For failures the officer need not see (a thumbnail, a background refresh): one console line. */
export function logOnly(what: string): OnError {
  return (error) => console.warn(`[loa] ${what}`, error);
}
