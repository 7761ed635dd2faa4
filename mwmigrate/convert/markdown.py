"""HTML -> Markdown (CommonMark + GFM tables): a markdownify subclass, one method per tag."""

from __future__ import annotations


def html_to_markdown(html: str) -> str:
    raise NotImplementedError  # being written (issue 3)
