#!/usr/bin/env bash
# One photo through libvips: shrink-on-load thumbnail into 2048×2048 (auto-rotated), then the logo
# composited bottom-right with a margin, saved as JPEG Q=82 without metadata.
# Usage: vips-one.sh IN OUT_DIR LOGO MARGIN [plain]
set -euo pipefail
in=$1 dir=$2 logo=$3 margin=$4 mode=${5:-logo}
name=$(basename "${in%.*}")
if [ "$mode" = plain ]; then
  exec vipsthumbnail "$in" -s 2048x2048 -o "$dir/%s.jpg[Q=82,strip]"
fi
tmp="$dir/$name.v"
vipsthumbnail "$in" -s 2048x2048 -o "$tmp"
w=$(vipsheader -f width "$tmp") h=$(vipsheader -f height "$tmp")
lw=$(vipsheader -f width "$logo") lh=$(vipsheader -f height "$logo")
vips composite2 "$tmp" "$logo" "$dir/$name.v2.v" over --x $((w - lw - margin)) --y $((h - lh - margin))
# composite2 yields RGBA; drop the alpha band so the JPEG is plain RGB.
vips flatten "$dir/$name.v2.v" "$dir/$name.jpg[Q=82,strip]"
rm -f "$tmp" "$dir/$name.v2.v"
