// Pure text helpers: Unicode NFC with a stable caret, pasted text, counting, and the folded form search
// compares. (Numbers and dates as the officer reads them are in format.ts.)

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
