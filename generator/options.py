"""What a build is asked to make, beyond the topic itself."""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.errors import GeneratorError, shorten
from generator.model import EARLIEST_DATE, LATEST_DATE, CardLayout, CardSize, Clinic, Topic


class Paper(StrEnum):
    LETTER = "letter"
    A4 = "a4"


LETTER_REGIONS = frozenset(
    ["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"]
)
"""Where US Letter is the usual paper: CLDR's supplemental data, `<paperSize
type="US-Letter">` (Unicode Technical Standard #35, part 6). A4 everywhere else."""


def region_of(language: str) -> str | None:
    """The region subtag of a BCP 47 tag (`US` of `es-US`, `419` of `es-419`), or, for a
    tag without one, its language's likely region in CLDR (`en`: US, `es`: ES)."""
    subtags = language.split("-")
    for subtag in subtags[1:]:
        if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            return subtag.upper()
    from babel.core import get_global  # imported here: `check` never needs it

    likely = get_global("likely_subtags").get(subtags[0].lower(), "")
    region = likely.split("_")[-1]
    return region if len(region) == 2 and region.isalpha() else None


class StudyCardSize(StrEnum):
    """Printed study card sizes. Dimensions belong to the study card exporter."""

    INDEX = "index"
    """Index card, 5 x 3 in."""
    A7 = "a7"
    """ISO A7, 105 x 74 mm."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build, the same for every topic of one build: the command line's choices."""

    paper: Paper | None = None
    """Paper for the print sheets (pocket and study cards) and the handout PDF; None
    means: the paper of the region of the topic's language (`paper_for`)."""
    card_size: CardSize | None = None
    """Overrides the topic's pocket card size."""
    card_layout: CardLayout | None = None
    """Overrides the topic's pocket card layout."""
    study_card_size: StudyCardSize = StudyCardSize.INDEX
    """Size of the printed study cards."""
    large_print: bool = False
    """Handout body text at 16 pt or more instead of 12 pt."""
    clinic: Clinic | None = None
    """Branding for the handout."""
    source_date_epoch: int | None = None
    """Fixed build time; None means: derive it from the topic's review date."""
    labels: Path | None = None
    """`--labels DIR`: the folder of the clinic's own label catalogues; None means a
    `labels/` folder beside each topic file. No exporter lists it among its options:
    the catalogues are inputs, hashed file by file (`generator/incremental.py`)."""

    def paper_for(self, topic: Topic) -> Paper:
        """The paper asked for, else Letter where the region of the topic's language
        tag prints on Letter (CLDR's paper sizes), else A4. A tag without a region
        takes its language's most likely one: `en` is the US, `es` Spain."""
        if self.paper is not None:
            return self.paper
        return Paper.LETTER if region_of(topic.language) in LETTER_REGIONS else Paper.A4

    def card_size_for(self, topic: Topic) -> CardSize:
        return self.card_size or topic.card.size

    def card_layout_for(self, topic: Topic) -> CardLayout:
        return self.card_layout or topic.card.layout

    def build_time(self, topic: Topic) -> int:
        """Seconds since the epoch to stamp into outputs: SOURCE_DATE_EPOCH when set,
        else noon UTC of the topic's review date. Never 0 (current Anki cannot load
        notes whose ids start at 0)."""
        if self.source_date_epoch is not None:
            return self.source_date_epoch
        return calendar.timegm(topic.reviewed.timetuple()) + 12 * 3600


def source_date_epoch_from_env() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org), validated."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return None
    earliest = calendar.timegm(EARLIEST_DATE.timetuple())
    latest = calendar.timegm(LATEST_DATE.timetuple()) + 86_399
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 12 and earliest <= int(raw) <= latest):
        raise GeneratorError(
            f"SOURCE_DATE_EPOCH={shorten(raw, 24)!r} is not a time in seconds from {earliest} "
            f"({EARLIEST_DATE.year}) to {latest} ({LATEST_DATE.year}), the years every output "
            "can hold (unset it, or set it to a time such as 1764158400)"
        )
    return int(raw)
