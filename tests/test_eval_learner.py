"""`edugen eval learner`: train on one answer log, predict another answer by answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edugen.learner import evaluate
from edugen.learner.evaluate import Answer

# The Statics 2011 split is research data (PSLC DataShop, via Gervet et al. 2020) whose terms
# do not clearly allow redistribution, so it is not vendored: the one test that replays it
# looks beside the checkout and says where when the data is missing.
STATICS = Path(__file__).parents[1].parent / "shared" / "data" / "statics"
HEADER = "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n"
KEYS = {"auc", "log_loss", "accuracy", "n", "calibration"}
BIN_KEYS = {"low", "high", "count", "mean_predicted", "observed_rate"}


@pytest.fixture(scope="module")
def small() -> evaluate.Simulation:
    return evaluate.simulate(students=40, topics=8, answers_per_student=120, seed=7)


@pytest.fixture
def logs(tmp_path: Path, small: evaluate.Simulation) -> tuple[Path, Path]:
    train, test = tmp_path / "train.tsv", tmp_path / "test.tsv"
    evaluate.write_log(small.train, train)
    evaluate.write_log(small.test, test)
    return train, test


def _eval_json(run, train: Path, test: Path, *args: str) -> dict:
    result = run("eval", "learner", "--train", train, "--test", test, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_report(run, logs, small) -> None:
    report = _eval_json(run, *logs)
    assert set(report) == KEYS
    assert report["n"] == len(small.test)
    assert 0.0 <= report["auc"] <= 1.0 and report["auc"] > 0.6
    assert 0.0 < report["log_loss"] < 1.0
    assert 0.0 <= report["accuracy"] <= 1.0
    bins = report["calibration"]
    assert len(bins) == 10 and all(set(b) == BIN_KEYS for b in bins)
    assert sum(b["count"] for b in bins) == report["n"]
    assert [b["low"] for b in bins] == [k / 10 for k in range(10)]
    for b in bins:
        if b["count"]:
            assert b["low"] <= b["mean_predicted"] <= b["high"]
            assert 0.0 <= b["observed_rate"] <= 1.0
        else:
            assert b["mean_predicted"] is None and b["observed_rate"] is None


def test_no_item_ids(run, logs, small) -> None:
    with_items = _eval_json(run, *logs)
    without = _eval_json(run, *logs, "--no-item-ids")
    assert set(without) == KEYS and without["n"] == len(small.test)
    assert 0.0 <= without["auc"] <= 1.0
    assert sum(b["count"] for b in without["calibration"]) == without["n"]
    assert without["auc"] != with_items["auc"]


def test_text_report(run, logs) -> None:
    result = run("eval", "learner", "--train", logs[0], "--test", logs[1])
    assert result.exit_code == 0, result.output
    for label in ("AUC", "log loss", "accuracy", "n", "mean predicted", "observed", "0.9-1.0"):
        assert label in result.stdout


def test_recovers_a_simulated_model_close_to_the_oracle() -> None:
    """On a log from a known logistic model the learner gets near the true probabilities."""
    sim = evaluate.simulate(students=120, topics=30, answers_per_student=300, seed=3)
    outcomes = [a.correct for a in sim.test]
    oracle = evaluate.auc(sim.truth, outcomes)
    learned = evaluate.evaluate(sim.train, sim.test).auc
    fresh_items = evaluate.evaluate(sim.train, sim.test, item_ids=False).auc
    assert oracle - 0.05 < learned <= oracle
    assert 0.6 < fresh_items < learned


def test_test_students_are_new_even_when_ids_repeat() -> None:
    train = [Answer("1", "i1", "t", True)] * 30 + [Answer("2", "i1", "t", False)] * 30
    test = [Answer("1", "i1", "t", True), Answer("x", "i1", "t", True)]
    predictions, _ = evaluate.replay(train, test)
    # Student "1" of the test log starts where any newcomer would, not where train "1" ended.
    assert predictions[0] == evaluate.replay(train, [test[1]])[0][0]


def test_metrics_on_known_values() -> None:
    assert evaluate.auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert evaluate.auc([0.5, 0.5, 0.5], [True, False, True]) == 0.5
    result = evaluate.metrics([0.2, 0.7, 0.9, 0.95], [False, True, False, True])
    assert result.accuracy == 0.75 and result.n == 4
    assert [b.count for b in result.calibration] == [0, 0, 1, 0, 0, 0, 0, 1, 0, 2]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"", "bad.tsv:1"),
        (b"user_id\titem_id\ttimestamp\tcorrect\n1\t2\t0\t1\n", "missing column(s) skill_id"),
        (b"user_id,item_id,timestamp,correct,skill_id\n1,2,0,1,3\n", "separated by tabs"),
        (HEADER.encode() + b"1\t2\t0\t1\t3\n1\t2\t0\tyes\t3\n", "bad.tsv:3: correct"),
        (HEADER.encode() + b"1\t2\t0\t1\t3\n1\t2\t0\n", "bad.tsv:3"),
        (HEADER.encode() + b"1\t2\t0\t1\t3\n1\t2\xff\t0\t1\t3\n", "bad.tsv:3"),
        (HEADER.encode(), "no answers"),
        (HEADER.encode() + b"1\t2\t0\t1\t3\n1\t3\t0\t1\t3\n", "AUC needs"),
    ],
    ids=[
        "empty",
        "missing",
        "commas",
        "not-0-1",
        "short-row",
        "bad-utf8",
        "header-only",
        "one-class",
    ],
)
def test_bad_input_exits_1_naming_file_and_line(run, logs, tmp_path, content, where) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(content)
    result = run("eval", "learner", "--train", logs[0], "--test", bad)
    assert result.exit_code == 1, result.output
    assert where in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error(run, logs, tmp_path) -> None:
    result = run("eval", "learner", "--train", tmp_path / "nope.tsv", "--test", logs[1])
    assert result.exit_code == 2


@pytest.mark.slow
@pytest.mark.skipif(
    not (STATICS / "preprocessed_data_test.csv").exists(),
    reason=f"the Statics 2011 split is not at {STATICS}",
)
def test_statics_auc_with_item_ids(run) -> None:
    report = _eval_json(
        run,
        STATICS / "preprocessed_data_train.csv",
        STATICS / "preprocessed_data_test.csv",
    )
    assert report["n"] == 33_600
    assert report["auc"] >= 0.82
