// Pure helpers for text ranges that come from the core: the core counts characters as Unicode code
// points, the DOM counts UTF-16 code units. Also a guard that keeps only the latest async answer.

/** A piece of a snippet, marked when it is inside a highlighted range. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Split `text` into plain and marked pieces. `ranges` are `[start, end)` code-point offsets; they may be
 * unsorted, overlapping or out of bounds (clamped; empty and inverted ranges are ignored).
 * Adjacent pieces of the same kind are merged; no piece is empty.
 */
export function highlightSegments(text: string, ranges: readonly (readonly [number, number])[]): Segment[] {
  const chars = Array.from(text);
  const n = chars.length;
  const marked = new Array<boolean>(n).fill(false);
  for (const [rawStart, rawEnd] of ranges) {
    const start = Math.max(0, Math.min(n, Math.floor(rawStart)));
    const end = Math.max(0, Math.min(n, Math.floor(rawEnd)));
    for (let i = start; i < end; i++) marked[i] = true;
  }
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const last = out[out.length - 1];
    if (last && last.mark === marked[i]) last.text += chars[i];
    else out.push({ text: chars[i], mark: marked[i] });
  }
  return out;
}

/** UTF-16 offset of the code-point offset `cp` in `text` (clamped to the text). */
export function codePointToUtf16(text: string, cp: number): number {
  if (cp <= 0) return 0;
  let units = 0;
  let count = 0;
  for (const ch of text) {
    if (count >= cp) break;
    units += ch.length;
    count++;
  }
  return units;
}

/** Code-point offset of the UTF-16 offset `units` in `text`; an offset inside a surrogate pair counts the pair. */
export function utf16ToCodePoint(text: string, units: number): number {
  if (units <= 0) return 0;
  let pos = 0;
  let count = 0;
  for (const ch of text) {
    if (pos >= units) break;
    pos += ch.length;
    count++;
  }
  return count;
}

/** A `[start, end)` code-point range of `text` as a UTF-16 selection. */
export function codePointRangeToUtf16(text: string, start: number, end: number): [number, number] {
  const s = codePointToUtf16(text, start);
  return [s, Math.max(s, codePointToUtf16(text, end))];
}

/**
 * Keeps only the newest of several overlapping requests: take a ticket with `next()` before asking,
 * and use the answer only if `isLatest(ticket)` still holds when it arrives.
 */
export class LatestOnly {
  private seq = 0;

  next(): number {
    return ++this.seq;
  }

  isLatest(ticket: number): boolean {
    return ticket === this.seq;
  }

  /** Make every ticket handed out so far stale (e.g. the query was cleared). */
  cancel(): void {
    this.seq++;
  }
}

/**
 * Replace the text `pasted` that was put at UTF-16 offset `start` of `value` by `replacement`.
 * If the field changed since and the pasted text is no longer at that place, its first occurrence is
 * replaced instead; null when it is nowhere in the field any more.
 */
export function replacePasted(value: string, start: number, pasted: string, replacement: string): string | null {
  if (pasted === "") return null;
  const at = value.startsWith(pasted, start) ? start : value.indexOf(pasted);
  if (at < 0) return null;
  return value.slice(0, at) + replacement + value.slice(at + pasted.length);
}
