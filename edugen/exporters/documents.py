"""Document templates: the shipped ones in templates/documents, a user's overrides first.

Rendered in Jinja's sandbox, with autoescape for HTML and XML (`x.html` and `x.html.j2`
alike), because an override folder holds files a user edited. Markdown templates escape
what people typed with the `md` filter; `url` keeps only http(s) and mailto links.
A user's override under a template's old name (`RENAMED`) is still read, with a warning,
for one release.
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from edugen.config import data_dir, resource_dir

_ESCAPED = frozenset({"html", "htm", "xml"})
# Characters that make inline Markdown (emphasis, links, code, table cells, raw HTML).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&])")
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Templates renamed in this release, new name → old: an override under the old file name
# is read (with a warning) for one release. The class week's templates also get their
# layout as `packet`, the variable the old ones use.
RENAMED = {
    "class_week.md.j2": "class_packet.md.j2",
    "class_week.html.j2": "class_packet.html.j2",
}
log = logging.getLogger(__name__)


def _autoescape(name: str | None) -> bool:
    if name is None:
        return False
    parts = name.lower().split(".")
    if parts[-1] == "j2":
        parts = parts[:-1]
    return len(parts) > 1 and parts[-1] in _ESCAPED


def markdown_text(value: object) -> str:
    """Text that Markdown shows as written: syntax characters backslashed, one line."""
    text = " ".join(str(value).split())
    return _MARKDOWN.sub(r"\\\1", text)


def safe_url(value: object) -> str:
    """The URL if it is an http(s) or mailto link, percent-encoding spaces and brackets;
    otherwise an empty string (a javascript: or file: link is never written)."""
    text = str(value).strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    if scheme not in _URL_SCHEMES:
        return ""
    return quote(text, safe="/:?#@!$&'*+,;=%~-._")


def override_dir() -> Path:
    """Where a user's document templates go; each one replaces the shipped file of its name."""
    return data_dir() / "templates" / "documents"


def environment() -> SandboxedEnvironment:
    """The templates' environment, made once for the override folder as it stands: each
    template is compiled once, not once a document (compiling was a fifth of an HTML
    export); an override added, changed or removed gives a new environment."""
    override = override_dir()
    return _environment(str(override), _listing(override))


def _listing(folder: os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """Each file in the folder with its modification time and size (none if no folder)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    listing = []
    for entry in entries:
        try:
            stat = entry.stat()
        except OSError:
            continue
        listing.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(listing))


@lru_cache(maxsize=4)
def _environment(override: str, listing: tuple[tuple[str, int, int], ...]) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(override),
                FileSystemLoader(str(resource_dir("templates") / "documents")),
            ]
        ),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["url"] = safe_url
    # Imported here: the pages package imports this module (safe_url) as it loads.
    from edugen.exporters.pages.figures import figure_markup, figure_text, math_markup

    env.filters["math"] = math_markup
    env.filters["figure"] = figure_markup
    env.filters["figure_text"] = figure_text
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(_effective_name(name)).render(**context)


def _effective_name(name: str) -> str:
    """`name`, or its old name where only that is overridden (with a warning)."""
    old = RENAMED.get(name)
    if old is None:
        return name
    listing = {entry for entry, _, _ in _listing(override_dir())}
    if name in listing or old not in listing:
        return name
    log.warning(
        "%s: the document template %r is now called %r; rename the file (the old name is "
        "read for one more release)",
        override_dir() / old,
        old,
        name,
    )
    return old
