import { describe, expect, it } from "vitest";
import { LatestOnly, codePointRangeToUtf16, codePointToUtf16, highlightSegments, replacePasted, utf16ToCodePoint } from "./ranges";

describe("highlightSegments", () => {
  it("marks Vietnamese words by code point", () => {
    expect(highlightSegments("Cảnh báo lũ quét ở Mường Tè", [[9, 11], [12, 16]])).toEqual([
      { text: "Cảnh báo ", mark: false },
      { text: "lũ", mark: true },
      { text: " ", mark: false },
      { text: "quét", mark: true },
      { text: " ở Mường Tè", mark: false },
    ]);
  });

  it("counts an emoji as one character", () => {
    // "🌧" is two UTF-16 units but one code point.
    expect(highlightSegments("🌧 Mưa lớn 🌧", [[2, 5]])).toEqual([
      { text: "🌧 ", mark: false },
      { text: "Mưa", mark: true },
      { text: " lớn 🌧", mark: false },
    ]);
    expect(highlightSegments("a🇻🇳b", [[1, 3]])).toEqual([
      { text: "a", mark: false },
      { text: "🇻🇳", mark: true },
      { text: "b", mark: false },
    ]);
  });

  it("merges overlapping and adjacent ranges, in any order", () => {
    expect(highlightSegments("đường làng", [[3, 5], [0, 2], [1, 4]])).toEqual([
      { text: "đường", mark: true },
      { text: " làng", mark: false },
    ]);
  });

  it("clamps out-of-range offsets and ignores empty or inverted ranges", () => {
    expect(highlightSegments("lũ quét", [[-3, 2], [5, 99], [4, 4], [6, 3]])).toEqual([
      { text: "lũ", mark: true },
      { text: " qu", mark: false },
      { text: "ét", mark: true },
    ]);
  });

  it("returns the whole text unmarked without ranges, and nothing for an empty text", () => {
    expect(highlightSegments("Lịch tiêm chủng", [])).toEqual([{ text: "Lịch tiêm chủng", mark: false }]);
    expect(highlightSegments("", [[0, 3]])).toEqual([]);
  });
});

describe("code point ↔ UTF-16 offsets", () => {
  const text = "Số 🆔 001203004567 ở Mường Tè";

  it("is the identity for Vietnamese text in NFC", () => {
    const vi = "Cộng hoà xã hội";
    for (let i = 0; i <= vi.length; i++) {
      expect(codePointToUtf16(vi, i)).toBe(i);
      expect(utf16ToCodePoint(vi, i)).toBe(i);
    }
  });

  it("counts an emoji as two UTF-16 units", () => {
    // Code points: S ố space 🆔 space 0 …
    expect(codePointToUtf16(text, 3)).toBe(3);
    expect(codePointToUtf16(text, 4)).toBe(5);
    expect(codePointToUtf16(text, 5)).toBe(6);
    expect(utf16ToCodePoint(text, 5)).toBe(4);
    expect(utf16ToCodePoint(text, 6)).toBe(5);
  });

  it("round-trips every code-point offset", () => {
    const n = Array.from(text).length;
    for (let cp = 0; cp <= n; cp++) expect(utf16ToCodePoint(text, codePointToUtf16(text, cp))).toBe(cp);
  });

  it("selects the right digits after an emoji", () => {
    const cpStart = Array.from(text).indexOf("0");
    const [s, e] = codePointRangeToUtf16(text, cpStart, cpStart + 12);
    expect(text.slice(s, e)).toBe("001203004567");
  });

  it("clamps offsets outside the text", () => {
    expect(codePointToUtf16(text, -2)).toBe(0);
    expect(codePointToUtf16(text, 999)).toBe(text.length);
    expect(utf16ToCodePoint(text, 999)).toBe(Array.from(text).length);
    expect(codePointRangeToUtf16("abc", 2, 1)).toEqual([2, 2]);
  });

  it("counts a position inside a surrogate pair as after the pair", () => {
    expect(utf16ToCodePoint("🌧x", 1)).toBe(1);
  });
});

describe("LatestOnly", () => {
  it("keeps only the answer to the newest request", async () => {
    const gate = new LatestOnly();
    const shown: string[] = [];
    const ask = (query: string, ms: number) => {
      const ticket = gate.next();
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (gate.isLatest(ticket)) shown.push(query);
          resolve();
        }, ms),
      );
    };
    // "lu" answers last but was asked first: it must not replace "lu quet".
    await Promise.all([ask("lu", 30), ask("lu quet", 5)]);
    expect(shown).toEqual(["lu quet"]);
  });

  it("makes every pending ticket stale on cancel", () => {
    const gate = new LatestOnly();
    const a = gate.next();
    expect(gate.isLatest(a)).toBe(true);
    gate.cancel();
    expect(gate.isLatest(a)).toBe(false);
    const b = gate.next();
    expect(gate.isLatest(b)).toBe(true);
    expect(gate.isLatest(a)).toBe(false);
  });
});

describe("replacePasted", () => {
  const tcvn = "Céng hoµ x· héi";
  const unicode = "Cộng hoà xã hội";

  it("replaces exactly the pasted range", () => {
    const value = `Kính gửi: ${tcvn}. Trân trọng, ${tcvn}`;
    expect(replacePasted(value, 10, tcvn, unicode)).toBe(`Kính gửi: ${unicode}. Trân trọng, ${tcvn}`);
  });

  it("falls back to the first occurrence when the text moved", () => {
    const value = `Mở đầu. ${tcvn}`;
    expect(replacePasted(value, 0, tcvn, unicode)).toBe(`Mở đầu. ${unicode}`);
  });

  it("gives null when the pasted text is gone", () => {
    expect(replacePasted("Đã sửa tay", 0, tcvn, unicode)).toBeNull();
    expect(replacePasted("abc", 0, "", unicode)).toBeNull();
  });
});
