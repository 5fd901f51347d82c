#!/usr/bin/env bash
# Makes sure the system programs the tests drive are there (run by `npm test` before the tests),
# from Debian's packages (playwright's own browser downloads are not used): the three real
# browsers of the e2e tests — Chromium, Firefox ESR, WebKitGTK's WebDriver with its MiniBrowser,
# and Xvfb, the virtual display WebKitGTK needs — and redis-server, which the node project's
# multi-instance webhook tests start on a free port. CHROMIUM_PATH, FIREFOX_PATH and WEBKIT_DRIVER_PATH point
# the tests at browsers installed elsewhere.
set -euo pipefail
declare -A wanted=(
  [chromium]="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [firefox-esr]="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
  [webkit2gtk-driver]="${WEBKIT_DRIVER_PATH:-/usr/bin/WebKitWebDriver}"
  [xvfb]=/usr/bin/Xvfb
  [redis-server]=/usr/bin/redis-server
)
missing=()
for package in "${!wanted[@]}"; do
  [ -x "${wanted[$package]}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing for the tests: ${missing[*]}. Install them (or set CHROMIUM_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH)." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian's ${missing[*]} for the tests (apt-get)…"
log=$(mktemp)
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  echo "Could not install ${missing[*]}; install them yourself." >&2
  exit 1
fi
