// End-to-end test of publishing in the real Loa window, against the emulated Facebook Graph API of
// `loa-sandbox` (built from src-tauri/crates/loa-emulators): a channel is added and tested in the
// channel settings, a Vietnamese draft is queued from the editor and reaches the emulated Page, and
// with the link cut the header says offline and the next post waits in the queue until the link
// comes back.
// Same prerequisites as app.test.mjs, plus the `loa-sandbox` binary (beside the app binary, or
// $LOA_SANDBOX_BIN) and the photos of shared/testdata/photos-exif: without them the offline part is
// reported as skipped, with the reason (and fails with LOA_REQUIRE_TESTDATA=1); the other parts run.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PHOTOS, SKIP, freePort, hasTestdata, messages, withArtifacts } from "./harness.mjs";
import { PAGE_ID, PAGE_NAME, pageList, sandboxPath, startSandbox, stopSandbox } from "./sandbox.mjs";
import { currentDraftId, invoke, newDraft, screenshot, typeInto, useDriver, waitSaved } from "./ui.mjs";

// The app's worker inherits these through tauri-driver: secrets in <profile>/credentials.json (no
// keyring in a test session), and every wait of the worker 20 times shorter (probes, spacing).
process.env.LOA_CREDENTIALS = "file";
process.env.LOA_SYNC_TIME_SCALE = "0.05";

const TEST_TIMEOUT = 300_000;

/** The emulated Page's published posts, newest first, as the Graph API lists them. */
async function feed(base, token) {
  return pageList(base, token, "feed", "id,message");
}

/** What the Page shows for a draft posted from the window: the message Loa sends for it. */
/** Facebook has no title field: the post is the title line, a blank line, then the body. */
function pageMessage(title, body) {
  return `${title}\n\n${body}`.normalize("NFC");
}

function itemSelector(draftId, channelId) {
  return `[data-testid="queue-item"][data-draft-id="${draftId}"][data-channel-id="${channelId}"]`;
}

async function itemState(s, draftId, channelId) {
  const items = await s.findElements(itemSelector(draftId, channelId));
  return items.length === 1 ? items[0].attribute("data-state") : null;
}

async function indicator(s) {
  return (await s.byTestId("online-indicator")).attribute("data-state");
}

/** What the queue says about an item (why it waits, what to do), or null when it says nothing. */
async function itemHint(s, draftId, channelId) {
  const hints = await s.findElements(`${itemSelector(draftId, channelId)} [data-testid="queue-item-hint"]`);
  return hints.length === 1 ? hints[0].text() : null;
}

/**
 * Runs one part of a longer story as a subtest of `t`, so each part (and a skipped one) shows in the
 * report on its own. The parts share one window; a failed part ends the story, since the parts after
 * it would start from a window it did not leave as they expect.
 */
async function part(t, name, fn) {
  let finished = false;
  await t.test(name, async (st) => {
    await fn(st);
    finished = true;
  });
  if (!finished) throw new Error(`the part "${name}" failed: the parts after it were not run`);
}

/** Writes a draft through the editor and returns its id. */
async function writeDraft(t, s, title, body) {
  await (await s.byTestId("nav-drafts")).click();
  await newDraft(s);
  await typeInto(t, s, await s.waitForTestId("draft-title"), title);
  await typeInto(t, s, await s.byTestId("draft-body"), body);
  await waitSaved(s);
  return Number(await currentDraftId(s));
}

/** Queues the open draft for the channel through the editor's dialog. */
async function queueOpenDraft(s, channelId, draftId, onDialog = async () => {}) {
  await (await s.byTestId("draft-queue")).click();
  await s.waitForTestId("queue-dialog");
  // One channel starts ticked: leave exactly this one ticked.
  const mine = await s.waitForTestId("queue-channel", `[data-channel-id="${channelId}"]`);
  for (const other of await s.findElements(`[data-testid="queue-channel"]:not([data-channel-id="${channelId}"])`)) {
    if (await other.property("checked")) await other.click();
  }
  if (!(await mine.property("checked"))) await mine.click();
  // The preview shows the post as Facebook will: the title line, a blank line, the body.
  const title = await (await s.byTestId("draft-title")).property("value");
  const body = await (await s.byTestId("draft-body")).property("value");
  await s.waitFor(async () => (await (await s.waitForTestId("post-preview-message")).text()) === pageMessage(title, body).trim(), {
    message: "the preview shows the message the Page will get",
  });
  await onDialog();
  await (await s.byTestId("queue-confirm")).click();
  // Queued: the window switches to the queue with the new item.
  await s.waitFor(async () => (await itemState(s, draftId, channelId)) !== null, {
    message: `a queue-item for draft ${draftId}`,
    timeoutMs: 90_000,
  });
}

describe("Publishing (WebDriver + emulated Graph API)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 15 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("adds and tests a Facebook channel, publishes a Vietnamese post exactly once, waits offline and resumes", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("publish", async (ctx) => {
      assert.ok(existsSync(sandboxPath()), `loa-sandbox is missing at ${sandboxPath()} (cargo build -p loa-emulators --bin loa-sandbox)`);
      const vi = messages("vi");
      const ports = [await freePort(), await freePort(), await freePort()];
      const sandboxDir = dataDir("sandbox");
      let sandbox = await startSandbox(sandboxDir, ports);
      try {
        const fbBase = `http://127.0.0.1:${ports[0]}/v21.0`;
        const token = readFileSync(join(sandboxDir, "facebook-token.txt"), "utf8").trim();
        const dir = dataDir("publish");
        const s = await open(ctx, dir);
        let channelId;

        await part(t, "a Facebook channel is added and tested; its token stays out of the page", async (t) => {
          // No channel yet: the indicator knows nothing.
          assert.equal(await indicator(s), "none");

          // Channels live in Settings, reachable from the header.
          await (await s.byTestId("nav-settings")).click();
          await s.waitForTestId("channel-settings");
          await (await s.byTestId("channel-add")).click();
          await s.waitForTestId("channel-form", '[data-kind="facebook"]');
          await typeInto(t, s, await s.byTestId("channel-name"), "Trang UBND xã (thử)");
          await typeInto(t, s, await s.byTestId("channel-page-id"), PAGE_ID);
          await typeInto(t, s, await s.byTestId("channel-token"), token);
          assert.equal(await (await s.byTestId("channel-token")).attribute("type"), "password");
          await (await s.findElement('[data-testid="channel-form"] details summary')).click();
          await typeInto(t, s, await s.byTestId("channel-base-url"), fbBase);
          await (await s.byTestId("channel-save")).click();

          const item = await s.waitForTestId("channel-item", '[data-kind="facebook"]');
          channelId = Number(await item.attribute("data-channel-id"));
          await (await s.byTestId("channel-test")).click();
          const result = await s.waitForTestId("channel-test-result", '[data-ok="true"]', { timeoutMs: 20_000 });
          assert.equal(await result.text(), vi("ui-channel-test-ok", { name: PAGE_NAME }));

          // The secret went to the credential file, never back to the page.
          const creds = readFileSync(join(dir, "credentials.json"), "utf8");
          assert.ok(creds.includes(token), "the token is in <profile>/credentials.json");
          assert.ok(!JSON.stringify(await invoke(s, "list_channels", {})).includes(token), "list_channels never returns the token");
          assert.ok(await s.findElement('[data-testid="channel-credentials-warning"]'), "the window says secrets are in a file");
        });

        await part(t, "a Vietnamese post queued from the editor reaches the Page exactly once", async (t) => {
          const title = "Lịch tiêm chủng tháng này";
          const body = "Trạm y tế xã tổ chức tiêm vắc-xin sởi cho trẻ từ 9 tháng tuổi vào sáng thứ Bảy, 7 giờ 30, tại nhà văn hóa thôn Nà Hẩu.";
          const first = await writeDraft(t, s, title, body);
          await queueOpenDraft(s, channelId, first, async () => t.diagnostic(`screenshot: ${await screenshot(s, "queue-dialog")}`));
          await s.waitFor(async () => (await itemState(s, first, channelId)) === "published", {
            message: `queue-item of draft ${first} published`,
            timeoutMs: 60_000,
          });
          const posts = (await feed(fbBase, token)).filter((p) => p.message === pageMessage(title, body));
          assert.equal(posts.length, 1, "the emulated Page has the post exactly once");
          await s.waitFor(async () => (await indicator(s)) === "online", { message: "online-indicator online" });
          const link = await s.findElement(`${itemSelector(first, channelId)} [data-testid="queue-item-link"]`);
          assert.match(await link.property("value"), new RegExp(`${PAGE_ID}_`), "the item shows the post's link");
          t.diagnostic(`screenshot: ${await screenshot(s, "queue")}`);

          // Back in the editor, the post says it went out, and posting it again asks first.
          await (await s.byTestId("nav-drafts")).click();
          const banner = await s.waitForTestId("published-banner");
          assert.ok((await banner.text()).includes("Trang UBND xã (thử)"), "the banner names the channel");
          const statusOptions = await s.findElements('[data-testid="draft-status"] option[value="published"]:not([disabled])');
          assert.equal(statusOptions.length, 0, "published cannot be chosen by hand");
          await (await s.byTestId("draft-queue")).click();
          await s.waitForTestId("republish-question");
          assert.equal((await s.findElements('[data-testid="queue-dialog"]')).length, 0, "no dialog before the officer answers");
          t.diagnostic(`screenshot: ${await screenshot(s, "published-banner")}`);
          await (await s.findElement('[data-testid="republish-question"] button:not([data-testid="republish-confirm"])')).click();
        });

        await part(t, "offline, a post with two photos waits in the queue and goes out once when the link is back", async (t) => {
          if (!hasTestdata(t, join(PHOTOS, "Landscape_1.jpg"))) return;

          // The link is cut: the next post (two photos) waits in the queue and the header says offline.
          await stopSandbox(sandbox);
          const title = "Cảnh báo lũ quét";
          const body = "Mưa lớn kéo dài, bà con ở ven suối Nậm Lúc không qua ngầm tràn khi nước lên.";
          const second = await writeDraft(t, s, title, body);
          const imported = await invoke(s, "import_media", {
            paths: [join(PHOTOS, "Landscape_1.jpg"), join(PHOTOS, "Landscape_3.jpg")],
            source: "dialog",
          });
          await invoke(s, "attach_media", {
            draftId: second,
            photos: imported.map((o) => ({ media_id: o.item.id, alt_text: "Suối Nậm Lúc" })),
          });
          await queueOpenDraft(s, channelId, second);
          await s.waitFor(async () => (await indicator(s)) === "offline", {
            message: "online-indicator offline",
            timeoutMs: 30_000,
          });
          // The queue says why the post waits (the link, not the post): once it says so, the post is
          // read as the core keeps it, instead of after a fixed pause.
          const offlineHint = vi("channel-hint-offline", { channel: "Trang UBND xã (thử)" });
          await s.waitFor(async () => (await itemHint(s, second, channelId)) === offlineHint, {
            message: "the waiting post says the link is down",
            timeoutMs: 30_000,
          });
          assert.equal(await itemState(s, second, channelId), "queued", "the post waits in the queue while offline");
          const stored = (await invoke(s, "list_outbox", {})).find((e) => e.item.draft_id === second && e.item.channel_id === channelId);
          assert.equal(stored?.item.state, "queued", "the core keeps it queued, not failed");
          t.diagnostic(`screenshot: ${await screenshot(s, "queue-offline")}`);

          // The link comes back: the queue drains by itself.
          sandbox = await startSandbox(sandboxDir, ports);
          await s.waitFor(async () => (await itemState(s, second, channelId)) === "published", {
            message: `queue-item of draft ${second} published after the link came back`,
            timeoutMs: 90_000,
          });
          assert.equal(await indicator(s), "online");
          const again = await feed(fbBase, token);
          assert.equal(again.filter((p) => p.message === pageMessage(title, body)).length, 1, "the waiting post went out once");
          await s.waitForTestId("publish-notice");
        });

        await part(t, "a Page id Graph does not know holds the channel for a new token; the waiting post can be cancelled", async (t) => {
          // "Test connection" says what Graph answered; a post for it waits with the channel held for a
          // new token (Graph's 100/33 may be a permission), and the officer can cancel it.
          const onPage = (await feed(fbBase, token)).length;
          await (await s.byTestId("nav-settings")).click();
          await (await s.waitForTestId("channel-add")).click();
          await typeInto(t, s, await s.waitForTestId("channel-name"), "Trang gõ sai mã");
          await typeInto(t, s, await s.byTestId("channel-page-id"), "999999");
          await typeInto(t, s, await s.byTestId("channel-token"), token);
          await (await s.findElement('[data-testid="channel-form"] details summary')).click();
          await typeInto(t, s, await s.byTestId("channel-base-url"), fbBase);
          await (await s.byTestId("channel-save")).click();
          const wrong = await s.waitForTestId("channel-item", `:not([data-channel-id="${channelId}"])`);
          const wrongId = Number(await wrong.attribute("data-channel-id"));
          const refused = await s.waitForTestId("channel-test-result", '[data-ok="false"]', { timeoutMs: 20_000 });
          // Said in the officer's words, naming the channel, not Graph's English.
          const said = await refused.text();
          assert.ok(said.includes("Trang gõ sai mã"), said);
          assert.ok(!said.includes("Unsupported request"), said);
          const draft = await writeDraft(t, s, "Lịch cắt điện thôn Nà Hẩu", "Điện lực huyện cắt điện thôn Nà Hẩu từ 8 giờ đến 11 giờ sáng thứ Năm để sửa đường dây.");
          await queueOpenDraft(s, wrongId, draft);
          const held = itemSelector(draft, wrongId);
          // The queue shows the channel waiting for a new sign-in.
          await s.waitForTestId("queue-channel-summary", `[data-channel-id="${wrongId}"][data-status="needs_reconnect"]`, { timeoutMs: 60_000 });
          await s.waitFor(
            async () => (await (await s.findElement(`${held} [data-testid="queue-item-hint"]`)).text()) === vi("channel-hint-auth", { channel: "Trang gõ sai mã" }),
            { message: "the waiting post says to reconnect the channel" },
          );
          // Waiting, not failed: a post without photos has nothing left to upload and waits to be published.
          await s.waitFor(async () => (await itemState(s, draft, wrongId)) === "media_uploaded", {
            message: "the post waiting, with nothing left to upload",
          });
          t.diagnostic(`screenshot: ${await screenshot(s, "queue-reconnect")}`);
          await (await s.findElement(`${held} [data-testid="queue-cancel"]`)).click();
          await s.waitFor(async () => (await itemState(s, draft, wrongId)) === "cancelled", { message: "the waiting post cancelled" });
          assert.equal((await feed(fbBase, token)).length, onPage, "nothing else reached the Page");
        });

        await part(t, "a post for later reaches the core at the local time chosen in the dialog", async (t) => {
          const third = await writeDraft(t, s, "Lịch họp dân thôn Nà Hẩu", "Mời bà con dự họp bàn về đường liên thôn lúc 19 giờ tại nhà văn hóa.");
          const later = new Date(Date.now() + 3 * 3600_000);
          later.setSeconds(0, 0);
          const pad = (n) => String(n).padStart(2, "0");
          const local = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`;
          await queueOpenDraft(s, channelId, third, async () => {
            await (await s.byTestId("publish-schedule")).click();
            // Typed day/month/year and 24-hour time, whatever the computer's locale.
            const field = await s.waitForTestId("queue-at");
            await s.executeScript(`arguments[0].value = ""; arguments[0].dispatchEvent(new Event("input", { bubbles: true }));`, [field]);
            await typeInto(t, s, field, `${pad(later.getDate())}/${pad(later.getMonth() + 1)}/${later.getFullYear()} ${pad(later.getHours())}:${pad(later.getMinutes())}`);
            await s.waitFor(async () => (await (await s.byTestId("queue-at-text")).text()).includes(`${pad(later.getHours())}:${pad(later.getMinutes())}`), {
              message: "the chosen time written out",
            });
          });
          const scheduled = (await invoke(s, "list_outbox", {})).find((e) => e.item.draft_id === third);
          assert.equal(Date.parse(scheduled.item.scheduled_at), later.getTime(), "scheduled_at is the chosen local time");
        });
      } finally {
        await stopSandbox(sandbox);
      }
    }),
  );
});
