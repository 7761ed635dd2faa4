"""Archive stage: model objects -> the published JSON records and the Markdown front matter.

The record shapes here are the product's contract (``archive/schema/*.json``); every source (WXR,
REST, live HTML, snapshots) writes them through these functions, so they cannot drift apart.
"""

from __future__ import annotations

import html

from dataclasses import asdict
from typing import Any, Literal

import yaml

from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.wpautop import wpautop
from mwmigrate.model import Author, Comment, Media, Menu, MenuItem, Page, Post, Site, Term
from mwmigrate.textmetrics import visible_text

Flavour = Literal["hugo", "jekyll"]
SCHEMA_VERSION = "1"


def post_record(post: Post) -> dict[str, Any]:
    return {
        "wp_id": post.wp_id, "type": post.type, "status": post.status, "slug": post.slug,
        "title": post.title, "date": post.date or None, "date_gmt": post.date_gmt or None,
        "modified": post.modified or None, "modified_gmt": post.modified_gmt or None,
        "author": post.author, "categories": post.categories, "tags": post.tags,
        "terms": post.terms, "parent": post.parent, "menu_order": post.menu_order,
        "url": post.url, "guid": post.guid, "excerpt": post.excerpt,
        "content_html": post.content_html, "content_markdown": post.content_markdown,
        "content_raw": post.content_raw or None,
        "sticky": post.sticky, "format": post.format,
        "password_protected": post.password_protected, "comment_status": post.comment_status,
        "featured_media": post.featured_media, "featured_image": post.featured_image or None,
        "meta": post.meta, "seo": asdict(post.seo) if post.seo else None,
        "pages": post.pages, "path": post.path or None,
        "aliases": post.aliases, "source": post.source, "field_sources": post.field_sources,
        "warnings": post.warnings,
    }


def comment_record(comment: Comment) -> dict[str, Any]:
    record = asdict(comment)
    record.pop("author_email", None)  # commenters' personal data stays out of the archive
    record["date"] = comment.date or None
    return record


def media_record(media: Media) -> dict[str, Any]:
    record = asdict(media)
    record["date"] = media.date or None
    record["local_path"] = media.local_path or None
    return record


def term_record(term: Term) -> dict[str, Any]:
    return asdict(term)


def term_page(term: Term) -> str:
    """A Hugo term page's ``_index.md``: the term's name as the page title (Hugo would show its
    slug) and its description, which WordPress shows on the term's archive (term_description:
    wpautop'd HTML), as Markdown."""
    fm: dict[str, Any] = {"title": term.name or term.slug}
    description = term.description.strip()
    if description:
        fm["description"] = " ".join(visible_text(description).split())
    fm.update({"wp_id": term.wp_id, "wp_taxonomy": term.taxonomy})
    body = html_to_markdown(wpautop(description)) if description else ""
    return markdown_document({k: v for k, v in fm.items() if v is not None}, body)


def author_record(author: Author) -> dict[str, Any]:
    record = asdict(author)
    record.pop("email", None)  # personal data: an archive is often shared; see authors' login
    return record


def _menu_item(item: MenuItem) -> dict[str, Any]:
    return {
        "wp_id": item.wp_id, "title": item.title, "url": item.url, "order": item.order,
        "object_type": item.object_type, "object_id": item.object_id, "classes": item.classes,
        "target": item.target, "children": [_menu_item(c) for c in item.children],
    }


def menu_record(menu: Menu) -> dict[str, Any]:
    return {"slug": menu.slug, "name": menu.name, "location": menu.location,
            "source": menu.source, "items": [_menu_item(i) for i in menu.items]}


def site_record(site: Site) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION, "title": site.title, "url": site.url,
        "description": site.description, "language": site.language,
        "base_site_url": site.base_site_url, "base_blog_url": site.base_blog_url,
        "wxr_version": site.wxr_version, "generator": site.generator, "source": site.source,
        "menus": [menu_record(m) for m in site.menus],
        "sidebars": [asdict(a) for a in site.sidebars],
        "organisation": asdict(site.organisation) if site.organisation else None,
    }


def page_record(page: Page, input_name: str = "") -> dict[str, Any]:
    """What ``mwmigrate extract`` prints for one page."""
    post = None
    if page.post is not None:
        post = post_record(page.post)
        post["content_text"] = page.post.content_text
        post["comments"] = [comment_record(c) for c in page.post.comments]
    return {
        "input": input_name, "url": page.url, "page_type": page.page_type,
        "canonical": page.canonical, "generator": page.generator, "profile": page.profile,
        "post": post, "authors": [asdict(a) for a in page.authors],
        "terms": [asdict(t) for t in page.terms], "listed_urls": page.listed_urls,
        "next_page": page.next_page, "sidebars": [asdict(a) for a in page.sidebars],
        "menus": [menu_record(m) for m in page.menus],
        "organisation": asdict(page.organisation) if page.organisation else None,
        "warnings": page.warnings,
    }


# --------------------------------------------------------------------------- front matter


# libyaml's emitter when PyYAML has it (the pure-Python one cost ~1 ms per post).
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Block-style YAML that Hugo and Jekyll both read; long strings are not folded."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Jekyll's YAML reader (Psych) reads a plain value that starts with ":" (":) Thanks") as a
    # Ruby Symbol, which its safe load refuses, dropping the post: such values are quoted.
    style = "|" if "\n" in data else "'" if data.startswith(":") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


class _AstralDumper(yaml.SafeDumper):
    """The pure-Python emitter, for front matter holding characters beyond the Basic
    Multilingual Plane (emoji, math letters...): libyaml's emitter does not count them as
    printable, so it double-quotes the whole value and writes each as an escape
    (``title: "Sale \\U0001F389"``), which Hugo and Jekyll read back but an editor sees as is.
    PyYAML's own emitter writes them as they are (``title: Sale 🎉``)."""


_AstralDumper.add_representer(str, _str_presenter)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter(post: Post, *, flavour: Flavour, permalink: str, author_name: str,
                 summary: str) -> dict[str, Any]:
    """The front matter a static site generator needs to publish the post where we say."""
    # A WXR title is the stored post_title: HTML, entities and all ("Tom &amp; Jerry" when an
    # editor without unfiltered_html saved it), which WordPress prints as HTML. Hugo and Jekyll
    # take front matter as text (and escape it again): it gets the text a reader saw. (REST's
    # and pages' titles are read as text already.)
    fm: dict[str, Any] = {"title": html.unescape(post.title) if post.source == "wxr" and "&" in post.title
                          else post.title}
    if flavour == "jekyll":
        fm["layout"] = "page" if post.type == "page" else "post"
        # WordPress content may hold "{{" or "{%": it is text, not Liquid, in Jekyll too.
        fm["render_with_liquid"] = False
    if post.slug:  # (none for a draft never published: WordPress gives it one on publishing)
        fm["slug"] = post.slug
    if post.date:
        fm["date"] = post.date
    if post.modified:
        fm["last_modified_at" if flavour == "jekyll" else "lastmod"] = post.modified
    if author_name:
        fm["author"] = author_name
    if post.categories:
        fm["categories"] = post.categories
    if post.tags:
        fm["tags"] = post.tags
    if summary:
        fm["excerpt" if flavour == "jekyll" else "summary"] = summary
    if post.seo and post.seo.description:
        fm["description"] = post.seo.description  # (meta description: Hugo and jekyll-seo-tag read it)
    if post.featured_image:
        fm["featured_image"] = post.featured_image
    if post.aliases:
        fm["redirect_from" if flavour == "jekyll" else "aliases"] = post.aliases
    if post.status != "publish":
        fm["draft"] = True
        if flavour == "jekyll":
            fm["published"] = False
    if not (flavour == "hugo" and post.path == "content/_index.md"):  # (Hugo's home is "/")
        fm["permalink" if flavour == "jekyll" else "url"] = permalink
    fm["wp_id"] = post.wp_id
    fm["wp_type"] = post.type
    if post.format != "standard":
        fm["format"] = post.format
    if post.sticky:
        fm["sticky"] = True
    if post.password_protected:
        fm["password_protected"] = True
    if post.url:
        fm["original_url"] = post.url
    return fm


def markdown_document(fm: dict[str, Any], body: str) -> str:
    head = yaml.dump(fm, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000)
    if "\\U" in head:  # (libyaml's escape of such a character; rare, so checked afterwards)
        readable = yaml.dump(fm, Dumper=_AstralDumper, allow_unicode=True, sort_keys=False,
                             default_flow_style=False, width=10_000)
        # PyYAML's emitter writes some line separators (U+0085...) raw, which read back as line
        # breaks: its form is taken only where it reads back to the same values.
        if yaml.load(readable, Loader=_Loader) == fm:
            head = readable
    return f"---\n{head}---\n\n{body.rstrip()}\n" if body.strip() else f"---\n{head}---\n"
