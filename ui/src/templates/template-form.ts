// Pure parts of the template screen: the gallery's search, the form's values and their
// conversion to what the core takes, and reading a preview answer. No Svelte, no Tauri.
import type {
  Field,
  IpcError,
  Lang,
  Localized,
  TemplateCategory,
  TemplateInfo,
  TemplatePreviewInfo,
  TemplateRequest,
  TemplateSize,
  TemplateValue,
} from "../shared/bindings";
import { foldForSearch } from "../shared/text";

export const TEMPLATE_SIZES: TemplateSize[] = ["1080x1350", "1080x1080", "1200x630", "a4", "a3"];
export const CATEGORIES: TemplateCategory[] = [
  "warning",
  "health",
  "admin",
  "event",
  "feature",
  "community",
  "utility",
  "figures",
];

/** The officer's data by field key, as the core takes it. */
export type TemplateData = TemplateRequest["data"];

/** A table field's columns (absent from the manifest for other types). */
export const columnsOf = (field: Field) => field.columns ?? [];

export const categoryMessageId = (c: TemplateCategory) => `template-category-${c}`;
export const sizeMessageId = (s: TemplateSize) => `ui-templates-size-${s}`;

/**
 * Datetime values carry this offset. Officers post for their commune in Vietnam, which keeps
 * UTC+7 all year (no daylight saving); the layout shows the wall-clock time as typed, so the offset
 * only matters to whoever reads the data afterwards, and a laptop set to the wrong zone must not
 * shift the time on a poster.
 */
export const VIETNAM_OFFSET = "+07:00";

/** A text in the UI's language, or the other one when that is empty. */
export function localized(text: Localized | null | undefined, lang: Lang): string {
  if (!text) return "";
  const first = lang === "vi" ? text.vi : text.en;
  const second = lang === "vi" ? text.en : text.vi;
  return first.trim() ? first : second;
}

/** Whether a template matches the search: every word of the query, diacritics and case folded, in
 * its Vietnamese or English name ("mua lon" finds "Cảnh báo mưa lớn"). */
export function matchesQuery(info: TemplateInfo, query: string): boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const m = info.manifest;
  const names = [m.name.vi, m.name.en].map(foldForSearch);
  return words.every((w) => names.some((n) => n.includes(w)));
}

/** The templates a gallery shows for a query and a category (null: every category); the ones the
 * officer hid only when `withHidden`. */
export function filterTemplates(
  list: TemplateInfo[],
  query: string,
  category: TemplateCategory | null,
  withHidden = false,
): TemplateInfo[] {
  return list.filter(
    (t) => (withHidden || !t.hidden) && (category === null || t.manifest.category === category) && matchesQuery(t, query),
  );
}

/** The categories that have at least one template, in the fixed order. */
export function presentCategories(list: TemplateInfo[]): TemplateCategory[] {
  const present = new Set(list.map((t) => t.manifest.category));
  return CATEGORIES.filter((c) => present.has(c));
}

/** What an image field holds in the form. */
export type ImageChoice = { kind: "photo"; mediaId: number; name: string } | { kind: "file"; path: string; name: string };

/** One field's state in the form: text for most inputs, lines for a list, cells for a table. */
export type FormValue =
  | { kind: "text"; text: string }
  | { kind: "list"; text: string }
  | { kind: "table"; rows: string[][] }
  | { kind: "image"; image: ImageChoice | null };

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "2025-07-29T07:30:00+07:00" → "2025-07-29T07:30" (the wall-clock time as written, which is
 * what the poster shows); a value already in input form stays as it is. */
export function datetimeToInput(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value.trim());
  return m ? `${m[1]}T${m[2]}` : "";
}

/** "2025-07-29T07:30" → "2025-07-29T07:30:00+07:00"; "" stays "". */
export function inputToDatetime(value: string, offset: string = VIETNAM_OFFSET): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!m) return value.trim();
  return `${m[1]}T${m[2]}${m[3] ?? ":00"}${offset}`;
}

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A date input's value as the poster writes it ("Thứ Ba, 29/7/2025", "Tuesday, 29 July 2025"),
 * shown under the field so the officer can check the weekday. A date-time adds its time ("7:30, Thứ Ba, 29/7/2025"). "" for no date.
 */
export function dateDisplay(value: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value.trim());
  if (!m) return "";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return "";
  const weekday = WEEKDAYS[lang][date.getUTCDay()];
  const day = lang === "vi" ? `${weekday}, ${d}/${mo}/${y}` : `${weekday}, ${d} ${MONTHS_EN[mo - 1]} ${y}`;
  if (m[4] === undefined) return day;
  const [h, min] = [Number(m[4]), m[5]];
  const time = lang === "vi" ? `${h}:${min}` : `${((h + 11) % 12) + 1}:${min} ${h < 12 ? "AM" : "PM"}`;
  return `${time}, ${day}`;
}

/** "07:30:00" (some inputs add seconds) → "07:30". */
export function timeToInput(value: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(value.trim());
  return m ? `${m[1].padStart(2, "0")}:${m[2]}` : "";
}

export function emptyRow(field: Field): string[] {
  return columnsOf(field).map(() => "");
}

/** The form's state for one field, from a value of the core (the sample, or nothing). */
export function toFormValue(field: Field, value: TemplateValue | null | undefined): FormValue {
  switch (field.type) {
    case "list": {
      const items = Array.isArray(value) ? (value as unknown[]).map(String) : typeof value === "string" ? [value] : [];
      return { kind: "list", text: items.join("\n") };
    }
    case "table": {
      const rows = Array.isArray(value)
        ? (value as unknown[]).map((r) => {
            const cells = Array.isArray(r) ? r.map(String) : [String(r)];
            const row = emptyRow(field);
            cells.slice(0, row.length).forEach((c, i) => (row[i] = c));
            return row;
          })
        : [];
      return { kind: "table", rows: rows.length > 0 ? rows : [emptyRow(field)] };
    }
    case "image": {
      if (value && typeof value === "object" && "media_id" in value) {
        return { kind: "image", image: { kind: "photo", mediaId: value.media_id, name: "" } };
      }
      if (typeof value === "string" && value.trim()) {
        return { kind: "image", image: { kind: "file", path: value, name: fileName(value) } };
      }
      return { kind: "image", image: null };
    }
    case "datetime":
      return { kind: "text", text: typeof value === "string" ? datetimeToInput(value) : "" };
    case "time":
      return { kind: "text", text: typeof value === "string" ? timeToInput(value) : "" };
    default:
      return { kind: "text", text: typeof value === "string" ? value : "" };
  }
}

/** One field's value as the core takes it: NFC text, items without blank lines, rows without
 * empty ones; `null` when nothing was filled in. */
export function fromFormValue(field: Field, v: FormValue): TemplateValue | null {
  switch (v.kind) {
    case "list": {
      const items = v.text
        .normalize("NFC")
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      return items.length > 0 ? items : null;
    }
    case "table": {
      const rows = v.rows
        .map((r) => r.map((c) => c.normalize("NFC").trim()))
        .filter((r) => r.some((c) => c !== ""));
      return rows.length > 0 ? rows : null;
    }
    case "image":
      if (!v.image) return null;
      return v.image.kind === "photo" ? { media_id: v.image.mediaId } : v.image.path;
    case "text": {
      const text = field.type === "multiline" ? v.text.normalize("NFC") : v.text.normalize("NFC").trim();
      if (!text.trim()) return null;
      if (field.type === "datetime") return inputToDatetime(text);
      return text;
    }
  }
}

/** The whole form as the core's data. */
export function formData(fields: Field[], values: Record<string, FormValue>): TemplateData {
  const out: TemplateData = {};
  for (const f of fields) {
    const v = values[f.key];
    out[f.key] = v ? fromFormValue(f, v) : null;
  }
  return out;
}

/** Characters as the engine counts them (Unicode scalar values of the NFC text). */
export function charCount(text: string): number {
  return Array.from(text.normalize("NFC")).length;
}

/** The key of the field an error is about (the core puts it in `args.key` for data errors). */
export function errorFieldKey(e: IpcError | null): string | null {
  if (!e || e.code !== "template" || !e.message_id.startsWith("template-error-")) return null;
  return e.args.key ?? null;
}

/** A `template_preview` answer: a 4-byte big-endian length, that many bytes of JSON, the PNG. */
export function splitPreview(body: ArrayBuffer): { info: TemplatePreviewInfo; png: Blob } {
  if (body.byteLength < 4) throw new Error("preview answer too short");
  const len = new DataView(body).getUint32(0, false);
  if (4 + len > body.byteLength) throw new Error("preview answer truncated");
  const info = JSON.parse(new TextDecoder().decode(new Uint8Array(body, 4, len))) as TemplatePreviewInfo;
  const png = new Blob([body.slice(4 + len)], { type: "image/png" });
  return { info, png };
}

/** A field's sample as the grey placeholder of its input ("" for none): list items one per line,
 * a date-time as the poster writes it. */
export function placeholderOf(field: Field, sample: TemplateValue | null | undefined, lang: Lang): string {
  if (sample === null || sample === undefined) return "";
  const v = toFormValue(field, sample);
  switch (v.kind) {
    case "list":
      return v.text;
    case "table":
      return v.rows.map((r) => r.filter(Boolean).join(" · ")).join("\n");
    case "image":
      return "";
    case "text":
      if (field.type === "date" || field.type === "datetime") return dateDisplay(v.text, lang);
      if (field.type === "choice") return localized(field.options?.find((o) => o.value === v.text)?.label, lang);
      return v.text;
  }
}

/** The wall-clock time in Vietnam (UTC+7, no daylight saving) as a datetime input's value. */
export function nowInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

/** The key of the field that says when a notice was issued: it starts at "now". */
export const ISSUED_KEY = "issued";

/** The form a template opens with: the commune profile's values (`prefill`: the commune, its
 * province, its logo), the issue date-time at now, every other field empty (the sample is only a
 * placeholder). */
export function initialValues(fields: Field[], now: Date, prefill: TemplateData = {}): Record<string, FormValue> {
  return Object.fromEntries(
    fields.map((f) => [
      f.key,
      f.key === ISSUED_KEY && f.type === "datetime" ? { kind: "text", text: nowInVietnam(now) } : toFormValue(f, prefill[f.key] ?? null),
    ]),
  );
}

/** What the preview draws: the officer's values, and the sample for a required field still blank
 * (so the layout can be seen from the start). "Create draft" refuses those blanks. */
export function previewData(fields: Field[], values: Record<string, FormValue>, sample: TemplateData | null): TemplateData {
  const data = formData(fields, values);
  if (!sample) return data;
  for (const f of fields) if (f.required && data[f.key] === null && sample[f.key] != null) data[f.key] = sample[f.key] ?? null;
  return data;
}

/** Templates whose dates announce something to come: a date in the past there is stale. */
const SCHEDULED: TemplateCategory[] = ["warning", "event", "utility", "health", "admin"];
/** An issue time older than this is a notice from another day. */
const ISSUED_MAX_AGE_MS = 24 * 3600_000;

/** Why "Create draft" is refused, naming the field; null when the form may be used. */
export interface FormRefusal {
  key: string;
  messageId: "ui-templates-refuse-empty" | "ui-templates-refuse-sample" | "ui-templates-refuse-past";
}

/** Shorter than this, a sample's text is a value anyone may really use ("112", "Cấp 3"), not its
 * wording. */
const SAMPLE_MIN_CHARS = 10;

function sameValue(a: TemplateValue | null | undefined, b: TemplateValue | null | undefined): boolean {
  if (a == null || b == null) return false;
  const json = JSON.stringify(a);
  return json === JSON.stringify(b) && charCount(typeof a === "string" ? a : json) >= SAMPLE_MIN_CHARS;
}

/** Minutes since the epoch of a "YYYY-MM-DDTHH:MM" wall-clock time in Vietnam. */
function vietnamMs(input: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(input.trim());
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) - 7 * 3600_000;
}

/**
 * The first field that keeps "Create draft" from making a post with stale or foreign data: a
 * required field left blank, a field still equal to the sample (in either language), or — for
 * warnings and schedules — a date already past (an issue time more than a day old).
 */
export function refusal(
  fields: Field[],
  category: TemplateCategory,
  values: Record<string, FormValue>,
  samples: (TemplateData | null)[],
  now: Date,
): FormRefusal | null {
  const data = formData(fields, values);
  const today = vietnamMs(nowInVietnam(now).slice(0, 10)) ?? 0;
  for (const f of fields) {
    const v = data[f.key];
    if (v === null) {
      if (f.required) return { key: f.key, messageId: "ui-templates-refuse-empty" };
      continue;
    }
    // A choice is a pick among a few values and a time of day repeats: neither is "the sample's".
    const comparable = f.type !== "choice" && f.type !== "time" && f.key !== ISSUED_KEY;
    if (comparable && samples.some((s) => s && sameValue(s[f.key], v))) return { key: f.key, messageId: "ui-templates-refuse-sample" };
    if (!SCHEDULED.includes(category) || (f.type !== "date" && f.type !== "datetime")) continue;
    const input = values[f.key]?.kind === "text" ? (values[f.key] as { text: string }).text : "";
    const at = vietnamMs(input);
    if (at === null) continue;
    const past =
      f.key === ISSUED_KEY ? at < now.getTime() - ISSUED_MAX_AGE_MS : f.type === "date" ? at < today : at < now.getTime();
    if (past) return { key: f.key, messageId: "ui-templates-refuse-past" };
  }
  return null;
}

/** Every message id a refusal may show (the locale tests check each exists). */
export const REFUSAL_MESSAGE_IDS: FormRefusal["messageId"][] = ["ui-templates-refuse-empty", "ui-templates-refuse-sample", "ui-templates-refuse-past"];
