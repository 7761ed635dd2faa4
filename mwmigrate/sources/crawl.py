"""Discovery by HTML crawl: follow same-site links from the seeds, page by page.

The crawler decides what to fetch (scope, traps, depth, page limit) and hands fetching to
``fetch.Fetcher``; what a page *is* stays with extraction: links come from a ``link_extractor``
callable. Progress is journalled in SQLite as it goes, so a killed crawl resumes.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from mwmigrate import interrupt
from mwmigrate.fetch import Fetcher, FetchResult
from mwmigrate.sources.urls import TrapGuard, TrapRules, date_archive_level, in_scope, normalize_url

log = logging.getLogger(__name__)

LinkExtractor = Callable[[str, str], list[str]]  # (html, base_url) -> URLs (may be relative)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def extract_links(html: str, base_url: str) -> list[str]:
    """Default link extractor (lxml): ``<a>``/``<area>`` hrefs and ``<link rel=next|prev>``."""
    from lxml import etree
    from lxml import html as lxml_html

    if not html.strip():
        return []
    try:
        doc = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = next(iter(doc.xpath("//base/@href")), "") or base_url
    base = urljoin(base_url, str(base))
    hrefs = doc.xpath("//a/@href | //area/@href | //link[contains(concat(' ', @rel, ' '), "
                      "' next ') or contains(concat(' ', @rel, ' '), ' prev ')]/@href")
    return [urljoin(base, str(h).strip()) for h in hrefs if str(h).strip()]


@dataclass
class CrawlSettings:
    """Crawl limits; fetch politeness lives in ``FetchSettings``."""

    max_pages: int = 10_000
    max_depth: int = 30  # links followed from a seed
    traps: TrapRules = field(default_factory=TrapRules)
    resume: bool = True  # continue an unfinished crawl of the same seeds found in the journal
    replay_finished: bool = True  # on resume, yield finished pages again, from the cache


@dataclass
class CrawlReport:
    """What the crawl did, for the run's report: nothing skipped silently."""

    fetched: int = 0  # pages yielded
    replayed: int = 0  # of which served from the cache on resume
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, trap/robots reason)
    redirects: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # url -> hops
    redirected_to: dict[str, str] = field(default_factory=dict)  # url -> final URL (normalised)
    resumed: bool = False
    limit_reached: bool = False
    left_in_frontier: int = 0


@dataclass
class _Item:
    url: str
    depth: int = 0
    hops: int = 0  # consecutive date archives
    replay: bool = False


class CrawlJournal:
    """Frontier and finished URLs in SQLite, committed per change (WAL, synchronous=FULL)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.execute("CREATE TABLE IF NOT EXISTS urls (url TEXT PRIMARY KEY, depth INTEGER,"
                        " hops INTEGER, state TEXT, reason TEXT, seq INTEGER)")
        self.db.commit()
        self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM urls").fetchone()[0]

    @property
    def complete(self) -> bool:
        row = self.db.execute("SELECT value FROM meta WHERE key='complete'").fetchone()
        return bool(row and row[0] == "1")

    def reset(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM urls")
            self.db.execute("DELETE FROM meta")
        self._seq = 0

    def has_entries(self) -> bool:
        return self.db.execute("SELECT 1 FROM urls LIMIT 1").fetchone() is not None

    def add(self, item: _Item) -> bool:
        """Queue ``item`` unless known; True when it is new."""
        self._seq += 1
        with self.db:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO urls VALUES (?, ?, ?, 'queued', '', ?)",
                (item.url, item.depth, item.hops, self._seq))
        return cur.rowcount == 1

    def mark(self, url: str, state: str, reason: str = "") -> None:
        self._seq += 1
        with self.db:
            self.db.execute("INSERT INTO urls VALUES (?, 0, 0, ?, ?, ?) ON CONFLICT(url) DO "
                            "UPDATE SET state=excluded.state, reason=excluded.reason",
                            (url, state, reason, self._seq))

    def pending(self) -> list[_Item]:
        """Queued and failed URLs of an unfinished crawl, in discovery order."""
        rows = self.db.execute("SELECT url, depth, hops FROM urls WHERE state IN "
                               "('queued', 'failed') ORDER BY seq").fetchall()
        return [_Item(u, d, h) for u, d, h in rows]

    def finished(self) -> list[_Item]:
        rows = self.db.execute("SELECT url, depth, hops FROM urls WHERE state='done' "
                               "ORDER BY seq").fetchall()
        return [_Item(u, d, h, replay=True) for u, d, h in rows]

    def skipped(self) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT url, reason FROM urls WHERE state='skipped' "
                               "ORDER BY seq").fetchall()
        return [(u, r) for u, r in rows]

    def known(self) -> set[str]:
        return {u for (u,) in self.db.execute("SELECT url FROM urls")}

    def finish(self) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '1')")

    def close(self) -> None:
        self.db.close()


def journal_path(cache_dir: Path, seeds: Iterable[str], scope: str) -> Path:
    """One journal per (seeds, scope): another site in the same cache dir is another crawl."""
    key = hashlib.sha256("\n".join([scope, *sorted(seeds)]).encode()).hexdigest()[:16]
    return Path(cache_dir) / f"crawl-{key}.sqlite"


class Crawler:
    """Iterate over the HTML pages of a site (``FetchResult`` with ``ok``), fetched concurrently.

    ``report`` says what failed and what was skipped, and why. Finished pages are journalled
    when yielded; an interrupted crawl started again with the same cache dir fetches only what
    was left and (``replay_finished``) yields the finished pages again from the cache.
    """

    def __init__(self, fetcher: Fetcher, seeds: Iterable[str], *,
                 settings: CrawlSettings | None = None,
                 link_extractor: LinkExtractor = extract_links,
                 scope: str | None = None, journal_dir: Path | None = None) -> None:
        self.fetcher = fetcher
        self.settings = settings or CrawlSettings()
        self.link_extractor = link_extractor
        self.seeds = [u for u in (normalize_url(s) for s in seeds) if u]
        if not self.seeds:
            raise ValueError("no http(s) seed URL to crawl")
        self.scope = normalize_url(scope) if scope else self.seeds[0]
        self.guard = TrapGuard(self.settings.traps)
        self.report = CrawlReport()
        journal_dir = journal_dir or fetcher.settings.cache_dir
        self.journal = (CrawlJournal(journal_path(journal_dir, self.seeds, self.scope))
                        if journal_dir else None)
        self._seen: set[str] = set()
        self._frontier: deque[_Item] = deque()
        self._started = 0
        self._yielded: set[str] = set()  # final URLs of the pages yielded

    # -- frontier

    def _load(self) -> None:
        journal = self.journal
        if journal and self.settings.resume and journal.has_entries() and not journal.complete:
            self.report.resumed = True
            self._seen = journal.known()
            # Not offered again, so not skipped again: the report still names them.
            self.report.skipped.extend(journal.skipped())
            if self.settings.replay_finished:
                self._frontier.extend(journal.finished())
            self._frontier.extend(journal.pending())
            log.info("resuming crawl: %d finished, %d left", len(journal.finished()),
                     len(self._frontier))
            return
        if journal:
            journal.reset()
        for seed in self.seeds:
            self._offer(_Item(seed))

    def _offer(self, item: _Item, parent: str = "") -> None:
        if item.url in self._seen:
            return
        self._seen.add(item.url)
        if not in_scope(item.url, self.scope):
            return  # other sites are not ours to crawl, and not worth listing
        reason = self.guard.reason(item.url, item.hops)
        if not reason and item.depth > self.settings.max_depth:
            reason = f"deeper than max_depth={self.settings.max_depth}"
        if not reason:
            reason = self.fetcher.refusal(item.url)  # robots.txt (cached per site)
        if reason:
            self.report.skipped.append((item.url, reason))
            if self.journal:
                self.journal.mark(item.url, "skipped", reason)
            return
        if self.journal:
            self.journal.add(item)
        self._frontier.append(item)

    def _follow(self, item: _Item, result: FetchResult) -> None:
        base = result.final_url or item.url
        parent_is_archive = bool(date_archive_level(base))
        for link in self.link_extractor(result.text, base):
            url = normalize_url(link, base)
            if not url:
                continue
            hops = self.guard.calendar_hops(url, item.hops, parent_is_archive)
            self._offer(_Item(url, item.depth + 1, hops), parent=base)

    # -- the loop

    def __iter__(self) -> Iterator[FetchResult]:
        return self.run()

    def run(self) -> Iterator[FetchResult]:
        self._load()
        workers = self.fetcher.settings.concurrency
        pool = ThreadPoolExecutor(workers, "mwmigrate-crawl")
        running: dict[Future[FetchResult], _Item] = {}
        try:
            while self._frontier or running:
                self._submit(pool, running, workers * 2)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                interrupt.check()
                for future in done:
                    item = running.pop(future)
                    result = future.result()
                    if self._record(item, result):
                        yield result
            self.report.left_in_frontier = len(self._frontier)
            if self.journal and not self._frontier:
                self.journal.finish()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if self.journal:
                self.journal.close()

    def _submit(self, pool: ThreadPoolExecutor, running: dict[Future[FetchResult], _Item],
                limit: int) -> None:
        while self._frontier and len(running) < limit:
            if self._started >= self.settings.max_pages:
                self.report.limit_reached = True
                return
            item = self._frontier.popleft()
            self._started += 1
            running[pool.submit(self.fetcher.fetch, item.url, replay=item.replay)] = item

    def _record(self, item: _Item, result: FetchResult) -> bool:
        """Journal one result and queue its links; True when it is a page to yield."""
        final = normalize_url(result.final_url) or item.url
        if result.redirects:
            self.report.redirects[item.url] = result.redirects
            self.report.redirected_to[item.url] = final
            self._seen.add(final)
        if not result.ok:
            self.report.failed.append((item.url, result.error or f"HTTP {result.status}"))
            if self.journal:
                self.journal.mark(item.url, "failed", result.error)
            return False
        if result.content_type and result.content_type not in HTML_TYPES:
            why = f"not HTML ({result.content_type})"
            self.report.skipped.append((item.url, why))
            if self.journal:
                self.journal.mark(item.url, "skipped", why)
            return False
        if self.journal:
            self.journal.mark(item.url, "done")
        if final in self._yielded:  # reached before under another URL (a redirect)
            return False
        self._yielded.add(final)
        self._follow(item, result)
        self.report.fetched += 1
        self.report.replayed += item.replay and result.from_cache
        return True
