"""The closed choices of the content model: kinds of section and flashcard, urgencies,
card sizes and layouts (`generator.model` uses and exports them)."""

from __future__ import annotations

from enum import StrEnum


class SectionKind(StrEnum):
    """How a section's items are meant to be read."""

    STEPS = "steps"
    """Numbered actions, done in order."""
    CHECKLIST = "checklist"
    """Things to tick off; order does not matter."""
    FACTS = "facts"
    """Plain statements that explain."""
    WARNINGS = "warnings"
    """Signs that mean the reader needs care; each item has an urgency."""


class Urgency(StrEnum):
    """How soon a warning sign needs care. Order: most urgent first."""

    NOW = "now"
    """Get care right away."""
    SOON = "soon"
    """See a healthcare provider."""


class FlashcardKind(StrEnum):
    BASIC = "basic"
    """A question (front) and an answer (back)."""
    CLOZE = "cloze"
    """A sentence with {{c1::deletions}}."""


class CardSize(StrEnum):
    """Named pocket card sizes. Dimensions belong to the pocket card exporter."""

    WALLET = "wallet"
    """US business card, 3.5 x 2 in."""
    ID1 = "id-1"
    """ISO/IEC 7810 ID-1 (credit card), 85.6 x 54 mm."""
    INDEX = "index"
    """Index card, 5 x 3 in."""
    A7 = "a7"
    """ISO A7, 105 x 74 mm."""
    AUTO = "auto"
    """The smallest of the sizes above on which the text fits at the minimum size."""


class CardLayout(StrEnum):
    TWO_SIDED = "two-sided"
    """Front on one page, back on the next: print double-sided."""
    FOLD_OVER = "fold-over"
    """Front and back panels side by side with a fold line: print one-sided."""
