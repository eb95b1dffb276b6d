// End-to-end test of "photos ready to post" in the real Loa window: a watch folder brings photos
// into the library, they are attached to a draft with alternative texts and prepared for posting.
// Same prerequisites as app.test.mjs (tauri-driver, WebKitWebDriver, an X display, the built app),
// plus the real photos of shared/testdata/photos-exif (the test is skipped, and says why, when they are
// absent; it fails instead with LOA_REQUIRE_TESTDATA=1).
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PHOTOS, SKIP, closeApp, hasTestdata, withArtifacts } from "./harness.mjs";
import { Keys } from "./webdriver.mjs";
import { invoke, typeInto, useDriver } from "./ui.mjs";

const TEST_TIMEOUT = 240_000;
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();
/** Orientation 6 (stored sideways) and 8: both must come out upright. */
const LANDSCAPE = "Landscape_6.jpg";
const PORTRAIT = "Portrait_8.jpg";

/** Width and height from a JPEG's SOF marker. */
function jpegSize(bytes) {
  let i = 2;
  while (i + 9 < bytes.length) {
    assert.equal(bytes[i], 0xff, "JPEG marker expected");
    const marker = bytes[i + 1];
    const len = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
    i += 2 + len;
  }
  throw new Error("no SOF marker");
}

describe("Photos ready to post (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 15 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("imports from a watch folder, attaches with alt texts and prepares upright JPEGs without EXIF", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("media", async (ctx) => {
      if (!hasTestdata(t, join(PHOTOS, LANDSCAPE))) return;
      const dir = dataDir("media");
      const inbox = dataDir("inbox");
      const s = await open(ctx, dir);

      // A draft to attach to.
      await (await s.waitForTestId("draft-new")).click();
      await typeInto(t, s, await s.waitForTestId("draft-title"), "Cầu treo bản Nà Hừ");

      // The photo library, empty.
      await (await s.byTestId("nav-media")).click();
      await s.waitForTestId("media-grid");
      assert.equal((await s.findElements('[data-testid="media-item"]')).length, 0);

      // WebDriver cannot drive the native folder dialog behind "Thêm thư mục…", so the folder is
      // added with the same command the dialog's answer goes to.
      await invoke(s, "add_watch_folder", { path: inbox });
      copyFileSync(join(PHOTOS, LANDSCAPE), join(inbox, "Cầu treo.jpg"));
      copyFileSync(join(PHOTOS, PORTRAIT), join(inbox, "IMG_0002.jpg"));
      await s.waitFor(async () => (await s.findElements('[data-testid="media-item"]')).length === 2, {
        message: "two media-item from the watch folder",
        timeoutMs: 20_000,
      });
      await s.waitFor(
        async () =>
          s.executeScript(
            `const imgs = [...document.querySelectorAll('[data-testid="media-item"] img')];
             return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);`,
          ),
        { message: "two thumbnails shown" },
      );

      // An iPhone photo (HEIC) in the folder is listed as not taken, with how to get a JPEG.
      const heic = Buffer.concat([Buffer.from("\0\0\0\x18ftypheic\0\0\0\0mif1heic", "latin1"), Buffer.alloc(4096, 0x5a)]);
      writeFileSync(join(inbox, "IMG_0003.HEIC"), heic);
      const skipped = await s.waitForTestId("media-skipped-item", '[data-code="media_unsupported"]', { timeoutMs: 30_000 });
      const said = await skipped.text();
      assert.ok(said.includes("IMG_0003.HEIC"), said);
      assert.ok(said.includes("JPEG"), `the message says how to get a JPEG: ${said}`);
      assert.equal((await s.findElements('[data-testid="media-item"]')).length, 2, "the HEIC is not in the library");

      await (await s.byTestId("media-select-all")).click();
      const items = await s.findElements('[data-testid="media-item"]');
      for (const item of items) assert.equal(await item.attribute("aria-selected"), "true");

      // The watermark, saved to the profile, and its live preview.
      await typeInto(t, s, await s.byTestId("media-watermark-text"), "UBND xã Nà Hừ");
      await s.waitFor(
        async () =>
          s.executeScript(
            `const i = document.querySelector('[data-testid="media-watermark-preview"]');
             return !!i && i.complete && i.naturalWidth > 0;`,
          ),
        { message: "the watermark preview shown", timeoutMs: 20_000 },
      );
      await s.waitFor(async () => (await invoke(s, "get_watermark_settings", {})).text === "UBND xã Nà Hừ", {
        message: "watermark text saved",
      });
      const shot = join(SCREENSHOT_DIR, "loa-media.png");
      writeFileSync(shot, await s.screenshot());
      t.diagnostic(`screenshot: ${shot}`);

      // Attach to the open draft: the editor shows the strip.
      await (await s.byTestId("media-attach")).click();
      await s.waitFor(async () => (await s.findElements('[data-testid="draft-image"]')).length === 2, {
        message: "two draft-image in the editor",
      });
      const draftId = Number(await (await s.waitForTestId("draft-list-item", '[aria-current="true"]')).attribute("data-draft-id"));
      const alts = ["Cầu treo mới sửa", "Bà con qua cầu"];
      const inputs = await s.findElements('[data-testid="draft-image-alt"]');
      for (const [i, input] of inputs.entries()) {
        await typeInto(t, s, input, alts[i]);
        await input.sendKeys(Keys.TAB); // blur saves
      }
      await s.waitFor(async () => {
        const photos = await invoke(s, "draft_media", { draftId });
        return photos.map((p) => p.alt_text).join("|") === alts.join("|");
      }, { message: "alt texts saved" });

      // Reorder with the buttons: the second photo moves up, and back down.
      const order = async () => (await invoke(s, "draft_media", { draftId })).map((p) => p.media.id);
      const first = await order();
      await (await s.findElements('[data-testid="draft-image-up"]'))[1].click();
      await s.waitFor(async () => (await order()).join() === [...first].reverse().join(), { message: "photos reordered" });
      await (await s.findElements('[data-testid="draft-image-down"]'))[0].click();
      await s.waitFor(async () => (await order()).join() === first.join(), { message: "photos back in order" });

      await (await s.byTestId("media-prepare")).click();
      await s.waitFor(async () => (await s.findElements('[data-testid="media-result"][data-ok="true"]')).length === 2, {
        message: "two media-result ok",
        timeoutMs: 60_000,
      });
      const progress = await s.byTestId("media-progress");
      assert.equal(await progress.attribute("data-done"), "2");
      assert.equal(await progress.attribute("data-total"), "2");
      const shotEditor = join(SCREENSHOT_DIR, "loa-media-draft.png");
      try {
        writeFileSync(shotEditor, await s.screenshot({ timeoutMs: 15_000 }));
        t.diagnostic(`screenshot: ${shotEditor}`);
      } catch (e) {
        // A screenshot is for a look by eye only; WebKitWebDriver sometimes stalls on one here.
        t.diagnostic(`no screenshot of the editor: ${e.message}`);
      }

      // The files, read in node: upright JPEGs without EXIF (so without GPS either).
      const out = join(dir, "prepared", String(draftId));
      const files = readdirSync(out).sort();
      t.diagnostic(`prepared: ${files.join(", ")}`);
      assert.equal(files.length, 2);
      const photos = await invoke(s, "draft_media", { draftId });
      const byName = new Map(photos.map((p) => [p.media.original_name, p.prepared_path]));
      for (const [name, landscape] of [["Cầu treo.jpg", true], ["IMG_0002.jpg", false]]) {
        const path = byName.get(name);
        assert.ok(path && path.startsWith(out), `${name} prepared under ${out}: ${path}`);
        const bytes = readFileSync(path);
        assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], `${name} is a JPEG`);
        assert.equal(bytes.includes(Buffer.from("Exif\0\0", "latin1")), false, `${name} has no EXIF`);
        const { width, height } = jpegSize(bytes);
        assert.equal(width > height, landscape, `${name} upright (${width}×${height})`);
      }
      await closeApp(s);
      rmSync(inbox, { recursive: true, force: true });
    }),
  );
});
