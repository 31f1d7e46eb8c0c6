"""edugen review: list, show, approve, reject, reopen and edit, with the audit trail.

The demo school with a generated week for both classes (fake backend) is built once per
module and copied for each test. `review edit` runs click.edit for real: EDITOR is a
small Python script that rewrites the YAML view as the test asks.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import select

from edugen.profiles.db import Database
from edugen.profiles.models import ContentStatus, Item, StatusChange
from tests.conftest import Run, make_runner

WEEK = "2026-W49"
FAKE = ("--backend", "fake", "--no-log")

EDITOR_SCRIPT = """\
import json, os, sys
import yaml

path = sys.argv[1]
raw = os.environ.get("REVIEW_EDIT_RAW")
if raw is not None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(raw)
    sys.exit(0)
with open(path, encoding="utf-8") as f:
    text = f.read()
with open(os.environ["REVIEW_EDIT_SEEN"], "w", encoding="utf-8") as f:
    f.write(text)
data = yaml.safe_load(text)
data.update(json.loads(os.environ.get("REVIEW_EDIT", "{}")))
if os.environ.get("REVIEW_EDIT_SAME"):
    sys.exit(0)
with open(path, "w", encoding="utf-8") as f:
    f.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
"""


@pytest.fixture(scope="module")
def week_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("review-home")
    path = home / "edugen.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(home))
        run = make_runner(f"sqlite:///{path}")
        assert run("demo", "--week", WEEK).exit_code == 0
        for class_id in ("demo-6a", "demo-6b"):
            result = run("generate", "plan", "--class", class_id, "--week", WEEK, *FAKE)
            assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def week_url(home: Path, week_template: Path) -> str:
    target = home / "edugen.db"
    shutil.copy(week_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def review(week_url: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("EDUGEN_REVIEWER", "ms-rivera")
    return make_runner(week_url)


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Set $EDITOR to the script; editor(answer="7") makes it set those YAML fields."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    seen = tmp_path / "seen.yaml"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.setenv("REVIEW_EDIT_SEEN", str(seen))

    def configure(raw: str | None = None, same: bool = False, **fields: Any) -> Path:
        monkeypatch.setenv("REVIEW_EDIT", json.dumps(fields))
        if raw is None:
            monkeypatch.delenv("REVIEW_EDIT_RAW", raising=False)
        else:
            monkeypatch.setenv("REVIEW_EDIT_RAW", raw)
        if same:
            monkeypatch.setenv("REVIEW_EDIT_SAME", "1")
        else:
            monkeypatch.delenv("REVIEW_EDIT_SAME", raising=False)
        return seen

    return configure


@pytest.fixture
def session_of() -> Iterator[Callable[[str], Any]]:
    opened: list[Database] = []

    def open_session(url: str) -> Any:
        db = Database(url)
        opened.append(db)
        return db.begin()

    yield open_session
    for db in opened:
        db.dispose()


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def listed(run: Run, *args: str) -> list[dict[str, Any]]:
    data = json.loads(ok(run("review", "list", *args, "--json")).stdout)
    return list(data["items"] if "items" in data else data["plans"])


def class_students(run: Run, class_id: str) -> set[str]:
    students = json.loads(ok(run("students", "list", "--class", class_id, "--json")).stdout)
    return {s["id"] for s in students}


def audit(url: str, object_id: str | None = None) -> list[StatusChange]:
    db = Database(url)
    try:
        with db.begin() as session:
            stmt = select(StatusChange).order_by(StatusChange.id)
            if object_id is not None:
                stmt = stmt.where(StatusChange.object_id == object_id)
            rows = list(session.scalars(stmt))
            session.expunge_all()
            return rows
    finally:
        db.dispose()


def stored(url: str, item_id: str) -> Item:
    db = Database(url)
    try:
        with db.begin() as session:
            item = session.get(Item, item_id)
            assert item is not None
            session.expunge_all()
            return item
    finally:
        db.dispose()


def first_mc(run: Run, class_id: str = "demo-6a") -> dict[str, Any]:
    return next(i for i in listed(run, "--class", class_id) if i["kind"] == "multiple_choice")


# --- list -------------------------------------------------------------------------------


def test_list_class_json_is_the_required_interface(review: Run) -> None:
    items = listed(review, "--class", "demo-6a")
    assert len(items) > 50
    for item in items:
        assert {"id", "student_id", "week", "topic", "kind", "stem", "options", "answer"} <= set(
            item
        )
        assert item["status"] == "draft" and item["verified"] is True
        assert item["week"] == WEEK
    assert len({i["id"] for i in items}) == len(items)


def test_list_keeps_to_the_class(review: Run) -> None:
    a, b = class_students(review, "demo-6a"), class_students(review, "demo-6b")
    items_a, items_b = listed(review, "--class", "demo-6a"), listed(review, "--class", "demo-6b")
    assert items_a and items_b
    assert {i["student_id"] for i in items_a} <= a
    assert {i["student_id"] for i in items_b} <= b
    # Only the teacher's bank items can be served in both classes.
    shared = {i["id"] for i in items_a} & {i["id"] for i in items_b}
    assert all(i.startswith("bank:") for i in shared)
    # Everything else is the class's own: family items, or bank items only its students got.
    assert all(
        i["source"] == "family" or i["id"].startswith("bank:")
        for i in items_a
        if i["id"] not in shared
    )
    everything = listed(review)
    assert {i["id"] for i in everything} >= {i["id"] for i in items_a + items_b}
    # Without a filter, bank items served to nobody yet are listed too.
    assert all(
        i["student_id"] is None and i["source"] == "bank"
        for i in everything
        if i["id"] not in {j["id"] for j in items_a + items_b}
    )
    student = sorted(a)[0]
    assert {i["student_id"] for i in listed(review, "--student", student)} == {student}
    result = review("review", "list", "--class", "no-such-class")
    assert result.exit_code == 1 and "no class with id 'no-such-class'" in result.output


def test_list_filters_by_status_and_week_and_prints_a_table(review: Run) -> None:
    item = first_mc(review)
    ok(review("review", "approve", item["id"]))
    approved = listed(review, "--class", "demo-6a", "--status", "approved")
    assert [i["id"] for i in approved] == [item["id"]]
    assert item["id"] not in {i["id"] for i in listed(review, "--status", "draft")}
    assert listed(review, "--class", "demo-6a", "--week", "2026-W50") == []
    table = ok(review("review", "list", "--class", "demo-6a")).stdout
    header = table.splitlines()[0].split()
    assert header == ["id", "student", "week", "topic", "kind", "status", "verified", "stem"]
    assert item["id"] in table and "approved" in table
    plans = listed(review, "--kind", "plans", "--class", "demo-6a")
    assert plans and all(p["id"].startswith("plan:") for p in plans)
    assert {p["student_id"] for p in plans} <= class_students(review, "demo-6a")


# --- show -------------------------------------------------------------------------------


def test_show_an_item_in_full(review: Run) -> None:
    item = first_mc(review)
    text = ok(review("review", "show", item["id"])).stdout
    assert item["stem"] in text and f"answer: {item['answer']}" in text
    assert "solution:" in text and "checks: ok" in text and "written: framing" in text
    for option in item["options"]:
        assert option in text
    data = json.loads(ok(review("review", "show", item["id"], "--json")).stdout)
    assert data["answer"] == item["answer"] and data["solution"] and data["hint"]
    assert data["outcomes"]["framing"] in ("accepted", "fallback")
    assert data["provenance"]["question"] and data["problems"] == [] and data["history"] == []


def test_show_a_plan(review: Run) -> None:
    plan = listed(review, "--kind", "plans", "--class", "demo-6a")[0]
    text = ok(review("review", "show", plan["id"])).stdout
    assert text.startswith(f"{plan['id']}  [draft]") and "Monday" in text
    data = json.loads(ok(review("review", "show", plan["id"], "--json")).stdout)
    assert data["student_id"] == plan["student_id"] and data["current"] is True
    assert data["items"] and all(i["status"] == "draft" for i in data["items"])


def test_unknown_ids(review: Run) -> None:
    for args in (
        ("show", "gen-nope"),
        ("approve", "gen-nope"),
        ("reject", "gen-nope", "--reason", "x"),
        ("edit", "gen-nope"),
    ):
        result = review("review", *args)
        assert result.exit_code == 1, (args, result.output)
        assert "no item with id 'gen-nope'" in result.output
    result = review("review", "show", "plan:99999")
    assert result.exit_code == 1 and "no plan with id plan:99999" in result.output
    result = review("review", "approve", "plan:twelve")
    assert result.exit_code == 2 and "plan:<number>" in result.output


# --- status changes and the audit trail -------------------------------------------------


def test_approve_reject_reopen_are_recorded(
    review: Run, week_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    item_id = first_mc(review)["id"]
    out = ok(review("review", "approve", item_id)).stdout
    assert f"{item_id}: draft → approved" in out
    # Approving again changes nothing and records nothing.
    assert "already approved" in ok(review("review", "approve", item_id)).stdout
    ok(review("review", "reject", item_id, "--reason", "too easy", "--who", "mr-okafor"))
    monkeypatch.delenv("EDUGEN_REVIEWER")
    monkeypatch.setattr("getpass.getuser", lambda: "os-login")
    ok(review("review", "reopen", item_id))
    rows = audit(week_url, item_id)
    assert [(r.from_status, r.to_status, r.who, r.why) for r in rows] == [
        ("draft", "approved", "ms-rivera", None),
        ("approved", "rejected", "mr-okafor", "too easy"),
        ("rejected", "draft", "os-login", None),
    ]
    assert all(r.object_type == "item" and r.at is not None for r in rows)
    history = json.loads(ok(review("review", "show", item_id, "--json")).stdout)["history"]
    assert [h["to_status"] for h in history] == ["approved", "rejected", "draft"]
    assert stored(week_url, item_id).status == ContentStatus.draft


def test_plans_are_approved_by_plan_prefix(review: Run, week_url: str) -> None:
    plans = listed(review, "--kind", "plans", "--class", "demo-6a")
    first = plans[0]["id"]
    assert f"{first}: draft → approved" in ok(review("review", "approve", first)).stdout
    (row,) = audit(week_url, first.removeprefix("plan:"))
    assert row.object_type == "plan" and row.to_status == "approved"
    approved = listed(review, "--kind", "plans", "--status", "approved")
    assert [p["id"] for p in approved] == [first]
    result = ok(review("review", "approve", "--all-valid", "--kind", "plans", "--class", "demo-6a"))
    assert "left 0 drafts" in result.stderr
    assert len(listed(review, "--kind", "plans", "--status", "approved")) == len(plans)
    assert listed(review, "--kind", "plans", "--class", "demo-6b", "--status", "approved") == []


def test_moves_the_gate_does_not_allow(review: Run, week_url: str, session_of: Any) -> None:
    one, two = (i["id"] for i in listed(review, "--class", "demo-6a")[:2])
    ok(review("review", "reject", one, "--reason", "wrong context"))
    before = len(audit(week_url))
    result = review("review", "approve", two, one)
    assert result.exit_code == 1
    assert f"{one} is rejected: it can go to draft, not approved" in result.output
    assert (
        f"edugen review reopen {one}" in result.output and "Nothing was changed." in result.output
    )
    # All or nothing: the valid one was not approved either.
    assert stored(week_url, two).status == ContentStatus.draft
    assert len(audit(week_url)) == before
    # A rejection needs a reason.
    result = review("review", "reject", two)
    assert result.exit_code == 2 and "--reason" in result.output
    result = review("review", "reject", two, "--reason", "   ")
    assert result.exit_code == 2 and "say why" in result.output
    # Published content stays as it went out.
    with session_of(week_url) as session:
        session.get(Item, two).status = ContentStatus.published
    for args in (("reopen", two), ("reject", two, "--reason", "late")):
        result = review("review", *args)
        assert result.exit_code == 1 and "can no longer change" in result.output
    result = review("review", "edit", two)
    assert result.exit_code == 1 and "can no longer be edited" in result.output
    assert review("review", "approve").exit_code == 2
    assert review("review", "approve", one, "--all-valid").exit_code == 2
    assert review("review", "approve", one, "--class", "demo-6a").exit_code == 2


# --- --all-valid ------------------------------------------------------------------------


def test_all_valid_approves_only_what_passes_its_checks(
    review: Run, week_url: str, session_of: Any
) -> None:
    items = listed(review, "--class", "demo-6a")
    # The tampered one is a multiple-choice item, keyed to one of its wrong options.
    chosen = next(i for i in items if i["options"])
    unverified, failed = [i["id"] for i in items if i is not chosen][:2]
    tampered = chosen["id"]
    wrong_key = next(o for o in chosen["options"] if o != chosen["answer"])
    with session_of(week_url) as session:
        session.get(Item, unverified).verified = False
        row = session.get(Item, failed)
        row.provenance = {**row.provenance, "framing": {"outcome": "invalid"}}
        session.get(Item, tampered).answer = wrong_key
    result = ok(review("review", "approve", "--all-valid", "--class", "demo-6a", "--who", "lead"))
    assert f"{unverified}: left as draft: not verified" in result.stderr
    assert f"{failed}: left as draft: framing: outcome 'invalid'" in result.stderr
    assert f"{tampered}: left as draft:" in result.stderr and "verified key" in result.stderr
    assert f"approved {len(items) - 3}, left 3 drafts" in result.stderr
    drafts = {i["id"] for i in listed(review, "--class", "demo-6a", "--status", "draft")}
    assert drafts == {unverified, failed, tampered}
    # The other class's own items were not touched (bank items are shared by both).
    assert {i["status"] for i in listed(review, "--class", "demo-6b") if i["source"] != "bank"} == {
        "draft"
    }
    rows = audit(week_url)
    assert len(rows) == len(items) - 3
    assert {(r.who, r.why, r.to_status) for r in rows} == {
        ("lead", "all checks passed", "approved")
    }
    # Run again: nothing left that passes.
    again = ok(review("review", "approve", "--all-valid", "--class", "demo-6a", "--json"))
    data = json.loads(again.stdout)
    assert data["changes"] == [] and set(data["skipped"]) == {unverified, failed, tampered}


# --- edit -------------------------------------------------------------------------------


def test_edit_hint_keeps_the_item_verified_and_sends_it_back_to_draft(
    review: Run, week_url: str, editor: Callable[..., Path]
) -> None:
    item = first_mc(review)
    ok(review("review", "approve", item["id"]))
    seen = editor(hint="Turn the division into a multiplication first.")
    result = ok(review("review", "edit", item["id"]))
    assert f"{item['id']}: saved (hint); now draft" in result.stdout
    view = seen.read_text(encoding="utf-8")
    assert view.startswith(f"# Item {item['id']}: multiple_choice")
    assert "stem:" in view and "options:" in view and "solution:" in view
    row = stored(week_url, item["id"])
    assert row.hint == "Turn the division into a multiplication first."
    assert row.verified is True and row.status == ContentStatus.draft
    assert row.provenance["edits"][0]["fields"] == ["hint"]
    last = audit(week_url, item["id"])[-1]
    assert (last.from_status, last.to_status, last.who, last.why) == (
        "approved",
        "draft",
        "ms-rivera",
        "edited hint",
    )


def test_edit_of_the_key_makes_a_verified_item_unverified(
    review: Run, week_url: str, editor: Callable[..., Path]
) -> None:
    item = first_mc(review)
    other = next(o for o in item["options"] if o != item["answer"])
    editor(answer=other)
    result = ok(review("review", "edit", item["id"]))
    assert "no longer verified" in result.stderr and "changed answer" in result.stderr
    row = stored(week_url, item["id"])
    assert row.answer == other and row.verified is False
    assert "changed answer" in row.provenance["unverified_because"]
    assert "no longer verified" in (audit(week_url, item["id"])[-1].why or "")
    # It no longer counts as valid.
    result = ok(review("review", "approve", "--all-valid", "--student", item["student_id"]))
    assert f"{item['id']}: left as draft: not verified" in result.stderr


def test_edit_of_the_stem_numbers_unverifies_but_new_words_do_not(
    review: Run, week_url: str, editor: Callable[..., Path]
) -> None:
    first, second = listed(review, "--class", "demo-6a")[:2]
    editor(stem=f"On the class trip: {first['stem']}")
    ok(review("review", "edit", first["id"]))
    assert stored(week_url, first["id"]).verified is True
    editor(stem=second["stem"] + " Use 12 if you like.")
    ok(review("review", "edit", second["id"]))
    row = stored(week_url, second["id"])
    assert row.verified is False and "numbers in the stem" in row.provenance["unverified_because"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answer": "not an option"}, "answer: 'not an option' is not one of the options"),
        ({"options": ["1", "1", "2", "3"]}, "options: must be distinct"),
        ({"stem": ""}, "stem: is required"),
        ({"hint": "x" * 1001}, "hint: must be at most 1000 characters"),
        ({"difficulty": "9"}, "difficulty: unknown field"),
        ({"raw": "stem: [unclosed\n"}, "not valid YAML"),
    ],
)
def test_an_invalid_edit_is_refused_and_nothing_is_saved(
    review: Run,
    week_url: str,
    editor: Callable[..., Path],
    change: dict[str, Any],
    message: str,
) -> None:
    item = first_mc(review)
    raw = change.pop("raw", None)
    editor(raw=raw, **change)
    result = review("review", "edit", item["id"])
    assert result.exit_code == 1, result.output
    assert message in result.output and "Nothing was written." in result.output
    row = stored(week_url, item["id"])
    assert (row.stem, row.answer, row.options, row.verified) == (
        item["stem"],
        item["answer"],
        item["options"],
        True,
    )
    assert audit(week_url, item["id"]) == []


def test_a_numeric_answer_must_be_a_number(
    review: Run, week_url: str, editor: Callable[..., Path], session_of: Any
) -> None:
    item_id = first_mc(review)["id"]
    with session_of(week_url) as session:
        row = session.get(Item, item_id)
        row.kind, row.options, row.tolerance = row.kind.__class__("numeric"), None, 1e-9
    editor(answer="about a half")
    result = review("review", "edit", item_id)
    assert result.exit_code == 1 and "is not a number or a fraction" in result.output
    editor(answer="0.5", tolerance="0.01")
    ok(review("review", "edit", item_id))
    row = stored(week_url, item_id)
    assert (row.answer, row.tolerance, row.verified) == ("0.5", 0.01, False)


def test_an_unchanged_edit_saves_nothing(
    review: Run, week_url: str, editor: Callable[..., Path]
) -> None:
    item_id = first_mc(review)["id"]
    editor(same=True)
    result = ok(review("review", "edit", item_id))
    assert "no changes; nothing saved" in result.stderr
    assert audit(week_url, item_id) == []
    plan = listed(review, "--kind", "plans")[0]["id"]
    result = review("review", "edit", plan)
    assert result.exit_code == 2 and "only items can be edited" in result.output


# --- SQLite and PostgreSQL --------------------------------------------------------------


def test_the_review_cycle_on_each_database(
    any_run: Run, any_db_url: str, editor: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDUGEN_REVIEWER", "ms-rivera")
    student = "demo-s008"  # every one of whose picks has a family: four questions are made
    ok(any_run("demo", "--week", WEEK))
    ok(
        any_run(
            "generate", "questions", "--student", student, "--count", "4", "--week", WEEK, *FAKE
        )
    )
    items = listed(any_run, "--class", "demo-6a")
    if not items:  # the student sits in the other class
        items = listed(any_run, "--class", "demo-6b")
    assert len(items) == 4 and {i["student_id"] for i in items} == {student}
    first, second, third, _ = (i["id"] for i in items)
    ok(any_run("review", "approve", first))
    ok(any_run("review", "reject", second, "--reason", "off topic"))
    assert any_run("review", "approve", second).exit_code == 1
    editor(hint="Start from the first number.")
    ok(any_run("review", "edit", third))
    ok(any_run("review", "approve", "--all-valid", "--student", student))
    statuses = {i["id"]: i["status"] for i in listed(any_run, "--student", student)}
    assert statuses == {first: "approved", second: "rejected", third: "approved", _: "approved"}
    rows = audit(any_db_url)
    assert [(r.object_id, r.to_status) for r in rows] == [
        (first, "approved"),
        (second, "rejected"),
        (third, "draft"),
        (third, "approved"),
        (_, "approved"),
    ]
    assert {r.who for r in rows} == {"ms-rivera"}
