#!/usr/bin/env bash
# Make sure espeak-ng is on the machine: a read_aloud student's HTML copy links a spoken
# recording of each question and of the week's note, made offline with it. A fresh machine
# gets Debian's espeak-ng package (needs root); without root the export and the tests say
# what is missing.
set -euo pipefail

if command -v espeak-ng >/dev/null 2>&1; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-espeak: no espeak-ng, and cannot install it here" >&2
    exit 1
fi
echo "ensure-espeak: installing Debian's espeak-ng" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq espeak-ng >/dev/null
