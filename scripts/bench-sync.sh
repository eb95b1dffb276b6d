#!/usr/bin/env bash
# Sync benchmark: posts with photos to Facebook and WordPress (emulated) over one slow link that
# drops connections, through the real `loa sync --once`. Prints bytes sent against rendition bytes,
# elapsed against ideal (bytes / bandwidth) and duplicates, and writes benchmarks/sync.md.
#
# Knobs (environment): LOA_BENCH_POSTS (8), LOA_BENCH_KBPS (256), LOA_BENCH_DROP (0.15),
# LOA_BENCH_SEED (1), LOA_SYNC_TIME_SCALE (unset = the product's real backoffs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/src-tauri"
target="${CARGO_TARGET_DIR:-$root/src-tauri/target}"
cargo build --release -p loa-cli --bin loa
LOA_BIN="$target/release/loa" LOA_BENCH_OUT="$root/benchmarks/sync.md" \
  cargo bench -p loa-emulators --bench sync_link
