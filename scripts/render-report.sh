#!/usr/bin/env bash
# Renders the HTML report of the seed articles in headless Chromium to a PNG, so a person can
# look at what a reader of the report sees.
#
# Usage: scripts/render-report.sh [OUT.png] [WIDTHxHEIGHT]
#   OUT.png defaults to target/report-screenshot.png; the window defaults to 1400x2000.
# Needs: chromium (Debian: apt-get install -y chromium), cargo.
# Environment: CARGO_TARGET_DIR is honoured; CROSSCHECK_BIN skips the build and uses that binary.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/report-screenshot.png}"
size="${2:-1400x2000}"
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$chrome" ]]; then
  echo "error: chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

if [[ -z "${CROSSCHECK_BIN:-}" ]]; then
  cargo build --quiet --no-default-features --manifest-path "$root/Cargo.toml"
  CROSSCHECK_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/crosscheck"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
report="$work/report.html"
# Relative paths, as a user in the project folder would type them.
(cd "$root" && "$CROSSCHECK_BIN" report --format html -o "$report" tests/fixtures/seeds/*.txt)

mkdir -p "$(dirname "$out")"
rm -f "$out"
# No network, no first-run work: the report must render from the file alone.
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size="${size/x/,}" --screenshot="$out" "file://$report" >"$work/chromium.log" 2>&1 || {
  cat "$work/chromium.log" >&2
  echo "error: chromium failed to render $report" >&2
  exit 1
}
if [[ ! -s "$out" ]]; then
  cat "$work/chromium.log" >&2
  echo "error: chromium wrote no screenshot: $out" >&2
  exit 1
fi
echo "wrote $out"
