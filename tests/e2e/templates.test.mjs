// End-to-end test of the template screen in the real Loa window: the gallery (search without
// diacritics), the form of a template (empty, the sample as placeholders) with its live preview,
// the refusals of "create draft" (a blank field, the sample's text, a past date), the size selector,
// and "create draft" (the caption as the draft's text, the rendered image attached, the topic).
// Same prerequisites as app.test.mjs (tauri-driver, WebKitWebDriver, an X display, the built app).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { crc32 } from "node:zlib";
import { describe, it } from "node:test";
import { SKIP, appPath, closeApp, messages, withArtifacts } from "./harness.mjs";
import { Keys } from "./webdriver.mjs";
import { invoke, typeInto, useDriver } from "./ui.mjs";

const TEST_TIMEOUT = 300_000;
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();
/** The built-in pack's templates. */
const BUILTIN_COUNT = 11;

/** The shown preview: its size, its counter, its timings and a hash of its pixels (FNV-1a over a
 * canvas copy: the page's CSP lets images, not fetch, read blob: URLs). */
async function preview(session) {
  return session.executeScript(
    `const img = document.querySelector('[data-testid="template-preview"]');
     if (!img || !img.complete || img.naturalWidth === 0) return null;
     const c = document.createElement("canvas");
     c.width = img.naturalWidth;
     c.height = img.naturalHeight;
     const g = c.getContext("2d");
     g.drawImage(img, 0, 0);
     const px = g.getImageData(0, 0, c.width, c.height).data;
     let h = 0x811c9dc5;
     for (let i = 0; i < px.length; i += 4) { h ^= px[i] ^ (px[i + 1] << 8) ^ (px[i + 2] << 16); h = Math.imul(h, 0x01000193) >>> 0; }
     return { src: img.src, width: img.naturalWidth, height: img.naturalHeight, hash: h,
              count: Number(img.dataset.count), renderMs: Number(img.dataset.renderMs), totalMs: Number(img.dataset.totalMs) };`,
  );
}

/** Waits for a preview other than `before` (a new render, its image decoded). */
async function nextPreview(session, before, message) {
  return session.waitFor(
    async () => {
      const p = await preview(session);
      return p && p.count > before.count && p.src !== before.src ? p : null;
    },
    { message, timeoutMs: 30_000 },
  );
}

/** Empties a field with the keyboard (select all, delete), as an officer would. */
async function clearWithKeys(el) {
  await el.click();
  await el.sendKeys(`${Keys.CONTROL}a${Keys.CONTROL}`);
  await el.sendKeys(Keys.BACKSPACE);
}

/** Types `text` at the end of a field's text (a click puts the caret where it lands). */
async function appendTo(el, text) {
  const before = await el.property("value");
  await el.click();
  await el.sendKeys(Keys.END + text);
  const value = await el.property("value");
  assert.equal(value, (before + text).normalize("NFC"), "the typed text was appended");
}

/** Files under `dir`, as [path relative to `dir` with "/", bytes]. */
function filesOf(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesOf(p, root) : [[relative(root, p).split("\\").join("/"), readFileSync(p)]];
  });
}

/** A zip (stored, no compression) of `files`: enough for a pack file. */
function zipOf(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, bytes] of files) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(bytes.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, bytes);
    centrals.push(central, n);
    offset += 30 + n.length + bytes.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function chooseOption(session, testId, value) {
  await (await session.byTestId(testId)).click();
  await (await session.findElement(`[data-testid="${testId}"] option[value="${value}"]`)).click();
}

describe("Templates (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 15 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("finds a template, edits it with a live preview and makes a draft of it", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("templates", async (ctx) => {
      const vi = messages("vi");
      const s = await open(ctx, dataDir("templates"));
      await s.setWindowRect({ width: 1366, height: 860 }).catch(() => {});

      // The gallery: every built-in template, the first cards drawn.
      await (await s.byTestId("nav-templates")).click();
      await s.waitForTestId("template-gallery");
      await s.waitFor(async () => (await s.findElements('[data-testid="template-card"]')).length === BUILTIN_COUNT, {
        message: `${BUILTIN_COUNT} template-card`,
        timeoutMs: 20_000,
      });
      const started = Date.now();
      await s.waitFor(
        async () =>
          s.executeScript(
            `return [...document.querySelectorAll('[data-testid="template-card"] img')].filter((i) => i.complete && i.naturalWidth > 0).length >= 4;`,
          ),
        { message: "the first card images drawn", timeoutMs: 120_000 },
      );
      t.diagnostic(`first four card images in ${Date.now() - started} ms`);
      const shotGallery = join(SCREENSHOT_DIR, "loa-templates-gallery.png");
      writeFileSync(shotGallery, await s.screenshot({ timeoutMs: 20_000 }));
      t.diagnostic(`screenshot: ${shotGallery}`);

      // Search without diacritics: "mua lon" is "mưa lớn", the heavy-rain warning only.
      const search = await s.byTestId("template-search");
      await typeInto(t, s, search, "mua lon");
      await s.waitFor(
        async () => {
          const cards = await s.findElements('[data-testid="template-card"]');
          return cards.length === 1 && (await cards[0].attribute("data-template-id")) === "heavy-rain";
        },
        { message: "only the heavy-rain card" },
      );
      await clearWithKeys(search);
      await s.waitFor(async () => (await s.findElements('[data-testid="template-card"]')).length === BUILTIN_COUNT, {
        message: "every card again after clearing the search",
      });

      // The category chips filter too.
      await (await s.byTestId("template-category", '[data-category="health"]')).click();
      await s.waitFor(
        async () => {
          const ids = await Promise.all((await s.findElements('[data-testid="template-card"]')).map((c) => c.attribute("data-template-id")));
          return ids.length > 0 && ids.includes("vaccination") && !ids.includes("heavy-rain");
        },
        { message: "health templates only" },
      );

      // Open the vaccination schedule: the form opens empty, the sample only as grey placeholders
      // (and in the first preview, for the required fields still blank).
      const sample = await invoke(s, "template_sample", { id: "vaccination", lang: "vi" });
      await (await s.byTestId("template-card", '[data-template-id="vaccination"]')).click();
      await s.waitForTestId("template-editor");
      const first = await s.waitFor(() => preview(s), { message: "the first preview", timeoutMs: 60_000 });
      t.diagnostic(`first preview ${first.width}×${first.height}, render ${first.renderMs} ms, core ${first.totalMs} ms`);
      assert.equal(first.width, 1080);
      assert.equal(first.height, 1350);
      for (const key of ["title", "date", "start", "bring", "who"]) await s.byTestId(`template-field-${key}`);
      const title = await s.byTestId("template-field-title");
      assert.equal(await title.property("value"), "", "the title opens empty");
      assert.equal(await title.attribute("placeholder"), sample.title, "the sample is the placeholder");
      const commune = await s.byTestId("template-field-commune");
      assert.equal(await commune.property("value"), "", "no sample commune in the form");
      const datePlaceholder = await s.byTestId("template-field-placeholder", '[data-field="date"]');
      assert.equal(await datePlaceholder.text(), vi("ui-templates-sample", { value: "Thứ Ba, 29/7/2025" }));
      await s.byTestId("template-preview-sample-note");

      // "Create draft" with nothing typed: refused, naming the first required field.
      const use = await s.byTestId("template-use");
      await use.click();
      const refused = await s.waitForTestId("template-refused");
      assert.equal(await refused.text(), vi("ui-templates-refuse-empty", { field: "Đơn vị phát hành" }));
      assert.equal(await (await s.byTestId("template-field-error", '[data-field="commune"]')).text(), await refused.text());

      // Editing a field draws again.
      await typeInto(t, s, title, "Tiêm vắc xin Sởi – Rubella đợt 2");
      const edited = await nextPreview(s, first, "a new preview after editing the title");
      assert.notEqual(edited.hash, first.hash, "the preview's pixels changed");
      const caption = await (await s.byTestId("template-caption")).text();
      assert.match(caption, /đợt 2/, "the caption follows the title");
      assert.equal((await s.findElements('[data-testid="template-refused"]')).length, 0, "an edit clears the refusal");

      // Warm renders while typing: a few more edits, each drawn after the typing pauses.
      const times = [];
      let last = edited;
      const place = await s.byTestId("template-field-place");
      await typeInto(t, s, place, "Nhà văn hóa thôn Bản Xèo");
      last = await nextPreview(s, last, "a preview after typing the place");
      for (const word of [" A", " B", " C"]) {
        await appendTo(place, word);
        last = await nextPreview(s, last, `a preview after typing ${word.trim()}`);
        times.push(last.renderMs);
      }
      t.diagnostic(`warm render times (ms): ${times.join(", ")}; core total of the last: ${last.totalMs} ms`);

      // The other required fields, one of them the sample's text word for word.
      await typeInto(t, s, commune, "UBND xã Bản Xèo");
      await typeInto(t, s, await s.byTestId("template-field-vaccine"), "Sởi – Rubella (MR)");
      await typeInto(t, s, await s.byTestId("template-field-who"), "Trẻ từ 1 đến 5 tuổi ở thôn Bản Xèo");
      await typeInto(t, s, await s.byTestId("template-field-bring"), sample.bring[0]);
      await typeInto(t, s, await s.byTestId("template-field-contact"), "0214 3871 234");
      // Date and time inputs take their value as the browser's picker would set it.
      const pick = (key, value) =>
        s.executeScript(
          `const el = document.querySelector('[data-testid="template-field-' + arguments[0] + '"]');
           el.value = arguments[1];
           el.dispatchEvent(new Event("input", { bubbles: true }));`,
          [key, value],
        );
      const day = (offset) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      await pick("date", day(-1));
      await pick("start", "07:30");
      await pick("end", "11:00");
      await use.click();
      assert.equal(
        await (await s.waitForTestId("template-refused")).text(),
        vi("ui-templates-refuse-sample", { field: "Loại vắc xin" }),
        "the sample's vaccine is refused word for word",
      );
      const vaccine = await s.byTestId("template-field-vaccine");
      await appendTo(vaccine, " mũi 2");
      await use.click();
      assert.equal(await (await s.waitForTestId("template-refused")).text(), vi("ui-templates-refuse-past", { field: "Ngày tiêm" }));
      const shotError = join(SCREENSHOT_DIR, "loa-templates-error.png");
      writeFileSync(shotError, await s.screenshot({ timeoutMs: 20_000 }));
      t.diagnostic(`screenshot: ${shotError}`);
      await pick("date", day(3));
      await s.waitFor(async () => (await s.findElements('[data-testid="template-refused"]')).length === 0, {
        message: "the refusal gone after the date changed",
      });
      last = await nextPreview(s, last, "a preview after filling the form");

      // The preview at its real size: one image pixel per screen pixel, closed with Esc.
      await (await s.byTestId("template-preview-zoom")).click();
      await s.waitForTestId("template-preview-full");
      const sizes = await s.executeScript(
        `const img = document.querySelector('[data-testid="template-preview-full"] img');
         return img && img.complete ? [img.naturalWidth, img.getBoundingClientRect().width] : null;`,
      );
      assert.ok(sizes && sizes[0] > 0 && Math.abs(sizes[0] - sizes[1]) < 1, `full size, not shrunk: ${JSON.stringify(sizes)}`);
      await s.executeScript(
        `document.querySelector('[data-testid="template-preview-full"]').dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));`,
      );
      await s.waitFor(async () => (await s.findElements('[data-testid="template-preview-full"]')).length === 0, { message: "Esc closes the full-size view" });

      // Another size: the preview's pixels follow.
      await chooseOption(s, "template-size", "1080x1080");
      last = await s.waitFor(
        async () => {
          const p = await preview(s);
          return p && p.width === 1080 && p.height === 1080 ? p : null;
        },
        { message: "a square preview", timeoutMs: 30_000 },
      );
      await chooseOption(s, "template-size", "a4");
      const a4 = await s.waitFor(
        async () => {
          const p = await preview(s);
          return p && p.count > last.count && p.height > p.width ? p : null;
        },
        { message: "an A4 preview", timeoutMs: 30_000 },
      );
      t.diagnostic(`A4 preview ${a4.width}×${a4.height}, render ${a4.renderMs} ms`);
      assert.notEqual(a4.width, 1080);
      await chooseOption(s, "template-size", "1080x1350");
      const portrait = await s.waitFor(
        async () => {
          const p = await preview(s);
          return p && p.width === 1080 && p.height === 1350 && p.count > a4.count ? p : null;
        },
        { message: "the portrait preview again", timeoutMs: 30_000 },
      );

      const shot = join(SCREENSHOT_DIR, "loa-templates.png");
      writeFileSync(shot, await s.screenshot({ timeoutMs: 20_000 }));
      t.diagnostic(`screenshot: ${shot}`);

      // Create the draft: the editor opens with the caption as its text and the image attached.
      const finalCaption = await (await s.byTestId("template-caption")).text();
      const finalTitle = await title.property("value");
      await (await s.byTestId("template-use")).click();
      const body = await s.waitForTestId("draft-body", "", { timeoutMs: 60_000 });
      await s.waitFor(async () => (await body.property("value")).length > 0, { message: "the draft's text" });
      const text = await body.property("value");
      assert.equal(text, text.normalize("NFC"), "the draft's text is NFC");
      assert.equal(text.trim(), finalCaption.trim(), "the draft's text is the caption");
      assert.match(text, /tiêm/i);
      assert.equal(await (await s.byTestId("draft-title")).property("value"), finalTitle);
      await s.waitFor(async () => (await s.findElements('[data-testid="draft-image"]')).length === 1, {
        message: "one draft-image in the editor",
        timeoutMs: 20_000,
      });
      const draftId = Number(await (await s.waitForTestId("draft-list-item", '[aria-current="true"]')).attribute("data-draft-id"));
      const photos = await invoke(s, "draft_media", { draftId });
      assert.equal(photos.length, 1);
      assert.equal(photos[0].media.ext, "png");
      assert.equal(photos[0].media.width, portrait.width);
      assert.equal(photos[0].media.height, portrait.height);
      assert.ok(photos[0].alt_text.startsWith("Lịch tiêm chủng"), `alt text names the template: ${photos[0].alt_text}`);
      assert.ok(photos[0].alt_text.includes(finalTitle), "alt text carries the title");
      const draft = await invoke(s, "get_draft", { id: draftId });
      assert.equal(draft.lang, "vi");
      assert.equal(draft.topic, "health", "the draft takes the template's topic");
      assert.ok(!draft.body.includes("Nậm Cang"), `nothing of the sample's commune: ${draft.body}`);
      assert.match(draft.body, /Bản Xèo/);
      // The navigation says where the officer is now.
      assert.equal(await (await s.byTestId("nav-drafts")).attribute("aria-pressed"), "true");
      await closeApp(s);
    }),
  );

  it("draws an imported template in the gallery and deletes it", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("templates-delete", async (ctx) => {
      // The renderer's small test pack (template "notice"), imported with the command line, which
      // test-renders it first.
      const here = dirname(new URL(import.meta.url).pathname);
      const fixture = resolve(here, "../../src-tauri/crates/loa-render/tests/fixtures/pack");
      const zip = join(tmpdir(), `loa-e2e-pack-${process.pid}.zip`);
      const samples = [
        ["notice/sample.vi.json", Buffer.from(JSON.stringify({ title: "Thông báo họp dân" }))],
        ["notice/sample.en.json", Buffer.from(JSON.stringify({ title: "Village meeting" }))],
      ];
      writeFileSync(zip, zipOf([...filesOf(fixture), ...samples]));
      const dir = dataDir("templates-delete");
      const cli = join(dirname(appPath()), "loa");
      execFileSync(cli, ["--data-dir", dir, "template", "import", zip], { stdio: "pipe" });

      const s = await open(ctx, dir);
      await (await s.byTestId("nav-templates")).click();
      await s.waitForTestId("template-gallery");
      await s.waitFor(async () => (await s.findElements('[data-testid="template-card"]')).length === BUILTIN_COUNT + 1, {
        message: `${BUILTIN_COUNT + 1} template-card`,
        timeoutMs: 20_000,
      });
      // Its card is drawn by the window's sandboxed render worker.
      const card = '[data-testid="template-card"][data-template-id="notice"]';
      const drawn = await s.waitFor(
        () =>
          s.executeScript(
            `const c = document.querySelector('${card}');
             c.scrollIntoView();
             const i = c.querySelector("img");
             const broken = c.querySelector('[data-testid="template-card-broken"]');
             if (broken) return { broken: broken.textContent };
             return i && i.complete && i.naturalWidth > 0 ? { drawn: true } : null;`,
          ),
        { message: "the imported card drawn", timeoutMs: 120_000 },
      );
      assert.deepEqual(drawn, { drawn: true });
      // Only the imported template can be deleted; the first press asks, the second deletes.
      const buttons = await s.findElements('[data-testid="template-delete"]');
      assert.equal(buttons.length, 1, "built-in templates have no delete button");
      assert.equal(await buttons[0].attribute("data-template-id"), "notice");
      await buttons[0].click();
      assert.equal(await buttons[0].text(), messages("vi")("ui-templates-delete-confirm"));
      assert.equal((await s.findElements('[data-testid="template-card"]')).length, BUILTIN_COUNT + 1, "one press deletes nothing");
      await buttons[0].click();
      await s.waitFor(async () => (await s.findElements('[data-testid="template-card"]')).length === BUILTIN_COUNT, {
        message: "the card gone",
      });
      const stored = await invoke(s, "list_templates", {});
      assert.ok(stored.every((x) => x.manifest.id !== "notice"), "deleted from the profile");

      // A built-in template is hidden instead, and can be shown again.
      const rain = '[data-testid="template-card"][data-template-id="heavy-rain"]';
      await (await s.findElement('[data-testid="template-hide"][data-template-id="heavy-rain"]')).click();
      await s.waitFor(async () => (await s.findElements(rain)).length === 0, { message: "the hidden card gone" });
      assert.equal((await s.findElements('[data-testid="template-card"]')).length, BUILTIN_COUNT - 1);
      const showHidden = await s.byTestId("template-show-hidden");
      assert.equal(await showHidden.text(), messages("vi")("ui-templates-hidden-show", { count: 1 }));
      await showHidden.click();
      await (await s.waitForTestId("template-unhide", '[data-template-id="heavy-rain"]')).click();
      await s.waitFor(async () => (await s.findElements('[data-testid="template-show-hidden"]')).length === 0, {
        message: "nothing hidden any more",
      });
      assert.equal((await s.findElements(rain)).length, 1, "the card is back");
      await closeApp(s);
    }),
  );
});