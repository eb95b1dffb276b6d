// Every message id the UI asks for must exist in both the Vietnamese and the English locale.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { LANGS, STATUSES, TOPICS, langMessageId, statusMessageId, topicMessageId } from "../drafts/options";
import { UNEXPECTED_ERROR_ID } from "../shared/errors";
import { patternMessageId } from "../shared/datetime-input";
import { POSITIONS, PRESETS, positionMessageId, presetMessageId } from "../media/media.svelte";
import { CHANNEL_KINDS, COMPUTED_MESSAGE_IDS } from "../publish/publish";
import { ZALO_PICTURE_IDS } from "../publish/connect";
import { WATERMARK_CHOICES, languageNameMessageId, watermarkChoiceMessageId } from "../settings/profile.svelte";
import { SECTIONS } from "../settings/sections";
import { CALENDAR_COMPUTED_IDS } from "../calendar/messages";
import { CATEGORIES, REFUSAL_MESSAGE_IDS, TEMPLATE_SIZES, categoryMessageId, sizeMessageId } from "../templates/template-form";

// The whole UI (every feature folder), not only the shell's.
const srcDir = fileURLToPath(new URL("..", import.meta.url));
const localesDir = fileURLToPath(new URL("../../../locales", import.meta.url));
const LOCALES = ["vi", "en"] as const;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(svelte|ts)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

function messageIds(locale: string, only?: string): Set<string> {
  const dir = join(localesDir, locale);
  const ids = new Set<string>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".ftl") || (only && name !== only)) continue;
    const res = new FluentResource(readFileSync(join(dir, name), "utf8"));
    for (const msg of res.body) ids.add(msg.id);
  }
  return ids;
}

/** Literal ids passed to t(): t("id") or t('id'). */
function usedIds(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const re = /\bt\(\s*(["'])([A-Za-z][\w-]*)\1/g;
  for (const file of walk(srcDir)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(re)) {
      const list = used.get(m[2]) ?? [];
      list.push(relative(srcDir, file));
      used.set(m[2], list);
    }
  }
  return used;
}

describe("Fluent message ids", () => {
  const used = usedIds();

  it("finds the ids the UI uses", () => {
    expect(used.size).toBeGreaterThan(20);
    expect(used.has("ui-draft-new")).toBe(true);
  });

  for (const locale of LOCALES) {
    it(`every t("…") id exists in locales/${locale}`, () => {
      const ids = messageIds(locale);
      const missing = [...used.entries()].filter(([id]) => !ids.has(id)).map(([id, files]) => `${id} (${files.join(", ")})`);
      expect(missing).toEqual([]);
    });

    it(`every computed id (languages, topics, statuses, errors) exists in locales/${locale}`, () => {
      const ids = messageIds(locale);
      const computed = [
        ...LANGS.map(langMessageId),
        ...TOPICS.map(topicMessageId),
        ...STATUSES.map(statusMessageId),
        ...PRESETS.map(presetMessageId),
        ...POSITIONS.map(positionMessageId),
        ...CATEGORIES.map(categoryMessageId),
        ...TEMPLATE_SIZES.map(sizeMessageId),
        UNEXPECTED_ERROR_ID,
        "ui-media-preview-only",
        "ui-publish-preview-only",
        ...COMPUTED_MESSAGE_IDS,
        ...ZALO_PICTURE_IDS,
        ...REFUSAL_MESSAGE_IDS,
        ...["online", "offline", "partial", "none"].map((s) => `ui-online-${s}`),
        ...CHANNEL_KINDS.map((k) => `ui-channel-name-placeholder-${k}`),
        ...WATERMARK_CHOICES.map(watermarkChoiceMessageId),
        ...LANGS.map(languageNameMessageId),
        ...["province", "city"].map((k) => `profile-province-kind-${k}`),
        ...SECTIONS.map((s) => s.titleId),
        ...(["date", "time", "datetime"] as const).map(patternMessageId),
        ...["now", "minutes", "hours", "yesterday", "date"].map((w) => `ui-ago-${w}`),
        ...CALENDAR_COMPUTED_IDS,
      ];
      expect(computed.filter((id) => !ids.has(id))).toEqual([]);
    });
  }

  for (const file of ["ui.ftl", "ui-publish.ftl", "ui-templates.ftl", "ui-settings.ftl", "ui-connect.ftl", "ui-reports.ftl", "ui-datetime.ftl", "ui-calendar.ftl"]) {
    it(`${file} defines the same ids in Vietnamese and English`, () => {
      const vi = messageIds("vi", file);
      const en = messageIds("en", file);
      expect(vi.size).toBeGreaterThan(0);
      expect([...vi].filter((id) => !en.has(id))).toEqual([]);
      expect([...en].filter((id) => !vi.has(id))).toEqual([]);
    });

    it(`${file} files parse without junk`, () => {
      for (const locale of LOCALES) {
        const text = readFileSync(join(localesDir, locale, file), "utf8");
        const entries = text.split("\n").filter((l) => /^[a-z][\w-]*\s*=/.test(l)).length;
        expect(new FluentResource(text).body.length).toBe(entries);
      }
    });
  }

  it("no id is defined twice across the locale files (the UI loads them all into one bundle)", () => {
    for (const locale of LOCALES) {
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const name of readdirSync(join(localesDir, locale)).filter((n) => n.endsWith(".ftl"))) {
        for (const msg of new FluentResource(readFileSync(join(localesDir, locale, name), "utf8")).body) {
          if (seen.has(msg.id)) twice.push(`${locale}: ${msg.id} in ${seen.get(msg.id)} and ${name}`);
          else seen.set(msg.id, name);
        }
      }
      expect(twice).toEqual([]);
    }
  });
});
