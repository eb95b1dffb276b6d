#!/usr/bin/env bash
# One photo through ImageMagick: auto-orient, fit into 2048×2048 (never upscale), logo bottom-right,
# strip metadata, JPEG quality 82. Usage: magick-one.sh IN OUT_DIR LOGO MARGIN [plain]
set -euo pipefail
in=$1 dir=$2 logo=$3 margin=$4 mode=${5:-logo}
name=$(basename "${in%.*}")
if [ "$mode" = plain ]; then
  exec convert "$in" -auto-orient -resize '2048x2048>' -strip -quality 82 "$dir/$name.jpg"
fi
exec convert "$in" -auto-orient -resize '2048x2048>' "$logo" -gravity southeast \
  -geometry "+$margin+$margin" -composite -strip -quality 82 "$dir/$name.jpg"
