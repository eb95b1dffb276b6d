#!/usr/bin/env bash
# `npm run package`: installs what the build needs, then builds the .deb and the AppImage
# (scripts/package.mjs; its options pass through, e.g. `npm run package -- --bundles deb`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$LOA_ROOT/scripts/setup.sh" app
exec node "$LOA_ROOT/scripts/package.mjs" "$@"
