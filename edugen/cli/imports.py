"""edugen import oneroster|results|curriculum|resources|profiles|items."""

from __future__ import annotations

from pathlib import Path

import click

from edugen.cli.options import AppContext, dry_run_option, echo_json, json_option, pass_app
from edugen.workflows.imports import import_files

existing_path = click.Path(exists=True, path_type=Path)
existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("import")
def command() -> None:
    """Import rosters, answers, curricula, resource catalogs, student profiles and question banks.

    Every import validates the whole input first and writes all of it or nothing;
    importing the same data again changes nothing.

    \b
    Example:
      edugen import oneroster roster.zip --dry-run
    """


def _run(app: AppContext, kind: str, paths: list[Path], dry_run: bool, as_json: bool) -> None:
    summary = import_files(kind, paths, db=app.db, dry_run=dry_run)
    if as_json:
        echo_json(summary.model_dump())
    else:
        click.echo(summary.describe())


@command.command()
@click.argument("path", type=existing_path)
@dry_run_option
@json_option
@pass_app
def oneroster(app: AppContext, path: Path, dry_run: bool, as_json: bool) -> None:
    """Import a OneRoster 1.1/1.2 CSV bundle (a folder or a .zip).

    Reads manifest, orgs, academicSessions, courses, classes, users, roles (1.2) and
    enrollments. Keeps names, grades and enrollments; drops e-mail, phone and passwords.

    \b
    Example:
      edugen import oneroster ./oneroster-export.zip
    """
    _run(app, "oneroster", [path], dry_run, as_json)


@command.command()
@click.argument("file", type=existing_file)
@click.option(
    "--from",
    "source",
    type=click.Choice(["canvas", "moodle", "qti", "xapi", "csv"]),
    help="What the file is; detected from its content when left out.",
)
@dry_run_option
@json_option
@pass_app
def results(app: AppContext, file: Path, source: str | None, dry_run: bool, as_json: bool) -> None:
    """Import answers: a results CSV, xAPI statements, or a Canvas, Moodle or QTI report.

    CSV columns (case-insensitive; aliases in brackets): student_id [student];
    item_id [item] and/or topic [topic_code], each row needs one; correct
    [is_correct] (true/false, 1/0, yes/no) and/or score (0..1; correct = score >= 0.5
    when only score is given); timestamp [answered_at] (ISO 8601, no offset = UTC);
    optional response [answer, student_response, student_answer]: what the student
    answered (trimmed, at most 512 characters), used to count misconceptions from wrong
    answers. Other columns are ignored.

    xAPI (.json): a list of statements or an LRS response {"statements": [...]};
    actor.account.name is the student id (e-mail actors are rejected), object.id the
    item or topic IRI, result.success / result.score.scaled the outcome, optional
    result.response what the student answered. Statements without a result are skipped;
    voided statements and the voiding ones are not counted; without timestamp, stored is
    used. A file may hold one statement. A Moodle xAPI log store question URL maps back
    through the question name edugen's Moodle export wrote ("... [item id]").

    LMS reports (docs/lms.md): Canvas quiz Student Analysis CSV (students by sis_id);
    Moodle quiz Responses report CSV with Right answer and Question text ticked (students
    by ID number or Username); QTI 2.1 assessmentResult XML (students by context
    sourcedId). Questions are matched to edugen's items by identifier or by text, never
    guessed; the summary lists each match. A Moodle Grades report (or a Responses report
    without Question text) names questions only by slot: a slot is matched to the items
    exported to that student for a week, in the order Moodle's question bank adds them
    to a quiz (question type, then name); where that is not certain it is refused.

    \b
    Example:
      edugen import results week49-results.csv
      edugen import results statements.json --dry-run
      edugen import results "Quiz 4 Student Analysis Report.csv" --from canvas --dry-run
    """
    _run(app, f"results-{source}" if source else "results", [file], dry_run, as_json)


@command.command()
@click.argument("files", nargs=-1, required=True, type=existing_file)
@dry_run_option
@json_option
@pass_app
def curriculum(app: AppContext, files: tuple[Path, ...], dry_run: bool, as_json: bool) -> None:
    """Import topics and prerequisites: edugen's CSV, or ccssm standards + dependencies CSVs.

    edugen's CSV: code, subject, grade, title, prerequisites (codes separated by ; or
    spaces), optional standard_code. ccssm: the standards CSVs and the dependencies CSV;
    only `dependency` edges become prerequisites, and an edge into standards whose file
    was not given is skipped and counted.

    \b
    Example:
      edugen import curriculum ccssm-k8.csv ccssm-hs.csv ccssm-dependencies.csv
    """
    _run(app, "curriculum", list(files), dry_run, as_json)


@command.command()
@click.argument("file", type=existing_file)
@dry_run_option
@json_option
@pass_app
def resources(app: AppContext, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import a resource catalog CSV (title, url, type, topics, grade band, language, licence).

    \b
    Example:
      edugen import resources catalog.csv
    """
    _run(app, "resources", [file], dry_run, as_json)


@command.command()
@click.argument("file", type=existing_file)
@dry_run_option
@json_option
@pass_app
def profiles(app: AppContext, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import student profiles: reading level, language, interests, accommodations, minutes.

    \b
    Example:
      edugen import profiles student-profiles.csv
    """
    _run(app, "profiles", [file], dry_run, as_json)


@command.command()
@click.argument("file", type=existing_file)
@dry_run_option
@json_option
@pass_app
def items(app: AppContext, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import a teacher's question bank: a CSV, or a JSON list of objects with the same keys.

    Columns: id (required; stored as bank:ID), topic (required, must exist), kind
    (multiple_choice, numeric, short_answer, ordered_pair or expression), tier (1-5,
    default 3), stem (required, at most 2000 characters), options (multiple_choice only:
    2-6 distinct options separated by |; a list in JSON), answer (required; one of the
    options; for numeric a number or fraction such as 3/4; for ordered_pair a point such
    as (3, -2); for expression an expression or equation such as 3x + 6 or y = 2x + 3,
    and an equivalent answer written in its form counts), tolerance (numeric only, >= 0),
    rubric (required for short_answer), solution (or its old name, explanation), hint.
    Problems in JSON name the line where the object starts. Items are imported as verified
    drafts.

    \b
    Example:
      edugen import items question-bank.csv --dry-run
      edugen import items question-bank.json
    """
    _run(app, "items", [file], dry_run, as_json)
