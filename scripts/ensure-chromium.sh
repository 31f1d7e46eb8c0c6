#!/usr/bin/env bash
# Make sure a headless Chromium is on the machine for the test that renders an HTML page
# to PNG. A fresh machine gets Debian's chromium package (needs root); without root the
# test says what is missing.
set -euo pipefail

for name in chromium chromium-browser google-chrome; do
    command -v "$name" >/dev/null 2>&1 && exit 0
done
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: no chromium, and cannot install one here" >&2
    exit 1
fi
echo "ensure-chromium: installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
