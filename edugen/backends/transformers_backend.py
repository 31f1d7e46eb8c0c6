"""The default backend: a causal LM run in-process with transformers on the CPU (DESIGN.md §4).

The built-in model is a GGUF file. Dequantizing it takes ~20 s, so the first load saves the
dense weights and the tokenizer as safetensors under `<data dir>/models/`, written to a
temporary folder and renamed into place, and later loads read that (~2 s).

Requests are batched with left padding. One logits processor handles every row of a batch
on its own: the JSON-schema grammar (xgrammar) when the request has one, its temperature and
seed (a private generator per request, so a request's sample does not depend on what else
is in its batch), and its own max_tokens. Rows may therefore mix schemas and settings.
A result's latency_ms is its batch's wall time split evenly over the batch's requests.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from edugen.backends import adapters, model_files
from edugen.backends.base import (
    Backend,
    BackendOptions,
    GenerationRequest,
    GenerationResult,
    Message,
)
from edugen.backends.model_files import ModelSource
from edugen.errors import ConfigError

if TYPE_CHECKING:
    import torch

log = logging.getLogger(__name__)

SOURCE_FILE = "edugen-source.json"


class TransformersOptions(BackendOptions):
    """Options of the transformers backend."""

    model: str | None = Field(
        default=None,
        description="A model folder, a .gguf file, or a Hugging Face id already in the local "
        "cache; default EDUGEN_MODEL, else the built-in SmolLM2-135M-Instruct.",
    )
    batch_size: int = Field(default=32, ge=1, le=1024)
    max_new_tokens: int = Field(
        default=1024, ge=1, le=4096, description="Cap on every request's max_tokens."
    )
    # fp32 only: bf16 measured 3x slower on this CPU kind.
    dtype: Literal["float32"] = "float32"
    threads: int | None = Field(default=None, ge=1, description="torch CPU threads.")
    constrained: bool = Field(
        default=True, description="Follow each request's json_schema with a grammar."
    )
    adapter: str | None = Field(
        default=None,
        description="A LoRA adapter from `edugen model tune`, merged into the model on load; "
        "default: the active one (`edugen model use`); 'none' for the base model alone.",
    )


@dataclass
class LoadedModel:
    """A model and tokenizer in memory, and how they were loaded."""

    model: Any
    tokenizer: Any
    source: ModelSource
    cache: Path | None
    dequantized: bool  # True when this load read the GGUF itself (and wrote the cache)
    seconds: float
    adapter: adapters.Adapter | None = None  # merged into `model`


def load(source: ModelSource, *, threads: int | None = None) -> LoadedModel:
    """Load a model for inference in fp32; a GGUF goes through the safetensors cache."""
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(
            f"the transformers backend needs torch and transformers ({exc}); "
            "pip install 'edugen[model]'"
        ) from exc

    if threads:
        torch.set_num_threads(threads)
    start = time.perf_counter()
    folder = source.path
    cache = model_files.cache_dir(source)
    dequantized = False
    if cache is not None:
        folder = cache
        if not cache.is_dir():
            build_cache(source, cache)
            dequantized = True
    try:
        with _quiet_progress():
            model = AutoModelForCausalLM.from_pretrained(
                str(folder), dtype=torch.float32, local_files_only=True
            )
            tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError) as exc:
        if cache is not None:
            raise ConfigError(
                f"the cached model in {cache} cannot be read ({exc}); "
                "remove it with `edugen model clear-cache` and load again"
            ) from exc
        raise ConfigError(f"model {source.name}: cannot load it: {exc}") from exc
    model.eval()
    return LoadedModel(model, tokenizer, source, cache, dequantized, time.perf_counter() - start)


@contextmanager
def _quiet_progress() -> Iterator[None]:
    """No progress bar for a load that takes a second or two."""
    from transformers.utils import logging as hf_logging

    shown = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if shown:
            hf_logging.enable_progress_bar()


def build_cache(source: ModelSource, cache: Path) -> None:
    """Dequantize a GGUF and save it as safetensors into `cache`, atomically.

    Everything is written into a temporary sibling folder, flushed, then renamed: the cache
    folder either does not exist or is complete. A concurrent first load that finishes
    second finds the folder taken and drops its own copy.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    extra: dict[str, Any] = {}
    try:  # transformers 5 may keep GGUF blocks packed; ask for dense weights
        from transformers import GgufConfig

        extra["quantization_config"] = GgufConfig(dequantize=True)
    except ImportError:  # transformers 4 always dequantizes a GGUF
        pass

    root = cache.parent
    root.mkdir(parents=True, exist_ok=True)
    for stale in model_files.stale_temp_dirs(root):
        shutil.rmtree(stale, ignore_errors=True)
    temp = root / f".{cache.name}{model_files.TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        log.info("dequantizing %s into %s", source.path, cache)
        model = AutoModelForCausalLM.from_pretrained(
            str(source.path.parent),
            gguf_file=source.path.name,
            dtype=torch.float32,
            **extra,
        )
        tokenizer = AutoTokenizer.from_pretrained(
            str(source.path.parent), gguf_file=source.path.name
        )
        _detach_quantizer(model)
        model.save_pretrained(str(temp))
        tokenizer.save_pretrained(str(temp))
        (temp / SOURCE_FILE).write_text(
            json.dumps(
                {
                    "gguf": str(source.path),
                    "sha256": model_files.file_sha256(source.path),
                    "transformers": model_files.transformers_version(),
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        del model
        _fsync_tree(temp)
        try:
            os.rename(temp, cache)
        except OSError:
            if not cache.is_dir():
                raise
            # Another process finished first; its copy is as good as ours.
        else:
            _fsync_dir(root)
    except OSError as exc:
        raise ConfigError(f"cannot write the model cache in {root}: {exc}") from exc
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _detach_quantizer(model: Any) -> None:
    """Make a dequantized GGUF model an ordinary one that save_pretrained accepts.

    save_pretrained refuses a model whose `hf_quantizer` is not serializable (GGUF's never
    is). With GgufConfig(dequantize=True) transformers' postprocess_model already calls the
    quantizer's remove_quantization_config; without it (the default) the quantizer stays
    attached, so detach it the same way.
    """
    quantizer = getattr(model, "hf_quantizer", None)
    if quantizer is not None:
        quantizer.remove_quantization_config(model)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def chat_prompt(tokenizer: Any, messages: Sequence[Message]) -> str:
    """The text a model continues for `messages`: the chat template with the assistant's
    turn opened, or for a base model the messages as plain text. Tuning renders its prompts
    with this same function, so an adapter learns exactly what generation will send."""
    rows = [m.model_dump() for m in messages]
    if getattr(tokenizer, "chat_template", None):
        text: str = tokenizer.apply_chat_template(rows, add_generation_prompt=True, tokenize=False)
        return text
    return "\n\n".join(m["content"] for m in rows) + "\n\n"


@dataclass
class _Prepared:
    index: int
    ids: list[int]
    limit: int
    grammar: Any
    temperature: float
    seed: int


class TransformersBackend(Backend):
    """A causal LM in this process: batched, fp32, JSON-schema constrained."""

    name = "transformers"
    Options = TransformersOptions

    def __init__(self, options: BackendOptions | None = None):
        super().__init__(options)
        assert isinstance(self.options, TransformersOptions)
        self.settings: TransformersOptions = self.options
        self._source: ModelSource | None = None
        self._loaded: LoadedModel | None = None
        self._compiler: Any = None
        self._grammars: dict[str, Any] = {}
        self._adapter: adapters.Adapter | None | Literal[False] = False  # False: not looked up
        if self.settings.adapter is not None:  # a name given: an unknown one fails at once
            self._adapter = adapters.chosen(self.settings.adapter)

    @property
    def source(self) -> ModelSource:
        if self._source is None:
            self._source = model_files.resolve(self.settings.model)
        return self._source

    def refuses(self, template: str) -> str | None:
        """An adapter tuned on some texts writes only those: what it was not taught, it would
        write in the habits of what it was (a class note in a student's note's words)."""
        adapter = self.adapter
        if adapter is None or adapter.templates is None or template in adapter.templates:
            return None
        return f"adapter {adapter.name} was not tuned to write {template}; the plain text stands"

    @property
    def adapter(self) -> adapters.Adapter | None:
        """The adapter this backend applies (the option's, else the active one), if any."""
        if self._adapter is False:
            self._adapter = adapters.chosen(self.settings.adapter)
        return self._adapter

    @property
    def model_name(self) -> str:
        adapter = self.adapter
        return self.source.name + (f" + adapter {adapter.name}" if adapter else "")

    @property
    def default_framing(self) -> str:
        # The built-in 135M model's scenes rarely set up their question and the checks
        # keep almost none (BENCHMARKS, content quality): the plain question, unless asked.
        return "plain" if self.source.builtin else "scene"

    @property
    def default_texts(self) -> str:
        # Even the built-in model's notes that passed the grounded checks were mostly false
        # in a demo week (see the session notes): the plain texts, unless asked.
        return "plain" if self.source.builtin else "model"

    def load(self) -> LoadedModel:
        """The model in memory, loaded (and for a GGUF, cached) on first use."""
        if self._loaded is None:
            adapter = self.adapter
            if adapter is not None:
                adapters.check_base(adapter, self.source)  # before the slow part
            loaded = load(self.source, threads=self.settings.threads)
            if adapter is not None:
                loaded.model = adapters.apply(loaded.model, adapter)
                loaded.adapter = adapter
            self._loaded = loaded
        return self._loaded

    def close(self) -> None:
        self._loaded = None
        self._compiler = None
        self._grammars.clear()
        gc.collect()

    def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        loaded = self.load()
        results: list[GenerationResult | None] = [None] * len(requests)
        prepared: list[_Prepared] = []
        for index, request in enumerate(requests):
            try:
                prepared.append(self._prepare(index, request, loaded))
            except Exception as exc:  # one bad request must not sink the others
                results[index] = GenerationResult(error=_describe(exc))
        # Similar lengths share a batch, so little of it is padding.
        prepared.sort(key=lambda p: len(p.ids), reverse=True)
        size = self.settings.batch_size
        for start in range(0, len(prepared), size):
            for index, result in self._run_or_split(prepared[start : start + size], loaded):
                results[index] = result
        return [r if r is not None else GenerationResult(error="not generated") for r in results]

    def _prepare(self, index: int, request: GenerationRequest, loaded: LoadedModel) -> _Prepared:
        tokenizer = loaded.tokenizer
        ids = list(
            tokenizer(chat_prompt(tokenizer, request.messages), add_special_tokens=False)[
                "input_ids"
            ]
        )
        context = int(getattr(loaded.model.config, "max_position_embeddings", 0) or 0)
        limit = min(request.max_tokens, self.settings.max_new_tokens)
        if context:
            if len(ids) >= context:
                raise ValueError(
                    f"prompt is {len(ids)} tokens; the model's context is {context} tokens"
                )
            limit = min(limit, context - len(ids))
        grammar = None
        if request.json_schema is not None and self.settings.constrained:
            grammar = self._grammar(request.json_schema, loaded)
        return _Prepared(index, ids, limit, grammar, request.temperature, request.seed)

    def _grammar(self, schema: dict[str, Any], loaded: LoadedModel) -> Any:
        # Property order is kept in the key: it is the order the model writes them in.
        key = json.dumps(schema)
        if key not in self._grammars:
            try:
                import xgrammar as xgr
            except ImportError as exc:
                raise ConfigError(
                    "JSON-schema output needs xgrammar: pip install --no-deps xgrammar "
                    "apache-tvm-ffi (or set the backend option constrained=false)"
                ) from exc

            if self._compiler is None:
                info = xgr.TokenizerInfo.from_huggingface(
                    loaded.tokenizer,
                    vocab_size=_vocab_size(loaded.model),
                    stop_token_ids=sorted(_eos_ids(loaded)),
                )
                self._compiler = xgr.GrammarCompiler(info, max_threads=self.settings.threads or 2)
            try:
                # No free whitespace: a small model given the choice pads JSON with it forever.
                self._grammars[key] = self._compiler.compile_json_schema(key, any_whitespace=False)
            except Exception as exc:
                raise ValueError(f"json_schema cannot be compiled: {exc}") from exc
        return self._grammars[key]

    def _run_or_split(
        self, batch: list[_Prepared], loaded: LoadedModel
    ) -> list[tuple[int, GenerationResult]]:
        try:
            return self._run(batch, loaded)
        except Exception as exc:
            if len(batch) == 1:
                return [(batch[0].index, GenerationResult(error=_describe(exc)))]
            log.warning("batch of %d failed (%s); retrying one by one", len(batch), exc)
            out: list[tuple[int, GenerationResult]] = []
            for item in batch:
                out += self._run_or_split([item], loaded)
            return out

    def _run(
        self, batch: list[_Prepared], loaded: LoadedModel
    ) -> list[tuple[int, GenerationResult]]:
        import torch
        from transformers import GenerationConfig, LogitsProcessorList

        tokenizer, model = loaded.tokenizer, loaded.model
        eos = _eos_ids(loaded)
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else min(eos)
        width = max(len(p.ids) for p in batch)
        input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
        attention = torch.zeros((len(batch), width), dtype=torch.long)
        for row, item in enumerate(batch):  # left padding: every prompt ends at the same column
            input_ids[row, width - len(item.ids) :] = torch.tensor(item.ids)
            attention[row, width - len(item.ids) :] = 1
        rows = _RowControl(batch, width, eos, _vocab_size(model))
        config = GenerationConfig(
            max_new_tokens=max(p.limit for p in batch),
            do_sample=False,  # sampling happens per row in _RowControl
            num_beams=1,
            repetition_penalty=1.0,
            eos_token_id=sorted(eos),
            pad_token_id=pad,
        )
        start = time.perf_counter()
        with torch.inference_mode():
            output = model.generate(
                input_ids=input_ids,
                attention_mask=attention,
                generation_config=config,
                logits_processor=LogitsProcessorList([rows]),
            )
        latency_ms = (time.perf_counter() - start) * 1000 / len(batch)
        results = []
        for row, item in enumerate(batch):
            generated = output[row, width:].tolist()
            stop = next((k for k, t in enumerate(generated) if t in eos), None)
            if rows.errors[row]:
                result = GenerationResult(error=rows.errors[row], latency_ms=latency_ms)
            else:
                if stop is None:
                    content, count, reason = generated[: item.limit], item.limit, "length"
                elif rows.forced[row]:
                    content, count, reason = generated[:stop], stop, "length"
                else:
                    content, count, reason = generated[:stop], stop + 1, "stop"
                result = GenerationResult(
                    text=tokenizer.decode(content, skip_special_tokens=True),
                    prompt_tokens=len(item.ids),
                    completion_tokens=count,
                    latency_ms=latency_ms,
                    finish_reason=reason,
                )
            results.append((item.index, result))
        return results


class _RowControl:
    """A logits processor that treats each row of a batch by its own request.

    In order, per row and step: a row at its max_tokens is forced to stop; the JSON grammar
    (if any) masks the tokens it does not allow; a row with temperature > 0 draws its token
    with its own seeded generator and leaves only that token open, so greedy decoding picks
    it. Rows with temperature 0 stay greedy.
    """

    def __init__(self, batch: list[_Prepared], width: int, eos: set[int], vocab_size: int):
        import torch

        self.width = width
        self.eos = eos
        self.stop_token = min(eos)
        self.limits = [p.limit for p in batch]
        self.temperatures = [p.temperature for p in batch]
        self.generators = [
            torch.Generator().manual_seed(p.seed) if p.temperature > 0 else None for p in batch
        ]
        self.matchers: list[Any] = [None] * len(batch)
        self.bitmask = None
        if any(p.grammar is not None for p in batch):
            import xgrammar as xgr

            self.matchers = [
                xgr.GrammarMatcher(p.grammar) if p.grammar is not None else None for p in batch
            ]
            self.bitmask = xgr.allocate_token_bitmask(len(batch), vocab_size)
        self.done = [False] * len(batch)
        self.forced = [False] * len(batch)
        self.errors: list[str | None] = [None] * len(batch)

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        import torch

        step = input_ids.shape[1] - self.width
        masked: list[int] = []
        for row in range(scores.shape[0]):
            if self.done[row]:
                continue
            matcher = self.matchers[row]
            if step > 0:
                last = int(input_ids[row, -1])
                if matcher is not None and not matcher.accept_token(last):
                    self._stop(row, scores, error=f"grammar rejected token {last}")
                    continue
                if last in self.eos:
                    self.done[row] = True
                    continue
            if step >= self.limits[row]:
                self._stop(row, scores)
                continue
            if matcher is not None and not matcher.is_terminated():
                matcher.fill_next_token_bitmask(self.bitmask, row)
                masked.append(row)
        if masked and self.bitmask is not None:
            import xgrammar as xgr

            xgr.apply_token_bitmask_inplace(scores, self.bitmask, indices=masked)
        for row in range(scores.shape[0]):
            generator = self.generators[row]
            if self.done[row] or generator is None:
                continue
            probs = torch.softmax(scores[row] / self.temperatures[row], dim=-1)
            token = int(torch.multinomial(probs, 1, generator=generator))
            scores[row].fill_(float("-inf"))
            scores[row, token] = 0.0
        return scores

    def _stop(self, row: int, scores: torch.Tensor, error: str | None = None) -> None:
        self.done[row] = True
        self.forced[row] = True
        self.errors[row] = error
        scores[row].fill_(float("-inf"))
        scores[row, self.stop_token] = 0.0


def _eos_ids(loaded: LoadedModel) -> set[int]:
    ids: set[int] = set()
    configured = loaded.model.generation_config.eos_token_id
    if isinstance(configured, int):
        ids.add(configured)
    elif configured:
        ids.update(configured)
    if loaded.tokenizer.eos_token_id is not None:
        ids.add(loaded.tokenizer.eos_token_id)
    if not ids:
        raise ConfigError(f"model {loaded.source.name} names no end-of-sequence token")
    return ids


def _vocab_size(model: Any) -> int:
    return int(model.get_output_embeddings().weight.shape[0])


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
