#!/bin/sh
# Set-up for the HTML report's browser tests, run by `npm test` before vitest: Debian's
# chromium and the DejaVu fonts the reviewed screenshots were taken with. Idempotent: does
# nothing when both are there. Installs with apt-get when root or passwordless sudo is
# available; otherwise says what is missing and leaves the browser tests to fail, saying so.
set -eu
CHROMIUM="${ENVGATE_CHROMIUM:-/usr/bin/chromium}"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ -x "$CHROMIUM" ] && [ -f "$FONT" ]; then exit 0; fi
if [ -n "${ENVGATE_CHROMIUM:-}" ]; then
  echo "ensure-chromium: ENVGATE_CHROMIUM=$CHROMIUM is not an executable; the browser tests will fail" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get here; install chromium and DejaVu fonts (or set ENVGATE_CHROMIUM), or the browser tests fail" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "ensure-chromium: chromium missing and neither root nor passwordless sudo: run 'apt-get install -y chromium fonts-dejavu-core' as root" >&2
  exit 0
fi
echo "ensure-chromium: installing chromium and fonts-dejavu-core with apt-get" >&2
install() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null; }
# A fresh machine may have no package lists yet: update once, then try again.
install || { $SUDO apt-get update -q >/dev/null && install; } || echo "ensure-chromium: apt-get could not install chromium; the browser tests will fail" >&2
