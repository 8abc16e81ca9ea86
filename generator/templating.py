"""The one place a Jinja2 environment is made."""

from __future__ import annotations

import contextlib
import pickle
from functools import cache
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from generator.errors import TemplateError
from generator.paths import TEMPLATES_DIR
from generator.user_cache import cache_folder


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
    """The compiled-template cache, in the user's cache folder (generator/user_cache.py);
    None when caching is off or no folder can be used: Jinja2 then compiles in memory."""
    folder = cache_folder("templates")
    return None if folder is None else BestEffortBytecodeCache(str(folder))


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
        # Each template is read once per process: every topic of a batch is built
        # from the same templates, and no render pays a stat of the file (the pocket
        # card renders each of its texts through one).
        auto_reload=False,
    )


@cache
def shared_env(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The process-wide environment over `templates_dir`, so each template is compiled
    once per process, not once per topic."""
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
