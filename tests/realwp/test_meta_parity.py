"""Term meta and comment meta through WordPress's own exporter.

fixtures/wxr/term-and-comment-meta.xml (hand-written) is seeded into a real WordPress 6.1
(scripts/realwp/seed.php adds the meta as the importer does: add_term_meta, add_comment_meta),
the site is exported with export_wp() and that export migrated by us: the records must carry the
meta WordPress stored and exported, decoded, without the spam filter's record of the commenter
(akismet_as_submitted: IP address and browser), which WordPress's exporter does write.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from mwmigrate.archive.verify import verify_archive
from mwmigrate.migrate import MigrateOptions, migrate_wxr

from .conftest import REPO

pytestmark = pytest.mark.realwp

FIXTURE = REPO / "fixtures" / "wxr" / "term-and-comment-meta.xml"


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def exported_meta(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The (key, value) pairs of each wp:termmeta and wp:commentmeta in the file, read with a
    plain lxml parse (not our reader)."""
    found: dict[str, list[tuple[str, str]]] = {"termmeta": [], "commentmeta": []}
    for el in etree.parse(str(path)).iter():
        name = _local(el.tag)
        if name in found:
            pairs = {_local(c.tag): c.text or "" for c in el}
            found[name].append((pairs["meta_key"], pairs["meta_value"]))
    return found


def test_term_and_comment_meta_survive_wordpress_export(realwp_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wp = realwp_factory(wxr=FIXTURE)
    export = wp.export_wxr(tmp_path / "export.xml")
    meta = exported_meta(export)
    # WordPress exported what it stored (values serialized again by add_term_meta), the spam
    # filter's record included. (WordPress 6.1 writes each category and tag twice, as
    # wp:category or wp:tag and again as wp:term, each with its meta.)
    assert set(meta["termmeta"]) == {
        ("colour", "#a52a2a"), ("display", 'a:2:{s:4:"grid";b:1;s:7:"columns";i:3;}'), ("legacy_id", "42")}
    assert sorted(k for k, _ in meta["commentmeta"]) == ["akismet_as_submitted", "rating", "verified"]

    out = tmp_path / "archive"
    migrate_wxr(export, out, MigrateOptions(progress=False))
    terms = {r["slug"]: r for r in map(json.loads, (out / "records/terms.jsonl").open(encoding="utf-8"))}
    assert terms["hats"]["meta"] == {"colour": "#a52a2a", "display": {"grid": True, "columns": 3}}
    assert terms["wool"]["meta"] == {"legacy_id": "42"}
    assert terms["uncategorized"]["meta"] == {}
    assert len(terms) == sum(1 for _ in (out / "records/terms.jsonl").open(encoding="utf-8"))  # once each
    comments = [json.loads(line) for line in (out / "records/comments.jsonl").open(encoding="utf-8")]
    assert [(c["author"], c["meta"]) for c in comments] == [("Bob", {"rating": "4", "verified": "1"})]
    text = (out / "records/comments.jsonl").read_text(encoding="utf-8")
    assert "192.0.2.7" not in text and "bob@example.net" not in text
    assert verify_archive(out) == []
