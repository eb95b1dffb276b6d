// DOM glue that keeps title and body in Unicode NFC while the officer types or pastes.
import { cleanPastedText, normalizeWithSelection } from "./text";

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Put the field's text in NFC, keeping the caret where it logically was. Returns the new text. */
export function normalizeField(el: TextField): string {
  const value = el.value;
  const start = el.selectionStart ?? value.length;
  const end = el.selectionEnd ?? start;
  const next = normalizeWithSelection({ value, selectionStart: start, selectionEnd: end });
  if (next.value !== value) {
    el.value = next.value;
    if (document.activeElement === el) el.setSelectionRange(next.selectionStart, next.selectionEnd);
  }
  return next.value;
}

/**
 * Paste handler: insert the clipboard's plain text in NFC instead of the raw text.
 * The insertion fires a normal `input` event, so the field's input handler records it.
 */
export function pasteAsNfc(event: ClipboardEvent): void {
  const el = event.currentTarget as TextField | null;
  const text = event.clipboardData?.getData("text/plain");
  if (!el || text == null) return;
  event.preventDefault();
  const clean = cleanPastedText(text);
  let inserted = false;
  try {
    // Keeps the browser's undo history.
    inserted = document.execCommand("insertText", false, clean);
  } catch {
    inserted = false;
  }
  if (!inserted) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    el.setRangeText(clean, start, end, "end");
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
