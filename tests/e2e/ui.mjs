// What the window tests share: one tauri-driver per suite, fresh profiles, the editor gestures
// (real key input, waiting for autosave, making a draft) and calling a command as the page does.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import {
  freshDataDir,
  launchApp,
  preflightProblems,
  removeDataDir,
  startDriver,
  stopDriver,
} from "./harness.mjs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Keys } from "./webdriver.mjs";

/** Where the window tests leave the screenshots a person looks at ($LOA_E2E_SCREENSHOT_DIR, else the temp folder). */
const SCREENSHOT_DIR = process.env.LOA_E2E_SCREENSHOT_DIR || tmpdir();

/**
 * Installs the suite's hooks (call it inside `describe`): tauri-driver starts before the first test
 * and stops after the last, and every profile folder handed out is removed. When a prerequisite is
 * missing, every test fails with the reason.
 */
export function useDriver() {
  /** @type {import("./webdriver.mjs").WebDriverClient} */
  let client;
  let setupError = null;
  const dataDirs = [];

  before(async () => {
    const problems = preflightProblems();
    if (problems.length > 0) {
      setupError = new Error(
        `end-to-end prerequisites missing (set LOA_E2E_SKIP=1 to skip):\n  - ${problems.join("\n  - ")}`,
      );
      return;
    }
    try {
      client = await startDriver();
    } catch (e) {
      setupError = e;
    }
  });

  after(async () => {
    await stopDriver();
    for (const dir of dataDirs) removeDataDir(dir);
  });

  return {
    /** A fresh profile folder, removed after the suite. */
    dataDir(label) {
      const dir = freshDataDir(label);
      dataDirs.push(dir);
      return dir;
    },
    /** Launches the app on `dir` (options: see `launchApp`); the session is closed by `withArtifacts`. */
    async open(ctx, dir, options) {
      if (setupError) throw setupError;
      const session = await launchApp(client, dir, options);
      ctx.sessions.push(session);
      return session;
    },
  };
}

/**
 * Type `text` into a field with real key input (Element Send Keys; "\n" is the Enter key).
 * If the driver drops or alters characters, say so and type again with the W3C Actions API.
 */
export async function typeInto(t, session, el, text) {
  const before = await el.property("value");
  const expected = (before + text).normalize("NFC");
  const keys = text.replace(/\n/g, Keys.ENTER);
  await el.click();
  await el.sendKeys(keys);
  let value = await el.property("value");
  if (value === expected) return "send-keys";
  t.diagnostic(`Element Send Keys gave ${JSON.stringify(value)} for ${JSON.stringify(expected)}; retrying with W3C Actions`);
  assert.equal(before, "", "the Actions fallback only retypes into an empty field");
  await el.clear();
  await el.click();
  await session.typeWithActions(keys);
  value = await el.property("value");
  assert.equal(value, expected, "W3C Actions key input did not produce the typed text either");
  return "actions";
}

export async function waitSaved(session) {
  await session.waitFor(
    async () => (await (await session.byTestId("draft-save-state")).attribute("data-state")) === "saved",
    { message: 'draft-save-state data-state="saved"', timeoutMs: 10_000 },
  );
}

export async function currentDraftId(session) {
  const item = await session.waitForTestId("draft-list-item", '[aria-current="true"]');
  return item.attribute("data-draft-id");
}

export async function newDraft(session) {
  const before = await session.findElements('[data-testid="draft-list-item"]');
  await (await session.byTestId("draft-new")).click();
  await session.waitFor(
    async () => (await session.findElements('[data-testid="draft-list-item"]')).length === before.length + 1,
    { message: "a new item in draft-list" },
  );
  return session.waitForTestId("draft-title");
}


/** A Tauri command called the way the page calls it (for what WebDriver cannot click: native dialogs). */
export async function invoke(session, cmd, args) {
  const out = await session.executeAsyncScript(
    `const [cmd, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(cmd, args).then((ok) => done({ ok }), (err) => done({ err }));`,
    [cmd, args],
  );
  if (out.err !== undefined) throw new Error(`${cmd} failed: ${JSON.stringify(out.err)}`);
  return out.ok;
}

/**
 * A screenshot of the window, saved as loa-<name>.png; returns its path. WebKitWebDriver answers a
 * screenshot after the page's next frame; a page with nothing moving (no caret blinking, no
 * animation) may not draw one, and the command hangs. So the page is kept drawing for a moment while
 * the screenshot is taken (an invisible change).
 */
export async function screenshot(s, name) {
  await s.executeScript(
    `const end = Date.now() + 4000;
     const step = () => {
       document.documentElement.style.opacity = document.documentElement.style.opacity === "0.999" ? "1" : "0.999";
       if (Date.now() < end) requestAnimationFrame(step);
       else document.documentElement.style.opacity = "";
     };
     requestAnimationFrame(step);`,
  );
  const path = join(SCREENSHOT_DIR, `loa-${name}.png`);
  writeFileSync(path, await s.screenshot({ timeoutMs: 20_000 }));
  return path;
}
