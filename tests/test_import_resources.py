"""edugen import resources: a catalog CSV keyed by URL, safe links only, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from edugen.profiles.db import Database
from edugen.profiles.models import Resource, ResourceTopic
from tests.conftest import Run, assert_input_rejected, count_rows, write

CURRICULUM = (
    "code,subject,grade,title,prerequisites\n"
    "T1,math,6,Ratios,\nT2,math,6,Rates,T1\nT3,math,7,Proportions,T2\n"
)
HEADER = "title,url,type,topics,grade_band,language,licence,description\n"
CATALOG = HEADER + (
    "Ratio tables,https://example.org/ratios,video,T1,6,en,CC BY 4.0,Watch and pause.\n"
    'Unit rates,HTTPS://Example.ORG/Rates?x=1,practice,"T1; T2",5-7,es,,\n'
    "Proportions game,http://games.example.com/p,game,T2 T3 T3,K-12,pt-BR,All rights reserved,\n"
)


@pytest.fixture
def topics(any_run: Run, any_db_url: str, tmp_path: Path) -> str:
    """Topics T1-T3 imported through the CLI; returns the database URL."""
    result = any_run("import", "curriculum", write(tmp_path, "topics.csv", CURRICULUM))
    assert result.exit_code == 0, result.output
    return any_db_url


def stored(url: str) -> dict[str, dict[str, object]]:
    """Resources by URL, with the topics indexed for them."""
    db = Database(url)
    try:
        with db.begin() as session:
            links: dict[int, set[str]] = {}
            for link in session.scalars(select(ResourceTopic)):
                links.setdefault(link.resource_id, set()).add(link.topic_code)
            return {
                r.url: {
                    "title": r.title,
                    "type": r.type,
                    "grades": (r.grade_low, r.grade_high),
                    "language": r.language,
                    "licence": r.licence,
                    "description": r.description,
                    "topic_codes": r.topic_codes,
                    "indexed": links.get(r.id, set()),
                    "granularity": r.granularity,
                    "minutes": r.minutes,
                }
                for r in session.scalars(select(Resource))
            }
    finally:
        db.dispose()


def count(url: str) -> int:
    return count_rows(url, Resource)


def test_catalog_imports_then_reimport_is_a_no_op(
    topics: str, any_run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, "catalog.csv", CATALOG)
    result = any_run("import", "resources", path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["resources"]["created"] == 3
    resources = stored(topics)
    assert resources["https://example.org/ratios"] == {
        "title": "Ratio tables",
        "type": "video",
        "grades": (6, 6),
        "language": "en",
        "licence": "CC BY 4.0",
        "description": "Watch and pause.",
        "topic_codes": ["T1"],
        "indexed": {"T1"},
        # Without the optional columns: a video is a video of the usual length.
        "granularity": "video",
        "minutes": 8,
    }
    # Scheme and host are normalised; the path and query are kept as written.
    rates = resources["https://example.org/Rates?x=1"]
    assert (
        rates["grades"] == (5, 7) and rates["licence"] is None and rates["indexed"] == {"T1", "T2"}
    )
    game = resources["http://games.example.com/p"]
    assert game["grades"] == (0, 12) and game["topic_codes"] == ["T2", "T3"]

    again = any_run("import", "resources", path)
    assert again.exit_code == 0, again.output
    assert "resources: 0 new, 0 updated, 3 unchanged" in again.stdout


def test_changed_rows_update_by_url(topics: str, any_run: Run, tmp_path: Path) -> None:
    assert any_run("import", "resources", write(tmp_path, "a.csv", CATALOG)).exit_code == 0
    changed = CATALOG.replace("Ratio tables,", "Ratio tables explained,").replace(
        "video,T1,6", "video,T2;T3,6"
    )
    result = any_run("import", "resources", write(tmp_path, "b.csv", changed))
    assert result.exit_code == 0, result.output
    assert "resources: 0 new, 1 updated, 2 unchanged" in result.stdout
    ratios = stored(topics)["https://example.org/ratios"]
    assert ratios["title"] == "Ratio tables explained"
    assert ratios["indexed"] == {"T2", "T3"} and ratios["topic_codes"] == ["T2", "T3"]


SIZED = "title,url,type,topics,grade_band,granularity,minutes\n" + (
    "Whole book,https://example.org/book,lesson,T1,6-8,book,\n"
    "Contents,https://example.org/contents,worksheet,T1,6,Index,\n"
    "Chapter 2,https://example.org/book/2,lesson,T1,6,chapter,50\n"
    "Section 2.1,https://example.org/book/2-1,lesson,T1,6,,\n"
    "Balance game,https://example.org/game,game,T2,6,activity,12\n"
)


def test_granularity_and_minutes_are_stored_with_defaults(
    topics: str, any_run: Run, tmp_path: Path
) -> None:
    result = any_run("import", "resources", write(tmp_path, "sized.csv", SIZED))
    assert result.exit_code == 0, result.output
    got = {
        url.rsplit("/", 1)[-1]: (r["granularity"], r["minutes"])
        for url, r in stored(topics).items()
    }
    assert got == {
        "book": ("book", None),  # a whole book has no length a task could take
        "contents": ("index", None),
        "2": ("chapter", 50),
        "2-1": ("section", 15),  # a lesson without a granularity is a section
        "game": ("activity", 12),
    }


def test_the_demo_catalog_says_how_big_each_resource_is() -> None:
    """Every demo row has a granularity and, unless a book or index, minutes; the
    textbook's details page, the whole-course pages and the contents pages are never tasks."""
    import csv

    import edugen.demo

    path = Path(edugen.demo.__file__).parent / "data" / "resources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 138
    not_tasks = {r["url"] for r in rows if r["granularity"] in ("book", "index")}
    assert not_tasks == {
        "https://openstax.org/details/books/prealgebra-2e",
        "https://www.khanacademy.org/math/cc-fifth-grade-math",
        "https://www.khanacademy.org/math/cc-fourth-grade-math",
        "https://im.kendallhunt.com/MS/students/1/index.html",
        "https://corbettmaths.com/contents/",
    }
    for r in rows:
        if r["granularity"] in ("book", "index"):
            assert r["minutes"] == "", r["url"]
        else:
            assert 1 <= int(r["minutes"]) <= 90, r["url"]
        if "/v/" in r["url"]:
            assert r["granularity"] == "video"


def test_dry_run_writes_nothing(topics: str, any_run: Run, tmp_path: Path) -> None:
    result = any_run("import", "resources", write(tmp_path, "catalog.csv", CATALOG), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import" in result.stdout and "resources: 3 new" in result.stdout
    assert count(topics) == 0


# --- bad input: every case exits non-zero, names file:line: field:, and writes nothing ----


def assert_rejected(run: Run, url: str, text: str | bytes, where: str, tmp_path: Path) -> str:
    result = run("import", "resources", write(tmp_path, "catalog.csv", text))
    output = assert_input_rejected(result, where)
    assert count(url) == 0
    return output


def test_missing_required_column(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = "title,type,topics,grade_band\nRatio tables,video,T1,6\n"
    assert_rejected(
        any_run, topics, text, "catalog.csv:1: url: required column is missing", tmp_path
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "javascript: URLs are not allowed"),
        ("data:text/html;base64,PGgxPg==", "data: URLs are not allowed"),
        ("file:///etc/passwd", "file: URLs are not allowed"),
        ("ftp://files.example.org/sheet.pdf", "ftp: URLs are not allowed"),
        ("/relative/path", "is relative"),
        ("example.org/page", "is relative"),
        ("https://user:secret@example.org/", "must not contain a user name or password"),
        ("https:///no-host", "has no host"),
        ("https://example.org/a page", "must not contain spaces"),
        ("https://example.org:99999/", "is not a valid URL"),
    ],
)
def test_unsafe_or_malformed_urls(
    topics: str, any_run: Run, tmp_path: Path, url: str, message: str
) -> None:
    text = HEADER + f'Bad link,"{url}",video,T1,6,en,,\n'
    output = assert_rejected(any_run, topics, text, "catalog.csv:2: url: ", tmp_path)
    assert message in output


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("A,https://a.example/,podcast,T1,6,en,,", "catalog.csv:2: type: 'podcast' is not one of"),
        ("A,https://a.example/,video,T1,13,en,,", "catalog.csv:2: grade_band: '13': grades run"),
        ("A,https://a.example/,video,T1,7-5,en,,", "catalog.csv:2: grade_band: '7-5': the first"),
        ("A,https://a.example/,video,T1,sixth,en,,", "catalog.csv:2: grade_band: 'sixth' is not"),
        ("A,https://a.example/,video,T1,6,english!,,", "catalog.csv:2: language: 'english!'"),
        ("A,https://a.example/,video,,6,en,,", "catalog.csv:2: topics: is required"),
        (",https://a.example/,video,T1,6,en,,", "catalog.csv:2: title: is required"),
        (
            "A,https://a.example/,video,T1,6,en,,,pamphlet,",
            "catalog.csv:2: granularity: 'pamphlet' is not one of book, chapter",
        ),
        ("A,https://a.example/,video,T1,6,en,,,video,0", "catalog.csv:2: minutes: '0' is not"),
        ("A,https://a.example/,video,T1,6,en,,,video,ten", "catalog.csv:2: minutes: 'ten'"),
        ("A,https://a.example/,video,T1,6,en,,,,999", "catalog.csv:2: minutes: '999' is not"),
        (
            "A,https://a.example/,video,T1,6,en," + "x" * 256 + ",",
            "catalog.csv:2: licence: must be",
        ),
    ],
)
def test_bad_values(topics: str, any_run: Run, tmp_path: Path, row: str, where: str) -> None:
    header = HEADER.replace("description", "description,granularity,minutes")
    assert_rejected(any_run, topics, header + row + "\n", where, tmp_path)


def test_unknown_topic(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = CATALOG + "Mystery,https://example.org/m,article,T1;T9,6,en,,\n"
    assert_rejected(any_run, topics, text, "catalog.csv:5: topics: unknown topic 'T9'", tmp_path)


def test_duplicate_url(topics: str, any_run: Run, tmp_path: Path) -> None:
    text = CATALOG + "Same again,https://EXAMPLE.org/ratios,video,T1,6,en,,\n"
    assert_rejected(
        any_run, topics, text, "catalog.csv:5: url: duplicate: the same URL is on line 2", tmp_path
    )


def test_undecodable_bytes(topics: str, any_run: Run, tmp_path: Path) -> None:
    data = (CATALOG + "Fractions en fran\xe7ais,https://fr.example/,video,T1,6,fr,,\n").encode(
        "latin-1"
    )
    assert_rejected(any_run, topics, data, "catalog.csv:5: not valid UTF-8", tmp_path)
