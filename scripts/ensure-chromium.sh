#!/usr/bin/env bash
# Makes sure a real Chromium is there for the e2e tests and benches (run by `npm test` before
# the tests, and by .ci/run). Debian's package: playwright's own browser downloads are not used.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium at $chromium. Install one and set CHROMIUM_PATH to it." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian's chromium for the real-browser tests (apt-get)…"
log=$(mktemp)
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  echo "Could not install chromium; install it yourself or set CHROMIUM_PATH." >&2
  exit 1
fi
