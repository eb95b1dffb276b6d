// End-to-end tests of the first-run setup and of Settings in the real Loa window: a new profile
// opens on the setup, what is typed there is the commune's profile (Settings shows it, the
// templates start from it), the setup does not come back, and Settings changes the profile and
// the language. Same prerequisites as app.test.mjs.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SKIP, closeApp, messages, saveScreenshot, withArtifacts } from "./harness.mjs";
import { Keys } from "./webdriver.mjs";
import { invoke, typeInto, useDriver } from "./ui.mjs";

const TEST_TIMEOUT = 240_000;
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();

async function shot(t, session, name) {
  const path = join(SCREENSHOT_DIR, `loa-${name}.png`);
  await saveScreenshot(session, path);
  t.diagnostic(`screenshot: ${path}`);
}

const value = async (session, testId) => (await session.byTestId(testId)).property("value");

describe("First-run setup and Settings (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 15 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("asks a new profile for its commune once, and the templates start from it", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("setup", async (ctx) => {
      const vi = messages("vi");
      const dir = dataDir("setup");
      let s = await open(ctx, dir, { setup: true });
      // A laptop's 1366×768 screen, the window filling it.
      await s.setWindowRect({ x: 0, y: 0, width: 1366, height: 768 });
      const wizard = await s.byTestId("setup-wizard");
      assert.match(await wizard.text(), new RegExp(vi("ui-setup-title")), "the setup speaks Vietnamese");
      assert.equal(await s.executeScript("return document.documentElement.lang"), "vi");
      // The window's own font, not the system's fallback.
      await s.waitFor(
        () =>
          s.executeScript(
            `return document.fonts.check('15px "Be Vietnam Pro"') &&
               [...document.fonts].some((f) => f.family.replace(/"/g, "") === "Be Vietnam Pro" && f.status === "loaded");`,
          ),
        { message: "Be Vietnam Pro loaded under the window's CSP" },
      );

      await typeInto(t, s, await s.byTestId("setup-commune"), "Xã Nậm Cang");
      // The province: a few letters without accents, then the suggestion.
      await typeInto(t, s, await s.byTestId("setup-province"), "lao c");
      const option = await s.waitForTestId("setup-province-option");
      assert.match(await option.text(), /Lào Cai/);
      await option.click();
      assert.equal(await value(s, "setup-province"), "Lào Cai");
      // The logo comes from the file dialog, which WebDriver cannot drive: the button is there.
      assert.equal(await (await s.byTestId("setup-logo")).property("disabled"), false);
      // Stamping the logo needs a logo; the commune's name can be chosen at once.
      assert.equal(await (await s.byTestId("setup-watermark-logo")).property("disabled"), true);
      await (await s.byTestId("setup-watermark-text")).click();
      await s.waitFor(async () => (await invoke(s, "get_profile", {})).watermark === "text", { message: "watermark saved as text" });
      await shot(t, s, "setup");

      await (await s.byTestId("setup-done")).click();
      await s.waitForTestId("draft-new");
      const profile = await invoke(s, "get_profile", {});
      assert.equal(profile.commune, "Xã Nậm Cang");
      assert.equal(profile.province, "Lào Cai");
      assert.equal(profile.setup_done, true);
      const wm = await invoke(s, "get_watermark_settings", {});
      assert.equal(wm.text, "UBND xã Nậm Cang", "the photos are stamped with the committee's name");

      // Settings shows the same profile.
      await (await s.byTestId("nav-settings")).click();
      await s.waitForTestId("settings-view");
      assert.equal(await value(s, "settings-commune"), "Xã Nậm Cang");
      assert.equal(await value(s, "settings-province"), "Lào Cai");
      assert.equal(await (await s.byTestId("settings-watermark-text")).property("checked"), true);
      await shot(t, s, "settings");

      // A template's form starts from the commune, not from the sample's.
      await (await s.byTestId("nav-templates")).click();
      await (await s.waitForTestId("template-card", '[data-template-id="heavy-rain"]', { timeoutMs: 20_000 })).click();
      await s.waitForTestId("template-editor");
      await s.waitFor(async () => (await value(s, "template-field-commune")) === "UBND xã Nậm Cang", {
        message: "the template's commune field filled from the profile",
        timeoutMs: 20_000,
      });
      assert.equal(await value(s, "template-field-locality"), "tỉnh Lào Cai");
      await closeApp(s);

      // The setup is asked once.
      s = await open(ctx, dir);
      assert.equal(s.firstScreen, "drafts", "the setup does not come back");
      await closeApp(s);
    }));

  it("skips the setup with nothing typed, then Settings changes the commune and the language", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("settings", async (ctx) => {
      const en = messages("en");
      const dir = dataDir("settings");
      let s = await open(ctx, dir, { setup: true });
      await (await s.byTestId("setup-done")).click();
      await s.waitForTestId("draft-new");
      assert.equal((await invoke(s, "get_profile", {})).setup_done, true, "done with nothing typed is a skip");

      await (await s.byTestId("nav-settings")).click();
      await s.waitForTestId("settings-section-profile");
      for (const id of ["profile", "language", "watermark"]) await s.byTestId(`settings-section-${id}`);
      await typeInto(t, s, await s.byTestId("settings-commune"), "Phường Sa Pa");
      await typeInto(t, s, await s.byTestId("settings-province"), "Lào Cai");
      await (await s.byTestId("settings-province")).sendKeys(Keys.TAB);
      await typeInto(t, s, await s.byTestId("settings-hotline"), "0214 3871 234");
      await s.waitForTestId("settings-save-state", '[data-state="dirty"]');
      await (await s.byTestId("settings-save")).click();
      await s.waitForTestId("settings-save-state", '[data-state="saved"]');
      const saved = await invoke(s, "get_profile", {});
      assert.deepEqual([saved.commune, saved.province, saved.hotline], ["Phường Sa Pa", "Lào Cai", "0214 3871 234"]);
      // The commune's hotline fills a template's hotline field, in place of the sample's.
      await (await s.byTestId("nav-templates")).click();
      await (await s.waitForTestId("template-card", '[data-template-id="heavy-rain"]', { timeoutMs: 20_000 })).click();
      await s.waitForTestId("template-editor");
      await s.waitFor(async () => (await value(s, "template-field-hotline")) === "0214 3871 234", {
        message: "the template's hotline field filled from the profile",
        timeoutMs: 20_000,
      });
      await (await s.byTestId("nav-settings")).click();
      await s.waitForTestId("settings-section-profile");

      // English, at once and after a restart.
      await (await s.byTestId("settings-lang-en")).click();
      await s.waitFor(async () => (await (await s.byTestId("nav-settings")).text()) === en("ui-nav-settings"), {
        message: "the header in English",
      });
      await closeApp(s);
      s = await open(ctx, dir);
      assert.equal(s.firstScreen, "drafts");
      assert.equal(await (await s.byTestId("nav-settings")).text(), en("ui-nav-settings"));
      assert.equal((await invoke(s, "get_profile", {})).lang, "en");
      await closeApp(s);
    }));

  it("makes the daily copy at start, backs up to a file and refuses a damaged one", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("backup", async (ctx) => {
      const dir = dataDir("backup");
      const s = await open(ctx, dir);
      await invoke(s, "create_draft", { input: { title: "Họp dân thôn Bản Pho", body: "Mời bà con dự họp." } });

      await (await s.byTestId("nav-settings")).click();
      await s.waitForTestId("settings-section-backup");
      for (const id of ["backup-now", "backup-restore", "backup-list"]) {
        assert.equal(await (await s.byTestId(id)).property("disabled"), false, `${id} is usable`);
      }
      // The day's automatic copy is made in the background at start: the list shows it.
      await s.waitFor(
        async () => {
          await (await s.byTestId("backup-list")).click();
          return (await s.findElements('[data-testid="backup-daily-item"]')).length === 1;
        },
        { message: "today's automatic copy listed", timeoutMs: 20_000 },
      );
      await shot(t, s, "settings-backup");

      // "Back up to…" (the save dialog is the OS's: the command is called as the button does).
      const usb = mkdtempSync(join(tmpdir(), "loa-e2e-usb-"));
      try {
        const file = join(usb, "xa.loa-backup");
        const summary = await s.executeAsyncScript(
          `const [path, done] = arguments;
           const seen = [];
           const id = window.__TAURI_INTERNALS__.transformCallback((m) => seen.push(m));
           window.__TAURI_INTERNALS__
             .invoke("backup_to", { path, onProgress: "__CHANNEL__:" + id })
             .then((ok) => done({ ok, seen: seen.length }), (err) => done({ err }));`,
          [file],
        );
        assert.equal(summary.err, undefined, JSON.stringify(summary.err));
        assert.equal(summary.ok.drafts, 1);
        assert.equal(summary.ok.bytes, statSync(file).size);
        assert.equal(summary.ok.sha256.length, 64);
        const preview = await invoke(s, "inspect_backup", { path: file });
        assert.equal(preview.contents.drafts, 1);

        // A file that is not a backup is refused in the officer's words.
        const bad = join(usb, "hong.loa-backup");
        writeFileSync(bad, "không phải bản sao lưu");
        await assert.rejects(invoke(s, "inspect_backup", { path: bad }), /"code":"backup".*not_a_backup/);
        assert.ok(existsSync(file));
      } finally {
        rmSync(usb, { recursive: true, force: true });
      }
      await closeApp(s);
    }));

  it("offers the day's automatic copy when the database cannot be opened", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("damaged", async (ctx) => {
      const vi = messages("vi");
      const dir = dataDir("damaged");
      let s = await open(ctx, dir);
      await s.waitFor(async () => (await invoke(s, "list_backups", {})).length === 1, {
        message: "today's automatic copy made",
        timeoutMs: 20_000,
      });
      await closeApp(s);
      // A power cut ruined the database.
      writeFileSync(join(dir, "loa.db"), Buffer.alloc(8192, 0x55));
      for (const side of ["loa.db-wal", "loa.db-shm"]) rmSync(join(dir, side), { force: true });

      s = await open(ctx, dir);
      const offer = await s.waitForTestId("backup-offer", "", { timeoutMs: 20_000 });
      // Copies are named by the day in Vietnam (UTC+7), whatever this machine's zone.
      const [y, m, d] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split("-");
      const today = `${d}/${m}/${y}`;
      assert.match(await offer.text(), new RegExp(vi("ui-backup-recover-title")));
      assert.match(await offer.text(), new RegExp(today));
      assert.equal(await (await s.byTestId("backup-offer-restore")).property("disabled"), false);
      await shot(t, s, "damaged");
      await closeApp(s);
    }));
});
