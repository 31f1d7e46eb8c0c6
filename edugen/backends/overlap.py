"""How close a model's lines are to reference lines: BLEU and chrF (sacrebleu), ROUGE-L.

Line i of the output is scored against line i of the references, so both files must have
the same number of lines (a last newline ends the last line, it does not add an empty one).
BLEU and chrF are sacrebleu's corpus scores (0-100, its default tokenizer; 4 decimals);
ROUGE-L is the mean over lines of rouge-score's F-measure (0-1, 6 decimals), with its own
tokenizer and no stemmer, so nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from edugen.errors import InputError, InputProblem
from edugen.importers.common import read_text


@dataclass(frozen=True)
class Overlap:
    bleu: float
    chrf: float
    rouge_l: float
    lines: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def overlap_of_files(output: Path, references: Path) -> Overlap:
    """Score each line of `output` against the same line of `references`."""
    lines = read_text(output, str(output)).splitlines()
    refs = read_text(references, str(references)).splitlines()
    if len(lines) != len(refs):
        raise InputError(
            [
                InputProblem(
                    str(references),
                    None,
                    None,
                    f"has {len(refs)} lines but {output} has {len(lines)}; each line of "
                    f"{output} is scored against the same line of {references}",
                )
            ]
        )
    if not lines:
        raise InputError([InputProblem(str(output), None, None, "empty file; expected lines")])
    return overlap(lines, refs)


def overlap(lines: list[str], references: list[str]) -> Overlap:
    """Corpus BLEU and chrF, and mean ROUGE-L F-measure, of `lines` against `references`."""
    import sacrebleu
    from rouge_score import rouge_scorer

    bleu = sacrebleu.corpus_bleu(lines, [references]).score
    chrf = sacrebleu.corpus_chrf(lines, [references]).score
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    rouge = [
        scorer.score(ref, line)["rougeL"].fmeasure
        for line, ref in zip(lines, references, strict=True)
    ]
    # Rounded: float noise would print an exact match as 100.00000000000004.
    return Overlap(
        bleu=round(float(bleu), 4),
        chrf=round(float(chrf), 4),
        rouge_l=round(sum(rouge) / len(rouge), 6),
        lines=len(lines),
    )
