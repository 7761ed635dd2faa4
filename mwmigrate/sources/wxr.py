"""Source stage: read a WordPress eXtended RSS (WXR) export, streaming.

``iter_wxr`` walks the file once, feeding it to lxml's parser in chunks, and yields model objects
(Author, Term, Post, Media, RawMenuItem and finally Site) while clearing what it has read, so
memory stays flat whatever the file size (``WXRReader._parse_pushed``; with --recover, and for a
document without an XML declaration, ``lxml.etree.iterparse``: ``WXRReader._parse``).
``read_wxr_index`` is the cheap first pass the pipeline needs before rendering (attachments for
galleries, titles and links for menus, the page tree for paths).
"""

from __future__ import annotations

import codecs
import gzip
import html
import io
import logging
import math
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote

import phpserialize
from lxml import etree
from slugify import slugify

from mwmigrate.errors import WXRError
from mwmigrate.model import Author, Comment, Media, Post, Site, Term
from mwmigrate.sources.urls import mime_of
from mwmigrate.sources.xmlclean import LEAD_WINDOW, SanitizingReader, document_start, stray_excerpt

log = logging.getLogger(__name__)

_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_WFW_NS = "http://wellformedweb.org/CommentAPI/"
_ZERO_DATE = "0000-00-00 00:00:00"
_CHANNEL_FIELDS = {
    "title": "title",
    "link": "url",
    "description": "description",
    "language": "language",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "generator": "generator",
}
# Post meta kept out of Post.meta: WordPress internals the model already carries in fields.
# WordPress's bookkeeping, not content. (_wp_old_slug and _wp_old_date are kept: the URLs a
# post had before it was renamed or redated, which WordPress still redirects.)
_INTERNAL_META = re.compile(r"^_(edit_|pingme|encloseme|menu_item_|wp_attach|thumbnail_id$)")
# Comment meta kept out of Comment.meta: spam filters' records of each submission (Akismet's hold
# the commenter's IP address, browser and the page they came from: personal data, which the
# archive leaves out of comments, as it does their e-mail), Jetpack's comment form's records of
# who signed in (hc_avatar: a Gravatar URL, the md5 of the e-mail; hc_foreign_user_id...), and
# WordPress's trash bookkeeping.
_COMMENT_META_LEFT_OUT = re.compile(r"^(akismet_|_wp_trash_meta_|hc_)")


@dataclass
class RawMenuItem:
    """A nav_menu_item post before it is placed in its menu's tree."""

    wp_id: int
    menu: str  # the nav_menu term slug
    title: str
    order: int
    parent: int
    item_type: str  # "post_type", "taxonomy", "custom", "post_type_archive"
    object: str  # "page", "post", "category", "custom"...
    object_id: int | None
    url: str
    target: str = ""
    classes: list[str] = field(default_factory=list)
    status: str = "publish"


WXREntity = Site | Author | Term | Post | Media | RawMenuItem


# --------------------------------------------------------------------------- names and values


def _qname(tag: str) -> str:
    """Turn ``{namespace}local`` into a short stable key ("wp:post_id", "content:encoded").

    The wp namespace differs between exports (http:// or https://, WXR 1.0/1.1/1.2), so it is
    recognised by its shape, never compared to one fixed URI. An element of another namespace
    keeps its whole tag ("{http://search.yahoo.com/mrss/}title"): no name WXR reads. Tags
    repeat: answers are cached (in ``_KINDS``, with what the item reader does with such a child).
    """
    return (_KINDS.get(tag) or _kind(tag))[0]


def _compute_qname(tag: str) -> str:
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if "wordpress.org/export/" in uri:
        return ("excerpt:" if uri.rstrip("/").endswith("excerpt") else "wp:") + local
    if uri == _CONTENT_NS:
        return "content:" + local
    if uri == _DC_NS:
        return "dc:" + local
    if uri == _WFW_NS:
        return "wfw:" + local
    # Another vocabulary's element (<media:title>, <media:category>, <itunes:category>...):
    # never RSS's own <title> or <category>, which have no namespace (WordPress's importer
    # reads $item->title, $item->category). Its tag is its key.
    return tag


def _stored_text(value: str) -> str:
    """A name as WordPress shows it, from the form it stores: term names and users' names are
    saved HTML-escaped (default-filters.php: pre_term_name, pre_user_display_name... run
    _wp_specialchars), "Food &amp; Drink", and printed as such into the page's HTML. The model
    holds the text, as REST's readers do (html.unescape of the same fields)."""
    return html.unescape(value) if "&" in value else value


def _text(el: etree._Element | None) -> str:
    if el is None or el.text is None:
        return ""
    return el.text.strip()


def _int(value: str, default: int = 0) -> int:
    try:
        return int(value.strip())
    except (ValueError, AttributeError):
        return default


def iso_datetime(local: str, gmt: str = "", fallback_offset: timedelta | None = None) -> str:
    """ISO 8601 with the site's offset, from WordPress's local and GMT ``Y-m-d H:i:s`` pair.

    WXR carries no timezone; the offset is what separates ``post_date`` from ``post_date_gmt``.
    Drafts have a zero GMT date: then ``fallback_offset`` (the site's usual offset) is used.
    """
    return _iso_pair(local, gmt, fallback_offset)[0]


def _iso_pair(local: str, gmt: str, fallback_offset: timedelta | None) -> tuple[str, str]:
    """(local time with offset, UTC time) in ISO 8601; each string parsed once.

    The strings are built from the validated input (``Y-m-d H:i:s`` -> ``Y-m-dTH:i:s``) and
    the offset's suffix, exactly what ``datetime.isoformat()`` prints for them: the reader
    meets two or three such pairs per item, and the datetime round trip was a tenth of its time.
    """
    local, gmt = local.strip(), gmt.strip()
    when = _parse_wp_date(local) if local and not local.startswith("0000") else None
    utc = _parse_wp_date(gmt) if gmt and not gmt.startswith("0000") else None
    utc_iso = f"{gmt[:10]}T{gmt[11:]}+00:00" if utc else ""
    if when is None:
        return "", utc_iso
    seconds = None
    if utc is not None:
        delta = when - utc
        seconds = delta.days * 86_400 + delta.seconds
        # Offsets are whole quarter hours; anything else is a broken export, not a timezone.
        if seconds % 900 or abs(seconds) > 50_400:
            seconds = None
    if seconds is None:
        seconds = int(fallback_offset.total_seconds()) if fallback_offset is not None else 0
    suffix = _SUFFIXES.get(seconds)
    if suffix is None:  # at most 113 quarter hours in +-14 h (the fallback: whatever it is)
        zone = timezone(timedelta(seconds=seconds))
        suffix = _SUFFIXES[seconds] = datetime(2000, 1, 1, tzinfo=zone).isoformat()[19:]
    return f"{local[:10]}T{local[11:]}{suffix}", utc_iso


# An RFC 822 date as RSS writes it ("Tue, 14 Mar 2017 10:15:00 +0000"; two-digit years, zone
# names in any case, a trailing comment "(IST)"). email.utils alone also reads WordPress's
# placeholders for no date ("Wed, 30 Nov -0001", "0000") as years about 2000: a four-digit year
# below 1000 is taken for one.
_RSS_DATE = re.compile(r"(?:[A-Za-z]{3}, ?)?\d{1,2} [A-Za-z]{3} (?P<year>\d{4}|\d{2}) "
                       r"\d\d:\d\d(?::\d\d)?(?: (?P<zone>[+-]\d{4}|[A-Za-z]{1,5}))?(?: \([^()]*\))?")
# The zone names RFC 822 defines (email.utils reads any other as UTC: "CET", "IST" hours off).
_RSS_ZONES = frozenset("UT UTC GMT Z EST EDT CST CDT MST MDT PST PDT".split())


def _rss_date(el: etree._Element | None) -> tuple[str, str]:
    """An item's ``<pubDate>`` as (time with its offset, UTC time) in ISO 8601, or ("", "")
    when there is none, or it is malformed, out of range, a placeholder or the Unix epoch (a
    missing date printed)."""
    text = " ".join((el.text or "").split()) if el is not None else ""
    m = _RSS_DATE.fullmatch(text)
    if m is None or (len(m.group("year")) == 4 and int(m.group("year")) < 1000):
        return "", ""
    zone = m.group("zone") or ""
    if zone[:1].isalpha() and zone.upper() not in _RSS_ZONES:
        return "", ""
    text = re.sub(r" \([^()]*\)\Z", "", text)
    if len(m.group("year")) == 2:  # RFC 5322: 00-49 are 2000-2049, 50-99 1950-1999
        year = int(m.group("year"))
        text = text[:m.start("year")] + str(year + (2000 if year < 50 else 1900)) + text[m.end("year"):]
    try:
        when = parsedate_to_datetime(text)
        if when.tzinfo is None:  # no zone: RFC 5322 reads it as UTC
            when = when.replace(tzinfo=timezone.utc)
        utc = when.astimezone(timezone.utc)
        if utc.timestamp() == 0:
            return "", ""
        return when.isoformat(), utc.isoformat()
    except (ValueError, TypeError, OverflowError):
        return "", ""


def settle_fallback_dates(post: Post, fallback_offset: timedelta) -> None:
    """Give a post read with no fallback offset (``WXRReader(fallback_offset=None)``) the dates
    the reader gives it with ``fallback_offset``: a date whose GMT twin is missing or implausible
    (a draft's) takes that offset; the others do not change.

    For a migration that learns the site's usual offset in its first pass and keeps that pass's
    posts for the second (the offset used then was zero: ``+00:00``)."""
    if not fallback_offset:
        return
    post.date = _settled(post.date, post.date_gmt, fallback_offset)
    post.modified = _settled(post.modified, post.modified_gmt, fallback_offset)


def _settled(iso: str, utc_iso: str, fallback_offset: timedelta) -> str:
    if not iso.endswith("+00:00"):
        return iso  # the offset was not the (zero) fallback's
    # _iso_pair's own input again: its local time is 19 characters (_WP_DATE), and utc_iso is
    # empty exactly when its GMT time was missing or invalid.
    local = f"{iso[:10]} {iso[11:19]}"
    gmt = f"{utc_iso[:10]} {utc_iso[11:19]}" if utc_iso else ""
    return _iso_pair(local, gmt, fallback_offset)[0]


_SUFFIXES: dict[int, str] = {}  # UTC offset in seconds -> "+HH:MM" as isoformat() prints it
_WP_DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _parse_wp_date(text: str) -> datetime | None:
    """WordPress's ``Y-m-d H:i:s`` (fromisoformat is C code; strptime was the reader's cost)."""
    if not _WP_DATE.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:  # 2019-02-30 and the like
        return None


def php_unserialize(value: str) -> Any:
    """Decode a PHP-serialized meta value; return the string unchanged when it is not one."""
    if not value or value[:2] not in ("a:", "s:", "i:", "b:", "d:", "O:", "N;"):
        return value
    try:
        decoded = phpserialize.loads(value.encode("utf-8"), decode_strings=True,
                                     object_hook=phpserialize.phpobject)
        return _plain(decoded)
    except (ValueError, EOFError, TypeError, KeyError, UnicodeDecodeError):
        return value
    except RecursionError:  # nested deeper than Python's stack (PHP allows 4096 levels)
        return value


def _plain(value: Any) -> Any:
    """PHP arrays come back as dicts keyed 0..n: make lists of those, and JSON-able values."""
    if isinstance(value, phpserialize.phpobject):
        return _plain(dict(value._asdict()))
    if isinstance(value, dict):
        keys = list(value.keys())
        if keys == list(range(len(keys))):
            return [_plain(v) for v in value.values()]
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and not math.isfinite(value):
        # PHP's INF, -INF and NAN (d:INF;): JSON has no such numbers (json.dumps would write
        # Infinity, which strict readers refuse): kept as PHP prints them.
        return "NAN" if value != value else ("INF" if value > 0 else "-INF")
    return value


def decode_slug(slug: str) -> str:
    """WordPress stores non-ASCII slugs percent-encoded; keep them readable."""
    return unquote(slug.strip()) if "%" in slug else slug.strip()


# --------------------------------------------------------------------------- the export's files


@dataclass(frozen=True)
class ExportPart:
    """One WXR file of an export: a file on disk (gzip-compressed or not), or a member of a .zip.

    WordPress's Tools > Export gives one file; ``wp export`` (WP-CLI) splits a site into files
    of 15 MB by default, and WordPress.com hands its export over as a .zip of such files. Each
    part holds the whole channel header (site, authors, terms) and some of the items.
    """

    path: Path
    member: str = ""  # the member's name in the zip; "" for a plain file

    @property
    def name(self) -> str:
        """As messages name it: ``site.xml``, or ``export.zip:site.001.xml`` (control
        characters of a member's name shown escaped, never sent to the terminal)."""
        if not self.member:
            return str(self.path)
        member = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.member)
        return f"{self.path}:{member}"

    @property
    def size(self) -> int:
        """Bytes of XML (uncompressed, for a member or a gzip file)."""
        if self.member:
            with zipfile.ZipFile(self.path) as archive:
                return archive.getinfo(self.member).file_size
        size = self.path.stat().st_size
        with open(self.path, "rb") as fh:
            if size > 18 and fh.read(2) == _GZIP_MAGIC:
                fh.seek(-4, io.SEEK_END)  # (gzip's trailer: the size, modulo 4 GiB)
                return int.from_bytes(fh.read(4), "little")
        return size

    def open(self) -> IO[bytes]:
        if not self.member:
            try:
                fh = open(self.path, "rb")
            except OSError as exc:
                raise WXRError(f"cannot open the export: {exc.strerror}", path=str(self.path)) from exc
            if fh.read(2) == _GZIP_MAGIC:  # (an export compressed to be moved: export.xml.gz)
                fh.seek(0)
                return _Closing(gzip.GzipFile(fileobj=fh, mode="rb"), fh)
            fh.seek(0)
            return fh
        archive = zipfile.ZipFile(self.path)
        try:
            member = archive.open(self.member)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
            archive.close()
            raise WXRError(f"cannot read this member of the zip: {exc}", path=self.name) from exc
        return _Closing(member, archive)


_GZIP_MAGIC = b"\x1f\x8b"


def _is_gunzipped(fh: IO[bytes]) -> bool:
    return isinstance(getattr(fh, "raw", None), gzip.GzipFile)


def _damaged(exc: Exception, path: str, *, gzipped: bool) -> WXRError:
    """The error for a zip member's or a gzip file's stream that cannot be read on."""
    what = "gzip file" if gzipped or isinstance(exc, gzip.BadGzipFile) else "zip"
    return WXRError(f"the {what} is damaged: {exc}", path=path,
                    hint="download or copy the export again")


class _Closing(io.BufferedReader):
    """A stream (a zip member's, a gzip file's) that closes what holds it (the zip file, the
    compressed file) with it."""

    def __init__(self, stream: IO[bytes], holder: Any) -> None:
        super().__init__(stream)  # type: ignore[arg-type]
        self._holder = holder

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._holder.close()


def _natural(name: str) -> list[Any]:
    """Sort key: numbers by value (site.999.xml before site.1000.xml)."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def export_parts(sources: Sequence[str | Path]) -> list[ExportPart]:
    """The WXR files of an export given as files and/or .zip files, in the order given (a zip's
    .xml members in name order: WP-CLI numbers its parts)."""
    parts: list[ExportPart] = []
    for source in sources:
        path = Path(source)
        if not path.is_file():
            raise WXRError("no such file", path=str(path),
                           hint="pass WXR export files (.xml or .xml.gz) or a .zip of them")
        if any(part.path.resolve() == path.resolve() for part in parts):
            raise WXRError("given twice", path=str(path), hint="pass each file of the export once")
        try:
            with open(path, "rb") as fh:
                magic = fh.read(4)
        except OSError as exc:
            raise WXRError(f"cannot open the export: {exc.strerror}", path=str(path)) from exc
        if magic not in (b"PK\x03\x04", b"PK\x05\x06"):  # (a zip starts so; an XML file never)
            parts.append(ExportPart(path))
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                members = sorted((info.filename for info in archive.infolist()
                                  if not info.is_dir() and info.filename.lower().endswith(".xml")
                                  and not info.filename.startswith("__MACOSX/")), key=_natural)
        except (zipfile.BadZipFile, OSError) as exc:
            raise WXRError(f"the zip is damaged: {exc}", path=str(path),
                           hint="download or copy the export again") from exc
        if not members:
            raise WXRError("the zip holds no .xml file", path=str(path),
                           hint="WordPress exports are .xml files; pass the export itself")
        parts += [ExportPart(path, member) for member in members]
    return parts


# --------------------------------------------------------------------------- parsing


def _open(source: str | Path | IO[bytes] | ExportPart, recover: bool) -> tuple[IO[bytes], str, bool]:
    if isinstance(source, (str, Path)):
        source = ExportPart(Path(source))
    if isinstance(source, ExportPart):
        fh, path, owned = source.open(), source.name, True
    else:
        fh, path, owned = source, getattr(source, "name", "<stream>"), False
    try:
        first = fh.read(1)
    except _DAMAGED_ZIP as exc:  # (a gzip file cut short, a damaged zip member)
        if owned:
            fh.close()
        raise _damaged(exc, path, gzipped=_is_gunzipped(fh)) from exc
    if not first:
        if owned:
            fh.close()
        raise WXRError("the file is empty", path=path,
                       hint="export again from Tools > Export in WordPress")
    fh.seek(0)
    return fh, path, owned


class WXRReader:
    """Iterate over a WXR file's entities; ``warnings`` lists what ``recover`` skipped or fixed."""

    def __init__(self, source: str | Path | IO[bytes] | ExportPart, *, recover: bool = False,
                 fallback_offset: timedelta | None = None,
                 skip_types: frozenset[str] = frozenset()) -> None:
        self.source = source
        self.recover = recover
        # Items of these post types are passed over unread (a second pass wants only posts).
        self.skip_types = skip_types
        # The site's usual UTC offset, for drafts whose GMT date WordPress left at zero.
        self.fallback_offset = fallback_offset
        self.warnings: list[str] = []
        self._lead_lines = 0  # lines before the XML (_skip_lead): lxml counts from there
        # Where the XML declaration ends, from the document's start (_skip_lead's), when the
        # document can be read by _parse_pushed; else None.
        self._declaration_end: int | None = None
        self._pushed = True  # (tests turn it off, to compare the two ways of reading)
        self._gzipped = False  # (whether the file is read through gzip: its errors' name)
        self._no_rss, self._head = False, b""  # (_skip_lead's: the file has no <rss> at all)
        self._last_item: tuple[int, Any] = (0, None)  # ordinal and entity of the last item read
        self._channel: etree._Element | None = None  # the document's channel, once found
        # The terms the items name (domain, nicename) -> name: an export of posts only (Tools >
        # Export > Posts) lists no terms (export_wp() writes them for "All content" only), or,
        # filtered by a category, that one category only; their names are only here then.
        # (kept as the items' own (domain, nicename, name) tuples, in the order met: no tuple
        # is made per category on the reader's hot path)
        self.item_terms: dict[tuple[str, str, str], None] = {}
        self.path = (str(source) if isinstance(source, (str, Path))
                     else source.name if isinstance(source, ExportPart) else "<stream>")

    def __iter__(self) -> Iterator[WXREntity]:
        fh, self.path, owned = _open(self.source, self.recover)
        self._gzipped = _is_gunzipped(fh)
        stream: IO[bytes] = fh
        try:
            self._lead_lines = self._skip_lead(fh)
            if self.recover:
                stream = SanitizingReader(fh, first_line=1 + self._lead_lines)
            elif self._pushed and self._declaration_end is not None:
                yield from self._parse_pushed(fh, self._declaration_end)
                return
            yield from self._parse(stream)
        finally:
            if self.recover and isinstance(stream, SanitizingReader):
                self.warnings.extend(stream.report())
            if owned:
                fh.close()

    def _damaged_zip(self, exc: Exception) -> WXRError:
        return _damaged(exc, self.path, gzipped=self._gzipped)

    def _skip_lead(self, fh: IO[bytes]) -> int:
        """Move ``fh`` to where the XML begins (see :func:`document_start`) and return the number
        of lines skipped (lxml counts its lines from there). Blank lines are skipped with a
        warning; other text only with ``recover`` (listed), else it is an error."""
        try:
            head = fh.read(LEAD_WINDOW)
            self._no_rss = _RSS_TAG.search(head) is None and len(head) < LEAD_WINDOW
            self._head = head[:300]
            start = document_start(head)
            self._declaration_end = declaration_end(head[start:])
            fh.seek(start)
        except _DAMAGED_ZIP as exc:
            raise self._damaged_zip(exc) from exc
        if not start:
            return 0
        lead = head[:start]
        lines = lead.count(b"\n")
        if not lead.replace(codecs.BOM_UTF8, b"").strip():
            self.warnings.append(
                f"skipped {lines or 'the'} blank line{'s' if lines > 1 else ''} before the XML "
                "declaration (printed into the export by a plugin or theme; nothing was lost)")
            return lines
        where = f"line{'s 1-' if lines else ' '}{lines + 1}"
        excerpt = stray_excerpt(lead)
        if not self.recover:
            raise WXRError(
                f"the file begins with text before its XML ({where}): {excerpt!r}", path=self.path,
                line=1, hint="PHP printed a message into the export while WordPress wrote it; "
                "re-run with --recover to skip that text (it is listed in the warnings)")
        self.warnings.append(f"skipped text before the XML declaration ({where}), printed into "
                             f"the export by PHP: {excerpt!r}")
        return lines

    def _parse(self, stream: IO[bytes]) -> Iterator[WXREntity]:
        # Only finished items reach Python (as in a bare iterparse); the channel's own children
        # (authors, terms, title...) are read from the tree when the first item arrives, and
        # whatever follows the last item at the end.
        parser = etree.iterparse(
            stream, events=("end",), tag="item", resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=True, recover=self.recover, remove_comments=True,
            remove_pis=True,  # (a "<?php ?>" left in a file is no element to read)
        )
        site = Site(source="wxr")
        skip = self.skip_types
        checked, header_read, items = False, False, 0
        held: WXREntity | None = None  # recover: the last item waits until we know it is whole
        try:
            for _, el in parser:
                if not checked:
                    self._check_root(el.getroottree().getroot())
                    checked = True
                channel = el.getparent()
                if channel is None or channel.tag != "channel" or not self._is_the_channel(channel):
                    # An <item> somewhere else is no WXR item; but where libxml2 recovered from
                    # a stray tag (PHP's "<br>", "<b>"), the items after it are placed inside
                    # that element or after the channel it closed: still the export's items.
                    channel = self._recovered_channel(el, parser)
                    if channel is None:
                        continue
                if not header_read:
                    yield from self._header(channel, el, site)
                    header_read = True
                    before = None  # (not looked at)
                else:
                    # The one look most items need (inline: no generator per item): an item
                    # right before this one, nothing but white space between them.
                    previous = el.getprevious()
                    before = previous is not None
                    if before and (previous.tag != "item" or (
                            previous.tail and not previous.tail.isspace())):
                        yield from self._between(el, site)
                items += 1
                if skip and _post_type(el) in skip:
                    _release(el, before)
                    if held is not None:  # an item followed it: it was whole
                        yield held
                        held = None
                    continue
                entity = self._item(el, items)
                self._last_item = items, entity
                _release(el, before)
                if held is not None:
                    yield held
                    held = None
                if self.recover:
                    held = entity
                else:
                    yield entity
        except etree.XMLSyntaxError as exc:
            if not self._namespace_slips(parser, stream):
                raise self._syntax_error(exc, items, parser) from exc
            # (raised at the end, every item read; the tree is whole, but the parser gives no
            # root after raising: the channel the items were found in is the way to it)
            root = self._channel.getroottree().getroot()
        except _DAMAGED_ZIP as exc:
            raise self._damaged_zip(exc) from exc
        else:
            root = getattr(parser, "root", None)
        if root is None:
            raise WXRError("no XML content found", path=self.path)
        if not checked:
            self._check_root(root)
        channel = root.find("channel")
        if channel is None:
            channel = self._channel  # (taken out of the tree by recovery's misplaced items)
        if channel is not None:
            yield from self._channel_children(channel, site)
        self._parser_log(parser)
        if self.recover and any(_is_read_past(e) for e in parser.error_log):
            self._trailing_text_checked()
        sanitized = stream if isinstance(stream, SanitizingReader) else None
        if sanitized is not None:
            self._account(sanitized.item_tags, items, parser)
        if held is not None:
            if _item_cut_short(parser, sanitized):
                self.warnings.append(f"skipped item {items} ({getattr(held, 'title', '')!r}): "
                                     "cut short by the end of the file")
            else:
                yield held
        yield site

    def _header(self, channel: etree._Element, el: etree._Element,
                site: Site) -> Iterator[WXREntity]:
        """Before the first item ``el``: the channel's own elements (title, authors, terms...),
        read and freed."""
        self._channel = channel
        self._stray(channel.text, el)
        until = _child_holding(channel, el)
        yield from self._channel_children(channel, site, until=until)
        if el.getparent() is not channel:
            yield from self._between(el, site)

    def _parse_pushed(self, fh: IO[bytes], declaration_end: int) -> Iterator[WXREntity]:
        """Read a document without --recover: the same entities, warnings and errors as
        :meth:`_parse` (tests/unit/test_wxr_pushed.py), 9% faster (the bench's 200 MB export:
        2.28 s against 2.51, medians of five alternated runs).

        An iterparse calls back into Python at every element's start and end, to hand over the
        finished items (libxml2 calls back for each element, then lxml looks whether its tag
        is asked for): a sixth of the parse's time. Here the parser is fed the file as iterparse
        feeds it, with no callback but for comments, and the items are taken from the tree it
        builds, between two chunks (see :meth:`_walk`).

        A comment put right after the XML declaration (``<!---->``: no line added, the file is
        not changed) is the way to the tree while it is built: the parser gives none before it
        is closed. The file's own comments are taken out of what is read, as :meth:`_parse`'s
        parser leaves them out."""
        parser = etree.XMLPullParser(
            events=("comment",), resolve_entities=False, no_network=True, load_dtd=False,
            huge_tree=True, remove_pis=True)
        walk = _Walk(parser.read_events(), Site(source="wxr"))
        start, warned = fh.tell(), len(self.warnings)
        try:
            try:
                data = fh.read(max(_CHUNK, declaration_end))
                parser.feed(data[:declaration_end])
                parser.feed(_HANDLE)
                parser.feed(data[declaration_end:])
                while True:
                    yield from self._walk(walk)
                    data = fh.read(_CHUNK)
                    if not data:
                        break
                    parser.feed(data)
                walk.root = parser.close()
            except etree.XMLSyntaxError as exc:
                log = _FeedLog(parser)
                if self._channel is None and walk.channel is not None and \
                        walk.channel.find("item") is not None:
                    self._channel = walk.channel  # (an item is there, as _parse would have read)
                if self._channel is not None and _only_read_past(log.error_log) and not fh.read(1):
                    # Raised by close(), the document whole: the items left are read first, as
                    # _parse reads them before it is raised (their warnings come first too).
                    walk.closed = True
                    yield from self._walk(walk)
                if not self._namespace_slips(log, fh):
                    # The parse stops here. Which of the last nodes were finished the tree does
                    # not say: the file is read again as _parse reads it, to the error, so the
                    # items read and the error are exactly its (errors are rare; the cost too).
                    # (Its columns on the declaration's line are those of the file: the
                    # comment added shifts this parser's.)
                    yield from self._read_again(fh, start, walk.yielded, warned)
                    raise self._syntax_error(exc, walk.items, log) from exc  # (not reached)
                if walk.root is None:
                    walk.root = self._channel.getroottree().getroot()
            if not walk.closed:
                walk.closed = True
                yield from self._walk(walk)
        except _DAMAGED_ZIP as exc:
            # (A zip member that cannot be read on: as for a syntax error, the items an
            # iterparse hands over before it, those whose end it has met, are known by reading
            # again its way: the last one may have no node after it yet.)
            yield from self._read_again(fh, start, walk.yielded, warned)
            raise self._damaged_zip(exc) from exc  # (not reached: _parse raises it)
        root = walk.root
        if root is None:
            raise WXRError("no XML content found", path=self.path)
        if not walk.header_read:
            self._check_root(root)
        channel = root.find("channel")
        if channel is not None:
            yield from self._channel_children(channel, walk.site)
        yield walk.site

    def _read_again(self, fh: IO[bytes], start: int, done: int, warned: int) -> Iterator[WXREntity]:
        """Read the document from ``start`` again with :meth:`_parse`: its entities after the
        first ``done`` (yielded already), its warnings in place of those given since
        ``warned``, and its error."""
        del self.warnings[warned:]
        self._channel = None
        fh.seek(start)
        for n, entity in enumerate(self._parse(fh)):
            if n >= done:
                yield entity

    def _walk(self, walk: _Walk) -> Iterator[WXREntity]:
        """Read the items of the channel the parser has finished since the last walk (all that
        are left once it is ``closed``), as :meth:`_parse` reads them.

        A child of the channel that has a node after it is finished: the parser builds only
        the last child of each open element. Nothing it may still touch is changed: a node is
        freed only once a later one has begun (its tail text is finished too)."""
        for _, comment in walk.events:
            if walk.handle is None:
                walk.handle = comment
            elif comment.getparent() is not None:
                walk.comments = True  # (the file's own, inside its root element)
        channel = walk.channel
        if channel is None:
            if walk.root is None and walk.handle is not None:
                walk.root = walk.handle.getroottree().getroot()
            if walk.root is None or (channel := walk.root.find("channel")) is None:
                return
            walk.channel = channel
        node = walk.node
        if node is None:
            if not len(channel):
                return
            node = channel[0]
        closed, comments, site, skip = walk.closed, walk.comments, walk.site, self.skip_types
        items, yielded = walk.items, walk.yielded  # (kept here, given back at the end)
        try:
            while True:
                after = node.getnext()
                if after is None and not closed:
                    break  # (may be open still)
                tag = node.tag
                if tag == "item":
                    if comments:
                        etree.strip_tags(node, etree.Comment)
                    if not walk.header_read:
                        self._check_root(walk.root)
                        for entity in self._header(channel, node, site):
                            yielded += 1
                            yield entity
                        walk.header_read = True
                        before = None
                    else:
                        previous = node.getprevious()
                        before = previous is not None
                        if before and (previous.tag != "item" or (
                                previous.tail and not previous.tail.isspace())):
                            for entity in self._between(node, site):
                                yielded += 1
                                yield entity
                    items += 1
                    if skip and _post_type(node) in skip:
                        _release(node, before)
                    else:
                        entity = self._item(node, items)
                        self._last_item = items, entity
                        _release(node, before)
                        yielded += 1
                        yield entity
                elif tag is etree.Comment:
                    _remove_comment(node)
                elif comments:
                    etree.strip_tags(node, etree.Comment)
                if after is None:
                    break
                node = after
        finally:
            walk.node, walk.items, walk.yielded = node, items, yielded

    def _namespace_slips(self, parser: Any, stream: IO[bytes]) -> bool:
        """Whether the parse failed only for namespace slips WordPress's importer reads past (its
        DOMDocument takes them for warnings): a prefix used but never declared (WordPress.com's
        exports put ``<atom:link>`` in the channel without declaring ``atom``; plugins add
        ``media:`` elements) or a namespace URI that is no valid URI (letters beyond ASCII).
        libxml2 reads on after them and lxml raises only when the document is complete; the
        elements keep the names written (``atom:link``). Each kind is listed once in the
        warnings. With --recover the parser's log is listed as it always is. (A repeated xml:id
        is read past too, unlisted: see _is_repeated_id.)"""
        if self.recover or self._channel is None:
            return False  # (no item read: no way to the tree, and the error says what it is)
        if stream.read(1):
            return False  # (not raised at the end: whatever was left would be lost)
        found: dict[str, list[int]] = {}
        read_past = False
        for entry in parser.error_log:
            if entry.level < etree.ErrorLevels.ERROR:
                continue
            if not _is_read_past(entry):
                return False
            read_past = True
            if _is_slip(entry):
                found.setdefault(" ".join(entry.message.split()), []).append(
                    entry.line + self._lead_lines)
        if read_past and not self._trailing_text_checked():
            return False
        for message, lines in found.items():
            more = f" ({len(lines)} times, the first here)" if len(lines) > 1 else ""
            self.warnings.append(f"line {lines[0]}: {message}{more}: read as written, as "
                                 "WordPress's importer reads it")
        return read_past

    def _recovered_channel(self, el: etree._Element, parser: Any) -> etree._Element | None:
        """With ``recover``: the channel of an item libxml2's recovery misplaced, into the HTML
        elements of PHP's message it found open (``<br>``, ``<b>``, an xdebug ``<table>``) or
        after the channel a stray end tag closed. An item anywhere else (in another item, in
        an element of the export's own) is no WXR item, as in a well-formed file."""
        if not self.recover:
            return None
        if self._channel is None:
            self._channel = el.getroottree().getroot().find("channel")
        for ancestor in el.iterancestors():
            if ancestor.tag == "channel" and ancestor is not self._channel:
                return None  # (a second channel: see _is_the_channel)
            if ancestor.tag in ("channel", "rss"):
                break
            if ancestor.tag not in _HTML_TAGS:
                return None  # (in an item, or in an element of the export's own)
        return self._channel

    def _is_the_channel(self, channel: etree._Element) -> bool:
        """Whether ``channel`` is the export's: the root's first <channel>, the one WordPress's
        importer reads (its SimpleXML parser takes ``$xml->channel->item``)."""
        if self._channel is not None:
            return channel is self._channel
        root = channel.getparent()
        return root is not None and root.getparent() is None and root.find("channel") is channel

    def _account(self, tags: int, items: int, parser: Any) -> None:
        """Items whose start tag the file holds (outside CDATA) but the parser never handed
        over: damage libxml2's recovery could not get past (an unterminated comment or
        attribute, a stray end tag, swallows what follows it). Said first: never silent."""
        if tags > items and len(parser.error_log):  # (a well-formed file loses nothing)
            self.warnings.insert(0, (  # first: a summary that shows a few must show this one
                f"LOST {tags - items} of the file's {tags} items: damage in the file hid them "
                "from the XML parser (see the XML errors recovered, listed below); repair the "
                "file there and run again"))

    def _channel_children(self, channel: etree._Element, site: Site,
                          until: etree._Element | None = None) -> Iterator[WXREntity]:
        """Read (and free) the channel's non-item children, up to ``until``."""
        spilled = []
        for child in list(channel):
            if child is until:
                break
            self._stray(child.tail, until)
            if child.tag != "item":
                if until is None and (field := _item_field(child.tag)):
                    spilled.append(field)  # (after the last item: its fields, see _spilled)
                yield from self._channel_child(child, site)
            channel.remove(child)
        self._spilled(spilled)

    def _between(self, el: etree._Element, site: Site) -> Iterator[WXREntity]:
        """What stands between ``el`` and the item before it: WordPress writes nothing there,
        but PHP's messages land there as text and HTML (``<br /><b>Notice</b>: ...``), and
        libxml2's recovery may put channel elements there. Those are read; the text is
        reported (:meth:`_stray`). (The caller has seen something there.)"""
        before: list[etree._Element] = []
        for sibling in el.itersiblings(preceding=True):  # (nearest first)
            before.append(sibling)
            if sibling.tag == "item":
                break
        closed: list[etree._Element] = []
        if before and before[-1].tag == "channel":
            # A stray end tag closed the channel, and the items after it came under <rss>:
            # what is left of the channel after its last item stands before this one (read
            # here, and taken out of the channel, which is read again at the end).
            for child in reversed(before.pop()):
                if child.tag == "item":
                    break
                closed.append(child)
            before.extend(closed)
        parts: list[str] = []
        spilled: list[str] = []
        for sibling in reversed(before):
            tag = sibling.tag
            if tag != "item" and isinstance(tag, str):
                if field := _item_field(tag):
                    spilled.append(field)
                elif "{" in tag or tag in _RSS_CHANNEL_TAGS:  # the channel's own
                    yield from self._channel_child(sibling, site)
                else:
                    parts.append(_text_of(sibling))
            parts.append(sibling.tail or "")
        for child in closed:
            child.getparent().remove(child)
        self._stray("".join(parts), el)
        self._spilled(spilled)

    def _spilled(self, names: list[str]) -> None:
        """An item's own fields found outside it: a stray end tag ("</b>", "</div>") closed the
        item before them, and it was read without them."""
        if names:
            self.warnings.append(
                f"item {self._last_item[0]} ({getattr(self._last_item[1], 'title', '')!r}) "
                f"was cut short by a stray "
                f"end tag: read without its {', '.join(dict.fromkeys(names))}")

    def _stray_inside(self, el: etree._Element, wp_id: int) -> None:
        parts = []
        for child in el:
            if child.tag in _HTML_TAGS:  # (no namespace: none of WXR's own)
                parts.append(_text_of(child))
                parts.append(child.tail or "")
        text = "".join(parts)
        if text.strip():
            self.warnings.append(
                f"post {wp_id}: skipped text inside its item (line "
                f"{el.sourceline + self._lead_lines}), printed into the export by PHP: "
                f"{stray_excerpt(text)!r}")

    def _stray(self, text: str | None, before: etree._Element | None) -> None:
        """Text between the channel's elements (WXR has none there): PHP's message printed
        into the export mid-way ("Notice: Undefined index..."). Nothing of the items around it
        is lost, but the run says it was there. (An empty CDATA section there is no text: the
        tree gives it as "", not None.)"""
        if not text or text.isspace():
            return
        where = ("at the end" if before is None
                 else f"before line {before.sourceline + self._lead_lines}")
        self.warnings.append(f"skipped text between the export's elements ({where}), printed "
                             f"into the export by PHP: {stray_excerpt(text)!r}")

    def _check_root(self, el: etree._Element) -> None:
        dtd = el.getroottree().docinfo.internalDTD
        if dtd is not None and (list(dtd.iterentities()) or dtd.external_id or dtd.system_url):
            raise WXRError(
                "the file declares a DTD with its own entities; WordPress never writes one, and "
                "such a file can hide an external-entity (XXE) or entity-expansion attack",
                path=self.path, hint="refusing to read it; export the site again from WordPress",
            )
        if el.tag != "rss":
            raise WXRError(
                f"not a WordPress export (WXR): the root element is "
                f"<{_qname(el.tag).rpartition('}')[2]}>, not <rss>",
                path=self.path, line=el.sourceline + self._lead_lines,
                hint="export the site from WordPress with Tools > Export",
            )
        if not any("wordpress.org/export/" in uri for uri in (el.nsmap or {}).values()):
            raise WXRError(
                "not a WordPress export (WXR): an RSS file without the wp: namespace",
                path=self.path, line=el.sourceline + self._lead_lines,
                hint="a plain RSS feed holds no full content; use a WXR export or the site URL",
            )

    def _syntax_error(self, exc: etree.XMLSyntaxError, items: int, parser: Any = None) -> WXRError:
        line, column = exc.position if exc.position else (None, None)
        msg = exc.msg or str(exc)
        last = exc.error_log.last_error if exc.error_log else None
        if (not line or msg == "no element found") and last is not None:
            line, column, msg = last.line, last.column, last.message
        # lxml names the first error; where that is a namespace slip (read past without
        # --recover), the error that stopped the parse is the one to name.
        if parser is not None and not self.recover:
            errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
            if errors and _is_read_past(errors[0]):
                real = next((e for e in errors if not _is_read_past(e)), None)
                if real is not None:
                    line, column, msg = real.line, real.column, real.message
        msg = " ".join(msg.split())
        if line:
            line += self._lead_lines
        msg = self._shift(_POSITION_SUFFIX.sub("", msg))  # (libxml2's own position: dropped)
        hint = "re-run with --recover to skip or fix what is broken and list it"
        _, after_end = self._after_end(msg, line, column)
        if after_end is not None:
            return after_end
        if not items and self._no_rss:  # (a failed export: PHP's error page, an HTML page...)
            return WXRError(f"not a WordPress export (WXR): the file holds no <rss> element; it "
                            f"begins: {stray_excerpt(self._head)!r}", path=self.path,
                            hint="export the site again from WordPress with Tools > Export")
        if "Extra content" in msg or "Premature end" in msg or "EndTag" in msg:
            msg = f"the export is cut short or broken after {items} items ({msg})"
        elif "Entity" in msg and "not defined" in msg:
            hint = "an HTML entity outside CDATA; --recover turns it into its character"
        elif "PCDATA invalid Char" in msg or "Char 0x" in msg:
            hint = "the export holds invalid control characters; --recover removes them"
        elif "Input is not proper UTF-8" in msg or "encoding" in msg.lower():
            hint = "the file's bytes do not match its declared encoding; --recover re-decodes them"
        return WXRError(msg, path=self.path, line=line, column=column, hint=hint)

    def _after_end(self, msg: str, line: int | None,
                   column: int | None) -> tuple[bool, WXRError | None]:
        """Whether ``msg`` is about what follows the end of the export (its ``</rss>``), and
        the error to raise for it: a second export written after the first (the files of a
        split export joined into one: an error whatever the mode, its items would be lost), or
        text (PHP's message printed after WordPress wrote the export: an error, or with
        ``recover`` skipped and listed). (False, None) when it is not, or cannot be read again
        to tell (a stream): the caller reports ``msg`` as it is."""
        if not line or not msg.startswith(_AFTER_END_ERRORS):
            return False, None
        around = self._around(line, column or 1)
        if around is None:
            return False, None
        before, head, size = around
        size -= len(head) - len(head := head.lstrip())  # (the line break after </rss>)
        if not before.rstrip().endswith(b"</rss>"):
            return False, None  # (mid-document: a declaration or a root that is no export's end)
        if _RSS_TAG.search(head):
            return True, WXRError(
                f"the file holds a second export after the end of the first, from line {line}",
                path=self.path, line=line,
                hint="the files of a split export were joined into one: cut it into two files "
                     "after the first one's </rss> and give both "
                     "(mwmigrate migrate first.xml second.xml)")
        text = (f"text after the end of the export (line {line} on, {size} bytes): "
                f"{stray_excerpt(head)!r}")
        if self.recover:
            self.warnings.append(f"skipped {text}, printed into the export by PHP")
            return True, None
        return True, WXRError(text, path=self.path, line=line,
                              hint="PHP printed a message into the file after WordPress wrote "
                                   "the export; re-run with --recover to skip it (it is listed "
                                   "in the warnings)")

    def _around(self, line: int, column: int) -> tuple[bytes, bytes, int] | None:
        """The file around a position given as libxml2 gives it (``line`` of the file, ``column``
        in characters of the parsed text: with --recover's repairs, close to the file's): up to
        512 bytes before it, up to 4 KiB from it and the number of bytes from it to the end.
        When an "</rss>" ends shortly before or after the position, it is put right after it.
        None when the source cannot be read again (a stream)."""
        source = self._reopened()
        if source is None:
            return None
        with source.open() as fh:
            seen, tail = 1, b""
            while seen < line:  # (by pieces: a line may be the whole file)
                piece = fh.readline(1 << 16)
                if not piece:
                    return None
                tail = (tail + piece)[-4096:]
                seen += piece.endswith(b"\n")
            need = max(0, column - 1)  # characters of the line before the position
            while True:
                piece = fh.readline(1 << 16)
                chars = len(piece.translate(None, _UTF8_CONTINUATION))
                if not piece or chars > need or piece.endswith(b"\n"):
                    break
                tail, need = (tail + piece)[-4096:], need - chars
            at = len(piece.decode("utf-8", "replace")[:need].encode("utf-8", "replace"))
            window, after = tail + piece[: at + 64], piece[at + 64:]
            end = window.rfind(b"</rss>")
            split = end + len(b"</rss>") if end >= 0 else len(tail) + min(at, len(piece))
            before, rest = window[:split][-512:], window[split:] + after
            head, size = rest[:4096], len(rest)
            for more in iter(lambda: fh.read(1 << 20), b""):
                if len(head) < 4096:
                    head += more[: 4096 - len(head)]
                size += len(more)
            return before, head, size

    def _trailing_text_checked(self) -> bool:
        """After a namespace slip libxml2 logs no error for what follows the end of the export
        (PHP's message printed after </rss>, a second export): look for it in the file and
        treat it as libxml2's error would be (:meth:`_after_end`: raised without --recover,
        listed with). False when the source cannot be read again (a stream), so that the parse
        error stands."""
        part = self._reopened()
        if part is None:
            return False
        with part.open() as fh:
            lines, tail = 0, b""
            for piece in iter(lambda: fh.read(1 << 20), b""):
                lines += piece.count(b"\n")
                tail = (tail + piece)[-(1 << 16):]
        end = tail.rfind(b"</rss>")
        after = tail[end + len(b"</rss>"):] if end >= 0 else b""
        text = after.lstrip()
        while m := _AFTER_END_MISC.match(text):  # (XML allows them there: no text)
            text = text[m.end():]
        if not text:
            return True
        at = len(tail) - len(text)
        line = lines - text.count(b"\n") + 1
        column = len(tail[tail.rfind(b"\n", 0, at) + 1:at].decode("utf-8", "replace")) + 1
        _, error = self._after_end(_AFTER_END_ERRORS[0], line, column)
        if error is not None:
            raise error
        return True

    def _reopened(self) -> ExportPart | None:
        """The source as a part that can be opened again from its start; None for a stream."""
        source = self.source
        if isinstance(source, (str, Path)):
            source = ExportPart(Path(source))
        return source if isinstance(source, ExportPart) else None

    def _parser_log(self, parser: Any) -> None:
        if not self.recover:
            return
        for entry in parser.error_log:
            if _is_repeated_id(entry):
                continue  # (not the file's fault, nor a fault: see _is_repeated_id)
            message = self._shift(_POSITION_SUFFIX.sub("", " ".join(entry.message.split())))
            line = entry.line + self._lead_lines
            handled, error = self._after_end(message, line, entry.column)
            if error is not None:
                raise error
            if not handled:
                self.warnings.append(f"line {line}:{entry.column}: XML error recovered: {message}")

    def _shift(self, message: str) -> str:
        """libxml2's message with the lines it names counted from the file's start (they are
        counted from the XML's, after lines :meth:`_skip_lead` skipped)."""
        if not self._lead_lines:
            return message
        lead = self._lead_lines
        return re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + lead}", message)

    # ---------------------------------------------------------------- channel

    def _channel_child(self, el: etree._Element, site: Site) -> Iterator[WXREntity]:
        name = _qname(el.tag)
        if name in _CHANNEL_FIELDS and not getattr(site, _CHANNEL_FIELDS[name]):
            setattr(site, _CHANNEL_FIELDS[name], _text(el))
        elif name == "wp:author":
            yield self._author(el)
        elif name == "wp:category":
            yield Term(
                taxonomy="category", slug=decode_slug(_child(el, "wp:category_nicename")),
                name=_stored_text(_child(el, "wp:cat_name")), wp_id=_int(_child(el, "wp:term_id")) or None,
                parent=decode_slug(_child(el, "wp:category_parent")),
                description=_child(el, "wp:category_description"),
                meta=_meta_dict(_meta_of(el, "wp:termmeta")),
            )
        elif name == "wp:tag":
            yield Term(
                taxonomy="post_tag", slug=decode_slug(_child(el, "wp:tag_slug")),
                name=_stored_text(_child(el, "wp:tag_name")), wp_id=_int(_child(el, "wp:term_id")) or None,
                description=_child(el, "wp:tag_description"),
                meta=_meta_dict(_meta_of(el, "wp:termmeta")),
            )
        elif name == "wp:term":
            yield Term(
                taxonomy=_child(el, "wp:term_taxonomy"), slug=decode_slug(_child(el, "wp:term_slug")),
                name=_stored_text(_child(el, "wp:term_name")), wp_id=_int(_child(el, "wp:term_id")) or None,
                parent=decode_slug(_child(el, "wp:term_parent")),
                description=_child(el, "wp:term_description"),
                meta=_meta_dict(_meta_of(el, "wp:termmeta")),
            )

    def _author(self, el: etree._Element) -> Author:
        return Author(
            login=_child(el, "wp:author_login"),
            display_name=_stored_text(_child(el, "wp:author_display_name")),
            email=_child(el, "wp:author_email"),
            first_name=_stored_text(_child(el, "wp:author_first_name")),
            last_name=_stored_text(_child(el, "wp:author_last_name")),
            wp_id=_int(_child(el, "wp:author_id")) or None,
            description=_child(el, "wp:author_description"),
        )

    # ---------------------------------------------------------------- items

    def _item(self, el: etree._Element, ordinal: int) -> WXREntity | None:
        fields: dict[str, str] = {}
        cats: list[tuple[str, str, str]] = []  # (domain, nicename, name)
        meta: list[tuple[str, str]] = []
        comments: list[etree._Element] = []
        known = _KINDS.get  # the hot loop of the reader: one dict lookup per child decides
        for child in el:
            name, kind = known(child.tag) or _kind(child.tag)
            if kind == _FIELD:
                if name not in fields:
                    fields[name] = (child.text or "").strip()
            elif kind == _POSTMETA:
                meta.append(_meta_pair(child))
            elif kind == _CATEGORY:
                cats.append((child.get("domain", "category"), child.get("nicename", ""), _text(child)))
            elif kind == _COMMENT:
                comments.append(child)
            elif kind == _BODY and name not in fields:
                fields[name] = child.text or ""
        post_type = fields.get("wp:post_type", "post") or "post"
        wp_id = self._item_id(fields, ordinal)
        if "b" in fields or "br" in fields:  # HTML in an item: PHP's message (<br /><b>Warning</b>...)
            self._stray_inside(el, wp_id)
        if post_type == "attachment":
            return self._media(fields, wp_id, dict(meta))
        if post_type == "nav_menu_item":
            return self._menu_item(fields, wp_id, cats, dict(meta))
        return self._post(fields, wp_id, post_type, cats, meta, comments, el)

    def _item_id(self, fields: dict[str, str], ordinal: int) -> int:
        wp_id = _int(fields.get("wp:post_id", ""))
        if wp_id:
            return wp_id
        # Hand-made exports (theme previews) omit wp:post_id; the ?p=N link still names it.
        for key in ("guid", "link"):
            m = re.search(r"[?&]p(?:age_id)?=(\d+)", fields.get(key, ""))
            if m:
                return int(m.group(1))
        self.warnings.append(f"item {ordinal} ({fields.get('title', '')!r}) has no post id; "
                             f"numbered {-ordinal}")
        return -ordinal

    def _post(self, fields: dict[str, str], wp_id: int, post_type: str,
              cats: list[tuple[str, str, str]], meta: list[tuple[str, str]],
              comments: list[etree._Element], el: etree._Element) -> Post:
        local, gmt = fields.get("wp:post_date", ""), fields.get("wp:post_date_gmt", "")
        mod_local = fields.get("wp:post_modified", "") or local
        mod_gmt = fields.get("wp:post_modified_gmt", "") or (gmt if mod_local == local else "")
        date, date_gmt = _iso_pair(local, gmt, self.fallback_offset)
        dated_by_feed = False
        if not date and date_gmt:
            date = date_gmt  # (a GMT date and no local one: the same instant, in UTC)
        if not date and not date_gmt:
            # No WordPress date (exports written by other tools: Squarespace, converters):
            # the item's RSS date, when it is a real one, says when it was published.
            date, date_gmt = _rss_date(el.find("pubDate"))
            dated_by_feed = bool(date)
        if (mod_local, mod_gmt) == (local, gmt):
            modified, modified_gmt = date, date_gmt
        else:
            modified, modified_gmt = _iso_pair(mod_local, mod_gmt, self.fallback_offset)
        post = Post(
            wp_id=wp_id, type=post_type, status=fields.get("wp:status", "publish") or "publish",
            slug=decode_slug(fields.get("wp:post_name", "")), title=fields.get("title", ""),
            date=date, date_gmt=date_gmt, modified=modified, modified_gmt=modified_gmt,
            author=fields.get("dc:creator", ""), parent=_int(fields.get("wp:post_parent", "")),
            menu_order=_int(fields.get("wp:menu_order", "")), url=fields.get("link", ""),
            guid=fields.get("guid", ""), excerpt=fields.get("excerpt:encoded", "").strip(),
            content_raw=fields.get("content:encoded", ""),
            sticky=fields.get("wp:is_sticky", "0") == "1",
            password_protected=bool(fields.get("wp:post_password", "")),
            comment_status=fields.get("wp:comment_status", ""), source="wxr",
        )
        if dated_by_feed:
            post.warnings.append("the export gives no wp:post_date: dated by the item's RSS "
                                 "pubDate")
        _apply_terms(post, cats)
        if cats:
            seen = self.item_terms
            for entry in cats:
                if entry not in seen:
                    seen[entry] = None
        _apply_meta(post, meta)
        post.comments = [self._comment(c, wp_id) for c in comments]
        return post

    def _comment(self, el: etree._Element, post_id: int) -> Comment:
        f: dict[str, str] = {}
        meta: list[tuple[str, str]] = []
        for c in el:
            name = _qname(c.tag)
            if name == "wp:commentmeta":
                meta.append(_meta_pair(c))
            else:
                f[name] = c.text or ""  # a repeated field: the last one, as it always was
        local, gmt = f.get("wp:comment_date", "").strip(), f.get("wp:comment_date_gmt", "").strip()
        return Comment(
            wp_id=_int(f.get("wp:comment_id", "")), post_id=post_id,
            # Pingback and trackback authors are stored HTML-escaped ("Ping 1 &laquo; ...").
            author=html.unescape(f.get("wp:comment_author", "").strip()),
            author_email=f.get("wp:comment_author_email", "").strip(),
            author_url=f.get("wp:comment_author_url", "").strip(),
            date=iso_datetime(local, gmt), content_html=f.get("wp:comment_content", ""),
            parent=_int(f.get("wp:comment_parent", "")),
            approved=f.get("wp:comment_approved", "1").strip() or "1",
            type=f.get("wp:comment_type", "").strip() or "comment",
            user_id=_int(f.get("wp:comment_user_id", "")),
            meta=_meta_dict(meta, _COMMENT_META_LEFT_OUT.match) if meta else {},
        )

    def _media(self, fields: dict[str, str], wp_id: int, meta: dict[str, str]) -> Media:
        url = fields.get("wp:attachment_url", "") or fields.get("guid", "")
        media = Media(
            wp_id=wp_id, url=url, title=fields.get("title", ""), page_url=fields.get("link", ""),
            slug=decode_slug(fields.get("wp:post_name", "")),
            mime_type=fields.get("wp:post_mime_type", "") or mime_of(url),
            parent=_int(fields.get("wp:post_parent", "")),
            alt=meta.get("_wp_attachment_image_alt", ""),
            caption=fields.get("excerpt:encoded", "").strip(),
            description=fields.get("content:encoded", "").strip(),
            date=iso_datetime(fields.get("wp:post_date", ""), fields.get("wp:post_date_gmt", "")),
        )
        info = php_unserialize(meta.get("_wp_attachment_metadata", ""))
        if isinstance(info, dict):
            media.width = _int(str(info.get("width", ""))) or None
            media.height = _int(str(info.get("height", ""))) or None
            base = url.rsplit("/", 1)[0] + "/" if "/" in url else ""
            sizes = info.get("sizes")
            if isinstance(sizes, dict):
                media.sizes = {
                    name: base + s["file"] for name, s in sorted(sizes.items())
                    if isinstance(s, dict) and s.get("file")
                }
        return media

    def _menu_item(self, fields: dict[str, str], wp_id: int,
                   cats: list[tuple[str, str, str]], meta: dict[str, str]) -> RawMenuItem:
        menu = next((decode_slug(n) for d, n, _ in cats if d == "nav_menu"), "")
        classes = _menu_classes(meta.get("_menu_item_classes", ""))
        return RawMenuItem(
            wp_id=wp_id, menu=menu, title=fields.get("title", ""),
            order=_int(fields.get("wp:menu_order", "")),
            parent=_int(meta.get("_menu_item_menu_item_parent", "")),
            item_type=meta.get("_menu_item_type", ""), object=meta.get("_menu_item_object", ""),
            object_id=_int(meta.get("_menu_item_object_id", "")) or None,
            url=meta.get("_menu_item_url", ""), target=meta.get("_menu_item_target", ""),
            classes=list(classes),
            status=fields.get("wp:status", "publish") or "publish",
        )


# HTML elements PHP's messages print (xdebug's are tables): where libxml2's recovery may leave
# the items after an unclosed one, and what an item holds when PHP printed into it.
_HTML_TAGS = frozenset({"b", "br", "i", "em", "strong", "u", "font", "small", "span", "p", "a",
                        "div", "pre", "code", "hr", "table", "thead", "tbody", "tr", "th", "td",
                        "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "html", "body"})
# The channel's own namespaced elements: any other (wp:post_id, content:encoded...) is an item's.
_CHANNEL_ELEMENTS = frozenset({"wp:author", "wp:category", "wp:tag", "wp:term", "wp:wxr_version",
                               "wp:base_site_url", "wp:base_blog_url"})
# RSS's own channel elements (unprefixed): not PHP's HTML when found between items.
_RSS_CHANNEL_TAGS = frozenset({"title", "link", "description", "language", "pubDate", "generator",
                               "image", "copyright", "lastBuildDate", "category", "ttl", "cloud"})
_RSS_TAG = re.compile(rb"<rss[\s>]")
# Namespace errors that leave the document whole and WordPress's importer reads past (see
# WXRReader._namespace_slips). A name that is no QName ("a:b:c", "xmlns:1a") is not one of them.
_NAMESPACE_SLIPS = frozenset({etree.ErrorTypes.NS_ERR_UNDEFINED_NAMESPACE,
                              etree.ErrorTypes.WAR_NS_URI, etree.ErrorTypes.WAR_NS_URI_RELATIVE})
# (a damaged zip member's or gzip file's stream)
_DAMAGED_ZIP = (zipfile.BadZipFile, gzip.BadGzipFile, zlib.error, EOFError)
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))  # (bytes that start no character)
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")
# What XML allows after the root element besides white space: comments and processing
# instructions (not an XML declaration: a second document's), each with the white space after it.
_AFTER_END_MISC = re.compile(rb"(?:<!--.*?-->|<\?(?![xX][mM][lL][\s?]).*?\?>)\s*", re.DOTALL)
# What libxml2 says of content after the end of the root element.
_AFTER_END_ERRORS = ("Extra content at the end of the document",
                     "XML declaration allowed only at the start of the document")


def _is_slip(entry: Any) -> bool:
    """Whether a parser log entry is a namespace slip (see WXRReader._namespace_slips)."""
    return entry.domain == etree.ErrorDomains.NAMESPACE and entry.type in _NAMESPACE_SLIPS


def _is_repeated_id(entry: Any) -> bool:
    """Whether a parser log entry is libxml2's "ID x already defined": an xml:id (or an
    attribute a DOCTYPE declares an ID) given twice. A validity error, not a well-formedness
    one: WordPress's importer reads such a file (DOMDocument keeps it). libxml2 checks it
    against the IDs of the elements still in the tree, so whether it is raised depends on
    whether the reader has freed the first element yet (where the chunks end, which way it
    reads): it is read past, and not listed, so that the outcome is the file's."""
    return entry.type == etree.ErrorTypes.DTD_ID_REDEFINED


def _is_read_past(entry: Any) -> bool:
    """Whether a parser log entry is an error the reader reads past (without --recover too)."""
    return _is_slip(entry) or _is_repeated_id(entry)


@lru_cache(maxsize=1024)
def _menu_classes(serialized: str) -> tuple[str, ...]:
    """A menu item's CSS classes; the same few serialized values repeat across every item."""
    classes = php_unserialize(serialized)
    return tuple(str(c) for c in classes if c) if isinstance(classes, list) else ()


def _item_cut_short(parser: Any, sanitized: SanitizingReader | None) -> bool:
    """Whether the file ended inside the last item: libxml2 found an element still open at the
    end (other than the channel and rss), and, where the sanitizer saw the tags, the file's
    last <item> start tag has no end tag after it (an element left open around the item, a
    stray "<b>" it was placed in, leaves the item whole)."""
    for entry in parser.error_log:
        m = re.search(r"Premature end of data in tag (\S+)", entry.message)
        if (m and m.group(1) not in ("rss", "channel")) or \
                entry.message.startswith("Couldn't find end of Start Tag item"):
            return sanitized is None or sanitized.last_item_open
    return False


_UNSTRIPPED = frozenset({"content:encoded", "excerpt:encoded"})
# What _item does with a child, by the child's tag: (short name, kind).
_FIELD, _BODY, _POSTMETA, _CATEGORY, _COMMENT, _SKIP = range(6)
_KINDS: dict[str, tuple[str, int]] = {}


def _kind(tag: str) -> tuple[str, int]:
    name = _compute_qname(tag)
    if name == "category":
        kind = _CATEGORY
    elif name == "wp:postmeta":
        kind = _POSTMETA
    elif name == "wp:comment":
        kind = _COMMENT
    elif name in _UNREAD or name[:1] == "{":  # (another vocabulary's element: not read)
        kind = _SKIP
    elif name in _UNSTRIPPED:
        kind = _BODY
    else:
        kind = _FIELD
    if len(_KINDS) < 10_000:  # bounded: a hostile file may invent endless tag names
        _KINDS[tag] = (name, kind)
    return name, kind
# Item fields no record uses (RSS's own copies of what wp: fields hold; pings are gone):
# their text is not even read.
_UNREAD = frozenset({"pubDate", "description", "wp:ping_status"})


def _post_type(item: etree._Element) -> str:
    """An item's wp:post_type as ``_item`` reads it, without reading its other children."""
    for el in item.iterchildren("{*}post_type"):
        if _qname(el.tag) == "wp:post_type":
            return (el.text or "").strip() or "post"
    return "post"


def _meta_pair(el: etree._Element) -> tuple[str, str]:
    """(meta_key, meta_value) of a wp:postmeta, in one pass over its two children."""
    if len(el) == 2:  # WordPress writes exactly <wp:meta_key/><wp:meta_value/>, in that order
        k, v = el[0], el[1]
        if _qname(k.tag) == "wp:meta_key" and _qname(v.tag) == "wp:meta_value":
            return (k.text or "").strip(), v.text or ""
    key = value = ""
    for sub in el:
        name = _qname(sub.tag)
        if name == "wp:meta_key":
            key = (sub.text or "").strip()
        elif name == "wp:meta_value":
            value = sub.text or ""
    return key, value


def _child(el: etree._Element, name: str, *, strip: bool = True) -> str:
    for child in el:
        if _qname(child.tag) == name:
            text = child.text or ""
            return text.strip() if strip else text
    return ""


def _item_field(tag: Any) -> str:
    """The name of an item's own field ("wp:post_id", "content:encoded"...) for the tag of an
    element found outside any item, else "". (After a mismatched tag libxml2's recovery may
    leave the prefix unresolved: "wp:post_id" as the tag.)"""
    if not isinstance(tag, str):
        return ""
    name = _qname(tag) if "{" in tag else tag
    return name if ":" in name and name[0] != "{" and name not in _CHANNEL_ELEMENTS else ""


def _text_of(el: etree._Element) -> str:
    """The text of an element (PHP's message printed as HTML), without its tail."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _child_holding(parent: etree._Element, el: etree._Element) -> etree._Element:
    """The child of ``parent`` that is ``el`` or holds it."""
    while el.getparent() is not None and el.getparent() is not parent:
        el = el.getparent()
    return el


def _release(el: etree._Element, before: bool | None = None) -> None:
    """Free a processed element and the already-processed siblings before it (its tail is kept
    until the next item: text there is reported, see WXRReader._stray). ``before``: whether it
    has a previous sibling, when the caller already looked (one look fewer per item)."""
    el.clear(keep_tail=True)
    if before is False:
        return
    parent = el.getparent()
    if parent is not None:
        if before:
            del parent[0]
        while el.getprevious() is not None:
            del parent[0]


def _term_key(domain: str, name: str) -> tuple[str, str]:
    """A post's term entry as _apply_terms matches plain and slugged copies: "tag" is
    "post_tag" (as WordPress's importer has it), names compared with entities decoded."""
    return ("post_tag" if domain == "tag" else domain), html.unescape(name).strip()


def _apply_terms(post: Post, cats: list[tuple[str, str, str]]) -> None:
    # Exports of WordPress 2.x (WXR 1.0) give each term twice: as RSS's plain <category>Name
    # </category> and with its domain and slug (nicename). WordPress's importer reads only the
    # latter; a plain one is read here only where no term of its name has a slug given (exports
    # written by other tools), and a term given twice is listed once.
    named = {_term_key(domain, name) for domain, nicename, name in cats if nicename} if len(cats) > 1 else ()
    for domain, nicename, name in cats:
        if nicename:
            slug = decode_slug(nicename)
        elif named and _term_key(domain, name) in named:
            continue
        else:
            slug = slugify(name)
        if not slug:
            continue
        if domain == "category":
            if slug not in post.categories:
                post.categories.append(slug)
        elif domain == "post_tag" or domain == "tag":
            if slug not in post.tags:
                post.tags.append(slug)
        elif domain == "post_format":
            post.format = slug.removeprefix("post-format-")
        else:
            slugs = post.terms.setdefault(domain, [])
            if slug not in slugs:
                slugs.append(slug)


def _apply_meta(post: Post, meta: list[tuple[str, str]]) -> None:
    if not meta:
        return
    values: dict[str, list[Any]] = {}  # (as _meta_dict, in the same pass: the reader's hot path)
    internal = _INTERNAL_META.match
    for key, value in meta:
        if key == "_thumbnail_id":
            post.featured_media = _int(value) or None
        elif key and not internal(key):
            values.setdefault(key, []).append(php_unserialize(value))
    post.meta = {key: found[0] if len(found) == 1 else found for key, found in values.items()}


def _meta_dict(pairs: Iterable[tuple[str, str]],
               skip: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """Meta (key, value) pairs as a dict, PHP-serialized values decoded. A key may repeat (legal
    in WordPress: add_post_meta() without unique): it then holds the list of its values, in
    order. Keys ``skip`` answers true for are left out."""
    values: dict[str, list[Any]] = {}
    for key, value in pairs:
        if key and not (skip and skip(key)):
            values.setdefault(key, []).append(php_unserialize(value))
    return {key: found[0] if len(found) == 1 else found for key, found in values.items()}


def _meta_of(el: etree._Element, name: str) -> list[tuple[str, str]]:
    """The (key, value) pairs of ``el``'s children called ``name`` (wp:termmeta, wp:commentmeta)."""
    return [_meta_pair(child) for child in el if _qname(child.tag) == name]


_CHUNK = 32768  # bytes fed to the parser at a time (iterparse's own chunk)
_HANDLE = b"<!---->"  # (see WXRReader._parse_pushed)
# An XML declaration (after a UTF-8 byte order mark) in an encoding the comment added after it
# can be written in as ASCII.
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[ \t\r\n][^<>]{0,400}?\?>")
_NOT_ASCII_ENCODING = re.compile(
    rb"""encoding\s*=\s*["']\s*(?:utf-?(?:16|32)|ucs|unicode|ebcdic|ibm|cp0?37\b|cp500|cp1026)""",
    re.I)


def declaration_end(head: bytes) -> int | None:
    """Where the XML declaration that begins ``head`` (a document's first bytes) ends, when
    its encoding writes ASCII as ASCII (a comment can be put after it); else None."""
    m = _DECLARATION.match(head)
    if m is None or _NOT_ASCII_ENCODING.search(m.group()):
        return None
    return m.end()


def _only_read_past(log: Any) -> bool:
    """Whether the errors of a parser's log are all read past (namespace slips, repeated IDs),
    and there are some."""
    errors = [e for e in log if e.level >= etree.ErrorLevels.ERROR]
    return bool(errors) and all(_is_read_past(e) for e in errors)


class _FeedLog:
    """The error log of a parser fed by hand, as an iterparse's (``error_log``)."""

    def __init__(self, parser: Any) -> None:
        self.error_log = parser.feed_error_log


class _Walk:
    """Where WXRReader._walk stands in the tree being built."""

    __slots__ = ("events", "site", "handle", "root", "channel", "node", "header_read",
                 "comments", "closed", "items", "yielded")

    def __init__(self, events: Any, site: Site) -> None:
        self.events, self.site = events, site
        self.handle: etree._Element | None = None  # the comment added: the document's first node
        self.root: etree._Element | None = None
        self.channel: etree._Element | None = None
        self.node: etree._Element | None = None  # the first child not read yet
        self.header_read = self.comments = self.closed = False
        self.items = 0  # items met (those of the types skipped too)
        self.yielded = 0  # entities handed over


def _remove_comment(node: etree._Element) -> None:
    """Take a finished comment out of the tree, its tail text joined to the text before it."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def iter_wxr(source: str | Path | IO[bytes], *, recover: bool = False) -> Iterator[WXREntity]:
    """Stream the entities of a WXR file (convenience wrapper around :class:`WXRReader`)."""
    return iter(WXRReader(source, recover=recover))


@dataclass
class WXRIndex:
    """What the first, cheap pass learns: everything but post bodies."""

    site: Site
    media: dict[int, Media]
    menu_items: list[RawMenuItem]
    posts: dict[int, tuple[str, str, str, str, int, str]]  # id -> (type, status, slug, title, parent, url)
    attachments_by_parent: dict[int, list[int]]
    usual_offset: timedelta
    counts: Counter[tuple[str, str]]  # (type, status) -> n
    warnings: list[str]


def read_wxr_index(source: str | Path | Sequence[ExportPart], *, recover: bool = False,
                   on_post: Callable[[Post], None] | None = None) -> WXRIndex:
    """First pass over the export: site, authors, terms, media, menus and a post directory.

    ``on_post`` sees every post as it streams by (e.g. to summarise the site for dynamic blocks)
    without the index keeping bodies. ``source``: a WXR file, or the parts of a split export
    (:func:`export_parts`), read one after the other; the header every part repeats (site,
    authors, terms) is taken from the first part that has it.
    """
    parts: Sequence[str | Path | ExportPart] = (
        [source] if isinstance(source, (str, Path)) else list(source))
    index = _IndexBuilder(on_post, split=len(parts) > 1)
    site: Site | None = None
    for n, part in enumerate(parts):
        reader = WXRReader(part, recover=recover)
        repeated = 0
        for entity in reader:
            if isinstance(entity, Site):
                if site is None:
                    site = entity
                elif _site_key(entity) != _site_key(site):
                    raise WXRError(
                        f"this part comes from another site ({_site_key(entity)}, not "
                        f"{_site_key(site)})", path=reader.path,
                        hint="pass the files of one export")
            elif not index.add(entity, n):
                repeated += 1
        for domain, nicename, name in reader.item_terms:
            if nicename:
                index.add_named(Term(taxonomy="post_tag" if domain == "tag" else domain,
                                     slug=decode_slug(nicename), name=_stored_text(name)))
        prefix = f"{reader.path}: " if len(parts) > 1 else ""
        index.warnings += [prefix + w for w in reader.warnings]
        if repeated:
            index.warnings.append(f"{reader.path}: {repeated} items skipped: an earlier part has "
                                  "items with the same ids")
    return index.finish(site or Site())


def _site_key(site: Site) -> str:
    return (site.base_site_url or site.url).rstrip("/").lower()


def _merge_term(known: Term, other: Term) -> str:
    """What a second entry of the same term adds to the first: the fields it left empty, and
    meta keys it did not have. Returns a warning when the two disagree (the first is kept), or
    ""; WordPress's own exports repeat a term exactly."""
    differ = [name for name in ("name", "parent", "wp_id")
              if getattr(known, name) and getattr(other, name) and getattr(known, name) != getattr(other, name)]
    for name in ("name", "description", "parent", "url"):
        if not getattr(known, name) and getattr(other, name):
            setattr(known, name, getattr(other, name))
    if known.wp_id is None:
        known.wp_id = other.wp_id
    if known.count is None:
        known.count = other.count
    for key, value in other.meta.items():
        known.meta.setdefault(key, value)
    if not differ:
        return ""
    return (f"term {known.taxonomy}/{known.slug} is given twice and the copies differ in "
            + ", ".join(f"{n} ({getattr(known, n)!r} kept, {getattr(other, n)!r} dropped)" for n in differ))


class _IndexBuilder:
    """What read_wxr_index collects. In a split export (``split``) each part repeats the header
    (authors, terms), and an item may come twice (a zip and its own .xml): what an earlier part
    already gave is not taken again; within one part everything counts, as in a single file."""

    def __init__(self, on_post: Callable[[Post], None] | None, *, split: bool) -> None:
        self.on_post = on_post
        self.media: dict[int, Media] = {}
        self.menu_items: list[RawMenuItem] = []
        self.posts: dict[int, tuple[str, str, str, str, int, str]] = {}
        self.authors: list[Author] = []
        self.terms: list[Term] = []
        self._terms: dict[tuple[str, str], Term] = {}
        self.offsets: Counter[str] = Counter()
        self.by_parent: dict[int, list[int]] = {}
        self.counts: Counter[tuple[str, str]] = Counter()
        self.warnings: list[str] = []
        # key -> the part that gave it first (only for a split export: it costs memory)
        self._first: dict[tuple[Any, ...], int] | None = {} if split else None

    def _earlier(self, key: tuple[Any, ...], part: int) -> bool:
        return self._first is not None and self._first.setdefault(key, part) != part

    def add(self, entity: WXREntity, part: int) -> bool:
        """Take ``entity`` in; False when it is an item an earlier part already gave."""
        if isinstance(entity, Author):
            if not self._earlier(("author", entity.login), part):
                self.authors.append(entity)
        elif isinstance(entity, Term):
            # One term per taxonomy and slug (WordPress's own key). WordPress's exporter writes
            # each category and tag twice on a site without custom taxonomies (wp:category or
            # wp:tag, then wp:term: export_wp() asks get_terms() for no taxonomy, which is all
            # of them), and a split export repeats its header: what a later copy adds is kept.
            key = (entity.taxonomy, entity.slug)
            known = self._terms.get(key) if entity.slug else None  # (no slug: nothing to match)
            if known is None:
                if entity.slug:
                    self._terms[key] = entity
                self.terms.append(entity)
            else:
                warning = _merge_term(known, entity)
                if warning and not self._earlier(("term warning", *key), part):
                    self.warnings.append(warning)
        elif isinstance(entity, RawMenuItem):
            # (by menu and id: hand-made exports reuse an item id in several menus)
            if self._earlier(("menu item", entity.menu, entity.wp_id), part):
                return False
            self.counts[("nav_menu_item", entity.status)] += 1
            self.menu_items.append(entity)
        elif isinstance(entity, (Post, Media)):
            if self._earlier(("item", entity.wp_id), part):
                return False
            if isinstance(entity, Media):
                self.counts[("attachment", "inherit")] += 1
                self.media[entity.wp_id] = entity
                self.by_parent.setdefault(entity.parent, []).append(entity.wp_id)
            else:
                self.counts[(entity.type, entity.status)] += 1
                self.posts[entity.wp_id] = (entity.type, entity.status, entity.slug, entity.title,
                                            entity.parent, entity.url)
                if entity.date:
                    self.offsets[entity.date[19:]] += 1
                if self.on_post is not None:
                    self.on_post(entity)
        return True

    def add_named(self, term: Term) -> None:
        """A term an item names that the export does not list (an export of posts only): added
        with the name the item gives, when no term of its taxonomy and slug is known."""
        if term.slug and (term.taxonomy, term.slug) not in self._terms:
            self._terms[(term.taxonomy, term.slug)] = term
            self.terms.append(term)

    def finish(self, site: Site) -> WXRIndex:
        site.authors, site.terms = self.authors, self.terms
        usual = _parse_offset(self.offsets.most_common(1)[0][0]) if self.offsets else timedelta(0)
        return WXRIndex(site, self.media, self.menu_items, self.posts, self.by_parent, usual,
                        self.counts, self.warnings)


def _parse_offset(text: str) -> timedelta:
    m = re.fullmatch(r"([+-])(\d\d):(\d\d)", text)
    if not m:
        return timedelta(0)
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return -delta if m.group(1) == "-" else delta
