"""wpautop and shortcode_unautop: WordPress's paragraph filter for classic (non-block) content.

Renderer stage, run by convert.render after texturize and before shortcodes, as ``the_content`` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# PHP's PCRE ``\s`` (non-UTF mode) is ASCII whitespace only; Python's matches U+00A0 too, which
# would make us eat non-breaking spaces that WordPress keeps. So spell the class out everywhere.
_WS = r"[ \t\n\r\f\v]"

# wp_spaces_regexp(): what shortcode_unautop and wptexturize accept as "space".
SPACES = r"(?:[\r\n\t ]|\xa0|&nbsp;)"

_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    r"area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|"
    r"header|footer|nav|figure|figcaption|details|menu|summary)"
)

# get_html_split_regex(): an HTML comment, a CDATA section or any other tag, each possibly
# unterminated (then it runs to the end of input). PCRE's conditional group is an alternation here.
HTML_SPLIT = re.compile(
    r"(<(?:"
    r"(?=!--)!(?:-(?!->)[^-]*+)*+(?:-->)?"
    r"|(?=!\[CDATA\[)!\[CDATA\[[^\]]*+(?:](?!]>)[^\]]*+)*+(?:]]>)?"
    r"|[^>]*>?"
    r"))"
)

_MULTI_BR = re.compile(rf"<br{_WS}*/?>{_WS}*<br{_WS}*/?>")
# '(<block[ws/>])' -> '\n\n\1' is an insertion before each match, and matches cannot overlap
# (a match's last character is never '<'): a lookahead with a literal replacement is the same.
_BLOCK_OPEN = re.compile(rf"(?=<{_ALLBLOCKS}[{_WS[1:-1]}/>])")
_BLOCK_CLOSE = re.compile(rf"(</{_ALLBLOCKS}>)")
_HR = re.compile(rf"(<hr{_WS}*?/?>)")
_OPTION_BEFORE = re.compile(rf"{_WS}*<option")
_OPTION_AFTER = re.compile(rf"</option>{_WS}*")
_OBJECT_OPEN = re.compile(rf"(<object[^>]*>){_WS}*")
_OBJECT_CLOSE = re.compile(rf"{_WS}*</object>")
_PARAM_EMBED = re.compile(rf"{_WS}*(</?(?:param|embed)[^>]*>){_WS}*")
_AV_OPEN = re.compile(rf"([<\[](?:audio|video)[^>\]]*[>\]]){_WS}*")
_AV_CLOSE = re.compile(rf"{_WS}*([<\[]/(?:audio|video)[>\]])")
_SOURCE_TRACK = re.compile(rf"{_WS}*(<(?:source|track)[^>]*>){_WS}*")
_FIGCAPTION_OPEN = re.compile(rf"{_WS}*(<figcaption[^>]*>)")
_FIGCAPTION_CLOSE = re.compile(rf"</figcaption>{_WS}*")
_MANY_NL = re.compile(r"\n\n+")
_PARA_SPLIT = re.compile(rf"\n{_WS}*\n")
_EMPTY_P = re.compile(rf"<p>{_WS}*</p>")
_UNCLOSED_P = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(rf"<p>{_WS}*(</?{_ALLBLOCKS}[^>]*>){_WS}*</p>")
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(rf"<p>{_WS}*(</?{_ALLBLOCKS}[^>]*>)")
_P_AFTER_BLOCK = re.compile(rf"(</?{_ALLBLOCKS}[^>]*>){_WS}*</p>")
_PRESERVE_NL = re.compile(r"<(script|style|svg).*?</\1>", re.DOTALL)
# (?<!<br />){_WS}*\n, written to start with a character class so the regex engine skips
# ahead instead of testing the lookbehind at every position: the first whitespace character is
# consumed, then checked not to follow "<br />"; the rest is the longest run ending in "\n" (or
# nothing when the first character was that "\n").
_NL_TO_BR = re.compile(rf"{_WS}(?<!<br />{_WS})(?:{_WS}*\n)?(?<=\n)")
_BR_AFTER_BLOCK = re.compile(rf"(</?{_ALLBLOCKS}[^>]*>){_WS}*<br />")
_BR_BEFORE_BLOCK = re.compile(rf"<br />({_WS}*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)")
_TRAILING_NL_P = re.compile(r"\n</p>$")
_PRE_PLACEHOLDER = re.compile(r"<pre wp-pre-tag-\d+></pre>")

_NL_PLACEHOLDER = " <!-- wpnl --> "
_KEEP_NL = "<WPPreserveNewline />"


def replace_in_html_tags(text: str, needle: str, replacement: str) -> str:
    """Replace ``needle`` only inside tags and comments (wp_replace_in_html_tags, one pair)."""
    if needle not in text:
        return text
    parts = HTML_SPLIT.split(text)
    # split() with one capture group puts delimiters (the tags) at the odd indexes.
    for i in range(1, len(parts), 2):
        if needle in parts[i]:
            parts[i] = parts[i].replace(needle, replacement)
    return "".join(parts)


def _stash_pre(text: str) -> tuple[str, dict[str, str]]:
    """Swap every <pre>…</pre> for a placeholder: autop must not touch preformatted text."""
    pre_tags: dict[str, str] = {}
    if "<pre" not in text:
        return text, pre_tags
    chunks = text.split("</pre>")
    last = chunks.pop()
    out: list[str] = []
    for i, chunk in enumerate(chunks):
        start = chunk.find("<pre")
        if start == -1:  # malformed HTML: a stray </pre>, WordPress drops it the same way
            out.append(chunk)
            continue
        name = f"<pre wp-pre-tag-{i}></pre>"
        pre_tags[name] = chunk[start:] + "</pre>"
        out.append(chunk[:start] + name)
    out.append(last)
    return "".join(out), pre_tags


def _close_block(m: re.Match[str]) -> str:
    return m.group(1) + "\n\n"


def wpautop(text: str, br: bool = True) -> str:
    """Blank lines become paragraphs, single newlines ``<br />``, except around block elements.

    A step-by-step port of WordPress's wpautop(); each step keeps the order WordPress uses
    because later regexes rely on the shape earlier ones produce.
    """
    if text.strip(" \t\n\r\0\x0b") == "":
        return ""
    text += "\n"  # pad the end, as WordPress does, so the last paragraph closes
    text, pre_tags = _stash_pre(text)

    # Guards below skip a pattern when a literal it needs is absent (no match possible).
    if "<br" in text:
        text = _MULTI_BR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub("\n\n", text)
    text = _BLOCK_CLOSE.sub(_close_block, text)
    if "<hr" in text:
        text = _HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Newlines inside tags (multi-line attributes) must not become <br />.
    text = replace_in_html_tags(text, "\n", _NL_PLACEHOLDER)

    if "<option" in text:
        text = _OPTION_BEFORE.sub("<option", text)
        text = _OPTION_AFTER.sub("</option>", text)
    if "</object>" in text:
        text = _OBJECT_OPEN.sub(r"\1", text)
        text = _OBJECT_CLOSE.sub("</object>", text)
        text = _PARAM_EMBED.sub(r"\1", text)
    if "<source" in text or "<track" in text:
        text = _AV_OPEN.sub(r"\1", text)
        text = _AV_CLOSE.sub(r"\1", text)
        text = _SOURCE_TRACK.sub(r"\1", text)
    if "<figcaption" in text:
        text = _FIGCAPTION_OPEN.sub(r"\1", text)
        text = _FIGCAPTION_CLOSE.sub("</figcaption>", text)

    text = _MANY_NL.sub("\n\n", text)
    paragraphs = [p for p in _PARA_SPLIT.split(text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)

    text = _EMPTY_P.sub("", text)
    if "</div>" in text or "</address>" in text or "</form>" in text:
        text = _UNCLOSED_P.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    if "<p><li" in text:
        text = _P_AROUND_LI.sub(r"\1", text)
    text = _P_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)

    if br:
        if "<script" in text or "<style" in text or "<svg" in text:
            text = _PRESERVE_NL.sub(lambda m: m.group(0).replace("\n", _KEEP_NL), text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = _NL_TO_BR.sub("<br />\n", text)
        text = text.replace(_KEEP_NL, "\n")

    if "<br />" in text:
        text = _BR_AFTER_BLOCK.sub(r"\1", text)
        text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    text = _TRAILING_NL_P.sub("</p>", text)

    if pre_tags:  # one pass, not one str.replace per <pre>: long posts have hundreds
        text = _PRE_PLACEHOLDER.sub(lambda m: pre_tags.get(m.group(0), m.group(0)), text)
    if "<!-- wpnl -->" in text:
        text = text.replace(_NL_PLACEHOLDER, "\n").replace("<!-- wpnl -->", "\n")
    return text


_UNAUTOP_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _unautop_pattern(tagnames: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _UNAUTOP_CACHE.get(tagnames)
    if pattern is None:
        tagregexp = "|".join(re.escape(t) for t in tagnames)
        pattern = re.compile(
            rf"<p>{SPACES}*+"
            rf"(\[({tagregexp})(?![\w-])"  # 1: the shortcode, 2: its name
            r"[^\]/]*(?:/(?!\])[^\]/]*)*?"  # inside the opening tag
            r"(?:/\]"  # self-closing
            r"|\](?:[^\[]*+(?:\[(?!/\2\])[^\[]*+)*+\[/\2\])?"  # or content up to [/name]
            r"))"
            rf"{SPACES}*+</p>"
        )
        _UNAUTOP_CACHE[tagnames] = pattern
    return pattern


def shortcode_unautop(text: str, tagnames: Iterable[str]) -> str:
    """Unwrap a registered shortcode standing alone in its own ``<p>``, as WordPress does."""
    names = tuple(sorted(tagnames))
    if not names or "[" not in text:
        return text
    return _unautop_pattern(names).sub(r"\1", text)
