"""HTML -> BeautifulSoup tree for the Markdown converter (convert.markdown), built fast.

``parse_html(html)`` returns the tree ``BeautifulSoup(html, "html.parser")`` builds. Most of that
call's time goes to html.parser's pure-Python tokenizer and bs4's per-event bookkeeping; here
libxml2 (through lxml) tokenizes and builds the tree in C, and the bs4 objects are made directly
from its tree, linked as bs4 links them.

html.parser and bs4 build a plain tag-soup tree: an element is open until its end tag (or the
end of the input), whatever it contains. libxml2 applies HTML rules on top (``<div>`` closes an
open ``<p>``, ``<li>`` closes ``<li>``, head elements move into ``<head>``...), so every tag name
is given a prefix before libxml2 sees it (``<p>`` -> ``<z-p>``): unknown elements get none of
those rules, and libxml2 then nests exactly as bs4 does. Only the void elements both parsers know
(``<br>``, ``<img>``...) and ``<script>``/``<style>`` (raw text in both) keep their names.

Two retries cover what the names alone do not: bs4 ends a text at an end tag it ignores (a mark
element is then put before every end tag), and bs4's void elements libxml2 does not know
(``<source>``, ``<wbr>``...) are then carried by an ``<img>`` that names them.

Where the two tokenizers differ (HTML5 entity rules, duplicate attributes, CR and control
characters, doctypes, CDATA, a tag cut off by the end...) the input goes to html.parser: a scan
of the source and checks made while walking libxml2's tree decide. The behaviour relied on
belongs to libxml2 (2.14's HTML5 tokenizer), html.parser and bs4, so before its first use the
fast path must pass a self-check on sample inputs, or it stays off.
tests/unit/test_markdown_htmltree.py compares both trees node by node on odd, malformed and
random input.
"""

from __future__ import annotations

import html as _html
import html.entities as _html_entities
import logging
import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.builder import HTMLTreeBuilder
from bs4.dammit import EntitySubstitution, UnicodeDammit
from lxml import etree

try:  # bs4 >= 4.13 (with an older bs4, every input goes to html.parser)
    from bs4.element import AttributeDict, AttributeValueList
except ImportError:  # pragma: no cover
    AttributeDict = AttributeValueList = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

__all__ = ["parse_html", "parse_html_fast", "unknown_references_as_text"]


def parse_html(html: str) -> BeautifulSoup:
    """``BeautifulSoup(html, "html.parser")``: the same tree, from libxml2 when that is safe."""
    soup = parse_html_fast(html)
    if soup is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(html, "html.parser")
    return soup


# What html.parser reads as no text: comments, declarations, CDATA, processing instructions,
# and the raw text of <script> and <style>.
_NOT_TEXT = re.compile(r"<!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?"
                       r"|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_NAMED_REFERENCE = re.compile(r"&([A-Za-z][A-Za-z0-9]*;)")


def unknown_references_as_text(html: str) -> str:
    """``html`` with each named reference that stands for no character ("&foo;", "AT&T;":
    ``html.unescape`` leaves it as it is, HTML shows it as written) written as the text it is,
    ``&amp;foo;``, outside comments, CDATA, <script> and <style>: html.parser's bs4 builder
    drops the ";" of such a reference ("&foo"), in <pre> and <code> too."""
    def text(part: str) -> str:
        return _NAMED_REFERENCE.sub(
            lambda m: m.group() if _is_character(m) else "&amp;" + m.group(1), part)

    if all(_is_character(m) for m in _NAMED_REFERENCE.finditer(html)):
        return html  # (the common case: every reference is a character's)
    out, at = [], 0
    for m in _NOT_TEXT.finditer(html):
        out.append(text(html[at:m.start()]))
        out.append(m.group())
        at = m.end()
    out.append(text(html[at:]))
    return "".join(out)


def _is_character(m: re.Match[str]) -> bool:
    """Whether a named reference stands for a character (a name HTML knows, "&amp;", or one
    that begins with a legacy name, "&notit;" is "¬it;", as html.unescape reads it)."""
    return m.group(1) in _html_entities.html5 or _html.unescape(m.group()) != m.group()


def parse_html_fast(html: str) -> BeautifulSoup | None:
    """The html.parser tree of ``html`` built from libxml2's parse, or None where they may differ."""
    return _parse_fast(html) if _fast_path_works() else None


def _parse_fast(html: str) -> BeautifulSoup | None:
    if not _source_ok(html):
        return None
    marked = carried = False
    while True:
        soup = _parse(html, marked, carried)
        if soup is _STRAY_END_TAG and not marked:
            # bs4 ends a text at an end tag it ignores (no element of that name is open),
            # libxml2 does not: parse again with a mark before every end tag, cutting the text.
            marked = True
        elif soup is _VOID_WITH_CONTENT and not carried:
            # a void element to bs4 but not to libxml2 (<source>, <wbr>...) took what follows
            # it in: parse again with those elements carried by an <img>.
            carried = True
        else:
            return soup if isinstance(soup, BeautifulSoup) else None


_STRAY_END_TAG = object()
_VOID_WITH_CONTENT = object()


def _parse(html: str, marked: bool, carried: bool) -> BeautifulSoup | object | None:
    parser = etree.HTMLParser()
    try:
        root = etree.fromstring(_prefix_names(html, marked, carried) + _END, parser)
    except (etree.ParserError, ValueError):
        return None
    if root is None or root.tag != "html":
        return None
    stray = False
    for error in parser.error_log:
        if error.type_name == "ERR_TAG_NAME_MISMATCH" and error.message.startswith(_STRAY):
            stray = True  # (of a prefixed name: not a void element's or a raw-text one's)
        elif error.type_name != "DTD_ID_REDEFINED":  # (a repeated id is only noted)
            return None
    if stray and not marked:
        return _STRAY_END_TAG
    builder = _Builder(html, marked)
    try:
        soup = builder.document(root, html)
    except _Unsafe:
        return None
    except _VoidWithContent:
        return _VOID_WITH_CONTENT
    if not builder.ended:
        return None  # the input ends inside a tag (an open quote...): libxml2 drops it, html.parser not
    if builder.comments != html.count("<!--"):
        return None  # libxml2 read something ('<?x>', '</ x>'...) as a bogus comment
    if builder.raw_elements and not (
            builder.raw_elements == len(_RAW_END_TAG.findall(html)) == len(_RAW_END_TAG_WRITTEN.findall(html))):
        return None
    return soup


class _Unsafe(Exception):
    """libxml2's tree may differ from html.parser's here."""


class _VoidWithContent(Exception):
    """libxml2 put content in an element void to bs4."""


# --------------------------------------------------------------------------------- names

_HTML_BUILDER = HTMLTreeBuilder()
# Void in bs4 and in libxml2 (bs4's other void elements, <source>, <wbr>..., are not void to
# libxml2: fine only where libxml2 leaves them empty).
_VOID_BOTH = frozenset(
    ("area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param")
)
_RAW_TEXT = frozenset(("script", "style"))  # raw text in both parsers
_KEPT_NAMES = _VOID_BOTH | _RAW_TEXT
# bs4's other void elements reach libxml2 as an <img> (void to it) whose first attribute names
# them: <source src=a> -> <img z-void-source src=a>.
_CARRIED = frozenset(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS or ()) - _VOID_BOTH
_CARRIER = "z-void-"
_CARRIED_START = re.compile(r"<((?i:{}))(?![A-Za-z0-9-])".format("|".join(sorted(_CARRIED))))
_PREFIX = "z-"
# (each letter as a class: a little faster than a case-insensitive group)
_KEPT = "(?!(?:{})(?![A-Za-z0-9-]))".format("|".join(
    "".join(f"[{c}{c.upper()}]" for c in name) for name in sorted(_KEPT_NAMES, key=len, reverse=True)))
_START_TAG = re.compile("<(?=[A-Za-z])" + _KEPT)
_END_TAG = re.compile("</(?=[A-Za-z])" + _KEPT)
_RAW_END_TAG = re.compile(r"</(?i:script|style)[\s/>]")
_RAW_END_TAG_WRITTEN = re.compile(r"</(?i:script|style)[ \t\n\x0c]*>")
_MARK_NAME = _PREFIX  # an element no source tag gives (those are _PREFIX + a name)
_MARK = f"<{_MARK_NAME}/>"
_STRAY = "Unexpected end tag : " + _PREFIX
# Put after the input: where libxml2 finds it as an element, the input did not end inside a tag.
_END_NAME = _PREFIX + "-"  # (no name starts with '-')
_END = f"<{_END_NAME}/>"


def _prefix_names(html: str, marked: bool, carried: bool) -> str:
    """Give every tag name but the kept ones the prefix (also where the name is not in a tag:
    in comments and attribute values, where _unprefix undoes it exactly); ``marked``: put the
    mark element before every end tag so prefixed; ``carried``: the <img> carrier for bs4's
    other void elements."""
    if carried:
        html = _CARRIED_START.sub(rf"<img {_CARRIER}\1", html)
    html = _START_TAG.sub("<" + _PREFIX, html)
    if "</" in html:
        html = _END_TAG.sub((_MARK if marked else "") + "</" + _PREFIX, html)
    return html


def _unprefix(text: str, marked: bool) -> str:
    if _CARRIER in text:
        text = text.replace("<img " + _CARRIER, "<")
    if marked:
        text = text.replace(_MARK + "</" + _PREFIX, "</")
    else:
        text = text.replace("</" + _PREFIX, "</")
    return text.replace("<" + _PREFIX, "<")


# --------------------------------------------------------------------------------- source scan

# Where libxml2's HTML5 tokenizer and Python's html.parser part ways: control characters and CR
# (libxml2 replaces or normalises them), lone surrogates, comment ends only one accepts ...
_SUSPECT_CHARS = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\ufdd0-\ufdef\ufeff\ufffe\uffff\ud800-\udfff]")
_SUSPECT_COMMENT = re.compile(r"<!---?>|--(?:!|[ \t\n\f]+)>")
# ... and, outside comments: doctypes, CDATA, processing instructions, unclosed comments, and
# '</' not followed by a tag name.
# An end tag of a void element, too (bs4 ignores it without ending the text before it when a
# start tag of that name came before, which libxml2 cannot tell), unless right after its start
# tag (lxml writes <source ...></source>), where both do nothing.
_SUSPECT_MARKUP = re.compile(r"<[!?]|</(?![A-Za-z])")
_VOID_NAMES = "|".join(sorted(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS or ()))
_VOID_END_TAG = re.compile(rf"</(?i:{_VOID_NAMES})(?![A-Za-z0-9-])")
_VOID_PAIR = re.compile(rf"<((?i:{_VOID_NAMES}))(?:[ \t\n\x0c/][^<>]*)?></(?i:\1)[ \t\n\x0c]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LEADING_COMMENTS = re.compile(r"(?:<!--.*?-->)+", re.DOTALL)
# Every '&' must start a reference both decode to the same text (checked once per reference).
_LT_REFERENCE = re.compile(r"&(?:lt|LT|nvlt);|&#0*60;|&#[xX]0*3[cC];")  # (whitelisted ones)
_AMP = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?")
# An attribute given twice in a start tag: html.parser keeps the last value, libxml2 the first.
# (Possessive quantifiers read each attribute one way only: the search is quadratic at worst in
# the number of attributes of one tag, never exponential.)
_NAME = r"[^\s\"'<>/=]++"
_VALUE = r"""(?:[ \t\n\f]*+=[ \t\n\f]*+(?:"[^"]*+"|'[^']*+'|(?!["'])[^\s>]*+))?+"""
_SEP = r"""(?:[ \t\n\f/]++|(?<=["']))"""
_ATTRIBUTE = _SEP + _NAME + _VALUE
_DUPLICATE_ATTRIBUTE = re.compile(
    rf"<[A-Za-z][^\s/>]*+(?:{_ATTRIBUTE})*?{_SEP}({_NAME}){_VALUE}(?:{_ATTRIBUTE})*?{_SEP}\1(?=[\s/>=])",
    re.IGNORECASE,
)


def _source_ok(html: str) -> bool:
    if _SUSPECT_CHARS.search(html) is not None or _CARRIER in html:
        return False
    markup = html
    if "<!" in html:
        if _SUSPECT_COMMENT.search(html) is not None:
            return False
        markup = _COMMENT.sub("", html)
    if _SUSPECT_MARKUP.search(markup) is not None:
        return False
    if _VOID_END_TAG.search(markup) is not None and _VOID_END_TAG.search(_VOID_PAIR.sub("", markup)):
        return False
    last = markup.rfind("<")
    if last >= 0 and markup.find(">", last) < 0:
        return False  # a tag cut off by the end: html.parser keeps it as text, libxml2 drops it
    if "&" in html:
        for m in _AMP.finditer(html):
            ref = m.group(1)
            if ref is None or not _reference_ok(ref):
                return False
    return _DUPLICATE_ATTRIBUTE.search(html) is None


_REFERENCES: dict[str, bool] = {}


def _reference_ok(ref: str) -> bool:
    """Whether bs4/html.parser and libxml2 read ``&`` + ``ref`` alike, in text and attributes."""
    ok = _REFERENCES.get(ref)
    if ok is None:
        name = ref[:-1]
        text: str | None
        if name[0] == "#":
            number = int(name[2:], 16) if name[1] in "xX" else int(name[1:])  # noqa: FURB166
            text, replaced = UnicodeDammit.numeric_character_reference(number)
            ok = not replaced
        else:
            text = EntitySubstitution.HTML_ENTITY_TO_CHARACTER.get(name)
            ok = text is not None
        if ok:
            p = etree.fromstring(f'<p title="&{ref}">&{ref}</p>', etree.HTMLParser()).find("body/p")
            ok = p.text == text and p.get("title") == text and _html.unescape("&" + ref) == text
        if len(_REFERENCES) >= 4096:
            _REFERENCES.clear()
        _REFERENCES[ref] = bool(ok)
    return bool(ok)


# --------------------------------------------------------------------------------- tree walk

_VOID = frozenset(_HTML_BUILDER.empty_element_tags or ())
_PRESERVE_WS = frozenset(_HTML_BUILDER.preserve_whitespace_tags or ())
_STRING_CONTAINERS: dict[str, type[NavigableString]] = dict(_HTML_BUILDER.string_containers)
_CDATA_LISTS: dict[str, Any] = dict(_HTML_BUILDER.cdata_list_attributes or {})
# libxml2 gives these value-less attributes their name as value (html.parser: "").
_LIBXML_BOOLEAN = frozenset((
    "checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref", "noresize",
    "noshade", "nowrap", "readonly", "selected",
))
# Names the two tokenizers end and lower-case alike (no quotes, '<', '=', non-ASCII...).
_NAME_OK = re.compile(r"[a-z][a-z0-9_.:-]*\Z")
_ATTR_NAME_OK = re.compile(r"[a-z0-9_.:@#$%*+!?^|~\[\]{}()-]+\Z")
_NON_WS = re.compile(r"\S+")  # how bs4 splits class="a b" (builder.nonwhitespace_re)
_ASCII_SPACES = " \n\t\x0c\r"  # BeautifulSoup.ASCII_SPACES
_COMMENT_TAG = etree.Comment
_new_str = str.__new__
_new_tag = Tag.__new__
# Tag.__init__ gives each tag an empty dict of its own; nothing writes to a tag's (the lxml
# builder fills the soup's), and one shared dict spares the garbage collector 1 object per tag.
_NO_NAMESPACES: dict[str, str] = {}
_TEMPLATE = BeautifulSoup("", "html.parser")

_KIND_PLAIN, _KIND_VOID, _KIND_RAW, _KIND_SPECIAL = 0, 1, 2, 3
# libxml2's element name -> (html.parser's name, the attributes Tag.__init__ gives such a tag,
# kind, bs4's multi-valued attributes of the tag)
_ELEMENTS: dict[str, tuple[str, dict[str, Any], int, Any]] = {}
_ATTR_PLAIN, _ATTR_LIST, _ATTR_BOOLEAN = 0, 1, 2
_ATTRIBUTES: dict[str, int] = {}


def _element_info(lxml_name: str) -> tuple[str, dict[str, Any], int, Any]:
    info = _ELEMENTS.get(lxml_name)
    if info is None:
        if lxml_name.startswith(" " + _CARRIER):  # (a carried element's key: see children())
            name = lxml_name[len(_CARRIER) + 1:]
            if name not in _CARRIED:
                raise _Unsafe
        elif lxml_name.startswith(_PREFIX):
            name = lxml_name[len(_PREFIX):]
        elif lxml_name in _KEPT_NAMES:
            name = lxml_name
        else:
            raise _Unsafe  # an element libxml2 added
        if _NAME_OK.match(name) is None or name == "meta":  # (bs4 rewrites a meta's charset)
            raise _Unsafe
        proto = vars(Tag(_TEMPLATE, _TEMPLATE.builder, name)).copy()
        for key in ("attrs", "contents", "_namespaces"):
            del proto[key]
        if name in _VOID:
            kind = _KIND_VOID
        elif name in _RAW_TEXT:
            kind = _KIND_RAW
        elif name in _STRING_CONTAINERS or name in _PRESERVE_WS:
            kind = _KIND_SPECIAL
        else:
            kind = _KIND_PLAIN
        info = (name, proto, kind, _CDATA_LISTS.get(name))
        if len(_ELEMENTS) < 1024:
            _ELEMENTS[lxml_name] = info
    return info


def _attribute_kind(key: str) -> int:
    kind = _ATTRIBUTES.get(key)
    if kind is None:
        if _ATTR_NAME_OK.match(key) is None:
            raise _Unsafe
        kind = (_ATTR_LIST if key in _CDATA_LISTS.get("*", ()) else
                _ATTR_BOOLEAN if key in _LIBXML_BOOLEAN else _ATTR_PLAIN)
        if len(_ATTRIBUTES) < 4096:
            _ATTRIBUTES[key] = kind
    return kind


class _Builder:
    """Makes bs4 objects of libxml2's tree, linked as BeautifulSoup's html.parser builder does."""

    def __init__(self, html: str, marked: bool) -> None:
        self.html = html
        self.marked = marked
        self.lt_references: bool | None = None  # whether a reference in html decodes to '<' 
        self.last: Any = None  # the latest node in document order (its next_element comes next)
        self.comments = 0
        self.raw_elements = 0  # <script> and <style> elements
        self.ended = False  # whether the element put after the input was met

    def document(self, root: Any, html: str) -> BeautifulSoup:
        """The soup: libxml2's <html>, <head> and <body> unwrapped, comments before them kept."""
        soup = _new_soup()
        if root.text or root.tail or root.getnext() is not None:
            raise _Unsafe
        before = []
        node = root.getprevious()
        while node is not None:
            if node.tag is not _COMMENT_TAG:
                raise _Unsafe
            before.append(node)
            node = node.getprevious()
        sections = list(root)
        if [s.tag for s in sections] not in (["head"], ["body"], ["head", "body"]):
            raise _Unsafe
        for section in sections:
            if section.attrib or section.tail:
                raise _Unsafe
        if len(sections) == 2 and len(sections[0]) and sections[0][-1].tail and sections[1].text:
            raise _Unsafe  # one text libxml2 cut in two where <head> ends
        # libxml2 drops the white space before the document's first text or element (also
        # between comments there); html.parser keeps it.
        lead = html[: len(html) - len(html.lstrip(" \t\n\x0c"))]
        if before:
            comments = _LEADING_COMMENTS.match(html)
            if (lead or comments is None or html[comments.end():comments.end() + 1].isspace()
                    or comments.group(0).count("<!--") != len(before)):
                raise _Unsafe
        elif lead:
            body = sections[-1]
            if body.text and (len(sections) == 1 or not len(sections[0])):  # text comes first
                if not body.text.startswith(lead):
                    try:
                        body.text = lead + body.text
                    except ValueError:  # (lxml takes no form feed)
                        raise _Unsafe from None
            else:
                self.string(lead, soup, NavigableString, False)
        for node in reversed(before):
            self.comment(node, soup, False)
        for section in sections:
            self.children(section, soup, False, NavigableString)
        soup._most_recent_element = self.last
        return soup

    def string(self, text: str, parent: Any, cls: type, keep_ws: bool) -> None:
        if not keep_ws and not text.strip(_ASCII_SPACES):  # (bs4's endData; "" too)
            text = "\n" if "\n" in text else " "
        contents = parent.contents
        prev = contents[-1] if contents else None
        last = self.last
        s = _new_str(cls, text)
        s.__dict__ = {"hidden": False, "parent": parent, "previous_element": last, "next_element": None,
                      "previous_sibling": prev, "next_sibling": None}
        if last is not None:
            last.next_element = s
        if prev is not None:
            prev.next_sibling = s
        self.last = s
        contents.append(s)

    def comment(self, node: Any, parent: Any, keep_ws: bool) -> None:
        text = node.text or ""
        if "<" in text:
            text = _unprefix(text, self.marked)
        self.comments += 1
        self.string(text, parent, Comment, keep_ws)  # (bs4 makes "<!---->" Comment(" "))

    def children(self, el: Any, parent: Any, keep_ws: bool, container: type) -> None:
        """Builds the children of libxml2's ``el`` under ``parent``. (The hot loop of the parse:
        a tag's and a text's creation and linking are written out here.)"""
        contents = parent.contents
        text = el.text
        if text:
            self.string(text, parent, container, keep_ws)
        prev = contents[-1] if contents else None
        last = self.last
        for child in el:
            tag = child.tag
            if tag.__class__ is not str:
                if tag is not _COMMENT_TAG:
                    raise _Unsafe  # a processing instruction or entity node
                self.last = last
                self.comment(child, parent, keep_ws)
                last = prev = self.last
            elif tag == _END_NAME:
                self.ended = True
                continue
            elif tag == _MARK_NAME:  # where an end tag was: the text after it is a string of its own
                text = child.tail
                if text:
                    self.last = last
                    self.string(text, parent, container, keep_ws)
                    last = prev = self.last
                continue
            else:
                items = child.items()
                if tag == "img" and items and items[0][0].startswith(_CARRIER):
                    tag = " " + items[0][0]  # <source>, <wbr>...: the carried element
                    del items[0]
                name, proto, kind, lists = _ELEMENTS.get(tag) or _element_info(tag)
                attrs = AttributeDict()
                if items:
                    for key, value in items:
                        akind = _ATTRIBUTES.get(key)
                        if akind is None:
                            akind = _attribute_kind(key)
                        if "<" in value:
                            value = self.attribute_value(value)
                        if akind == _ATTR_LIST or (lists is not None and key in lists):
                            value = AttributeValueList(_NON_WS.findall(value))
                        elif akind == _ATTR_BOOLEAN and value == key:
                            raise _Unsafe
                        attrs[key] = value
                t = _new_tag(Tag)
                t.__dict__ = {**proto, "attrs": attrs, "contents": [], "_namespaces": _NO_NAMESPACES,
                              "parent": parent, "previous_element": last, "previous_sibling": prev}
                if last is not None:
                    last.next_element = t
                if prev is not None:
                    prev.next_sibling = t
                contents.append(t)
                prev = self.last = t
                if kind == _KIND_PLAIN:
                    self.children(child, t, keep_ws, container)
                elif kind == _KIND_VOID:
                    if child.text or len(child):
                        raise _VoidWithContent  # void to bs4, not to libxml2 (<source>, <wbr>...)
                else:
                    self.special(child, t, name, kind, keep_ws, container)
                last = self.last
            text = child.tail
            if text:
                if not keep_ws and not text.strip(_ASCII_SPACES):
                    text = "\n" if "\n" in text else " "
                s = _new_str(container, text)
                s.__dict__ = {"hidden": False, "parent": parent, "previous_element": last, "next_element": None,
                              "previous_sibling": prev, "next_sibling": None}
                last.next_element = s
                prev.next_sibling = s
                contents.append(s)
                last = prev = s
        self.last = last

    def attribute_value(self, value: str) -> str:
        """A value as written, for one holding '<' (where libxml2 decoded a reference to '<',
        what follows might look like a prefixed name without being one)."""
        if _PREFIX not in value:  # (in '<z-', '</z-' and the carrier)
            return value
        if self.lt_references is None:
            self.lt_references = _LT_REFERENCE.search(self.html) is not None
        if self.lt_references:
            raise _Unsafe
        return _unprefix(value, self.marked)

    def special(self, el: Any, t: Tag, name: str, kind: int, keep_ws: bool, container: type) -> None:
        """Raw-text elements, string containers (<script>, <rt>...), white-space keepers (<pre>)."""
        sc = _STRING_CONTAINERS.get(name)
        if sc is not None:
            t.interesting_string_types = {sc}
            container = sc
        if kind == _KIND_RAW:
            # Raw text ends at '</script' + [\s/>] for libxml2, at '</\s*script\s*>' for
            # html.parser, and in HTML5 '<!--' in a script changes where: the same place when
            # the text holds neither '</' nor '<!--' and the end tag is written '</script>'
            # (_parse counts those: html.parser drops an unclosed script's text at the end).
            text = el.text or ""
            if len(el) or "</" in text or "<!--" in text:
                raise _Unsafe
            self.raw_elements += 1
            if text:
                self.string(_unprefix(text, self.marked) if "<" in text else text, t, container, keep_ws)
            return
        self.children(el, t, keep_ws or name in _PRESERVE_WS, container)


def _new_soup() -> BeautifulSoup:
    """An empty BeautifulSoup as html.parser leaves one, without running its constructor."""
    soup = BeautifulSoup.__new__(BeautifulSoup)
    d = dict(vars(_TEMPLATE))
    d.update(
        contents=[], attrs=AttributeDict(), _namespaces={}, current_data=[], tagStack=[soup],
        open_tag_counter=type(d["open_tag_counter"])(), preserve_whitespace_tag_stack=[],
        string_container_stack=[], currentTag=soup, _most_recent_element=None,
        builder=type(_TEMPLATE.builder)(),
    )
    d["builder"].initialize_soup(soup)
    soup.__dict__ = d
    return soup


# --------------------------------------------------------------------------------- self-check

# What the fast path relies on is the behaviour of three parties: libxml2's tokenizer (HTML5
# since libxml2 2.14), Python's html.parser and bs4's tree building; each changes between
# versions. Before its first use, the fast path must give html.parser's tree for these inputs
# (the kinds of input it accepts), else it stays off and every input goes to html.parser.
_PROBES = (
    '<p class=" a  b ">x &amp; <a href="?a=1&amp;b=2" title=\'q "t"\'>y</a>&nbsp;&#8217;</p>\n\n<ul><li>z',
    "  <div><p>a<div>b</div></p>\n<p>c<p>d</div> tail </span>e",
    '<figure><img src="a.png" alt="x"><figcaption>c</figcaption></figure><hr/><br>',
    "<picture><source srcset=a.webp><img src=a.jpg></picture><p>a<wbr>b</p>",
    "<!--more--><pre>  x\n\n</pre><!----><script>var a = 1;</script><style>p{}</style> t",
    "<table><tr><td>1<td>2</table><div/>x<em>e</em><em>f</em>",
    "text first<b>bold</b><p title='</p>'>q</p>",
)


def _fast_path_works() -> bool:
    global _FAST_PATH_WORKS
    if _FAST_PATH_WORKS is None:
        _FAST_PATH_WORKS = False  # (while checking, and if the check fails)
        failed = "bs4 < 4.13" if AttributeDict is None else None
        for html in _PROBES if failed is None else ():
            try:
                fast = _parse_fast(html)
            except (AttributeError, TypeError, KeyError) as exc:  # other bs4/lxml internals
                fast, failed = None, f"{type(exc).__name__}: {exc}"
            if fast is None or _shape(fast) != _shape(BeautifulSoup(html, "html.parser")):
                failed = failed or f"different tree for {html!r}"
                break
        if failed:
            log.info("HTML parsed with html.parser only (libxml2 %s): %s",
                     ".".join(map(str, etree.LIBXML_VERSION)), failed)
        _FAST_PATH_WORKS = not failed
    return _FAST_PATH_WORKS


_FAST_PATH_WORKS: bool | None = None


def _shape(soup: BeautifulSoup) -> list[tuple[Any, ...]]:
    """Every node: type, name, attributes, text and the positions of the nodes it links to."""
    nodes = [soup, *soup.descendants]
    pos = {id(n): i for i, n in enumerate(nodes)}
    out = []
    for n in nodes:
        links = tuple(pos.get(id(getattr(n, k)), -1) if getattr(n, k) is not None else None for k in
                      ("parent", "previous_sibling", "next_sibling", "previous_element", "next_element"))
        if isinstance(n, Tag):
            attrs = tuple((k, type(v), v) for k, v in n.attrs.items())
            out.append((Tag, n.name, attrs, links, sorted(t.__name__ for t in n.interesting_string_types)))
        else:
            out.append((type(n), str(n), links))
    return out
