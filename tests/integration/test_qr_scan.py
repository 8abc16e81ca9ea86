"""Every QR code we print scans back to the topic's URL: each PDF page is rendered
(poppler's pdftoppm) and read with a real barcode reader (zbar's zbarimg).

Skipped when the tools are missing, except under CI (env CI set), where .ci/run
installs them and a missing tool is a failure.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from generator.exporters.handout.pdf import export as export_handout
from generator.exporters.pocket_card import export_card, export_sheet
from generator.load import load_clinic
from generator.model import CardLayout, CardSize, Topic
from generator.options import BuildOptions, Paper
from tests.conftest import system_tool

URL = "https://example.org/hamstring-cramp?from=card"


def tool(name: str, package: str) -> str:
    return system_tool(name, package, "QR scan test")


def scanned(pdf: Path, page: int = 1) -> list[str]:
    """Every QR code zbarimg reads on `page` of `pdf`."""
    pdftoppm, zbarimg = tool("pdftoppm", "poppler-utils"), tool("zbarimg", "zbar-tools")
    image = pdf.with_name(f"{pdf.stem}-{page}")
    subprocess.run([pdftoppm, "-r", "300", "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(image)], check=True)  # fmt: skip
    result = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{image}.png"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.splitlines()


@pytest.mark.parametrize("layout", list(CardLayout))
def test_pocket_card_and_sheet_codes_scan(hamstring: Topic, tmp_path: Path, layout) -> None:
    topic = replace(hamstring, url=URL)
    options = BuildOptions(card_size=CardSize.A7, card_layout=layout)
    card = export_card(topic, tmp_path / "card.pdf", options)
    sheet = export_sheet(topic, tmp_path / "sheet.pdf", options)
    back = 1 if layout is CardLayout.FOLD_OVER else 2  # the code is on the back
    assert scanned(card, back) == [URL]
    cards_on_sheet = 2 if layout is CardLayout.FOLD_OVER else 4
    assert scanned(sheet, back) == [URL] * cards_on_sheet


def test_handout_code_scans(hamstring: Topic, tmp_path: Path) -> None:
    topic = replace(hamstring, url=URL)
    path = export_handout(topic, tmp_path / "handout.pdf", BuildOptions())
    assert scanned(path) == [URL]


@pytest.mark.parametrize(
    ("url", "ascii"),
    [
        ("https://example.org/ü/Ω", "https://example.org/%C3%BC/%CE%A9"),
        ("https://bücher.example/straße?q=ä", "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4"),
    ],
)
def test_non_ascii_url_scans_as_ascii(hamstring: Topic, tmp_path: Path, url, ascii) -> None:
    """Scanners guess the text encoding of a QR code: a non-ASCII URL is encoded as
    ASCII (IDNA host, percent-encoded path and query) so every reader gets it right.
    The printed caption stays as written."""
    topic = replace(hamstring, url=url)
    path = export_handout(topic, tmp_path / "handout.pdf", BuildOptions())
    assert scanned(path) == [ascii]
    card = export_card(topic, tmp_path / "card.pdf", BuildOptions(card_size=CardSize.A7))
    assert scanned(card) == [ascii]


@pytest.mark.parametrize("paper", list(Paper))
def test_large_print_handout_code_scans_beside_a_clinic(hamstring: Topic, tmp_path, paper) -> None:
    """Beside a clinic's details the code may take its smallest size or move down
    beside the title (`handout.masthead`): it still scans."""
    topic = replace(hamstring, url=URL)
    clinic = load_clinic(Path(__file__).resolve().parent.parent / "fixtures/clinic/clinic.yaml")
    options = BuildOptions(clinic=clinic, large_print=True, paper=paper)
    path = export_handout(topic, tmp_path / "handout.pdf", options)
    assert scanned(path) == [URL]
