"""Archive stage: turning untrusted names (slugs, titles, URLs) into safe relative paths.

Every path the archive writes goes through ``safe_component`` / ``join_safe``; nothing derived
from input data can escape the output folder or name a device, whatever the slug holds.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import SplitResult, unquote, urlsplit

from slugify import slugify

from mwmigrate.errors import UnsafePathError

_MAX_COMPONENT_BYTES = 120  # leaves room for suffixes and extensions under the usual 255 limit
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def safe_component(name: str, fallback: str = "untitled") -> str:
    """One path segment: readable (Unicode kept), no separators, dots or device names."""
    text = unicodedata.normalize("NFC", unquote(name)).strip()
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r"\s+", "-", text).strip(".- ")
    if not text or _WINDOWS_RESERVED.match(text):
        text = slugify(name) or fallback
    encoded = text.encode("utf-8")
    if len(encoded) > _MAX_COMPONENT_BYTES:
        text = encoded[:_MAX_COMPONENT_BYTES].decode("utf-8", "ignore").rstrip(".- ")
    text = text or fallback
    if _WINDOWS_RESERVED.match(text):
        text += "_"  # "con" -> "con_": never a Windows device name, even with an extension
    return text


def slug_for(slug: str, title: str, wp_id: int) -> str:
    """WordPress's own slug when there is one (percent-decoded), else one made from the title."""
    chosen = unquote(slug).strip() if slug else ""
    if not chosen:
        chosen = slugify(title, max_length=80) if title else ""
    return safe_component(chosen, fallback=f"post-{wp_id}") if chosen else f"post-{wp_id}"


def join_safe(*parts: str) -> str:
    """Join already-safe components; refuse anything absolute or climbing out."""
    joined = "/".join(parts)
    segments = joined.split("/")
    if not parts or any(s in ("..", ".", "") for s in segments):
        raise UnsafePathError(f"refusing unsafe archive path {str(PurePosixPath(*parts))!r}")
    return joined  # (no empty, "." or ".." segment: what PurePosixPath would make of it)


def _urlsplit(url: str) -> SplitResult:
    """urlsplit that never raises: with a broken host ("http://[x/a.jpg") the path is kept."""
    try:
        return urlsplit(url)
    except ValueError:
        without_host = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "", url)
        return urlsplit("/" + without_host.lstrip("/"))


# WordPress's query vars that name one post, page or attachment by themselves: a URL whose
# query holds one is a plain permalink (``?p=N``, ``?page_id=N``), its path only the home's.
_POST_QUERY = re.compile(r"(?:^|&)(?:p|page_id|attachment_id|post_type|name|pagename|attachment)=")


def url_path(url: str) -> str:
    """The path of a URL, ``/`` terminated like WordPress permalinks ("" when it has none).

    A plain permalink keeps its query: ``/?p=12``, and ``/blog/?p=12`` where WordPress is in
    a folder (its path alone is the home's, the site's front page)."""
    if not url:
        return ""
    parts = _urlsplit(url)
    path = parts.path or "/"
    if parts.query and (path in ("", "/") or _POST_QUERY.search(parts.query)):
        return ("/" if path == "" else path) + "?" + parts.query
    return path


def clean_permalink(path: str) -> str:
    """A permalink path as a new site should spell it: percent-decoded, single slashes.

    WordPress stores non-ASCII slugs percent-encoded and some exports carry ``//`` after the
    host; static site generators want the readable form (servers decode requests to match it).
    """
    decoded = unquote(path) if "%" in path else path
    if "//" in decoded:
        decoded = re.sub(r"/{2,}", "/", decoded)
    if not decoded.startswith("/"):
        decoded = "/" + decoded
    return decoded


def media_path(url: str, wp_id: int) -> str:
    """Where a downloaded media file lives in the archive: ``media/<upload path>``."""
    path = _urlsplit(url).path
    m = re.search(r"/(?:wp-content/uploads|files)/(.+)$", path)
    rel = m.group(1) if m else path.rsplit("/", 1)[-1]
    comps = [safe_component(c) for c in rel.split("/") if c and c not in (".", "..")]
    if not comps:
        comps = [f"media-{wp_id}"]
    return join_safe("media", *comps)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEGMENT = re.compile(r"[^/?#\s\\\x00-\x1f\x7f]+")


def earlier_paths(url: str, slug: str, date: str, old_slugs: object, old_dates: object) -> list[str]:
    """The URL paths WordPress still sends to a post after it was renamed or redated
    (wp_old_slug_redirect): its permalink with an earlier slug (``_wp_old_slug``), an earlier
    date (``_wp_old_date``, YYYY-MM-DD) in place of the date parts it shows, or both; checked
    against a real WordPress 6.1 (tests/realwp/test_earlier_urls.py).

    Read off the post's own URL: the slug must be its last segment and the date parts
    (/YYYY/MM/DD/, /YYYY/MM/ or /YYYY/) must be those of ``date``; a URL that does not show them
    (``?p=N``, another structure) gives none. Paths come back percent-decoded
    (:func:`clean_permalink`), earlier slugs first, without repeats or the current path.
    """
    path = url_path(url)
    if not path.startswith("/") or "?" in path or not slug:
        return []
    current = clean_permalink(path)
    trailing = "/" if path.endswith("/") else ""
    head, _, last = path.rstrip("/").rpartition("/")
    slugs = [last] if unquote(last) == unquote(slug) else []
    if slugs:
        for old in _strings(old_slugs):
            # (checked decoded: "%2e%2e" or "%0a" must not become a path step or a line)
            if _SEGMENT.fullmatch(unquote(old)) and unquote(old) not in (".", ".."):
                slugs.append(old)
    heads = [head]
    if len(date) >= 10 and _DAY.fullmatch(date[:10]):
        y, m, d = date[:4], date[5:7], date[8:10]
        for old in _strings(old_dates):
            if not _DAY.fullmatch(old):
                continue
            oy, om, od = old.split("-")
            for shown, earlier in ((f"/{y}/{m}/{d}/", f"/{oy}/{om}/{od}/"), (f"/{y}/{m}/", f"/{oy}/{om}/"),
                                   (f"/{y}/", f"/{oy}/")):
                if shown in head + "/":
                    heads.append((head + "/").replace(shown, earlier, 1)[:-1])
                    break
    if not slugs:  # the slug is not in the URL: only the date can be replaced
        slugs = [last]
    out: list[str] = []
    for h in heads:
        for s in slugs:
            cleaned = clean_permalink(f"{h}/{s}{trailing}")
            if cleaned != current and cleaned not in out:
                out.append(cleaned)
    return out


def _strings(value: object) -> list[str]:
    """A meta value as the list of its (stripped) strings: a key may repeat (a list)."""
    return [v.strip() for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


_UNSAFE_PATH = re.compile(r"[\s\x00-\x1f\x7f]|(?:^|/)\.\.?(?:/|$)")


def redirectable(path: str) -> bool:
    """Whether a (decoded) path can be a redirect's source or an alias as it is: no spaces or
    control characters (they would end a line of a _redirects or nginx file) and no "." or
    ".." steps."""
    return bool(path) and not _UNSAFE_PATH.search(path)
