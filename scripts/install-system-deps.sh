#!/usr/bin/env bash
# Debian packages oitcheck uses beyond Python: Chromium (JavaScript pages, HTML reports), Tesseract with the
# Thai model (scanned documents), Thai fonts, and the PostgreSQL and Redis servers the tests start privately on
# loopback (tests/support/services.py; the history in PostgreSQL, the Celery broker), and systemd for
# `systemd-analyze verify` of the shipped units (tests/test_install.py; it needs no running systemd, so it works in a
# container). Installs only what is missing; needs root and apt-get.
# Without root it prints what to install and carries on: the tests that need a package skip with a reason.
set -u
packages=(chromium tesseract-ocr tesseract-ocr-tha fonts-thai-tlwg fonts-dejavu-core postgresql redis-server systemd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "note: not installing ${missing[*]} (needs root and apt-get); install them for the full test suite" >&2
  echo "      (for JavaScript pages any Chrome/Chromium will do: \`playwright install chromium\` or OITCHECK_BROWSER)" >&2
  exit 0
fi
echo "installing ${missing[*]} …" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "warning: apt-get could not install ${missing[*]}" >&2
exit 0
