"""LoRA tuning of the local model on (messages, completion) pairs, resumable, into an adapter.

Steps: load the base model (`transformers_backend.load`, the GGUF through its cache) →
render each pair's prompt with `transformers_backend.chat_prompt`, exactly as generation
renders it, and append the completion and the end-of-sequence token; the loss is on the
completion only → wrap the model with PEFT's LoRA → train with AdamW (linear warm-up, then
a constant rate, so a longer run continues the same schedule) → save a checkpoint every
`save_every` steps and at the end → write the adapter and its metadata
(`adapters.META_FILE`, with the base model's hash).

Resuming: the checkpoint holds the LoRA weights, the optimizer and the step. The batches
come from a fixed order (a shuffle per epoch from the seed) and each step seeds dropout
with its number, so a run stopped and resumed trains as one that never stopped. A
checkpoint made with other examples or LoRA settings is refused rather than mixed in.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import secrets
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from edugen.backends import adapters, model_files
from edugen.backends.base import Message
from edugen.backends.transformers_backend import chat_prompt, load
from edugen.errors import ConfigError, UsageError

Progress = Callable[[str, int, int], None]
STATE_FILE = "state.json"
WEIGHTS_FILE = "adapter.safetensors"
OPTIMIZER_FILE = "optimizer.pt"
# Every linear layer of a Llama-style block (SmolLM2's); PEFT errors clearly on others.
TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(frozen=True)
class Pair:
    """One training example: the prompt's messages and the assistant's completion."""

    messages: tuple[Message, ...]
    completion: str


class TuneSettings(BaseModel):
    """How to tune. Changing a field marked `same` needs a fresh run (`restart`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_steps: int = Field(default=300, ge=1, le=1_000_000)
    rank: int = Field(default=8, ge=1, le=256)  # same
    alpha: int = Field(default=16, ge=1, le=1024)  # same
    dropout: float = Field(default=0.05, ge=0.0, lt=1.0)  # same
    targets: tuple[str, ...] = TARGETS  # same
    learning_rate: float = Field(default=1e-3, gt=0.0, le=1.0)  # same
    warmup_steps: int = Field(default=10, ge=0)  # same
    batch_size: int = Field(default=4, ge=1, le=1024)  # same
    max_length: int = Field(default=1024, ge=8, le=32_768)  # same
    seed: int = 0  # same
    save_every: int = Field(default=50, ge=1)
    device: Literal["auto", "cpu", "cuda"] = "auto"
    threads: int | None = Field(default=None, ge=1)

    def fixed(self) -> dict[str, Any]:
        """The fields a checkpoint must share with the run that continues it."""
        return self.model_dump(
            mode="json", exclude={"max_steps", "save_every", "device", "threads"}
        )


@dataclass(frozen=True)
class TuneResult:
    adapter: str
    path: Path
    steps: int
    resumed_from: int
    examples: int
    skipped: int
    first_loss: float | None
    last_loss: float | None
    device: str
    seconds: float
    peak_memory_mb: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "adapter": self.adapter,
            "path": str(self.path),
            "steps": self.steps,
            "resumed_from": self.resumed_from,
            "examples": self.examples,
            "skipped": self.skipped,
            "first_loss": self.first_loss,
            "last_loss": self.last_loss,
            "device": self.device,
            "seconds": round(self.seconds, 2),
            "peak_memory_mb": round(self.peak_memory_mb, 1),
        }


def data_digest(pairs: Sequence[Pair]) -> str:
    """A hash of the examples in order: a checkpoint continues only the same data."""
    digest = hashlib.sha256()
    for pair in pairs:
        row = {"messages": [m.model_dump() for m in pair.messages], "completion": pair.completion}
        digest.update(json.dumps(row, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def tune(
    pairs: Sequence[Pair],
    *,
    name: str,
    model: str | None = None,
    settings: TuneSettings | None = None,
    restart: bool = False,
    sources: dict[str, int] | None = None,
    templates: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> TuneResult:
    """Tune the model on `pairs` into adapter `name`, continuing its checkpoint if any."""
    settings = settings or TuneSettings()
    if not pairs:
        raise UsageError("no examples to tune on")
    try:
        import torch
        from peft import LoraConfig, get_peft_model
    except ImportError as exc:
        raise ConfigError(f"tuning needs torch, transformers and peft ({exc})") from exc

    out = adapters.folder(name)
    source = model_files.resolve(model)
    base_sha = model_files.base_sha256(source)
    digest = data_digest(pairs)
    checkpoint = out / adapters.CHECKPOINT_DIR
    if restart and out.exists():
        shutil.rmtree(out)
    state = _read_state(checkpoint, name)
    if state is not None:
        _check_resumable(state, name=name, base_sha=base_sha, digest=digest, settings=settings)

    start = time.perf_counter()
    device = _device(settings.device, torch)
    loaded = load(source, threads=settings.threads)
    tokenizer = loaded.tokenizer
    rows, skipped = _encode(pairs, tokenizer, _end_token(loaded), settings.max_length)
    if not rows:
        raise UsageError(f"every example is longer than max_length ({settings.max_length} tokens)")
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else _end_token(loaded)

    lora = LoraConfig(
        r=settings.rank,
        lora_alpha=settings.alpha,
        lora_dropout=settings.dropout,
        target_modules=list(settings.targets),
        task_type="CAUSAL_LM",
    )
    torch.manual_seed(settings.seed)  # LoRA's initial weights: the same run after run
    try:
        with warnings.catch_warnings():  # peft asks transformers a deprecated question
            warnings.simplefilter("ignore", FutureWarning)
            tuned = get_peft_model(loaded.model, lora)
    except ValueError as exc:
        raise ConfigError(f"cannot put LoRA on {source.name}: {exc}") from exc
    tuned.to(device)
    trainable = [p for p in tuned.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=settings.learning_rate, weight_decay=0.0)
    step = 0
    losses: list[float] = []
    if state is not None:
        step = _restore(tuned, optimizer, checkpoint, device)
        losses = list(state.get("losses", []))
    resumed_from = step
    warmup = settings.warmup_steps

    def set_rate(k: int) -> None:  # linear warm-up over the first steps, then constant
        scale = min(1.0, (k + 1) / warmup) if warmup else 1.0
        for group in optimizer.param_groups:
            group["lr"] = settings.learning_rate * scale

    info: dict[str, Any] = {
        "adapter": name,
        "base_model": source.name,
        "base_sha256": base_sha,
        "data_sha256": digest,
        "examples": len(rows),
        "skipped": skipped,
        "settings": settings.fixed(),
        "sources": sources or {},
        # The prompt templates it learned (generation lets it write only those); None: all.
        "templates": list(templates) if templates is not None else None,
    }
    tuned.train()
    if progress is not None:
        progress("tune", step, settings.max_steps)
    while step < settings.max_steps:
        torch.manual_seed(settings.seed * 1_000_003 + step)
        batch = [rows[i] for i in _batch_indices(len(rows), step, settings)]
        input_ids, attention, labels = _collate(batch, pad, torch)
        set_rate(step)
        loss = _completion_loss(
            tuned, input_ids.to(device), attention.to(device), labels.to(device), torch
        )
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(round(float(loss.detach()), 5))
        step += 1
        if progress is not None:
            progress("tune", step, settings.max_steps)
        if step % settings.save_every == 0 or step == settings.max_steps:
            _save_checkpoint(tuned, optimizer, checkpoint, {**info, "step": step, "losses": losses})
    if step > resumed_from or not (out / adapters.META_FILE).is_file():
        _write_adapter(tuned, out, {**info, "steps": step, "final_loss": _mean_tail(losses)})
    return TuneResult(
        adapter=name,
        path=out,
        steps=step,
        resumed_from=resumed_from,
        examples=len(rows),
        skipped=skipped,
        first_loss=losses[0] if losses else None,
        last_loss=_mean_tail(losses),
        device=str(device),
        seconds=time.perf_counter() - start,
        peak_memory_mb=_peak_memory_mb(device, torch),
    )


def _device(choice: str, torch: Any) -> Any:
    if choice == "cuda" or (choice == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise ConfigError("device cuda asked for, but torch sees no GPU")
        return torch.device("cuda")
    return torch.device("cpu")


def _end_token(loaded: Any) -> int:
    """The token that ends the assistant's turn: where generation stops."""
    eos = loaded.tokenizer.eos_token_id
    if eos is None:
        configured = loaded.model.generation_config.eos_token_id
        eos = configured[0] if isinstance(configured, list) else configured
    if eos is None:
        raise ConfigError(f"model {loaded.source.name} names no end-of-sequence token")
    return int(eos)


def _encode(
    pairs: Sequence[Pair], tokenizer: Any, end: int, max_length: int
) -> tuple[list[tuple[list[int], int]], int]:
    """Each pair as (token ids, prompt length); pairs longer than max_length are skipped."""
    rows: list[tuple[list[int], int]] = []
    skipped = 0
    for pair in pairs:
        prompt = tokenizer(chat_prompt(tokenizer, pair.messages), add_special_tokens=False)
        completion = tokenizer(pair.completion, add_special_tokens=False)
        ids = list(prompt["input_ids"]) + list(completion["input_ids"]) + [end]
        if len(ids) > max_length:
            skipped += 1
            continue
        rows.append((ids, len(prompt["input_ids"])))
    return rows, skipped


def _batch_indices(count: int, step: int, settings: TuneSettings) -> list[int]:
    """The examples of batch `step`: consecutive slices of one shuffle per epoch."""
    out = []
    for position in range(step * settings.batch_size, (step + 1) * settings.batch_size):
        epoch, offset = divmod(position, count)
        order = list(range(count))
        random.Random(settings.seed * 7919 + epoch).shuffle(order)
        out.append(order[offset])
    return out


def _collate(batch: list[tuple[list[int], int]], pad: int, torch: Any) -> tuple[Any, Any, Any]:
    """Right-padded ids and mask; labels -100 on the prompt and the padding."""
    width = max(len(ids) for ids, _ in batch)
    input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
    attention = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, (ids, prompt_length) in enumerate(batch):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        attention[row, : len(ids)] = 1
        labels[row, prompt_length : len(ids)] = torch.tensor(ids[prompt_length:])
    return input_ids, attention, labels


def _completion_loss(tuned: Any, input_ids: Any, attention: Any, labels: Any, torch: Any) -> Any:
    """The mean cross-entropy of the completion tokens, as the model's own loss computes it,
    but with the output layer run only where a completion token is predicted: its logits
    (the vocabulary wide, at every prompt position) were most of the memory and a fifth of
    the time."""
    inner = tuned.get_base_model()  # the causal LM, its layers holding the LoRA weights
    config = inner.config
    plain_head = not any(
        getattr(config, k, None) for k in ("final_logit_softcapping", "logit_scale")
    )
    if not (hasattr(inner, "model") and hasattr(inner, "lm_head") and plain_head):
        return tuned(input_ids=input_ids, attention_mask=attention, labels=labels).loss
    hidden = inner.model(input_ids=input_ids, attention_mask=attention).last_hidden_state
    predicted = labels[:, 1:] != -100  # position t predicts token t + 1
    logits = inner.lm_head(hidden[:, :-1][predicted]).float()
    return torch.nn.functional.cross_entropy(logits, labels[:, 1:][predicted])


def _read_state(checkpoint: Path, name: str) -> dict[str, Any] | None:
    path = checkpoint / STATE_FILE
    if not path.is_file():
        return None
    try:
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"adapter {name!r}: its checkpoint {path} cannot be read ({exc}); "
            "tune again with --restart"
        ) from exc
    return state


def _check_resumable(
    state: dict[str, Any], *, name: str, base_sha: str, digest: str, settings: TuneSettings
) -> None:
    why = None
    if state.get("base_sha256") != base_sha:
        why = f"another base model ({state.get('base_model')})"
    elif state.get("data_sha256") != digest:
        why = "other examples"
    else:
        was = state.get("settings", {})
        changed = [k for k, v in settings.fixed().items() if was.get(k) != v]
        if changed:
            why = "other settings (" + ", ".join(changed) + ")"
    if why:
        raise UsageError(
            f"adapter {name!r} has a checkpoint at step {state.get('step')} tuned with {why}; "
            f"run the same command to continue it, --restart to start over, or another --out"
        )


def _save_checkpoint(tuned: Any, optimizer: Any, checkpoint: Path, state: dict[str, Any]) -> None:
    """The LoRA weights, optimizer and state, written to a temporary folder and swapped in."""
    import torch
    from peft import get_peft_model_state_dict
    from safetensors.torch import save_file

    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(checkpoint)
    try:
        temp.mkdir()
        weights = {
            k: v.detach().cpu().contiguous() for k, v in get_peft_model_state_dict(tuned).items()
        }
        save_file(weights, str(temp / WEIGHTS_FILE))
        torch.save(optimizer.state_dict(), temp / OPTIMIZER_FILE)
        (temp / STATE_FILE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        _swap_in(temp, checkpoint)
    except OSError as exc:
        raise ConfigError(f"cannot write the checkpoint in {checkpoint}: {exc}") from exc
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _restore(tuned: Any, optimizer: Any, checkpoint: Path, device: Any) -> int:
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    state = json.loads((checkpoint / STATE_FILE).read_text(encoding="utf-8"))
    set_peft_model_state_dict(tuned, load_file(str(checkpoint / WEIGHTS_FILE), device=str(device)))
    optimizer.load_state_dict(
        torch.load(checkpoint / OPTIMIZER_FILE, map_location=device, weights_only=True)
    )
    return int(state["step"])


def _write_adapter(tuned: Any, out: Path, meta: dict[str, Any]) -> None:
    """PEFT's adapter files, then the metadata that marks the adapter finished."""
    temp = _temp_beside(out / "adapter")
    try:
        tuned.save_pretrained(str(temp))
        (temp / "README.md").unlink(missing_ok=True)  # PEFT's model-card stub
        (out / adapters.META_FILE).unlink(missing_ok=True)
        for file in temp.iterdir():
            os.replace(file, out / file.name)
        meta = {**meta, "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
        meta_temp = out / f".{adapters.META_FILE}.tmp"
        meta_temp.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        os.replace(meta_temp, out / adapters.META_FILE)
    except OSError as exc:
        raise ConfigError(f"cannot write the adapter in {out}: {exc}") from exc
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _temp_beside(path: Path) -> Path:
    return path.with_name(
        f".{path.name}{model_files.TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    )


def _swap_in(temp: Path, target: Path) -> None:
    """Replace folder `target` by `temp`; at every moment one complete copy exists."""
    old = None
    if target.exists():
        old = _temp_beside(target)
        os.rename(target, old)
    os.rename(temp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _mean_tail(losses: list[float], n: int = 10) -> float | None:
    tail = losses[-n:]
    return round(sum(tail) / len(tail), 5) if tail else None


def _peak_memory_mb(device: Any, torch: Any) -> float:
    """Peak GPU memory allocated on a GPU, else the process's peak resident memory."""
    if device.type == "cuda":
        return float(torch.cuda.max_memory_allocated(device)) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10
