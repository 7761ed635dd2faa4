#!/usr/bin/env python3
"""Generate a large WXR by repeating the items of a source export with fresh ids.

Every copy k (0-based) of the source's <item>s gets:

* post ids     ``k*B + j + 1``  (j = item index in the source, B = id block size),
  so duplicate post ids in the source become distinct posts;
* dangling references (ids no source item has) ``k*B + n + d + 1``, i.e. they stay
  dangling but inside the copy's own id block;
* comment ids  ``k*BC + c + 1``;
* references remapped to the same copy: ``wp:post_parent``, ``wp:comment_parent``,
  postmeta ``_thumbnail_id``, ``_menu_item_menu_item_parent``,
  ``_attachment_original_parent_id``, ``_menu_item_object_id`` (post_type/custom
  menu items only; taxonomy ones are term ids), and in the body
  ``wp-image-N``, ``attachment_id=N``, ``?p=N``/``?page_id=N`` and block ``"id":N``;
* slugs suffixed ``-(k+1)`` (nav_menu_item slugs, which are their ids, become the new id);
  ``link`` and ``guid`` follow the new slug / id so they are unique too.

A reference to an id that several source items share resolves to the nearest such
item (the source has duplicated menus).  The header (channel metadata, authors, terms)
and the footer are copied verbatim.  Output is streamed copy by copy; only one
pre-serialised copy of the source's items is held in memory.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

from lxml import etree

GENERATOR_VERSION = 1

WP = "https://wordpress.org/export/1.2/"
NS = {"wp": WP}
REF_META_KEYS = {
    "_thumbnail_id",
    "_menu_item_menu_item_parent",
    "_attachment_original_parent_id",
}
_TOKEN = re.compile(r"@@MWB:([A-Z]):(\d*)@@")


def _q(tag: str) -> str:
    return f"{{{WP}}}{tag}"


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _block(n: int) -> int:
    """Smallest power of ten strictly greater than n (ids stay readable)."""
    b = 10
    while b <= n:
        b *= 10
    return b


class Template:
    """The source's items serialised once, with id tokens to fill in per copy."""

    def __init__(self, source: Path):
        raw = source.read_bytes()
        self.source_sha256 = hashlib.sha256(raw).hexdigest()
        text = raw.decode("utf-8")
        first = text.find("<item>")
        last = text.rfind("</item>")
        if first < 0 or last < 0:
            raise ValueError(f"{source}: no <item> found")
        self.header = text[:first]
        self.footer = "\n" + text[last + len("</item>"):].lstrip("\r\n")

        parser = etree.XMLParser(strip_cdata=False, huge_tree=True, resolve_entities=False)
        root = etree.fromstring(raw, parser)
        items = root.findall("./channel/item")
        self.n_items = n = len(items)

        old_ids = [_int(it.findtext(_q("post_id"))) for it in items]
        where: dict[int, list[int]] = {}
        for j, pid in enumerate(old_ids):
            if pid is not None:
                where.setdefault(pid, []).append(j)
        comment_index: dict[int, int] = {}
        for c, el in enumerate(root.iter(_q("comment_id"))):
            cid = _int(el.text)
            if cid is not None:
                comment_index.setdefault(cid, c)
        self.n_comments = n_comments = len(comment_index)
        dangling: dict[int, int] = {}

        def post_ref(old: int | None, j: int) -> str | None:
            """Token for a reference from item j to old post id (None: leave as is)."""
            if not old:  # None or 0 ("no parent")
                return None
            if old in where:
                t = min(where[old], key=lambda i: (abs(i - j), i))
                return f"@@MWB:I:{t}@@"
            d = dangling.setdefault(old, len(dangling))
            return f"@@MWB:D:{d}@@"

        def post_ref_sub(m: re.Match, j: int) -> str:
            tok = post_ref(int(m.group(2)), j) if int(m.group(2)) in where else None
            return m.group(1) + tok if tok else m.group(0)

        body_ref = re.compile(
            r'(wp-image-|attachment_id=|[?&]p=|[?&]page_id=|<!-- wp:[a-z/-]+ \{"id":)(\d+)'
        )

        chunks = []
        for j, it in enumerate(items):
            pid_el = it.find(_q("post_id"))
            old_id = old_ids[j]
            if pid_el is not None:
                pid_el.text = f"@@MWB:I:{j}@@"
            par = it.find(_q("post_parent"))
            if par is not None:
                tok = post_ref(_int(par.text), j)
                if tok:
                    par.text = tok

            meta = {}
            for pm in it.findall(_q("postmeta")):
                meta[(pm.findtext(_q("meta_key")) or "").strip()] = pm
            menu_type = (meta["_menu_item_type"].findtext(_q("meta_value")) or "").strip() \
                if "_menu_item_type" in meta else ""
            for key, pm in meta.items():
                if key in REF_META_KEYS or (
                    key == "_menu_item_object_id" and menu_type in ("post_type", "custom")
                ):
                    mv = pm.find(_q("meta_value"))
                    tok = post_ref(_int(mv.text), j) if mv is not None else None
                    if tok:
                        mv.text = tok

            for cm in it.findall(_q("comment")):
                cid_el, cpar_el = cm.find(_q("comment_id")), cm.find(_q("comment_parent"))
                if cid_el is not None and _int(cid_el.text) in comment_index:
                    cid_el.text = f"@@MWB:C:{comment_index[_int(cid_el.text)]}@@"
                cpar = _int(cpar_el.text) if cpar_el is not None else None
                if cpar and cpar in comment_index:
                    cpar_el.text = f"@@MWB:C:{comment_index[cpar]}@@"

            slug_el = it.find(_q("post_name"))
            slug = (slug_el.text or "").strip() if slug_el is not None else ""
            if slug:
                new_slug = f"@@MWB:I:{j}@@" if old_id is not None and slug == str(old_id) \
                    else f"{slug}-@@MWB:K:@@"
                slug_el.text = new_slug
            for tag in ("link", "guid"):
                el = it.find(tag)
                if el is None or not el.text:
                    continue
                url = el.text
                new = url
                if slug and f"/{slug}/" in url:
                    new = url.replace(f"/{slug}/", f"/{new_slug}/")
                if tag == "link":
                    new = body_ref.sub(lambda m: post_ref_sub(m, j), new)
                elif old_id is not None:
                    # guid is an opaque id: only "?p=<own id>" is renumbered (the source has
                    # guids naming *other* posts' ids); otherwise the copy is marked
                    new = re.sub(rf"([?&]p=){old_id}\b", rf"\g<1>@@MWB:I:{j}@@", new)
                if tag == "guid" and new == url:
                    new = url + "#bench-copy-@@MWB:K:@@"
                el.text = new

            s = etree.tostring(it, encoding="unicode", with_tail=False)
            s = re.sub(r"^<item\b[^>]*>", "<item>", s, count=1)  # drop ns decls; rss has them
            # body/excerpt references (inside CDATA: work on the serialised text)
            s = body_ref.sub(lambda m: post_ref_sub(m, j), s)
            chunks.append("\t" + s + "\n")

        self.n_dangling = len(dangling)
        self.block = _block(n + len(dangling))
        self.comment_block = _block(n_comments)
        self.items_text = "".join(chunks)
        if "@@MWB:" in self.header or self.items_text.count("@@MWB:") == 0:
            raise ValueError("unexpected token layout")

    def copy(self, k: int) -> str:
        base, cbase, n = k * self.block, k * self.comment_block, self.n_items

        def fill(m: re.Match) -> str:
            kind, arg = m.group(1), m.group(2)
            if kind == "I":
                return str(base + int(arg) + 1)
            if kind == "D":
                return str(base + n + int(arg) + 1)
            if kind == "C":
                return str(cbase + int(arg) + 1)
            return str(k + 1)  # K

        return _TOKEN.sub(fill, self.items_text)


def generate(source: Path, out: Path, *, target_bytes: int | None = None,
             copies: int | None = None) -> dict:
    """Write out; stop after `copies` copies or once the file reaches target_bytes
    (whole copies only).  Returns metadata (also what the cache key is checked against)."""
    if (target_bytes is None) == (copies is None):
        raise ValueError("give exactly one of target_bytes / copies")
    t0 = time.perf_counter()
    tpl = Template(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    k = 0
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(tpl.header)
        size = len(tpl.header.encode())
        while True:
            if copies is not None and k >= copies:
                break
            if target_bytes is not None and size >= target_bytes:
                break
            chunk = tpl.copy(k)
            f.write(chunk)
            size += len(chunk.encode())
            k += 1
        f.write(tpl.footer)
    os.replace(tmp, out)
    return {
        "generator_version": GENERATOR_VERSION,
        "source": str(source),
        "source_sha256": tpl.source_sha256,
        "copies": k,
        "items_per_copy": tpl.n_items,
        "items": k * tpl.n_items,
        "comments": k * tpl.n_comments,
        "id_block": tpl.block,
        "bytes": out.stat().st_size,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def cached(source: Path, cache_dir: Path, target_mb: int) -> tuple[Path, dict]:
    """Generate (or reuse) <cache_dir>/big-v<ver>-<MB>mb-<sha8>.xml with a .json sidecar."""
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    out = cache_dir / f"big-v{GENERATOR_VERSION}-{target_mb}mb-{sha[:8]}.xml"
    meta_path = out.with_suffix(".json")
    if out.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if (meta.get("generator_version") == GENERATOR_VERSION
                and meta.get("source_sha256") == sha
                and meta.get("bytes") == out.stat().st_size):
            meta["cached"] = True
            return out, meta
    meta = generate(source, out, target_bytes=target_mb * 1024 * 1024)
    meta_path.write_text(json.dumps(meta, indent=2))
    meta["cached"] = False
    return out, meta


def cut(big: Path, out: Path, target_bytes: int) -> dict:
    """A valid WXR: big's header + its first whole items until >= target_bytes + footer.

    Streams `big`; relies on items starting with "<item>" and ending with "</item>"
    (true for files written by generate())."""
    with open(big, "rb") as f:
        f.seek(max(0, big.stat().st_size - 65536))
        tail = f.read()
    footer = tail[tail.rfind(b"</item>") + len(b"</item>"):]
    tmp = out.with_name(out.name + ".tmp")
    items = 0
    with open(big, "rb") as src, open(tmp, "wb") as dst:
        buf = b""
        # header
        while b"<item>" not in buf:
            more = src.read(1 << 20)
            if not more:
                raise ValueError(f"{big}: no <item>")
            buf += more
        i = buf.index(b"<item>")
        dst.write(buf[:i])
        written, buf = i, buf[i:]
        while written < target_bytes:
            end = buf.find(b"</item>")
            if end < 0:
                more = src.read(1 << 20)
                if not more:
                    break
                buf += more
                continue
            end += len(b"</item>")
            dst.write(buf[:end])
            written += end
            buf = buf[end:]
            items += 1
        dst.write(footer)
    os.replace(tmp, out)
    return {"items": items, "bytes": out.stat().st_size, "from": str(big)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path,
                    default=Path(os.environ.get("MWMIGRATE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
                    / "data/wxr/themeunittestdata.wordpress.xml")
    ap.add_argument("--out", type=Path, required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--mb", type=float, help="stop once the file is at least this many MiB")
    g.add_argument("--copies", type=int)
    a = ap.parse_args(argv)
    meta = generate(a.source, a.out, copies=a.copies,
                    target_bytes=int(a.mb * 1024 * 1024) if a.mb else None)
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
