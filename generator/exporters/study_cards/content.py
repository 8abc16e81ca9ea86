"""What each study card says, in plain text: one card per basic flashcard, one per
deletion number of a cloze (in number order, as Anki makes them).

A cloze card's front hides its own deletions, showing `[...]` or `[hint]` (the
`cloze.blank` and `cloze.hint` labels), and shows the other deletions' words; its
back is the whole sentence, with the words it hid marked as `Run`s to stress.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import ExportError
from generator.labels import Labels
from generator.model import CLOZE_DELETION, Flashcard, FlashcardImage, FlashcardKind, Topic


@dataclass(frozen=True)
class Run:
    """A piece of a line of text; `stress` marks a cloze's answer on the back."""

    text: str
    stress: bool = False


@dataclass(frozen=True)
class StudyCard:
    index: int
    """Index of its flashcard in the topic (`flashcards[index]`)."""
    flashcard_id: str
    section: str
    """The section's heading."""
    front: tuple[Run, ...]
    back: tuple[Run, ...]
    extra: str | None
    image: FlashcardImage | None
    number: int | None = None
    """The deletion number of a cloze card."""

    @property
    def field(self) -> str:
        """How messages name the flashcard: `flashcards[3]`."""
        return f"flashcards[{self.index}]"

    @property
    def front_text(self) -> str:
        return "".join(run.text for run in self.front)

    @property
    def back_text(self) -> str:
        return "".join(run.text for run in self.back)


def study_cards(topic: Topic, labels: Labels) -> list[StudyCard]:
    """Every study card of `topic`, in flashcard order."""
    headings = {section.id: section.heading for section in topic.sections}
    cards: list[StudyCard] = []
    for index, flashcard in enumerate(topic.flashcards):
        heading = headings[flashcard.section]
        if flashcard.kind is FlashcardKind.BASIC:
            question, answer = (Run(flashcard.front),), (Run(flashcard.back),)
            cards.append(_card(index, flashcard, heading, question, answer))
            continue
        numbers = deletion_numbers(flashcard.text)
        if not numbers:
            raise ExportError(
                f"{topic.where(f'flashcards[{index}].cloze')}: has no {{{{c1::...}}}} deletion, "
                "so it makes no card (mark the words to hide as {{c1::words}})"
            )
        for number in numbers:
            front = cloze_side(flashcard.text, number, labels, answer=False)
            back = cloze_side(flashcard.text, number, labels, answer=True)
            cards.append(_card(index, flashcard, heading, front, back, number))
    return cards


def _card(
    index: int,
    flashcard: Flashcard,
    heading: str,
    front: tuple[Run, ...],
    back: tuple[Run, ...],
    number: int | None = None,
) -> StudyCard:
    return StudyCard(
        index, flashcard.id, heading, front, back, flashcard.extra, flashcard.image, number
    )


def deletion_numbers(text: str) -> list[int]:
    """The distinct deletion numbers of a cloze text, in order (Anki makes no card
    for c0)."""
    return sorted({n for m in CLOZE_DELETION.finditer(text) if (n := int(m.group(1))) > 0})


def cloze_side(text: str, number: int, labels: Labels, *, answer: bool) -> tuple[Run, ...]:
    """The cloze `text` as card `number` shows it: its deletions blank (front) or
    stressed (back), every other deletion as its plain words."""
    runs: list[Run] = []
    end = 0
    for match in CLOZE_DELETION.finditer(text):
        runs.append(Run(text[end : match.start()]))
        words, hint = match.group(2), match.group(3)
        if int(match.group(1)) != number:
            runs.append(Run(words))
        elif answer:
            runs.append(Run(words, stress=True))
        elif hint:
            runs.append(Run(labels("cloze.hint", hint=hint), stress=True))
        else:
            runs.append(Run(labels("cloze.blank"), stress=True))
        end = match.end()
    runs.append(Run(text[end:]))
    return tuple(run for run in runs if run.text)
