import { describe, expect, it } from "vitest";
import { cleanPastedText, countChars, foldForSearch, nfcOffset, normalizeWithSelection } from "./text";

const DECOMPOSED = "Mu\u031bo\u031b\u0300ng"; // "Mường" typed as base letters + combining marks

describe("normalizeWithSelection", () => {
  it("returns the same object when the text is already NFC", () => {
    const input = { value: "Mường Tè", selectionStart: 3, selectionEnd: 3 };
    expect(normalizeWithSelection(input)).toBe(input);
  });

  it("composes decomposed Vietnamese and keeps the caret at the end", () => {
    const out = normalizeWithSelection({ value: DECOMPOSED, selectionStart: DECOMPOSED.length, selectionEnd: DECOMPOSED.length });
    expect(out.value).toBe("Mường");
    expect(out.selectionStart).toBe(5);
    expect(out.selectionEnd).toBe(5);
  });

  it("keeps the caret in the middle at the same logical place", () => {
    const value = `${DECOMPOSED} Te\u0300`; // caret after "Mường"
    const out = normalizeWithSelection({ value, selectionStart: DECOMPOSED.length, selectionEnd: value.length });
    expect(out.value).toBe("Mường Tè");
    expect(out.selectionStart).toBe(5);
    expect(out.selectionEnd).toBe(8);
  });

  it("never puts the caret inside a composed letter", () => {
    // Caret between "u" and its combining horn.
    const off = nfcOffset("Mu\u031b", 2);
    expect(off).toBe(2);
    expect("Mu\u031b".normalize("NFC").length).toBe(2);
  });

  it("handles a caret before text that gets composed", () => {
    const value = `ab ${"e\u0302"}`;
    expect(nfcOffset(value, 1)).toBe(1);
    expect(nfcOffset(value, value.length)).toBe(4);
  });

  it("clamps out-of-range offsets", () => {
    expect(nfcOffset("abc", 99)).toBe(3);
    expect(nfcOffset("abc", -2)).toBe(0);
  });
});

describe("cleanPastedText", () => {
  it("normalizes to NFC and unifies line breaks, keeping links and hashtags", () => {
    const raw = "Đa\u0306k La\u0306k\r\n#Pho\u0300ngChố\u0301ng https://example.vn/a?b=1\rend";
    expect(cleanPastedText(raw)).toBe("Đăk Lăk\n#PhòngChố\u0301ng https://example.vn/a?b=1\nend".normalize("NFC"));
  });
});

describe("countChars", () => {
  it("counts NFC characters", () => {
    expect(countChars(DECOMPOSED)).toBe(5);
    expect(countChars("Đắk Lắk")).toBe(7);
    expect(countChars("")).toBe(0);
    expect(countChars("a\nb")).toBe(3);
  });
});

describe("foldForSearch", () => {
  it("drops diacritics and folds đ to d", () => {
    expect(foldForSearch("Cảnh báo lũ quét ở Mường Tè")).toBe("canh bao lu quet o muong te");
    expect(foldForSearch("Đường làng")).toBe("duong lang");
  });

  it("keeps one character per character, also for decomposed input and emoji", () => {
    const text = "🌧 Mu\u031bo\u031b\u0300ng";
    expect(foldForSearch(text)).toBe("🌧 muong");
    expect(Array.from(foldForSearch(text)).length).toBe(Array.from(text.normalize("NFC")).length);
  });
});
