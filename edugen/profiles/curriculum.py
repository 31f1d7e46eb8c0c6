"""Write a curriculum: topics upserted, prerequisite edges added, the graph kept acyclic."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.importers.common import InputProblems
from edugen.importers.curriculum import CurriculumBatch, Edge
from edugen.profiles.models import Prerequisite, Topic
from edugen.profiles.upsert import upsert
from edugen.schemas import ImportSummary


class CurriculumSummary(ImportSummary):
    """An import summary that also counts the ccssm edges left out, and why."""

    skipped_edges: int = 0
    ignored_connections: int = 0

    def describe(self) -> str:
        text = super().describe()
        if self.skipped_edges:
            text += (
                f"; {self.skipped_edges} dependency edges skipped "
                "(they name standards whose file was not given)"
            )
        if self.ignored_connections:
            text += f"; {self.ignored_connections} conceptual-connection edges ignored"
        return text


def apply(*, session: Session, batch: CurriculumBatch) -> ImportSummary:
    """Upsert every topic and add every prerequisite edge; unknown codes and cycles are problems."""
    summary = CurriculumSummary(kind="curriculum", ignored_connections=batch.ignored_connections)
    problems = InputProblems()
    known = {t.code for t in batch.topics} | set(session.scalars(select(Topic.code)))
    edges: dict[tuple[str, str], Edge] = {}
    for edge in batch.edges:
        missing = [
            (edge_field, code)
            for edge_field, code in (
                (edge.prerequisite_field, edge.prerequisite),
                (edge.topic_field, edge.topic),
            )
            if code not in known
        ]
        if missing and edge.optional:
            summary.skipped_edges += 1
            continue
        for edge_field, code in missing:
            problems.add(edge.file, edge.line, edge_field, f"unknown topic {code!r}")
        if not missing:
            edges.setdefault((edge.prerequisite, edge.topic), edge)
    stored = session.execute(select(Prerequisite.prerequisite_code, Prerequisite.topic_code))
    _check_acyclic({(p, t) for p, t in stored}, edges, problems)
    problems.items.sort(key=lambda p: (p.file, p.line or 0))
    problems.raise_if_any()

    upsert(
        session,
        Topic,
        [
            {
                "code": t.code,
                "subject": t.subject,
                "grade": t.grade,
                "title": t.title,
                "standard_code": t.standard_code,
            }
            for t in batch.topics
        ],
        summary=summary,
        entity="topics",
    )
    upsert(
        session,
        Prerequisite,
        [{"topic_code": topic, "prerequisite_code": prerequisite} for prerequisite, topic in edges],
        summary=summary,
        entity="prerequisites",
    )
    return summary


def _check_acyclic(
    stored: set[tuple[str, str]], new: dict[tuple[str, str], Edge], problems: InputProblems
) -> None:
    """Report each cycle the new edges close in the combined graph, at a new edge on it."""
    after: dict[str, list[str]] = defaultdict(list)
    for prerequisite, topic in sorted(stored | set(new)):
        after[prerequisite].append(topic)
    state: dict[str, int] = {}  # absent: unvisited, 1: on the path, 2: done
    reported: set[frozenset[str]] = set()
    for root in sorted(after):
        if root in state:
            continue
        # Iterative depth-first search: a deep prerequisite chain must not hit the recursion limit.
        path = [root]
        state[root] = 1
        stack = [iter(after[root])]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child) :] + [child]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    _report_cycle(cycle, new, problems)
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append(iter(after[child]))


def _report_cycle(
    cycle: list[str], new: dict[tuple[str, str], Edge], problems: InputProblems
) -> None:
    pairs = list(zip(cycle, cycle[1:], strict=False))
    located = [new[pair] for pair in pairs if pair in new]
    edge = min(located, key=lambda e: (e.file, e.line)) if located else None
    message = "prerequisite cycle: " + " → ".join(cycle) + " (each is a prerequisite of the next)"
    if edge is None:
        problems.add("(database)", None, None, message)
    else:
        problems.add(edge.file, edge.line, edge.prerequisite_field, message)
