// Pure text helpers for the editor: Unicode NFC with a stable caret, counting, number and date formatting.
import { FACEBOOK_TEXT_LIMIT, type Lang } from "./bindings";

/** Facebook's limit for the text of one post, in characters (generated from loa-platforms). */
export const FACEBOOK_POST_LIMIT: number = FACEBOOK_TEXT_LIMIT;

export interface TextWithSelection {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

/** Map a caret offset in `value` to the same logical place in `value.normalize("NFC")`. */
export function nfcOffset(value: string, offset: number, nfcValue: string = value.normalize("NFC")): number {
  const clamped = Math.max(0, Math.min(offset, value.length));
  const prefix = value.slice(0, clamped).normalize("NFC");
  if (nfcValue.startsWith(prefix)) return prefix.length;
  // The caret sat inside a sequence that composes with what follows it (a base letter before a
  // combining mark): put it after the composed character, never inside it.
  let i = 0;
  while (i < prefix.length && i < nfcValue.length && prefix[i] === nfcValue[i]) i++;
  return Math.min(nfcValue.length, i + 1);
}

/**
 * Normalize text to NFC and carry the selection over to the same logical place.
 * Returns the input object unchanged (same identity) when the text is already NFC.
 */
export function normalizeWithSelection(input: TextWithSelection): TextWithSelection {
  const value = input.value.normalize("NFC");
  if (value === input.value) return input;
  return {
    value,
    selectionStart: nfcOffset(input.value, input.selectionStart, value),
    selectionEnd: nfcOffset(input.value, input.selectionEnd, value),
  };
}

/** Text that is pasted into a field: NFC, and line breaks as "\n". */
export function cleanPastedText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

/**
 * Number of characters of a post as a social platform counts them: UTF-16 code units of the NFC text
 * (what a browser's maxlength counts). Vietnamese letters are one unit each in NFC; an emoji may be two,
 * so this never under-counts.
 */
export function countChars(text: string): number {
  return text.normalize("NFC").length;
}

/** Integer with the digit grouping of the language: 63.206 in Vietnamese, 63,206 in English. */
export function formatInteger(n: number, lang: Lang): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.trunc(Math.abs(n)));
  const sep = lang === "vi" ? "." : ",";
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return sign + out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A stored timestamp shown as dd/mm/yyyy HH:mm in local time; unparsable input is shown as is. */
export function formatDateTime(iso: string): string {
  const d = parseTimestamp(iso);
  if (!d) return iso;
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Accepts RFC 3339 ("2025-05-01T08:30:00Z", "+07:00") and SQLite's "2025-05-01 08:30:00" (UTC). */
export function parseTimestamp(s: string): Date | null {
  if (!s) return null;
  let text = s.trim();
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text = text.replace(" ", "T") + "Z";
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Text as the search compares it: lower case, without diacritics, "đ" as "d" ("Đường" → "duong").
 * Keeps one code point per code point of the NFC input, so offsets in the folded text are offsets in the original.
 */
export function foldForSearch(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (ch === "đ" || ch === "Đ") {
      out += "d";
      continue;
    }
    const base = ch.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
    out += Array.from(base).length === 1 ? base : ch.toLowerCase();
  }
  return out;
}
