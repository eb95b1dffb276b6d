#!/usr/bin/env node
// Measures the desktop app the way an officer feels it: time from launch to an interactive window
// (the UI calls app_ready after its first render; with LOA_STARTUP_PROBE=1 the app prints the time
// since its process started), wall time from spawn to that moment, and idle memory of the app with
// its WebKit processes (RSS and PSS, 5 s after start). With --cold-build it also times a cold debug
// build of the whole workspace into an empty target folder.
//
//   node scripts/measure-app.mjs [--runs N] [--bin PATH] [--cold-build]
//
// Needs a built app (npm run build:ui; cargo build -p loa-app --features custom-protocol) and a
// display; without DISPLAY it starts Xvfb. Writes the table to benchmarks/app.md.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir, cpus, totalmem } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt("--runs", "5"));
const targetDir = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME ?? "/root", ".cache/loa-target");
const bin = opt("--bin", join(targetDir, "debug/loa-app"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let xvfb;
if (!process.env.DISPLAY) {
  process.env.DISPLAY = ":96";
  xvfb = spawn("Xvfb", [":96", "-screen", "0", "1366x768x24", "-nolisten", "tcp"], { stdio: "ignore" });
  await sleep(1000);
}

/** pid and all its descendants, from /proc. */
function tree(pid) {
  const parent = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(d), ppid);
    } catch {}
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

function memoryKiB(pids) {
  let rss = 0, pss = 0;
  const names = [];
  for (const p of pids) {
    try {
      const roll = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0);
      names.push(readFileSync(`/proc/${p}/comm`, "utf8").trim());
    } catch {}
  }
  return { rss, pss, names };
}

async function launchOnce(measureMemory) {
  const dir = mkdtempSync(join(tmpdir(), "loa-measure-"));
  const t0 = performance.now();
  const child = spawn(bin, ["--data-dir", dir], {
    env: { ...process.env, LOA_STARTUP_PROBE: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("no app_ready within 60 s")), 60000);
    child.stdout.on("data", (d) => {
      buf += d;
      const m = /loa-startup-ms (\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve({ app: Number(m[1]), wall: performance.now() - t0 });
      }
    });
    child.on("exit", (c) => reject(new Error(`app exited with ${c} before it was ready`)));
  });
  let mem;
  if (measureMemory) {
    await sleep(5000);
    mem = memoryKiB(tree(child.pid));
  }
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
  return { ...ready, mem };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  // One warm-up launch (fills the page cache, as on an officer's second start of the day).
  const first = await launchOnce(true);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await launchOnce(false));
  rows.push(["first launch to interactive (app clock)", `${first.app} ms`]);
  rows.push([`launch to interactive, median of ${runs} (app clock)`, `${median(results.map((r) => r.app))} ms`]);
  rows.push([`spawn to interactive, median of ${runs} (wall)`, `${Math.round(median(results.map((r) => r.wall)))} ms`]);
  rows.push(["idle memory, RSS of app + WebKit processes", `${(first.mem.rss / 1024).toFixed(1)} MiB`]);
  rows.push(["idle memory, PSS of app + WebKit processes", `${(first.mem.pss / 1024).toFixed(1)} MiB`]);
  rows.push(["processes", first.mem.names.join(", ")]);
} finally {
  xvfb?.kill();
}

if (args.includes("--cold-build")) {
  const cold = mkdtempSync(join(tmpdir(), "loa-cold-target-"));
  const t0 = performance.now();
  execFileSync("cargo", ["build", "-p", "loa-app", "-p", "loa-cli", "--features", "custom-protocol"], {
    cwd: join(root, "src-tauri"),
    env: { ...process.env, CARGO_TARGET_DIR: cold },
    stdio: "inherit",
  });
  rows.push(["cold debug build of app + CLI (empty target folder)", `${((performance.now() - t0) / 1000).toFixed(0)} s`]);
  rmSync(cold, { recursive: true, force: true });
}

const table = [
  `Loa app measurements — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, binary ${bin}`,
  "",
  "| measure | value |",
  "| --- | --- |",
  ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  "",
].join("\n");
console.log(table);
mkdirSync(join(root, "benchmarks"), { recursive: true });
writeFileSync(join(root, "benchmarks/app.md"), table);
