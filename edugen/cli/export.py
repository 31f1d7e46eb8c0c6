"""edugen export plan|items|class: stored, approved content as documents and LMS packages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from edugen import weeks
from edugen.cli.options import AppContext, compose, echo_json, hidden_alias, json_option, pass_app
from edugen.cli.progress import Progress
from edugen.exporters import FORMATS, FORMATS_HELP
from edugen.workflows import files
from edugen.workflows.export import TITLES, plan_export

export_options = compose(
    click.option(
        "--student",
        "student_ids",
        multiple=True,
        metavar="ID",
        help="A student to export (repeatable).",
    ),
    click.option("--class", "class_id", metavar="ID", help="Every active student of a class."),
    click.option("--week", metavar="YYYY-Www", help="ISO week (default: this week)."),
    click.option(
        "--format",
        "format_name",
        required=True,
        type=click.Choice(list(FORMATS)),
        help=FORMATS_HELP,
    ),
    click.option(
        "--out",
        required=True,
        type=click.Path(path_type=Path),
        metavar="PATH",
        help="A folder (created if missing); a name ending in the format's extension for its "
        "one file (q.zip: the QTI package itself; x.json); else a .zip name for one zip.",
    ),
    click.option(
        "--include-drafts",
        is_flag=True,
        help="Export drafts too (never rejected or retired content); every page is marked DRAFT.",
    ),
    click.option("--force", is_flag=True, help="Overwrite files that already exist."),
    click.option(
        "--titles",
        type=click.Choice(TITLES),
        default="names",
        show_default=True,
        help="LMS packages: title each student's assessment with a name or pseudonym.",
    ),
    click.option(
        "--class-set",
        is_flag=True,
        help="LMS packages for a class: add the class-wide set (every item once) to the "
        "students' own assessments.",
    ),
    json_option,
)


@click.group("export")
def command() -> None:
    """Write a week's approved plans, items and class weeks as files.

    Only content a teacher approved (or published) goes out unless --include-drafts.
    File names are built from ids (letters, digits, - and _ only); a file that exists is
    never overwritten without --force, and then nothing at all is written.

    \b
    Example:
      edugen export plan --class demo-6a --week 2026-W49 --format pdf --out week49/
      edugen export items --class demo-6a --format qti21 --out week49/
      edugen export class --class demo-6a --format docx --out week49.zip
    """


def _run(
    app: AppContext,
    what: str,
    student_ids: tuple[str, ...],
    class_id: str | None,
    week: str | None,
    format_name: str,
    out: Path,
    include_drafts: bool,
    force: bool,
    titles: str,
    class_set: bool,
    as_json: bool,
) -> None:
    result = plan_export(
        db=app.db,
        what=what,
        week=week or weeks.current_week(),
        format=format_name,
        student_ids=list(student_ids),
        class_id=class_id,
        include_drafts=include_drafts,
        titles=titles,
        class_set=class_set,
    )
    # A class's export is the long one (every student's pages): say how far it is.
    with Progress() as progress:
        shown = progress if class_id is not None else None
        paths = files.write_export(out, result, force=force, progress=shown)
    for student_id, why in result.skipped.items():
        click.echo(f"{student_id}: not exported: {why}", err=True)
    for notice in result.notices:
        click.echo(notice, err=True)
    if result.draft:
        click.echo("includes drafts: everything exported is marked DRAFT", err=True)
    if as_json:
        data: dict[str, Any] = {
            "week": result.week,
            "paths": [str(p) for p in paths],
            "files": result.names,
            "skipped": result.skipped,
            "notices": result.notices,
            "draft": result.draft,
        }
        echo_json(data)
        return
    if len(paths) == 1 and len(result.files) > 1:
        click.echo(f"{paths[0]} ({len(result.files)} files)")
    else:
        for path in paths:
            click.echo(str(path))


@command.command()
@export_options
@pass_app
def plan(app: AppContext, **options: Any) -> None:
    """Each student's week: the student copy, and the answer key as a second file (…-key).

    Documents only (md, html, pdf, docx). A student whose plan is not approved is left
    out and named on stderr.

    \b
    Example:
      edugen export plan --class demo-6a --week 2026-W49 --format pdf --out week49/
      edugen export plan --student demo-s004 --format md --out week49/ --include-drafts
    """
    _run(app, "plan", **options)


@command.command()
@export_options
@pass_app
def items(app: AppContext, **options: Any) -> None:
    """The week's approved items: an LMS package, or the students' worksheets.

    With an LMS format: one package for the class (--class) holding one assessment per
    student (titled with the name, or --titles pseudonyms; --class-set adds the class-wide
    set), or one package per student (--student). Every format but GIFT carries the items'
    figures; GIFT leaves those items out and names each on stderr. With a document
    format: each student's worksheet, the student copy of the week with no answers (it
    needs the student's approved plan).

    \b
    Example:
      edugen export items --class demo-6a --format qti21 --out week49-qti.zip
      edugen export items --student demo-s004 --format gift --out week49/
    """
    _run(app, "items", **options)


# The command's name before the glossary's renames; hidden, kept for one release.
command.add_command(hidden_alias(items, "questions", "export items"))


@command.command("class")
@export_options
@pass_app
def class_(app: AppContext, **options: Any) -> None:
    """The teacher's class week: overview, small groups and every student's answer key.

    With an LMS format, the class's package instead, as `export items --class` writes it.

    \b
    Example:
      edugen export class --class demo-6a --week 2026-W49 --format pdf --out class-weeks/
    """
    _run(app, "class", **options)
