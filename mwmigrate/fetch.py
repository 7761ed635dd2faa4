"""Fetch stage: the only network code. A polite ``requests`` session with retries and limits.

Retries with backoff on 429/5xx and connection errors (honouring ``Retry-After``) come from
urllib3's ``Retry``; timeouts and a body-size cap are enforced here, so a dead or hostile server
costs a bounded amount of time and memory.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import IO

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from mwmigrate import __version__
from mwmigrate.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = f"mwmigrate/{__version__} (+WordPress archival tool; honours robots.txt)"


@dataclass
class FetchSettings:
    """Defaults in one place (scrapy's lesson); every one can be changed from the CLI."""

    timeout: float = 20.0  # seconds, connect and read
    retries: int = 4
    backoff: float = 0.5  # seconds; doubles per retry
    max_retry_after: float = 60.0  # a longer Retry-After is treated as a failure
    max_bytes: int = 200 * 1024 * 1024  # body cap
    delay: float = 0.0  # politeness: seconds between requests to one host
    user_agent: str = USER_AGENT
    pool: int = 4
    headers: dict[str, str] = field(default_factory=dict)


def make_session(settings: FetchSettings | None = None) -> requests.Session:
    settings = settings or FetchSettings()
    retry = Retry(
        total=settings.retries, connect=settings.retries, read=settings.retries,
        status=settings.retries, backoff_factor=settings.backoff,
        status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET", "HEAD"),
        respect_retry_after_header=True, raise_on_status=False, raise_on_redirect=False,
        backoff_max=settings.max_retry_after,
        # urllib3 sleeps the whole Retry-After; a hostile "Retry-After: 86400" must not hang a run.
        retry_after_max=int(settings.max_retry_after),
    )
    adapter = HTTPAdapter(max_retries=retry, pool_connections=settings.pool,
                          pool_maxsize=settings.pool)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"User-Agent": settings.user_agent, **settings.headers})
    return session


class Fetcher:
    """GET with limits; streams bodies to a file or to memory under the size cap."""

    def __init__(self, settings: FetchSettings | None = None,
                 session: requests.Session | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.session = session or make_session(self.settings)
        self._last: dict[str, float] = {}

    def _polite(self, url: str) -> None:
        if self.settings.delay <= 0:
            return
        host = requests.utils.urlparse(url).netloc
        wait = self._last.get(host, 0.0) + self.settings.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def get(self, url: str) -> requests.Response:
        self._polite(url)
        try:
            response = self.session.get(url, timeout=self.settings.timeout, stream=True)
        except requests.exceptions.RetryError as exc:
            raise FetchError(f"gave up after {self.settings.retries} retries ({exc})", url=url) from exc
        except requests.exceptions.Timeout as exc:
            raise FetchError(f"timed out after {self.settings.timeout:g}s", url=url) from exc
        except requests.exceptions.TooManyRedirects as exc:
            raise FetchError("redirect loop", url=url) from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"request failed: {exc.__class__.__name__}: {exc}", url=url) from exc
        if response.status_code >= 400:
            response.close()
            raise FetchError(f"HTTP {response.status_code}", url=url, status=response.status_code)
        return response

    def download(self, url: str, sink: IO[bytes]) -> int:
        """Stream a body into ``sink``; return its size. Refuses bodies over the cap."""
        response = self.get(url)
        size = 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise FetchError(f"body larger than the {self.settings.max_bytes} byte cap",
                                     url=url, hint="raise --max-bytes if this file is wanted")
                sink.write(chunk)
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"connection broke during download: {exc}", url=url) from exc
        finally:
            response.close()
        return size
