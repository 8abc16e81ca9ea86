"""Write a genanki deck as a reproducible `.apkg`, leaving no temporary file.

`genanki.Package.write_to_file` writes its SQLite collection to a temporary file
it never deletes, and zips it with the file system's dates. Here the collection
is built in an in-memory SQLite database (genanki's own `write_to_db`), serialised
to bytes, and zipped with fixed entry dates, order, permissions and compression:
the same deck and build time give the same bytes.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
import zipfile
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

import genanki

ZIP_EPOCH = 315532800
"""1980-01-01 00:00:00 UTC: the earliest date a zip entry can hold."""


def collection_bytes(deck: genanki.Deck, build_time: int, note_times: Mapping[str, int]) -> bytes:
    """The deck as an Anki collection (SQLite file image). Note and card ids count
    up from `build_time` in milliseconds; model mod times are `build_time`, a note's
    is `note_times[guid]` (`history`)."""
    if build_time <= 0:
        raise ValueError(f"build time must be positive, got {build_time}")
    with closing(sqlite3.connect(":memory:")) as conn:
        cursor = conn.cursor()
        id_gen = itertools.count(build_time * 1000)
        genanki.Package(deck).write_to_db(cursor, build_time, id_gen)
        changes = [(when, guid) for guid, when in sorted(note_times.items())]
        cursor.executemany("UPDATE notes SET mod = ? WHERE guid = ?", changes)
        conn.commit()
        cursor.execute("VACUUM")
        return conn.serialize()


def write_apkg(
    out_path: Path, collection: bytes, media: Mapping[str, bytes], build_time: int
) -> Path:
    """Zip `collection` and `media` (file name -> content, written in name order)."""
    date_time = time.gmtime(max(build_time, ZIP_EPOCH))[:6]
    names = sorted(media)

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        return info

    with zipfile.ZipFile(out_path, "w") as archive:
        archive.writestr(entry("collection.anki2"), collection, compresslevel=9)
        index = {str(i): name for i, name in enumerate(names)}
        archive.writestr(entry("media"), json.dumps(index, sort_keys=True), compresslevel=9)
        for i, name in enumerate(names):
            archive.writestr(entry(str(i)), media[name], compresslevel=9)
    return out_path
