"""edugen model tune|use and --adapter: LoRA adapters, their training set from teachers'
approvals and edits, and (slow) a real tune of the built-in model that changes its output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from edugen.backends import adapters
from edugen.backends.base import GenerationRequest, Message
from edugen.cli import cli
from edugen.content.questions import seed_for
from edugen.profiles.db import Database
from edugen.profiles.models import (
    Assignment,
    GenerationRun,
    Item,
    ItemKind,
    ItemSource,
    Plan,
    PromptLog,
)
from edugen.profiles.models.base import ContentStatus
from edugen.prompts import tuning
from edugen.prompts.log import logged_messages
from edugen.prompts.personalize import retry_seed
from edugen.workflows.tune import gather
from tests.conftest import ROOT, Run, results_school, write

CURRICULUM = "code,subject,grade,title,prerequisites\nT1,math,6,Ratios,\n"
WEEK = "2026-W49"
MAGIC = "Zanzibar marmalade, always!"


def test_a_logged_prompt_reads_back_as_its_messages() -> None:
    text = "[system]\nYou write scenes.\n\n[user]\nLine one.\n\nLine two.\n[not a role]"
    assert logged_messages(text) == [
        Message(role="system", content="You write scenes."),
        Message(role="user", content="Line one.\n\nLine two.\n[not a role]"),
    ]
    with pytest.raises(ValueError, match="does not open with a \\[role\\] line"):
        logged_messages("no roles here")


def test_unknown_adapters_are_clear_errors(run: Run, home: Path) -> None:
    use = run("model", "use", "nope")
    assert use.exit_code == 1 and "no adapter named 'nope'" in use.output
    assert "make one with `edugen model tune`" in use.output
    tried = run("templates", "try", "hint", "--adapter", "nope", "--no-log")
    assert tried.exit_code == 1 and "no adapter named 'nope'" in tried.output
    bad = run("model", "tune", "--out", "../elsewhere")
    assert bad.exit_code == 2 and "is not an adapter name" in bad.output
    neither = run("model", "use")
    assert neither.exit_code == 2 and "give an adapter NAME, or --none" in neither.output
    assert json.loads(run("model", "info", "--json").stdout)["adapter"] is None
    # An active adapter removed since: info says so, generation refuses with the way out.
    (home / "adapters").mkdir()
    (home / "adapters" / ".active").write_text("gone\n", encoding="utf-8")
    shown = json.loads(run("model", "info", "--json").stdout)["adapter"]
    assert shown["name"] == "gone" and "no adapter named 'gone'" in shown["error"]
    gone = run("templates", "try", "hint", "--no-log")
    assert gone.exit_code == 1 and "`edugen model use --none`" in gone.output
    assert run("model", "use", "--none").exit_code == 0
    assert json.loads(run("model", "info", "--json").stdout)["adapter"] is None


def test_an_adapter_writes_only_the_texts_it_was_tuned_on(
    run: Run, home: Path, tmp_path: Path
) -> None:
    # Tuned on scenes only, it is sent no class note's prompt: the plain note stands, with
    # the reason, and no request is made (nor the model loaded).
    folder = home / "adapters" / "scenes-only"
    folder.mkdir(parents=True)
    meta = {"base_sha256": "0" * 64, "steps": 1, "templates": ["question_scene"]}
    (folder / "edugen-adapter.json").write_text(json.dumps(meta), encoding="utf-8")
    out = tmp_path / "texts"
    result = run(
        "eval", "generation", "--adapter", "scenes-only", "--job", "class_summary",
        "--limit", "2", "--texts", str(out), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)["jobs"]["class_summary"]
    assert score["requests"] == 0 and score["fallback_share"] == 1.0
    outcomes = (out / "class_summary.outcomes.txt").read_text(encoding="utf-8").splitlines()
    assert (
        outcomes
        == [
            "fallback after 0 tries: adapter scenes-only was not tuned to write class_note; "
            "the plain text stands (backend)"
        ]
        * 2
    )
    assert adapters.get("scenes-only").describe()["templates"] == ["question_scene"]


def test_a_bad_examples_file_is_refused_before_any_loading(run: Run, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.jsonl",
        '{"messages": [{"role": "user", "content": "hi"}], "completion": "hello"}\n'
        '{"messages": [{"role": "robot", "content": "hi"}], "completion": "x"}\n'
        '{"messages": [{"role": "user", "content": "hi"}]}\n',
    )
    result = run("model", "tune", "--examples", str(bad), "--max-steps", "1")
    assert result.exit_code == 1, result.output
    assert "bad.jsonl:2" in result.output and "bad.jsonl:3" in result.output
    assert "needs messages and a completion" in result.output
    mixed = run("model", "tune", "--examples", str(bad), "--job", "scene", "--max-steps", "1")
    assert mixed.exit_code == 2 and "not with --examples" in mixed.output


# -- the school's own texts: approved or edited, linked to their prompt log entries ----------


SCENE_PROMPT = "[system]\nWrite one scene.\n\n[user]\nQuestion: 3:6 = 1:?\nInterest: chess"
HINT_PROMPT = "[system]\nWrite a hint.\n\n[user]\nQuestion: 3:6 = 1:?"
QUESTION = "3:6 = 1:?"
NOTE_PROMPT = "[system]\nWrite a note.\n\n[user]\nTopics: Ratios"
NOTE = "This week you practise ratios."


def _generated_item(item_id: str, scene: str, fingerprint: str, hint: str) -> Item:
    return Item(
        id=item_id,
        topic_code="T1",
        kind=ItemKind.numeric,
        stem=f"{scene} {QUESTION}",
        answer="2",
        hint=hint,
        source=ItemSource.family,
        verified=True,
        provenance={
            "question": QUESTION,
            "fingerprint": fingerprint,
            "run_id": 1,
            # The scene took two tries; the hint one.
            "framing": {"template": "question_scene", "outcome": "accepted", "tries": 2},
            "hint": {"template": "hint", "outcome": "accepted", "tries": 1},
        },
        created_at=datetime.now(UTC),
    )


def _log(template: str, prompt: str, seed: int, output: dict[str, str], outcome: str) -> PromptLog:
    return PromptLog(
        run_id=1,
        template=template,
        template_hash="h",
        backend="transformers",
        model="m",
        options={},
        seed=seed,
        prompt=prompt,
        output=json.dumps(output),
        outcome=outcome,
        created_at=datetime.now(UTC),
    )


@pytest.fixture
def reviewed_school(run: Run, db_url: str, tmp_path: Path) -> str:
    """Items gen-a (to approve), gen-b (to edit), gen-c (left a draft), each served to s1
    in WEEK by run 1, and the prompt log of their scenes and hints (a rejected first try);
    s1's approved plan of run 1 and two logged notes, one of them its own."""
    items = []
    logs = []
    for name in ("a", "b", "c"):
        fingerprint = f"fp-{name}"
        seed = seed_for("s1", WEEK, fingerprint)
        scene = f"At the chess club {name}, the players count the pieces."
        hint = f"Think of the ratio {name}."
        items.append(_generated_item(f"gen-{name}", scene, fingerprint, hint))
        logs += [
            _log("question_scene", SCENE_PROMPT, seed, {"scene": "Bad try."}, "invalid"),
            _log("question_scene", SCENE_PROMPT, retry_seed(seed, 1), {"scene": scene}, "accepted"),
            _log("hint", HINT_PROMPT, seed, {"hint": hint}, "accepted"),
        ]
    results_school(run, db_url, tmp_path, CURRICULUM, *items)
    db = Database(db_url)
    try:
        with db.begin() as session:
            session.add(
                GenerationRun(id=1, kind="generate", week=WEEK, started_at=datetime.now(UTC))
            )
            session.flush()
            session.add_all(logs)
            session.add_all(Assignment(student_id="s1", item_id=i.id, week=WEEK) for i in items)
            session.add(
                Plan(
                    student_id="s1",
                    week=WEEK,
                    content={"summary": NOTE, "summary_source": "model", "days": []},
                    status=ContentStatus.approved,
                    run_id=1,
                    created_at=datetime.now(UTC),
                )
            )
            session.add_all(
                [  # the note the plan kept, and another student's that it did not
                    _log("plan_note", NOTE_PROMPT, 5, {"summary": NOTE}, "accepted"),
                    _log("plan_note", NOTE_PROMPT, 6, {"summary": "Not this one."}, "accepted"),
                ]
            )
    finally:
        db.dispose()
    return db_url


def test_approved_and_edited_texts_become_training_pairs(
    run: Run, reviewed_school: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("review", "approve", "gen-a", "--who", "t").exit_code == 0
    # The teacher rewrites gen-b's scene and hint in $EDITOR (here: sed).
    script = write(
        tmp_path,
        "edit.py",
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text().replace('the players count the pieces', 'two friends set up a board')"
        ".replace('Think of the ratio b.', 'Halve both numbers.')\n"
        "p.write_text(t)\n",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    edited = run("review", "edit", "gen-b", "--who", "t")
    assert edited.exit_code == 0, edited.output

    db = Database(reviewed_school)
    try:
        gathered = gather(
            db=db, examples=write(tmp_path, "one.jsonl", _line("hi", "hello")), from_approved=True
        )
    finally:
        db.dispose()
    assert gathered.sources == {
        "file": 1,
        "approved:question_scene": 1,
        "approved:hint": 1,
        "edited:question_scene": 1,
        "edited:hint": 1,
        "approved:plan_note": 1,
    }
    completions = {p.completion for p in gathered.pairs[1:]}
    assert completions == {
        # gen-a as the model wrote it (the accepted second try, not the rejected first)
        json.dumps({"scene": "At the chess club a, the players count the pieces."}),
        json.dumps({"hint": "Think of the ratio a."}),
        # gen-b as the teacher left it
        json.dumps({"scene": "At the chess club b, two friends set up a board."}),
        json.dumps({"hint": "Halve both numbers."}),
        # the approved plan's note (the other logged note is not in it)
        json.dumps({"summary": NOTE}),
    }
    scene_pair = next(p for p in gathered.pairs if "chess club a" in p.completion)
    assert scene_pair.messages == tuple(logged_messages(SCENE_PROMPT))


def _line(prompt: str, completion: str) -> str:
    return json.dumps({"messages": [{"role": "user", "content": prompt}], "completion": completion})


# -- the real model (slow): one EDUGEN_HOME for the module, so the GGUF is dequantized once --


@pytest.fixture(scope="module")
def tune_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("tune-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDUGEN_HOME", str(home))
        patch.delenv("EDUGEN_MODEL", raising=False)
        patch.delenv("EDUGEN_DATABASE_URL", raising=False)
        yield home


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


ASK = "Say the magic words."
# A small LoRA and a high rate: a few steps make the completion certain, in seconds.
TUNE = ("--rank", "4", "--learning-rate", "0.01", "--batch-size", "2", "--save-every", "2")


@pytest.fixture(scope="module")
def tuned(tune_home: Path) -> dict[str, object]:
    """Adapter `magic`, tuned 4 steps on two prompts that answer MAGIC."""
    examples = tune_home / "magic.jsonl"
    examples.write_text(
        _line(ASK, MAGIC) + "\n" + _line("What are the magic words?", MAGIC) + "\n",
        encoding="utf-8",
    )
    result = invoke(
        "model", "tune", "--examples", str(examples), "--max-steps", "4", "--out", "magic",
        *TUNE, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "tune 4/4" in result.stderr  # one progress line per few steps off a terminal
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _state(home: Path) -> dict[str, object]:
    state: dict[str, object] = json.loads(
        (home / "adapters" / "magic" / "checkpoint" / "state.json").read_text()
    )
    return state


def _meta(home: Path, name: str = "magic") -> dict[str, object]:
    meta: dict[str, object] = json.loads(
        (home / "adapters" / name / "edugen-adapter.json").read_text()
    )
    return meta


@pytest.mark.slow
def test_tune_writes_an_adapter_keyed_to_the_base_model(
    tune_home: Path, tuned: dict[str, object]
) -> None:
    folder = tune_home / "adapters" / "magic"
    assert tuned["adapter"] == "magic" and tuned["path"] == str(folder)
    assert tuned["steps"] == 4 and tuned["resumed_from"] == 0 and tuned["examples"] == 2
    assert (folder / "adapter_model.safetensors").is_file()
    assert (folder / "adapter_config.json").is_file()
    meta = _meta(tune_home)
    info = json.loads(invoke("model", "info", "--json").stdout)
    assert meta["base_sha256"] == info["gguf_sha256"] and meta["steps"] == 4
    assert meta["templates"] is None  # an examples file does not say which texts it teaches
    assert _state(tune_home)["step"] == 4


@pytest.mark.slow
def test_job_tunes_on_that_job_of_the_shipped_set_only(tune_home: Path) -> None:
    result = invoke(
        "model", "tune", "--job", "hint", "--job", "plan_note", "--max-steps", "1",
        "--out", "two-jobs", *TUNE, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["examples"] == 600
    meta = _meta(tune_home, "two-jobs")
    assert meta["sources"] == {"shipped:hint": 300, "shipped:plan_note": 300}
    assert meta["templates"] == ["hint", "plan_note"]


@pytest.mark.slow
def test_a_longer_run_continues_from_the_checkpoint(
    tune_home: Path, tuned: dict[str, object]
) -> None:
    first_losses = list(_state(tune_home)["losses"])  # type: ignore[call-overload]
    examples = str(tune_home / "magic.jsonl")
    longer = invoke(
        "model", "tune", "--examples", examples, "--max-steps", "8", "--out", "magic", *TUNE,
        "--json",
    )  # fmt: skip
    assert longer.exit_code == 0, longer.output
    data = json.loads(longer.stdout)
    assert data["resumed_from"] == 4 and data["steps"] == 8
    state = _state(tune_home)
    assert state["step"] == 8 and _meta(tune_home)["steps"] == 8
    losses = list(state["losses"])  # type: ignore[call-overload]
    assert len(losses) == 8 and losses[:4] == first_losses  # continued, not started over
    again = invoke(
        "model", "tune", "--examples", examples, "--max-steps", "8", "--out", "magic", *TUNE
    )
    assert again.exit_code == 0 and "8 steps (resumed at step 8)" in again.output
    other = invoke(
        "model", "tune", "--examples", examples, "--max-steps", "9", "--out", "magic",
        "--rank", "8",
    )  # fmt: skip
    assert other.exit_code == 2 and "other settings (rank" in other.output


@pytest.mark.slow
def test_model_use_makes_it_active_and_it_changes_greedy_output(
    tune_home: Path, tuned: dict[str, object]
) -> None:
    from edugen.backends.transformers_backend import TransformersBackend, TransformersOptions

    used = invoke("model", "use", "magic")
    assert used.exit_code == 0, used.output
    active = json.loads(invoke("model", "info", "--json").stdout)["adapter"]
    assert active["name"] == "magic" and active["path"] == str(tune_home / "adapters" / "magic")
    assert active["base_sha256"] == _meta(tune_home)["base_sha256"]
    assert active["steps"] in (4, 8)

    request = GenerationRequest(
        messages=[Message(role="user", content=ASK)], temperature=0.0, max_tokens=16
    )
    texts = {}
    for choice in ("none", None):  # None: the active adapter
        backend = TransformersBackend(TransformersOptions(adapter=choice))
        try:
            texts[choice] = backend.generate([request])[0].text
            if choice is None:
                assert backend.model_name.endswith("+ adapter magic")
        finally:
            backend.close()
    assert texts[None] != texts["none"], texts
    assert "Zanzibar" in texts[None] and "Zanzibar" not in texts["none"], texts

    cleared = invoke("model", "use", "--none", "--json")
    assert cleared.exit_code == 0 and json.loads(cleared.stdout) == {"adapter": None}
    assert json.loads(invoke("model", "info", "--json").stdout)["adapter"] is None


@pytest.mark.slow
def test_an_adapter_of_another_base_model_is_refused(
    tune_home: Path, tuned: dict[str, object]
) -> None:
    other = tune_home / "adapters" / "other-base"
    shutil.copytree(tune_home / "adapters" / "magic", other)
    meta = _meta(tune_home, "other-base")
    meta.update(base_model="some-other-model.gguf", base_sha256="0" * 64)
    (other / "edugen-adapter.json").write_text(json.dumps(meta), encoding="utf-8")

    use = invoke("model", "use", "other-base")
    assert use.exit_code == 1
    assert "adapter 'other-base' was tuned on some-other-model.gguf" in use.output
    assert "not on SmolLM2-135M-Instruct.Q4_1 (built-in)" in use.output
    tried = invoke("templates", "try", "hint", "--adapter", "other-base", "--no-log")
    assert tried.exit_code == 1 and "was tuned on some-other-model.gguf" in tried.output


@pytest.mark.slow
def test_a_resumed_run_ends_where_an_unbroken_one_does(
    tune_home: Path, tuned: dict[str, object]
) -> None:
    from safetensors.torch import load_file

    examples = str(tune_home / "magic.jsonl")

    def tune(name: str, steps: int) -> dict[str, object]:
        result = invoke(
            "model", "tune", "--examples", examples, "--max-steps", str(steps), "--out", name,
            "--rank", "2", "--batch-size", "1", "--save-every", "2", "--json",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        data: dict[str, object] = json.loads(result.stdout)
        return data

    tune("unbroken", 4)
    tune("stopped", 2)
    assert tune("stopped", 4)["resumed_from"] == 2
    weights = [
        load_file(str(tune_home / "adapters" / name / "adapter_model.safetensors"))
        for name in ("unbroken", "stopped")
    ]
    assert weights[0].keys() == weights[1].keys()
    for key, value in weights[0].items():
        assert bool((value == weights[1][key]).all()), key


# -- bench/tuning.py: base and tuned side by side --

BENCH = ROOT / "bench" / "tuning.py"


def test_the_bench_refuses_an_unknown_adapter_before_running_anything(home: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--adapter", "nope", "--job", "scene"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no adapter named 'nope'" in done.stderr
    assert "$ edugen" not in done.stderr  # not even the base model's run began


@pytest.mark.slow
def test_the_bench_reports_base_and_tuned_side_by_side(
    tune_home: Path, tuned: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "tuning.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--adapter", "magic", "--limit", "2", "--job", "scene",
         "--json-out", str(out), "--quote", "2"],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["adapters"] == {"base": "none", "tuned": "magic"}
    assert report["runs"]["tuned"]["model"].endswith("+ adapter magic")
    assert not report["runs"]["base"]["model"].endswith("+ adapter magic")
    (job,) = report["jobs"]
    row = report["jobs"]["scene"]
    assert job == "scene" and row["prompts"] == 2
    for metric in (
        "first_try_acceptance",
        "fallback_share",
        "perplexity",
        "bleu",
        "chrf",
        "rouge_l",
    ):
        assert set(row[metric]) == {"base", "tuned"}, metric
    for column in ("base", "tuned"):
        assert 0 <= row["first_try_acceptance"][column] <= 1
        assert 0 <= row["rouge_l"][column] <= 1
        assert row["perplexity"][column] > 1
    # The same references under two models: the adapter (tuned to say one odd sentence)
    # changes how likely they are.
    assert row["perplexity"]["base"] != row["perplexity"]["tuned"]
    lines = done.stdout.splitlines()
    assert lines[1].split() == ["job", "prompts", "metric", "base", "tuned"]
    assert any(line.split()[:3] == ["scene", "2", "first_try_acceptance"] for line in lines)
    # The quoted outputs: the first two held-out scene prompts, what each was given, the
    # tuned output and its outcome, in the report and printed.
    quoted = report["quotes"]["scene"]
    first = tuning.load("heldout", jobs=("scene",))[:2]
    assert [q["id"] for q in quoted] == [e.id for e in first]
    for q, e in zip(quoted, first, strict=True):
        assert e.context.interest in q["given"] and e.context.question in q["given"]
        assert q["outcome"] == "first try" or q["outcome"].startswith(("after ", "fallback "))
        assert f"“{q['output']}” ({q['outcome']})" in done.stdout
