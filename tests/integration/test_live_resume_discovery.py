"""A live migration killed during discovery resumes without asking the server again for what
it already got (issue 4): REST listing pages and sitemaps answered before the kill are
replayed from the run's cache folder; the resumed archive equals an uninterrupted run's; a
finished run leaves nothing behind, so the next run asks the server afresh.

The kill is placed exactly: the fixture server holds one chosen discovery request, the test
SIGKILLs the CLI while it waits for that answer. Discovery is sequential, so every request
before the held one was answered and journalled, and the held one never was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mwmigrate.archive.verify import verify_archive
from mwmigrate.fetch import FetchSettings
from mwmigrate.live import LiveOptions, LiveResult, migrate_site
from tests.support.faulty_site import FaultySite, serve_faulty_site
from tests.support.processes import sigkill_when

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "sites" / "morganwiseman" / "site"

REST_LIST = "/wp-json/wp/v2/"
POSTS_LIST = "/wp-json/wp/v2/posts?per_page=100&page=1"  # after users, terms and media
SITEMAP_INDEX = "/wp-sitemap.xml"
PAGE_SITEMAP = "/wp-sitemap-posts-page-1.xml"  # the index's second child (posts first)
CATEGORY_SITEMAP = "/wp-sitemap-taxonomies-category-1.xml"  # its third


@dataclass
class Hold:
    """A fault holding the first request of a path once armed: the moment to kill the run."""

    seconds: float = 5.0
    armed: set[str] = field(default_factory=set)
    reached: threading.Event = field(default_factory=threading.Event)

    def __call__(self, handler: object, n: int) -> bool:
        path = getattr(handler, "path", "")
        if path in self.armed:
            self.armed.discard(path)
            self.reached.set()
            time.sleep(self.seconds)  # the client is killed meanwhile
        return False  # then (to nobody) the real answer


HOLD = Hold()


@pytest.fixture(scope="module")
def site() -> Iterator[FaultySite]:
    faults = {path: HOLD for path in (POSTS_LIST, CATEGORY_SITEMAP)}
    with serve_faulty_site(SITE, faults) as served:
        yield served


def _settings(cache: Path) -> FetchSettings:
    # As the CLI sets them (concurrency 4, two per host), plus the test's cache folder.
    return FetchSettings(timeout=5, concurrency=4, per_host=2, cache_dir=cache)


def _migrate(site: FaultySite, out: Path, cache: Path, **options: bool) -> LiveResult:
    return migrate_site(site.base + "/", out,
                        LiveOptions(fetch=_settings(cache), progress=False, **options))


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def uninterrupted(site: FaultySite, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[dict[str, str], Counter[str]]:
    """An uninterrupted run's archive (file hashes) and its requests per path."""
    base = tmp_path_factory.mktemp("uninterrupted")
    site.reset_counts()
    _migrate(site, base / "archive", base / "cache")
    hits = site.reset_counts()
    assert verify_archive(base / "archive") == []
    return _hashes(base / "archive"), hits


def _kill_at(site: FaultySite, path: str, out: Path, cache: Path) -> Counter[str]:
    """Run the CLI until it waits for ``path``, SIGKILL it; the requests it made."""
    HOLD.armed, HOLD.reached = {path}, threading.Event()
    site.reset_counts()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mwmigrate", "migrate", site.base + "/", "--out", str(out),
         "--cache-dir", str(cache), "--no-progress", "--timeout", "5", "--concurrency", "4"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert sigkill_when(proc, HOLD.reached, timeout=30) == -signal.SIGKILL
    assert not out.exists()  # killed before it could write anything
    return site.reset_counts()


def _discovery(hits: Counter[str]) -> set[str]:
    return {p for p in hits if p.startswith(("/wp-json", "/wp-sitemap", "/feed/"))}


def test_killed_while_reading_rest_resumes_without_asking_rest_again(
        site: FaultySite, uninterrupted: tuple[dict[str, str], Counter[str]],
        tmp_path: Path) -> None:
    reference, full = uninterrupted
    out, cache = tmp_path / "archive", tmp_path / "cache"
    killed = _kill_at(site, POSTS_LIST, out, cache)
    answered = {p for p in killed if p.startswith("/wp-json") and p != POSTS_LIST}
    # users, categories, tags and media listed, and the API root: all before the kill
    assert {p.split("?")[0] for p in answered} == {
        "/wp-json/", *(REST_LIST + c for c in ("users", "categories", "tags", "media"))}
    assert not any(p.startswith("/wp-sitemap") for p in killed)  # discovery had not got there

    result = _migrate(site, out, cache)
    resumed = site.reset_counts()
    assert not answered & set(resumed), sorted(answered & set(resumed))
    assert resumed[POSTS_LIST] == 1  # never answered before the kill: asked once now
    assert resumed[REST_LIST + "pages?per_page=100&page=1"] == 1
    assert {p for p in _discovery(full) if p.startswith("/wp-sitemap")} <= set(resumed)
    assert sum(resumed.values()) == sum(full.values()) - len(answered) - 1  # and the home page
    assert result.sources_used == ["rest", "sitemaps", "feed", "crawl"]
    assert verify_archive(out) == []
    assert _hashes(out) == reference  # manifest included: the same archive, byte for byte
    assert [p.name for p in cache.iterdir() if p.name.startswith(("discovery-", "live-"))] == []


def test_killed_while_reading_sitemaps_resumes_without_asking_rest_or_sitemaps_again(
        site: FaultySite, uninterrupted: tuple[dict[str, str], Counter[str]],
        tmp_path: Path) -> None:
    reference, full = uninterrupted
    out, cache = tmp_path / "archive", tmp_path / "cache"
    killed = _kill_at(site, CATEGORY_SITEMAP, out, cache)
    assert {SITEMAP_INDEX, PAGE_SITEMAP, CATEGORY_SITEMAP} <= set(killed)
    assert {p for p in _discovery(full) if p.startswith("/wp-json")} <= set(killed)
    answered = _discovery(killed) - {CATEGORY_SITEMAP}

    result = _migrate(site, out, cache)
    resumed = site.reset_counts()
    assert not any(p.startswith("/wp-json") for p in resumed), sorted(resumed)
    assert not answered & set(resumed), sorted(answered & set(resumed))
    assert resumed[CATEGORY_SITEMAP] == 1
    later = {p for p in _discovery(full) if p.startswith(("/wp-sitemap-taxonomies-post_tag",
                                                           "/wp-sitemap-users", "/feed/"))}
    assert later and all(resumed[p] == 1 for p in later), later  # not reached before the kill
    assert result.sources_used == ["rest", "sitemaps", "feed", "crawl"]
    assert _hashes(out) == reference


def test_a_finished_or_changed_run_asks_the_server_again(
        site: FaultySite, uninterrupted: tuple[dict[str, str], Counter[str]],
        tmp_path: Path) -> None:
    _, full = uninterrupted
    out, cache = tmp_path / "archive", tmp_path / "cache"
    killed = _kill_at(site, CATEGORY_SITEMAP, out, cache)
    # Resumed with other options (no feed): nothing of the killed run's discovery is reused.
    _migrate(site, out, cache, feed=False)
    changed = site.reset_counts()
    assert {p for p in _discovery(killed) if p != CATEGORY_SITEMAP} <= set(changed)
    assert not [p for p in cache.iterdir() if p.name.startswith("discovery-")]
    # A finished run left nothing: the next (fresh) run asks for every discovery URL again.
    _migrate(site, out, cache)
    fresh = site.reset_counts()
    assert _discovery(fresh) == _discovery(full)
    assert all(fresh[p] == full[p] for p in _discovery(full))
