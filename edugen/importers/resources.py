"""Resource catalogs: a CSV of curated links tagged with topics, a grade band, a licence, and
how long each takes and how much of a source it is (minutes, granularity; both optional)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from edugen.errors import UsageError
from edugen.importers.common import InputProblems, Row, csv_rows, read_text

WRITER = "edugen.profiles.catalog:apply"

REQUIRED = ("title", "url", "type", "topics", "grade_band")
TYPES = ("video", "article", "interactive", "worksheet", "game", "lesson", "practice", "tool")
MAX_URL = 2048
MAX_TITLE = 512
MAX_LICENCE = 255
MAX_MINUTES = 240
# How much of a source a link is. A book or an index page is never a task of its own.
GRANULARITIES = ("book", "chapter", "section", "activity", "video", "index")
NOT_A_TASK = frozenset({"book", "index"})
# Without a granularity column, what a link of each type usually is.
TYPE_GRANULARITY = {"video": "video", "lesson": "section", "article": "section"}
# Without a minutes column, how long a link of each granularity usually takes to work through.
GRANULARITY_MINUTES: dict[str, int | None] = {
    "video": 8,
    "section": 15,
    "activity": 15,
    "chapter": 45,
    "book": None,
    "index": None,
}

_GRADE_BAND = re.compile(r"^(K|\d{1,2})(?:\s*[-–]\s*(K|\d{1,2}))?$", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_TOPIC = re.compile(r"^[^\s;,]{1,64}$")
_SEPARATORS = re.compile(r"[;\s]+")


@dataclass(frozen=True)
class ResourceRecord:
    file: str
    line: int
    url: str
    title: str
    type: str
    description: str | None
    grade_low: int
    grade_high: int
    language: str
    licence: str | None
    topics: tuple[str, ...]
    granularity: str = "activity"
    minutes: int | None = None


@dataclass
class ResourceBatch:
    resources: list[ResourceRecord] = field(default_factory=list)


def parse(paths: list[Path]) -> ResourceBatch:
    """Read one catalog CSV; every row is checked before anything is returned."""
    if len(paths) != 1:
        raise UsageError("import resources takes exactly one file")
    name = paths[0].name
    problems = InputProblems()
    _, rows = csv_rows(read_text(paths[0], name), name, required=REQUIRED, problems=problems)
    batch = ResourceBatch()
    first_line: dict[str, int] = {}
    for row in rows:
        record = _record(row, problems)
        if record is None:
            continue
        if record.url in first_line:
            problems.add(
                name,
                row.line,
                "url",
                f"duplicate: the same URL is on line {first_line[record.url]}",
            )
            continue
        first_line[record.url] = row.line
        batch.resources.append(record)
    problems.raise_if_any()
    return batch


def _record(row: Row, problems: InputProblems) -> ResourceRecord | None:
    found: list[str] = []

    def bad(column: str, message: str) -> None:
        found.append(column)
        problems.add(row.file, row.line, column, message)

    title = row.get("title")
    if not title:
        bad("title", "is required")
    elif len(title) > MAX_TITLE:
        bad("title", f"must be at most {MAX_TITLE} characters")

    url = ""
    raw_url = row.get("url")
    if not raw_url:
        bad("url", "is required")
    else:
        url, message = check_url(raw_url)
        if message:
            bad("url", message)

    kind = row.get("type").lower()
    if not kind:
        bad("type", "is required")
    elif kind not in TYPES:
        bad("type", f"{row.get('type')!r} is not one of {', '.join(TYPES)}")

    topics: list[str] = []
    for code in _SEPARATORS.split(row.get("topics")):
        if not code or code in topics:
            continue
        if not _TOPIC.match(code) or not code.isprintable():
            bad("topics", f"{code!r} is not a topic code")
        topics.append(code)
    if not topics:
        bad("topics", "is required: one or more topic codes separated by ';' or spaces")

    low, high = 0, 0
    band = row.get("grade_band")
    match = _GRADE_BAND.match(band)
    if not band:
        bad("grade_band", "is required, e.g. 6, 5-7 or K-2")
    elif match is None:
        bad("grade_band", f"{band!r} is not a grade band such as 6, 5-7 or K-2")
    else:
        low = _grade(match.group(1))
        high = _grade(match.group(2) or match.group(1))
        if high > 12:
            bad("grade_band", f"{band!r}: grades run from K to 12")
        elif low > high:
            bad("grade_band", f"{band!r}: the first grade must not be above the second")

    language = row.get("language") or "en"
    if len(language) > 16 or not _LANGUAGE.match(language):
        bad("language", f"{language!r} is not a language code such as en, es or pt-BR")

    column = "licence" if "licence" in row.cells or "license" not in row.cells else "license"
    licence = row.get(column) or None
    if licence is not None and len(licence) > MAX_LICENCE:
        bad(column, f"must be at most {MAX_LICENCE} characters")

    granularity = row.get("granularity").lower() or TYPE_GRANULARITY.get(kind, "activity")
    if granularity not in GRANULARITIES:
        bad("granularity", f"{row.get('granularity')!r} is not one of {', '.join(GRANULARITIES)}")
    minutes = GRANULARITY_MINUTES.get(granularity)
    raw_minutes = row.get("minutes")
    if raw_minutes:
        if not raw_minutes.isdigit() or not 1 <= int(raw_minutes) <= MAX_MINUTES:
            bad(
                "minutes",
                f"{raw_minutes!r} is not a whole number of minutes from 1 to {MAX_MINUTES}",
            )
        else:
            minutes = int(raw_minutes)

    if found:
        return None
    return ResourceRecord(
        file=row.file,
        line=row.line,
        url=url,
        title=title,
        type=kind,
        description=row.get("description") or None,
        grade_low=low,
        grade_high=high,
        language=language,
        licence=licence,
        topics=tuple(topics),
        granularity=granularity,
        minutes=minutes,
    )


def _grade(raw: str) -> int:
    return 0 if raw.upper() == "K" else int(raw)


def check_url(raw: str) -> tuple[str, str | None]:
    """An absolute http(s) URL with a host, no credentials → (normalised URL, None) or ("", why)."""
    if any(c.isspace() for c in raw) or not raw.isprintable():
        return "", "must not contain spaces or control characters"
    if len(raw) > MAX_URL:
        return "", f"must be at most {MAX_URL} characters"
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 — raises ValueError on a malformed port
    except ValueError as exc:
        return "", f"{raw!r} is not a valid URL: {exc}"
    scheme = parts.scheme.lower()
    if not scheme:
        return "", f"{raw!r} is relative: give a full http:// or https:// URL"
    if scheme not in ("http", "https"):
        return "", f"{scheme}: URLs are not allowed: only http and https"
    if parts.username is not None or parts.password is not None:
        return "", "must not contain a user name or password"
    if not parts.hostname:
        return "", f"{raw!r} has no host"
    # Scheme and host are case-insensitive: normalise them so the URL works as a stable key.
    return urlunsplit((scheme, parts.netloc.lower(), parts.path, parts.query, parts.fragment)), None
