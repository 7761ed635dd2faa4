"""Sidebars and navigation menus of a rendered page, as model data.

Widgets are found by the profiles' ``widget`` selectors (core: ``.widget``) and typed by the class
each core widget or block adds; their titles by ``widget_title`` selectors or, failing that, a
heading; their areas by ``widget_area`` selectors or, failing that, by the nearest
footer/header/aside. Menus are ``wp_nav_menu()``/navigation-block lists, nested by their
``ul``/``li`` structure.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from mwmigrate.extract.boilerplate import element_text, inside
from mwmigrate.extract.profiles import Matches, ProfileSet
from mwmigrate.model import Menu, MenuItem, Widget, WidgetArea, WidgetItem

__all__ = ["extract_sidebars", "extract_menus", "extract_widget", "menu_items"]

_COUNT = re.compile(r"\(\s*(\d[\d,.]*)\s*\)")
_ITEMS_COUNT = re.compile(r"(\d[\d,]*)\s+(?:items?|posts?|topics?)", re.I)
_MENU_ITEM_ID = re.compile(r"^(?:menu-item-|wp-block-navigation-item-)(\d+)$")
_NON_DIGIT = re.compile(r"\D")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TEXTUAL = frozenset({"text", "custom_html", "block", "media_image"})


def _abs(url: str | None, base: str) -> str:
    url = (url or "").strip()
    if not base or not url or url.startswith(("http://", "https://")):
        return url
    return urljoin(base, url)


def _widget_type(el: Any, profiles: ProfileSet) -> str:
    """The widget's type from its class (a block widget: from the block inside it)."""
    classes = (el.get("class") or "").split()
    known = [profiles.widget_types[c] for c in classes if c in profiles.widget_types]
    # The Custom HTML widget says "widget_text widget_custom_html": WordPress puts widget_text
    # first, for themes' styles (class-wp-widget-custom-html.php, widget()). The specific wins.
    specific = [k for k in known if k not in ("block", "text")]
    if specific or "text" in known:
        return specific[0] if specific else "text"
    for inner in el.iterdescendants():
        for cls in (inner.get("class") or "").split():
            kind = profiles.widget_types.get(cls)
            if kind and kind != "block":
                return kind
    if known:
        return "block"
    own = next((c for c in classes if c.startswith("widget_")), "")
    return own[len("widget_"):] if own else "unknown"


def _widget_title(el: Any, title_els: frozenset[Any] = frozenset()) -> tuple[str, Any]:
    """The first element inside the widget a ``widget_title`` rule matched (a theme's before_title
    may be a <p> or <span>); failing that, a heading that looks like the widget's title."""
    if title_els:
        for node in el.iterdescendants():
            if node in title_els:
                return element_text(node), node
    for heading in el.iter(*_HEADINGS):
        cls = heading.get("class") or ""
        if "title" in cls or heading.getparent() is el or "wp-block-heading" in cls:
            return element_text(heading), heading
    return "", None


def _item_from_li(li: Any, base: str, title_el: Any) -> WidgetItem | None:
    link = next((a for a in li.iter("a") if a.get("href")), None)
    text_all = element_text(li)
    if not text_all:
        return None
    text = element_text(link) if link is not None else text_all
    rest = text_all.replace(text, "", 1).strip() if text else text_all
    count = None
    m = _COUNT.search(rest)
    if m:
        count = int(_NON_DIGIT.sub("", m.group(1)) or 0)
        rest = (rest[: m.start()] + rest[m.end():]).strip()
    return WidgetItem(text=text, url=_abs(link.get("href") if link is not None else "", base),
                      count=count, extra=rest)


def _top_level_lis(el: Any) -> list[Any]:
    """The ``li`` items of a widget's lists, nested ones included (hierarchical categories)."""
    return [li for li in el.iter("li") if li.find("ul") is None or li.find("a") is not None]


def _tag_cloud_items(el: Any, base: str) -> list[WidgetItem]:
    items = []
    for a in el.iter("a"):
        label = a.get("aria-label") or ""
        m = _ITEMS_COUNT.search(label) or _COUNT.search(label)
        count = int(_NON_DIGIT.sub("", m.group(1)) or 0) if m else None
        items.append(WidgetItem(text=element_text(a), url=_abs(a.get("href"), base), count=count))
    return items


def extract_widget(el: Any, profiles: ProfileSet, base: str = "",
                   title_els: frozenset[Any] = frozenset()) -> Widget:
    """One widget: its type, title, and list items or text. ``title_els``: the page's elements
    the profiles' ``widget_title`` rules matched."""
    kind = _widget_type(el, profiles)
    title, title_el = _widget_title(el, title_els)
    widget = Widget(type=kind, title=title, widget_id=el.get("id") or "")
    if kind == "tag_cloud":
        widget.items = _tag_cloud_items(el, base)
    elif kind == "calendar":
        widget.items = [WidgetItem(text=element_text(a), url=_abs(a.get("href"), base)) for a in el.iter("a")]
    elif kind not in _TEXTUAL and kind != "search":
        widget.items = [item for li in _top_level_lis(el) if (item := _item_from_li(li, base, title_el))]
    if kind in _TEXTUAL or not widget.items:
        text = element_text(el)
        widget.text = text[len(title):].strip() if title and text.startswith(title) else text
    if kind in _TEXTUAL:
        from lxml import html as lxml_html

        widget.html = lxml_html.tostring(el, encoding="unicode", with_tail=False)
    return widget


def _area_name(el: Any) -> str:
    return el.get("id") or el.get("aria-label") or (el.get("class") or el.tag).split()[0]


def _fallback_area(el: Any) -> str:
    node = el.getparent()
    while node is not None and isinstance(node.tag, str):
        if node.tag in ("footer", "header", "aside"):
            return node.get("id") or node.tag
        node = node.getparent()
    return "page"


def extract_sidebars(matches: Matches, profiles: ProfileSet, base: str = "") -> list[WidgetArea]:
    """Every widget on the page, grouped by its widget area, in page order."""
    areas = [el for el, _ in matches.get("widget_area", ())]
    # An element several rules match (a widget with both .widget and a theme's class) counts once.
    widgets = list(dict.fromkeys(el for el, _ in matches.get("widget", ())))
    widgets = [w for w in widgets if not any(o is not w and inside(w, o) for o in widgets)]
    title_els = frozenset(el for el, _ in matches.get("widget_title", ()))
    grouped: dict[str, WidgetArea] = {}
    for el in widgets:
        area = next((a for a in reversed(areas) if inside(el, a) and a is not el), None)
        name = _area_name(area) if area is not None else _fallback_area(el)
        grouped.setdefault(name, WidgetArea(name=name)).widgets.append(
            extract_widget(el, profiles, base, title_els))
    return list(grouped.values())


# ---- menus --------------------------------------------------------------------------------------

def _menu_item(li: Any, base: str, parent: int, order: int) -> MenuItem:
    link = next((a for a in li.iter("a") if a.getparent() is li or a.getparent().tag != "li"), None)
    classes = [c for c in (li.get("class") or "").split()]
    m = _MENU_ITEM_ID.match(li.get("id") or "")
    wp_id = int(m.group(1)) if m else 0
    object_type = next((c[len("menu-item-object-"):] for c in classes if c.startswith("menu-item-object-")), "")
    title = element_text(link) if link is not None else (li.text or "").strip()
    return MenuItem(wp_id=wp_id, title=title, url=_abs(link.get("href") if link is not None else "", base),
                    parent=parent, order=order, object_type=object_type,
                    classes=[c for c in classes if not c.startswith("menu-item-") and c not in ("menu-item",)],
                    target=(link.get("target") or "") if link is not None else "")


def menu_items(ul: Any, base: str = "", parent: int = 0, counter: list[int] | None = None) -> list[MenuItem]:
    """The tree of a menu list: each ``li`` an item, its nested ``ul`` its children."""
    counter = counter if counter is not None else [0]
    items = []
    for li in ul.iterchildren("li"):
        linked = next((a for a in li.iter("a") if a.getparent() is li or a.getparent().getparent() is li), None)
        counter[0] += 1
        item = _menu_item(li, base, parent, counter[0])
        for sub in li.iter("ul"):
            if sub.getparent() is li or sub.getparent().getparent() is li:
                item.children.extend(menu_items(sub, base, item.wp_id, counter))
                break
        if linked is None and not item.children:
            continue  # a theme's button, no menu item (Twenty Nineteen's "return", its empty "more")
        items.append(item)
    return items


def _menu_name(ul: Any) -> tuple[str, str, str]:
    """(slug, name, location) of a menu list from its id, enclosing nav or widget."""
    ident = ul.get("id") or ""
    slug = ident[len("menu-"):] if ident.startswith("menu-") else ident
    name, location, node = "", "", ul.getparent()
    while node is not None and isinstance(node.tag, str):
        if not name and node.tag == "nav" and node.get("aria-label"):
            name = node.get("aria-label")
        if not name and "widget" in (node.get("class") or "").split():
            heading = next(node.iter(*_HEADINGS), None)
            name = element_text(heading) if heading is not None else ""
        if not location and node.tag in ("header", "footer"):
            location = "primary" if node.tag == "header" else "footer"
        node = node.getparent()
    return slug, name or slug.replace("-", " ").title(), location


def extract_menus(matches: Matches, base: str = "") -> list[Menu]:
    """Navigation menus (outermost lists only; sub-menus are their items' children)."""
    # A list several rules match (ul#top-menu.menu: a theme's id and core's class) is one menu.
    lists = list(dict.fromkeys(el for el, _ in matches.get("menu", ()) if el.tag in ("ul", "ol")))
    menus = []
    for ul in lists:
        if any(other is not ul and inside(ul, other) for other in lists):
            continue
        slug, name, location = _menu_name(ul)
        items = menu_items(ul, base)
        if not items:
            continue
        # The same menu printed again for small screens (Storefront's handheld navigation,
        # a theme's mobile or modal copy): one menu. Its copy repeats the items' ids
        # (li#menu-item-N); another menu listing the same pages (a footer menu) has its own.
        shape = _menu_shape(items)
        if any(i.wp_id for i in items) and any(_menu_shape(m.items) == shape for m in menus):
            continue
        menus.append(Menu(slug=slug, name=name, items=items, location=location, source="html"))
    return menus


def _menu_shape(items: list[MenuItem]) -> tuple[Any, ...]:
    return tuple((i.wp_id, i.title, i.url, _menu_shape(i.children)) for i in items)
