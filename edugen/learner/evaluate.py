"""How well the learner model predicts answers it has not seen: AUC, log loss, calibration.

Reads answer logs in the knowledge-tracing benchmark format (tab separated
`user_id item_id timestamp correct skill_id`, header first, order = file order), learns
from a train log, then replays the test students, predicting each answer before learning
from it. Metrics are computed here in plain Python (AUC by ranks, ties averaged).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NamedTuple

from edugen.errors import InputError, InputProblem
from edugen.importers.common import read_text
from edugen.learner.elo import EloSettings, LearnerState, sigmoid

REQUIRED = ("user_id", "item_id", "correct", "skill_id")
MAX_PROBLEMS = 200
CALIBRATION_BINS = 10


class Answer(NamedTuple):
    student: str
    item: str | None
    topic: str
    correct: bool


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    count: int
    mean_predicted: float | None
    observed_rate: float | None


@dataclass(frozen=True)
class Evaluation:
    auc: float
    log_loss: float
    accuracy: float
    n: int
    calibration: list[CalibrationBin]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_log(path: Path, name: str | None = None) -> list[Answer]:
    """Every answer in a log, in file order, or an InputError listing what is wrong."""
    name = name or path.name
    text = read_text(path, name)
    return parse_log(text, name)


def parse_log(text: str, name: str) -> list[Answer]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].strip():
        raise InputError([InputProblem(name, 1, None, "empty file; expected a header line")])
    header = [h.strip() for h in lines[0].rstrip("\r").split("\t")]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        hint = "" if "\t" in lines[0] else " (columns must be separated by tabs)"
        message = f"missing column(s) {', '.join(missing)}{hint}"
        raise InputError([InputProblem(name, 1, None, message)])
    width = len(header)
    u, i, c, s = (header.index(col) for col in REQUIRED)
    answers: list[Answer] = []
    problems: list[InputProblem] = []
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != width:
            message = f"expected {width} tab-separated fields, found {len(cells)}"
            problems.append(InputProblem(name, number, None, message))
        else:
            student, item, correct, topic = (cells[k].strip() for k in (u, i, c, s))
            found = len(problems)
            if correct not in ("0", "1"):
                problems.append(
                    InputProblem(name, number, "correct", f"expected 0 or 1, got {correct!r}")
                )
            if not student:
                problems.append(InputProblem(name, number, "user_id", "empty"))
            if not topic:
                problems.append(InputProblem(name, number, "skill_id", "empty"))
            if len(problems) == found:
                answers.append(Answer(student, item or None, topic, correct == "1"))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise InputError(problems)
    if not answers:
        raise InputError([InputProblem(name, None, None, "no answers after the header")])
    return answers


def replay(
    train: Sequence[Answer],
    test: Sequence[Answer],
    *,
    item_ids: bool = True,
    settings: EloSettings | None = None,
) -> tuple[list[float], list[bool]]:
    """Learn from `train`, then predict each `test` answer before learning from it.

    Test students are new: their ids are kept apart from the train ids even when equal.
    Without `item_ids` every item is unknown, as for freshly generated items.
    """
    state = LearnerState(settings or EloSettings())
    update = state.update
    for a in train:
        update("train:" + a.student, a.topic, a.correct, a.item if item_ids else None)
    predictions = [
        update("test:" + a.student, a.topic, a.correct, a.item if item_ids else None) for a in test
    ]
    return predictions, [a.correct for a in test]


def evaluate_files(
    train: Path, test: Path, *, item_ids: bool = True, settings: EloSettings | None = None
) -> Evaluation:
    """Read both logs (InputError on bad input) and evaluate."""
    train_answers = read_log(train)
    test_answers = read_log(test)
    if len({a.correct for a in test_answers}) < 2:
        message = "every answer has the same value; AUC needs right and wrong answers"
        raise InputError([InputProblem(test.name, None, "correct", message)])
    return evaluate(train_answers, test_answers, item_ids=item_ids, settings=settings)


def evaluate(
    train: Sequence[Answer],
    test: Sequence[Answer],
    *,
    item_ids: bool = True,
    settings: EloSettings | None = None,
) -> Evaluation:
    predictions, outcomes = replay(train, test, item_ids=item_ids, settings=settings)
    return metrics(predictions, outcomes)


def metrics(predictions: Sequence[float], outcomes: Sequence[bool]) -> Evaluation:
    n = len(predictions)
    hits = sum((p >= 0.5) == y for p, y in zip(predictions, outcomes, strict=True))
    return Evaluation(
        auc=auc(predictions, outcomes),
        log_loss=log_loss(predictions, outcomes),
        accuracy=hits / n,
        n=n,
        calibration=calibration(predictions, outcomes),
    )


def auc(predictions: Sequence[float], outcomes: Sequence[bool]) -> float:
    """Area under the ROC curve (Mann-Whitney U); tied predictions share their mean rank."""
    positives = sum(1 for y in outcomes if y)
    negatives = len(outcomes) - positives
    if not positives or not negatives:
        raise ValueError("AUC needs both right and wrong answers")
    order = sorted(range(len(predictions)), key=predictions.__getitem__)
    rank_sum = 0.0
    start = 0
    while start < len(order):
        end = start
        value = predictions[order[start]]
        while end + 1 < len(order) and predictions[order[end + 1]] == value:
            end += 1
        mean_rank = (start + end) / 2 + 1
        rank_sum += mean_rank * sum(1 for k in order[start : end + 1] if outcomes[k])
        start = end + 1
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def log_loss(predictions: Sequence[float], outcomes: Sequence[bool], eps: float = 1e-15) -> float:
    total = 0.0
    for p, y in zip(predictions, outcomes, strict=True):
        q = p if y else 1.0 - p
        total -= math.log(min(max(q, eps), 1.0))
    return total / len(predictions)


def calibration(
    predictions: Sequence[float], outcomes: Sequence[bool], bins: int = CALIBRATION_BINS
) -> list[CalibrationBin]:
    """Equal-width bins of predicted P(correct); empty bins are kept with no means."""
    counts = [0] * bins
    predicted = [0.0] * bins
    observed = [0] * bins
    for p, y in zip(predictions, outcomes, strict=True):
        k = min(int(p * bins), bins - 1)
        counts[k] += 1
        predicted[k] += p
        observed[k] += y
    return [
        CalibrationBin(
            low=round(k / bins, 10),
            high=round((k + 1) / bins, 10),
            count=counts[k],
            mean_predicted=predicted[k] / counts[k] if counts[k] else None,
            observed_rate=observed[k] / counts[k] if counts[k] else None,
        )
        for k in range(bins)
    ]


@dataclass(frozen=True)
class Simulation:
    """A synthetic log from a known logistic model, split by student like the benchmarks."""

    train: list[Answer]
    test: list[Answer]
    truth: list[float]  # the true P(correct) of each test answer: the oracle's predictions


def simulate(
    *,
    students: int = 280,
    topics: int = 90,
    items_per_topic: int = 13,
    answers_per_student: int = 650,
    learning: float = 0.08,
    seed: int = 1,
) -> Simulation:
    """Students answer items of a few interleaved topics at a time, learning as they go.

    P(correct) = σ(ability + aptitude[topic] + learning · min(practice, 15) − difficulty),
    with abilities ~ N(1.2, 1), aptitudes ~ N(0, 0.6), difficulties ~ N(0, 0.8) per topic
    plus N(0, 0.9) per item, and each student's learning rate ~ N(learning, learning / 2)
    (not below 0). The last 20 % of students form the test log.
    """

    rnd = random.Random(seed)
    topic_difficulty = [rnd.gauss(0, 0.8) for _ in range(topics)]
    bank = [
        [(f"i{t}_{j}", topic_difficulty[t] + rnd.gauss(0, 0.9)) for j in range(items_per_topic)]
        for t in range(topics)
    ]
    train: list[Answer] = []
    test: list[Answer] = []
    truth: list[float] = []
    for s in range(students):
        is_test = s >= int(0.8 * students)
        ability = rnd.gauss(1.2, 1.0)
        aptitude = [rnd.gauss(0, 0.6) for _ in range(topics)]
        rate = max(0.0, rnd.gauss(learning, learning / 2))
        practice = [0] * topics
        order = list(range(topics))
        rnd.shuffle(order)
        active: list[int] = []
        nxt = 0
        for _ in range(answers_per_student):
            if nxt < topics and (len(active) < 2 or rnd.random() < 0.1):
                active.append(order[nxt])
                nxt += 1
                if len(active) > 3:
                    active.pop(0)
            t = rnd.choice(active)
            item, difficulty = rnd.choice(bank[t])
            p = sigmoid(ability + aptitude[t] + rate * min(practice[t], 15) - difficulty)
            practice[t] += 1
            answer = Answer(str(s), item, str(t), rnd.random() < p)
            if is_test:
                test.append(answer)
                truth.append(p)
            else:
                train.append(answer)
    return Simulation(train, test, truth)


def write_log(answers: Sequence[Answer], path: Path) -> None:
    """Write answers in the format `read_log` reads."""
    lines = ["user_id\titem_id\ttimestamp\tcorrect\tskill_id"]
    lines += [f"{a.student}\t{a.item or ''}\t0\t{int(a.correct)}\t{a.topic}" for a in answers]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
