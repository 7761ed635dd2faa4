"""Measures of how close two renderings of a body are: visible-text token F1, structure counts.

Used by the fidelity tests (ours against WordPress's own ``content.rendered``), the Markdown
round-trip tests and the benchmarks, so they all measure the same thing the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from lxml import html as lxml_html

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Elements whose text a reader does not see.
_INVISIBLE = ("script", "style", "noscript", "template")

STRUCTURE_TAGS: dict[str, tuple[str, ...]] = {
    "headings": ("h1", "h2", "h3", "h4", "h5", "h6"),
    "list_items": ("li",),
    "links": ("a",),
    "images": ("img",),
    "table_cells": ("td", "th"),
}


def _fragment_root(markup: str):  # type: ignore[no-untyped-def]
    if not markup.strip():
        return None
    return lxml_html.fragment_fromstring(markup, create_parent="div")


_BLOCKISH = frozenset(
    "address article aside blockquote br caption dd div dl dt figcaption figure footer h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)


def _walk_text(node, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    if isinstance(node.tag, str) and node.tag not in _INVISIBLE:
        block = node.tag in _BLOCKISH
        if block:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            _walk_text(child, parts)
        if block:
            parts.append(" ")
    if node.tail:
        parts.append(node.tail)


def visible_text(markup: str) -> str:
    """The text a reader sees in an HTML fragment (scripts, styles and comments dropped)."""
    root = _fragment_root(markup)
    if root is None:
        return ""
    parts: list[str] = []
    _walk_text(root, parts)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def tokens(text: str) -> list[str]:
    """Word tokens, case- and width-folded: punctuation and typography (curly quotes) ignored."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def token_f1(expected: str, got: str) -> float:
    """Bag-of-words F1 between two texts; two empty texts agree perfectly."""
    a, b = Counter(tokens(expected)), Counter(tokens(got))
    if not a and not b:
        return 1.0
    common = sum((a & b).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def structure_counts(markup: str) -> dict[str, int]:
    """How many headings, list items, links, images and table cells a fragment has."""
    root = _fragment_root(markup)
    counts = {name: 0 for name in STRUCTURE_TAGS}
    if root is None:
        return counts
    for name, tags in STRUCTURE_TAGS.items():
        counts[name] = sum(1 for _ in root.iter(*tags))
    return counts
