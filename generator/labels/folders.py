"""Where a tag's catalogues are: a clinic's folder first, then the shipped ones, most
specific name first; each file read and checked once for as long as it is unchanged
(the preview server sees a save at once)."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.labels.check import Catalogue, read_catalogue, read_template
from generator.labels.tags import CATALOGUE_NAME, catalogue_names, file_key

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
"""The shipped catalogues: `messages.pot` (English) and one `<tag>.po` per language."""
TEMPLATE = "messages.pot"
SUFFIX = ".po"
FOLDER_NAME = "labels"
"""A clinic's catalogues, found without an option: `labels/` beside the topic files."""

Stamp = tuple[int, int, int]


def label_folder_for(topic_file: Path, chosen: Path | None) -> Path:
    """Where the catalogues of the clinic of `topic_file` are: the folder `chosen`
    (`--labels DIR`), else `labels/` beside the topic file (which need not exist)."""
    return chosen if chosen is not None else topic_file.parent / FOLDER_NAME


def template() -> Catalogue:
    """The English labels, which every catalogue translates."""
    path = LOCALES_DIR / TEMPLATE
    return _template(path, _stamp(path))


@lru_cache(maxsize=4)
def _template(path: Path, stamp: Stamp | None) -> Catalogue:
    found = read_template(path)
    if found.problems:  # a bug of ours: the tests read it
        raise ContentError(list(found.problems))
    return found


def catalogue_files(language: str, folder: Path | None) -> list[tuple[Path, Stamp | None]]:
    """The catalogues that serve `language`, each with its stamp: for each name it
    may have (`catalogue_names`), most specific first, the one in `folder` (a
    clinic's), then the shipped one."""
    found = []
    mine = _listing(folder) if folder is not None else {}
    shipped = _shipped()
    for name in catalogue_names(language):
        path = mine.get(file_key(name))
        if path is not None:
            found.append((path, _stamp(path)))
        path = shipped.get(file_key(name))
        if path is not None:  # part of the package: unchanged while it runs
            found.append((path, None))
    return found


@cache
def _shipped() -> dict[str, Path]:
    return _listing(LOCALES_DIR)


def candidate_files(language: str, folder: Path) -> list[Path]:
    """The files in `folder` that would serve `language`, whether they exist or not:
    a build's inputs, so that a catalogue added there later rebuilds the topic."""
    listing = _listing(folder)
    return [listing.get(file_key(n), folder / f"{n}{SUFFIX}") for n in catalogue_names(language)]


def checked(path: Path, stamp: Stamp | None) -> Catalogue:
    """The catalogue in `path` as of `stamp`, checked against the template."""
    return _checked(path, stamp)


@lru_cache(maxsize=64)
def _checked(path: Path, stamp: Stamp | None) -> Catalogue:
    return read_catalogue(path, template())


def folder_problems(folder: Path) -> list[Problem]:
    """Every problem of every catalogue in `folder`, and of any `.po` file there whose
    name is no language tag; `check --labels DIR` reports them all."""
    if not folder.is_dir():
        return [Problem(folder, "", "is not a folder", hint="name the folder of your .po files")]
    problems = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != SUFFIX:
            continue
        if not CATALOGUE_NAME.fullmatch(path.stem):
            problems.append(
                Problem(
                    path,
                    "",
                    "is not named for a language",
                    hint="name it by the language tag it serves, such as vi.po or zh-Hant.po",
                )
            )
            continue
        problems += checked(path, _stamp(path)).problems
    return problems


def sound_catalogues(folder: Path) -> list[Catalogue]:
    """The catalogues in `folder` that have no problem."""
    found = [checked(path, _stamp(path)) for path in _listing(folder).values()]
    return [catalogue for catalogue in found if not catalogue.problems]


def folder_catalogues(folder: Path) -> list[str]:
    """The names (tags) of the catalogues in `folder`, sorted."""
    return sorted(path.name.removesuffix(SUFFIX) for path in _listing(folder).values())


def _listing(folder: Path) -> dict[str, Path]:
    """The catalogue files in `folder` by `file_key` of their name; none if there is
    no such folder."""
    try:
        names = [path.name for path in folder.iterdir()]
    except OSError:  # no such folder (the usual case), or not one we may read
        return {}
    return {
        file_key(name[: -len(SUFFIX)]): folder / name
        for name in sorted(names)
        if name.endswith(SUFFIX) and CATALOGUE_NAME.fullmatch(name[: -len(SUFFIX)])
    }


def _stamp(path: Path) -> Stamp | None:
    """What tells us a file changed: its size, modification time and inode."""
    try:
        info = path.stat()
    except OSError:
        return None  # reading it says why
    return (info.st_size, info.st_mtime_ns, info.st_ino)
