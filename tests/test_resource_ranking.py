"""Catalog resources for a student: ranked by need, grade, language, variety, interest, recency."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator

import pytest

import edugen.demo.school
from edugen.content.resources import RECENT, fallback_rationale, rank_resources
from edugen.importers.resources import TYPES
from edugen.profiles import catalog
from edugen.profiles.db import Database
from edugen.schemas import ResourceInfo, ResourcePick, TopicPick
from edugen.validators.text import find_urls, word_count
from edugen.workflows.imports import import_files

A, B, C = "6.RP.A.2", "6.NS.C.5", "6.SP.A.3"
TITLES = {A: "Unit rates", B: "Negative numbers", C: "Center and spread"}


def res(
    id: int,
    type: str = "article",
    topics: tuple[str, ...] = (A,),
    grades: tuple[int, int] = (6, 6),
    language: str = "en",
    title: str = "",
    description: str | None = None,
    granularity: str = "activity",
    minutes: int | None = 10,
) -> ResourceInfo:
    return ResourceInfo(
        id=id,
        title=title or f"Resource {id}",
        url=f"https://example.org/r/{id}",
        type=type,
        description=description,
        grade_low=grades[0],
        grade_high=grades[1],
        language=language,
        topics=list(topics),
        granularity=granularity,
        minutes=minutes,
    )


def pick(code: str, kind: str = "new", score: float = 1.0) -> TopicPick:
    return TopicPick(code=code, title=TITLES[code], kind=kind, score=score, reason="test")


def rank(
    candidates: list[ResourceInfo],
    picks: list[TopicPick] | None = None,
    *,
    grade: int | None = 6,
    language: str = "en",
    interests: tuple[str, ...] = (),
    count: int = 3,
    recent: tuple[int, ...] = (),
) -> list[ResourcePick]:
    return rank_resources(
        candidates,
        picks=picks if picks is not None else [pick(A)],
        grade=grade,
        language=language,
        interests=interests,
        count=count,
        recent=recent,
    )


def ids(chosen: list[ResourcePick]) -> list[int]:
    return [p.resource_id for p in chosen]


# --- ranking, pure ---------------------------------------------------------------------


def test_a_more_important_topic_comes_first_and_the_reason_names_it() -> None:
    chosen = rank([res(1, topics=(B,)), res(2, topics=(A,))], [pick(A), pick(B, "spaced review")])
    assert ids(chosen) == [2, 1]
    assert [p.topic for p in chosen] == [A, B]
    assert chosen[0].reason == "for Unit rates (new this week); article, fits grade 6"
    assert chosen[1].reason.startswith("for Negative numbers (spaced review); ")
    assert chosen[0].score > chosen[1].score


def test_only_catalog_resources_for_the_weeks_topics_come_out() -> None:
    candidates = [res(1, topics=(A,)), res(2, topics=("7.EE.A.1",)), res(3, topics=(B,))]
    chosen = rank(candidates, [pick(A)])
    assert ids(chosen) == [1]
    by_id = {r.id: r for r in candidates}
    assert all(
        (p.title, p.url) == (by_id[p.resource_id].title, by_id[p.resource_id].url) for p in chosen
    )
    assert rank(candidates, []) == []
    assert rank(candidates, count=0) == []


def test_whole_books_and_index_pages_are_never_recommended() -> None:
    # The book and the index page would win on every count but what they are.
    book = res(1, "lesson", topics=(A, B, C), granularity="book", minutes=None)
    index = res(2, "worksheet", topics=(A, B, C), granularity="index", minutes=None)
    chapter = res(3, "lesson", granularity="chapter", minutes=45)
    video = res(4, "video", granularity="video", minutes=6)
    chosen = rank([book, index, chapter, video], [pick(A), pick(B), pick(C)], count=5)
    assert [p.resource_id for p in chosen] == [3, 4]
    # The catalog's duration travels with the pick, for the plan to size the task.
    assert [p.minutes for p in chosen] == [45, 6]
    assert rank([book, index]) == []


def test_grade_band_in_band_first_one_grade_off_tolerated_farther_excluded() -> None:
    candidates = [
        res(1, grades=(7, 9)),  # one above
        res(2, grades=(8, 10)),  # two above: out
        res(3, grades=(3, 4)),  # two below: out
        res(4, grades=(5, 8)),  # in band
        res(5, grades=(4, 5)),  # one below
    ]
    chosen = rank(candidates, count=5)
    assert ids(chosen) == [4, 1, 5]
    assert chosen[0].reason.endswith("article, fits grade 6")
    assert "grades 7-9, one grade above the student's" in chosen[1].reason
    assert "grades 4-5, one grade below the student's" in chosen[2].reason
    assert chosen[0].score - chosen[1].score > 0
    # With no grade known, every band is in and the reason just names it.
    unknown = rank(candidates, grade=None, count=5)
    assert sorted(ids(unknown)) == [1, 2, 3, 4, 5]
    assert "article, grades 8-10" in next(p.reason for p in unknown if p.resource_id == 2)


def test_another_language_only_where_a_topic_has_nothing_in_the_students() -> None:
    candidates = [
        res(1, topics=(A,), language="es"),
        res(2, topics=(A,), language="en-US"),  # counts as English
        res(3, topics=(B,), language="es", type="video"),
    ]
    chosen = rank(candidates, [pick(A), pick(B)])
    assert ids(chosen) == [2, 3]  # the Spanish resource for A never comes out
    assert chosen[1].topic == B
    assert "in es: nothing in en for this topic" in chosen[1].reason
    assert "nothing in" not in chosen[0].reason
    # A Spanish-speaking student gets the Spanish resource for A and none in English there.
    spanish = rank(candidates, [pick(A), pick(B)], language="es")
    assert ids(spanish) == [1, 3]
    assert all("nothing in" not in p.reason for p in spanish)


def test_a_resource_outside_the_grade_band_does_not_keep_another_language_out() -> None:
    candidates = [res(1, grades=(9, 12)), res(2, language="fr")]
    chosen = rank(candidates)
    assert ids(chosen) == [2]
    assert "in fr: nothing in en for this topic" in chosen[0].reason


def test_variety_of_type_no_three_videos_when_there_is_an_alternative() -> None:
    candidates = [res(1, "video"), res(2, "video"), res(3, "video"), res(4, "article")]
    chosen = rank(candidates)
    assert [p.type for p in chosen] == ["video", "article", "video"]
    assert ids(chosen) == [1, 4, 2]
    # The repeat carries its penalty in the reported score.
    assert chosen[2].score == pytest.approx(chosen[0].score - 1.0)


def test_interest_match_whole_words_any_case_gives_a_bonus_and_a_mention() -> None:
    candidates = [
        res(1, "video"),
        res(2, "video", description="Compare the speeds of SOCCER players."),
        res(3, "video", title="Soccerball rates"),  # not the whole word
        res(4, "video", description="A video game about prices."),
    ]
    chosen = rank(candidates, interests=("soccer", "video games"), count=4)
    assert ids(chosen) == [2, 4, 1, 3]
    assert chosen[0].reason.endswith("mentions soccer")
    assert chosen[1].reason.endswith("mentions video games")
    assert "mentions" not in chosen[2].reason + chosen[3].reason
    assert chosen[0].score > chosen[2].score


def test_recently_recommended_resources_go_last_but_are_still_allowed() -> None:
    candidates = [res(1, "video", description="soccer"), res(2, "video"), res(3, "lesson")]
    chosen = rank(candidates, interests=("soccer",), recent=(1,))
    assert ids(chosen) == [2, 3, 1]
    assert chosen[2].reason.endswith("recommended in a recent week")
    # Even a less important topic beats a resource the student saw recently.
    other = rank([res(1), res(5, topics=(B,))], [pick(A), pick(B)], recent=(1,))
    assert ids(other) == [5, 1]
    # Nothing else left: the recent one still comes out, with its penalty in the score.
    alone = rank([res(1)], recent=(1,))
    assert ids(alone) == [1]
    assert alone[0].score == pytest.approx(rank([res(1)])[0].score - RECENT)


def test_picks_spread_across_topics() -> None:
    candidates = [
        res(1, "video", topics=(A,), description="soccer"),
        res(2, "lesson", topics=(A,)),
        res(3, "practice", topics=(A,)),
        res(4, "article", topics=(B,)),
        res(5, "article", topics=(C,)),
    ]
    picks = [pick(A), pick(B, "continue"), pick(C, "stretch")]
    chosen = rank(candidates, picks, interests=("soccer",))
    assert [p.topic for p in chosen] == [A, B, C]
    assert ids(chosen) == [1, 4, 5]
    assert chosen[2].reason.startswith("for Center and spread (stretch); ")
    # Only one topic has resources: all three are for it.
    assert [p.topic for p in rank(candidates[:3], picks)] == [A, A, A]


def test_a_resource_for_two_topics_serves_the_one_not_yet_covered() -> None:
    candidates = [res(1, "video", topics=(A,), description="soccer"), res(2, topics=(A, B))]
    chosen = rank(candidates, [pick(A), pick(B)], interests=("soccer",))
    assert ids(chosen) == [1, 2]
    assert chosen[1].topic == B
    assert chosen[1].reason == (
        "for Negative numbers (new this week); article, fits grade 6; also covers Unit rates"
    )


def test_ranking_is_deterministic_and_ties_go_to_the_lower_id() -> None:
    candidates = [
        res(i, t, topics=(A, B) if i % 3 else (B,))
        for i, t in zip(range(1, 13), ["video", "article", "lesson"] * 4, strict=True)
    ]
    picks = [pick(A), pick(B)]
    first = rank(candidates, picks, count=4)
    for seed in range(5):
        shuffled = candidates[:]
        random.Random(seed).shuffle(shuffled)
        assert rank(shuffled, picks, count=4) == first
    tied = rank([res(9), res(3), res(7)], count=3)
    assert ids(tied) == [3, 7, 9]


# --- the student's sentence when the model's is rejected --------------------------------


@pytest.mark.parametrize("kind", [*TYPES, "exercise", "podcast"])
def test_fallback_rationale_is_short_plain_and_has_no_link(kind: str) -> None:
    chosen = ResourcePick(
        resource_id=1,
        topic=A,
        title="Khan Academy: Rates",
        url="https://example.org/x",
        type=kind,
        reason="r",
    )
    text = fallback_rationale(chosen, "Unit rates")
    assert "unit rates" in text
    assert find_urls(text) == []
    assert "Khan" not in text and "example.org" not in text
    assert 1 <= text.count(".") <= 2 and text.endswith(".")
    assert word_count(text) <= 20


def test_fallback_rationale_varies_by_type() -> None:
    def why(kind: str) -> str:
        chosen = ResourcePick(resource_id=1, topic=A, title="t", url="u", type=kind, reason="r")
        return fallback_rationale(chosen, "Unit rates")

    known = {why(kind) for kind in TYPES}
    assert len(known) == len(TYPES)
    assert why("video") == "This video is about unit rates. Watch it all the way through."
    assert (
        why("podcast")
        == why("something else")
        == "This can help you with unit rates. Give it a try."
    )
    assert why("Video") == why("video")


def test_fallback_rationale_never_repeats_a_link_from_a_topic_title() -> None:
    chosen = ResourcePick(resource_id=1, topic=A, title="t", url="u", type="video", reason="r")
    text = fallback_rationale(chosen, "See www.example.com for rates")
    assert find_urls(text) == []
    assert "this topic" in text
    assert "GCF and LCM" in fallback_rationale(chosen, "GCF and LCM")


# --- the catalog query, on a real database ----------------------------------------------


@pytest.fixture
def demo_db(any_db_url: str) -> Iterator[Database]:
    """The demo curriculum and resource catalog, loaded through the real importers."""
    db = Database(any_db_url)
    try:
        data = edugen.demo.school.DATA
        import_files("curriculum", [data / "curriculum.csv"], db=db)
        import_files("resources", [data / "resources.csv"], db=db)
        yield db
    finally:
        db.dispose()


def demo_rows() -> list[dict[str, str]]:
    with (edugen.demo.school.DATA / "resources.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def query(db: Database, codes: set[str]) -> list[ResourceInfo]:
    with db.begin() as session:
        return catalog.resources_for_topics(session=session, topic_codes=codes)


def test_resources_for_topics_returns_every_linked_resource_once(demo_db: Database) -> None:
    codes = {"6.SP.B.5", "6.SP.A.3"}
    found = query(demo_db, codes)
    expected = {r["url"]: r for r in demo_rows() if codes & set(r["topics"].split(";"))}
    assert {r.url for r in found} == set(expected)
    assert len(found) == len(expected) == 12
    assert [r.id for r in found] == sorted(r.id for r in found)
    for r in found:
        row = expected[r.url]
        assert (r.title, r.type, r.language) == (row["title"], row["type"], row["language"])
        assert r.topics == row["topics"].split(";")
    center = next(r for r in found if r.title == "Center and Variability")
    assert (center.type, center.grade_low, center.grade_high) == ("interactive", 6, 7)
    assert center.topics == ["6.SP.A.3", "6.SP.B.4", "6.SP.B.5"]
    assert query(demo_db, set()) == []
    assert query(demo_db, {"9.XX.Z.9"}) == []


def test_resources_for_topics_chunks_its_in_lists(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = {c for r in demo_rows() for c in r["topics"].split(";") if c.startswith("6.")}
    whole = query(demo_db, codes)
    monkeypatch.setattr(catalog, "CHUNK", 2)
    assert query(demo_db, codes) == whole
    linked = [r for r in demo_rows() if codes & set(r["topics"].split(";"))]
    assert len(whole) == len(linked) == len({r.id for r in whole})


def test_ranking_the_demo_catalog_for_a_spanish_speaking_soccer_fan(demo_db: Database) -> None:
    picks = [
        TopicPick(
            code="6.SP.B.5", title="Describing a data set in context", kind="new", reason="new"
        ),
        TopicPick(
            code="6.RP.A.1", title="Ratios and ratio language", kind="continue", reason="continue"
        ),
    ]
    found = query(demo_db, {p.code for p in picks})
    chosen = rank_resources(
        found, picks=picks, grade=6, language="es", interests=["soccer", "music"]
    )
    assert [p.title for p in chosen] == [
        "Center and Variability",  # the soccer one, though only in English
        "Khan Academy en español: Razones",  # Spanish exists for ratios: English stays out
        "Khan Academy: Mean absolute deviation (MAD)",  # a third type; lowest id of the ties
    ]
    assert [p.topic for p in chosen] == ["6.SP.B.5", "6.RP.A.1", "6.SP.B.5"]
    assert chosen[0].reason == (
        "for Describing a data set in context (new this week); interactive, fits grade 6; "
        "in en: nothing in es for this topic; mentions soccer"
    )
    assert "nothing in" not in chosen[1].reason
    urls = {r.url for r in found}
    assert all(p.url in urls for p in chosen)


def test_the_demo_catalog_never_recommends_a_book_or_an_index_page(demo_db: Database) -> None:
    codes = {c for r in demo_rows() for c in r["topics"].split(";")}
    found = query(demo_db, codes)
    not_tasks = {r.id for r in found if r.granularity in ("book", "index")}
    assert len(not_tasks) == 5
    for code in sorted(codes):
        for grade in (4, 5, 6, 7):
            chosen = rank_resources(
                found,
                picks=[TopicPick(code=code, title=code, kind="new", reason="new")],
                grade=grade,
                language="en",
                interests=[],
                count=10,
            )
            assert not {p.resource_id for p in chosen} & not_tasks, (code, grade)
            assert all(p.minutes for p in chosen)
