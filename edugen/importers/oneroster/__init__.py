"""OneRoster 1.1 and 1.2 CSV bundles (a folder or a zip) read into a validated RosterBatch.

Pure: every file and every reference the bundle can answer is checked here. References the
bundle cannot answer (a bundle may rely on orgs or terms imported earlier) travel in the
batch as `Ref`s for the writer to look up before it writes anything.

Steps, one module each: `bundle` opens the folder or zip and streams its known files within
limits; `rows` checks the values every file shares; `parser` checks each file into the
`records` of one RosterBatch.
"""

from __future__ import annotations

from pathlib import Path

from edugen.importers.common import InputProblems
from edugen.importers.oneroster import bundle
from edugen.importers.oneroster.bundle import BundleFile, BundleTooLarge, open_bundle
from edugen.importers.oneroster.parser import BundleParser
from edugen.importers.oneroster.records import (
    ClassRecord,
    ClassTeacherRecord,
    CourseRecord,
    EnrollmentRecord,
    OrgRecord,
    Record,
    Ref,
    RefKind,
    RosterBatch,
    SessionRecord,
    Source,
    StudentRecord,
    TeacherRecord,
)

__all__ = [
    "BundleFile",
    "BundleTooLarge",
    "ClassRecord",
    "ClassTeacherRecord",
    "CourseRecord",
    "EnrollmentRecord",
    "OrgRecord",
    "Record",
    "Ref",
    "RefKind",
    "RosterBatch",
    "SessionRecord",
    "Source",
    "StudentRecord",
    "TeacherRecord",
    "bundle",
    "open_bundle",
    "parse",
]

WRITER = "edugen.profiles.roster:apply_roster"


def parse(paths: list[Path]) -> RosterBatch:
    """Read and check a whole bundle; raise InputError listing every problem found."""
    problems = InputProblems()
    if len(paths) != 1:
        problems.add("oneroster", None, None, "give exactly one folder or .zip file")
        problems.raise_if_any()
    with open_bundle(paths[0], problems) as files:
        # An unsafe or unreadable bundle is not parsed at all: its files could mislead.
        problems.raise_if_any()
        batch = BundleParser(files, problems).parse()
    problems.raise_if_any()
    return batch
