import { describe, expect, it } from "vitest";
import {
  cleanPastedText,
  countChars,
  formatDateTime,
  foldForSearch,
  formatInteger,
  nfcOffset,
  normalizeWithSelection,
  parseTimestamp,
} from "./text";

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

describe("formatInteger", () => {
  it("groups digits the Vietnamese way", () => {
    expect(formatInteger(0, "vi")).toBe("0");
    expect(formatInteger(999, "vi")).toBe("999");
    expect(formatInteger(1234, "vi")).toBe("1.234");
    expect(formatInteger(63206, "vi")).toBe("63.206");
    expect(formatInteger(1234567, "vi")).toBe("1.234.567");
    expect(formatInteger(-1500, "vi")).toBe("-1.500");
  });

  it("groups digits the English way", () => {
    expect(formatInteger(63206, "en")).toBe("63,206");
    expect(formatInteger(100000, "en")).toBe("100,000");
  });
});

describe("timestamps", () => {
  it("formats as dd/mm/yyyy HH:mm in local time", () => {
    const d = new Date(2025, 4, 7, 8, 5);
    expect(formatDateTime(d.toISOString())).toBe("07/05/2025 08:05");
  });

  it("accepts SQLite's UTC format and RFC 3339 with offset", () => {
    expect(parseTimestamp("2025-05-07 01:05:00")?.toISOString()).toBe("2025-05-07T01:05:00.000Z");
    expect(parseTimestamp("2025-05-07T08:05:00+07:00")?.toISOString()).toBe("2025-05-07T01:05:00.000Z");
  });

  it("shows unparsable input as is", () => {
    expect(formatDateTime("not a date")).toBe("not a date");
    expect(parseTimestamp("")).toBeNull();
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
