"""Fetch stage: the only network code. A polite ``requests`` session with retries and limits.

Retries with backoff on 429/5xx and connection errors (honouring ``Retry-After``) come from
urllib3's ``Retry``; a broken body is retried here. Timeouts, a streamed body-size cap, per-host
concurrency and delay, robots.txt (protego) and an on-disk HTTP cache (requests-cache, SQLite,
revalidated with ETag/Last-Modified) are enforced here, so sources only decide *what* to fetch.
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import Message
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import MaxRetryError, ReadTimeoutError
from urllib3.util.retry import Retry

from mwmigrate.errors import FetchError
from mwmigrate.fetchsettings import FetchSettings

log = logging.getLogger(__name__)

_BROKEN = "connection broke"  # prefix of the errors worth another attempt
ROBOTS_AGENT = "mwmigrate"  # the product token matched against robots.txt User-agent lines


@dataclass
class FetchResult:
    """What one GET gave: never raised, the ``error`` says why it failed."""

    url: str
    final_url: str = ""
    status: int | None = None
    # Case-insensitive, as HTTP header names are: servers and proxies send "location",
    # "x-wp-totalpages"... as readily as "Location".
    headers: CaseInsensitiveDict[str] = field(default_factory=CaseInsensitiveDict)
    content: bytes = b""
    text: str = ""
    encoding: str = ""
    encoding_source: str = ""  # "bom", "header", "meta", "xml", "detected", "default"
    redirects: list[tuple[str, int]] = field(default_factory=list)  # hops before final_url
    from_cache: bool = False  # the body came from the on-disk cache
    revalidated: bool = False  # ...after the server answered 304 Not Modified
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.status is not None and 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


class BodyTooLarge(requests.RequestException):
    """The body passed the size cap; never retried."""


class BodyReadError(requests.RequestException):
    """The connection broke while reading the body; retried by ``Fetcher``."""


# --- encoding --------------------------------------------------------------------------------

@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # Python codec name
    source: str  # where the encoding came from
    note: str = ""  # set when a declaration was overruled


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# WHATWG: these labels mean windows-1252, which is what such pages really contain.
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii", "cp1252"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    return msg.get_param("charset")  # type: ignore[return-value]


def _strict(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        if encoding == "cp1252":  # bytes cp1252 leaves undefined are C1 controls in latin-1
            return content.decode("latin-1")
        return None


def decode_body(content: bytes, content_type: str | None = None) -> DecodedText:
    """Decode a page: BOM, then the header charset, then ``<meta charset>`` / the XML
    declaration, then detection (charset_normalizer).

    A declaration that cannot decode the bytes is skipped; a single-byte declaration loses to
    UTF-8 when the body is valid, non-ASCII UTF-8 (which a mislabelled UTF-8 page is, and a
    real Latin-1 page almost never is).
    """
    for bom, name in _BOMS:
        if content.startswith(bom):
            return DecodedText(content.decode(name, errors="replace"), name, "bom")
    head = content[:4096]
    meta = _META_CHARSET.search(head)
    xml = _XML_ENCODING.match(head)
    candidates = [(_codec(header_charset(content_type)), "header"),
                  (_codec(meta.group(1).decode("ascii") if meta else None), "meta"),
                  (_codec(xml.group(1).decode("ascii") if xml else None), "xml")]
    declared = [(enc, src) for enc, src in candidates if enc]
    utf8 = _strict(content, "utf-8") if not content.isascii() else None
    notes: list[str] = []
    for encoding, source in declared:
        if utf8 is not None and encoding != "utf-8" and codecs.lookup(encoding).name != "utf-8":
            if _single_byte(encoding):
                notes.append(f"{source} said {encoding} but the body is UTF-8")
                continue
        text = utf8 if encoding == "utf-8" and utf8 is not None else _strict(content, encoding)
        if text is not None:
            return DecodedText(text, encoding, source, "; ".join(notes))
        notes.append(f"{source} said {encoding} but the body does not decode as it")
    if utf8 is not None:
        return DecodedText(utf8, "utf-8", "detected", "; ".join(notes))
    return _detect(content, "; ".join(notes))


def _single_byte(encoding: str) -> bool:
    try:
        return len(bytes(range(128, 256)).decode(encoding, errors="replace")) == 128
    except LookupError:
        return False


def _detect(content: bytes, note: str) -> DecodedText:
    if content.isascii():
        return DecodedText(content.decode("ascii"), "ascii", "default", note)
    from charset_normalizer import from_bytes

    best = from_bytes(content[:256 * 1024]).best()
    encoding = _codec(best.encoding) if best is not None else None
    if encoding:
        text = _strict(content, encoding)
        if text is not None:
            return DecodedText(text, encoding, "detected", note)
    return DecodedText(content.decode("utf-8", errors="replace"), "utf-8", "default", note)


# --- session ---------------------------------------------------------------------------------

def _retry(settings: FetchSettings) -> Retry:
    return Retry(
        total=settings.retries, connect=settings.retries, read=settings.retries,
        status=settings.retries, backoff_factor=settings.backoff,
        status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET", "HEAD"),
        respect_retry_after_header=True, raise_on_status=False, raise_on_redirect=False,
        backoff_max=settings.max_retry_after,
        # urllib3 sleeps the whole Retry-After; a hostile "Retry-After: 86400" must not hang a run.
        retry_after_max=int(settings.max_retry_after),
    )


def _mount(session: requests.Session, settings: FetchSettings) -> requests.Session:
    size = max(settings.pool, settings.concurrency)
    adapter = HTTPAdapter(max_retries=_retry(settings), pool_connections=size, pool_maxsize=size)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"User-Agent": settings.user_agent, **settings.headers})
    session.max_redirects = settings.max_redirects
    return session


def make_session(settings: FetchSettings | None = None) -> requests.Session:
    """A plain pooled session with retries (no cache): for streaming downloads."""
    return _mount(requests.Session(), settings or FetchSettings())


def make_cached_session(settings: FetchSettings) -> requests.Session:
    """A pooled session whose responses are kept in ``cache_dir/http-cache.sqlite``.

    Every cached response counts as stale after ``cache_fresh_seconds``: one with an ETag or
    Last-Modified is then revalidated (a 304 costs no body), one without is fetched again.
    """
    from requests_cache import CachedSession

    assert settings.cache_dir is not None
    Path(settings.cache_dir).mkdir(parents=True, exist_ok=True)
    session = CachedSession(
        str(Path(settings.cache_dir) / "http-cache"), backend="sqlite", wal=True,
        # 0 would mean "do not store responses without validators"; we store them for resume.
        expire_after=timedelta(seconds=max(settings.cache_fresh_seconds, 1e-6)),
        allowable_codes=(200, 203, 300, 301, 308, 404, 410), allowable_methods=("GET", "HEAD"),
        cache_control=False, match_headers=False,
    )
    return _mount(session, settings)


def _cap_hook(limit: int) -> Callable[..., requests.Response]:
    """A response hook reading the body now, streamed, refusing more than ``limit`` bytes.

    Runs before requests-cache stores the response, so the cache never reads an uncapped body.
    """

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if getattr(response, "from_cache", False) or response._content_consumed:  # noqa: SLF001
            return response
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            response.close()
            raise BodyTooLarge(f"body of {declared} bytes is over the {limit} byte cap")
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    response.close()
                    raise BodyTooLarge(f"body larger than the {limit} byte cap")
                chunks.append(chunk)
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
                requests.exceptions.ContentDecodingError) as exc:
            response.close()
            raise BodyReadError(f"{_BROKEN} while reading the body ({exc})") from exc
        response._content = b"".join(chunks)  # noqa: SLF001
        response._content_consumed = True  # noqa: SLF001
        return response

    return hook


# --- politeness ------------------------------------------------------------------------------

class HostLimiter:
    """At most ``per_host`` requests at once to a host, started at least ``delay`` apart."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host, self.delay = max(1, per_host), delay
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        with self._lock:
            self._delays[host] = max(self.delay, delay)

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def acquire(self, host: str) -> None:
        self._slot(host).acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self._delays.get(host, self.delay)
        if start > now:
            time.sleep(start - now)

    def release(self, host: str) -> None:
        self._slot(host).release()


class RobotsRules:
    """robots.txt per origin (RFC 9309): 4xx allows all, 5xx or unreachable disallows all."""

    def __init__(self, fetch_text: Callable[[str], tuple[int | None, str]]) -> None:
        self._fetch_text = fetch_text
        self._lock = threading.Lock()
        self._parsed: dict[str, Any] = {}  # origin -> Protego | str (reason to refuse)

    def _for(self, origin: str) -> Any:
        with self._lock:
            if origin in self._parsed:
                return self._parsed[origin]
        from protego import Protego

        status, text = self._fetch_text(origin + "/robots.txt")
        if status is not None and 200 <= status < 300:
            rules: Any = Protego.parse(text)
        elif status is not None and 400 <= status < 500:
            rules = Protego.parse("")
        else:
            why = f"HTTP {status}" if status else text or "unreachable"
            rules = f"robots.txt unavailable ({why}): the site asks not to be crawled"
        with self._lock:
            return self._parsed.setdefault(origin, rules)

    def refusal(self, url: str) -> str:
        """Why robots.txt forbids ``url`` ("" when allowed)."""
        parts = urlsplit(url)
        rules = self._for(f"{parts.scheme}://{parts.netloc}")
        if isinstance(rules, str):
            return rules
        if rules.can_fetch(url, ROBOTS_AGENT):
            return ""
        return "disallowed by robots.txt"

    def crawl_delay(self, origin: str) -> float:
        rules = self._for(origin)
        return 0.0 if isinstance(rules, str) else float(rules.crawl_delay(ROBOTS_AGENT) or 0.0)

    def sitemaps(self, origin: str) -> list[str]:
        rules = self._for(origin)
        return [] if isinstance(rules, str) else list(rules.sitemaps)


# --- the fetcher -----------------------------------------------------------------------------

_REPLAY_HEADERS = {"Cache-Control": "only-if-cached,max-stale=315360000"}


class Fetcher:
    """GET with limits. ``fetch`` returns a ``FetchResult`` (never raises for a bad URL);
    ``get``/``download`` raise ``FetchError`` and stream (downloads are never cached)."""

    def __init__(self, settings: FetchSettings | None = None,
                 session: requests.Session | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.session = session or make_session(self.settings)  # streaming, uncached
        self.pages = (make_cached_session(self.settings) if self.settings.cache_dir
                      else make_session(self.settings))
        self.pages.hooks["response"].append(_cap_hook(self.settings.max_page_bytes))
        self.limiter = HostLimiter(self.settings.per_host, self.settings.delay)
        self.robots = RobotsRules(self._robots_text)
        self.requests_sent = 0  # responses that came from the network, not the cache
        self._count_lock = threading.Lock()
        self._delay_set: set[str] = set()

    def close(self) -> None:
        self.pages.close()
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- robots & politeness

    def _robots_text(self, url: str) -> tuple[int | None, str]:
        host = urlsplit(url).netloc.lower()
        self.limiter.acquire(host)
        try:
            result = self._attempt(url, {})
        finally:
            self.limiter.release(host)
        if result.error and result.status is None:
            return None, result.error
        return result.status, result.content.decode("utf-8", errors="replace")

    def refusal(self, url: str) -> str:
        """Why robots.txt forbids ``url`` ("" when allowed or robots are ignored)."""
        if not self.settings.obey_robots:
            return ""
        return self.robots.refusal(url)

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if self.settings.obey_robots and host not in self._delay_set:
            with self._count_lock:
                self._delay_set.add(host)
            delay = min(self.robots.crawl_delay(f"{parts.scheme}://{parts.netloc}"),
                        self.settings.max_crawl_delay)
            self.limiter.set_delay(host, delay)
        return host

    # -- pages

    def fetch(self, url: str, *, replay: bool = False, follow_redirects: bool = True
              ) -> FetchResult:
        """GET ``url`` into memory (capped), decoded; ``replay`` serves it from the cache
        without asking the server when it is there (a resumed crawl's finished pages).
        ``follow_redirects=False`` returns a 3xx answer as it is (its Location header): for a
        probe, a redirect is the answer."""
        refusal = self.refusal(url)
        if refusal:
            return FetchResult(url=url, error=refusal)
        return self._fetch(url, replay=replay, follow=follow_redirects)

    def _fetch(self, url: str, *, replay: bool, follow: bool = True) -> FetchResult:
        if replay and self.settings.cache_dir:
            cached = self._attempt(url, _REPLAY_HEADERS, follow)
            if cached.from_cache and not cached.error:
                return cached
        host = self._host(url)
        result = FetchResult(url=url)
        for attempt in range(self.settings.retries + 1):
            if attempt:
                time.sleep(min(self.settings.backoff * 2 ** (attempt - 1),
                               self.settings.max_retry_after))
            self.limiter.acquire(host)
            try:
                result = self._attempt(url, {}, follow)
            finally:
                self.limiter.release(host)
            if not result.error.startswith(_BROKEN):
                break
        return result

    def _attempt(self, url: str, headers: dict[str, str], follow: bool = True) -> FetchResult:
        try:
            response = self.pages.get(url, timeout=self.settings.timeout, headers=headers,
                                      allow_redirects=follow)
        except requests.exceptions.TooManyRedirects as exc:
            hops = _hops(exc.response) if exc.response is not None else []
            return FetchResult(url=url, error=f"redirect loop ({len(hops)} hops)", redirects=hops)
        except (BodyTooLarge, BodyReadError) as exc:
            return FetchResult(url=url, error=str(exc))
        except requests.exceptions.RequestException as exc:
            return FetchResult(url=url, error=self._describe(exc))
        from_cache = bool(getattr(response, "from_cache", False))
        revalidated = bool(getattr(response, "revalidated", False))
        if headers and response.status_code == 504 and not from_cache:
            return FetchResult(url=url, error="not cached")
        if not from_cache or revalidated:
            with self._count_lock:
                self.requests_sent += 1
        result = self._result(url, response)
        result.from_cache, result.revalidated = from_cache, revalidated
        return result

    def _result(self, url: str, response: requests.Response) -> FetchResult:
        result = FetchResult(
            url=url, final_url=response.url, status=response.status_code,
            headers=CaseInsensitiveDict(response.headers), content=response.content,
            redirects=_hops(response))
        if response.status_code >= 400:
            retried = " after retries" if response.status_code in (429, 500, 502, 503, 504) else ""
            result.error = f"HTTP {response.status_code}{retried}"
        if result.content and _is_text(result.content_type):
            decoded = decode_body(result.content, response.headers.get("Content-Type"))
            result.text, result.encoding = decoded.text, decoded.encoding
            result.encoding_source = decoded.source
            if decoded.note:
                log.info("%s: %s", url, decoded.note)
        return result

    def _describe(self, exc: requests.RequestException) -> str:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, MaxRetryError):
            reason = reason.reason
        tries = f" ({self.settings.retries + 1} attempts)"
        if isinstance(exc, requests.exceptions.Timeout) or isinstance(reason, ReadTimeoutError):
            return f"timed out after {self.settings.timeout:g}s{tries}"
        if isinstance(exc, requests.exceptions.RetryError):
            return f"gave up after {self.settings.retries} retries"
        if isinstance(exc, requests.exceptions.ConnectionError):
            return f"connection failed{tries}: {reason.__class__.__name__}"
        return f"request failed: {exc.__class__.__name__}: {exc}"

    def fetch_many(self, urls: Iterable[str], *, replay: Callable[[str], bool] | None = None
                   ) -> Iterator[FetchResult]:
        """Fetch concurrently (``concurrency`` threads, ``per_host`` each); results as they end."""
        with ThreadPoolExecutor(self.settings.concurrency, "mwmigrate-fetch") as pool:
            pending: set[Future[FetchResult]] = set()
            for url in urls:
                pending.add(pool.submit(self.fetch, url,
                                        replay=bool(replay and replay(url))))
                if len(pending) >= self.settings.concurrency * 2:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (f.result() for f in done)
            for future in pending:
                yield future.result()

    # -- streaming API (media downloads)

    def get(self, url: str) -> requests.Response:
        refusal = self.refusal(url)
        if refusal:
            raise FetchError(refusal, url=url, hint="pass --ignore-robots to override")
        host = self._host(url)
        self.limiter.acquire(host)
        try:
            response = self.session.get(url, timeout=self.settings.timeout, stream=True)
        except requests.exceptions.TooManyRedirects as exc:
            raise FetchError("redirect loop", url=url) from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(self._describe(exc), url=url) from exc
        finally:
            self.limiter.release(host)
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


def _hops(response: requests.Response) -> list[tuple[str, int]]:
    return [(hop.url, hop.status_code) for hop in response.history]


def _is_text(content_type: str) -> bool:
    return (not content_type or content_type.startswith("text/")
            or content_type.endswith(("+xml", "/xml", "/json", "+json", "javascript")))
