#!/usr/bin/env node
// Builds Loa's installers with the Tauri bundler: a .deb and an AppImage on Linux, the NSIS
// installer on Windows (docs/windows.md). The `loa` command line and `loa-sandbox` are built first
// and staged in src-tauri/binaries/, where the platform config (tauri.linux.conf.json,
// tauri.windows.conf.json) picks them up; on Windows ffmpeg, ffprobe and the licences of what is
// linked in are staged there too.
//
//   node scripts/package.mjs [--debug] [--prebuilt] [--bundles deb,appimage] [--ffmpeg-dir DIR]
//
//   --debug       a debug bundle (faster to build; CI uses it)
//   --prebuilt    compile nothing: bundle the binaries already in the cargo target folder (CI builds
//                 them for the end-to-end tests just before)
//   --bundles     which installers (default: deb,appimage on Linux, nsis on Windows)
//   --ffmpeg-dir  Windows: the folder with ffmpeg.exe and ffprobe.exe (default: LOA_FFMPEG_DIR)
//
// Each installer is bundled on its own, so one that cannot be made (the AppImage tools are
// downloaded on first use) does not take the others with it; the exit code is 1 if any failed.
import { spawnSync } from "node:child_process";
import { copyFileSync, chmodSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const srcTauri = join(root, "src-tauri");
const staging = join(srcTauri, "binaries");
const windows = process.platform === "win32";
const exe = windows ? ".exe" : "";

function parseArgs(argv) {
  const opts = { debug: false, prebuilt: false, bundles: null, ffmpegDir: process.env.LOA_FFMPEG_DIR || null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === "--debug") opts.debug = true;
    else if (a === "--prebuilt") opts.prebuilt = true;
    else if (a === "--bundles") opts.bundles = value().split(/[ ,]+/).filter(Boolean);
    else if (a === "--ffmpeg-dir") opts.ffmpegDir = value();
    else fail(`unknown option ${a} (see the top of scripts/package.mjs)`);
  }
  opts.bundles ??= windows ? ["nsis"] : ["deb", "appimage"];
  return opts;
}

function fail(msg) {
  console.error(`package: ${msg}`);
  process.exit(2);
}

function run(cmd, args, cwd = root) {
  console.log(`\n==> ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { cwd, stdio: "inherit" });
  if (r.error) fail(`cannot run ${cmd}: ${r.error.message}`);
  return r.status === 0;
}

function capture(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0) fail(`${cmd} ${args.join(" ")} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

/** Where cargo puts its output: CARGO_TARGET_DIR, the cargo config, or src-tauri/target. */
function targetDir() {
  return JSON.parse(capture("cargo", ["metadata", "--no-deps", "--format-version", "1"], srcTauri)).target_directory;
}

function hostTriple() {
  const line = capture("rustc", ["-vV"]).split("\n").find((l) => l.startsWith("host: "));
  if (!line) fail("rustc -vV printed no host triple");
  return line.slice("host: ".length).trim();
}

function stage(from, to, mode = 0o755) {
  if (!existsSync(from)) fail(`${from} is missing`);
  copyFileSync(from, to);
  chmodSync(to, mode);
  console.log(`staged ${to}`);
}

/** ffmpeg.exe and ffprobe.exe beside the app (the video engine looks there), and their licence. */
function stageFfmpeg(dir, triple) {
  if (!dir) fail("the Windows installer carries ffmpeg: pass --ffmpeg-dir DIR or set LOA_FFMPEG_DIR (docs/windows.md)");
  const bin = [dir, join(dir, "bin")].find((d) => existsSync(join(d, "ffmpeg.exe")));
  if (!bin) fail(`no ffmpeg.exe in ${dir} or ${join(dir, "bin")}`);
  for (const tool of ["ffmpeg", "ffprobe"]) stage(join(bin, `${tool}.exe`), join(staging, `${tool}-${triple}.exe`));
  const licence = [dir, dirname(bin)]
    .flatMap((d) => readdirSync(d).map((f) => join(d, f)))
    .find((p) => /^(LICENSE|COPYING)/i.test(p.split(/[\\/]/).pop()) && statSync(p).isFile());
  if (!licence) fail(`no LICENSE file beside ${bin}: the installer must carry ffmpeg's licence`);
  stage(licence, join(staging, "ffmpeg-LICENSE.txt"), 0o644);
}

/** libjpeg-turbo is linked statically on Windows; its licence asks binary distributions to say so. */
function stageTurbojpegLicence() {
  const lib = process.env.TURBOJPEG_LIB_DIR;
  if (!lib) fail("set TURBOJPEG_LIB_DIR to the static libjpeg-turbo (docs/windows.md)");
  stage(join(lib, "..", "share", "libjpeg-turbo", "copyright"), join(staging, "libjpeg-turbo-LICENSE.txt"), 0o644);
}

const opts = parseArgs(process.argv.slice(2));
const profile = opts.debug ? "debug" : "release";
const cargoProfile = opts.debug ? [] : ["--release"];
const target = targetDir();
const triple = hostTriple();

if (!opts.prebuilt) {
  if (!run("cargo", ["build", ...cargoProfile, "-p", "loa-cli", "-p", "loa-emulators", "--bin", "loa", "--bin", "loa-sandbox"], srcTauri)) {
    fail("building the command line failed");
  }
}
mkdirSync(staging, { recursive: true });
for (const bin of ["loa", "loa-sandbox"]) {
  if (opts.prebuilt && !existsSync(join(target, profile, bin + exe))) fail(`--prebuilt: ${bin}${exe} is not built in ${join(target, profile)}`);
  // Linux takes them by plain name (bundle.linux.*.files); Windows as sidecars, named by target.
  stage(join(target, profile, bin + exe), join(staging, windows ? `${bin}-${triple}${exe}` : bin));
}
if (windows) {
  stageFfmpeg(opts.ffmpegDir, triple);
  stageTurbojpegLicence();
}

const tauri = [createRequire(import.meta.url).resolve("@tauri-apps/cli/tauri.js")];
const debugFlag = opts.debug ? ["--debug"] : [];
if (!opts.prebuilt && !run(process.execPath, [...tauri, "build", ...debugFlag, "--no-bundle"])) {
  fail("building the app failed");
}
const failed = opts.bundles.filter((b) => !run(process.execPath, [...tauri, "bundle", ...debugFlag, "--bundles", b]));

const bundleDir = join(target, profile, "bundle");
console.log("\n==> installers");
for (const kind of existsSync(bundleDir) ? readdirSync(bundleDir) : []) {
  for (const f of readdirSync(join(bundleDir, kind))) {
    const p = join(bundleDir, kind, f);
    if (statSync(p).isFile()) console.log(`${p}  ${(statSync(p).size / 1048576).toFixed(1)} MB`);
  }
}
if (failed.length > 0) {
  console.error(`package: could not make ${failed.join(", ")} (see above)`);
  process.exit(1);
}
