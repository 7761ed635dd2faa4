"""bench/make_big_wxr.py: repeated copies get fresh, unique, per-copy-consistent ids."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import WXR_DIR
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SOURCE = WXR_DIR / "themeunittestdata.wordpress.xml"
WP = "https://wordpress.org/export/1.2/"
NS = {"wp": WP}
COPIES = 3

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason=f"{SOURCE} not available")


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "make_big_wxr", ROOT / "bench" / "make_big_wxr.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _items(path: Path):
    return etree.parse(str(path), etree.XMLParser(huge_tree=True)).getroot().findall(
        "./channel/item"
    )


def _pid(item) -> int:
    return int(item.findtext("wp:post_id", namespaces=NS))


def _refs(item) -> list[tuple[str, int]]:
    """(field, id) for post_parent and _thumbnail_id references (0 = none)."""
    out = [("post_parent", int(item.findtext("wp:post_parent", namespaces=NS) or 0))]
    for pm in item.findall("wp:postmeta", NS):
        if pm.findtext("wp:meta_key", namespaces=NS).strip() == "_thumbnail_id":
            out.append(("_thumbnail_id", int(pm.findtext("wp:meta_value", namespaces=NS))))
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    gen = _load_generator()
    out = tmp_path_factory.mktemp("bench") / "big.xml"
    meta = gen.generate(SOURCE, out, copies=COPIES)
    return out, meta


def test_item_count_is_copies_times_source(generated):
    out, meta = generated
    # count the source independently of the generator (a plain streaming count)
    n_source = sum(1 for _ in etree.iterparse(str(SOURCE), tag="item"))
    assert n_source > 0
    assert len(_items(out)) == COPIES * n_source
    assert meta["items"] == COPIES * n_source
    n_comments = sum(1 for _ in etree.iterparse(str(SOURCE), tag=f"{{{WP}}}comment"))
    assert sum(1 for _ in etree.iterparse(str(out), tag=f"{{{WP}}}comment")) == (
        COPIES * n_comments
    )


def test_ids_and_slugs_unique(generated):
    out, _ = generated
    items = _items(out)
    post_ids = [_pid(it) for it in items]
    assert len(set(post_ids)) == len(post_ids)
    comment_ids = [int(c) for c in etree.parse(str(out)).xpath("//wp:comment_id/text()",
                                                                   namespaces=NS)]
    assert len(set(comment_ids)) == len(comment_ids)
    slugs = Counter(
        (it.findtext("wp:post_type", namespaces=NS), it.findtext("wp:post_name", namespaces=NS))
        for it in items if (it.findtext("wp:post_name", namespaces=NS) or "").strip()
    )
    assert [s for s, c in slugs.items() if c > 1] == []
    guids = Counter(it.findtext("guid") for it in items)
    assert [g for g, c in guids.items() if c > 1] == []


def test_references_stay_within_their_copy(generated):
    out, _ = generated
    src = _items(SOURCE)
    n = len(src)
    src_ids = {_pid(it) for it in src}
    items = _items(out)
    all_ids = {_pid(it) for it in items}
    checked = 0
    for k in range(COPIES):
        copy = items[k * n:(k + 1) * n]
        index_in_copy = {_pid(it): j for j, it in enumerate(copy)}
        for j, (s_item, g_item) in enumerate(zip(src, copy)):
            # same item, same position (title and type carried over)
            assert g_item.findtext("title") == s_item.findtext("title")
            for (field, s_ref), (g_field, g_ref) in zip(_refs(s_item), _refs(g_item),
                                                        strict=True):
                assert field == g_field
                if s_ref == 0:
                    assert g_ref == 0
                elif s_ref in src_ids:
                    # points into this copy, at an item with the source's referenced id
                    assert g_ref in index_in_copy, (k, j, field, s_ref, g_ref)
                    assert _pid(src[index_in_copy[g_ref]]) == s_ref
                    checked += 1
                else:  # dangling in the source: still dangling, not another post
                    assert g_ref not in all_ids
    # the source really has such references (post_parent on attachments, featured images)
    assert checked >= COPIES * 10
    # copies are distinct: no id of copy 0 reappears in copy 1
    assert not {_pid(it) for it in items[:n]} & {_pid(it) for it in items[n:2 * n]}


def test_cut_is_valid_prefix(generated, tmp_path):
    gen = _load_generator()
    out, meta = generated
    cut_path = tmp_path / "cut.xml"
    info = gen.cut(out, cut_path, out.stat().st_size // 2)
    cut_items = _items(cut_path)  # parses: header + whole items + closing tags
    full_items = _items(out)
    assert 0 < info["items"] == len(cut_items) < len(full_items)
    assert [_pid(i) for i in cut_items] == [_pid(i) for i in full_items[:len(cut_items)]]
