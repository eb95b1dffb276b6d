#!/usr/bin/env bash
# Photo pipeline benchmark: Loa against libvips (vipsthumbnail) and ImageMagick.
#
# The job, for every ≥ 8 MP JPEG in shared/testdata/photos-exif (MANIFEST.tsv): turn upright, fit
# into 2048×2048, put a logo in the bottom-right corner, JPEG quality 82, metadata stripped. Each
# tool runs the batch on all cores (Loa in one process; vips and ImageMagick one process per photo,
# `nproc` at a time), in alternating rounds. Measured: wall time, CPU time (user+sys) and peak RSS
# of the largest single process (GNU time), output bytes, and SSIM.
#
# SSIM: each tool also runs the same job without the logo (timed as well), and those outputs are
# compared with a careful reference: ImageMagick's Lanczos resize of the auto-oriented original to
# the exact size of Loa's output, kept lossless (PNG). Comparing un-watermarked outputs measures
# resampling and JPEG quality alone; masking a logo would drop the corner each tool places a bit
# differently. SSIM is on luma, 8×8 windows every 4 px (the `ssim` example of loa-media).
#
# Writes the table to benchmarks/media.md. Env: ROUNDS (3), JOBS (nproc), LOA_TESTDATA, and
# LOA_BEFORE: the path of another `loa` binary (say, one built from the previous commit) run as
# "loa-before" in the same rounds, to compare a change to the pipeline under the same load.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HERE=$ROOT/scripts/bench-media
DATA=${LOA_TESTDATA:-$ROOT/../shared/testdata}/photos-exif
ROUNDS=${ROUNDS:-3}
JOBS=${JOBS:-$(nproc)}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/src-tauri/target}

if [ ! -f "$DATA/MANIFEST.tsv" ]; then
  echo "bench-media: $DATA/MANIFEST.tsv not found (set LOA_TESTDATA)" >&2
  exit 1
fi

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v vipsthumbnail >/dev/null || missing+=(libvips-tools)
command -v convert >/dev/null || missing+=(imagemagick)
[ -x /usr/bin/time ] || missing+=(time)
command -v pkg-config >/dev/null || missing+=(pkg-config)
pkg-config --exists libturbojpeg 2>/dev/null || missing+=(libturbojpeg0-dev)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench-media: installing ${missing[*]}" >&2
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "bench-media: building the release CLI and the ssim helper" >&2
(cd "$ROOT/src-tauri" && cargo build --release -q -p loa-cli && cargo build --release -q -p loa-media --example ssim)
LOA=$CARGO_TARGET_DIR/release/loa
LOA_BEFORE=${LOA_BEFORE:-}
SSIM=$CARGO_TARGET_DIR/release/examples/ssim

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- inputs ------------------------------------------------------------------------------------
mapfile -t ALL < <(awk -F'\t' 'NR > 1 && $4 >= 8 && tolower($1) ~ /\.jpe?g$/ { print $1 }' "$DATA/MANIFEST.tsv")

# The logo: a red ellipse with a white bar on transparency. Loa sizes it itself (18 % of the short
# edge, margin 3 %); vips and ImageMagick get it pre-scaled for a 2048×1536 output (276 px, 46 px).
convert -size 600x300 xc:none -fill 'rgba(200,30,30,0.9)' -draw 'ellipse 300,150 290,140 0,360' \
  -fill white -draw 'rectangle 150,125 450,175' "$WORK/logo.png"
convert "$WORK/logo.png" -resize 276x "$WORK/logo-276.png"
MARGIN=46

# Keep only photos every tool can read, so all process the same set.
INPUTS=()
SKIPPED=()
mkdir -p "$WORK/probe"
for rel in "${ALL[@]}"; do
  f=$DATA/$rel
  if "$LOA" media process "$f" --out "$WORK/probe" >/dev/null 2>&1 &&
    bash "$HERE/vips-one.sh" "$f" "$WORK/probe" "$WORK/logo-276.png" $MARGIN plain >/dev/null 2>&1 &&
    bash "$HERE/magick-one.sh" "$f" "$WORK/probe" "$WORK/logo-276.png" $MARGIN plain >/dev/null 2>&1; then
    INPUTS+=("$f")
  else
    SKIPPED+=("$rel")
  fi
done
rm -rf "$WORK/probe"
MP=$(for f in "${INPUTS[@]}"; do identify -format '%w %h\n' "$f[0]" 2>/dev/null; done | awk '{ s += $1 * $2 } END { printf "%.1f", s / 1e6 }')
echo "bench-media: ${#INPUTS[@]} photos ($MP MP), ${#SKIPPED[@]} skipped, $ROUNDS rounds, $JOBS jobs" >&2

# --- runs --------------------------------------------------------------------------------------
run_tool() { # tool out_dir
  local tool=$1 dir=$2
  case $tool in
    "loa (logo)") "$LOA" media process "${INPUTS[@]}" --out "$dir" --preset facebook --watermark "$WORK/logo.png" >/dev/null ;;
    "loa (no logo)") "$LOA" media process "${INPUTS[@]}" --out "$dir" --preset facebook >/dev/null ;;
    "loa-before (logo)") "$LOA_BEFORE" media process "${INPUTS[@]}" --out "$dir" --preset facebook --watermark "$WORK/logo.png" >/dev/null ;;
    "loa-before (no logo)") "$LOA_BEFORE" media process "${INPUTS[@]}" --out "$dir" --preset facebook >/dev/null ;;
    "vips (logo)") printf '%s\0' "${INPUTS[@]}" | xargs -0 -P "$JOBS" -I{} bash "$HERE/vips-one.sh" {} "$dir" "$WORK/logo-276.png" $MARGIN ;;
    "vips (no logo)") printf '%s\0' "${INPUTS[@]}" | xargs -0 -P "$JOBS" -I{} bash "$HERE/vips-one.sh" {} "$dir" "$WORK/logo-276.png" $MARGIN plain ;;
    "magick (logo)") printf '%s\0' "${INPUTS[@]}" | xargs -0 -P "$JOBS" -I{} bash "$HERE/magick-one.sh" {} "$dir" "$WORK/logo-276.png" $MARGIN ;;
    "magick (no logo)") printf '%s\0' "${INPUTS[@]}" | xargs -0 -P "$JOBS" -I{} bash "$HERE/magick-one.sh" {} "$dir" "$WORK/logo-276.png" $MARGIN plain ;;
  esac
}
export -f run_tool
export LOA LOA_BEFORE WORK HERE MARGIN JOBS

slug() { printf '%s' "$1" | tr -c 'a-z0-9' '_'; }

TOOLS=("loa (logo)" "vips (logo)" "magick (logo)" "loa (no logo)" "vips (no logo)" "magick (no logo)")
if [ -n "$LOA_BEFORE" ]; then
  TOOLS=("loa (logo)" "loa-before (logo)" "vips (logo)" "magick (logo)" "loa (no logo)" "loa-before (no logo)" "vips (no logo)" "magick (no logo)")
fi
: >"$WORK/runs.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${TOOLS[@]}"; do
    dir=$WORK/out/$(slug "$tool")
    rm -rf "$dir" && mkdir -p "$dir"
    start=$(date +%s%N)
    INPUTS_Z=$(printf '%s\n' "${INPUTS[@]}")
    /usr/bin/time -v -o "$WORK/time.txt" bash -c 'mapfile -t INPUTS <<<"$1"; run_tool "$2" "$3"' _ "$INPUTS_Z" "$tool" "$dir"
    end=$(date +%s%N)
    user=$(awk -F': ' '/User time/ { print $2 }' "$WORK/time.txt")
    sys=$(awk -F': ' '/System time/ { print $2 }' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$WORK/time.txt")
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$round" "$wall" "$user" "$sys" "$rss" >>"$WORK/runs.tsv"
    echo "  round $round  $tool: ${wall}s" >&2
  done
done

# --- sizes and quality -------------------------------------------------------------------------
: >"$WORK/bytes.tsv"
for tool in "${TOOLS[@]}"; do
  dir=$WORK/out/$(slug "$tool")
  printf '%s\t%s\n' "$tool" "$(cat "$dir"/*.jpg | wc -c)" >>"$WORK/bytes.tsv"
done
: >"$WORK/ssim.tsv"
mkdir -p "$WORK/ref"
for f in "${INPUTS[@]}"; do
  name=$(basename "${f%.*}")
  loa_out=$WORK/out/$(slug "loa (no logo)")/$name.jpg
  size=$(identify -format '%wx%h' "$loa_out")
  convert "$f" -auto-orient -filter Lanczos -resize "$size!" -strip "$WORK/ref/$name.png"
  mapfile -t scores < <("$SSIM" "$WORK/ref/$name.png" "$loa_out" \
    "$WORK/out/$(slug "vips (no logo)")/$name.jpg" "$WORK/out/$(slug "magick (no logo)")/$name.jpg")
  printf 'loa\t%s\t%s\nvips\t%s\t%s\nmagick\t%s\t%s\n' "$name" "${scores[0]}" "$name" "${scores[1]}" "$name" "${scores[2]}" >>"$WORK/ssim.tsv"
  if [ -n "$LOA_BEFORE" ]; then
    printf 'loa-before\t%s\t%s\n' "$name" "$("$SSIM" "$WORK/ref/$name.png" "$WORK/out/$(slug "loa-before (no logo)")/$name.jpg")" >>"$WORK/ssim.tsv"
  fi
done

TABLE=$(python3 "$HERE/table.py" "$WORK")
mkdir -p "$ROOT/benchmarks"
{
  echo "# Photo pipeline benchmark"
  echo
  echo "Generated by \`scripts/bench-media.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(vipsthumbnail --version), $(convert -version | head -1 | cut -d' ' -f2-3), Loa release build,"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (other work on the machine slows every tool)."
  echo
  echo "Job: ${#INPUTS[@]} JPEG photos of 8–12 MP ($MP MP in all) from shared/testdata/photos-exif: upright,"
  echo "fit into 2048×2048, logo bottom-right, JPEG quality 82, metadata stripped. $ROUNDS alternating rounds;"
  echo "each tool uses all $JOBS cores (Loa: one process; vips, ImageMagick: one process per photo, $JOBS at a time)."
  echo "CPU is user+sys of the whole batch (median); peak RSS is the largest single process."
  if [ ${#SKIPPED[@]} -gt 0 ]; then
    echo "Left out because at least one tool could not read them: ${SKIPPED[*]}."
  fi
  echo
  echo "$TABLE"
  echo
  echo "SSIM: the no-logo outputs against ImageMagick's Lanczos resize of the auto-oriented original to"
  echo "the same size (lossless), on luma, 8×8 windows every 4 px; 1.0 = identical. The logo rows show the"
  echo "same tool's SSIM. vips and ImageMagick get a logo pre-scaled for a 2048×1536 output; Loa scales"
  echo "the logo to 18 % of each output's short edge itself."
} >"$ROOT/benchmarks/media.md"
cat "$ROOT/benchmarks/media.md"
