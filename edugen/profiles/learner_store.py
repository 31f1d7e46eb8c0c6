"""The learner model's state in the database, and applying new answers to it.

Answers are stored unapplied by the importers; `apply_pending` replays them in time order
through the Elo model (edugen.learner.elo) and FSRS (edugen.learner.spacing), writes the
touched parameters back and marks the answers applied — all inside the importer's
transaction, so a failed import leaves no half-learned state.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from edugen.learner import spacing
from edugen.learner.elo import LearnerState, Param
from edugen.profiles.models import (
    Attempt,
    Base,
    Item,
    ItemDifficulty,
    LearnerGlobal,
    Mastery,
    Student,
    TopicStats,
    TopicTierDifficulty,
)
from edugen.schemas import TopicMastery

CHUNK = 500
TIERS = range(1, 6)
TIER_NUMBERS = tuple(TIERS)
ModelT = TypeVar("ModelT", bound=Base)


def _chunks(values: Collection[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class StoredLearner:
    """A LearnerState loaded for some students (and items), that can be written back."""

    def __init__(
        self, session: Session, *, student_ids: Collection[str], item_refs: Collection[str] = ()
    ):
        self.session = session
        self.state = state = LearnerState()
        self.globals = {g.name: g for g in session.scalars(select(LearnerGlobal))}
        if (g := self.globals.get("ability_sum")) is not None:
            state.ability_sum = [g.value, float(g.count)]
        for name, g in self.globals.items():
            if name.startswith("practice:"):
                state.practice[name.split(":", 1)[1]] = Param(g.value, g.var, g.count, g.correct)
        self.topic_stats = {t.topic_code: t for t in session.scalars(select(TopicStats))}
        for code, t in self.topic_stats.items():
            state.topics[code] = Param(
                t.difficulty, t.difficulty_var, t.answer_count, t.correct_count
            )
            state.topic_sums[code] = [t.offset_sum, t.offset_n]
        self.tiers = {
            (t.topic_code, t.tier): t for t in session.scalars(select(TopicTierDifficulty))
        }
        for key, tt in self.tiers.items():
            state.topic_tiers[key] = Param(
                tt.difficulty, tt.difficulty_var, tt.answer_count, tt.correct_count
            )
        self.students: dict[str, Student] = {}
        self.mastery: dict[tuple[str, str], Mastery] = {}
        for chunk in _chunks(student_ids):
            for s in session.scalars(select(Student).where(Student.id.in_(chunk))):
                self.students[s.id] = s
                if s.answer_count:
                    state.students[s.id] = Param(
                        s.ability, s.ability_var, s.answer_count, s.correct_count
                    )
            for m in session.scalars(select(Mastery).where(Mastery.student_id.in_(chunk))):
                self.mastery[(m.student_id, m.topic_code)] = m
                state.student_topics[(m.student_id, m.topic_code)] = Param(
                    m.ability, m.ability_var, m.answer_count, m.correct_count
                )
        self.items: dict[str, ItemDifficulty] = {}
        for chunk in _chunks(item_refs):
            for i in session.scalars(
                select(ItemDifficulty).where(ItemDifficulty.item_ref.in_(chunk))
            ):
                self.items[i.item_ref] = i
                state.items[i.item_ref] = Param(
                    i.difficulty, i.difficulty_var, i.answer_count, i.correct_count
                )

    def mastery_row(self, student: str, topic: str) -> Mastery:
        row = self.mastery.get((student, topic))
        if row is None:
            row = Mastery(student_id=student, topic_code=topic, miss_streak=0, review_card=None)
            self.mastery[(student, topic)] = row
            self.session.add(row)
        return row

    def save(self, item_topics: dict[str, str]) -> None:
        """Write every parameter of the state back to its row (creating rows as needed)."""
        state, session = self.state, self.session

        def put(
            name: str, value: float, var: float = 0.0, count: int = 0, correct: int = 0
        ) -> None:
            g = self.globals.get(name)
            if g is None:
                g = self.globals[name] = LearnerGlobal(name=name)
                session.add(g)
            g.value, g.var, g.count, g.correct = value, var, count, correct

        put("ability_sum", state.ability_sum[0], count=int(state.ability_sum[1]))
        for name, p in state.practice.items():
            put(f"practice:{name}", p.value, p.var, p.count, p.correct)
        for code, p in state.topics.items():
            t = self.topic_stats.get(code)
            if t is None:
                t = self.topic_stats[code] = TopicStats(topic_code=code)
                session.add(t)
            t.difficulty, t.difficulty_var, t.answer_count, t.correct_count = (
                p.value,
                p.var,
                p.count,
                p.correct,
            )
            t.offset_sum, t.offset_n = state.topic_sums.get(code, [0.0, 0.0])
        for code, sums in state.topic_sums.items():
            if code not in state.topics:
                t = self.topic_stats.get(code)
                if t is None:
                    t = self.topic_stats[code] = TopicStats(
                        topic_code=code,
                        difficulty=0.0,
                        difficulty_var=1.0,
                        answer_count=0,
                        correct_count=0,
                    )
                    session.add(t)
                t.offset_sum, t.offset_n = sums
        for key, p in state.topic_tiers.items():
            tt = self.tiers.get(key)
            if tt is None:
                tt = self.tiers[key] = TopicTierDifficulty(topic_code=key[0], tier=key[1])
                session.add(tt)
            tt.difficulty, tt.difficulty_var, tt.answer_count, tt.correct_count = (
                p.value,
                p.var,
                p.count,
                p.correct,
            )
        for sid, p in state.students.items():
            s = self.students[sid]
            s.ability, s.ability_var, s.answer_count, s.correct_count = (
                p.value,
                p.var,
                p.count,
                p.correct,
            )
        for (sid, code), p in state.student_topics.items():
            m = self.mastery_row(sid, code)
            m.ability, m.ability_var, m.answer_count, m.correct_count = (
                p.value,
                p.var,
                p.count,
                p.correct,
            )
        for ref, p in state.items.items():
            i = self.items.get(ref)
            if i is None:
                i = self.items[ref] = ItemDifficulty(item_ref=ref, topic_code=item_topics[ref])
                session.add(i)
            i.difficulty, i.difficulty_var, i.answer_count, i.correct_count = (
                p.value,
                p.var,
                p.count,
                p.correct,
            )
        session.flush()

    def topic_mastery(self, student: str, topic: str, at: datetime) -> TopicMastery:
        """What the planner sees of one (student, topic) that has answers."""
        m = self.mastery[(student, topic)]
        return _topic_mastery(
            self.state,
            student,
            topic,
            m.answer_count,
            m.miss_streak,
            m.last_answered_at,
            m.review_card,
            at,
        )


def _topic_mastery(
    state: LearnerState,
    student: str,
    topic: str,
    answers: int,
    miss_streak: int,
    last_answered_at: datetime | None,
    review_card: dict[str, Any] | None,
    at: datetime,
) -> TopicMastery:
    p_tiers = state.predict_tiers(student, topic, TIER_NUMBERS)
    return TopicMastery(
        code=topic,
        p_correct=p_tiers[2],
        p_tiers=p_tiers,
        answers=answers,
        miss_streak=miss_streak,
        last_answered_at=_utc(last_answered_at) if last_answered_at else None,
        recall=spacing.recall(review_card, at),
    )


def apply_pending(*, session: Session) -> int:
    """Learn from every answer not yet applied, oldest first; returns how many."""
    rows = session.execute(
        select(
            Attempt.student_id,
            Attempt.topic_code,
            Attempt.item_ref,
            Attempt.correct,
            Attempt.answered_at,
            Item.tier,
        )
        .outerjoin(Item, Item.id == Attempt.item_id)
        .where(Attempt.applied.is_(False))
        .order_by(Attempt.answered_at, Attempt.id)
    ).all()
    if not rows:
        return 0
    item_topics = {ref: topic for _, topic, ref, *_ in rows if ref}
    learner = StoredLearner(session, student_ids={r[0] for r in rows}, item_refs=item_topics)
    update_state = learner.state.update
    # Bookkeeping in plain dicts during the replay; rows are written once at the end.
    streaks: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], datetime] = {}
    logs: dict[tuple[str, str], spacing.ReviewLog] = {}
    for student, topic, ref, correct, at, tier in rows:
        update_state(student, topic, correct, ref or None, tier or 3)
        at = _utc(at)
        key = (student, topic)
        log = logs.get(key)
        if log is None:
            stored = learner.mastery.get(key)
            streaks[key] = stored.miss_streak if stored is not None else 0
            if stored is not None and stored.last_answered_at is not None:
                last[key] = _utc(stored.last_answered_at)
            log = logs[key] = spacing.ReviewLog.load(stored.review_card if stored else None)
        # An answer older than the latest one (imported late) does not change the streak.
        if key not in last or at >= last[key]:
            streaks[key] = 0 if correct else streaks[key] + 1
            last[key] = at
        log.add(correct, at)
    for key, log in logs.items():
        m = learner.mastery_row(*key)
        m.miss_streak = streaks[key]
        m.last_answered_at = last[key]
        m.review_card = log.dump()
    learner.save(item_topics)
    session.execute(update(Attempt).where(Attempt.applied.is_(False)).values(applied=True))
    return len(rows)


def _utc(at: datetime) -> datetime:
    """UTC: SQLite hands back naive datetimes and PostgreSQL the session's time zone."""
    return at.astimezone(UTC) if at.tzinfo is not None else at.replace(tzinfo=UTC)


def mastery_snapshot(
    *, session: Session, student_ids: Collection[str], at: datetime
) -> dict[str, dict[str, TopicMastery]]:
    """Per student, per topic they have answered: predictions by tier, streaks, recall."""
    # Read-only, so the per-student rows are read as plain columns rather than ORM objects
    # (most of the cost for thousands of students); the shared parameters as StoredLearner
    # reads them.
    state = StoredLearner(session, student_ids=()).state
    result: dict[str, dict[str, TopicMastery]] = {sid: {} for sid in student_ids}
    at = _utc(at)
    for chunk in _chunks(student_ids):
        for sid, value, var, count, correct in session.execute(
            select(
                Student.id,
                Student.ability,
                Student.ability_var,
                Student.answer_count,
                Student.correct_count,
            ).where(Student.id.in_(chunk))
        ):
            if count:
                state.students[sid] = Param(value, var, count, correct)
        rows = session.execute(
            select(
                Mastery.student_id,
                Mastery.topic_code,
                Mastery.ability,
                Mastery.ability_var,
                Mastery.answer_count,
                Mastery.correct_count,
                Mastery.miss_streak,
                Mastery.last_answered_at,
                Mastery.review_card,
            ).where(Mastery.student_id.in_(chunk))
        ).all()
        for sid, topic, value, var, count, correct, *_ in rows:
            state.student_topics[(sid, topic)] = Param(value, var, count, correct)
        for sid, topic, _, _, count, _, streak, last, card in rows:
            result[sid][topic] = _topic_mastery(state, sid, topic, count, streak, last, card, at)
    return result
