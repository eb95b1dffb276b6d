import { describe, expect, it } from "vitest";
import type { Field, TemplateInfo, TemplatePreviewInfo } from "../shared/bindings";
import {
  dateDisplay,
  datetimeToInput,
  errorFieldKey,
  filterTemplates,
  formData,
  type FormValue,
  fromFormValue,
  initialValues,
  inputToDatetime,
  localized,
  matchesQuery,
  nowInVietnam,
  placeholderOf,
  presentCategories,
  previewData,
  refusal,
  splitPreview,
  timeToInput,
  toFormValue,
} from "./template-form";

function info(id: string, vi: string, en: string, category: TemplateInfo["manifest"]["category"] = "warning"): TemplateInfo {
  return {
    origin: "builtin",
    pack_id: "loa-builtin",
    pack_version: 1,
    updated_at: "2025-07-29T00:00:00Z",
    hidden: false,
    manifest: { id, version: 1, category, name: { vi, en }, description: null, sizes: ["1080x1350"], fields: [] },
  } as TemplateInfo;
}

function field(key: string, type: Field["type"], extra: Partial<Field> = {}): Field {
  return {
    key,
    type,
    required: false,
    max_len: null,
    max_items: null,
    label: { vi: key, en: key },
    help: null,
    options: [],
    columns: [],
    ...extra,
  } as Field;
}

const LIST = [
  info("heavy-rain", "Cảnh báo mưa lớn", "Heavy rain warning"),
  info("landslide-flood", "Cảnh báo lũ quét, sạt lở đất", "Flash flood and landslide warning"),
  info("vaccination", "Lịch tiêm chủng", "Vaccination schedule", "health"),
  info("outage", "Thông báo tạm ngừng cấp điện, nước", "Power or water outage notice", "utility"),
];

describe("gallery search", () => {
  it("finds a Vietnamese name typed without diacritics", () => {
    expect(filterTemplates(LIST, "mua lon", null).map((t) => t.manifest.id)).toEqual(["heavy-rain"]);
    expect(filterTemplates(LIST, "MƯA LỚN", null).map((t) => t.manifest.id)).toEqual(["heavy-rain"]);
  });

  it("finds by the English name too, and needs every word", () => {
    expect(matchesQuery(LIST[2], "vaccination")).toBe(true);
    expect(matchesQuery(LIST[2], "tiem chung")).toBe(true);
    expect(matchesQuery(LIST[2], "tiem rain")).toBe(false);
    expect(filterTemplates(LIST, "canh bao", null).map((t) => t.manifest.id)).toEqual(["heavy-rain", "landslide-flood"]);
  });

  it("folds đ and decomposed input", () => {
    expect(matchesQuery(LIST[3], "dien nuoc")).toBe(true);
    expect(matchesQuery(LIST[3], "đie\u0302\u0323n")).toBe(true);
  });

  it("filters by category and lists the present categories in order", () => {
    expect(filterTemplates(LIST, "", "health").map((t) => t.manifest.id)).toEqual(["vaccination"]);
    expect(filterTemplates(LIST, "  ", null)).toHaveLength(4);
    // A template the officer hid stays out of the gallery until hidden ones are asked for.
    const hiding = LIST.map((t) => (t.manifest.id === "heavy-rain" ? { ...t, hidden: true } : t));
    expect(filterTemplates(hiding, "", null).map((t) => t.manifest.id)).not.toContain("heavy-rain");
    expect(filterTemplates(hiding, "", null, true).map((t) => t.manifest.id)).toContain("heavy-rain");
    expect(presentCategories(LIST)).toEqual(["warning", "health", "utility"]);
  });

  it("falls back to the other language for an empty text", () => {
    expect(localized({ vi: "", en: "Only English" }, "vi")).toBe("Only English");
    expect(localized({ vi: "Tiếng Việt", en: "English" }, "en")).toBe("English");
  });
});

describe("form values", () => {
  it("converts datetime-local to RFC 3339 at +07:00 and back", () => {
    expect(inputToDatetime("2025-07-29T07:30")).toBe("2025-07-29T07:30:00+07:00");
    expect(inputToDatetime("2025-07-29T07:30:15")).toBe("2025-07-29T07:30:15+07:00");
    expect(datetimeToInput("2025-07-29T07:30:00+07:00")).toBe("2025-07-29T07:30");
    // The wall-clock time is kept as written, whatever the offset.
    expect(datetimeToInput("2025-07-29T23:05:00Z")).toBe("2025-07-29T23:05");
    expect(datetimeToInput("nonsense")).toBe("");
    expect(timeToInput("7:30")).toBe("07:30");
    expect(timeToInput("16:30:00")).toBe("16:30");
  });

  it("writes dates the way the poster does, whatever the computer's date format", () => {
    expect(dateDisplay("2025-07-29", "vi")).toBe("Thứ Ba, 29/7/2025");
    expect(dateDisplay("2025-07-27", "vi")).toBe("Chủ Nhật, 27/7/2025");
    expect(dateDisplay("2025-07-29", "en")).toBe("Tuesday, 29 July 2025");
    expect(dateDisplay("2025-07-29T07:30", "vi")).toBe("7:30, Thứ Ba, 29/7/2025");
    expect(dateDisplay("2025-07-29T13:05", "en")).toBe("1:05 PM, Tuesday, 29 July 2025");
    expect(dateDisplay("2025-02-30", "vi")).toBe("");
    expect(dateDisplay("", "vi")).toBe("");
  });

  it("round-trips the sample's shapes through the form", () => {
    const list = field("areas", "list");
    const table = field("hours", "table", {
      columns: [
        { key: "day", label: { vi: "Thứ", en: "Day" } },
        { key: "time", label: { vi: "Giờ", en: "Time" } },
      ],
    });
    const when = field("at", "datetime");
    expect(fromFormValue(list, toFormValue(list, ["Thôn A", "Bản B"]))).toEqual(["Thôn A", "Bản B"]);
    expect(fromFormValue(table, toFormValue(table, [["Thứ Hai", "7:30"], ["Thứ Năm"]]))).toEqual([
      ["Thứ Hai", "7:30"],
      ["Thứ Năm", ""],
    ]);
    expect(fromFormValue(when, toFormValue(when, "2025-07-29T07:30:00+07:00"))).toBe("2025-07-29T07:30:00+07:00");
  });

  it("sends NFC text, drops blank lines and empty rows, and null for nothing", () => {
    const text = field("title", "text");
    const multi = field("note", "multiline");
    const list = field("areas", "list");
    const table = field("hours", "table", { columns: [{ key: "a", label: { vi: "A", en: "A" } }] });
    const decomposed = "Mu\u031bo\u031b\u0300i";
    expect(fromFormValue(text, { kind: "text", text: `  ${decomposed} ` })).toBe("Mười");
    expect(fromFormValue(multi, { kind: "text", text: "dòng 1\ndòng 2" })).toBe("dòng 1\ndòng 2");
    expect(fromFormValue(text, { kind: "text", text: "   " })).toBeNull();
    expect(fromFormValue(list, { kind: "list", text: "a\n\n  b  \n" })).toEqual(["a", "b"]);
    expect(fromFormValue(list, { kind: "list", text: "\n \n" })).toBeNull();
    expect(fromFormValue(table, { kind: "table", rows: [[""], ["x"]] })).toEqual([["x"]]);
    expect(fromFormValue(table, { kind: "table", rows: [[" "]] })).toBeNull();
  });

  it("sends a library photo by id and a file by path", () => {
    const img = field("photo", "image");
    expect(fromFormValue(img, { kind: "image", image: { kind: "photo", mediaId: 7, name: "a.jpg" } })).toEqual({ media_id: 7 });
    expect(fromFormValue(img, toFormValue(img, "/tmp/x/sample.jpg"))).toBe("/tmp/x/sample.jpg");
    expect(toFormValue(img, "/tmp/x/sample.jpg")).toEqual({ kind: "image", image: { kind: "file", path: "/tmp/x/sample.jpg", name: "sample.jpg" } });
    expect(fromFormValue(img, toFormValue(img, null))).toBeNull();
  });

  it("builds the whole data object, every field present", () => {
    const fields = [field("title", "text"), field("level", "choice"), field("photo", "image")];
    const values = { title: toFormValue(fields[0], "Mưa"), level: toFormValue(fields[1], "3") };
    expect(formData(fields, values)).toEqual({ title: "Mưa", level: "3", photo: null });
  });
});

describe("errors and previews", () => {
  it("names the field of a data error only", () => {
    expect(errorFieldKey({ code: "template", message_id: "template-error-missing-field", args: { key: "title", label: "Tiêu đề" } })).toBe("title");
    expect(errorFieldKey({ code: "template", message_id: "render-error-typst", args: { detail: "x" } })).toBeNull();
    expect(errorFieldKey({ code: "internal", message_id: "error-internal", args: {} })).toBeNull();
    expect(errorFieldKey(null)).toBeNull();
  });

  it("splits a preview answer into its description and the PNG", async () => {
    const info: TemplatePreviewInfo = { width: 1080, height: 1350, caption: "Mưa lớn", render_ms: 42.5, total_ms: 45 };
    const head = new TextEncoder().encode(JSON.stringify(info));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const body = new Uint8Array(4 + head.length + png.length);
    new DataView(body.buffer).setUint32(0, head.length, false);
    body.set(head, 4);
    body.set(png, 4 + head.length);
    const out = splitPreview(body.buffer);
    expect(out.info).toEqual(info);
    expect(out.png.type).toBe("image/png");
    expect(new Uint8Array(await out.png.arrayBuffer())).toEqual(png);
    expect(() => splitPreview(new ArrayBuffer(2))).toThrow();
  });
});

// A template never publishes stale or foreign data: empty form, issue time at now, and the
// refusals of "Create draft" (blank required field, the sample's text, a past date).
const text = (s: string): FormValue => ({ kind: "text", text: s });
// 29/7/2025 03:00 UTC is 10:00 in Vietnam.
const NOW = new Date(Date.UTC(2025, 6, 29, 3, 0));

describe("fresh template data", () => {
  const fields = [
    field("commune", "text", { required: true }),
    field("hotline", "text", { required: true }),
    field("areas", "list"),
    field("at", "datetime", { required: true }),
    field("issued", "datetime"),
  ];
  const sample = {
    commune: "UBND xã Nậm Cang",
    hotline: "112",
    areas: ["Thôn Nậm Cang", "Thôn Sín Chải"],
    at: "2025-07-20T08:00:00+07:00",
    issued: "2025-07-20T10:00:00+07:00",
  };

  it("opens empty, with the issue time at now in Vietnam", () => {
    expect(nowInVietnam(NOW)).toBe("2025-07-29T10:00");
    const v = initialValues(fields, NOW);
    expect(v.commune).toEqual(text(""));
    expect(v.areas).toEqual({ kind: "list", text: "" });
    expect(v.at).toEqual(text(""));
    expect(v.issued).toEqual(text("2025-07-29T10:00"));
  });

  it("takes the commune from the profile as a real value, and nothing else", () => {
    const v = initialValues(fields, NOW, { commune: "UBND xã Bản Xèo" });
    expect(v.commune).toEqual(text("UBND xã Bản Xèo"));
    expect(v.at).toEqual(text(""));
    const filled = { ...v, at: text("2025-08-01T08:00"), areas: { kind: "list" as const, text: "Thôn Bản Xèo" } };
    expect(refusal(fields, "event", { ...filled, hotline: text("0214 3871 234") }, [sample], NOW)).toBeNull();
  });

  it("shows the sample as a placeholder and in the preview of blank required fields only", () => {
    expect(placeholderOf(fields[0], sample.commune, "vi")).toBe("UBND xã Nậm Cang");
    expect(placeholderOf(fields[2], sample.areas, "vi")).toBe("Thôn Nậm Cang\nThôn Sín Chải");
    expect(placeholderOf(fields[3], sample.at, "vi")).toBe("8:00, Chủ Nhật, 20/7/2025");
    const v = { ...initialValues(fields, NOW), hotline: text("0214 3871 234") };
    const data = previewData(fields, v, sample);
    expect(data.commune).toBe("UBND xã Nậm Cang");
    expect(data.hotline).toBe("0214 3871 234");
    expect(data.areas).toBeNull();
  });

  it("refuses a blank required field, the sample's text and a past date, naming the field", () => {
    const filled: Record<string, FormValue> = {
      commune: text("UBND xã Bản Xèo"),
      hotline: text("112"),
      areas: { kind: "list", text: "Thôn Nậm Cang\nThôn Sín Chải" },
      at: text("2025-07-30T08:00"),
      issued: text("2025-07-29T10:00"),
    };
    expect(refusal(fields, "event", { ...filled, commune: text(" ") }, [sample], NOW)).toEqual({ key: "commune", messageId: "ui-templates-refuse-empty" });
    expect(refusal(fields, "event", filled, [sample], NOW)).toEqual({ key: "areas", messageId: "ui-templates-refuse-sample" });
    const own = { ...filled, areas: { kind: "list", text: "Thôn Nậm Cang" } as FormValue };
    // "112" is the sample's hotline too, but a number anyone may really use.
    expect(refusal(fields, "event", own, [sample], NOW)).toBeNull();
    expect(refusal(fields, "event", { ...own, at: text("2025-07-29T09:59") }, [sample], NOW)).toEqual({ key: "at", messageId: "ui-templates-refuse-past" });
    // A feature story may tell of a day gone by.
    expect(refusal(fields, "feature", { ...own, at: text("2025-07-01T09:00") }, [sample], NOW)).toBeNull();
    // The issue time may be earlier today, not from another day.
    expect(refusal(fields, "warning", { ...own, issued: text("2025-07-29T07:00") }, [sample], NOW)).toBeNull();
    expect(refusal(fields, "warning", { ...own, issued: text("2025-07-28T09:00") }, [sample], NOW)).toEqual({ key: "issued", messageId: "ui-templates-refuse-past" });
    // The other language's sample counts too.
    expect(refusal(fields, "event", { ...own, commune: text("Nậm Cang Commune People's Committee") }, [sample, { commune: "Nậm Cang Commune People's Committee" }], NOW)).toEqual({
      key: "commune",
      messageId: "ui-templates-refuse-sample",
    });
  });

  it("refuses a date before today for a schedule", () => {
    const f = [field("date", "date", { required: true })];
    expect(refusal(f, "health", { date: text("2025-07-29") }, [], NOW)).toBeNull();
    expect(refusal(f, "health", { date: text("2025-07-28") }, [], NOW)).toEqual({ key: "date", messageId: "ui-templates-refuse-past" });
  });
});
