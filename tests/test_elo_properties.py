"""Properties of the online learner model that must hold for any sequence of answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edugen.learner.elo import LearnerState

STUDENTS = ["s1", "s2", "s3"]
TOPICS = ["t1", "t2"]
ITEMS = [None, "i1", "i2", "i3", "i4"]

answers = st.tuples(
    st.sampled_from(STUDENTS),
    st.sampled_from(TOPICS),
    st.booleans(),
    st.sampled_from(ITEMS),
    st.integers(min_value=1, max_value=5),
)
histories = st.lists(answers, max_size=120)
# Long one-sided runs push the parameters as far as they go.
streaks = st.lists(
    st.tuples(st.booleans(), st.integers(min_value=1, max_value=400)), min_size=1, max_size=6
)


def _replay(history: list) -> LearnerState:
    state = LearnerState()
    for student, topic, correct, item, tier in history:
        state.update(student, topic, correct, item=item, tier=tier)
    return state


def _views(state: LearnerState, student: str, topic: str, item: str | None, tier: int):
    """Mastery (average item) and the prediction for the item and tier answered."""
    return (state.predict(student, topic), state.predict(student, topic, item, tier))


@given(histories)
def test_predictions_stay_strictly_between_0_and_1(history: list) -> None:
    state = LearnerState()
    for student, topic, correct, item, tier in history:
        p = state.update(student, topic, correct, item=item, tier=tier)
        assert 0.0 < p < 1.0
        for s in STUDENTS:
            for t in TOPICS:
                assert 0.0 < state.predict(s, t, item, tier) < 1.0


@settings(deadline=None)
@given(streaks, st.sampled_from(ITEMS))
def test_long_streaks_stay_strictly_between_0_and_1(runs: list, item: str | None) -> None:
    state = LearnerState()
    for correct, length in runs:
        for _ in range(length):
            assert 0.0 < state.update("s", "t", correct, item=item) < 1.0
        assert 0.0 < state.predict("s", "t") < 1.0
        assert 0.0 < state.predict("new", "t", item) < 1.0


@given(histories, answers)
def test_a_right_answer_never_lowers_mastery_and_a_wrong_one_never_raises_it(
    history: list, answer: tuple
) -> None:
    state = _replay(history)
    student, topic, correct, item, tier = answer
    before = _views(state, student, topic, item, tier)
    state.update(student, topic, correct, item=item, tier=tier)
    after = _views(state, student, topic, item, tier)
    for b, a in zip(before, after, strict=True):
        if correct:
            assert a >= b - 1e-12, (b, a)
        else:
            assert a <= b + 1e-12, (b, a)


@given(histories)
def test_updates_are_deterministic(history: list) -> None:
    one, two = LearnerState(), LearnerState()
    first = [one.update(s, t, c, item=i, tier=k) for s, t, c, i, k in history]
    second = [two.update(s, t, c, item=i, tier=k) for s, t, c, i, k in history]
    assert first == second
    assert one == two


def test_update_returns_the_prediction_made_before_learning() -> None:
    state = _replay([("s1", "t1", True, "i1", 3), ("s2", "t1", False, "i2", 2)])
    expected = state.predict("s1", "t1", "i2", 2)
    assert state.update("s1", "t1", True, item="i2", tier=2) == expected
    assert state.predict("s1", "t1", "i2", 2) > expected


def test_harder_tiers_are_predicted_harder() -> None:
    state = _replay([("s1", "t1", True, None, 3), ("s1", "t1", False, None, 4)])
    predictions = [state.predict("s1", "t1", tier=tier) for tier in range(1, 6)]
    assert predictions == sorted(predictions, reverse=True)
