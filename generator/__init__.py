"""Turn one structured health-education topic into a pocket card PDF, a clinic
handout (PDF and HTML) and an Anki deck."""

from generator.errors import ContentError, ExportError, GeneratorError, TemplateError
from generator.load import load_clinic, load_topic
from generator.model import Clinic, Flashcard, Item, Section, Topic

__version__ = "0.1.0"

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
    "__version__",
    "load_clinic",
    "load_topic",
]
