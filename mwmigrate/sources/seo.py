"""What a post tells search engines, from the SEO plugin's postmeta: title, meta description,
canonical URL, noindex (model.Seo).

Which plugin keeps what under which meta key, and how its template variables are written, is
data: ``mwmigrate/profiles/seo.toml``. Template variables (Yoast's ``%%title%% %%sep%%
%%sitename%%``...) are filled in from the post and the site as the plugin would; one the profile
does not know is left out, and :func:`seo_from_meta` says which.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from mwmigrate.model import Seo

__all__ = ["SeoContext", "seo_from_meta", "SEO_META_KEYS"]

_FIELDS = ("title", "description", "canonical")
_VALUES = frozenset(("title", "site_name", "site_description", "separator", "excerpt", "category",
                     "date", "year", "author", "nothing"))


@dataclass(frozen=True)
class SeoContext:
    """What template variables may stand for."""

    title: str = ""
    site_name: str = ""
    site_description: str = ""
    excerpt: str = ""
    category: str = ""  # the post's first category's name
    date: str = ""  # as the site shows dates
    year: str = ""  # the year of the migration's source (the export's date), not today's
    author: str = ""
    separator: str = "-"  # every plugin's default


@dataclass(frozen=True)
class _Plugin:
    name: str
    keys: dict[str, str]  # field -> meta key
    noindex_key: str
    noindex_values: frozenset[str]
    pattern: re.Pattern[str] | None
    variables: dict[str, str]
    keep_unknown: bool  # text that looks like a variable but is none stays (AIOSEO's "#1", "#python")


_SYNTAX = {"%%name%%": r"%%([A-Za-z_][A-Za-z0-9_]*)%%", "%name%": r"%([A-Za-z_][A-Za-z0-9_]*)%",
           "#name": r"#([A-Za-z_][A-Za-z0-9_]*)"}


def load_plugins(text: str) -> tuple[_Plugin, ...]:
    """The plugin profiles in ``text`` (TOML), checked: a mistake is an error, not a guess."""
    plugins = []
    for entry in tomllib.loads(text).get("plugin", []):
        syntax = entry.get("syntax", "")
        if syntax and syntax not in _SYNTAX:
            raise ValueError(f"seo profile {entry.get('name')!r}: unknown syntax {syntax!r}")
        variables = dict(entry.get("variables", {}))
        unknown = set(variables.values()) - _VALUES
        if unknown:
            raise ValueError(f"seo profile {entry.get('name')!r}: unknown variable values {sorted(unknown)}")
        noindex = entry.get("noindex", {})
        if entry.get("unknown", "drop") not in ("drop", "keep"):
            raise ValueError(f"seo profile {entry.get('name')!r}: unknown = 'drop' or 'keep'")
        plugins.append(_Plugin(
            name=entry["name"], keys={f: entry[f] for f in _FIELDS if entry.get(f)},
            noindex_key=noindex.get("key", ""), noindex_values=frozenset(noindex.get("values", ())),
            pattern=re.compile(_SYNTAX[syntax]) if syntax else None, variables=variables,
            keep_unknown=entry.get("unknown", "drop") == "keep"))
    return tuple(plugins)


@cache
def _plugins() -> tuple[_Plugin, ...]:
    return load_plugins((resources.files("mwmigrate") / "profiles" / "seo.toml").read_text(encoding="utf-8"))


@cache
def _meta_keys() -> frozenset[str]:
    return frozenset(k for p in _plugins() for k in (*p.keys.values(), p.noindex_key) if k)


SEO_META_KEYS = _meta_keys  # (a function: the profile is read on first use)


def _text(value: Any) -> str:
    if isinstance(value, list):  # a key repeated: WordPress's get_post_meta(..., true) takes the first
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _fill(text: str, plugin: _Plugin, ctx: SeoContext, unknown: list[str]) -> str:
    if plugin.pattern is None or not text:
        return text

    def value(m: re.Match[str]) -> str:
        field = plugin.variables.get(m.group(1))
        if field is None:
            if plugin.keep_unknown:
                return m.group(0)
            unknown.append(m.group(0))
            return ""
        return "" if field == "nothing" else str(getattr(ctx, field))

    return re.sub(r"\s{2,}", " ", plugin.pattern.sub(value, text)).strip()


def _noindex(value: Any, plugin: _Plugin) -> bool:
    if isinstance(value, dict):
        value = list(value.values())
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, (str, int)) and str(v).strip() in plugin.noindex_values for v in values)


def seo_from_meta(meta: dict[str, Any], ctx: SeoContext) -> tuple[Seo | None, list[str]]:
    """The post's SEO fields from the first plugin (profile order) whose meta it carries, and
    warnings for template variables left out. (None, []) when no plugin left any."""
    if not meta or not any(k in meta for k in _meta_keys()):
        return None, []
    for plugin in _plugins():
        found = {f: _text(meta.get(k)) for f, k in plugin.keys.items()}
        noindex = bool(plugin.noindex_key) and _noindex(meta.get(plugin.noindex_key), plugin)
        if not any(found.values()) and not noindex:
            continue
        unknown: list[str] = []
        seo = Seo(plugin=plugin.name, title=_fill(found.get("title", ""), plugin, ctx, unknown),
                  description=_fill(found.get("description", ""), plugin, ctx, unknown),
                  canonical=found.get("canonical", ""), noindex=noindex)
        warnings = [f"{plugin.name} template variable {v} not known: left out of the SEO text"
                    for v in dict.fromkeys(unknown)]
        return seo, warnings
    return None, []
