"""Selector profiles: what extraction knows about themes and plugins, loaded from TOML data.

Built-in profiles live in ``mwmigrate/profiles/*.toml``; a user's site profile (same format) adds
selectors for an unknown theme and takes precedence. Selectors are compiled once into a
:class:`SelectorIndex` that finds every rule's elements in a single walk over the tree.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from lxml import etree

from mwmigrate.errors import InputError

__all__ = [
    "ROLES", "Rule", "Profile", "ProfileSet", "SelectorIndex", "Matches",
    "load_profile", "builtin_profiles", "load_profiles", "ProfileError",
]

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "profiles"

#: Selector roles a profile may define; each is an array of tables with ``css`` and ``source``.
ROLES = (
    "remove", "content", "title", "featured_image", "listing", "next_page",
    "widget_area", "widget", "widget_title", "menu",
    # The site's name as the header prints it: the organisation's name when the page states it
    # nowhere else (no JSON-LD Organization, no og:site_name: no SEO plugin).
    "site_name",
    # Markers of a block template (a block theme's page): outside the post's own content, they
    # say its core/post-content block prints no links to the pages of a post split with a
    # classic <!--nextpage--> (Gutenberg issue #29484); the live migration then asks for them.
    "block_template",
)


class ProfileError(InputError):
    """A selector profile file cannot be read or has a bad entry."""


@dataclass(frozen=True)
class Rule:
    role: str
    css: str
    source: str
    profile: str
    priority: int
    order: int  # position in the profile set, for stable precedence
    kind: str = ""  # boilerplate kind for role "remove" (cookie-banner, share, related...)


@dataclass(frozen=True)
class Profile:
    name: str
    priority: int
    rules: tuple[Rule, ...] = ()
    page_types: tuple[tuple[str, str], ...] = ()  # (body class, page type)
    widget_types: tuple[tuple[str, str], ...] = ()  # (widget class, widget type)
    remove_headings: tuple[tuple[re.Pattern[str], str], ...] = ()  # (pattern, kind)
    regulators: tuple[tuple[str, re.Pattern[str]], ...] = ()
    social_hosts: tuple[str, ...] = ()
    policy_patterns: tuple[re.Pattern[str], ...] = ()
    third_parties: tuple[re.Pattern[str], ...] = ()  # statements about another company


def _require(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"{where}: missing or empty '{key}'")
    return value


def _compile_regex(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ProfileError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _profile_from_data(data: dict[str, Any], where: str, priority: int | None) -> Profile:
    name = str(data.get("name") or Path(where).stem)
    prio = priority if priority is not None else int(data.get("priority", 0))
    rules = []
    for role in ROLES:
        for i, entry in enumerate(data.get(role, [])):
            at = f"{where}: [[{role}]] #{i + 1}"
            css = _require(entry, "css", at)
            SelectorIndex.check(css, at)
            rules.append(Rule(role, css, _require(entry, "source", at), name, prio, 0,
                              str(entry.get("kind", ""))))
    return Profile(
        name=name, priority=prio, rules=tuple(rules),
        page_types=tuple((_require(e, "body_class", where), _require(e, "type", where))
                         for e in data.get("page_type", [])),
        widget_types=tuple((_require(e, "class", where), _require(e, "type", where))
                           for e in data.get("widget_type", [])),
        remove_headings=tuple((_compile_regex(_require(e, "pattern", where), where, re.I),
                               str(e.get("kind", ""))) for e in data.get("remove_heading", [])),
        regulators=tuple((_require(e, "name", where), _compile_regex(_require(e, "pattern", where), where, re.I))
                         for e in data.get("regulator", [])),
        social_hosts=tuple(_require(e, "host", where).lower() for e in data.get("social_host", [])),
        policy_patterns=tuple(_compile_regex(_require(e, "pattern", where), where)
                              for e in data.get("policy_link", [])),
        third_parties=tuple(_compile_regex(_require(e, "pattern", where), where)
                            for e in data.get("third_party", [])),
    )


def load_profile(path: str | Path, priority: int | None = None) -> Profile:
    """Read one TOML profile. ``priority`` overrides the file's (lower wins)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    return _profile_from_data(data, str(path), priority)


@lru_cache(maxsize=1)
def builtin_profiles() -> tuple[Profile, ...]:
    """The profiles shipped in mwmigrate/profiles, read once per process."""
    return tuple(load_profile(p) for p in sorted(BUILTIN_DIR.glob("*.toml")))


# ---- compiled selector index ------------------------------------------------------------------

_SIMPLE = re.compile(
    r"^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:[#.][\w-]+|\[[\w-]+(?:[~^$*|]?=(?:\"[^\"]*\"|'[^']*'|[^\]]+))?\])*)$"
)
_PART = re.compile(r"([#.])([\w-]+)|\[([\w-]+)(?:([~^$*|]?=)(\"[^\"]*\"|'[^']*'|[^\]]+))?\]")


@dataclass(frozen=True)
class _Compound:
    """A compound selector without combinators, tested in Python during the single walk."""

    tag: str | None
    id: str | None
    classes: frozenset[str]
    attrs: tuple[tuple[str, str, str], ...]  # (name, op, value); op "" = presence

    def matches(self, el: Any, el_id: str | None, el_classes: frozenset[str]) -> bool:
        if self.tag and el.tag != self.tag:
            return False
        if self.id and el_id != self.id:
            return False
        if not self.classes <= el_classes:
            return False
        return all(_attr_ok(el.get(name), op, value) for name, op, value in self.attrs)


def _attr_ok(actual: str | None, op: str, value: str) -> bool:
    if actual is None:
        return False
    if op == "":
        return True
    if op == "=":
        return actual == value
    if op == "~=":
        return value in actual.split()
    if op == "^=":
        return actual.startswith(value)
    if op == "$=":
        return actual.endswith(value)
    if op == "*=":
        return value in actual
    return actual == value or actual.startswith(value + "-")  # |=


def _parse_compound(css: str) -> _Compound | None:
    m = _SIMPLE.match(css.strip())
    if not m or not (m.group("tag") or m.group("rest")):
        return None
    ident, classes, attrs = None, set(), []
    for hashdot, name, attr, op, value in _PART.findall(m.group("rest")):
        if hashdot == "#":
            ident = name
        elif hashdot == ".":
            classes.add(name)
        else:
            attrs.append((attr, op, value.strip("\"'")))
    tag = m.group("tag")
    return _Compound(None if tag in (None, "*") else tag.lower(), ident, frozenset(classes), tuple(attrs))


@lru_cache(maxsize=512)
def _css_xpath(css: str) -> etree.XPath:
    from cssselect import HTMLTranslator  # imported lazily: only complex selectors need it

    return etree.XPath(HTMLTranslator().css_to_xpath(css))


Matches = dict[str, list[tuple[Any, Rule]]]  # role -> [(element, rule)] in document order


_LAST_COMPOUND = re.compile(r"[^\s>+~]+$")


def _key_class(css: str) -> str:
    """A class the element a complex selector matches must have: the first of its last
    compound's ("main.site-main > .page-content" -> "page-content"); "" when it names none
    (a selector list, or a last compound without a class)."""
    if "," in css:
        return ""
    last = _LAST_COMPOUND.search(css.strip())
    if last is None:
        return ""
    compound = re.sub(r":not\([^)]*\)", "", last.group(0))  # (a class inside :not() is none it needs)
    m = re.search(r"\.(-?[_a-zA-Z][\w-]*)", compound)
    return m.group(1) if m else ""


@dataclass
class SelectorIndex:
    """Every rule of a profile set, compiled once; :meth:`scan` walks a tree once."""

    rules: tuple[Rule, ...]
    by_id: dict[str, list[tuple[_Compound, Rule]]] = field(default_factory=dict)
    by_class: dict[str, list[tuple[_Compound, Rule]]] = field(default_factory=dict)
    by_tag: dict[str, list[tuple[_Compound, Rule]]] = field(default_factory=dict)
    by_attr: dict[str, list[tuple[_Compound, Rule]]] = field(default_factory=dict)
    complex: list[Rule] = field(default_factory=list)
    # A class each complex rule's element must carry (the last compound's), when it has one: a
    # page without it cannot match, and its XPath (a walk of the whole tree) is not run.
    complex_keys: dict[str, list[Rule]] = field(default_factory=dict)
    complex_always: list[Rule] = field(default_factory=list)

    @staticmethod
    def check(css: str, where: str) -> None:
        if _parse_compound(css) is not None:
            return
        try:
            _css_xpath(css)
        except Exception as exc:  # cssselect raises several parse error types
            raise ProfileError(f"{where}: bad CSS selector {css!r}: {exc}") from exc

    @classmethod
    def build(cls, rules: Iterable[Rule]) -> SelectorIndex:
        index = cls(tuple(rules))
        for rule in index.rules:
            comp = _parse_compound(rule.css)
            if comp is None:
                index.complex.append(rule)
                key = _key_class(rule.css)
                if key:
                    index.complex_keys.setdefault(key, []).append(rule)
                else:
                    index.complex_always.append(rule)
            elif comp.id:
                index.by_id.setdefault(comp.id, []).append((comp, rule))
            elif comp.classes:
                index.by_class.setdefault(min(comp.classes), []).append((comp, rule))
            elif comp.tag:
                index.by_tag.setdefault(comp.tag, []).append((comp, rule))
            else:  # attribute-only selector: indexed by its first attribute's name
                index.by_attr.setdefault(comp.attrs[0][0], []).append((comp, rule))
        return index

    def _candidates(self, el: Any, tag: str, el_id: str | None,
                    classes: frozenset[str]) -> Iterator[tuple[_Compound, Rule]]:
        if el_id and el_id in self.by_id:
            yield from self.by_id[el_id]
        for c in classes:
            if c in self.by_class:
                yield from self.by_class[c]
        if tag in self.by_tag:
            yield from self.by_tag[tag]
        for name, pairs in self.by_attr.items():
            if el.get(name) is not None:
                yield from pairs

    def scan(self, root: Any) -> Matches:
        """All (element, rule) pairs under ``root``, grouped by role, in document order."""
        found: Matches = {}
        by_id, by_class, by_tag, by_attr = self.by_id, self.by_class, self.by_tag, self.by_attr
        empty: frozenset[str] = frozenset()
        keys, seen = self.complex_keys, set()
        # _candidates() inlined: this loop visits every element of every page.
        for el in root.iter(etree.Element):  # elements only (no comments, PIs)
            get = el.get
            el_id = get("id")
            cls = get("class")
            classes = frozenset(cls.split()) if cls else empty
            cands: list[tuple[_Compound, Rule]] = []
            if el_id and el_id in by_id:
                cands += by_id[el_id]
            for c in classes:
                if c in by_class:
                    cands += by_class[c]
                if c in keys:
                    seen.add(c)
            tag = el.tag
            if tag in by_tag:
                cands += by_tag[tag]
            for name, pairs in by_attr.items():
                if get(name) is not None:
                    cands += pairs
            for comp, rule in cands:
                if comp.matches(el, el_id, classes):
                    found.setdefault(rule.role, []).append((el, rule))
        wanted = [r for r in self.complex if r in self.complex_always or any(
            r in keys[c] for c in seen)]
        if wanted:
            self._scan_complex(root, found, wanted)
        return found

    def _scan_complex(self, root: Any, found: Matches, rules: list[Rule]) -> None:
        order = {el: i for i, el in enumerate(root.iter())}
        for rule in rules:
            for el in _css_xpath(rule.css)(root):
                found.setdefault(rule.role, []).append((el, rule))
        for role, pairs in found.items():
            pairs.sort(key=lambda pair: order.get(pair[0], 0))


@dataclass
class ProfileSet:
    """Profiles in precedence order (site profile first), with their selectors compiled."""

    profiles: tuple[Profile, ...]
    index: SelectorIndex
    page_types: tuple[tuple[str, str], ...]
    widget_types: dict[str, str]
    remove_headings: tuple[tuple[re.Pattern[str], str], ...]
    regulators: tuple[tuple[str, re.Pattern[str]], ...]
    social_hosts: tuple[str, ...]
    policy_patterns: tuple[re.Pattern[str], ...]
    third_parties: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_profiles(cls, profiles: Iterable[Profile]) -> ProfileSet:
        ordered = tuple(sorted(profiles, key=lambda p: p.priority))
        rules, n = [], 0
        for profile in ordered:
            for rule in profile.rules:
                rules.append(Rule(rule.role, rule.css, rule.source, rule.profile, rule.priority, n, rule.kind))
                n += 1
        widget_types: dict[str, str] = {}
        for profile in reversed(ordered):  # higher precedence overwrites
            widget_types.update(profile.widget_types)
        return cls(
            profiles=ordered,
            index=SelectorIndex.build(rules),
            page_types=tuple(pt for p in ordered for pt in p.page_types),
            widget_types=widget_types,
            remove_headings=tuple(h for p in ordered for h in p.remove_headings),
            regulators=tuple(r for p in ordered for r in p.regulators),
            social_hosts=tuple(dict.fromkeys(h for p in ordered for h in p.social_hosts)),
            policy_patterns=tuple(pp for p in ordered for pp in p.policy_patterns),
            third_parties=tuple(tp for p in ordered for tp in p.third_parties),
        )


@lru_cache(maxsize=1)
def _default_set() -> ProfileSet:
    return ProfileSet.from_profiles(builtin_profiles())


def load_profiles(site_profile: str | Path | Profile | None = None) -> ProfileSet:
    """The built-in profiles plus, first in precedence, a site profile (a path or a Profile)."""
    if site_profile is None:
        return _default_set()
    extra = site_profile if isinstance(site_profile, Profile) else load_profile(site_profile, priority=0)
    return ProfileSet.from_profiles((*builtin_profiles(), extra))
