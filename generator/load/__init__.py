"""Load and validate topic and clinic files: all validation lives here.

Every problem of a file is collected in one pass and raised together as one
`ContentError`, each with file, line, field path, what is wrong and how to fix it.
"""

from generator.load.clinic import load_clinic
from generator.load.pictures import refusals
from generator.load.topic import load_topic

__all__ = ["load_clinic", "load_topic", "refusals"]
