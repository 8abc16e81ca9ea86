"""Make the README's pictures (docs/pictures/*.png) from content/hamstring-cramp.yaml.

    python3 dev.py pictures

The PDF pages are drawn by `health-handouts preview`; the flashcard is the built
deck's first question card shown by headless Chromium with the deck's own CSS. Each
picture is reduced to a small palette so that all of them stay a few hundred KB.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from generator.authoring.flashcards import deck_cards
from generator.authoring.preview import render_pages
from generator.paths import TEMPLATES_DIR

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = ROOT / "docs" / "pictures"
TOPIC = "hamstring-cramp"
PAGES = {
    "print-sheet.png": f"{TOPIC}-pocket-card-sheet-page-1.png",
    "handout-page-1.png": f"{TOPIC}-handout-page-1.png",
}


def save_small(image: Image.Image, target: Path) -> None:
    small = image.convert("RGB").quantize(colors=48, method=Image.Quantize.MEDIANCUT)
    small.save(target, optimize=True)
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


def flashcard(out_dir: Path, work: Path) -> Path:
    card = next(c for c in deck_cards(out_dir / f"{TOPIC}.apkg") if "cloze" not in c.question)
    css = (TEMPLATES_DIR / "anki" / "card.css").read_text(encoding="utf-8")
    page = work / "card.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><style>{css}'
        "body{margin:0;background:#fff} .card{border:1px solid #c8ced4}</style>"
        f'<body><div class="card">{card.answer}</div></body></html>',
        encoding="utf-8",
    )
    shot = work / "card.png"
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={work / 'profile'}",
            "--hide-scrollbars",
            "--window-size=640,250",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "preview",
                f"content/{TOPIC}.yaml",
                "--out",
                str(work / "out"),
                "--dpi",
                "72",
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out_dir = work / "out" / TOPIC
        for name, source in PAGES.items():
            with Image.open(out_dir / source) as image:
                save_small(image, HERE / name)
        (card,) = render_pages(out_dir / f"{TOPIC}-pocket-card.pdf", dpi=144)
        with Image.open(io.BytesIO(card)) as image:
            save_small(image, HERE / "pocket-card.png")
        with Image.open(flashcard(out_dir, work)) as image:
            save_small(image, HERE / "flashcard.png")


if __name__ == "__main__":
    main()
