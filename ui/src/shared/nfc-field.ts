// DOM glue that keeps title and body in Unicode NFC while the officer types or pastes.
import { codePointRangeToUtf16 } from "./ranges";
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

/** Where a paste put its text: `start` is a UTF-16 offset into the field's value after the paste. */
export interface PastedRange {
  start: number;
  text: string;
}

/**
 * Paste handler: insert the clipboard's plain text in NFC instead of the raw text.
 * The insertion fires a normal `input` event, so the field's input handler records it.
 * Returns the text as it landed in the field (an `<input>` drops line breaks), or null if nothing was pasted.
 */
export function pasteAsNfc(event: ClipboardEvent): PastedRange | null {
  const el = event.currentTarget as TextField | null;
  const text = event.clipboardData?.getData("text/plain");
  if (!el || text == null) return null;
  event.preventDefault();
  const clean = cleanPastedText(text);
  const before = el.value;
  const start = el.selectionStart ?? before.length;
  const end = el.selectionEnd ?? start;
  let inserted = false;
  try {
    // Keeps the browser's undo history.
    inserted = document.execCommand("insertText", false, clean);
  } catch {
    inserted = false;
  }
  if (!inserted) {
    el.setRangeText(clean, start, end, "end");
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // Whatever now sits between the text kept before and after the selection is what was pasted.
  const after = el.value;
  const tail = before.length - end;
  const landed = after.slice(start, Math.max(start, after.length - tail));
  return { start, text: landed };
}

/** Focus a field and select `[start, end)`, given in code points as the core counts them. */
export function selectCodePoints(el: TextField, start: number, end: number): void {
  const [s, e] = codePointRangeToUtf16(el.value, start, end);
  el.focus();
  el.setSelectionRange(s, e);
  if (el instanceof HTMLTextAreaElement) {
    // Bring the selection into view: WebKit does not always scroll a textarea to a selection set by script.
    const lines = el.value.slice(0, s).split("\n").length - 1;
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 24;
    const target = lines * lineHeight - el.clientHeight / 3;
    if (target < el.scrollTop || target > el.scrollTop + el.clientHeight - lineHeight) el.scrollTop = Math.max(0, target);
  }
}
