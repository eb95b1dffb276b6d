#!/usr/bin/env bash
# Installs what is missing, builds the UI and the desktop app, and starts Loa.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$LOA_ROOT/scripts/setup.sh" app
cd "$LOA_ROOT"
npm run build:ui
cd src-tauri
cargo build --release -p loa-app --features custom-protocol
exec "$CARGO_TARGET_DIR/release/loa-app" "$@"
