"""Review status is per school over the API: an item shared by two schools' students and
approved with one school's key stays a draft for the other school (its lists and its
approved-only export); an approval is recorded under the key, never a client-sent name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from edugen.profiles.db import Database
from edugen.profiles.models import Assignment, StatusChange
from tests.conftest import make_runner
from tests.live_server import DEMO_STUDENT, WEEK, edugen_serve, load_demo_and_sch1, make_key

OTHER_STUDENT = "u-s1"  # of school sch1, in the test roster


@pytest.fixture
def served(any_db_url: str, home: Path) -> Iterator[tuple[str, str, str]]:
    """A real server over the demo school and sch1: (url, demo key, sch1 key)."""
    run = make_runner(any_db_url)
    load_demo_and_sch1(run, home)
    demo_key, other_key = make_key(run, "demo-school"), make_key(run, "sch1")
    with edugen_serve(home, any_db_url) as url:
        yield url, demo_key, other_key


def _client(url: str, key: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60)


def _statuses(c: httpx.Client, student: str) -> dict[str, str]:
    found = c.get("/v1/items", params={"week": WEEK, "student_id": student})
    assert found.status_code == 200, found.text
    return {i["id"]: i["status"] for s in found.json() for i in s["items"]}


def test_a_shared_item_approved_by_one_school_stays_a_draft_for_the_other(
    served: tuple[str, str, str], any_db_url: str
) -> None:
    url, demo_key, other_key = served
    with _client(url, demo_key) as demo:
        shared = next(iter(_statuses(demo, DEMO_STUDENT)))
    db = Database(any_db_url)
    try:
        with db.begin() as session:  # the same item served to a student of the other school
            session.add(Assignment(student_id=OTHER_STUDENT, item_id=shared, week=WEEK))
        with _client(url, demo_key) as demo, _client(url, other_key) as other:
            named = demo.post(f"/v1/items/{shared}/approve", json={"who": "Ms Rivera"})
            assert named.status_code == 422 and "who" in named.text
            approved = demo.post(f"/v1/items/{shared}/approve", json={"why": "checked"})
            assert approved.status_code == 200, approved.text
            assert approved.json()["to_status"] == "approved"

            assert _statuses(demo, DEMO_STUDENT)[shared] == "approved"
            assert demo.get(f"/v1/items/{shared}").json()["status"] == "approved"
            assert _statuses(other, OTHER_STUDENT) == {shared: "draft"}
            assert other.get(f"/v1/items/{shared}").json()["status"] == "draft"
            shipped = other.get(
                "/v1/exports/items",
                params={"week": WEEK, "student_id": OTHER_STUDENT, "format": "json"},
            )
            assert shared.encode() not in shipped.content
            ours = demo.get(
                "/v1/exports/items",
                params={"week": WEEK, "student_id": DEMO_STUDENT, "format": "json"},
            )
            assert ours.status_code == 200 and shared.encode() in ours.content
            drafts = other.get(
                "/v1/exports/items",
                params={"week": WEEK, "student_id": OTHER_STUDENT, "format": "json",
                        "include_drafts": "true"},
            )  # fmt: skip
            assert drafts.status_code == 200 and shared.encode() in drafts.content
            # The other school decides for itself, with its own key.
            assert other.post(f"/v1/items/{shared}/approve").status_code == 200
            assert _statuses(other, OTHER_STUDENT) == {shared: "approved"}
        with db.begin() as session:
            rows = session.scalars(
                select(StatusChange)
                .where(StatusChange.object_id == shared)
                .order_by(StatusChange.id)
            ).all()
            recorded = [(r.school_id, r.who, r.why) for r in rows]
    finally:
        db.dispose()
    assert [r[0] for r in recorded] == ["demo-school", "sch1"]
    assert recorded[0][1].startswith("apikey:") and recorded[0][1].endswith("demo-school LMS")
    assert recorded[1][1].startswith("apikey:") and recorded[1][1].endswith("sch1 LMS")
    assert recorded[0][2] == "checked"
    assert all("Rivera" not in r[1] for r in recorded)
