"""Benchmark: the transformers backend on the built-in model (load time and tokens/s).

In a throwaway EDUGEN_HOME, times `edugen model warm` twice in fresh processes: cold (the
GGUF is dequantized and the safetensors cache written) and warm (read from the cache).
Then, in this process, generates for fixed prompts, greedy, max_tokens fixed, at each
batch size, once unconstrained and once constrained to a JSON schema, and reports
completion tokens per second of wall time (every batch of a run included), the fastest
of --repeat runs, with the share of its torch threads' time the process got (CPU busy;
well below 100 % means something else was running).

With --llama-cpp it also times llama.cpp on the same GGUF, one request at a time (the
anchor of bench/llama_cpp_throughput.py), interleaved with the batches in the same
process: after each batch run, the batch's first LLAMA_PROMPTS prompts, same kind,
max_tokens and greedy decoding, so both see the same machine load; it prints the ratio.

    .venv/bin/python bench/generation.py                       # the BENCHMARKS.md figures
    .venv/bin/python bench/generation.py --batches 1,8 --max-tokens 32
    .venv/bin/python bench/generation.py --batches 32,64 --repeat 2 --llama-cpp  # side by side
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import llama_cpp_throughput  # noqa: E402
from common import throwaway_home  # noqa: E402

TOPICS = (
    "adding fractions",
    "ratios in recipes",
    "the area of a triangle",
    "negative numbers",
    "percentages",
    "prime factors",
    "mean and median",
    "volume of a box",
)
INTERESTS = ("soccer", "baking", "space", "music", "minecraft", "animals", "drawing", "robots")
SYSTEM = "You are a friendly math tutor for grade 6. Answer in at most three sentences."
# Short enough to finish within max_tokens 64, so "valid JSON" counts what the grammar gives.
SCHEMA = {
    "type": "object",
    "properties": {
        "hint": {"type": "string", "maxLength": 160},
        "difficulty": {"type": "integer", "minimum": 1, "maximum": 5},
    },
    "required": ["hint", "difficulty"],
}
# Prompts per batch size: enough for two batches where that is cheap, one where it is not.
PROMPTS = {1: 4, 8: 16, 32: 32, 64: 64}
# Prompts per llama.cpp single-stream pass (--llama-cpp).
LLAMA_PROMPTS = 4


def prompts(count: int) -> list[str]:
    return [
        f"A student who loves {INTERESTS[i % len(INTERESTS)]} is stuck on "
        f"{TOPICS[(i // len(INTERESTS) + i) % len(TOPICS)]}. Give a hint with an example "
        f"about {INTERESTS[i % len(INTERESTS)]}."
        for i in range(count)
    ]


def timed_warm() -> dict[str, Any]:
    """`edugen model warm --json` in a fresh process: its load time and the whole run."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "edugen", "model", "warm", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TQDM_DISABLE": "1"},
    )
    report: dict[str, Any] = json.loads(done.stdout)
    report["process_seconds"] = time.perf_counter() - start
    return report


def generation_runs(
    batches: list[int], max_tokens: int, repeat: int, llm: Any = None
) -> list[dict[str, Any]]:
    """Each (batch size, constrained) run `repeat` times; the fastest is kept.

    With `llm` (llama_cpp_throughput.load()), each run is followed by a llama.cpp
    single-stream pass over the first LLAMA_PROMPTS prompts; the fastest pass is kept too.
    """
    import torch

    from edugen.backends.transformers_backend import TransformersBackend

    runs = []
    for batch in batches:
        backend = TransformersBackend(TransformersBackend.Options(batch_size=batch))
        backend.load()
        backend.generate([_request("Say hi.", None, 4)])  # first-call overheads out of the way
        for constrained in (False, True):
            texts = prompts(PROMPTS.get(batch, batch))
            requests = [_request(t, SCHEMA if constrained else None, max_tokens) for t in texts]
            best: dict[str, Any] | None = None
            outputs: set[tuple[str, ...]] = set()
            single: dict[str, Any] | None = None
            for _ in range(repeat):
                start, cpu_start = time.perf_counter(), time.process_time()
                results = backend.generate(requests)
                seconds = time.perf_counter() - start
                # Well below 100 % the machine was shared with something else.
                cpu_busy = (time.process_time() - cpu_start) / seconds / torch.get_num_threads()
                failed = [r.error for r in results if r.error]
                if failed:
                    raise SystemExit(f"generation failed: {failed[0]}")
                outputs.add(tuple(r.text for r in results))
                tokens = sum(r.completion_tokens for r in results)
                if best is None or seconds < best["seconds"]:
                    best = {
                        "batch": batch,
                        "constrained": constrained,
                        "prompts": len(requests),
                        "completion_tokens": tokens,
                        "mean_completion_tokens": tokens / len(requests),
                        "seconds": seconds,
                        "tokens_per_s": tokens / seconds,
                        "valid_json": (
                            sum(_is_json(r.text) for r in results) if constrained else None
                        ),
                        "cpu_busy": cpu_busy,
                    }
                print(f"  {batch} {constrained} {seconds:.1f} s {cpu_busy:.0%}", file=sys.stderr)
                if llm is not None:
                    one = llama_pass(llm, texts[:LLAMA_PROMPTS], constrained, max_tokens)
                    if single is None or one["seconds"] < single["seconds"]:
                        single = one
            assert best is not None
            if single is not None:
                best["llama_cpp"] = single
            if len(outputs) != 1:
                raise SystemExit("greedy outputs differed between repeats")
            runs.append(best)
            print(_row(best), file=sys.stderr, flush=True)
        backend.close()
    return runs


def llama_pass(llm: Any, texts: list[str], constrained: bool, max_tokens: int) -> dict[str, Any]:
    """llama.cpp, one request at a time: completion tokens over the pass's wall time."""
    tokens, seconds, texts_out = 0, 0.0, []
    for text in texts:
        chat = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]
        out, n, s, _ = llama_cpp_throughput.complete(
            llm, chat, max_tokens, schema=SCHEMA if constrained else None, temperature=0
        )
        tokens, seconds = tokens + n, seconds + s
        texts_out.append(out)
    valid = sum(_is_json(t) for t in texts_out) if constrained else None
    print(f"  llama.cpp {constrained} {seconds:.1f} s", file=sys.stderr)
    return {
        "prompts": len(texts),
        "completion_tokens": tokens,
        "mean_completion_tokens": tokens / len(texts),
        "seconds": seconds,
        "tokens_per_s": tokens / seconds,
        "valid_json": valid,
    }


def _side_by_side(run: dict[str, Any]) -> str:
    kind = "JSON schema" if run["constrained"] else "free text"
    one = run["llama_cpp"]
    valid = "" if one["valid_json"] is None else f" ({one['valid_json']}/{one['prompts']} JSON)"
    ratio = run["tokens_per_s"] / one["tokens_per_s"]
    return (
        f"| {run['batch']} | {kind} | {run['mean_completion_tokens']:.1f} | "
        f"**{run['tokens_per_s']:.1f}** | {one['mean_completion_tokens']:.1f} | "
        f"**{one['tokens_per_s']:.1f}**{valid} | **{ratio:.2f}×** | "
        f"{'met' if ratio >= 1 else 'not met'} |"
    )


def _request(text: str, schema: dict[str, Any] | None, max_tokens: int) -> Any:
    from edugen.backends.base import GenerationRequest, Message

    return GenerationRequest(
        messages=[Message(role="system", content=SYSTEM), Message(role="user", content=text)],
        json_schema=schema,
        max_tokens=max_tokens,
        temperature=0,
    )


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _row(run: dict[str, Any]) -> str:
    kind = "constrained (JSON schema)" if run["constrained"] else "unconstrained"
    valid = "" if run["valid_json"] is None else f"{run['valid_json']}/{run['prompts']}"
    return (
        f"| {run['batch']} | {kind} | {run['prompts']} | {run['mean_completion_tokens']:.1f} | "
        f"{run['seconds']:.1f} s | **{run['tokens_per_s']:.1f}** | {valid} | "
        f"{run['cpu_busy']:.0%} |"
    )


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} vCPU {cpu}, {memory:.0f} GiB RAM"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", default="1,8,32,64", help="batch sizes, comma separated")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (fastest kept)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument(
        "--llama-cpp", action="store_true", help="also llama.cpp single stream, side by side"
    )
    parser.add_argument("--llama-threads", type=int, default=2, help="llama.cpp threads")
    args = parser.parse_args()
    batches = [int(b) for b in args.batches.split(",")]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    with throwaway_home():
        cold = timed_warm()
        warm = timed_warm()
        assert cold["dequantized"] and not warm["dequantized"], (cold, warm)
        llm = llama_cpp_throughput.load(args.llama_threads) if args.llama_cpp else None
        runs = generation_runs(batches, args.max_tokens, args.repeat, llm)

    import torch
    import transformers

    print(f"Result ({date.today()}; {machine()}; Python {platform.python_version()}, ", end="")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, ", end="")
    print(f"transformers {transformers.__version__}):\n")
    print("| load | model load | whole `edugen model warm` process |")
    print("|---|---:|---:|")
    print(f"| cold: GGUF dequantized, cache written | {cold['seconds']:.1f} s | ", end="")
    print(f"{cold['process_seconds']:.1f} s |")
    print(f"| warm: safetensors cache | **{warm['seconds']:.1f} s** | ", end="")
    print(f"{warm['process_seconds']:.1f} s |\n")
    print(f"Generation, greedy, max_tokens {args.max_tokens}, fastest of {args.repeat}:\n")
    print(
        "| batch | output | prompts | mean tokens out | time | tokens/s | valid JSON | CPU busy |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        print(_row(run))
    if llm is not None:
        import llama_cpp

        print(
            f"\nSide by side in this run: llama.cpp (llama-cpp-python {llama_cpp.__version__},"
            f" {args.llama_threads} threads), one request at a time, first {LLAMA_PROMPTS}"
            f" prompts of each batch, fastest of {args.repeat} passes; goal: ratio >= 1\n"
        )
        print(
            "| batch | output | edugen mean tokens out | edugen tokens/s |"
            " llama.cpp mean tokens out | llama.cpp single-stream tokens/s | ratio | goal |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|---|")
        for run in runs:
            print(_side_by_side(run))
    if args.json:
        args.json.write_text(
            json.dumps({"cold": cold, "warm": warm, "runs": runs}, indent=2) + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
