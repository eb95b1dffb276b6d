# Sourced by the other scripts. The cargo target folder lives outside the clone by default, so a
# fresh clone (CI, a second checkout) reuses compiled dependencies instead of rebuilding Tauri.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/loa-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
LOA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LOA_ROOT
