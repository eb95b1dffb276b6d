#!/usr/bin/env bash
# Upload benchmark: a video post to Facebook (emulated) over a slow link that drops every few
# megabytes, through the real `loa sync`, killed once mid-upload. Prints bytes sent against the
# file size, elapsed against ideal (size / bandwidth) and the videos on the Page, and writes
# benchmarks/upload.md.
#
# Knobs (environment): LOA_BENCH_VIDEO_MB (20), LOA_BENCH_MBITS (4), LOA_BENCH_DROP_MB (4),
# LOA_BENCH_KILL_AT (0.5), LOA_BENCH_SEED (1). LOA_BENCH_PROFILE=dev uses a debug build (faster
# to build; the link, not the CPU, bounds this benchmark).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/src-tauri"
target="${CARGO_TARGET_DIR:-$root/src-tauri/target}"
profile="${LOA_BENCH_PROFILE:-release}"
if [ "$profile" = "dev" ]; then
  cargo build -p loa-cli --bin loa
  bin="$target/debug/loa"
else
  cargo build --release -p loa-cli --bin loa
  bin="$target/release/loa"
fi
LOA_BIN="$bin" LOA_BENCH_OUT="$root/benchmarks/upload.md" \
  cargo bench --profile "$( [ "$profile" = dev ] && echo dev || echo bench )" -p loa-emulators --bench video_link
