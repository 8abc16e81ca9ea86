"""The bundled fonts, and the check that they can draw every character we print."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.errors import ExportError
from generator.labels import Labels, labels_for
from generator.model import Clinic, Picture, Topic
from generator.paths import shown
from generator.pdf import fast_paths
from generator.pdf.script_fonts import FontSource, font_characters, forget_shaped_words, source_for
from generator.pdf.scripts import Script, script_of, scripts_in

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
CUT_DIR = FONTS_DIR / "cut"
"""The same faces cut to `CUT` (made by tools/cut_fonts.py): what a build registers
when every character it prints in them is inside the cut."""
CUT = (
    (0x0020, 0x036F),  # Basic Latin to Latin Extended-B, IPA, modifier letters, combining marks
    (0x0370, 0x052F),  # Greek, Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional: Vietnamese, Welsh
    (0x2000, 0x22FF),  # punctuation, super- and subscripts, currency, letterlike, arrows, maths
    (0x25A0, 0x27BF),  # geometric shapes, miscellaneous symbols (the labels' U+26A0), dingbats
)
"""The characters the cut keeps, as (first, last) code points: the alphabets DejaVu
prints for clinics and the symbols set with them."""


@dataclass(frozen=True)
class FontFamily:
    """The registered names of a typeface's regular and bold cuts."""

    regular: str
    bold: str


SANS = FontFamily("DejaVuSans", "DejaVuSans-Bold")
"""Body text: DejaVu Sans, wide Unicode coverage, Bitstream Vera licence."""
SANS_CONDENSED = FontFamily("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")
"""Narrower cut of the same face, for small cards."""


@dataclass
class _Registry:
    """Which faces ReportLab's registry holds: the cut (`CUT_DIR`), the whole
    (`FONTS_DIR`), or none yet."""

    folder: Path | None = None


_REGISTERED = _Registry()


def register_fonts(whole: bool = False) -> tuple[FontFamily, FontFamily]:
    """Register the bundled TrueType fonts: the faces cut to `CUT`, or the whole faces
    when `whole` (for a topic that prints a character outside the cut: `printing`
    asks). Once registered, the whole faces stay: for text inside the cut they print
    the same bytes. TrueType fonts are always embedded (subset) by ReportLab, so no
    base-14 font is ever used."""
    registered = _REGISTERED.folder
    folder = FONTS_DIR if whole or registered == FONTS_DIR else CUT_DIR
    if folder == registered:
        return SANS, SANS_CONDENSED
    for font in _faces(folder):
        if registered is None:
            pdfmetrics.registerFont(font)
        else:  # ReportLab keeps the first font of a name (and of a face name): replaced
            pdfmetrics._fonts[font.fontName] = font
            pdfmetrics._dynFaceNames[font.face.name] = font
    if registered is None:
        for family in (SANS, SANS_CONDENSED):
            pdfmetrics.registerFontFamily(
                family.regular,
                normal=family.regular,
                bold=family.bold,
                italic=family.regular,
                boldItalic=family.bold,
            )
    else:  # what was measured and shaped in the cut (its glyphs are numbered otherwise)
        forget_shaped_words()
        fast_paths.forget_fonts()
    _REGISTERED.folder = folder
    return SANS, SANS_CONDENSED


@cache
def _faces(folder: Path) -> tuple[TTFont, ...]:
    """ReportLab's reading of the four faces in `folder`, once a process."""
    return tuple(TTFont(name, str(folder / f"{name}.ttf")) for name in PDF_FONTS)


@cache
def _drawable_by_all(folder: Path) -> frozenset[str]:
    """What every one of the faces in `folder` draws of Latin, Greek, Cyrillic, symbols
    and punctuation. Not their Arabic or Hebrew letters: those are drawn, shaped, in
    their scripts' fonts."""
    faces = [set(font.face.charToGlyph) for font in _faces(folder)]
    return frozenset(char for char in map(chr, set.intersection(*faces)) if _in_dejavu(char))


def _in_dejavu(char: str) -> bool:
    """Whether DejaVu prints `char` where it is printed: a character of Latin, Greek or
    Cyrillic, or of no script, but not a mark or punctuation of the Hebrew and Arabic
    blocks (set in their scripts' fonts)."""
    return script_of(char) in (Script.LATIN, None) and not "\u0590" <= char <= "\u08ff"


def latin_characters() -> frozenset[str]:
    """What the bundled DejaVu faces all draw of Latin, Greek, Cyrillic, symbols and
    punctuation: the whole faces, read only for a text with a character outside the
    cut (`cut_characters`)."""
    return _drawable_by_all(FONTS_DIR)


def cut_characters() -> frozenset[str]:
    """What the faces cut to `CUT` all draw of it."""
    return _drawable_by_all(CUT_DIR)


def _described(chars: list[str]) -> str:
    shown_chars = [f"{char!r} (U+{ord(char):04X})" for char in chars[:8]]
    more = f" and {len(chars) - 8} more" if len(chars) > 8 else ""
    return ", ".join(shown_chars) + more


def check_glyphs(
    fields: Iterable[tuple[str, str | None]], language: str, where: Callable[[str], str]
) -> None:
    """Raise one `ExportError` with one line for each of the (field path, text) pairs
    that has characters no font can draw (naming them), and one line for each script
    whose fonts are not installed (naming the install command). A character of a
    script is drawn in that script's font (`script_fonts.source_for`, by `language`);
    a space, digit or punctuation in any font its text uses. `where` turns a field
    path into the start of its message, `file:line: field` (`Topic.where`)."""
    cut = cut_characters()
    problems: list[str] = []
    uninstalled: dict[FontSource, str] = {}  # font -> the first field that needs it
    for field, text in fields:
        if not text or cut.issuperset(text):
            continue  # the common case, at C speed
        latin = latin_characters()
        if latin.issuperset(text):
            continue
        fonts: dict[Script, frozenset[str]] = {Script.LATIN: latin}
        for script in scripts_in(text) - {Script.LATIN}:
            source = source_for(script, language)
            if source.path() is None:
                uninstalled.setdefault(source, field)
                fonts[script] = frozenset(text)  # reported once, as not installed
            else:
                fonts[script] = font_characters(source)
        lacking = [
            char
            for char in sorted(set(text))
            if not char.isspace()
            and char not in fonts.get(script_of(char) or Script.LATIN, frozenset())
            and (script_of(char) is not None or not any(char in f for f in fonts.values()))
        ]
        if lacking:
            one = len(lacking) == 1
            problems.append(
                f"{where(field)}: the character{'' if one else 's'} {_described(lacking)} "
                f"{'is' if one else 'are'} not in the fonts the PDFs print with "
                f"(replace {'it' if one else 'them'}, or write {'it' if one else 'them'} "
                "out in words)"
            )
    for source, field in uninstalled.items():
        problems.insert(
            0,
            f"{where(field)}: text in this script needs the font {source.name}, which is "
            f"not installed (language '{language}'): run {source.install()}",
        )
    if problems:
        raise ExportError("\n".join(problems))


PDF_FONTS = (SANS.regular, SANS.bold, SANS_CONDENSED.regular, SANS_CONDENSED.bold)
"""Every font our PDFs print with. Each text any PDF prints is checked against all
of them, so the pocket card, the handout and the study cards refuse the same texts
with the same messages (the four cover the same characters, bold a few fewer)."""

UNPRINTED_LABELS = ("pdf.", "deck.", "clinic.")
"""Label keys no PDF page shows: document metadata (`pdf.*`, stored as text, not drawn
with a font), the Anki deck (`deck.*`) and the web page's clinic lines (`clinic.*`).
Every other label is checked: a label added for a PDF is covered without a change here
(tests/integration/test_labels.py fails if a PDF starts printing one of these)."""


def check_printed(topic: Topic, clinic: Clinic | None = None) -> None:
    """Raise one `ExportError` naming every text a PDF of `topic` prints
    (`printed_texts`) with characters no font can draw, and every script font it needs
    that is not installed. Every PDF exporter calls this first, so the
    first PDF made reports every problem of every PDF, the same way each time."""
    problems = _printed_problems(topic, clinic, labels_for(topic))
    if problems is not None:
        raise ExportError(problems)


def outside_cut(topic: Topic, clinic: Clinic | None = None) -> bool:
    """Whether a PDF of `topic` prints, where DejaVu prints (`_in_dejavu`), a character
    the faces cut to `CUT` lack: then it prints with the whole faces (`register_fonts`)."""
    return _outside_cut(topic, clinic, labels_for(topic))


@lru_cache(maxsize=4)
def _outside_cut(topic: Topic, clinic: Clinic | None, labels: Labels) -> bool:
    cut = cut_characters()
    return any(
        char not in cut and _in_dejavu(char)
        for _, text in printed_texts(topic, clinic, labels)
        if text and not cut.issuperset(text)
        for char in text
    )


@lru_cache(maxsize=4)
def _printed_problems(topic: Topic, clinic: Clinic | None, labels: Labels) -> str | None:
    """`check_printed`'s findings, once per topic, clinic and labels (a new object once
    a catalogue is edited): every PDF exporter asks."""
    try:
        check_glyphs(printed_texts(topic, clinic, labels), topic.language, lambda at: at)
    except ExportError as exc:
        return str(exc)
    return None


def printed_texts(
    topic: Topic, clinic: Clinic | None, labels: Labels
) -> list[tuple[str, str | None]]:
    """Every text a PDF of `topic` prints, each after where it comes from (`file:line:
    field`): the topic's own (`topic_text_fields`), its review date as its language
    writes it, the labels of its language and the clinic's branding."""
    texts: list[tuple[str, str | None]] = [
        (topic.where(field), text) for field, text in topic_text_fields(topic)
    ]
    written = labels.date(topic.reviewed)
    texts.append((f"{topic.where('reviewed')} (as '{topic.language}' writes dates)", written))
    for key, text in labels.texts.items():
        if not key.startswith(UNPRINTED_LABELS):
            path, line = labels.origins[key]
            entry = f"{shown(path)}:{line}" if line else str(shown(path))
            texts.append((f'{entry}: msgctxt "{key}"', text))
    if clinic is not None:
        source = clinic.source_file or f"{topic.location}: clinic"
        texts += [(f"{source}: {field}", text) for field, text in clinic_text_fields(clinic)]
    return texts


def unprintable_labels(
    texts: Mapping[str, tuple[str, int]], path: Path, language: str
) -> list[str]:
    """For `check`: each label of the catalogue `path` (key -> text and line) of
    `language` that a PDF prints and cannot, with the characters the fonts lack (or
    the font a script needs and that is not installed)."""
    entries = {
        f'{shown(path)}:{line}: msgctxt "{key}"': text
        for key, (text, line) in texts.items()
        if not key.startswith(UNPRINTED_LABELS)
    }
    try:
        check_glyphs(entries.items(), language, lambda location: location)
    except ExportError as exc:
        return str(exc).splitlines()
    return []


def topic_text_fields(topic: Topic) -> list[tuple[str, str]]:
    """Every text of `topic` that any PDF prints, with its field path: the one list the
    glyph check reads. Not printed, so not here: ids, `language` and `author`
    (document metadata, the deck and the web page only)."""
    fields = [("title", topic.title), ("main_message", topic.main_message)]
    if topic.card_message is not None:  # on the pocket card, in place of the message
        fields.append(("card_message", topic.card_message))
    fields += [("version", topic.version)]
    fields += [
        ("source.title", topic.source.title or ""),
        ("source.publisher", topic.source.publisher or ""),
    ]
    if topic.url:  # printed beside its QR code
        fields.append(("url", topic.url))
    if topic.source.url:  # printed in the handout's footer, as written
        fields.append(("source.url", topic.source.url))
    if topic.translation_reviewer:  # in the translation note
        fields.append(("translation_reviewed_by", topic.translation_reviewer))
    if topic.reviewer:  # in the handout's footer
        fields += [("reviewed_by.name", topic.reviewer.name)]
        fields += [("reviewed_by.role", topic.reviewer.role)]
    for i, section in enumerate(topic.sections):
        prefix = f"sections[{i}]"
        fields.append((f"{prefix}.heading", section.heading))
        if section.intro:
            fields.append((f"{prefix}.intro", section.intro))
        fields += _picture_fields(f"{prefix}.image", section.picture)
        for j, item in enumerate(section.items):
            fields.append((f"{prefix}.items[{j}].text", item.text))
            if item.short is not None:
                fields.append((f"{prefix}.items[{j}].short", item.short))
            fields += _picture_fields(f"{prefix}.items[{j}].image", item.picture)
    for i, card in enumerate(topic.flashcards):  # the study cards
        prefix = f"flashcards[{i}]"
        fields += [(f"{prefix}.front", card.front), (f"{prefix}.back", card.back)]
        fields += [(f"{prefix}.cloze", card.text), (f"{prefix}.extra", card.extra or "")]
        if card.image is not None:  # printed in place of a picture that cannot be
            fields.append((f"{prefix}.image.alt", card.image.alt))
    return fields


def _picture_fields(field: str, picture: Picture | None) -> list[tuple[str, str]]:
    """A picture's alt text (printed in its place on a card without room) and caption."""
    if picture is None:
        return []
    fields = [(f"{field}.alt", picture.alt)]
    if picture.caption is not None:
        fields.append((f"{field}.caption", picture.caption))
    return fields


def clinic_text_fields(clinic: Clinic) -> list[tuple[str, str | None]]:
    """The clinic branding's printed texts, by field name."""
    return [
        ("name", clinic.name),
        ("phone", clinic.phone),
        ("after_hours", clinic.after_hours),
        ("emergency", clinic.emergency),
        ("address", clinic.address),
        ("website", clinic.website),
    ]
