// Starts tauri-driver once for the e2e suite, launches the Loa window on a chosen data dir,
// finds and kills the app process, saves screenshots when a test fails, and finds the shared test data.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { WebDriverClient } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const artifactsDir = join(here, "artifacts");

export const DRIVER_PORT = Number(process.env.LOA_E2E_DRIVER_PORT || 4444);
export const NATIVE_PORT = Number(process.env.LOA_E2E_NATIVE_PORT || 4445);
export const SKIP = process.env.LOA_E2E_SKIP === "1";

/** Real photos with EXIF orientations, read in place from the shared test data (never copied here). */
export const PHOTOS = join(repoRoot, "../shared/testdata/photos-exif/recurser-orientation");

/**
 * Whether `path` of the shared test data is there. When it is not, the test `t` is marked skipped
 * with the reason (so the run shows it), or fails when LOA_REQUIRE_TESTDATA=1 (as CI sets it).
 * Call it first in the test or subtest that needs the data, and return when it answers false.
 */
export function hasTestdata(t, path) {
  if (existsSync(path)) return true;
  const reason = `${path} is absent (shared test data)`;
  assert.notEqual(process.env.LOA_REQUIRE_TESTDATA, "1", `${reason}, and LOA_REQUIRE_TESTDATA=1 requires it`);
  t.skip(reason);
  return false;
}

/** The app binary: $LOA_APP_BIN, else $CARGO_TARGET_DIR/debug/loa-app, else src-tauri/target/debug/loa-app. */
export function appPath() {
  if (process.env.LOA_APP_BIN) return resolve(process.env.LOA_APP_BIN);
  if (process.env.CARGO_TARGET_DIR) return resolve(process.env.CARGO_TARGET_DIR, "debug", "loa-app");
  return resolve(here, "../../src-tauri/target/debug/loa-app");
}

function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(name) {
  for (const dir of (process.env.PATH || "").split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  return which("tauri-driver") ?? (isExecutable(join(homedir(), ".cargo/bin/tauri-driver")) ? join(homedir(), ".cargo/bin/tauri-driver") : null);
}

/** Everything the suite needs; each missing piece is one line of explanation. */
export function preflightProblems() {
  const problems = [];
  const app = appPath();
  if (!existsSync(app)) {
    problems.push(`the Loa app binary is missing at ${app} (build it with cargo, or set LOA_APP_BIN / CARGO_TARGET_DIR)`);
  } else if (!isExecutable(app)) {
    problems.push(`the Loa app binary at ${app} is not executable`);
  }
  if (!tauriDriverPath()) problems.push("tauri-driver is not installed (cargo install tauri-driver --locked), or set TAURI_DRIVER");
  if (!which("WebKitWebDriver")) problems.push("WebKitWebDriver is not on PATH (Debian package webkit2gtk-driver)");
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) problems.push("no display: start Xvfb (e.g. Xvfb :99 &) and set DISPLAY=:99");
  if (!existsSync(join(repoRoot, "ui/dist/index.html"))) {
    problems.push("ui/dist is not built (npm run build:ui) — the app embeds it at build time");
  }
  return problems;
}

let driverProc = null;
let driverLogPath = null;

async function driverAnswers(client) {
  try {
    await client.status();
    return true;
  } catch (e) {
    // Any HTTP answer (even an error status) means something listens on the port.
    return e && e.status !== undefined;
  }
}

/** Start tauri-driver and wait until it answers. Returns a WebDriverClient. */
export async function startDriver() {
  const client = new WebDriverClient(`http://127.0.0.1:${DRIVER_PORT}`);
  if (await driverAnswers(client)) {
    throw new Error(
      `something already listens on 127.0.0.1:${DRIVER_PORT}; stop it or set LOA_E2E_DRIVER_PORT / LOA_E2E_NATIVE_PORT`,
    );
  }
  mkdirSync(artifactsDir, { recursive: true });
  driverLogPath = join(artifactsDir, "tauri-driver.log");
  const log = openSync(driverLogPath, "w");
  const env = { ...process.env };
  // Software rendering is what a headless X server offers.
  env.WEBKIT_DISABLE_DMABUF_RENDERER ??= "1";
  env.LIBGL_ALWAYS_SOFTWARE ??= "1";
  driverProc = spawn(tauriDriverPath(), ["--port", String(DRIVER_PORT), "--native-port", String(NATIVE_PORT)], {
    stdio: ["ignore", log, log],
    env,
    detached: true, // own process group, so WebKitWebDriver goes down with it
  });
  let exited = null;
  driverProc.on("exit", (code, signal) => {
    exited = { code, signal };
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`tauri-driver exited at start (${JSON.stringify(exited)}); see ${driverLogPath}:\n${readLog()}`);
    }
    if (await driverAnswers(client)) return client;
    await sleep(200);
  }
  await stopDriver();
  throw new Error(`tauri-driver did not answer on port ${DRIVER_PORT} within 20 s; see ${driverLogPath}:\n${readLog()}`);
}

function readLog() {
  try {
    return readFileSync(driverLogPath, "utf8").slice(-4000);
  } catch {
    return "";
  }
}

export async function stopDriver() {
  const proc = driverProc;
  driverProc = null;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once("exit", r));
  try {
    process.kill(-proc.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
  const timer = sleep(5000).then(() => "timeout");
  if ((await Promise.race([gone, timer])) === "timeout") {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A fresh, empty profile directory for one test. */
export function freshDataDir(label) {
  return mkdtempSync(join(tmpdir(), `loa-e2e-${label}-`));
}

export function removeDataDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

/**
 * Launch the app on `dataDir` and wait until the drafting screen is there. A new profile opens
 * on the first-run setup: it is skipped (its own tests fill it in), unless `{ setup: true }`,
 * which returns as soon as the setup is shown.
 */
export async function launchApp(client, dataDir, { setup = false } = {}) {
  const session = await client.newSession({
    alwaysMatch: {
      "tauri:options": { application: appPath(), args: ["--data-dir", dataDir] },
    },
  });
  session.dataDir = dataDir;
  try {
    // The window shows either screen only once it has read the profile, so the first one found
    // is the one that stays.
    const first = await session.waitFor(
      async () => {
        if ((await session.findElements('[data-testid="setup-wizard"]')).length > 0) return "setup";
        if ((await session.findElements('[data-testid="draft-new"]')).length > 0) return "drafts";
        return null;
      },
      { timeoutMs: 30_000, message: "the drafting screen or the first-run setup" },
    );
    session.firstScreen = first;
    if (first === "setup") {
      if (setup) return session;
      await (await session.byTestId("setup-skip")).click();
      await session.waitForTestId("draft-new", "", { timeoutMs: 30_000 });
    } else if (setup) {
      throw new Error("the first-run setup was expected, the drafting screen came");
    }
    await session.waitForTestId("draft-list");
    return session;
  } catch (err) {
    // The caller never gets this session: keep what the window showed, and close it so the
    // next test can start one (tauri-driver allows one at a time).
    mkdirSync(artifactsDir, { recursive: true });
    try {
      writeFileSync(join(artifactsDir, `launch-${basename(dataDir)}.html`), await session.pageSource({ timeoutMs: 15_000 }));
    } catch {
      /* the window is gone */
    }
    await closeApp(session).catch(() => {});
    throw err;
  }
}

/** PIDs of Loa app processes started on `dataDir` (scans /proc, like pgrep -f). */
export function appPids(dataDir) {
  const app = appPath();
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let argv;
    try {
      argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").filter(Boolean);
    } catch {
      continue;
    }
    if (argv.length === 0) continue;
    const isApp = argv[0] === app || basename(argv[0]) === basename(app);
    if (isApp && argv.includes(dataDir)) pids.push(Number(name));
  }
  return pids;
}

export async function waitForAppExit(dataDir, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (appPids(dataDir).length === 0) return true;
    await sleep(100);
  }
  return false;
}

/** End the session the way an officer closes the window, and make sure the process is gone. */
export async function closeApp(session) {
  session.closed = true;
  try {
    await session.closeWindow();
  } catch {
    /* the window may already be gone */
  }
  try {
    await session.delete();
  } catch {
    /* the session ends with the window on some drivers */
  }
  if (!(await waitForAppExit(session.dataDir))) {
    // Only the processes this test launched on its own data dir.
    for (const pid of appPids(session.dataDir)) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        /* gone */
      }
    }
    await waitForAppExit(session.dataDir, 5000);
  }
}

/** Kill the app hard (power cut, crash): SIGKILL, no chance to flush. */
export async function killApp(session) {
  const pids = appPids(session.dataDir);
  if (pids.length === 0) throw new Error(`no Loa process found for data dir ${session.dataDir}`);
  session.closed = true;
  for (const pid of pids) process.kill(pid, "SIGKILL");
  if (!(await waitForAppExit(session.dataDir, 5000))) throw new Error("the app survived SIGKILL");
  try {
    await session.delete({ timeoutMs: 10_000 });
  } catch {
    /* the browser under the session is gone */
  }
  return pids;
}

/** Run `fn(ctx)`; on failure save a screenshot and the page source of every open session. */
export async function withArtifacts(name, fn) {
  const ctx = { sessions: [] };
  try {
    return await fn(ctx);
  } catch (err) {
    mkdirSync(artifactsDir, { recursive: true });
    const safe = name.replace(/[^\w.-]+/g, "_");
    for (const [i, s] of ctx.sessions.entries()) {
      try {
        writeFileSync(join(artifactsDir, `${safe}-${i}.png`), await s.screenshot({ timeoutMs: 15_000 }));
      } catch {
        /* session gone */
      }
      try {
        writeFileSync(join(artifactsDir, `${safe}-${i}.html`), await s.pageSource({ timeoutMs: 15_000 }));
      } catch {
        /* session gone */
      }
    }
    throw err;
  } finally {
    for (const s of ctx.sessions) {
      if (!s.closed || (s.dataDir && appPids(s.dataDir).length > 0)) await closeApp(s).catch(() => {});
    }
  }
}

/**
 * Saves what the window shows, as the officer sees it on the X screen (ffmpeg's x11grab of the
 * window's rectangle). WebKitWebDriver's own screenshot never answers for a page with nothing to
 * scroll (seen with WebKitGTK 2.4x on Xvfb); it is used only where ffmpeg or X is missing.
 */
export async function saveScreenshot(session, path) {
  const display = process.env.DISPLAY;
  if (display && which("ffmpeg")) {
    const r = await session.cmd("GET", "/window/rect");
    const [x, y] = [Math.max(0, Math.round(r.x)), Math.max(0, Math.round(r.y))];
    // x11grab wants even sizes for its default pixel format.
    const [w, h] = [Math.round(r.width) & ~1, Math.round(r.height) & ~1];
    execFileSync("ffmpeg", ["-loglevel", "error", "-y", "-f", "x11grab", "-video_size", `${w}x${h}`, "-i", `${display}+${x},${y}`, "-frames:v", "1", path], {
      timeout: 20_000,
    });
    return;
  }
  writeFileSync(path, await session.screenshot({ timeoutMs: 20_000 }));
}

/** Formats messages from locales/<lang>/*.ftl, as the UI does. */
export function messages(lang) {
  const bundle = new FluentBundle(lang, { useIsolating: false });
  const dir = join(repoRoot, "locales", lang);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ftl")).sort()) {
    bundle.addResource(new FluentResource(readFileSync(join(dir, name), "utf8")));
  }
  return (id, args) => {
    const m = bundle.getMessage(id);
    if (!m || !m.value) throw new Error(`message ${id} missing in locales/${lang}`);
    return bundle.formatPattern(m.value, args ?? null);
  };
}

/** A loopback port nobody listens on now (for the emulators a test starts). */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
