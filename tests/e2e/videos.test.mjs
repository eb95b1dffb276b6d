// End-to-end test of a video in the real Loa window: a watch folder brings a real phone video (with
// its GPS position) into the library, the library shows it with its poster and length, it is
// attached to a draft, the estimate is shown, it is compressed with the saver preset while the bar
// moves, and the compressed copy has no location left (checked with ffprobe). The copy then goes to
// the emulated Page of `loa-sandbox` over a slow link: the queue shows the bytes part-way, and the
// Page gets exactly one video. Then another preset is started and stopped with the cancel button.
// Same prerequisites as media.test.mjs, plus ffprobe, shared/testdata/videos and `loa-sandbox`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SKIP, freePort, hasTestdata, repoRoot, saveScreenshot, withArtifacts } from "./harness.mjs";
import { PAGE_ID, pageList, sandboxPath, startSandbox, stopSandbox } from "./sandbox.mjs";
import { invoke, typeInto, useDriver } from "./ui.mjs";

// Secrets in <profile>/credentials.json (no keyring in a test session); the worker's waits shorter.
process.env.LOA_CREDENTIALS = "file";
process.env.LOA_SYNC_TIME_SCALE = "0.05";

const TEST_TIMEOUT = 300_000;
/** The emulated link, bytes per second: about ten seconds for the compressed clip (575 kB),
 * long enough to watch its bytes go. */
const BANDWIDTH = 60_000;
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();
/** FLIR One on an iPhone: 11.4 s, 1080×1440 portrait, a 3GPP `loci` location. */
const CLIP = join(repoRoot, "../shared/testdata/videos/phone/FLIR_Thermal.mp4");

/** Every tag of a file and its streams, as ffprobe prints them. */
function tags(path) {
  return execFileSync("ffprobe", ["-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "default=noprint_wrappers=1", path], {
    encoding: "utf8",
  });
}

describe("A video ready to post (WebDriver)", { skip: SKIP ? "LOA_E2E_SKIP=1" : false, timeout: 15 * 60_000 }, () => {
  const { dataDir, open } = useDriver();

  it("imports a phone video, shows its length, compresses it with the saver preset and can stop a compression", { timeout: TEST_TIMEOUT }, (t) =>
    withArtifacts("videos", async (ctx) => {
      if (!hasTestdata(t, CLIP)) return;
      assert.match(tags(CLIP), /location|xyz/i, "the original carries its position");
      const dir = dataDir("videos");
      const inbox = dataDir("video-inbox");
      const s = await open(ctx, dir);

      await (await s.waitForTestId("draft-new")).click();
      await typeInto(t, s, await s.waitForTestId("draft-title"), "Camera nhiệt kiểm tra đê");
      await typeInto(t, s, await s.byTestId("draft-body"), "Sáng nay tổ xung kích kiểm tra thân đê bằng camera nhiệt.");

      await (await s.byTestId("nav-media")).click();
      await s.waitForTestId("media-grid");
      // WebDriver cannot drive the native dialog: the folder goes to the command its answer goes to.
      await invoke(s, "add_watch_folder", { path: inbox });
      copyFileSync(CLIP, join(inbox, "Đê sông Mã.mp4"));
      await s.waitFor(async () => (await s.findElements('[data-testid="video-item"]')).length === 1, {
        message: "one video-item from the watch folder",
        timeoutMs: 30_000,
      });
      assert.equal((await s.findElements('[data-testid="media-kind-video"]')).length, 1);
      const duration = await s.byTestId("video-duration");
      assert.equal(await duration.text(), "0:11");
      await s.waitFor(
        async () =>
          s.executeScript(
            `const i = document.querySelector('[data-testid="video-item"] img');
             return !!i && i.complete && i.naturalWidth > 0;`,
          ),
        { message: "the poster frame shown" },
      );

      await (await s.byTestId("video-item")).click();
      const libraryShot = join(SCREENSHOT_DIR, "loa-video-library.png");
      try {
        await s.setWindowRect({ x: 0, y: 0, width: 1366, height: 768 });
        await saveScreenshot(s, libraryShot);
        t.diagnostic(`screenshot: ${libraryShot}`);
      } catch (e) {
        t.diagnostic(`no screenshot: ${e.message}`);
      }
      await (await s.byTestId("video-attach")).click();
      await s.waitForTestId("draft-video");
      const draftId = Number(await (await s.waitForTestId("draft-list-item", '[aria-current="true"]')).attribute("data-draft-id"));
      assert.equal(await (await s.findElement('[data-testid="draft-video"] [data-testid="video-duration"]')).text(), "0:11");
      const estimate = await s.waitForTestId("video-estimate");
      const facebookBytes = Number(await estimate.attribute("data-bytes"));
      assert.match(await estimate.text(), /khoảng .+ MB, tải lên mất/);

      // The saver preset: a smaller estimate, then the compression with its bar.
      await (await s.findElement('[data-testid="video-preset"] option[value="saver"]')).click();
      await s.waitFor(async () => Number(await (await s.byTestId("video-estimate")).attribute("data-bytes")) < facebookBytes, {
        message: "a smaller estimate for saver",
      });
      await (await s.byTestId("video-prepare")).click();
      await s.waitForTestId("video-progress", "", { timeoutMs: 20_000 });
      await s.waitForTestId("video-cancel");
      await s.waitForTestId("video-prepared", "", { timeoutMs: 120_000 });
      const dv = await invoke(s, "draft_video", { draftId });
      assert.equal(dv.preset, "saver");
      assert.ok(dv.prepared_path && existsSync(dv.prepared_path), "the compressed copy is on disk");
      assert.doesNotMatch(tags(dv.prepared_path), /location|xyz/i, "no position left in the copy");
      assert.match(await (await s.byTestId("video-prepared")).text(), /Đã nén xong, sẵn sàng đăng: .+ MB/);
      const shot = join(SCREENSHOT_DIR, "loa-video-editor.png");
      try {
        await s.setWindowRect({ x: 0, y: 0, width: 1366, height: 768 });
        await saveScreenshot(s, shot);
        t.diagnostic(`screenshot: ${shot}`);
      } catch (e) {
        t.diagnostic(`no screenshot: ${e.message}`);
      }

      // The compressed copy goes to the emulated Page over a slow link: the queue shows how many
      // bytes the platform has part-way, and the Page ends with exactly one video.
      assert.ok(existsSync(sandboxPath()), `loa-sandbox is missing at ${sandboxPath()}`);
      const ports = [await freePort(), await freePort(), await freePort()];
      const sandboxDir = dataDir("video-sandbox");
      const sandbox = await startSandbox(sandboxDir, ports, ["--bandwidth", String(BANDWIDTH)]);
      try {
        const fbBase = `http://127.0.0.1:${ports[0]}/v21.0`;
        const token = readFileSync(join(sandboxDir, "facebook-token.txt"), "utf8").trim();
        const channel = await invoke(s, "save_channel", {
          input: { name: "Trang UBND xã (thử)", kind: "facebook", base_url: fbBase, page_id: PAGE_ID },
          secrets: { token },
        });
        const outcomes = await invoke(s, "queue_draft", { draftId, channelIds: [channel.id], at: null });
        assert.ok(outcomes.length === 1 && outcomes[0].item, `queued: ${JSON.stringify(outcomes)}`);
        await (await s.byTestId("nav-queue")).click();
        const item = `[data-testid="queue-item"][data-draft-id="${draftId}"][data-channel-id="${channel.id}"]`;
        let seen = null;
        const states = new Set();
        try {
          await s.waitFor(
            async () => {
              const items = await s.findElements(item);
              if (items.length === 1) states.add(await items[0].attribute("data-state"));
              const bytes = await s.findElements(`${item} [data-testid="queue-bytes"]`);
              if (bytes.length !== 1) return false;
              const sent = Number(await bytes[0].attribute("data-sent"));
              const total = Number(await bytes[0].attribute("data-total"));
              seen = { sent, total, text: await bytes[0].text() };
              states.add(`${sent}/${total}`);
              return sent > 0 && sent < total;
            },
            { message: "queue-bytes part-way through the upload", timeoutMs: 60_000, intervalMs: 50 },
          );
        } catch (e) {
          throw new Error(`${e.message}; seen: ${[...states].join(", ")}`);
        }
        t.diagnostic(`part-way: ${JSON.stringify(seen)}`);
        assert.match(seen.text, /\d.*(KB|MB).*%/i, "the bytes in words");
        const uploading = join(SCREENSHOT_DIR, "loa-video-uploading.png");
        try {
          await saveScreenshot(s, uploading);
          t.diagnostic(`screenshot: ${uploading}`);
        } catch (e) {
          t.diagnostic(`no screenshot: ${e.message}`);
        }
        await s.waitFor(async () => (await s.findElements(`${item}[data-state="published"]`)).length === 1, {
          message: "the video post published",
          timeoutMs: 120_000,
        });
        const videos = await pageList(fbBase, token, "videos", "id,description");
        assert.equal(videos.length, 1, `exactly one video on the Page: ${JSON.stringify(videos)}`);
        assert.match(videos[0].description ?? "", /camera nhiệt/);
      } finally {
        await stopSandbox(sandbox);
      }
      await (await s.byTestId("nav-drafts")).click();
      await s.waitForTestId("draft-video");

      // Another preset, started and stopped: nothing recorded, the window says it stopped.
      await (await s.findElement('[data-testid="video-preset"] option[value="original"]')).click();
      await s.waitFor(async () => (await invoke(s, "draft_video", { draftId })).preset === "original", { message: "preset saved" });
      await s.waitFor(async () => (await s.findElements('[data-testid="video-prepared"]')).length === 0, {
        message: "the saver copy no longer shown",
      });
      await (await s.byTestId("video-prepare")).click();
      await (await s.waitForTestId("video-cancel", "", { timeoutMs: 20_000 })).click();
      await s.waitForTestId("video-cancelled", "", { timeoutMs: 30_000 });
      assert.equal((await invoke(s, "draft_video", { draftId })).prepared_path, null);
    }),
  );
});
