"""The one place a Jinja2 environment is made."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from generator.errors import TemplateError
from generator.paths import TEMPLATES_DIR


def make_env(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """A strict, autoescaping environment over `templates_dir`.

    Autoescape is on for every template (HTML and ReportLab paragraph markup alike),
    so text from a topic can never become markup. Undefined variables are errors.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Each template is read once per process: every topic of a batch is built
        # from the same templates.
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
