#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser test of apps/web-client: playwright-core drives
# /usr/bin/chromium, because Playwright's own browser download does not work on these machines.
# It never fails the run itself: without a browser that test fails and says how to install one.
set -uo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0

echo "installing Debian's chromium package (the browser test of apps/web-client needs $browser)"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get here: install Chromium yourself, or set CHROMIUM_PATH to a Chromium or Chrome binary"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  as_root=(env)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n env)
else
  echo "not root and no password-less sudo: run 'sudo apt-get install -y chromium' yourself"
  exit 0
fi
log=$(mktemp)
if timeout 300 "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 &&
  timeout 900 "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >>"$log" 2>&1; then
  echo "installed: $("$browser" --version 2>/dev/null | head -n 1)"
else
  echo "could not install chromium (the browser test will fail); last lines of apt-get:"
  tail -n 20 "$log"
fi
rm -f "$log"
exit 0
