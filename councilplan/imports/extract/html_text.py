"""Reading the text and the hints of an HTML element, as a person sees them on the page.

Line breaks come from ``<br>`` and block elements (paragraphs, list items, divisions), white
space is folded within a line, scripts and styles are not text. A status shown only as styling
is kept as hints: class names ("rag-red"), an icon's file name and alt text ("arrow-up.png",
"Improving"), title and aria-label attributes, and fill and text colours ("fill #FF0000",
"fill red").
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .layout import colour_hints

SKIPPED = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg",
    "button", "select", "option", "textarea", "input", "canvas", "map",
}  # fmt: skip
LINE_TAGS = {
    "p", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "dl",
    "section", "article", "header", "footer", "blockquote", "pre", "address", "figcaption",
    "table", "caption", "main", "aside", "nav", "details", "summary", "hr",
}  # fmt: skip
_STYLE_COLOUR = re.compile(r"(background(?:-color)?|(?<![-\w])color)\s*:\s*([^;]+)", re.I)


def tag(element: Any) -> str:
    """An element's tag in lower case; "" for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def text_lines(element: Any, skip: frozenset[str] = frozenset()) -> list[str]:
    """The lines of text inside an element, leaving out elements whose tag is in ``skip``."""
    parts: list[str] = []
    _collect(element, parts, skip)
    return [line for line in (" ".join(p.split()) for p in "".join(parts).split("\n")) if line]


def _collect(element: Any, parts: list[str], skip: frozenset[str]) -> None:
    name = tag(element)
    if name in SKIPPED or name in skip:
        return
    if name == "br":
        parts.append("\n")
        return
    breaks = name in LINE_TAGS or name in ("td", "th")
    if breaks:
        parts.append("\n")
    if element.text and name:
        parts.append(folded(element.text))
    for child in element:
        _collect(child, parts, skip)
        if child.tail:
            parts.append(folded(child.tail))
    if breaks:
        parts.append("\n")


def folded(text: str) -> str:
    """Source text with its line breaks as spaces: in HTML only ``<br>`` and blocks break lines."""
    return text.replace("\r", " ").replace("\n", " ")


def hints(element: Any, skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Words an element and what is inside it show only as styling or icons."""
    found: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop(0)
        name = tag(node)
        if not name or name in SKIPPED or (node is not element and name in skip):
            continue
        found.extend(node.get("class", "").split())
        for attribute in ("title", "aria-label", "alt", "data-status", "data-rag"):
            if value := " ".join(node.get(attribute, "").split()):
                found.append(value)
        if name == "img" and node.get("src"):
            found.append(PurePosixPath(urlsplit(node.get("src")).path).name)
        found.extend(colour_hints("fill", node.get("bgcolor")))
        for prop, value in _STYLE_COLOUR.findall(node.get("style", "")):
            kind = "text" if prop.lower() == "color" else "fill"
            found.extend(colour_hints(kind, value.replace("!important", "").strip()))
        stack.extend(node)
    return tuple(dict.fromkeys(h for h in found if h))


def is_strong(element: Any) -> bool:
    """Whether all of a paragraph's text is bold: a heading written as a bold paragraph."""
    strong = " ".join(
        " ".join(t.split()) for s in element.iter("strong", "b") for t in [s.text_content()]
    )
    text = " ".join(element.text_content().split())
    return bool(text) and " ".join(strong.split()) == text
