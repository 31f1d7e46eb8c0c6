"""Perplexity of the configured causal LM on a text, by the strided sliding-window method.

Each window holds up to `window` tokens and moves on by `stride`; only the tokens a window
adds beyond the previous one are scored, so each of them is predicted once, with up to
`window - stride` tokens of context carried over (Hugging Face's "perplexity of
fixed-length models" recipe). The first token has no context and is not scored.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from edugen.backends import adapters, model_files
from edugen.backends.transformers_backend import LoadedModel, load
from edugen.errors import InputError, InputProblem, UsageError
from edugen.importers.common import read_text

DEFAULT_WINDOW = 1024


@dataclass(frozen=True)
class Perplexity:
    perplexity: float
    mean_nll: float
    tokens: int
    windows: int
    window: int
    stride: int
    model: str
    seconds: float
    adapter: str | None = None  # the LoRA adapter merged into the model, if any

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def perplexity_of_file(
    path: Path,
    *,
    model: str | None = None,
    window: int | None = None,
    stride: int | None = None,
    threads: int | None = None,
    adapter: str | None = None,
) -> Perplexity:
    """Read a UTF-8 text file and measure the model's perplexity on it, with the adapter
    `adapter` names merged in (`adapters.chosen`: unset, the active one; "none", none)."""
    if window is not None and stride is not None and stride > window:
        raise UsageError(f"--stride must be between 1 and the window ({window})")
    text = read_text(path, str(path))
    if not text.strip():
        raise InputError([InputProblem(str(path), None, None, "empty file; expected some text")])
    source = model_files.resolve(model)
    tuned = adapters.chosen(adapter)
    if tuned is not None:
        adapters.check_base(tuned, source)  # before the slow part
    loaded = load(source, threads=threads)
    if tuned is not None:
        loaded.model = adapters.apply(loaded.model, tuned)
        loaded.adapter = tuned
    return perplexity(loaded, text, window=window, stride=stride, name=str(path))


def perplexity(
    loaded: LoadedModel,
    text: str,
    *,
    window: int | None = None,
    stride: int | None = None,
    name: str = "text",
) -> Perplexity:
    import torch

    context = int(getattr(loaded.model.config, "max_position_embeddings", 0) or 0)
    window = window or (min(DEFAULT_WINDOW, context) if context else DEFAULT_WINDOW)
    stride = stride or max(1, window // 2)
    if window < 2:
        raise UsageError("--window must be at least 2 tokens")
    if context and window > context:
        raise UsageError(f"--window {window} is longer than the model's context ({context})")
    if not 1 <= stride <= window:
        raise UsageError(f"--stride must be between 1 and the window ({window})")
    ids = loaded.tokenizer(text, return_tensors="pt", add_special_tokens=False)["input_ids"]
    length = int(ids.shape[1])
    if length < 2:
        raise InputError([InputProblem(name, None, None, "too short: needs at least 2 tokens")])

    start = time.perf_counter()
    total_nll = 0.0
    scored = 0
    windows = 0
    scored_until = 1  # position 0 is never a target
    with torch.inference_mode():
        for begin in range(0, length, stride):
            end = min(begin + window, length)
            chunk = ids[:, begin:end]
            logits = loaded.model(chunk).logits[0, :-1].float()
            targets = chunk[0, 1:]
            # Target at chunk position p+1 is predicted from logits row p; score new ones only.
            first_new = max(scored_until - begin, 1) - 1
            log_probs = torch.log_softmax(logits[first_new:], dim=-1)
            picked = log_probs.gather(1, targets[first_new:].unsqueeze(1))
            total_nll -= float(picked.sum())
            scored += int(picked.shape[0])
            scored_until = end
            windows += 1
            if end == length:
                break
    mean = total_nll / scored
    return Perplexity(
        perplexity=math.exp(mean),
        mean_nll=mean,
        tokens=scored,
        windows=windows,
        window=window,
        stride=stride,
        model=loaded.source.name,
        seconds=time.perf_counter() - start,
        adapter=loaded.adapter.name if loaded.adapter is not None else None,
    )
