"""edugen eval model --references (BLEU, chrF, ROUGE-L) and edugen eval generation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edugen.prompts import tuning
from tests.conftest import Run, write

# Seven words each, one word apart ("the" / "a"): n-gram matches 6/7, 4/6, 3/5 and 2/4, same
# length (no brevity penalty); the longest common subsequence is 6 words of 7.
HYPOTHESIS = "the small cat sat on the mat"
REFERENCE = "the small cat sat on a mat"


def references(run: Run, tmp_path: Path, output: str, refs: str, *args: str) -> dict[str, float]:
    result = run(
        "eval",
        "model",
        str(write(tmp_path, "output.txt", output)),
        "--references",
        str(write(tmp_path, "refs.txt", refs)),
        "--no-perplexity",
        "--json",
        *args,
    )
    assert result.exit_code == 0, result.output
    scores: dict[str, float] = json.loads(result.stdout)
    return scores


def test_identical_lines_score_full_marks(run: Run, tmp_path: Path) -> None:
    text = "This week you practise fractions.\nThis video shows you unit rates.\n"
    scores = references(run, tmp_path, text, text)
    assert scores == {"bleu": 100.0, "chrf": 100.0, "rouge_l": 1.0, "lines": 2}


def test_a_hand_checked_line_scores_as_computed(run: Run, tmp_path: Path) -> None:
    scores = references(run, tmp_path, HYPOTHESIS + "\n", REFERENCE + "\n")
    bleu = 100 * (6 / 7 * 4 / 6 * 3 / 5 * 2 / 4) ** 0.25
    assert abs(scores["bleu"] - bleu) < 1e-4
    assert abs(scores["rouge_l"] - 6 / 7) < 1e-6
    assert 0 < scores["chrf"] < 100
    # No character or word in common: nothing at all.
    none = references(run, tmp_path, "xyz\n", "abc\n")
    assert none["bleu"] == 0 and none["chrf"] < 1e-6 and none["rouge_l"] == 0


def test_rouge_l_is_the_mean_over_lines(run: Run, tmp_path: Path) -> None:
    scores = references(run, tmp_path, f"{HYPOTHESIS}\nxyz\n", f"{REFERENCE}\nabc\n")
    assert abs(scores["rouge_l"] - (6 / 7 + 0) / 2) < 1e-6


def test_different_line_counts_are_an_error_naming_both_files(run: Run, tmp_path: Path) -> None:
    output = write(tmp_path, "output.txt", "one line\ntwo lines\n")
    refs = write(tmp_path, "refs.txt", "one line\n")
    result = run("eval", "model", str(output), "--references", str(refs), "--no-perplexity")
    assert result.exit_code == 1
    assert str(output) in result.output and str(refs) in result.output
    assert "has 1 lines but" in result.output
    nothing = run("eval", "model", str(output), "--no-perplexity")
    assert nothing.exit_code == 2 and "--references" in nothing.output


def test_eval_model_perplexity_with_an_unknown_adapter_fails_before_loading(
    run: Run, home: Path, tmp_path: Path
) -> None:
    text = write(tmp_path, "output.txt", HYPOTHESIS + "\n")
    result = run("eval", "model", str(text), "--adapter", "tuned")
    assert result.exit_code == 1 and "no adapter named 'tuned'" in result.output


def generation(run: Run, *args: str) -> dict[str, dict[str, float]]:
    result = run("eval", "generation", "--backend", "fake", "--json", *args)
    assert result.exit_code == 0, result.output
    jobs: dict[str, dict[str, float]] = json.loads(result.stdout)["jobs"]
    return jobs


def test_eval_generation_reports_the_five_jobs(run: Run, home: Path) -> None:
    jobs = generation(run)
    assert list(jobs) == ["scene", "rationale", "plan_note", "class_summary", "hint"]
    heldout = tuning.load("heldout")
    for job, score in jobs.items():
        assert score["prompts"] == sum(e.job == job for e in heldout)
        assert 0 <= score["first_try_acceptance"] <= 1 and 0 <= score["fallback_share"] <= 1
        assert score["first_try"] + score["after_retry"] + score["fallback"] == score["prompts"]


def test_eval_generation_scores_good_answers_high_and_garbage_low(run: Run, home: Path) -> None:
    # The fake backend answering with the held-out references, in the order the prompts go
    # out, passes every check at once; its garbage passes none and ends in the fallback.
    heldout = tuning.load("heldout")
    script = [e.output for job in tuning.JOBS for e in [x for x in heldout if x.job == job][:3]]
    good = generation(
        run, "--limit", "3", "--option", "mode=script", "--option", f"script={json.dumps(script)}"
    )
    garbage = generation(run, "--limit", "3", "--option", "mode=garbage")
    for job in tuning.JOBS:
        assert good[job]["first_try_acceptance"] == 1.0 and good[job]["fallback_share"] == 0.0
        assert garbage[job]["first_try_acceptance"] == 0.0
        assert garbage[job]["fallback_share"] == 1.0
        assert garbage[job]["requests"] > garbage[job]["prompts"]  # retried before falling back


def test_eval_generation_writes_outputs_and_references_for_eval_model(
    run: Run, home: Path, tmp_path: Path
) -> None:
    heldout = [e for e in tuning.load("heldout") if e.job == "rationale"][:3]
    script = json.dumps([e.output for e in heldout])
    out = tmp_path / "texts"
    result = run(
        "eval", "generation", "--backend", "fake", "--job", "rationale", "--limit", "3",
        "--option", "mode=script", "--option", f"script={script}", "--texts", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    outputs = (out / "rationale.outputs.txt").read_text(encoding="utf-8").splitlines()
    refs = (out / "rationale.references.txt").read_text(encoding="utf-8").splitlines()
    # A rationale's sentences, one after another, on one line a prompt.
    first = json.loads(heldout[0].output)["rationales"]
    assert refs[0] == " ".join(r["why"] for r in first)
    assert outputs == refs and len(refs) == 3
    outcomes = (out / "rationale.outcomes.txt").read_text(encoding="utf-8").splitlines()
    assert outcomes == ["first try"] * 3
    scored = run(
        "eval", "model", str(out / "rationale.outputs.txt"),
        "--references", str(out / "rationale.references.txt"), "--no-perplexity", "--json",
    )  # fmt: skip
    assert json.loads(scored.stdout) == {"bleu": 100.0, "chrf": 100.0, "rouge_l": 1.0, "lines": 3}


def test_eval_generation_says_why_each_prompt_fell_back(
    run: Run, home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "texts"
    result = run(
        "eval", "generation", "--backend", "fake", "--job", "plan_note", "--limit", "2",
        "--option", "mode=garbage", "--texts", str(out), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tries = json.loads(result.stdout)["jobs"]["plan_note"]["requests"] // 2
    outcomes = (out / "plan_note.outcomes.txt").read_text(encoding="utf-8").splitlines()
    assert len(outcomes) == 2
    for line in outcomes:
        assert line.startswith(f"fallback after {tries} tries: "), line
        assert len(line) > len(f"fallback after {tries} tries: "), line  # the problems


def test_eval_generation_prints_a_table_and_refuses_an_adapter_it_cannot_apply(
    run: Run, home: Path
) -> None:
    table = run("eval", "generation", "--backend", "fake", "--limit", "2", "--job", "hint")
    assert table.exit_code == 0 and "first try" in table.stdout and "hint" in table.stdout
    assert "accepted at the first try" in table.stderr
    refused = run("eval", "generation", "--backend", "fake", "--adapter", "tuned")
    assert refused.exit_code != 0 and "takes no adapter" in refused.output
    # The built-in backend takes it as its option `adapter`, and knows no adapter so named.
    unknown = run("eval", "generation", "--adapter", "tuned", "--limit", "1", "--job", "hint")
    assert unknown.exit_code == 1 and "no adapter named 'tuned'" in unknown.output


@pytest.mark.slow
def test_the_built_in_model_is_scored_on_held_out_prompts_and_reference_lines(
    run: Run, home: Path, tmp_path: Path
) -> None:
    jobs = json.loads(
        run(
            "eval", "generation", "--limit", "2", "--job", "hint", "--job", "plan_note", "--json"
        ).stdout
    )["jobs"]
    assert list(jobs) == ["hint", "plan_note"]
    for score in jobs.values():
        assert score["prompts"] == 2
        assert 0 <= score["first_try_acceptance"] <= 1 and 0 <= score["fallback_share"] <= 1
    both = run(
        "eval",
        "model",
        str(write(tmp_path, "output.txt", HYPOTHESIS + "\n")),
        "--references",
        str(write(tmp_path, "refs.txt", REFERENCE + "\n")),
        "--json",
    )
    assert both.exit_code == 0, both.output
    measured = json.loads(both.stdout)
    assert measured["perplexity"] > 1 and abs(measured["rouge_l"] - 6 / 7) < 1e-6
