"""The colours of every PDF. Text colours keep a contrast of at least 7:1 on white and
on their tints, and colour is never the only cue (labels and symbols say it too)."""

from reportlab.lib.colors import HexColor

INK = HexColor("#1a1a1a")
"""Body text."""
ACCENT = HexColor("#0b4f6c")
"""Dark blue: titles, headings, the main message's frame."""
ACCENT_TINT = HexColor("#e8f1f5")
"""Behind the main message."""
URGENT = HexColor("#a4161a")
"""Dark red: warning signs that need care now, and the warnings' frame."""
URGENT_TINT = HexColor("#fdf0f0")
"""Behind the warning signs."""
GUIDE = HexColor("#8a8a8a")
"""Lines that guide scissors and folds, not the reader."""
