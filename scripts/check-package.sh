#!/usr/bin/env bash
# Installs a Loa .deb on this machine the way an officer would (apt-get install ./file.deb), checks
# it, and removes it again (also when a check fails):
#   - the package holds the app, the `loa` command, a valid desktop entry whose Exec and Icon exist;
#   - the installed `loa --version` prints the package's version;
#   - the app started from the desktop entry's Exec, with a fresh profile (LOA_DATA_DIR) on an Xvfb
#     screen of its own, opens its window and renders its first screen (the UI's app_ready).
#
#   scripts/check-package.sh [FILE.deb] [--screenshot FILE.png]
#
# FILE.deb defaults to the newest .deb under the cargo target folder (npm run package). It refuses
# to run where the package is already installed: it would remove that installation at the end.
set -euo pipefail
source "$(dirname "$0")/env.sh"

deb="" shot=""
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) shot="$(realpath -m "$2")"; shift 2 ;;
    -*) echo "check-package: unknown option $1" >&2; exit 2 ;;
    *) deb="$1"; shift ;;
  esac
done
if [ -z "$deb" ]; then
  deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb "$CARGO_TARGET_DIR"/debug/bundle/deb/*.deb 2>/dev/null | head -n 1 || true)"
fi
fail() { echo "check-package: $*" >&2; exit 1; }
[ -n "$deb" ] && [ -f "$deb" ] || fail "no .deb found: run npm run package (or pass FILE.deb)"
deb="$(realpath "$deb")"
for tool in dpkg-deb apt-get Xvfb xwininfo dbus-run-session desktop-file-validate; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/setup.sh test installs it)"
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

pkg="$(dpkg-deb -f "$deb" Package)"
version="$(dpkg-deb -f "$deb" Version)"
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  fail "$pkg is already installed here; remove it first (apt-get remove $pkg)"
fi
echo "==> $deb: $pkg $version, $(du -h "$deb" | cut -f1)"

work="$(mktemp -d)"
xvfb_pid="" app_pgid="" installed=""
cleanup() {
  [ -n "$app_pgid" ] && kill -- "-$app_pgid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if [ -n "$installed" ]; then
    echo "==> apt-get remove --purge $pkg"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq --purge "$pkg" >/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# `timed LABEL CMD…` runs CMD and prints how long it took.
timed() {
  local label="$1" start=$SECONDS status=0
  shift
  "$@" || status=$?
  echo "    $label: $((SECONDS - start)) s"
  return "$status"
}

echo "==> apt-get install $deb"
installed=1
apt_install() {
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1
}
# A dependency missing from stale package lists (ffmpeg on a fresh machine) needs one update.
install_and_retry() {
  apt_install || { "${sudo_cmd[@]}" apt-get update -qq && apt_install; }
}
timed install install_and_retry || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }

echo "==> what the package installed"
files="$(dpkg-query -L "$pkg")"
for f in /usr/bin/loa-app /usr/bin/loa /usr/bin/loa-sandbox /usr/share/doc/loa/copyright; do
  grep -qx "$f" <<<"$files" || fail "the package has no $f"
  [ -e "$f" ] || fail "$f is listed but not on disk"
done
desktop="$(grep -E '^/usr/share/applications/[^/]+\.desktop$' <<<"$files" | head -n 1 || true)"
[ -n "$desktop" ] || fail "the package has no desktop entry"
desktop-file-validate "$desktop" || fail "$desktop is not a valid desktop entry"
exec_line="$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)"
icon="$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)"
exec_bin="$(command -v "${exec_line%% *}" || true)"
[ -n "$exec_bin" ] || fail "$desktop: Exec=$exec_line is not an installed program"
icons="$(grep -E "^/usr/share/icons/hicolor/[^/]+/apps/$icon\.png$" <<<"$files" || true)"
[ -n "$icons" ] || fail "$desktop: no icon named $icon in the hicolor theme"
echo "    $desktop: Exec=$exec_line ($exec_bin), Icon=$icon in $(wc -l <<<"$icons") sizes"
echo "    $(wc -l <<<"$files") paths"

echo "==> loa --version"
[ "$(command -v loa)" = /usr/bin/loa ] || fail "loa on PATH is $(command -v loa), not /usr/bin/loa"
got="$(loa --version)"
[ "$got" = "loa $version" ] || fail "loa --version printed '$got', the package is $version"
echo "    $got"

echo "==> the installed app opens its window"
# Xvfb picks a free display and writes its number once it accepts connections.
Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp 5>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
deadline=$((SECONDS + 15))
until [ -s "$work/display" ]; do
  kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start"
  [ $SECONDS -lt $deadline ] || fail "Xvfb gave no display within 15 s"
  sleep 0.1
done
display=":$(head -n 1 "$work/display")"

started=$SECONDS
mkdir "$work/profile"
# Its own process group, so the cleanup stops the D-Bus session and the app together. Xvfb has no
# GPU: WebKit draws in software, as in the end-to-end tests (tests/e2e/harness.mjs).
DISPLAY="$display" LOA_DATA_DIR="$work/profile" LOA_STARTUP_PROBE=1 \
  WEBKIT_DISABLE_DMABUF_RENDERER="${WEBKIT_DISABLE_DMABUF_RENDERER:-1}" \
  LIBGL_ALWAYS_SOFTWARE="${LIBGL_ALWAYS_SOFTWARE:-1}" \
  setsid dbus-run-session -- "$exec_bin" >"$work/app.log" 2>&1 &
app_pgid=$!
window="" ready=""
deadline=$((SECONDS + 90))
while [ -z "$window" ] || [ -z "$ready" ]; do
  kill -0 "$app_pgid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited before its window was ready"; }
  [ $SECONDS -lt $deadline ] || { cat "$work/app.log" >&2; fail "no window and first screen within 90 s"; }
  # The window: title "Loa", class of the installed binary.
  [ -n "$window" ] || window="$(xwininfo -display "$display" -root -tree 2>/dev/null \
    | grep -F "\"Loa\": (\"$(basename "$exec_bin")\"" | head -n 1 || true)"
  # The UI calls app_ready once its first screen is rendered; the probe prints it.
  [ -n "$ready" ] || ready="$(grep -m 1 '^loa-startup-ms ' "$work/app.log" || true)"
  sleep 0.2
done
echo "    window:$(awk '{$1=$1; print}' <<<"$window")"
echo "    first screen after ${ready#loa-startup-ms } ms (checked after $((SECONDS - started)) s)"
[ -f "$work/profile/loa.db" ] || fail "the app made no profile in LOA_DATA_DIR"

if [ -n "$shot" ]; then
  ffmpeg -loglevel error -y -f x11grab -video_size 1366x768 -i "$display" -frames:v 1 "$shot"
  echo "    screenshot: $shot"
fi

kill -- "-$app_pgid" 2>/dev/null || true
app_pgid=""
cleanup_start=$SECONDS
trap - EXIT
cleanup
[ ! -e /usr/bin/loa ] || fail "/usr/bin/loa is still there after removing $pkg"
echo "    remove: $((SECONDS - cleanup_start)) s"
echo "==> $pkg $version: installed, started, removed"
