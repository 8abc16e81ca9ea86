"""Warnings about topics that are valid but probably not what the author meant.
They are printed, never fatal."""

from __future__ import annotations

import datetime as dt

from generator.model import Topic


def review_date_warning(topic: Topic, today: dt.date) -> str | None:
    """A `reviewed` date after today is most likely a typo, and a costly one: Anki
    keeps a student's note until an imported one is newer, so fixes made before that
    date would not reach students who already have the deck."""
    if topic.reviewed <= today:
        return None
    return (
        f"warning: {topic.where('reviewed')}: {topic.reviewed} is in the future; Anki "
        "would not take fixes made before that day into students' decks (use the day "
        "of the review)"
    )
