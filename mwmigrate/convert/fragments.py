"""Marks around repeated fragments of a rendered body, so later stages do their work once.

A dynamic block prints the same HTML in every post that holds it (a list of all pages, the
latest posts): on a large site that HTML is most of the bytes to texturize and convert. With
``RenderContext.mark_fragments`` the renderer wraps a root-level dynamic block's output in the
two comments below; html_to_markdown then converts each distinct fragment once, wherever its
Markdown cannot depend on what surrounds it (else it converts the whole body as usual). The
marks are removed (:func:`strip_fragment_marks`) before HTML is stored. (Texturizing each
fragment once was tried and dropped: no time gained, 15 MB more at the peak.)
"""

from __future__ import annotations

FRAGMENT_OPEN = "<!--mwm:fragment-->"
FRAGMENT_CLOSE = "<!--/mwm:fragment-->"
FRAGMENT_MIN_CHARS = 1024  # below this, doing it again costs less than the bookkeeping


def strip_fragment_marks(html: str) -> str:
    if FRAGMENT_OPEN not in html:
        return html
    return html.replace(FRAGMENT_OPEN, "").replace(FRAGMENT_CLOSE, "")
