"""Golden summary of the Anki deck: what Anki reads from the `.apkg`, not its bytes.

The summary is JSON: deck names and ids, note types (id, name, fields, templates'
names), every note (guid, note type, tags, fields), card ords per note, the media
index and zip entry names. Regenerate with `python3 dev.py goldens`.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from generator.exporters.anki import export
from generator.load import load_topic
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parent.parent.parent
TOPIC = ROOT / "content" / "hamstring-cramp.yaml"
NAME = "deck.json"


def summarize(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        entries = [i.filename for i in archive.infolist()]
        collection = archive.read("collection.anki2")
        media = json.loads(archive.read("media"))
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "collection.anki2"
        db.write_bytes(collection)
        with sqlite3.connect(db) as conn:
            models_json, decks_json = conn.execute("select models, decks from col").fetchone()
            notes = conn.execute(
                "select id, guid, mid, tags, flds from notes order by id"
            ).fetchall()
            cards = conn.execute("select nid, ord, did from cards order by nid, ord").fetchall()
        conn.close()
    models = json.loads(models_json)
    decks = json.loads(decks_json)
    summary = {
        "zip_entries": entries,
        "media": media,
        "decks": sorted(
            ({"id": d["id"], "name": d["name"], "desc": d["desc"]} for d in decks.values()),
            key=lambda d: d["id"],
        ),
        "note_types": sorted(
            (
                {
                    "id": int(m["id"]),
                    "name": m["name"],
                    "type": m["type"],
                    "fields": [f["name"] for f in m["flds"]],
                    "templates": [t["name"] for t in m["tmpls"]],
                }
                for m in models.values()
            ),
            key=lambda m: m["id"],
        ),
        "notes": [
            {
                "guid": guid,
                "note_type": mid,
                "tags": tags.split(),
                "fields": flds.split("\x1f"),
                "cards": [(ord_, did) for nid, ord_, did in cards if nid == note_id],
            }
            for note_id, guid, mid, tags, flds in notes
        ],
    }
    return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"


def build_summary() -> str:
    topic = load_topic(TOPIC)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / f"{topic.id}.apkg"
        export(topic, out, BuildOptions())
        return summarize(out)


def regenerate(expected_dir: Path) -> None:
    target = expected_dir / "hamstring-cramp" / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(build_summary(), encoding="utf-8")


def build_summaries() -> dict[str, str]:
    """The golden file name and its summary, like the other golden modules."""
    return {NAME: build_summary()}
