"""Convert stage: a link left open at a paragraph's end, carried on as a browser carries it.

A classic-editor post that links a heading (``<a href="/family/"><h3>Family Law</h3></a>``, the
way "our services" boxes are written by hand) comes out of wpautop, in WordPress as here, as::

    <p><a href="/family/"></p>
    <h3>Family Law</h3>
    <p></a><br />
    We help families.</p>

A browser's parser keeps the ``<a>`` the ``</p>`` closed in its list of active formatting
elements and opens it again around the next text it meets (HTML's "reconstruct the active
formatting elements"), until the stray ``</a>``: the visitor sees the heading as a link. The
converter's parser (html.parser's rules) closes the link with the paragraph and drops the stray
end tag: the link was lost, and an empty ``[](/family/)`` written instead.

:func:`carry_open_links` writes the HTML as the browser builds it, for this case only: a link
opened in a paragraph and left open at its end. The other formatting elements a browser
carries on the same way (``<b>``, ``<em>``...) are not: they change no text and lose no link.
"""

from __future__ import annotations

import re

# A link opened in a paragraph and not closed before its end (the cheap test that comes first).
# (A tag here holds no "<": each search from an <a> stops before the next one, so that the
# test costs the length of the page, however many <a ... without ">" it holds.)
_LEFT_OPEN = re.compile(r"<a\s[^<>]*>(?:[^<]|<(?!/?a[\s>/]|/?p[\s>])[^<>]*>)*</p\s*>",
                        re.IGNORECASE)
# A tag's quotes delimit an attribute's value after its "=" only, as HTML reads them: in
# <a href=/it's-here> the quote is a letter of the value (and no string that runs on to the
# next quote of the page, taking what stands between for the tag's).
# A comment, a declaration or a tag with no end runs to the end of the page (and is left as
# text there): none is looked for again from each "<" after it, whose cost was the square of
# the page's length.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*+(?:>|\Z)"
    r"|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"'=]|=\s*+(?:\"[^\"]*+\"|'[^']*+')?+|[\"'])*+)(?:>|\Z)",
    re.DOTALL)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
            for name in ("script", "style", "textarea", "title", "xmp", "noscript")}
# Elements a link's text may hold: met while a link is carried, they are put inside it (the
# browser reopens the link before inserting them), as text is.
_PHRASING = frozenset((
    "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "img", "ins", "kbd", "mark", "picture", "q", "s", "samp", "small", "source", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"))
# A table's cells: the browser puts a marker in its list of active formatting elements as it
# opens one, and clears the list back to it as the cell ends (a link left open in a cell's
# paragraph ends with the cell). Tags that end the open cell of their table: a new cell's
# start, a row's or a row group's start or end; the cell's own end tag, the table's end.
_CELLS = frozenset(("td", "th", "caption"))
_ENDS_CELL = frozenset(("td", "th", "caption", "tr", "tbody", "thead", "tfoot", "colgroup", "col"))
# Start tags that close an open paragraph (HTML's "close a p element").
_CLOSES_P = frozenset((
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"))


def carry_open_links(html: str) -> str:
    """``html`` with a link left open at a paragraph's end carried on over what follows, up to
    its stray ``</a>``, as a browser shows it: its own ``<a>`` around each run of text (and of
    inline elements) in each block after it. An empty link left behind in the paragraph is
    dropped. Unchanged when no paragraph ends inside a link."""
    if not _LEFT_OPEN.search(html):
        return html
    out: list[str] = []
    in_p = False
    opened: tuple[str, int] | None = None  # an <a> started in the open paragraph: (tag, where)
    content = False  # whether that link holds something yet
    carried = ""  # the start tag of the link carried on
    clone = False  # whether a copy of it is open
    # The open tables, innermost last: whether a cell of it is open. A paragraph's and a
    # carried link's cell: the number of tables around it when it is in a cell, else 0.
    tables: list[bool] = []
    p_cell = carried_cell = 0
    # A link opened in a cell while one from outside it is carried on (the cell's marker stands
    # between them: the new link does not end the carried one); links carried from outside a
    # cell while one left open in it is carried, for after the cell.
    inner = False
    saved: list[tuple[str, int]] = []
    pos = 0
    # (searched for from where the last token or raw-text element ended: never from inside a
    # <script>, where a "<!--" of its text would run on over the page's tags)
    unended = len(html)  # where a token with no end begins
    while m := _TOKEN.search(html, pos):
        if not m.group(0).endswith(">"):
            unended = m.start()  # (left as it is, after all else, as the parser reads it)
            break
        text = html[pos:m.start()]
        if text:
            if carried and not clone and not inner and text.strip():
                out.append(carried)
                clone = True
            if opened and text.strip():
                content = True
            out.append(text)
        pos = m.end()
        tag = m.group(0)
        name = (m.group(2) or "").lower()
        if not name:  # a comment, a declaration
            out.append(tag)
            continue
        end = m.group(1) == "/"
        if name == "a":
            cell = len(tables) if tables and tables[-1] else 0
            if end and (opened or inner):
                opened, inner = None, False
            elif end and carried:
                if carried_cell == cell:  # (else a cell's marker stands between: ignored)
                    if clone:
                        out.append("</a>")
                    clone = False
                    carried, carried_cell = saved.pop() if saved else ("", 0)
                continue  # (the stray end tag: the browser ignores it too)
            elif not end:
                if clone:  # (a new link ends the copy, and the link carried in this cell)
                    out.append("</a>")
                    clone = False
                if carried and carried_cell == cell:
                    carried, carried_cell = saved.pop() if saved else ("", 0)
                inner = bool(carried)  # (one carried from outside the cell goes on after it)
                if in_p:
                    opened, content = (tag, len(out)), False
            out.append(tag)
            continue
        if name in _PHRASING:
            if carried and not clone and not inner and not end:
                out.append(carried)
                clone = True
            if opened and not end:
                content = True
            out.append(tag)
            continue
        # A block's start or end: the copy of the carried link ends at it.
        if clone:
            out.append("</a>")
            clone = False
        if in_p and (name == "p" or (not end and name in _CLOSES_P)):
            in_p = False
            if opened:
                start, at = opened
                if content:
                    out.append("</a>")
                else:
                    out[at] = ""  # (nothing in it: nothing to show)
                if carried:  # (from outside the cell: carried on again after it)
                    saved.append((carried, carried_cell))
                carried, opened, carried_cell, inner = start, None, p_cell, False
        if tables and tables[-1] and (name in _ENDS_CELL or (end and name == "table")):
            # The cell ends: so do its paragraph and, cleared back to the cell's marker, the
            # link left open in it (the converter's parser closes it with the cell too).
            level = len(tables)
            if in_p and p_cell == level:
                in_p, opened = False, None
            if carried and carried_cell == level:
                carried, carried_cell = saved.pop() if saved else ("", 0)
            inner = False
            tables[-1] = False
        if not end and name in _CELLS and tables:
            tables[-1] = True
        elif name == "table":
            if not end:
                tables.append(False)
            elif tables:
                tables.pop()
        if name == "p" and not end:
            in_p = True
            p_cell = len(tables) if tables and tables[-1] else 0
        out.append(tag)
        if name in _RAW_END and not end and not tag.endswith("/>"):
            close = _RAW_END[name].search(html, pos)
            stop = close.end() if close else len(html)
            out.append(html[pos:stop])
            pos = stop
    rest = html[pos:unended]
    if rest:
        if carried and not clone and not inner and rest.strip():
            out.append(carried)
            clone = True
        out.append(rest)
    if clone:
        out.append("</a>")
    out.append(html[unended:])
    return "".join(out)
