"""Turn one structured health-education topic into a pocket card PDF, a clinic
handout (PDF and HTML), an Anki deck, printable study cards and CSV and TSV flashcards."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_EXPORTS = {
    "Clinic": "generator.model",
    "Flashcard": "generator.model",
    "Item": "generator.model",
    "Section": "generator.model",
    "Topic": "generator.model",
    "ContentError": "generator.errors",
    "ExportError": "generator.errors",
    "GeneratorError": "generator.errors",
    "TemplateError": "generator.errors",
    "WarningSign": "generator.model",
    "load_clinic": "generator.load",
    "load_topic": "generator.load",
}
"""The public names, each imported from its module on first use: `python -m generator`
imports the package before `__main__` can handle a Ctrl-C, so it must import nothing."""

__all__ = [
    "Clinic",
    "ContentError",
    "ExportError",
    "Flashcard",
    "GeneratorError",
    "Item",
    "Section",
    "TemplateError",
    "Topic",
    "WarningSign",
    "__version__",
    "load_clinic",
    "load_topic",
]

if TYPE_CHECKING:
    from generator.errors import ContentError, ExportError, GeneratorError, TemplateError
    from generator.load import load_clinic, load_topic
    from generator.model import Clinic, Flashcard, Item, Section, Topic, WarningSign


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
