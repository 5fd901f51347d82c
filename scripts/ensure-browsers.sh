#!/usr/bin/env bash
# Makes sure the three real browsers of the e2e tests are there (run by `npm test` before the
# tests, and by .ci/run), from Debian's packages (playwright's own browser downloads are not
# used): Chromium, Firefox ESR, WebKitGTK's WebDriver with its MiniBrowser, and Xvfb, the
# virtual display WebKitGTK needs. CHROMIUM_PATH, FIREFOX_PATH and WEBKIT_DRIVER_PATH point
# the tests at browsers installed elsewhere.
set -euo pipefail
declare -A wanted=(
  [chromium]="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [firefox-esr]="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
  [webkit2gtk-driver]="${WEBKIT_DRIVER_PATH:-/usr/bin/WebKitWebDriver}"
  [xvfb]=/usr/bin/Xvfb
)
missing=()
for package in "${!wanted[@]}"; do
  [ -x "${wanted[$package]}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing for the real-browser tests: ${missing[*]}. Install them (or set CHROMIUM_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH)." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian's ${missing[*]} for the real-browser tests (apt-get)…"
log=$(mktemp)
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  echo "Could not install ${missing[*]}; install them yourself." >&2
  exit 1
fi
