#!/usr/bin/env bash
# Installs what Loa needs on a fresh Debian 12 machine that has Rust and Node:
#   app   — the system libraries Tauri builds against (WebKitGTK 4.1 …) and the npm packages;
#   test  — the same, plus Xvfb, WebKitWebDriver and tauri-driver for the end-to-end tests.
# Safe to run again: it installs only what is missing.
set -euo pipefail
mode="${1:-app}"
source "$(dirname "$0")/env.sh"
cd "$LOA_ROOT"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

# libturbojpeg0-dev: the photo pipeline decodes JPEG at reduced size and encodes with libjpeg-turbo.
# libdbus-1-dev: channel credentials go to the Secret Service keyring over D-Bus.
# ffmpeg: videos are probed and compressed by ffmpeg/ffprobe run as child processes (loa-video).
pkgs=(build-essential pkg-config curl wget file libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
      libayatana-appindicator3-dev librsvg2-dev libturbojpeg0-dev libdbus-1-dev ffmpeg)
# poppler-utils (test): pdftotext reads the report PDFs back in loa-report's tests.
# x11-utils (xwininfo) and desktop-file-utils: scripts/check-package.sh finds the installed app's
# window and validates its desktop entry. ffmpeg also takes the window tests' screenshots (x11grab).
if [ "$mode" = test ]; then
  pkgs+=(xvfb xauth webkit2gtk-driver dbus-x11 poppler-utils x11-utils desktop-file-utils)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund
fi

for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked
fi
