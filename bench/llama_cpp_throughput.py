"""Benchmark: llama.cpp single-stream generation speed on the built-in model (an anchor).

One request at a time, at most 128 new tokens per prompt; figures are medians over
requests. By default it loads the GGUF with the
llama_cpp Python API and times (1) free text with end-of-sequence banned, so every
prompt makes exactly 128 tokens, and (2) schema-constrained JSON (the grammar edugen
uses), which stops when the JSON is complete. With --server URL it instead sends the
constrained requests through edugen's OpenAI backend to a running server
(scripts/llama-server.sh), so HTTP and the server are included.

    .venv/bin/python bench/llama_cpp_throughput.py --threads 2
    .venv/bin/python bench/llama_cpp_throughput.py --server http://127.0.0.1:8080/v1
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from edugen.backends.base import GenerationRequest, Message, create

TOKENS = 128
PROMPTS = [
    "Explain how to add two fractions with different denominators.",
    "Write a short story about a student who learns to love geometry.",
    "Give three tips for checking the answer to a division problem.",
    "Describe what a ratio is, with an example from cooking.",
]
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "hint": {"type": "string", "maxLength": 200},
        "steps": {"type": "array", "items": {"type": "string", "maxLength": 80}, "maxItems": 3},
        "difficulty": {"enum": [1, 2, 3, 4, 5]},
    },
    "required": ["hint", "steps", "difficulty"],
    "additionalProperties": False,
}
SYSTEM = "You help grade-6 students practise maths. Answer in JSON."


def gguf() -> Path:
    from edugen.backends.model_files import builtin_gguf

    return builtin_gguf()


def messages(prompt: str) -> list[Any]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}]


def load(threads: int) -> Any:
    """The built-in GGUF in llama.cpp, after one warm-up request."""
    import llama_cpp

    llm = llama_cpp.Llama(
        model_path=str(gguf()), n_ctx=2048, n_threads=threads, seed=0, verbose=False
    )
    llm.create_chat_completion(messages("Hello"), max_tokens=8)  # warm-up
    return llm


def complete(
    llm: Any,
    chat: list[Any],
    max_tokens: int,
    *,
    schema: dict[str, Any] | None = None,
    ban_eos: bool = False,
    temperature: float = 0.7,
    seed: int = 0,
) -> tuple[str, int, float, float]:
    """One request, one stream: (text, completion tokens, seconds, decode-only tokens/s).

    `schema` constrains the output through llama.cpp's grammar; `ban_eos` makes it run to
    `max_tokens`; temperature 0 is greedy.
    """
    import llama_cpp

    extra: dict[str, Any] = {}
    if ban_eos:
        extra["logit_bias"] = {llm.token_eos(): -1e9}
    if schema is not None:
        extra["response_format"] = {"type": "json_object", "schema": schema}
    llama_cpp.llama_perf_context_reset(llm.ctx)
    start = time.perf_counter()
    out: Any = llm.create_chat_completion(
        chat, max_tokens=max_tokens, temperature=temperature, seed=seed, **extra
    )
    seconds = time.perf_counter() - start
    perf = llama_cpp.llama_perf_context(llm.ctx)
    decode = perf.n_eval / (perf.t_eval_ms / 1000) if perf.t_eval_ms else 0.0
    text = out["choices"][0]["message"]["content"]
    return text, out["usage"]["completion_tokens"], seconds, decode


def run_api(threads: int, repeat: int) -> list[tuple[str, int, float, float]]:
    """(kind, completion tokens, seconds, decode-only tokens/s) per request."""
    llm = load(threads)
    rows = []
    for kind in ("free text", "JSON schema"):
        for i in range(repeat):
            for prompt in PROMPTS:
                constrained = kind == "JSON schema"
                text, tokens, seconds, decode = complete(
                    llm,
                    messages(prompt),
                    TOKENS,
                    schema=SCHEMA if constrained else None,
                    ban_eos=not constrained,
                    seed=i,
                )
                if constrained:
                    check(text)
                rows.append((kind, tokens, seconds, decode))
    return rows


def run_server(url: str, repeat: int) -> list[tuple[str, int, float, float]]:
    backend = create(
        "openai",
        {"base_url": url, "schema_format": "json_object", "concurrency": 1, "timeout_s": 300},
    )
    backend.generate([_request("Hello", 0, None, 8)])  # warm-up
    rows = []
    for i in range(repeat):
        for prompt in PROMPTS:
            (result,) = backend.generate([_request(prompt, i, SCHEMA, TOKENS)])
            if result.error:
                raise SystemExit(f"request failed: {result.error}")
            check(result.text)
            rows.append(
                ("JSON schema via server", result.completion_tokens, result.latency_ms / 1000, 0.0)
            )
    return rows


def check(text: str) -> None:
    """Fail unless `text` is JSON; note raw control characters, which strict JSON forbids."""
    json.loads(text, strict=False)
    try:
        json.loads(text)
    except json.JSONDecodeError:
        print(f"not strict JSON (a raw control character): {text!r}", file=sys.stderr)


def _request(
    prompt: str, seed: int, schema: dict[str, Any] | None, tokens: int
) -> GenerationRequest:
    return GenerationRequest(
        messages=[Message.model_validate(m) for m in messages(prompt)],
        json_schema=schema,
        max_tokens=tokens,
        temperature=0.7,
        seed=seed,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads (API mode)")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the prompts")
    parser.add_argument("--server", help="base URL of a running OpenAI-compatible server")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}", file=sys.stderr)
    if args.server:
        rows = run_server(args.server, args.repeat)
    else:
        import llama_cpp

        print(f"llama-cpp-python {llama_cpp.__version__}, {args.threads} threads", file=sys.stderr)
        rows = run_api(args.threads, args.repeat)

    # Medians per request: other work on a shared machine slows single requests, not all.
    print("| requests | tokens each | end-to-end tokens/s (min–max) | decode-only tokens/s |")
    print("|---|---:|---:|---:|")
    for kind in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == kind]
        tokens = statistics.median(r[1] for r in mine)
        rates = [r[1] / r[2] for r in mine]
        decode = statistics.median(r[3] for r in mine)
        shown = f"{decode:.0f}" if decode else "–"
        print(
            f"| {kind} ({len(mine)}) | {tokens:g} | **{statistics.median(rates):.0f}**"
            f" ({min(rates):.0f}–{max(rates):.0f}) | {shown} |"
        )


if __name__ == "__main__":
    main()
