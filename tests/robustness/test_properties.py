"""Property tests: whatever the text, a build ends in valid outputs or one clear
content error naming the file. Never a traceback, never an internal error, never
markup from the topic in the HTML or the deck."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build_topic
from generator.incremental import MANIFEST_NAME
from generator.options import BuildOptions
from tests.conftest import dump, minimal_topic

HOSTILE = [
    "<script>alert(1)</script>",
    "<b>bold</b> & <i>",
    "If pain <b then stop",
    "\" ' ` < > & ; {{ 7*7 }} {% raw %} ${x}",
    "]]> <!-- --> <![CDATA[",
    "{{c1::not a cloze}}",
    "javascript:alert(1)",
    "",
    " ",
    "x" * 5000,
    "\u202eright-to-left override",
    "emoji 🦵 and CJK 抽筋",
    "combining e\u0301 and zero\u200bwidth",
]
texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(min_size=0, max_size=200),
    st.text(alphabet=st.characters(codec="latin-1"), min_size=1, max_size=60),
)
ids = st.one_of(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,3}", fullmatch=True), texts)


@st.composite
def topics(draw: st.DrawFn) -> dict[str, Any]:
    data = minimal_topic(title=draw(texts), main_message=draw(texts))
    section = data["sections"][0]
    section["heading"] = draw(texts)
    section["id"] = draw(ids)
    section["items"][0] = {"id": draw(ids), "text": draw(texts), "short": draw(texts)}
    data["sections"][1]["items"][1]["text"] = draw(texts)
    data["flashcards"][0].update(front=draw(texts), back=draw(texts), section=section["id"])
    data["flashcards"][1]["cloze"] = draw(texts) + " {{c1::" + draw(texts) + "}}"
    data["source"]["publisher"] = draw(texts)
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=topics())
def test_any_text_builds_or_fails_cleanly(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "test-topic.yaml"
        path.write_text(dump(data), encoding="utf-8")
        out = Path(tmp) / "out"
        result = build_topic(path, out, BuildOptions())
        on_disk = {p for p in out.rglob("*") if p.is_file()} if out.exists() else set()
        if result.error is not None:  # the topic as a whole failed
            assert not result.internal, result.error
            assert result.error.startswith(str(path))
            assert "Traceback" not in result.error
            assert on_disk == set(), "a failed build must not leave files"
            return
        if result.failed:  # some outputs not made (a glyph the PDF fonts lack, say)
            for failure in result.failed:
                assert not failure.internal, failure.message
                assert failure.message.startswith(str(path)), failure.message
                assert "Traceback" not in failure.message
            # the outputs made, and only those (plus the build record), are on disk
            assert {p for p in on_disk if p.name != MANIFEST_NAME} == set(result.written)
            return
        assert len(result.written) == 8
        html = next(p for p in result.written if p.suffix == ".html").read_text()
        assert "<script" not in html.lower()
        with zipfile.ZipFile(next(p for p in result.written if p.suffix == ".apkg")) as deck:
            assert deck.testzip() is None
