"""The fetch stage's settings, apart from the stage itself (mwmigrate.fetch).

A migration from a WXR file names these settings (for --download-media) without fetching
anything; keeping them out of mwmigrate.fetch keeps ``requests`` (11 MB per process) out of
such a run and of each of its worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mwmigrate import __version__

USER_AGENT = f"mwmigrate/{__version__} (+WordPress archival tool; honours robots.txt)"


@dataclass
class FetchSettings:
    """Defaults in one place (scrapy's lesson); every one can be changed from the CLI."""

    timeout: float = 20.0  # seconds, connect and read
    retries: int = 4
    backoff: float = 0.5  # seconds; doubles per retry
    max_retry_after: float = 60.0  # a longer Retry-After is capped to this
    max_bytes: int = 200 * 1024 * 1024  # body cap for downloads (media)
    max_page_bytes: int = 20 * 1024 * 1024  # body cap for pages held in memory
    delay: float = 0.0  # politeness: seconds between requests to one host
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay above this is capped
    concurrency: int = 4  # worker threads of fetch_many
    per_host: int = 2  # simultaneous requests to one host
    user_agent: str = USER_AGENT
    pool: int = 4
    max_redirects: int = 10
    obey_robots: bool = True  # False only on the user's explicit --ignore-robots
    cache_dir: Path | None = None  # on-disk HTTP cache; None = no cache
    cache_fresh_seconds: float = 0.0  # reuse without asking the server for this long
    headers: dict[str, str] = field(default_factory=dict)
