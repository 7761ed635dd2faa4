"""Page metadata: <title>, <meta> (OpenGraph, article:*, generator), <link rel>, JSON-LD.

Read once per page from the parsed tree; the other extract modules look facts up here instead of
searching the tree again. JSON-LD ``@graph`` containers (Yoast, Rank Math) are flattened into one
list of nodes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree

__all__ = ["Metadata", "read_metadata", "jsonld_nodes", "node_types"]

log = logging.getLogger(__name__)

_JSONLD = etree.XPath("//script[@type='application/ld+json']")
_META_KEYS = ("property", "name", "itemprop", "http-equiv")


@dataclass
class Metadata:
    title: str = ""
    lang: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # first value per property/name, lower-cased key
    links: dict[str, list[str]] = field(default_factory=dict)  # rel token -> absolute hrefs
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # flattened nodes
    warnings: list[str] = field(default_factory=list)

    def first_link(self, rel: str) -> str:
        hrefs = self.links.get(rel)
        return hrefs[0] if hrefs else ""


def _read_meta(el: Any, md: Metadata) -> None:
    content = el.get("content")
    if content is None:
        return
    for key in _META_KEYS:
        name = el.get(key)
        if name:
            md.meta.setdefault(name.strip().lower(), content.strip())
            return


def _read_link(el: Any, md: Metadata, base: str) -> None:
    href, rel = el.get("href"), el.get("rel")
    if not href or not rel:
        return
    absolute = urljoin(base, href.strip()) if base else href.strip()
    for token in rel.lower().split():
        md.links.setdefault(token, []).append(absolute)


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        if "@graph" in data:
            _flatten(data["@graph"], out)
        if "@type" in data:
            out.append(data)


def _read_jsonld(root: Any, md: Metadata) -> None:
    for script in _JSONLD(root):
        text = (script.text or "").strip()
        if not text:
            continue
        try:
            _flatten(json.loads(text), md.jsonld)
        except (ValueError, RecursionError) as exc:
            md.warnings.append(f"JSON-LD block not readable: {exc}")


def read_metadata(root: Any, base_url: str = "") -> Metadata:
    """Metadata of a parsed page. Head elements are read directly; JSON-LD anywhere."""
    md = Metadata(lang=(root.get("lang") or "").strip())
    head = root.find("head")
    if head is not None:
        for el in head.iter("meta", "link", "title"):
            if el.tag == "meta":
                _read_meta(el, md)
            elif el.tag == "link":
                _read_link(el, md, base_url)
            elif not md.title:
                md.title = " ".join("".join(el.itertext()).split())
    _read_jsonld(root, md)
    return md


def node_types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, list):
        return {str(k) for k in kind}
    return {str(kind)} if kind else set()


def jsonld_nodes(md: Metadata, *types: str) -> list[dict[str, Any]]:
    """The JSON-LD nodes with any of the given @type values, in page order."""
    wanted = set(types)
    return [node for node in md.jsonld if node_types(node) & wanted]
