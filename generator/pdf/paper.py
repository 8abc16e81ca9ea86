"""Paper sizes, in points."""

from reportlab.lib.pagesizes import A4, LETTER

from generator.options import Paper

PAPER_SIZES: dict[Paper, tuple[float, float]] = {Paper.LETTER: LETTER, Paper.A4: A4}
"""(width, height) of each paper, portrait."""
