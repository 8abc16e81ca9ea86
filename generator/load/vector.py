"""The picture gate for SVG drawings. The file is parsed once by lxml with nothing
fetched and no entity expanded; its cost is counted before svglib sees it (elements
after every `<use>` is expanded, characters of path data), its size must be finite and
positive, and what the PDFs could not draw faithfully is refused with its line: text
(`<text>` would be set in a font we neither embed nor check), and a picture it takes
from another file. A pixel image inside it (a `data:` URI) passes the raster gate.
Then svglib turns the same tree into shapes once, and every number in them is
checked finite and bounded before any PDF is drawn from them."""

from __future__ import annotations

import base64
import binascii
import logging
import math
import re
from typing import Any

from generator.load.raster import Refused, check_raster

MAX_ELEMENTS = 5_000
"""Elements a drawing may have, counting each `<use>` as the elements it repeats
(svglib takes about 0.15 ms an element: 0.8 s at this limit)."""
MAX_PATH_CHARACTERS = 250_000
"""Characters of path and point data, counted likewise (about 0.2 s to parse at this
limit; a 9.8 MB single path took svglib 539 s)."""
MAX_COORDINATE = 1e6
"""No number of the drawn shapes may be larger than this (a PDF reader stops at a
number it cannot read, and every warning after it vanishes from the page)."""
SVG_NS = "{http://www.w3.org/2000/svg}"
HREFS = ("{http://www.w3.org/1999/xlink}href", "href")
TEXT_TAGS = {"text", "tspan", "textPath", "flowRoot", "foreignObject"}
DATA_IMAGE = re.compile(r"data:image/(png|jpe?g);base64,(.*)", re.DOTALL)
LENGTH = re.compile(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"

logging.getLogger("svglib").addHandler(logging.NullHandler())
logging.getLogger("svglib").propagate = False
"""svglib logs what it skips; the gate has refused, or says, whatever matters."""


def check_svg(data: bytes) -> tuple[float, float, Any]:
    """The width, height and shapes of SVG `data`; `Refused` says what is wrong."""
    root = _parsed(data)
    _check_size(root)
    _Budget(root).check()
    shapes = _shapes(root)
    width, height = float(shapes.width), float(shapes.height)
    if not (_fine(width) and _fine(height) and width > 0 and height > 0):
        raise Refused("has no size the PDFs can draw", SIZE_HINT)
    _check_numbers(shapes)
    return width, height, shapes


SIZE_HINT = "give the <svg> a width, height and viewBox of positive numbers"


def _parsed(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Refused(
            f"is not well-formed SVG (line {exc.lineno}: {exc.msg})", "save it again as plain SVG"
        ) from None
    if _name(root) != "svg":
        raise Refused("is not an SVG drawing inside", "save or export it again as SVG")
    return root


def _name(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.removeprefix(SVG_NS)


def _check_size(root: Any) -> None:
    """The width, height and viewBox, where given, are finite positive numbers."""
    for name in ("width", "height"):
        value = root.get(name)
        if value is None or value.strip().endswith("%"):
            continue
        match = LENGTH.fullmatch(value)
        if match is None or not 0 < float(match.group(1)) <= MAX_COORDINATE:
            raise Refused(f'has {name}="{value}" (line {root.sourceline})', SIZE_HINT)
    box = root.get("viewBox")
    if box is not None:
        numbers = re.findall(NUMBER, box)
        parts = [float(n) for n in numbers]
        fine = len(parts) == 4 and all(abs(n) <= MAX_COORDINATE for n in parts)
        if not (fine and parts[2] > 0 and parts[3] > 0):
            raise Refused(f'has viewBox="{box}" (line {root.sourceline})', SIZE_HINT)


class _Budget:
    """What a drawing costs once every `<use>` is expanded, counted without expanding
    one: (elements, characters of path data) of each element, kept by element."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.ids = {e.get("id"): e for e in root.iter() if e.get("id") is not None}
        self.costs: dict[Any, tuple[int, int]] = {}
        self.open: set[Any] = set()

    def check(self) -> None:
        elements, characters = self.cost(self.root)
        if elements > MAX_ELEMENTS:
            too_much = f"more than {MAX_ELEMENTS:,} elements"
        elif characters > MAX_PATH_CHARACTERS:
            too_much = f"more than {MAX_PATH_CHARACTERS:,} characters of path data"
        else:
            return
        raise Refused(
            f"is too complex to draw: {too_much} once every <use> is counted",
            "simplify it (Inkscape: Path > Simplify), or save it as PNG",
        )

    def cost(self, element: Any) -> tuple[int, int]:
        if element in self.costs:
            return self.costs[element]
        if element in self.open:
            raise Refused(f"has a <use> that repeats itself (line {element.sourceline})", USE_HINT)
        self.open.add(element)
        elements = 1
        characters = sum(len(element.get(a) or "") for a in ("d", "points"))
        for child in [*element, *self._referred(element)]:
            if isinstance(child.tag, str):
                more, chars = self.cost(child)
                elements, characters = elements + more, characters + chars
            if elements > MAX_ELEMENTS or characters > MAX_PATH_CHARACTERS:
                break  # enough to refuse it: do not count on
        self.open.discard(element)
        self.costs[element] = (elements, characters)
        return elements, characters

    def _referred(self, element: Any) -> list[Any]:
        """What `element` draws from elsewhere: a `<use>`'s target; nothing else (text
        and other files are refused)."""
        name = _name(element)
        line = element.sourceline
        if name in TEXT_TAGS:
            raise Refused(
                f"has text in it (<{name}>, line {line}), which the PDFs would set in a font "
                "they neither embed nor check",
                "turn the text into paths (Inkscape: Path > Object to Path), or put the words "
                "in the picture's caption",
            )
        href = next((element.get(h) for h in HREFS if element.get(h) is not None), None)
        if href is None or name not in ("use", "image"):
            return []
        if name == "image":
            _check_embedded(href, line)
            return []
        target = self.ids.get(href[1:]) if href.startswith("#") else None
        if target is None:
            raise Refused(
                f'has a <use> of "{href[:80]}" (line {line}), which is not an element of '
                "this drawing",
                USE_HINT,
            )
        return [target]


USE_HINT = "make each <use> refer to an element of the same file by its id (#name)"


def _check_embedded(href: str, line: int) -> None:
    """An `<image>` may only hold a PNG or JPEG as a `data:` URI, which passes the
    raster gate; one that names another file is refused (no picture beside another is
    read: a build would neither check it nor see it change)."""
    match = DATA_IMAGE.fullmatch(href.strip())
    if match is None:
        raise Refused(
            f'takes a picture from "{href[:80]}" (line {line}); a drawing must hold '
            "everything it shows",
            "embed the image in the SVG (Inkscape: Extensions > Images > Embed Images), "
            "or save the whole picture as PNG",
        )
    try:
        data = base64.b64decode(re.sub(r"\s+", "", match.group(2)), validate=True)
    except (binascii.Error, ValueError):
        raise Refused(f"has a damaged embedded image (line {line})", "embed it again") from None
    suffix = ".png" if match.group(1) == "png" else ".jpg"
    try:
        check_raster(suffix, data)
    except Refused as exc:
        raise Refused(f"has an embedded image (line {line}) that {exc.message}", exc.hint) from None


def _shapes(root: Any) -> Any:
    """svglib's shapes of the checked tree (nothing outside it is read)."""
    from svglib.svglib import SvgRenderer

    try:
        return SvgRenderer("", external_reference_root="/nonexistent").render(root)
    except Exception:  # svglib raises whatever its converters raise on odd values
        raise Refused(
            "cannot be drawn (svglib stopped on it)", "save it again as plain SVG, or as PNG"
        ) from None


def _fine(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_COORDINATE


def _check_numbers(shape: Any) -> None:
    """Every number of `shape` and the shapes in it (coordinates, sizes, transforms,
    line widths) finite and at most MAX_COORDINATE."""
    stack = [shape]
    while stack:
        current = stack.pop()
        properties = current.getProperties() if hasattr(current, "getProperties") else {}
        for name, value in properties.items():
            if name == "contents":
                stack.extend(value)
                continue
            values = value if isinstance(value, list | tuple) else [value]
            numbers = [v for v in values if isinstance(v, int | float)]
            if not all(_fine(float(v)) for v in numbers):
                raise Refused(
                    f"has a number in its {name} that is too large or not a number",
                    "save it again from your drawing program, or as PNG",
                )
