"""Temporary minimal WXR item loader for the renderer fidelity tests.

Stand-in until mwmigrate/sources/wxr.py lands: reads only what render tests need, raw and flat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from mwmigrate.model import Media

_NS = {
    "wp": "https://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "https://wordpress.org/export/1.2/excerpt/",
}


@dataclass
class RawItem:
    post_id: int
    post_type: str
    slug: str
    title: str
    content: str
    excerpt: str
    status: str
    parent: int
    menu_order: int
    password: str
    attachment_url: str
    meta: dict[str, str] = field(default_factory=dict)
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, nicename, name)


def _text(item: etree._Element, path: str, ns: dict[str, str] = _NS) -> str:
    node = item.find(path, ns)
    return (node.text or "") if node is not None else ""


def _int(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        return 0


def load_items(path: str | Path) -> list[RawItem]:
    """Every <item> of a WXR file, in document order."""
    parser = etree.XMLParser(huge_tree=True, recover=True)
    root = etree.parse(str(path), parser).getroot()
    # Exports differ in namespace URIs (http vs https, 1.0/1.1/1.2): take the file's own.
    ns = {**_NS, **{k: v for k, v in root.nsmap.items() if k in _NS}}
    items = []
    for item in root.iter("item"):
        meta = {
            _text(pm, "wp:meta_key", ns): _text(pm, "wp:meta_value", ns) for pm in item.findall("wp:postmeta", ns)
        }
        items.append(
            RawItem(
                post_id=_int(_text(item, "wp:post_id", ns)),
                slug=_text(item, "wp:post_name", ns).strip(),
                post_type=_text(item, "wp:post_type", ns).strip(),
                title=_text(item, "title", ns),
                content=_text(item, "content:encoded", ns),
                excerpt=_text(item, "excerpt:encoded", ns),
                status=_text(item, "wp:status", ns).strip(),
                parent=_int(_text(item, "wp:post_parent", ns) or "0"),
                menu_order=_int(_text(item, "wp:menu_order", ns) or "0"),
                password=_text(item, "wp:post_password", ns),
                attachment_url=_text(item, "wp:attachment_url", ns).strip(),
                meta=meta,
                terms=[(c.get("domain", ""), c.get("nicename", ""), c.text or "") for c in item.findall("category")],
            )
        )
    return items


def media_maps(items: list[RawItem]) -> tuple[dict[int, Media], dict[int, list[int]]]:
    """Attachments as Media by id, and attachment ids by parent post (menu_order, then id)."""
    media: dict[int, Media] = {}
    for it in items:
        if it.post_type != "attachment":
            continue
        media[it.post_id] = Media(
            wp_id=it.post_id,
            url=it.attachment_url,
            title=it.title,
            slug=it.slug,
            mime_type=_guess_mime(it.attachment_url),
            parent=it.parent,
            alt=it.meta.get("_wp_attachment_image_alt", ""),
            caption=it.excerpt,
            description=it.content,
        )
    by_parent: dict[int, list[int]] = {}
    order = {it.post_id: it.menu_order for it in items}
    for m in media.values():
        if m.parent:
            by_parent.setdefault(m.parent, []).append(m.wp_id)
    for ids in by_parent.values():
        ids.sort(key=lambda i: (order.get(i, 0), i))
    return media, by_parent


def _guess_mime(url: str) -> str:
    ext = url.rsplit(".", 1)[-1].lower() if "." in url else ""
    return {
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "gif": "image/gif",
        "webp": "image/webp",
        "mp3": "audio/mpeg",
        "ogg": "audio/ogg",
        "wav": "audio/wav",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "pdf": "application/pdf",
    }.get(ext, "")
