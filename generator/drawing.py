"""A picture as the picture gate (`generator/load/pictures.py`) hands it to the
exporters: decoded, bounded and normalised once per build, or refused with the
message that says why. No exporter reads a picture file itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ExportError


@dataclass(frozen=True)
class CheckedPicture:
    """One picture file (a section's or item's picture, a flashcard image, the clinic
    logo), checked: every output that shows it draws it from here."""

    source: Path
    """Absolute path of the file it was read from (its name, its suffix)."""
    mime: str
    """`image/png`, `image/jpeg`, `image/gif`, `image/webp` or `image/svg+xml`."""
    data: bytes = b""
    """What every output embeds: the file's bytes, or a raster re-encoded upright when
    its EXIF orientation turned it (then with no orientation left in it)."""
    width: float = 0.0
    height: float = 0.0
    """Its natural size, finite and positive: pixels for a raster, points for a drawing
    (a CSS pixel of its width and height is 3/4 pt)."""
    shapes: object = field(default=None, compare=False, repr=False)
    """An SVG's shapes as parsed and checked once (a ReportLab graphics `Drawing`, which
    the PDFs copy and scale); None for a raster."""
    digest: str = ""
    """The SHA-256 (hex) of the file's bytes as the gate read them ("" when it could
    not read them): what the build's manifest records for it."""
    refused: str | None = None
    """Why the gate refused it, as a located message (`file:line: field: what (fix)`);
    then it has no data, and every output that would draw it fails with this message."""

    @property
    def is_vector(self) -> bool:
        return self.mime == "image/svg+xml"

    def usable(self) -> CheckedPicture:
        """This picture, for an output to draw; `ExportError` with the gate's message
        when it was refused (the output is not made, the others are)."""
        if self.refused is not None:
            raise ExportError(self.refused)
        return self
