"""Document templates: the shipped ones in templates/documents, a user's overrides first.

Rendered in Jinja's sandbox, with autoescape for HTML and XML, because an override folder
holds files a user edited.
"""

from __future__ import annotations

from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from edugen.config import data_dir, resource_dir


def environment() -> SandboxedEnvironment:
    override = data_dir() / "templates" / "documents"
    return SandboxedEnvironment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(override)),
                FileSystemLoader(str(resource_dir("templates") / "documents")),
            ]
        ),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
