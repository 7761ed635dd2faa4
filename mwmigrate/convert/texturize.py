"""wptexturize: curly quotes, apostrophes, primes, dashes, ellipses and × in text nodes.

Renderer stage, run by convert.render right after do_blocks and before wpautop, as the_content does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

OPEN_Q, CLOSE_Q = "&#8220;", "&#8221;"
OPEN_SQ, CLOSE_SQ = "&#8216;", "&#8217;"
APOS, PRIME, DOUBLE_PRIME = "&#8217;", "&#8242;", "&#8243;"
EN_DASH, EM_DASH = "&#8211;", "&#8212;"
# Flags mark decisions taken by one pattern so the next pattern doesn't undo them.
_OQ_FLAG, _OSQ_FLAG, _APOS_FLAG = "<!--oq-->", "<!--osq-->", "<!--apos-->"

_NO_TEXTURIZE_TAGS = frozenset(("pre", "code", "kbd", "style", "script", "tt"))
_NO_TEXTURIZE_SHORTCODES = frozenset(("code",))

_COCKNEY = ("'tain't", "'twere", "'twas", "'tis", "'twill", "'til", "'bout", "'nuff", "'round", "'cause", "'em")
_STATIC = [("...", "&#8230;"), ("``", OPEN_Q), ("''", CLOSE_Q), (" (tm)", " &#8482;")] + [
    (w, w.replace("'", APOS)) for w in _COCKNEY
]

# wp_spaces_regexp() as lookbehind/lookahead pieces: Python lookbehinds need fixed widths,
# so each alternative gets its own assertion.
_SP = r"(?:[\r\n\t ]|\xa0|&nbsp;)"
_AFTER_SP = r"(?<=[\r\n\t ])|(?<=\xa0)|(?<=&nbsp;)"
_NOT_AFTER_SP = r"(?<![\r\n\t ])(?<!\xa0)(?<!&nbsp;)"


# Speed: a pattern that starts with a lookbehind is tried at every position of the text; one that
# starts with its literal (the quote or dash) lets the regex engine jump between occurrences. So
# "(?:\A|(?<=X))'" is written "'(?:(?<=\A')|(?<=X'))": the same condition on the character(s)
# before the quote, tested after it, the same matches.
def _after(q: str, extra: tuple[str, ...] = ()) -> str:
    """'at the start, after a space (wp_spaces_regexp) or after one of ``extra``', tested behind ``q``."""
    q = re.escape(q)
    alts = [rf"(?<=\A{q})", *(rf"(?<={e}{q})" for e in extra), rf"(?<=[\r\n\t ]{q})", rf"(?<=\xa0{q})", rf"(?<=&nbsp;{q})"]
    return "(?:" + "|".join(alts) + ")"


_AFTER_SQ = _after("'")
_AFTER_OPEN_SQ = _after("'", (r"[(\[{\"\-]", "&lt;"))
_AFTER_DQ = _after('"')
_AFTER_OPEN_DQ = _after('"', (r"[(\[{\-]", "&lt;"))


_APOS_RULES = [
    (re.compile(rf"'(\d\d)'(?=\Z|[.,:;!?)}}\-\]]|&gt;|{_SP})"), _APOS_FLAG + r"\1" + CLOSE_SQ),
    (re.compile(rf"'(\d\d)\"(?=\Z|[.,:;!?)}}\-\]]|&gt;|{_SP})"), _APOS_FLAG + r"\1" + CLOSE_Q),
    (re.compile(r"'(?=\d\d(?:\Z|(?![%\d]|[.,]\d)))"), _APOS_FLAG),
    # (?:\A|{_AFTER_SP})'(\d[.,\d]*)'
    (re.compile(rf"'{_AFTER_SQ}(\d[.,\d]*)'"), _OSQ_FLAG + r"\1" + CLOSE_SQ),
    # (?:\A|(?<=[(\[{{\"\-])|(?<=&lt;)|{_AFTER_SP})'
    (re.compile(rf"'{_AFTER_OPEN_SQ}"), _OSQ_FLAG),
    # {_NOT_AFTER_SP}'(?!...)
    (re.compile(rf"'(?<![\r\n\t ]')(?<!\xa0')(?<!&nbsp;')(?!\Z|[.,:;!?\"'(){{}}\[\]\-]|&[lg]t;|{_SP})"), _APOS_FLAG),
]
_QUOTE_RULES = [
    # (?:\A|{_AFTER_SP})\"(\d[.,\d]*)\"
    (re.compile(rf"\"{_AFTER_DQ}(\d[.,\d]*)\""), _OQ_FLAG + r"\1" + CLOSE_Q),
    # (?:\A|(?<=[(\[{{\-])|(?<=&lt;)|{_AFTER_SP})\"(?!{_SP})
    (re.compile(rf"\"{_AFTER_OPEN_DQ}(?!{_SP})"), _OQ_FLAG),
]
_DASH_RULES = [
    (re.compile(r"---"), EM_DASH),
    # (?:\A|{_AFTER_SP})--(?=\Z|{_SP})
    (re.compile(rf"--{_after('--')}(?=\Z|{_SP})"), EM_DASH),
    # (?<!xn)--
    (re.compile(r"--(?<!xn--)"), EN_DASH),
    # (?:\A|{_AFTER_SP})-(?=\Z|{_SP})
    (re.compile(rf"-{_after('-')}(?=\Z|{_SP})"), EN_DASH),
]
_HAS_TIMES = re.compile(r"x(?<=\dx)\d")  # (?<=\d)x\d
# '\d(?(?<=0)[\d.,]+|[\d.,]*)' in PHP: after a leading 0 at least one more digit is needed (0x1F).
_TIMES = re.compile(r"\b(0[\d.,]+|[1-9][\d.,]*)x(\d[\d.,]*)\b", re.ASCII)
_BARE_AMP = re.compile(r"&(?!#(?:\d+|x[a-f0-9]+);|[a-z1-4]{1,8};)", re.IGNORECASE)

_HTML_PART = r"<(?:(?=!--)!(?:-(?!->)[^-]*+)*+(?:-->)?|[^>]*>?)"
_SPLIT_HTML_ONLY = re.compile(f"({_HTML_PART})")
_CANDIDATE = re.compile(r"\[/?([^<>&/\[\]\x00-\x20=]++)")
_SPLIT_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _split_regexes(tagnames: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    cached = _SPLIT_CACHE.get(tagnames)
    if cached is None:
        names = "|".join(re.escape(t) for t in sorted(tagnames, key=len, reverse=True))
        sc = rf"\[[/\[]?(?:{names})(?=[\s\]/])(?:[^\[\]<>]+|<[^\[\]>]*>)*+\]\]?"
        cached = (re.compile(f"({_HTML_PART}|{sc})"), re.compile(sc))
        _SPLIT_CACHE[tagnames] = cached
    return cached


_FLAG = "<!--wp-prime-or-quote-->"
_PRIME_PATTERNS = {
    q: (re.compile(rf"{q}(?=\Z|[.,:;!?)}}\-\]]|&gt;|{_SP})"), re.compile(rf"{q}(?<=\d{q})")) for q in ("'", '"')
}
_FLAG_NO_DIGIT = re.compile(rf"(?<!\d){_FLAG}")
_FLAG_AFTER_DIGIT = re.compile(rf"(?<=\d){_FLAG}")


def _primes(text: str, needle: str, prime: str, open_flag: str, close_quote: str) -> str:
    """wptexturize_primes(): decide, per quotation, whether a ' or " closes it or is a prime (9')."""
    flag = _FLAG
    quote_re, prime_re = _PRIME_PATTERNS[needle]
    sentences = text.split(open_flag)
    for key, sentence in enumerate(sentences):
        if needle not in sentence:
            continue
        if key != 0 and close_quote not in sentence:
            sentence, count = quote_re.subn(flag, sentence)
            if count > 1:
                # Several candidates: non-digit-preceded flags close; else the rightmost one does.
                sentence, count2 = _FLAG_NO_DIGIT.subn(close_quote, sentence)
                if count2 == 0:
                    pos = sentence.rfind(flag + ".")
                    if pos == -1:
                        pos = sentence.rfind(flag)
                    sentence = sentence[:pos] + close_quote + sentence[pos + len(flag) :]
                sentence = prime_re.sub(prime, sentence)
                sentence = _FLAG_AFTER_DIGIT.sub(prime, sentence)
                sentence = sentence.replace(flag, close_quote)
            elif count == 1:
                sentence = sentence.replace(flag, close_quote)
                sentence = prime_re.sub(prime, sentence)
            else:
                sentence = prime_re.sub(prime, sentence)
        else:
            sentence = prime_re.sub(prime, sentence)
            sentence = quote_re.sub(close_quote, sentence)
        if needle == '"' and '"' in sentence:
            sentence = sentence.replace('"', close_quote)
        sentences[key] = sentence
    return open_flag.join(sentences)


def _texturize_text(text: str) -> str:
    # Every _STATIC needle holds '.', '`', "'" or '(': skip the 15 look-ups when none is there.
    if "." in text or "'" in text or "`" in text or "(" in text:
        for old, new in _STATIC:
            if old in text:
                text = text.replace(old, new)
    if "'" in text:
        for rx, rep in _APOS_RULES:
            text = rx.sub(rep, text)
        text = _primes(text, "'", PRIME, _OSQ_FLAG, CLOSE_SQ)
        text = text.replace(_APOS_FLAG, APOS).replace(_OSQ_FLAG, OPEN_SQ)
    if '"' in text:
        for rx, rep in _QUOTE_RULES:
            text = rx.sub(rep, text)
        text = _primes(text, '"', DOUBLE_PRIME, _OQ_FLAG, CLOSE_Q)
        text = text.replace(_OQ_FLAG, OPEN_Q)
    if "-" in text:
        for rx, rep in _DASH_RULES:
            text = rx.sub(rep, text)
    if "x" in text and _HAS_TIMES.search(text):
        text = _TIMES.sub(r"\1&#215;\2", text)
    return _BARE_AMP.sub("&#038;", text) if "&" in text else text


def _tag_name(delim: str) -> tuple[str, bool]:
    """(name, is_opening) of '<tag ...>' or '[tag ...]', read the way WordPress reads it."""
    opening = len(delim) > 1 and delim[1] != "/"
    offset = 1 if opening else 2
    space = delim.find(" ")
    return (delim[offset:space] if space != -1 else delim[offset:-1]), opening


def _push_pop(delim: str, stack: list[str], disabled: frozenset[str]) -> None:
    name, opening = _tag_name(delim)
    if not opening and not stack:
        return
    if name in disabled:
        if opening:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()


def wptexturize(text: str, shortcode_names: Iterable[str] = ()) -> str:
    """Typographic replacements outside tags, comments, shortcodes and <pre>/<code>-like elements."""
    if not text:
        return text
    found = (
        tuple(sorted({m.group(1) for m in _CANDIDATE.finditer(text)} & set(shortcode_names)))
        if "[" in text
        else ()
    )
    if found:
        split_re, sc_re = _split_regexes(found)
    elif not _MAY_DISABLE.search(text):
        return _texturize_plain(text)
    else:
        split_re, sc_re = _SPLIT_HTML_ONLY, None
    parts = split_re.split(text)
    tag_stack: list[str] = []
    sc_stack: list[str] = []
    disabled_tags = _NO_TEXTURIZE_TAGS
    for i, part in enumerate(parts):
        if not part:
            continue
        first = part[0]
        if first == "<":
            if part.startswith("<!--"):
                continue
            if "&" in part:
                part = _BARE_AMP.sub("&#038;", part)
                parts[i] = part
            # _push_pop(part, tag_stack, _NO_TEXTURIZE_TAGS), inlined: it is run for every tag.
            if len(part) > 1 and part[1] != "/":
                space = part.find(" ")
                name = part[1:space] if space != -1 else part[1:-1]
                if name in disabled_tags:
                    tag_stack.append(name)
            elif tag_stack:
                space = part.find(" ")
                name = part[2:space] if space != -1 else part[2:-1]
                if name in disabled_tags and tag_stack[-1] == name:
                    tag_stack.pop()
        elif not part.strip(" \t\n\r\0\x0b"):
            continue
        elif first == "[" and sc_re is not None and sc_re.fullmatch(part):
            if not part.startswith("[[") and not part.endswith("]]"):
                _push_pop(part, sc_stack, _NO_TEXTURIZE_SHORTCODES)
        elif not sc_stack and not tag_stack:
            parts[i] = _texturize_text(part)
    return "".join(parts)


# A tag that may stop texturizing (a name in _NO_TEXTURIZE_TAGS right after "<"): without one,
# and without a shortcode, the tag stack of wptexturize() never holds anything.
_MAY_DISABLE = re.compile("<(?:" + "|".join(sorted(_NO_TEXTURIZE_TAGS)) + ")")


def _texturize_plain(text: str) -> str:
    """wptexturize() of a text with no shortcode and no tag that stops texturizing: every text
    part is texturized, and every tag but a comment has its bare ampersands escaped.

    The same as its loop, without the tag-stack work for each tag (a page list of every page is
    100,000 parts, rendered again in each post that shows it). With the HTML-only split, every
    "<" starts a tag: the parts alternate text, tag, text..., the texts at even places."""
    parts = _SPLIT_HTML_ONLY.split(text)
    texts = [t if not t.strip(" \t\n\r\0\x0b") else _texturize_text(t) for t in parts[0::2]]
    tags = parts[1::2]
    if "&" in text:
        tags = [_BARE_AMP.sub("&#038;", t) if "&" in t and not t.startswith("<!--") else t
                for t in tags]
    parts[0::2] = texts
    parts[1::2] = tags
    return "".join(parts)
