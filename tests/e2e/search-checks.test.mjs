// End-to-end tests of search, the legacy-font paste offer and the checks panel, in the real Loa window.
// Same prerequisites as app.test.mjs (tauri-driver, WebKitWebDriver, an X display, the built app).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  SKIP,
  closeApp,
  messages,
  withArtifacts,
} from "./harness.mjs";
import { Keys } from "./webdriver.mjs";
import { currentDraftId, newDraft, typeInto, useDriver, waitSaved } from "./ui.mjs";

const TEST_TIMEOUT = 180_000;
/** Where the screenshots for a look by eye go (LOA_E2E_SCREENSHOT_DIR, else the temp dir). */
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();

async function createDraft(t, session, title, body = "") {
  const titleEl = await newDraft(session);
  t.diagnostic(`title typed via ${await typeInto(t, session, titleEl, title)}`);
  if (body) t.diagnostic(`body typed via ${await typeInto(t, session, await session.byTestId("draft-body"), body)}`);
  await waitSaved(session);
  return currentDraftId(session);
}

async function searchResultIds(session) {
  const items = await session.findElements('[data-testid="search-result"]');
  return Promise.all(items.map((i) => i.attribute("data-draft-id")));
}

/**
 * Paste `text` into the element the way a real paste arrives: a ClipboardEvent carrying a DataTransfer
 * (WebDriver has no clipboard), so the app's own paste handler reads event.clipboardData.
 */
async function pasteInto(session, el, text) {
  await el.click();
  const dispatched = await session.executeScript(
    `const [el, text] = arguments;
     el.focus();
     const end = el.value.length;
     el.setSelectionRange(end, end);
     const dt = new DataTransfer();
     dt.setData("text/plain", text);
     const ev = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
     el.dispatchEvent(ev);
     return ev.defaultPrevented;`,
    [el, text],
  );
  assert.equal(dispatched, true, "the paste handler took the paste (preventDefault)");
}

/**
 * Choose an option of a <select>. Clicking a select opens a native GTK menu that WebKitWebDriver cannot
 * drive, so the choice is made the way the menu makes it: set the value and fire "change".
 * (Focusing the select from a script makes later WebKitWebDriver screenshots hang, so it is not focused.)
 */
async function chooseOption(session, selectTestId, value) {
  const select = await session.byTestId(selectTestId);
  await session.executeScript(
    `const [el, value] = arguments;
     el.value = value;
     el.dispatchEvent(new Event("input", { bubbles: true }));
     el.dispatchEvent(new Event("change", { bubbles: true }));`,
    [select, value],
  );
}

async function screenshot(session, name) {
  const path = join(SCREENSHOT_DIR, `loa-${name}.png`);
  writeFileSync(path, await session.screenshot());
  return path;
}

describe("Search, legacy paste and checks (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 30 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("finds a draft typed without diacritics and opens it with Enter", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("search", async (ctx) => {
      const dir = dataDir("search");
      const vi = messages("vi");
      const s = await open(ctx, dir);
      const flood = await createDraft(t, s, "Cảnh báo lũ quét ở Mường Tè");
      const vaccine = await createDraft(t, s, "Lịch tiêm chủng");
      assert.equal(await currentDraftId(s), vaccine);

      const box = await s.byTestId("search-box");
      assert.equal(await box.attribute("type"), "search");
      await typeInto(t, s, box, "lu quet");
      await s.waitFor(async () => {
        const ids = await searchResultIds(s);
        return ids.length === 1 && ids[0] === flood;
      }, { message: `exactly one search-result, data-draft-id=${flood}` });

      const result = await s.byTestId("search-result");
      assert.match(await result.textContent(), /Cảnh báo lũ quét ở Mường Tè/);
      assert.equal(await result.attribute("aria-selected"), "true", "the first result is the active one");
      assert.equal(await box.attribute("aria-activedescendant"), await result.attribute("id"));
      const marks = await result.findElements("mark");
      const marked = await Promise.all(marks.map((m) => m.textContent()));
      t.diagnostic(`highlighted: ${JSON.stringify(marked)}`);
      assert.ok(marked.some((m) => m.includes("lũ")), "the matched words are highlighted");

      await box.sendKeys(Keys.ENTER);
      await s.waitFor(async () => (await currentDraftId(s)) === flood, { message: `draft ${flood} open` });
      assert.equal(await (await s.byTestId("draft-title")).property("value"), "Cảnh báo lũ quét ở Mường Tè");
      await s.waitFor(async () => (await s.findElements('[data-testid="search-result"]')).length === 0, {
        message: "the result list to close after opening",
      });

      // No match: a localized line, no results.
      await (await s.byTestId("search-box")).click();
      await box.sendKeys(`${Keys.ESCAPE}duong lang`);
      const none = await s.waitForTestId("search-empty");
      assert.equal(await none.textContent(), vi("ui-search-none", { query: "duong lang" }));
      assert.equal((await s.findElements('[data-testid="search-result"]')).length, 0);

      // "tiem" finds "tiêm"; arrows and Escape.
      await box.sendKeys(`${Keys.ESCAPE}tiem`);
      await s.waitFor(async () => {
        const ids = await searchResultIds(s);
        return ids.length === 1 && ids[0] === vaccine;
      }, { message: `the vaccination draft ${vaccine} found by "tiem"` });
      await box.sendKeys(Keys.ESCAPE);
      await s.waitFor(async () => (await box.property("value")) === "" && (await searchResultIds(s)).length === 0, {
        message: "Escape to clear the box and close the list",
      });
      await closeApp(s);
    }));

  it("flags a citizen ID number as blocking, selects it, and takes an override reason", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("checks", async (ctx) => {
      const dir = dataDir("checks");
      const s = await open(ctx, dir);
      // The smallest screen officers use.
      await s.setWindowRect({ width: 1366, height: 768 }).catch((e) => t.diagnostic(`setWindowRect: ${e.message}`));
      await createDraft(t, s, "Lịch tiêm chủng");
      const body = "Danh sách hỗ trợ sau lũ quét ở Mường Tè:\nÔng Lò Văn Páo, CCCD 001203004567, thôn Nà Hừ.\nLiên hệ cán bộ xã: 0912 345 678.";
      await createDraft(t, s, "Hỗ trợ bà con vùng lũ quét", body);

      const panel = await s.byTestId("check-panel");
      const item = await s.waitFor(async () => {
        const found = await panel.findElements('[data-testid="check-item"][data-code="citizen_id"][data-severity="block"]');
        return found[0];
      }, { message: 'check-item data-code="citizen_id" data-severity="block" in check-panel' });
      assert.ok(await item.displayed(), "the finding is visible without scrolling");

      // "Show in the text" selects the number in the body.
      const [select] = await item.findElements('[data-testid="check-select"]');
      assert.ok(select, "check-select on the citizen_id finding");
      await select.click();
      const selected = await s.executeScript(
        "const el = document.activeElement; return [el.dataset.testid, el.value.slice(el.selectionStart, el.selectionEnd)];",
      );
      t.diagnostic(`selected: ${JSON.stringify(selected)}`);
      assert.equal(selected[0], "draft-body");
      assert.match(selected[1], /001203004567/);

      // Search results and the checks panel together, for a look at the layout.
      const box = await s.byTestId("search-box");
      await typeInto(t, s, box, "lu quet");
      await s.waitFor(async () => (await searchResultIds(s)).length === 1, { message: "one search result" });
      t.diagnostic(`screenshot: ${await screenshot(s, "search-checks")}`);
      await box.sendKeys(Keys.ESCAPE);

      // Queueing is refused while the finding stands: the message shows, the status stays as stored.
      await chooseOption(s, "draft-status", "queued");
      await s.waitForTestId("check-queue-blocked");
      const err = await s.waitForTestId("app-error", '[data-code="checks_block"]');
      assert.match(await err.textContent(), /citizen_id/);
      await s.waitFor(async () => (await (await s.byTestId("draft-status")).property("value")) === "draft", {
        message: "the status back to draft",
      });
      t.diagnostic(`screenshot: ${await screenshot(s, "queue-blocked")}`);

      // Override with a reason (an empty one is not accepted).
      const citizen = () => s.byTestId("check-item", '[data-code="citizen_id"]');
      const [override] = await (await citizen()).findElements('[data-testid="check-override"]');
      assert.ok(override, "check-override on the blocking finding");
      await override.click();
      const reasonEl = await s.waitForTestId("check-override-reason");
      const confirm = await s.byTestId("check-override-confirm");
      assert.equal(await confirm.property("disabled"), true, "no override without a reason");
      await typeInto(t, s, reasonEl, "Người dân đồng ý công khai để nhận hỗ trợ");
      await (await s.byTestId("check-override-confirm")).click();
      await s.waitFor(async () => (await (await citizen()).attribute("data-overridden")) === "true", {
        message: "the citizen_id finding overridden",
      });
      assert.match(await (await citizen()).textContent(), /Người dân đồng ý công khai để nhận hỗ trợ/);

      // Now it can be queued.
      await chooseOption(s, "draft-status", "queued");
      await waitSaved(s);
      await s.waitFor(async () => (await s.findElements('[data-testid="check-queue-blocked"]')).length === 0, {
        message: "the queue-blocked note to go",
      });
      assert.equal(await (await s.byTestId("draft-status")).property("value"), "queued");
      await closeApp(s);
    }));

  it("offers to convert pasted TCVN3 text and converts only on request", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("legacy-paste", async (ctx) => {
      const dir = dataDir("legacy");
      const s = await open(ctx, dir);
      await newDraft(s);
      const body = await s.byTestId("draft-body");
      t.diagnostic(`typing via ${await typeInto(t, s, body, "Quốc hiệu: ")}`);

      const tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam";
      const unicode = "Cộng hoà xã hội chủ nghĩa Việt Nam";
      await pasteInto(s, body, tcvn3);
      const offer = await s.waitForTestId("legacy-convert-offer");
      assert.match(await offer.textContent(), /TCVN3/);
      assert.match(await (await s.byTestId("legacy-convert-preview")).textContent(), new RegExp(unicode));
      // Nothing replaced yet.
      assert.equal(await body.property("value"), `Quốc hiệu: ${tcvn3}`);
      t.diagnostic(`screenshot: ${await screenshot(s, "legacy-offer")}`);

      await (await s.byTestId("legacy-convert-accept")).click();
      await s.waitFor(async () => (await (await s.byTestId("draft-body")).property("value")) === `Quốc hiệu: ${unicode}`, {
        message: "the body converted to Unicode",
      });
      assert.equal((await s.findElements('[data-testid="legacy-convert-offer"]')).length, 0);
      await waitSaved(s);

      // Dismissing leaves the text as pasted.
      await pasteInto(s, await s.byTestId("draft-body"), `\n${tcvn3}`);
      await s.waitForTestId("legacy-convert-offer");
      // The paste is being saved; "Đang lưu…" and "Đã lưu" take different room above the offer, so
      // click once the save is done, not while the offer's buttons may move under the pointer.
      await waitSaved(s);
      await (await s.byTestId("legacy-convert-dismiss")).click();
      await s.waitFor(async () => (await s.findElements('[data-testid="legacy-convert-offer"]')).length === 0, {
        message: "the offer to go",
      });
      assert.equal(await (await s.byTestId("draft-body")).property("value"), `Quốc hiệu: ${unicode}\n${tcvn3}`);

      // Ordinary Unicode text brings no offer: once the core has answered about this paste (the
      // editor counts its answers), no offer is on screen.
      const answers = async () => Number(await (await s.byTestId("draft-editor")).attribute("data-legacy-answers"));
      const answeredBefore = await answers();
      await pasteInto(s, await s.byTestId("draft-title"), "Thông báo của UBND xã");
      await s.waitFor(async () => (await s.byTestId("draft-title").then((e) => e.property("value"))) === "Thông báo của UBND xã", {
        message: "the title pasted",
      });
      await s.waitFor(async () => (await answers()) > answeredBefore, { message: "the core's answer about the pasted title" });
      assert.equal(await (await s.byTestId("draft-editor")).attribute("data-legacy-answer"), "none");
      assert.equal((await s.findElements('[data-testid="legacy-convert-offer"]')).length, 0);
      await closeApp(s);
    }));
});
