// End-to-end test of connecting a Facebook Page by signing in, in the real window: `loa sandbox`
// starts the emulated Facebook and points a practice profile at it; the app opens on that profile,
// "Kết nối với Facebook" opens Facebook's (emulated) Login dialog in a window of its own, the
// officer presses "Continue" there, picks the commune's Page in the main window, and a post written
// in the editor reaches that Page with the token Loa obtained — nothing pasted anywhere. Zalo: the
// guided screen, prefilled with the profile's app, opens the emulated OAuth v4 permission page;
// "Cho phép" connects the OA, whose tokens then pass "test connection".
// Prerequisites: as publish.test.mjs, plus the `loa` binary beside the app (or $LOA_CLI_BIN).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { SKIP, appPath, freePort, messages, sleep, withArtifacts } from "./harness.mjs";
import { newDraft, typeInto, useDriver, waitSaved } from "./ui.mjs";

// The app and `loa sandbox` keep secrets in <profile>/credentials.json (no keyring in a test
// session), and the worker's waits are 20 times shorter.
process.env.LOA_CREDENTIALS = "file";
process.env.LOA_SYNC_TIME_SCALE = "0.05";

const TEST_TIMEOUT = 300_000;
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();

/** Keeps a picture of the window for a person to look at. A picture is no check: a driver that
 * cannot take one (WebKitWebDriver sometimes does not answer) is reported, not a failure. */
async function shot(t, s, name) {
  const path = join(SCREENSHOT_DIR, `loa-${name}.png`);
  try {
    writeFileSync(path, await s.screenshot({ timeoutMs: 10_000 }));
    t.diagnostic(`screenshot: ${path}`);
  } catch (e) {
    t.diagnostic(`no screenshot ${name}: ${e.message}`);
  }
}
const PAGE_ID = "1001";
const PAGE_NAME = "UBND xã Nà Hẩu";
const vi = messages("vi");

function cliPath() {
  return process.env.LOA_CLI_BIN || join(dirname(appPath()), "loa");
}

/** `loa sandbox`: resolves once it says the practice profile signs in to the emulators. */
async function startSandbox(dir, ports) {
  const proc = spawn(cliPath(), ["sandbox", "--dir", dir, "--ports", ports.join(",")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOA_LANG: "vi" },
    detached: true, // its own process group: loa-sandbox goes down with it
  });
  let out = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (out += d));
  const ready = vi("cli-sandbox-profile-ready", { profile: join(dir, "profile") });
  const deadline = Date.now() + 30_000;
  while (!out.includes(ready)) {
    if (proc.exitCode !== null) throw new Error(`loa sandbox exited (${proc.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      process.kill(-proc.pid, "SIGTERM");
      throw new Error(`loa sandbox did not prepare the profile within 30 s:\n${out}`);
    }
    await sleep(50);
  }
  return proc;
}

async function stopSandbox(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once("exit", r));
  try {
    process.kill(-proc.pid, "SIGTERM");
  } catch {
    /* gone */
  }
  await Promise.race([gone, sleep(5000)]);
}

const handles = (s) => s.cmd("GET", "/window/handles");
const currentHandle = (s) => s.cmd("GET", "/window");
const switchTo = (s, handle) => s.cmd("POST", "/window", { handle });

describe("connecting a Facebook Page by signing in", { skip: SKIP }, () => {
  const driver = useDriver();

  it(
    "signs in on the emulated Facebook, picks the Page and publishes to it",
    { timeout: TEST_TIMEOUT },
    (t) =>
      withArtifacts("connect-facebook", async (ctx) => {
        const dir = mkdtempSync(join(tmpdir(), "loa-e2e-sandbox-"));
        const ports = [await freePort(), await freePort(), await freePort()];
        const sandbox = await startSandbox(dir, ports);
        try {
          const s = await driver.open(ctx, join(dir, "profile"));
          const main = await currentHandle(s);
          // Channels live in Settings; the queue shows where they stand and the way there.
          await (await s.byTestId("nav-queue")).click();
          await (await s.waitForTestId("queue-manage-channels")).click();
          await s.waitForTestId("settings-section-channels");
          await (await s.waitForTestId("channel-connect-facebook")).click();
          await s.waitForTestId("connect-waiting");

          // Facebook's window: a second window of the app, on the emulated Login dialog.
          const login = await s.waitFor(async () => (await handles(s)).find((h) => h !== main), {
            message: "the Facebook login window",
            timeoutMs: 20_000,
          });
          await switchTo(s, login);
          const cont = await s.waitFor(async () => (await s.findElements("#continue"))[0], { message: "Facebook's Continue button", timeoutMs: 20_000 });
          assert.match(await (await s.findElement("#account-name")).text(), /Nguyễn Văn An/);
          await cont.click();

          // The window closes by itself once Facebook sends it to the redirect.
          await s.waitFor(async () => !(await handles(s)).includes(login), { message: "the login window to close", timeoutMs: 20_000 });
          await switchTo(s, main);
          const pick = await s.waitForTestId("page-pick", `[data-page-id="${PAGE_ID}"]`, { timeoutMs: 20_000 });
          assert.equal(await pick.attribute("data-can-publish"), "true");
          const other = await s.findElement(`[data-testid="page-pick"]:not([data-page-id="${PAGE_ID}"])`);
          assert.equal(await other.attribute("data-can-publish"), "false", "the Page the officer may only analyse");
          await pick.click();
          const done = await s.waitForTestId("connect-done", "", { timeoutMs: 20_000 });
          assert.equal((await done.text()).trim(), vi("ui-connect-fb-done", { page: PAGE_NAME }));
          const item = await s.waitForTestId("channel-item", '[data-kind="facebook"]');
          const channelId = await item.attribute("data-channel-id");
          assert.equal(await (await s.findElement(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="channel-secret"]`)).text(), vi("ui-channel-secret-saved-short"));

          // A post written in the window reaches the Page with the token from the sign-in.
          const title = "Thông báo lịch tiêm chủng tháng 8";
          const body = "Trạm Y tế xã tiêm vắc xin Sởi – Rubella cho trẻ vào sáng thứ Năm.";
          await (await s.byTestId("nav-drafts")).click();
          await typeInto(t, s, await newDraft(s), title);
          await typeInto(t, s, await s.byTestId("draft-body"), body);
          await waitSaved(s);
          await (await s.byTestId("draft-queue")).click();
          await s.waitForTestId("queue-dialog");
          const box = await s.waitForTestId("queue-channel", `[data-channel-id="${channelId}"]`);
          if (!(await box.property("checked"))) await box.click();
          await (await s.byTestId("queue-confirm")).click();
          await s.waitForTestId("queue-item", `[data-channel-id="${channelId}"][data-state="published"]`, { timeoutMs: 90_000 });

          const graph = `http://127.0.0.1:${ports[0]}/v21.0`;
          // Read back with the sandbox's own Page token (the one `loa channel add` would paste).
          const token = readFileSync(join(dir, "facebook-token.txt"), "utf8").trim();
          const res = await fetch(`${graph}/${PAGE_ID}/feed?fields=id,message&limit=100&access_token=${encodeURIComponent(token)}`);
          const posts = (await res.json()).data;
          assert.ok(
            posts.some((p) => p.message === `${title}\n\n${body}`.normalize("NFC")),
            `the post is on the emulated Page: ${JSON.stringify(posts)}`,
          );
        } finally {
          await stopSandbox(sandbox);
          rmSync(dir, { recursive: true, force: true });
        }
      }),
  );

  it(
    "connects a Zalo OA from the guided screen through the emulated permission page",
    { timeout: TEST_TIMEOUT },
    (t) =>
      withArtifacts("connect-zalo", async (ctx) => {
        const dir = mkdtempSync(join(tmpdir(), "loa-e2e-sandbox-"));
        const ports = [await freePort(), await freePort(), await freePort()];
        const sandbox = await startSandbox(dir, ports);
        try {
          const config = JSON.parse(readFileSync(join(dir, "sandbox.json"), "utf8"));
          const secretKey = readFileSync(join(dir, "zalo-secret-key.txt"), "utf8").trim();
          const s = await driver.open(ctx, join(dir, "profile"));
          const main = await currentHandle(s);
          await (await s.byTestId("nav-settings")).click();
          await (await s.waitForTestId("channel-connect-zalo")).click();
          await s.waitForTestId("connect-zalo");
          // The app the profile was told about fills the guided screen; the key is typed.
          await s.waitFor(async () => (await (await s.byTestId("connect-zalo-app-id")).property("value")) === config.zalo.app_id, {
            message: "the Zalo app id from the profile",
          });
          assert.equal(await (await s.byTestId("connect-zalo-callback-url")).property("value"), config.zalo.callback_url);
          const save = await s.byTestId("channel-connect-zalo-save");
          // "Kết nối" is in view at the window's size, without scrolling to it.
          assert.equal(
            await s.executeScript(
              `const r = document.querySelector('[data-testid="channel-connect-zalo-save"]').getBoundingClientRect();
               return r.top >= 0 && r.bottom <= window.innerHeight;`,
            ),
            true,
            "the connect button is in view",
          );
          assert.equal(await save.property("disabled"), true, "nothing to connect with yet");
          const name = "Zalo OA xã Nà Hẩu";
          // An officer scrolls the field to the middle; the driver would leave it under the footer.
          const centred = async (id) => {
            await s.executeScript(`document.querySelector('[data-testid="${id}"]').scrollIntoView({ block: "center" });`);
            return s.byTestId(id);
          };
          await typeInto(t, s, await centred("connect-zalo-name"), name);
          await typeInto(t, s, await centred("connect-zalo-secret-key"), secretKey);
          await s.waitFor(async () => !(await save.property("disabled")), { message: "“Kết nối” enabled" });
          await shot(t, s, "connect-zalo");
          await save.click();
          await s.waitForTestId("connect-waiting");

          // Zalo's permission page in a window of its own; "Cho phép" sends it to the callback.
          const login = await s.waitFor(async () => (await handles(s)).find((h) => h !== main), {
            message: "the Zalo permission window",
            timeoutMs: 20_000,
          });
          await switchTo(s, login);
          const allow = await s.waitFor(async () => (await s.findElements("#allow"))[0], { message: "Zalo's allow button", timeoutMs: 20_000 });
          await allow.click();
          await s.waitFor(async () => !(await handles(s)).includes(login), { message: "the permission window to close", timeoutMs: 20_000 });
          await switchTo(s, main);
          const done = await s.waitForTestId("connect-done", "", { timeoutMs: 20_000 });
          assert.equal((await done.text()).trim(), vi("ui-connect-zalo-done", { channel: name }));
          const item = await s.waitForTestId("channel-item", '[data-kind="zalo"]');
          const channelId = await item.attribute("data-channel-id");
          const inItem = (id) => s.findElement(`[data-testid="channel-item"][data-channel-id="${channelId}"] [data-testid="${id}"]`);
          assert.equal(await (await inItem("channel-secret")).text(), vi("ui-channel-secret-saved-short"));
          // The tokens Loa obtained answer the OA API.
          await (await inItem("channel-test")).click();
          const result = await s.waitForTestId("channel-test-result", "", { timeoutMs: 30_000 });
          assert.equal(await result.attribute("data-ok"), "true", await result.text());
        } finally {
          await stopSandbox(sandbox);
          rmSync(dir, { recursive: true, force: true });
        }
      }),
  );
});
