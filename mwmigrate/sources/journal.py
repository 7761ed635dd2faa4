"""Discovery's resume journal: what the REST, sitemap and feed sources got from the server in a
run that did not finish, so the run that resumes it does not ask for any of it again.

``JournalledFetcher`` stands between those sources and ``fetch.Fetcher``. Each answer is
journalled (SQLite, one transaction per answer) as soon as it arrives; on resume a journalled
URL is answered without the server: a 200 from the on-disk HTTP cache (which already holds its
body), any other definitive answer (404 at the end of a feed, 400 past the last REST page, 401
from a locked API) from the journal itself. A fresh run empties the journal; a finished run
deletes it, so a completed run leaves nothing that could make the next one stale.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from mwmigrate.fetch import Fetcher, FetchResult, RobotsRules

log = logging.getLogger(__name__)

#: Answers worth trying again on resume rather than replaying: the server may be well now.
TRANSIENT = frozenset((408, 425, 429, 500, 502, 503, 504))
#: Statuses ``Fetcher.fetch(replay=True)`` serves from the HTTP cache; others are kept here.
CACHE_REPLAYS = frozenset((200, 203))


def journal_path(cache_dir: Path, site_url: str) -> Path:
    """One discovery journal per site in the run's cache folder."""
    key = hashlib.sha256(site_url.encode()).hexdigest()[:12]
    return Path(cache_dir) / f"discovery-{key}.sqlite"


def fingerprint(site_url: str, options: dict[str, Any]) -> str:
    """What must be equal for a journal to be reused: the site and the run's options."""
    return json.dumps({"site": site_url, "options": options}, sort_keys=True, default=str)


class DiscoveryJournal:
    """The answers one unfinished run got, in SQLite (WAL: a killed process loses at most the
    answer it was writing, and then that URL is simply asked again)."""

    def __init__(self, path: Path, key: str, *, resume: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable across a kill, not a power cut
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.execute("CREATE TABLE IF NOT EXISTS answers (url TEXT PRIMARY KEY, seq INTEGER,"
                        " status INTEGER, result BLOB)")
        row = self.db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        self.resumed = bool(resume and row and row[0] == key)
        if not self.resumed:
            with self.db:
                self.db.execute("DELETE FROM answers")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (key,))
        self.kept = self.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def answer(self, url: str) -> tuple[int, FetchResult | None] | None:
        """``(status, result)`` journalled for ``url``; ``result`` is None when the HTTP cache
        holds it. None when this run sequence has not had an answer for ``url``."""
        with self._lock:
            row = self.db.execute("SELECT status, result FROM answers WHERE url=?",
                                  (url,)).fetchone()
        if row is None:
            return None
        return row[0], (pickle.loads(row[1]) if row[1] is not None else None)

    def record(self, url: str, result: FetchResult) -> None:
        """Journal a definitive answer (not a network failure, not a 429/5xx)."""
        if result.status is None or result.status in TRANSIENT:
            return
        blob = None if result.status in CACHE_REPLAYS else pickle.dumps(result)
        with self._lock, self.db:
            self.db.execute("INSERT OR REPLACE INTO answers VALUES (?, (SELECT COALESCE(MAX(seq),"
                            " 0) + 1 FROM answers), ?, ?)", (url, result.status, blob))

    def close(self) -> None:
        self.db.close()

    def discard(self) -> None:
        """Remove the journal (a finished run): the next run asks the server afresh."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


class JournalledFetcher:
    """``Fetcher.fetch`` for the discovery sources, through a ``DiscoveryJournal``.

    Shares the wrapped fetcher's session, politeness and robots.txt rules; only ``fetch`` is
    different. ``replayed`` counts the answers served without asking the server.
    """

    def __init__(self, fetcher: Fetcher, journal: DiscoveryJournal) -> None:
        self.fetcher, self.journal = fetcher, journal
        self.settings = fetcher.settings
        self.robots: RobotsRules = fetcher.robots
        self.replayed = 0

    def refusal(self, url: str) -> str:
        return self.fetcher.refusal(url)

    def fetch(self, url: str, *, replay: bool = False, follow_redirects: bool = True
              ) -> FetchResult:
        # An answer without its redirects followed is another answer: journalled apart.
        key = url if follow_redirects else f"{url} (redirects not followed)"
        kept = self.journal.answer(key)
        if kept is not None:
            status, result = kept
            if result is None:  # a 200: its body is in the HTTP cache
                result = self.fetcher.fetch(url, replay=True, follow_redirects=follow_redirects)
                if result.from_cache and result.status == status:
                    self.replayed += 1
                    return result
                log.info("%s: not in the cache any more, asked again", url)
                self.journal.record(key, result)
                return result
            self.replayed += 1
            return replace(result)
        result = self.fetcher.fetch(url, replay=replay, follow_redirects=follow_redirects)
        self.journal.record(key, result)
        return result


#: What the discovery sources accept: the fetcher itself, or the journalled one.
DiscoveryFetcher = Fetcher | JournalledFetcher
