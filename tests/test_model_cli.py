"""edugen model info|warm|clear-cache and edugen eval model."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from edugen.cli import cli
from tests.conftest import Run, write

TEXT = (
    "Fractions name parts of a whole. When a pizza is cut into eight equal slices and you "
    "eat three of them, you have eaten three eighths of the pizza. Adding fractions with "
    "the same denominator is easy: add the numerators and keep the denominator. So one "
    "eighth plus two eighths is three eighths.\n"
)


def test_eval_model_rejects_bad_files_before_loading_anything(run: Run, tmp_path: Path) -> None:
    missing = run("eval", "model", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and "does not exist" in missing.output
    undecodable = run("eval", "model", str(write(tmp_path, "latin1.txt", b"caf\xe9 au lait")))
    assert undecodable.exit_code == 1 and "not valid UTF-8" in undecodable.output
    empty = run("eval", "model", str(write(tmp_path, "empty.txt", " \n\n")))
    assert empty.exit_code == 1 and "empty file" in empty.output


def test_model_info_names_the_builtin_model(run: Run, home: Path) -> None:
    info = json.loads(run("model", "info", "--json").stdout)
    assert info["builtin"] is True and info["kind"] == "gguf"
    assert info["path"].endswith("SmolLM2-135M-Instruct.Q4_1.gguf")
    assert len(info["gguf_sha256"]) == 64 and info["cached"] is False
    assert info["cache_dir"].startswith(str(home / "models"))
    assert "cached" in run("model", "info").output


def test_model_info_with_a_missing_model_fails_clearly(run: Run, tmp_path: Path) -> None:
    result = run("model", "info", "--model", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_clear_cache_with_nothing_cached(run: Run) -> None:
    result = run("model", "clear-cache")
    assert result.exit_code == 0 and "removed 0 cache entries" in result.output


# -- the real model (slow): one EDUGEN_HOME for the module, so the GGUF is dequantized once --


@pytest.fixture(scope="module")
def model_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("model-cli-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDUGEN_HOME", str(home))
        patch.delenv("EDUGEN_MODEL", raising=False)
        yield home


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def info() -> dict[str, object]:
    result = invoke("model", "info", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.slow
def test_warm_creates_the_cache_then_loads_from_it(model_home: Path) -> None:
    before = info()
    assert before["cached"] is False
    cache = Path(str(before["cache_dir"]))

    cold = invoke("model", "warm", "--json")
    assert cold.exit_code == 0, cold.output
    first = json.loads(cold.stdout)
    assert first["dequantized"] is True and first["cache_dir"] == str(cache)
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]  # no temp dirs left
    assert list(cache.glob("*.safetensors")) and (cache / "tokenizer.json").is_file()
    assert info()["cached"] is True

    warm = invoke("model", "warm")
    assert warm.exit_code == 0 and "from the cache" in warm.output
    second = json.loads(invoke("model", "warm", "--json").stdout)
    assert second["dequantized"] is False
    assert second["seconds"] < first["seconds"] / 2


@pytest.mark.slow
def test_eval_model_gives_a_finite_perplexity(model_home: Path, tmp_path: Path) -> None:
    text = write(tmp_path, "fractions.txt", TEXT)
    result = invoke("eval", "model", str(text), "--json", "--window", "32", "--stride", "16")
    assert result.exit_code == 0, result.output
    measured = json.loads(result.stdout)
    assert math.isfinite(measured["perplexity"]) and measured["perplexity"] > 1
    assert measured["windows"] > 1 and measured["tokens"] > 40
    plain = invoke("eval", "model", str(text))
    assert plain.exit_code == 0 and plain.output.startswith("perplexity")
    bad = invoke("eval", "model", str(text), "--window", "8", "--stride", "9")
    assert bad.exit_code == 2 and "--stride" in bad.output


@pytest.mark.slow
def test_clear_cache_removes_it(model_home: Path) -> None:
    invoke("model", "warm")
    assert info()["cached"] is True
    result = invoke("model", "clear-cache")
    assert result.exit_code == 0 and "removed 1 cache entry" in result.output
    assert info()["cached"] is False
    assert list((model_home / "models").iterdir()) == []
