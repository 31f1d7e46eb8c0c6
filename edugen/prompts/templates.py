"""Prompt templates: shipped in templates/prompts/<locale>/, a user's overrides first.

Rendered in Jinja's sandbox (an override folder holds files a user edited) with
`StrictUndefined` (a missing variable is an error, never an empty string) and without
autoescape (prompts are plain text). A template is one file: its first line names its output
model (`{# schema: Hint #}`), `{% block system %}` and `{% block user %}` hold the two chat
messages. The locale picks a folder, so a new language is a folder of templates, not code.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, Template, TemplateError
from jinja2.exceptions import TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from edugen.backends.base import GenerationRequest, Message
from edugen.config import data_dir, resource_dir
from edugen.errors import EdugenError, NotFoundError, UsageError
from edugen.prompts.contexts import PromptContext
from edugen.prompts.outputs import OUTPUT_MODELS, RENAMED_OUTPUTS, OutputModel

SUFFIX = ".j2"
Role = Literal["system", "user"]
ROLES: tuple[Role, ...] = ("system", "user")
Source = Literal["shipped", "override"]

_LOCALE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# Templates renamed in this release: a user's override under the old file name is still
# read (with a warning) for one release, and its first line may name the old output model.
RENAMED = {"plan_note": "plan_summary", "class_note": "class_summary"}
log = logging.getLogger(__name__)
_SCHEMA = re.compile(r"^\{#-?\s*schema:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*-?#\}")


class PromptTemplateError(EdugenError):
    """A prompt template cannot be used: bad syntax, an unknown variable, an unsafe operation."""


@dataclass(frozen=True)
class TemplateInfo:
    """One prompt template as `edugen templates list` shows it (the effective file)."""

    name: str
    locale: str
    source: Source
    path: str
    schema: str | None


@dataclass(frozen=True)
class PromptTemplate:
    """The effective template file for a name and locale, read once."""

    name: str
    locale: str
    source: Source
    path: str
    text: str
    sha256: str
    schema: str | None

    def output_model(self) -> type[OutputModel]:
        if self.schema is None:
            raise PromptTemplateError(
                f"{self.path}: the first line must name the output schema, e.g. "
                f"{{# schema: Hint #}} (one of {', '.join(OUTPUT_MODELS)})"
            )
        name = RENAMED_OUTPUTS.get(self.schema, self.schema)
        if name not in OUTPUT_MODELS:
            raise PromptTemplateError(
                f"{self.path}: unknown schema {self.schema!r}; one of {', '.join(OUTPUT_MODELS)}"
            )
        return OUTPUT_MODELS[name]


@dataclass(frozen=True)
class RenderedPrompt:
    """A rendered prompt: the chat messages, where they came from, and the output they ask for."""

    template: str
    locale: str
    template_hash: str
    source: Source
    schema: str
    output_model: type[OutputModel]
    messages: tuple[Message, ...]
    json_schema: dict[str, Any]
    validation_context: dict[str, Any]
    max_tokens: int

    def request(self, seed: int = 0, temperature: float | None = None) -> GenerationRequest:
        if temperature is None:
            temperature = self.output_model.temperature
        extra = {} if temperature is None else {"temperature": temperature}
        return GenerationRequest(
            messages=list(self.messages),
            json_schema=self.json_schema,
            max_tokens=self.max_tokens,
            seed=seed,
            **extra,
        )

    def text(self) -> str:
        """The messages as one text, the way the prompt log stores them."""
        return "\n\n".join(f"[{m.role}]\n{m.content}" for m in self.messages)


def check_locale(locale: str) -> str:
    if not _LOCALE.match(locale):
        raise UsageError(f"{locale!r} is not a locale (like en, zh or pt-BR)")
    return locale


def _check_name(name: str) -> str:
    name = name.removesuffix(SUFFIX)
    if not _NAME.match(name):
        raise UsageError(f"{name!r} is not a template name (like hint or question_framing)")
    return name


def override_dir(locale: str = "en") -> Path:
    """Where a user's templates for `locale` go; they win over the shipped ones. Not created."""
    return data_dir() / "templates" / "prompts" / check_locale(locale)


def shipped_dir(locale: str = "en") -> Path:
    return resource_dir("templates") / "prompts" / check_locale(locale)


def environment(locale: str = "en") -> SandboxedEnvironment:
    """The sandboxed environment for a locale: the override folder first, then shipped."""
    return _environment(override_dir(locale), shipped_dir(locale))


@lru_cache(maxsize=16)
def _environment(override: Path, shipped: Path) -> SandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(override)), FileSystemLoader(str(shipped))]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def load(name: str, locale: str = "en", *, shipped: bool = False) -> PromptTemplate:
    """The effective template `name` for `locale` (the override if there is one)."""
    name = _check_name(name)
    name = {was: new for new, was in RENAMED.items()}.get(name, name)
    places: list[tuple[Source, Path]] = [("shipped", shipped_dir(locale))]
    if not shipped:
        places.insert(0, ("override", override_dir(locale)))
    env = environment(locale)
    for source, folder in places:
        try:
            text, filename, _ = _source(env, folder, name, old=source == "override")
        except TemplateNotFound:
            continue
        except UnicodeDecodeError as exc:
            raise PromptTemplateError(f"{folder / (name + SUFFIX)}: not UTF-8 text") from exc
        first = text.split("\n", 1)[0].lstrip("\ufeff").strip()
        match = _SCHEMA.match(first)
        return PromptTemplate(
            name=name,
            locale=locale,
            source=source,
            path=filename,
            text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            schema=match["name"] if match else None,
        )
    where = " or ".join(str(folder) for _, folder in places)
    raise NotFoundError(
        f"no prompt template {name!r} for locale {locale!r} (looked in {where}); "
        f"see `edugen templates list --locale {locale}`"
    )


def _source(
    env: SandboxedEnvironment, folder: Path, name: str, *, old: bool
) -> tuple[str, str, Any]:
    """The file `name` in `folder`; where `old`, a file under the name it had before."""
    loader = FileSystemLoader(str(folder))
    try:
        return loader.get_source(env, name + SUFFIX)
    except TemplateNotFound:
        if not (old and name in RENAMED):
            raise
        found = loader.get_source(env, RENAMED[name] + SUFFIX)
        log.warning(
            "%s: the template %r is now called %r; rename the file (the old name is read "
            "for one more release)",
            found[1],
            RENAMED[name],
            name,
        )
        return found


def list_templates(locale: str = "en") -> list[TemplateInfo]:
    """Every template for `locale`, the effective file for each name."""
    names: set[str] = set()
    for folder in (override_dir(locale), shipped_dir(locale)):
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*" + SUFFIX) if _NAME.match(p.stem)}
    names = {new for new, was in RENAMED.items() if was in names} | names - set(RENAMED.values())
    found = []
    for name in sorted(names):
        template = load(name, locale)
        found.append(
            TemplateInfo(
                name=name,
                locale=locale,
                source=template.source,
                path=template.path,
                schema=template.schema,
            )
        )
    return found


def render(name: str, context: PromptContext, locale: str = "en") -> RenderedPrompt:
    """Render template `name` with a typed context into chat messages and an output schema."""
    template = load(name, locale)
    model = template.output_model()
    if type(context) is not model.Context:
        raise UsageError(
            f"prompt template {name!r} ({model.__name__}) takes a {model.Context.__name__}, "
            f"not a {type(context).__name__}"
        )
    where = f"prompt template {name!r} ({template.source}, {template.path})"
    env = environment(locale)
    try:
        compiled = _compile(env, template.name + SUFFIX, template.path, template.text)
        if "user" not in compiled.blocks:
            raise PromptTemplateError(f"{where}: has no {{% block user %}}")
        variables = context.model_dump(mode="json")
        messages = []
        for role in ROLES:
            block = compiled.blocks.get(role)
            if block is None:
                continue
            content = _tidy("".join(block(compiled.new_context(variables))))
            if content:
                messages.append(Message(role=role, content=content))
    except TemplateError as exc:
        raise PromptTemplateError(f"{where}: {type(exc).__name__}: {exc}") from exc
    except RecursionError as exc:
        raise PromptTemplateError(f"{where}: it recurses without end (includes itself?)") from exc
    if not any(m.role == "user" for m in messages):
        raise PromptTemplateError(f"{where}: the user message is empty")
    return RenderedPrompt(
        template=template.name,
        locale=locale,
        template_hash=template.sha256,
        source=template.source,
        schema=model.__name__,
        output_model=model,
        messages=tuple(messages),
        json_schema=model.json_schema_for(context),
        validation_context=model.validation_context(context),
        max_tokens=model.max_tokens_for(context),
    )


@lru_cache(maxsize=64)
def _compile(env: SandboxedEnvironment, name: str, filename: str, text: str) -> Template:
    # Compiled from the text that was hashed, so the hash always names what was rendered.
    code = env.compile(text, name, filename)
    return env.template_class.from_code(env, code, env.make_globals(None))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
