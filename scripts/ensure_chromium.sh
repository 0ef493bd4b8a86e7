#!/bin/sh
# The browser tests drive Debian's Chromium; Playwright cannot download its own browser offline.
# CHROMIUM may point at another Chromium binary (for example /snap/bin/chromium on Ubuntu).
set -eu
browser="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ -n "${CHROMIUM:-}" ]; then
  echo "CHROMIUM=$CHROMIUM is not an executable file." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package (needed by the browser tests)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  exit 0
fi
cat >&2 <<'MSG'
The browser tests need Chromium at /usr/bin/chromium, and it is missing.
  Debian:  sudo apt-get install chromium
  Ubuntu:  sudo snap install chromium, then run: CHROMIUM=/snap/bin/chromium make test
Then run `make test` again.
MSG
exit 1
