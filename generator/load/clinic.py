"""Read and validate a clinic branding file (`--clinic FILE`) into a `Clinic`."""

from __future__ import annotations

from pathlib import Path

from generator.load.reader import MAX_TEXT, Reader, read_located
from generator.model import Clinic

LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}


def load_clinic(path: Path) -> Clinic:
    """Read and validate a clinic branding file (`--clinic FILE`)."""
    located = read_located(path)
    reader = Reader(path, located)
    data = reader.mapping(
        located.value,
        "",
        required=("name",),
        optional=("phone", "after_hours", "emergency", "address", "website", "logo"),
    )
    logo = None
    if data is not None and data.get("logo") is not None:
        logo = reader.picture_file(data["logo"], "logo", LOGO_SUFFIXES, "a PNG or JPEG")
    clinic = None
    if data is not None:
        clinic = Clinic(
            name=reader.text(data.get("name"), "name", max_len=MAX_TEXT["title"]) or "",
            phone=reader.text(data.get("phone"), "phone", optional=True, max_len=40),
            after_hours=reader.text(
                data.get("after_hours"), "after_hours", optional=True, max_len=40
            ),
            emergency=reader.text(
                data.get("emergency"), "emergency", optional=True, max_len=MAX_TEXT["short"]
            ),
            address=reader.text(data.get("address"), "address", optional=True, max_len=200),
            website=reader.url(data.get("website"), "website"),
            logo=logo,
            source_file=path,
        )
    reader.raise_if_problems()
    assert clinic is not None
    return clinic
