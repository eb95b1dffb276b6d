// End-to-end tests of the Loa window: real key input through tauri-driver / WebKitWebDriver.
// Needs: the built app (LOA_APP_BIN or $CARGO_TARGET_DIR/debug/loa-app), tauri-driver,
// WebKitWebDriver and an X display (Xvfb). Set LOA_E2E_SKIP=1 to skip on machines without them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  SKIP,
  closeApp,
  killApp,
  messages,
  sleep,
  withArtifacts,
} from "./harness.mjs";
import { currentDraftId, newDraft, typeInto, useDriver, waitSaved } from "./ui.mjs";

const TEST_TIMEOUT = 180_000;

/** Open the draft with this id from the list and wait until the editor shows it. */
async function openFromList(session, id) {
  const item = await session.waitForTestId("draft-list-item", `[data-draft-id="${id}"]`);
  await item.click();
  await session.waitFor(async () => (await currentDraftId(session)) === String(id), { message: `draft ${id} open` });
  return {
    title: await (await session.byTestId("draft-title")).property("value"),
    body: await (await session.byTestId("draft-body")).property("value"),
  };
}

async function listIds(session, listTestId, itemTestId) {
  const items = await session.findElements(`[data-testid="${listTestId}"] [data-testid="${itemTestId}"]`);
  return Promise.all(items.map((i) => i.attribute("data-draft-id")));
}

describe("Loa window (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 30 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("keeps a Vietnamese draft typed in the window, byte for byte, after closing", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("vietnamese-draft", async (ctx) => {
      const dir = dataDir("vi");
      const title = "Thông báo lũ quét ở Mường Tè";
      const body = [
        "Cảnh báo lũ quét tại xã Mường Tè, tỉnh Lai Châu.",
        "Bà con ở Đắk Lắk và các tỉnh miền núi chú ý theo dõi tin thời tiết.",
        "#PhòngChốngThiênTai https://example.vn/a?b=1",
        "#LũQuét #MườngTè — Hotline: 0231 3876 543",
      ].join("\n");

      let s = await open(ctx, dir);
      const titleEl = await newDraft(s);
      const how1 = await typeInto(t, s, titleEl, title);
      const how2 = await typeInto(t, s, await s.byTestId("draft-body"), body);
      t.diagnostic(`typing: title via ${how1}, body via ${how2}`);
      await waitSaved(s);
      const id = await currentDraftId(s);
      assert.equal(await (await s.byTestId("draft-title")).property("value"), title.normalize("NFC"));
      await closeApp(s);

      s = await open(ctx, dir);
      // The list fills in after the window appears: wait for it before comparing.
      await s.waitForTestId("draft-list-item");
      const ids = await listIds(s, "draft-list", "draft-list-item");
      assert.deepEqual(ids, [id], "the draft is in the list after a restart");
      const item = await s.byTestId("draft-list-item", `[data-draft-id="${id}"]`);
      assert.match(await item.textContent(), /Thông báo lũ quét ở Mường Tè/);
      const stored = await openFromList(s, id);
      assert.equal(Buffer.from(stored.title).toString("hex"), Buffer.from(title.normalize("NFC")).toString("hex"));
      assert.equal(Buffer.from(stored.body).toString("hex"), Buffer.from(body.normalize("NFC")).toString("hex"));
      await closeApp(s);
    }));

  it("loses nothing when the app is killed 2 s after the last keystroke", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("sigkill", async (ctx) => {
      const dir = dataDir("kill");
      const body = "Bản tin sáng thứ Hai:\n1. Lịch tiêm chủng tại trạm y tế xã.\n2. Họp dân thôn Nà Hừ lúc 19 giờ.\n#BảnTinXã";

      let s = await open(ctx, dir);
      await newDraft(s);
      const how = await typeInto(t, s, await s.byTestId("draft-body"), body);
      t.diagnostic(`typing via ${how}`);
      const id = await currentDraftId(s);
      await sleep(2000);
      const pids = await killApp(s);
      t.diagnostic(`SIGKILL sent to ${pids.join(", ")}`);

      s = await open(ctx, dir);
      const stored = await openFromList(s, id);
      assert.equal(stored.body, body.normalize("NFC"));
      await closeApp(s);
    }));

  it("stores decomposed input as NFC (Mường)", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("nfc", async (ctx) => {
      const dir = dataDir("nfc");
      const decomposed = "Mu\u031bo\u031b\u0300ng";

      let s = await open(ctx, dir);
      const titleEl = await newDraft(s);
      const how = await typeInto(t, s, titleEl, decomposed);
      t.diagnostic(`typing via ${how}`);
      await waitSaved(s);
      assert.equal(await titleEl.property("value"), "Mường");
      const id = await currentDraftId(s);
      await closeApp(s);

      s = await open(ctx, dir);
      const stored = await openFromList(s, id);
      assert.equal(stored.title, "Mường");
      assert.equal(stored.title.length, 5);
      await closeApp(s);
    }));

  it("switches the interface to English and remembers it", { timeout: TEST_TIMEOUT }, () =>
    withArtifacts("language", async (ctx) => {
      const dir = dataDir("lang");
      const vi = messages("vi");
      const en = messages("en");

      let s = await open(ctx, dir);
      const sw = await s.byTestId("lang-switch");
      assert.equal(await sw.attribute("data-lang"), "vi");
      assert.equal(await (await s.byTestId("draft-new")).text(), vi("ui-draft-new"));
      assert.equal(await s.executeScript("return document.documentElement.lang"), "vi");

      await sw.click();
      await s.waitFor(async () => (await (await s.byTestId("lang-switch")).attribute("data-lang")) === "en", {
        message: 'lang-switch data-lang="en"',
      });
      await s.waitFor(async () => (await (await s.byTestId("draft-new")).text()) === en("ui-draft-new"), {
        message: "the English new-draft button",
      });
      assert.equal(await (await s.byTestId("lang-switch")).text(), en("ui-lang-switch"));
      assert.equal(await s.executeScript("return document.documentElement.lang"), "en");
      await closeApp(s);

      s = await open(ctx, dir);
      await s.waitFor(async () => (await (await s.byTestId("lang-switch")).attribute("data-lang")) === "en", {
        message: "English after a restart",
      });
      assert.equal(await (await s.byTestId("draft-new")).text(), en("ui-draft-new"));

      // And back.
      await (await s.byTestId("lang-switch")).click();
      await s.waitFor(async () => (await (await s.byTestId("draft-new")).text()) === vi("ui-draft-new"), {
        message: "the Vietnamese new-draft button",
      });
      await closeApp(s);
    }));

  it("moves a draft to the trash and restores it", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("trash", async (ctx) => {
      const dir = dataDir("trash");
      const title = "Họp dân thôn Nà Hừ";

      const s = await open(ctx, dir);
      const titleEl = await newDraft(s);
      t.diagnostic(`typing via ${await typeInto(t, s, titleEl, title)}`);
      await waitSaved(s);
      const id = await currentDraftId(s);

      await (await s.byTestId("draft-delete")).click();
      await s.waitFor(async () => !(await listIds(s, "draft-list", "draft-list-item")).includes(id), {
        message: "the draft to leave draft-list",
      });

      await (await s.byTestId("trash-toggle")).click();
      const trashed = await s.waitForTestId("trash-list-item", `[data-draft-id="${id}"]`);
      assert.match(await trashed.textContent(), /Họp dân thôn Nà Hừ/);
      assert.deepEqual(await listIds(s, "trash-list", "trash-list-item"), [id]);

      const [restore] = await trashed.findElements('[data-testid="trash-restore"]');
      assert.ok(restore, "trash-restore button in the trashed item");
      await restore.click();
      await s.waitFor(async () => (await listIds(s, "draft-list", "draft-list-item")).includes(id), {
        message: "the draft back in draft-list",
      });
      await s.waitFor(async () => !(await listIds(s, "trash-list", "trash-list-item")).includes(id), {
        message: "the draft to leave trash-list",
      });
      const restored = await openFromList(s, id);
      assert.equal(restored.title, title);
      await closeApp(s);
    }));
});
