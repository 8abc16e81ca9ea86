"""`health-handouts new ID`: a short topic file to start from.

The skeleton passes `check` and builds as it is, and says nothing medical: every text
an author must write is a placeholder that starts with `PLACEHOLDER`, which `check`
and `build` point out until it is replaced (`generator/lint.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from generator.atomic import write_new
from generator.errors import ContentError, GeneratorError, Problem
from generator.labels import SOURCE_LANGUAGE, label_folder_for, labels_for
from generator.lint import PLACEHOLDER
from generator.load import load_topic
from generator.load.reader import ID_HINT
from generator.model import MAX_ID, SLUG
from generator.paths import shown

SKELETON = """\
# A health-education topic. `health-handouts help format` explains every field.
# Replace each text that starts with PLACEHOLDER, then run:
#   health-handouts check {path}
#   health-handouts serve {path}    (a preview in your browser, updated as you save)
id: {id}  # must match the file name; lower-case letters, digits, hyphens
title: {title}  # shown on every output; at most 120 characters
language: {language}  # BCP 47 tag: sets the labels (GET CARE NOW...), dates, paper
version: "0.1"                 # a string in quotes; raise it whenever the text changes
reviewed: {reviewed}           # day of the last review by a health professional (YYYY-MM-DD)
main_message: >-               # the one sentence the reader should remember
  PLACEHOLDER: the one sentence the reader should remember.
source:                        # where the content comes from
  title: "PLACEHOLDER: title of the source article"   # optional below it: url
  publisher: "PLACEHOLDER: who published the source"   # person or organisation
pocket_card:                   # optional: the pocket card's size and layout
  size: wallet                 # wallet | id-1 | index | a7
  layout: fold-over            # fold-over (print one-sided, fold) | two-sided

sections:                      # at least one, shown in this order
  - id: what-to-do             # unique in the topic; lower-case letters, digits, hyphens
    heading: "PLACEHOLDER: heading"   # at most 80 characters
    kind: steps                # steps | checklist | facts | warnings
    items:                     # at least one
      - id: first-step         # unique in the section
        text: "PLACEHOLDER: the first step, in a full sentence."   # for the handout
        short: "PLACEHOLDER: short step."   # optional: shorter text for the pocket card
        # image:               # optional: a picture beside the step (PNG, JPEG or SVG)
        #   path: images/first-step.svg   # inside this file's folder
        #   alt: "What the picture shows, for a reader who cannot see it."
        #   on_card: true      # optional: also on the pocket card, where the text leaves room
  - id: get-care
    heading: "PLACEHOLDER: when to get care"
    kind: warnings             # warning signs; each needs an urgency
    items:
      - id: first-sign
        urgency: now           # now (get care right away) | soon (see a provider)
        text: "PLACEHOLDER: a sign that means the reader needs care."

flashcards:                    # question and answer cards for the Anki deck
  - id: first-question         # unique in the topic; keep it when you change the text
    section: what-to-do        # id of the section this card studies
    front: "PLACEHOLDER: a question?"   # the question
    back: "PLACEHOLDER: its answer."    # the answer
"""


PROJECT_SKELETON = """\
# health-handouts project file: the defaults of `build`, `preview` and `serve` for the
# topics in content/ beside it. An option on the command line wins over a line here.
# Remove the # before a setting to use it. `health-handouts help project` says more.

# clinic = "clinic.yaml"         # clinic name, phone and logo; a path from this folder
# paper = "letter"               # letter | a4 (default: from each topic's language)
# card-size = "a7"               # wallet | id-1 | index | a7 | auto (default: the topic's)
# card-layout = "fold-over"      # fold-over | two-sided (default: the topic's)
# large-print = true             # handout body text at 16 pt instead of 12 pt
# study-card-size = "index"      # index (5 x 3 in) | a7
# labels = "labels"              # a folder of your own label catalogues, from this folder
"""
"""What `new --project` writes: every key of `generator/load/project.py`, commented out."""


def skeleton(topic_id: str, title: str, language: str, reviewed: dt.date, path: Path) -> str:
    """The text of a new topic file. `title` and `language` are written as YAML
    double-quoted strings (JSON's are), so any text stays text."""
    return SKELETON.format(
        id=topic_id,
        title=json.dumps(title, ensure_ascii=False),
        language=json.dumps(language, ensure_ascii=False),
        reviewed=reviewed.isoformat(),
        path=path.as_posix(),
    )


def new_topic(
    content_dir: Path, topic_id: str, title: str | None, language: str, today: dt.date
) -> Path:
    """Write `content_dir/<topic_id>.yaml` from the skeleton and return its path.
    Refuses an invalid id, a title or language the loader would refuse, and a file
    that already exists (`GeneratorError`); writes nothing then."""
    if not SLUG.fullmatch(topic_id) or len(topic_id) > MAX_ID:
        raise GeneratorError(f"{topic_id[:80]!r} is not a valid id ({ID_HINT})")
    path = content_dir / f"{topic_id}.yaml"
    if path.exists() or path.is_symlink():
        raise GeneratorError(f"{path} already exists (edit it, or choose another id)")
    text = skeleton(topic_id, title or f"{PLACEHOLDER}: title", language, today, path)
    _validate(text, topic_id)
    content_dir.mkdir(parents=True, exist_ok=True)
    _write_new(path, text)
    return path


def new_project(folder: Path) -> Path:
    """Write `folder/health-handouts.toml` from `PROJECT_SKELETON`; never over a file."""
    from generator.load.project import PROJECT_FILE

    path = folder / PROJECT_FILE
    hint = "edit it: `health-handouts help project`"
    if path.exists() or path.is_symlink():
        raise GeneratorError(f"{path} already exists ({hint})")
    _write_new(path, PROJECT_SKELETON, hint)
    return path


def labels_note(path: Path, language: str) -> str:
    """Where the labels of a new topic in `language` at `path` come from, or that they
    print in English until a catalogue is added."""
    labels = labels_for(language, label_folder_for(path, None))
    if labels.catalogue == SOURCE_LANGUAGE and labels.missing:
        primary = language.split("-", 1)[0].lower()
        where = shown(label_folder_for(path, None) / f"{primary}.po")
        return (
            f"labels: no catalogue for '{language}', so they print in English "
            f"(add {where}: docs/translating-labels.md says how)"
        )
    files = ", ".join(str(shown(p)) for p in labels.files) or "the English template"
    return f"labels: in '{labels.catalogue}', from {files}"


def _validate(text: str, topic_id: str) -> None:
    """Load `text` as the loader would; a problem (a title too long, a language tag
    that is not one) is reported against the option that caused it."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / f"{topic_id}.yaml"
        trial.write_text(text, encoding="utf-8")
        try:
            load_topic(trial)
        except ContentError as exc:
            options = {"title": "--title", "language": "--language"}
            raise ContentError(
                [
                    Problem(options.get(p.field, p.field), "", p.message, hint=p.hint)
                    for p in exc.problems
                ]
            ) from None


def _write_new(path: Path, text: str, hint: str = "edit it, or choose another id") -> None:
    """Write `path` whole, and only if no file has that name, through the build's own
    staging (`atomic.write_new`: a random temporary name, `O_EXCL`, no link followed)."""
    try:
        write_new(path, text)
    except FileExistsError:
        raise GeneratorError(f"{path} already exists ({hint})") from None
