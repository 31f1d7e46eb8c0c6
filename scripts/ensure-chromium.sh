#!/usr/bin/env bash
# Make sure a headless Chromium is on the machine for the test that renders an HTML page
# to PNG, and its chromedriver for the web pages' browser tests (tests/test_web_browser.py).
# A fresh machine gets Debian's chromium and chromium-driver packages (needs root); without
# root the tests say what is missing.
set -euo pipefail

have_browser=0
for name in chromium chromium-browser google-chrome; do
    command -v "$name" >/dev/null 2>&1 && have_browser=1
done
if [[ $have_browser -eq 1 ]] && [[ -x /usr/bin/chromedriver ]]; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: no chromium or chromedriver, and cannot install them here" >&2
    exit 1
fi
echo "ensure-chromium: installing Debian's chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
