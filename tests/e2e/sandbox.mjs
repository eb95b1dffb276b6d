// The emulated platforms of `loa-sandbox` (built from src-tauri/crates/loa-emulators) for the
// window tests that publish: started on free ports, stopped after.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { appPath, sleep } from "./harness.mjs";

/** The emulated Page: its id and name, as `loa-sandbox` serves them. */
export const PAGE_ID = "1001";
export const PAGE_NAME = "UBND xã Nà Hẩu";

export function sandboxPath() {
  return process.env.LOA_SANDBOX_BIN || join(dirname(appPath()), "loa-sandbox");
}

/** Starts `loa-sandbox` on the given ports (`extra`: more arguments, e.g. `--bandwidth`);
 * resolves once it prints its instructions. */
export async function startSandbox(dir, ports, extra = []) {
  const proc = spawn(sandboxPath(), ["--dir", dir, "--ports", ports.join(","), ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (out += d));
  const deadline = Date.now() + 20_000;
  while (!out.includes("Facebook Graph")) {
    if (proc.exitCode !== null) throw new Error(`loa-sandbox exited (${proc.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      proc.kill("SIGTERM");
      throw new Error(`loa-sandbox did not start within 20 s:\n${out}`);
    }
    await sleep(50);
  }
  return proc;
}

export async function stopSandbox(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGTERM");
  await Promise.race([gone, sleep(5000)]);
}

/** A Graph API list of the emulated Page (`feed`, `videos`), as the Graph API serves it. */
export async function pageList(base, token, edge, fields) {
  const res = await fetch(`${base}/${PAGE_ID}/${edge}?fields=${fields}&limit=100&access_token=${encodeURIComponent(token)}`);
  assert.equal(res.status, 200, `${edge} answered ${res.status}`);
  return (await res.json()).data;
}
