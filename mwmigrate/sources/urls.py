"""Discovery helpers: URL normalisation and crawl-trap rules (pure functions, no network).

Every source and the crawler put URLs through ``normalize_url`` before comparing or storing
them, and the crawler asks ``TrapGuard.reason`` before queueing a link.
"""

from __future__ import annotations

import mimetypes
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from posixpath import splitext
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

#: Query parameters dropped by normalisation: they never change what WordPress serves.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
    "_ga", "_gl", "igshid", "ref_src", "phpsessid", "sid", "jsessionid", "sessionid",
    "session_id", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "spm",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are in a path segment (RFC 3986 pchar without "/").
_PATH_SAFE = "!$&'()*+,;=:@-._~"
_QUERY_SAFE = "!$'()*,;:@/?-._~"


def normalize_url(url: str, base: str | None = None) -> str:
    """Canonical form of ``url`` (resolved against ``base``): the key for "seen before?".

    Lowercase scheme and host, no default port, no fragment, dot segments resolved,
    percent-escapes in one case, tracking/session parameters removed, query sorted.
    Returns "" for a URL that is not http(s).
    """
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    host = parts.hostname.rstrip(".").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, _normalize_path(parts.path),
                       _normalize_query(parts.query), ""))


def _normalize_path(path: str) -> str:
    segments: list[str] = []
    raw = path.split("/") if path else [""]
    for segment in raw[1:] if raw[0] == "" else raw:
        if segment == ".":
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        decoded = unquote(segment, errors="surrogateescape")
        segments.append(quote(decoded, safe=_PATH_SAFE, errors="surrogateescape"))
    trailing = raw[-1] in ("", ".", "..") and len(raw) > 1
    joined = "/" + "/".join(segments)
    if trailing and not joined.endswith("/"):
        joined += "/"
    return joined


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _normalize_query(query: str) -> str:
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True, errors="surrogateescape")
    kept = sorted((k, v) for k, v in pairs if k and not _is_tracking(k))
    return urlencode(kept, quote_via=_quote_query)


def _quote_query(value: str, safe: str = "", encoding: str | None = None,
                 errors: str | None = None) -> str:
    return quote(value, safe=_QUERY_SAFE, errors="surrogateescape")


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a normalised URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def in_scope(url: str, scope: str) -> bool:
    """Same origin as ``scope`` and under its path (a site installed in /blog/ stays there)."""
    if origin(url) != origin(scope):
        return False
    prefix = urlsplit(scope).path or "/"
    if not prefix.endswith("/"):
        prefix = prefix.rsplit("/", 1)[0] + "/"
    return (urlsplit(url).path or "/").startswith(prefix)


# --- crawl traps -------------------------------------------------------------------------------

#: Query parameters whose links are actions, duplicates or endless variations, never content.
TRAP_PARAMS = {
    "replytocom": "comment reply link (?replytocom=) duplicates the post",
    "share": "share button (?share=)",
    "_wpnonce": "nonce link (an action, not a page)",
    "nonce": "nonce link (an action, not a page)",
    "_wp_http_referer": "admin form link",
    "action": "action link (?action=)",
    "redirect_to": "login redirect link",
    "preview": "preview link",
    "preview_id": "preview link",
    "s": "search results (endless query space)",
    "orderby": "sort variant of a listing",
    "order": "sort variant of a listing",
    "like_comment": "like button",
    "add-to-cart": "shop action",
    "ical": "calendar export",
    "outlook-ical": "calendar export",
    "tribe-bar-date": "events calendar date picker",
    "eventdisplay": "events calendar view switch",
    "doing_wp_cron": "cron trigger",
    "amp": "AMP duplicate of a page",
    "print": "print view duplicate",
    "format": "alternate format duplicate",
    "replyto": "comment reply link",
    "unapproved": "comment moderation link",
    "moderation-hash": "comment moderation link",
}

#: Public query vars of WP_Query (wp-includes/class-wp.php) that address content.
WP_QUERY_VARS = frozenset({
    "p", "page_id", "attachment_id", "cat", "tag", "author", "author_name", "m", "paged",
    "page", "cpage", "year", "monthnum", "day", "w", "name", "pagename", "category_name",
    "post_type", "taxonomy", "term", "tag_id", "attachment", "post_format", "lang",
})

#: Paths that are never pages of content (admin, login, APIs, feeds, embeds).
TRAP_PATH_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"/wp-admin(/|$)", "admin screen"),
    (r"/wp-login\.php$", "login screen"),
    (r"/wp-signup\.php$", "signup screen"),
    (r"/wp-activate\.php$", "signup screen"),
    (r"/xmlrpc\.php$", "XML-RPC endpoint"),
    (r"/wp-json(/|$)", "REST API (read by the REST source)"),
    (r"/wp-includes/", "WordPress library file"),
    (r"/wp-content/(?!uploads/)", "theme or plugin file"),
    (r"/wp-cron\.php$", "cron trigger"),
    (r"/(comments/)?feed(/[a-z0-9]+)?/?$", "feed (read by the feed source)"),
    (r"/trackback/?$", "trackback endpoint"),
    (r"/embed/?$", "oEmbed iframe duplicate"),
    (r"/amp/?$", "AMP duplicate of a page"),
)

#: Extensions of files that are media or downloads, not HTML pages.
MEDIA_EXTENSIONS = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf", ".csv",
    ".zip", ".gz", ".tgz", ".rar", ".7z", ".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".m4v",
    ".mov", ".webm", ".avi", ".wmv", ".css", ".js", ".json", ".woff", ".woff2", ".ttf", ".eot",
    ".exe", ".dmg", ".apk", ".epub", ".txt",
})

_DATE_SEGMENTS = re.compile(
    r"^(?P<prefix>(?:/[^/]+)*?)/(?P<y>\d{4})(?:/(?P<m>\d{2})(?:/(?P<d>\d{2}))?)?"
    r"(?:/page/\d+)?/?$")
_PAGE_PATH = re.compile(r"/page/(\d+)/?$")
_CALENDAR_M = re.compile(r"^\d{4}(\d{2}(\d{2})?)?$")


@dataclass
class TrapRules:
    """Crawl-trap limits; defaults suit a WordPress site of a few thousand posts."""

    date_archive_depth: int = 2  # 1 = year archives, 2 = + month, 3 = + day archives
    min_year: int = 1995
    max_year: int = field(default_factory=lambda: date.today().year + 1)
    max_calendar_hops: int = 12  # date archive reached from date archive, consecutively
    max_pagination: int = 1000  # /page/N/ or ?paged=N above this is a trap
    max_query_params: int = 3
    max_query_variants: int = 25  # distinct query strings per path
    max_path_length: int = 400
    max_segment_repeats: int = 2  # /a/b/a/b/a/ ...
    blocked_params: dict[str, str] = field(default_factory=lambda: dict(TRAP_PARAMS))
    allowed_params: frozenset[str] = frozenset()  # overrides blocked_params


def date_archive_level(url: str) -> int:
    """0 for not a date archive, else 1 (year), 2 (month) or 3 (day); ``?m=`` counts too."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "m" in query and _CALENDAR_M.match(query["m"]):
        return len(query["m"]) // 2 - 1
    match = _DATE_SEGMENTS.match(parts.path)
    if not match or match["prefix"].endswith("/page"):  # /page/2019/ is pagination
        return 0
    return 3 if match["d"] else 2 if match["m"] else 1


def _archive_year(url: str) -> int | None:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "m" in query and _CALENDAR_M.match(query["m"]):
        return int(query["m"][:4])
    match = _DATE_SEGMENTS.match(parts.path)
    return int(match["y"]) if match and not match["prefix"].endswith("/page") else None


def static_trap_reason(url: str, rules: TrapRules) -> str | None:
    """Why ``url`` (normalised) is not worth fetching as a page, from the URL alone; or None."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if len(url) > rules.max_path_length:
        return f"URL longer than {rules.max_path_length} characters"
    for pattern, why in TRAP_PATH_PATTERNS:
        if re.search(pattern, path):
            return why
    if splitext(path)[1].lower() in MEDIA_EXTENSIONS:
        return "media or download, not a page"
    query = parse_qsl(parts.query, keep_blank_values=True)
    for key, _ in query:
        low = key.lower()
        if low in rules.blocked_params and low not in rules.allowed_params:
            return rules.blocked_params[low]
        if low == "feed":
            return "feed (read by the feed source)"
    if len(query) > rules.max_query_params:
        return f"more than {rules.max_query_params} query parameters"
    return _repeat_reason(path, rules) or _date_reason(url, rules) or _paging_reason(url, rules)


def _repeat_reason(path: str, rules: TrapRules) -> str | None:
    segments = [s for s in path.split("/") if s]
    counts: dict[str, int] = defaultdict(int)
    for s in segments:
        counts[s] += 1
        if counts[s] > rules.max_segment_repeats and not s.isdigit():
            return f"path segment {s!r} repeats more than {rules.max_segment_repeats} times"
    return None


def _date_reason(url: str, rules: TrapRules) -> str | None:
    level = date_archive_level(url)
    if not level:
        return None
    if level > rules.date_archive_depth:
        names = {1: "year", 2: "month", 3: "day"}
        return f"{names[level]} archive deeper than date_archive_depth={rules.date_archive_depth}"
    year = _archive_year(url)
    if year is not None and not rules.min_year <= year <= rules.max_year:
        return f"date archive for {year}, outside {rules.min_year}-{rules.max_year}"
    return None


def page_number(url: str) -> int:
    """The archive page number of ``/page/N/`` or ``?paged=N`` (1 when neither)."""
    parts = urlsplit(url)
    match = _PAGE_PATH.search(parts.path)
    if match:
        return int(match.group(1))
    paged = dict(parse_qsl(parts.query)).get("paged", "")
    return int(paged) if paged.isdigit() else 1


def _paging_reason(url: str, rules: TrapRules) -> str | None:
    if page_number(url) > rules.max_pagination:
        return f"pagination beyond page {rules.max_pagination}"
    return None


class TrapGuard:
    """The stateful trap rules: calendar chains and endless query variants of one path."""

    def __init__(self, rules: TrapRules | None = None) -> None:
        self.rules = rules or TrapRules()
        self._variants: dict[str, set[str]] = defaultdict(set)

    def calendar_hops(self, url: str, parent_hops: int, parent_is_archive: bool) -> int:
        """Consecutive date-archive links followed to reach ``url`` (0 when it is none)."""
        if not date_archive_level(url):
            return 0
        return parent_hops + 1 if parent_is_archive else 1

    def reason(self, url: str, hops: int = 0) -> str | None:
        why = static_trap_reason(url, self.rules)
        if why:
            return why
        if hops > self.rules.max_calendar_hops:
            return f"calendar chain longer than {self.rules.max_calendar_hops} date archives"
        parts = urlsplit(url)
        # WordPress's own query vars (?p=, ?cat=, ?paged=...) address content: a site without
        # pretty permalinks is nothing but them. Other parameters count as variants.
        other = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if k.lower() not in WP_QUERY_VARS]
        if other:
            key = urlencode(other)
            seen = self._variants[parts.path]
            if key not in seen and len(seen) >= self.rules.max_query_variants:
                return f"more than {self.rules.max_query_variants} query variants of {parts.path}"
            seen.add(key)
        return None


# The standard library's table only, not the machine's /etc/mime.types (mimetypes.guess_type
# reads it): the same file gets the same type on every machine, so archives stay identical.
_MIME = mimetypes.MimeTypes()
_EXTRA_MIME = {".webp": "image/webp", ".avif": "image/avif", ".heic": "image/heic",
               ".svg": "image/svg+xml", ".ogg": "audio/ogg"}


def mime_of(url: str) -> str:
    """The MIME type WordPress gives a file: the one of its extension (wp_check_filetype())."""
    try:
        path = urlsplit(url).path.lower()
    except ValueError:  # "http://[broken/x.jpg": guess from the raw text
        path = url.split("?", 1)[0].lower()
    return _MIME.guess_type(path)[0] or _EXTRA_MIME.get(path[path.rfind("."):], "")
