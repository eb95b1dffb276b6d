#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, clippy, the Rust tests (core,
# CLI, shell, bindings freshness), the UI type check and unit tests, the end-to-end tests that
# drive the real window through tauri-driver under Xvfb, and the .deb: bundled from the same debug
# build, installed, started and removed again.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$LOA_ROOT/scripts/setup.sh" test
cd "$LOA_ROOT"
# A test whose shared test data is missing fails instead of skipping (see loa-testdata).
export LOA_REQUIRE_TESTDATA=1

step() { echo; echo "==> $*"; }

step "UI build (embedded in the app)"
npm run build:ui

cd src-tauri
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --features custom-protocol -- -D warnings
step "cargo test"
cargo test --workspace --features custom-protocol
step "cargo build (app, loa and loa-sandbox for the end-to-end tests)"
cargo build -p loa-app -p loa-cli -p loa-emulators --features loa-app/custom-protocol
cd "$LOA_ROOT"

step "UI type check and unit tests"
npm run check:ui
npm run test:ui

step "End-to-end tests in the real window"
started_xvfb=""
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:97
  Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  started_xvfb=$!
  trap '[ -n "$started_xvfb" ] && kill "$started_xvfb" 2>/dev/null || true' EXIT
  sleep 1
fi
export LOA_APP_BIN="$CARGO_TARGET_DIR/debug/loa-app"
dbus-run-session -- npm run test:e2e

step "Debian package: bundle the debug build, install it, start it, remove it"
node scripts/package.mjs --debug --prebuilt --bundles deb
scripts/check-package.sh "$(ls -t "$CARGO_TARGET_DIR"/debug/bundle/deb/*.deb | head -n 1)"
