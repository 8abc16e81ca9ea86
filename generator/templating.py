"""The one place a Jinja2 environment is made."""

from __future__ import annotations

import contextlib
import os
import pickle
from functools import cache
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from generator.errors import TemplateError
from generator.paths import TEMPLATES_DIR

CACHE_DIR_VARIABLE = "HEALTH_HANDOUTS_CACHE_DIR"


class BestEffortBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's on-disk cache of compiled templates, which saves a fresh process
    about 12 ms of compiling. Jinja2 keys each entry by template path and source
    checksum, so an edited template is recompiled. A cache that cannot be read or
    written is skipped: it must never fail a build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # unreadable or corrupt: compile from source

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # full disk, removed folder: compile next time
            super().dump_bytecode(bucket)


def template_cache() -> jinja2.BytecodeCache | None:
    """The compiled-template cache: in $HEALTH_HANDOUTS_CACHE_DIR if set (empty: no
    cache), else in Jinja2's private per-user folder in the system temp folder."""
    directory = os.environ.get(CACHE_DIR_VARIABLE)
    try:
        if directory is None:
            return BestEffortBytecodeCache()
        if not directory:
            return None
        Path(directory).mkdir(mode=0o700, parents=True, exist_ok=True)
        return BestEffortBytecodeCache(directory)
    except (OSError, RuntimeError):  # no usable folder: Jinja2 compiles in memory
        return None


def make_env(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """A strict, autoescaping environment over `templates_dir`.

    Autoescape is on for every template (HTML and ReportLab paragraph markup alike),
    so text from a topic can never become markup. Undefined variables are errors.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        bytecode_cache=template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def shared_env(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The process-wide environment over `templates_dir`, so each template is compiled
    once per process, not once per topic. Jinja2 still reloads a template whose file
    changed on disk."""
    return make_env(templates_dir)


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render template `name`; a missing or broken template is a `TemplateError`."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        searched = getattr(env.loader, "searchpath", [])
        raise TemplateError(
            f"template {name!r} not found (searched: {', '.join(map(str, searched))})"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from None
    try:
        return template.render(**context)
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name!r}: {exc.message}") from None
