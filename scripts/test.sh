#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite, slow tests and PostgreSQL included.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if bash scripts/ensure-postgres.sh; then
    export EDUGEN_TEST_POSTGRES_URL=${EDUGEN_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
else
    echo "test: no PostgreSQL server; the PostgreSQL tests will be skipped" >&2
fi
# An HTML page is rendered to PNG with headless Chromium in a slow test.
bash scripts/ensure-chromium.sh || echo "test: no chromium; the HTML rendering test will fail in CI" >&2
# A read_aloud student's HTML copy links recordings spoken by espeak-ng.
bash scripts/ensure-espeak.sh || echo "test: no espeak-ng; the read-aloud tests will fail in CI" >&2
# The OpenAI-compatible backend is tested against a real llama.cpp server; the first run
# builds llama-cpp-python from source (about 7 minutes on 2 cores), later runs reuse it.
bash scripts/llama-server.sh --install-only
# Tests never reach a model hub.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m pytest "$@"
