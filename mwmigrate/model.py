"""The typed data model every pipeline stage speaks.

Sources produce these objects, convert and extract enrich them, archive writes them. Names follow
WordPress's own vocabulary (post, term, widget area, permalink). Plain dataclasses: no behaviour
beyond small helpers, so a stage can be tested alone with objects built by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Source = Literal["wxr", "rest", "html"]

#: WordPress post statuses, as stored in ``wp_posts.post_status``.
POST_STATUSES = ("publish", "future", "draft", "pending", "private", "trash", "inherit", "auto-draft")


@dataclass
class Author:
    login: str  # the user's slug (``user_nicename``/``author_login``)
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: int | None = None
    url: str = ""
    description: str = ""
    source: Source = "wxr"


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag", "post_format", "nav_menu" or a custom taxonomy
    slug: str
    name: str
    wp_id: int | None = None
    parent: str = ""  # parent term's slug ("" for none)
    description: str = ""
    url: str = ""
    count: int | None = None
    source: Source = "wxr"
    meta: dict[str, Any] = field(default_factory=dict)  # term meta (WordPress 4.4+), decoded


@dataclass
class Comment:
    wp_id: int
    post_id: int
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    date: str = ""  # ISO 8601 with offset
    content_html: str = ""
    content_markdown: str = ""
    parent: int = 0
    approved: str = "1"  # "1", "0", "spam", "trash"
    type: str = "comment"  # "comment", "pingback", "trackback"
    user_id: int = 0
    source: Source = "wxr"
    meta: dict[str, Any] = field(default_factory=dict)  # comment meta (ratings...), decoded


@dataclass(slots=True)  # one per attachment: tens of thousands on a large site
class Media:
    wp_id: int
    url: str
    title: str = ""
    slug: str = ""
    mime_type: str = ""
    parent: int = 0  # the post it was uploaded to
    alt: str = ""
    caption: str = ""
    description: str = ""
    date: str = ""
    width: int | None = None
    height: int | None = None
    sizes: dict[str, str] = field(default_factory=dict)  # size name -> URL
    local_path: str = ""  # relative to the archive, when downloaded
    page_url: str = ""  # the attachment's own page on the old site
    source: Source = "wxr"


@dataclass
class MenuItem:
    wp_id: int
    title: str
    url: str
    parent: int = 0  # menu item id of the parent item, 0 at the top
    order: int = 0
    object_type: str = ""  # "page", "post", "category", "custom"...
    object_id: int | None = None
    classes: list[str] = field(default_factory=list)
    target: str = ""
    children: list[MenuItem] = field(default_factory=list)


@dataclass
class Menu:
    slug: str
    name: str
    items: list[MenuItem] = field(default_factory=list)  # tree: top-level items with children
    location: str = ""  # theme location ("primary", "footer"...) when known
    source: Source = "wxr"


@dataclass
class WidgetItem:
    text: str
    url: str = ""
    count: int | None = None
    extra: str = ""  # e.g. an excerpt or date shown under a recent post


@dataclass
class Widget:
    type: str  # "recent-posts", "archives", "categories", "tag_cloud", "meta", "text", "search"...
    title: str = ""
    items: list[WidgetItem] = field(default_factory=list)
    text: str = ""  # visible text of text/custom-HTML widgets
    html: str = ""
    widget_id: str = ""


@dataclass
class WidgetArea:
    name: str  # "sidebar-1", "footer" or the heading/selector it was found by
    widgets: list[Widget] = field(default_factory=list)


@dataclass
class Address:
    text: str
    postcode: str = ""
    label: str = ""  # "Registered office", "Branch"...
    regulator_number: str = ""  # e.g. the branch's SRA number
    dx: str = ""  # the office's Document Exchange address, "DX 22605 Stockport" (solicitors' post)


@dataclass
class Phone:
    number: str  # as printed
    e164: str = ""
    label: str = ""


@dataclass
class Organisation:
    """Facts a site states about its owner, mostly in headers and footers."""

    name: str = ""
    legal_name: str = ""
    company_number: str = ""
    regulator_numbers: list[dict[str, str]] = field(default_factory=list)  # {"regulator","number"}
    registered_office: Address | None = None
    addresses: list[Address] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    social_links: list[str] = field(default_factory=list)
    policy_links: list[dict[str, str]] = field(default_factory=list)  # {"text","url"}
    copyright: str = ""
    jsonld: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Seo:
    """What a post tells search engines, as its SEO plugin keeps it (template variables filled)."""

    plugin: str  # "Yoast SEO", "Rank Math"... ("" when read off a page's head: whoever printed it)
    title: str = ""  # the <title> it asks for ("" = the plugin's default for the type)
    description: str = ""  # the meta description
    canonical: str = ""  # a canonical URL set by hand
    noindex: bool = False


@dataclass
class Post:
    """A post, page, or item of any custom post type."""

    wp_id: int
    type: str = "post"
    status: str = "publish"
    slug: str = ""
    title: str = ""
    date: str = ""  # ISO 8601 with offset, the site's local time
    date_gmt: str = ""  # ISO 8601 in UTC ("" when WordPress stored none, e.g. drafts)
    modified: str = ""
    modified_gmt: str = ""
    author: str = ""  # author login/slug
    categories: list[str] = field(default_factory=list)  # slugs
    tags: list[str] = field(default_factory=list)  # slugs
    terms: dict[str, list[str]] = field(default_factory=dict)  # other taxonomies: slug lists
    parent: int = 0
    menu_order: int = 0
    url: str = ""
    guid: str = ""
    excerpt: str = ""
    content_raw: str = ""  # post_content as stored (WXR), before rendering
    content_html: str = ""  # the body as WordPress would render it
    content_markdown: str = ""
    content_text: str = ""
    sticky: bool = False
    format: str = "standard"
    password_protected: bool = False
    comment_status: str = ""
    featured_media: int | None = None
    featured_image: str = ""  # URL
    meta: dict[str, Any] = field(default_factory=dict)  # custom fields (public postmeta)
    seo: Seo | None = None  # from an SEO plugin's meta (Yoast, Rank Math...)
    comments: list[Comment] = field(default_factory=list)
    pages: int = 1  # number of <!--nextpage--> pages
    path: str = ""  # Markdown file, relative to the archive root
    aliases: list[str] = field(default_factory=list)  # old URL paths
    source: Source = "wxr"
    field_sources: dict[str, Source] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Site:
    title: str = ""
    url: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    generator: str = ""
    authors: list[Author] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    menus: list[Menu] = field(default_factory=list)
    sidebars: list[WidgetArea] = field(default_factory=list)
    organisation: Organisation | None = None
    source: Source = "wxr"


PageType = Literal[
    "single", "page", "home", "front_page", "category", "tag", "author", "date", "taxonomy",
    "post_type_archive", "search", "attachment", "404", "unknown",
]


@dataclass
class Page:
    """What extraction learns from one rendered HTML page of a site."""

    url: str
    page_type: str = "unknown"  # one of PageType
    post: Post | None = None  # for single posts, pages and attachments
    authors: list[Author] = field(default_factory=list)  # the post's author as the page shows it
    terms: list[Term] = field(default_factory=list)  # its categories and tags, with names and URLs
    listed_urls: list[str] = field(default_factory=list)  # posts linked from archives/home
    next_page: str = ""  # pagination of archives
    canonical: str = ""
    sidebars: list[WidgetArea] = field(default_factory=list)
    menus: list[Menu] = field(default_factory=list)
    organisation: Organisation | None = None
    generator: str = ""
    profile: str = ""  # the theme/plugin profiles that matched
    warnings: list[str] = field(default_factory=list)
