"""Render raw post_content the way WordPress's ``the_content`` filters do.

Order follows WordPress's default filters on ``the_content``: do_blocks (9), wptexturize is NOT
applied here on purpose (see module notes), wpautop (10), shortcode_unautop, do_shortcode (11).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mwmigrate.model import Media


@dataclass
class RenderContext:
    """What the renderer may know about the site besides the post's own content."""

    post_id: int = 0
    media: Mapping[int, Media] = field(default_factory=dict)  # attachment id -> Media
    attachments_by_parent: Mapping[int, list[int]] = field(default_factory=dict)  # for [gallery]
    site_url: str = ""
    post_url: str = ""


@dataclass
class Rendered:
    html: str  # the whole body, every <!--nextpage--> page, as content.rendered shows it
    excerpt_html: str = ""  # the part before <!--more-->, "" when there is no more tag
    pages: int = 1  # number of <!--nextpage--> pages
    warnings: list[str] = field(default_factory=list)  # unknown shortcodes, dynamic blocks...


def render_content(raw: str, ctx: RenderContext | None = None) -> Rendered:
    raise NotImplementedError  # being written (issue 3)
