"""Marks around repeated fragments of a rendered body, so later stages do their work once.

A dynamic block prints the same HTML in every post that holds it (a list of all pages, the
latest posts): on a large site that HTML is most of the bytes to texturize and convert. With
``RenderContext.mark_fragments`` the renderer wraps a root-level dynamic block's output in the
two comments below; wptexturize and html_to_markdown then reuse their result for a fragment
they have seen, wherever the result cannot depend on what surrounds it (else they do the whole
body as usual). The marks are removed (:func:`strip_fragment_marks`) before HTML is stored.
"""

from __future__ import annotations

FRAGMENT_OPEN = "<!--mwm:fragment-->"
FRAGMENT_CLOSE = "<!--/mwm:fragment-->"
FRAGMENT_MIN_CHARS = 1024  # below this, doing it again costs less than the bookkeeping


def strip_fragment_marks(html: str) -> str:
    if FRAGMENT_OPEN not in html:
        return html
    return html.replace(FRAGMENT_OPEN, "").replace(FRAGMENT_CLOSE, "")
