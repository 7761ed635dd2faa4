"""Media records of a live migration (issue 4), on the Morgan Wiseman fixture site served on
127.0.0.1: built from the pages when REST is off (or its media listing is refused), REST's
own when it answers, one record per attachment, the posts' featured image pointing at it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mwmigrate.archive.verify import verify_archive
from mwmigrate.fetch import FetchSettings
from mwmigrate.live import LiveOptions, LiveResult, migrate_site
from tests.support.faulty_site import always_status, serve_faulty_site

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "sites" / "morganwiseman" / "site"
SEED = ("post", "home-office-cuts-immigration-data-sharing")
FILE = "/wp-content/uploads/2019/05/david-bolt-chief-inspector.png"
CAPTION = "David Bolt, Independent Chief Inspector of Borders and Immigration"
#: What a page shows of an attachment (the rest: its date, upload parent, title, slug, page and
#: WordPress's sizes, only REST or the attachment page knows).
SHOWN = ("wp_id", "url", "alt", "caption", "width", "height", "mime_type")


def _fast() -> FetchSettings:
    return FetchSettings(timeout=5, retries=1, backoff=0.01, concurrency=4, per_host=4)


def _records(out: Path, name: str) -> list[dict[str, Any]]:
    text = (out / "records" / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _posts(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["type"], r["slug"]): r for r in _records(out, "posts.jsonl")}


@pytest.fixture(scope="module")
def runs(morganwiseman_site: str, tmp_path_factory: pytest.TempPathFactory
         ) -> dict[str, tuple[Path, LiveResult]]:
    done = {}
    for name, rest in (("rest", True), ("html", False)):
        out = tmp_path_factory.mktemp(f"media-{name}") / "archive"
        done[name] = (out, migrate_site(morganwiseman_site + "/", out,
                                        LiveOptions(rest=rest, fetch=_fast(), progress=False)))
    return done


def test_html_only_migration_writes_the_media_record(
        runs: dict[str, tuple[Path, LiveResult]], morganwiseman_site: str) -> None:
    out, result = runs["html"]
    assert verify_archive(out) == []  # every record valid against media.schema.json
    [media] = _records(out, "media.jsonl")
    assert media["source"] == "html"
    assert {k: media[k] for k in SHOWN} == {
        "wp_id": 1474, "url": morganwiseman_site + FILE, "alt": CAPTION, "caption": CAPTION,
        "width": 640, "height": 400, "mime_type": "image/png"}
    assert result.counts["attachment"] == 1
    # The seed features that file (Kallyas's 420x280 crop in the page): the same attachment.
    seed = _posts(out)[SEED]
    assert (seed["featured_media"], seed["featured_image"]) == (1474, media["url"])
    assert seed["field_sources"]["featured_media"] == "html"
    others = [r for key, r in _posts(out).items() if key != SEED]
    assert all(r["featured_media"] is None and r["featured_image"] is None for r in others)
    assert all("media" not in r["meta"] for r in _posts(out).values())  # a working note only


def test_rest_and_html_agree_on_what_the_pages_show(
        runs: dict[str, tuple[Path, LiveResult]]) -> None:
    [rest] = _records(runs["rest"][0], "media.jsonl")
    [html] = _records(runs["html"][0], "media.jsonl")
    assert {k: rest[k] for k in SHOWN} == {k: html[k] for k in SHOWN}
    # REST stays the ground truth: its record as the API gives it.
    assert rest["source"] == "rest" and rest["parent"] == 1473
    assert rest["title"] == "David Bolt, chief inspector"
    assert rest["slug"] == "david-bolt-chief-inspector"
    assert sorted(rest["sizes"]) == ["medium", "thumbnail"]
    seed_rest, seed_html = _posts(runs["rest"][0])[SEED], _posts(runs["html"][0])[SEED]
    assert seed_rest["field_sources"]["featured_image"] == "rest"
    for name in ("featured_media", "featured_image"):
        assert seed_rest[name] == seed_html[name], name


def test_rest_without_its_media_listing_gets_the_records_from_the_pages(tmp_path: Path) -> None:
    refused = always_status(401)
    with serve_faulty_site(SITE, {"/wp-json/wp/v2/media?per_page=100&page=1": refused}) as site:
        out = tmp_path / "archive"
        result = migrate_site(site.base + "/", out,
                              LiveOptions(fetch=_fast(), progress=False))
        base = site.base
    assert result.sources_used[0] == "rest"
    assert any(w.startswith("media not read from REST") for w in result.warnings)
    assert verify_archive(out) == []
    [media] = _records(out, "media.jsonl")
    assert (media["wp_id"], media["url"], media["source"]) == (1474, base + FILE, "html")
    seed = _posts(out)[SEED]
    assert seed["source"] == "rest" and seed["featured_media"] == 1474  # REST's id...
    assert seed["featured_image"] == base + FILE  # ...its file from the pages' record
    assert seed["field_sources"]["featured_media"] == "rest"
    assert seed["field_sources"]["featured_image"] == "html"
