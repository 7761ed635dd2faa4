"""Source stage helper: a byte stream wrapper that repairs the damage real WXR exports carry.

Used only with ``--recover``. It streams (bounded memory) and counts every repair so the run's
report can list exactly what was changed: bytes that are not valid in the declared encoding
(re-decoded as Windows-1252, the usual culprit), control characters XML forbids (removed), HTML
named entities outside CDATA that XML does not define (turned into their characters), and stray
ampersands (escaped). Nothing is dropped silently.

Also here, for every read: :func:`document_start`, where the XML begins in a file that PHP wrote
something into before it (blank lines from a theme's functions.php, a "headers already sent"
warning), and :func:`stray_excerpt`, how such text is quoted back to the user.
"""

from __future__ import annotations

import codecs
import html.entities
import re
import threading
from typing import IO, Any

_CHUNK = 1 << 20
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A '<' that starts no tag, comment, CDATA section or declaration ("a < b", "<3", a PHP
# message's "<-"): libxml2's incremental parser stops at it, recovering nothing after it.
# (XML 1.0's NameStartChar: what may follow '<' or '</' in a tag.)
_NAME_START = ("A-Za-z_:\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
               "\u200c\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
               "\U00010000-\U000effff")
_STRAY_LT = re.compile(f"<(?![{_NAME_START}?]|/[{_NAME_START}]|"
                       r"!--|!\[CDATA\[|!DOCTYPE|!ENTITY|!ELEMENT|!ATTLIST|!NOTATION)")
_ITEM_TAG = re.compile(r"<item(?:[\s>/]|$)")  # ($: a file cut right after "<item")
_SAFE_AFTER = (">", " ", "\n", "\t", "\r")  # what no token the sanitizer looks for spans
_ENTITY_OR_AMP = re.compile(r"&(?:(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)?")
_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_CDATA_OPEN, _CDATA_CLOSE = "<![CDATA[", "]]>"
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
_OPENER = re.compile(re.escape(_CDATA_OPEN) + "|" + re.escape(_COMMENT_OPEN))
# Where a WXR document begins: its XML declaration, or its <rss> element when it has none.
_XML_START = re.compile(rb"<\?xml[\s?]|<rss[\s>]")
LEAD_WINDOW = 1 << 20  # bytes of a file's start searched for it
_TAG = re.compile(r"<[^>]*>")


def document_start(head: bytes) -> int:
    """The offset where the XML document begins in ``head``, a file's first bytes: 0 when it
    begins at the start (or after a UTF-8 byte order mark, which XML allows) or when neither an
    XML declaration nor an ``<rss>`` element is in sight (the parser then says what is wrong).

    Anything before it is what PHP printed into the export while WordPress wrote it: blank lines
    from a plugin or theme file, or a warning ("Cannot modify header information"...).
    """
    m = _XML_START.search(head)
    if m is None:
        return 0
    lead = head[: m.start()].replace(codecs.BOM_UTF8, b"")
    if not lead:
        return 0
    # A prolog (comment, processing instruction, doctype) before <rss> in a document without a
    # declaration is XML's own. Before an XML declaration nothing is: the declaration comes
    # first or not at all, so what stands there was printed into the file (an unclosed "<!--"
    # too, which would swallow the export up to its first comment's end).
    if not m.group(0).startswith(b"<?xml") and lead.lstrip().startswith((b"<!--", b"<?", b"<!DOCTYPE")):
        return 0
    return m.start()


def stray_excerpt(data: bytes | str, limit: int = 160) -> str:
    """Text found where WXR has none (PHP's messages are HTML: ``<b>Warning</b>: ...``), as a
    message quotes it: tags removed, white space collapsed, control characters escaped, cut."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = " ".join(_TAG.sub("", text).split())
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_BAD_RUNS = threading.local()  # where the handler below found runs, for the decode under way
_CP1252_FALLBACK = "mwmigrate-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _BAD_RUNS.starts.append(exc.start)
    return exc.object[exc.start: exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


class SanitizingReader:
    """Read bytes from ``raw``, give back repaired UTF-8 bytes; ``report()`` lists the repairs."""

    def __init__(self, raw: IO[bytes], *, first_line: int = 1) -> None:
        self.raw = raw
        self.name = getattr(raw, "name", "<stream>")
        self._pending = b""  # undecoded bytes carried to the next chunk
        self._text_tail = ""  # decoded text held back (may end inside a token)
        self._out = b""
        self._eof = False
        self._first = True
        self._encoding = "utf-8"
        self._in_cdata = False
        self._in_comment = False
        self._line = first_line  # of the file, for what is read from raw's position on
        self.bad_bytes: list[int] = []  # line numbers of re-decoded byte runs
        self.control_chars: list[int] = []
        self.entities: dict[str, int] = {}
        self.stray_amps: list[int] = []
        self.stray_lts: list[int] = []
        # <item> start tags outside CDATA (what the reader checks its items against), and
        # whether the last of the <item> and </item> tags is a start tag (the file ends in one)
        self.item_tags = 0
        self.last_item_open = False
        self._commented_items = 0  # item tags in the comment open now

    # -- file protocol used by lxml
    def read(self, size: int = -1) -> bytes:
        while not self._eof and (size < 0 or len(self._out) < size):
            self._fill()
        if size < 0:
            data, self._out = self._out, b""
        else:
            data, self._out = self._out[:size], self._out[size:]
        return data

    def _fill(self) -> None:
        chunk = self.raw.read(_CHUNK)
        final = not chunk
        if self._first and chunk:
            chunk = self._declaration(chunk)
        text = self._decode(chunk, final)
        text = self._text_tail + text
        if not final:
            # Hold back a tail so that no token ("&nbsp;", "<![CDATA[", "]]>", "<!--", "-->",
            # "<item>", a '<' and the character after it) is cut: the cut goes right after the
            # last '>' or white space before the last 40 characters, where none of them can be
            # open (none holds white space, and only its last character can be '>').
            end = max(0, len(text) - 40)
            cut = max(text.rfind(c, 0, end) for c in _SAFE_AFTER) + 1
            if not cut:  # (a run without either: a base64 blob) at a '<' or '&' near the end,
                starts = [text.rfind(c, max(0, end - 40), end) for c in "<&"]
                cut = max(starts) if max(starts) > 0 else end
                while cut and text[cut - 1] in "]-":  # else not inside a "]]>" or "-->"
                    cut -= 1
            text, self._text_tail = text[:cut], text[cut:]
        else:
            self._text_tail = ""
            self._eof = True
        self._out += self._repair(text).encode("utf-8")
        if self._eof and self._in_comment:  # (a "<!--" never closed hid the items after it)
            self.item_tags += self._commented_items
            self._commented_items = 0

    def _declaration(self, chunk: bytes) -> bytes:
        self._first = False
        if chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8):]
        m = _DECL.match(chunk)
        if m:
            try:
                self._encoding = codecs.lookup(m.group(1).decode("ascii")).name
            except LookupError:
                self._encoding = "utf-8"
            # We hand lxml UTF-8 whatever the file declared.
            chunk = chunk[: m.start(1)] + b"UTF-8" + chunk[m.end(1):]
        return chunk

    def _decode(self, chunk: bytes, final: bool) -> str:
        data = self._pending + chunk
        self._pending = b""
        if self._encoding != "utf-8":
            return data.decode(self._encoding, errors="replace")
        # Runs of bytes that are not UTF-8 are read as Windows-1252, by a codec error handler:
        # one pass in C (catching each error instead copied the rest of the chunk into it: a
        # Latin-1 file declared UTF-8, an error every few bytes, took minutes a megabyte).
        # An incomplete character at the end waits for the next chunk.
        bad = _BAD_RUNS.starts = []
        text, pos = codecs.utf_8_decode(data, _CP1252_FALLBACK, final)
        self._pending = data[pos:]
        if bad:
            at = _LineCounter(data, self._line + self._text_tail.count("\n"))
            self.bad_bytes.extend(at(pos) for pos in bad)
        return text

    def _repair(self, text: str) -> str:
        out: list[str] = []
        # Inside a CDATA section or a comment (WordPress's header comment says "Activate & Run
        # Importer") only control characters are repaired; the markup checks are for the rest.
        pos = 0
        while pos < len(text):
            if self._in_cdata or self._in_comment:
                marker = _CDATA_CLOSE if self._in_cdata else _COMMENT_CLOSE
                end = text.find(marker, pos)
                stop = end + len(marker) if end >= 0 else len(text)
            else:
                m = _OPENER.search(text, pos)
                end = m.start() if m else -1
                marker = m.group() if m else ""
                stop = end + len(marker) if m else len(text)
            out.append(self._fix_segment(text[pos:stop]))
            if end < 0:
                break
            if self._in_cdata or self._in_comment:
                self._in_cdata = self._in_comment = False
                self._commented_items = 0  # (a closed comment's items were commented out)
            elif marker == _CDATA_OPEN:
                self._in_cdata = True
            else:
                self._in_comment = True
            pos = stop
        return "".join(out)

    def _fix_segment(self, segment: str) -> str:
        line = self._line
        if _BAD_CHARS.search(segment):
            at = _LineCounter(segment, line)
            self.control_chars.extend(at(m.start()) for m in _BAD_CHARS.finditer(segment))
            segment = _BAD_CHARS.sub("", segment)
        markup = not (self._in_cdata or self._in_comment)
        if markup and "&" in segment:
            at = _LineCounter(segment, line)
            segment = _ENTITY_OR_AMP.sub(lambda m: self._entity(m, at), segment)
        if not self._in_cdata and "<" in segment:
            # (counted in comments too: a stray "<!--" hides the items after it from the parser)
            opened = closed = -1
            if "<item" in segment:
                starts = [m.start() for m in _ITEM_TAG.finditer(segment)]
                if self._in_comment:
                    self._commented_items += len(starts)
                else:
                    self.item_tags += len(starts)
                opened = starts[-1] if starts else -1
            if "</item" in segment:
                closed = segment.rfind("</item")
            if (opened >= 0 or closed >= 0) and not self._in_comment:
                self.last_item_open = opened > closed  # (a comment's tags say nothing of it)
            if markup and _STRAY_LT.search(segment):
                at = _LineCounter(segment, line)
                self.stray_lts.extend(at(m.start()) for m in _STRAY_LT.finditer(segment))
                segment = _STRAY_LT.sub("&lt;", segment)
        self._line += segment.count("\n")
        return segment

    def _entity(self, m: re.Match[str], at: _LineCounter) -> str:
        ref = m.group(1)
        if ref is None:
            self.stray_amps.append(at(m.start()))
            return "&amp;"
        if ref.startswith("#") or ref in _XML_ENTITIES:
            return m.group(0)
        chars = html.entities.html5.get(ref + ";")
        self.entities[ref] = self.entities.get(ref, 0) + 1
        if chars is None:
            return "&amp;" + ref + ";"
        return "".join(f"&#{ord(c)};" for c in chars)

    def report(self) -> list[str]:
        """One line per kind of repair, with counts and where the first ones were."""
        lines: list[str] = []
        if self.bad_bytes:
            lines.append(f"re-decoded {len(self.bad_bytes)} byte runs that were not valid UTF-8 as "
                         f"Windows-1252 (lines {_first(self.bad_bytes)})")
        if self.control_chars:
            lines.append(f"removed {len(self.control_chars)} control characters XML forbids "
                         f"(lines {_first(self.control_chars)})")
        for name, n in sorted(self.entities.items()):
            known = (name + ";") in html.entities.html5
            lines.append(f"{'replaced' if known else 'kept as text'} {n} undefined entity "
                         f"&{name}; " + ("with its character" if known else "(unknown name)"))
        if self.stray_amps:
            lines.append(f"escaped {len(self.stray_amps)} stray '&' characters "
                         f"(lines {_first(self.stray_amps)})")
        if self.stray_lts:
            lines.append(f"escaped {len(self.stray_lts)} stray '<' characters that start no tag "
                         f"(lines {_first(self.stray_lts)})")
        return lines


class _LineCounter:
    """The line of positions in a text or bytes, asked in increasing order (newlines counted
    once)."""

    def __init__(self, text: str | bytes, first_line: int) -> None:
        self.text, self.line, self.pos = text, first_line, 0
        self.newline: Any = b"\n" if isinstance(text, bytes) else "\n"

    def __call__(self, pos: int) -> int:
        self.line += self.text.count(self.newline, self.pos, pos)
        self.pos = pos
        return self.line


def _first(lines: list[int], n: int = 5) -> str:
    shown = ", ".join(str(x) for x in sorted(set(lines))[:n])
    return shown + (", ..." if len(set(lines)) > n else "")
