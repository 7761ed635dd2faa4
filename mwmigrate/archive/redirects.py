"""Archive stage: the redirect map from old WordPress URLs to the archive's new paths.

Written in three forms a user can deploy as they are: CSV, Netlify ``_redirects`` and an nginx
``map`` block (which matches ``$request_uri``, so ``/?p=123`` style links redirect too).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import IO
from urllib.parse import quote, unquote

from mwmigrate.archive.paths import redirectable
from mwmigrate.archive.writer import ArchiveWriter


@dataclass(frozen=True, slots=True)  # two per post: tens of thousands on a large site
class Redirect:
    old: str  # path (and query) on the old site, e.g. "/2019/05/25/slug/" or "/?p=123"
    new: str  # path on the new site
    wp_id: int  # the post's id, or the term's (0 when unknown)
    type: str = "post"  # what is there: the post's type ("post", "page"...) or the taxonomy


def _unique(redirects: list[Redirect]) -> tuple[list[Redirect], list[str]]:
    """First redirect per old URL wins (export order); later clashes are reported."""
    seen: dict[str, Redirect] = {}
    warnings = []
    for r in redirects:
        if r.old == r.new:
            continue
        if not (redirectable(r.old) and redirectable(r.new)):
            warnings.append(f"redirect from {r.old!r} to {r.new!r} left out: spaces, control "
                            "characters or dot steps in a path")
            continue
        # One URL however it is spelt ("/café/", "/caf%C3%A9/"): the map's forms encode both
        # alike, and nginx refuses a map holding a key twice.
        key = unquote(r.old).lower()  # (and nginx compares map keys ignoring case)
        if key in seen and unquote(seen[key].new) != unquote(r.new):
            first = seen[key]
            warnings.append(f"redirect clash: {r.old} is claimed by {first.type} {first.wp_id} and "
                            f"{r.type} {r.wp_id}; kept the first")
            continue
        seen.setdefault(key, r)
    return list(seen.values()), warnings


def _netlify_lines(r: Redirect) -> list[str]:
    """Netlify's rules for one redirect. A rule with query parameters (``/ p=123``) is forced
    (``301!``): Netlify serves the file at a path instead of an unforced rule ("shadowing"), and
    its path is a page of the new site (``/`` always is). The path in both forms a request may
    be matched in (Netlify's dev server matched it as sent for years, decoded now); the target
    encoded, as a Location header carries it."""
    path, sep, query = r.old.partition("?")
    params = f" {query.replace('&', ' ')}" if sep else ""
    # Forced too: archives, feeds and attachment pages, never from a page of the new site, may
    # be where a post's earlier URL put a Hugo alias file, which would shadow them.
    status = "301!" if sep or r.type in SITE_ROW_TYPES else "301"
    target = _encoded(r.new)
    forms = _request_forms(path or "/")
    if "%" in forms[0]:  # WordPress's own links spell escapes in lower case; Netlify is exact
        forms.insert(1, re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), forms[0]))
    return [f"{form}{params} {target} {status}" for form in dict.fromkeys(forms)]


# Characters a request URI carries as they are; anything else is percent-encoded.
_URI_SAFE = "/?=&:@!$'()*+,;~-._%#"


def _encoded(path: str) -> str:
    """The path as a request carries it: UTF-8, percent-encoded (upper-case hex)."""
    return quote(path, safe=_URI_SAFE)


def _request_forms(path: str) -> list[str]:
    """The forms a request for ``path`` may arrive in. nginx's $request_uri is the request line
    as sent, not decoded: browsers send "/caf%C3%A9/" (WordPress's own links "/caf%c3%a9/":
    the same key, nginx compares map strings ignoring case), a few clients the raw UTF-8."""
    return list(dict.fromkeys((_encoded(path), path)))


def _power_of_two(n: int) -> int:
    return 1 << (n - 1).bit_length()


def _nginx_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: Rows the builder makes for the old site's own pages (not for a post).
SITE_ROW_TYPES = frozenset({"category", "post_tag", "feed", "attachment"})

#: "If you need to set up 10,000 redirects or more, we recommend using wildcards or placeholders
#: [...] Edge Functions can be a better option" (docs.netlify.com, Redirects and rewrites).
NETLIFY_ADVISED_MAX = 10_000


def write_redirects(writer: ArchiveWriter, redirects: list[Redirect]) -> tuple[list[Redirect], list[str]]:
    """The redirect map in its three forms; (the redirects written, warnings).

    Each file is streamed line by line: built whole, the three texts of the bench's 200 MB
    export (55,000 redirects) were 30 MB of this process's memory at the end of the run."""
    rows, warnings = _unique(redirects)

    def csv_lines(fh: IO[str]) -> None:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["old", "new", "status", "wp_id", "type"])
        out.writerows([r.old, r.new, 301, r.wp_id, r.type] for r in rows)

    writer.write_text_stream("redirects/redirects.csv", csv_lines)
    # Netlify takes the first rule that matches, and a rule's query parameters match a request
    # that has more ("/ cat=5" matches "/?feed=rss2&cat=5"): the rules with more parameters go
    # first (a stable sort: the map's order otherwise).
    netlify = sorted(rows, key=lambda r: -len(r.old.partition("?")[2].split("&")) if "?" in r.old else 0)
    rules = 0

    def netlify_lines(fh: IO[str]) -> None:
        nonlocal rules
        for r in netlify:
            for line in _netlify_lines(r):
                fh.write(line + "\n")
                rules += 1

    writer.write_text_stream("redirects/_redirects", netlify_lines)
    if rules > NETLIFY_ADVISED_MAX:
        warnings.append(f"redirects/_redirects holds {rules:,} rules: Netlify advises against "
                        f"{NETLIFY_ADVISED_MAX:,} or more (a deploy may fail); the nginx map or "
                        "redirects.csv (for an edge function) serve any number")

    # nginx builds the map as a hash whose buckets must hold its longest key, and refuses the
    # whole configuration otherwise ("could not build map_hash"): the default bucket (64 bytes
    # on x86-64) holds keys of 46 bytes, shorter than most post URLs. Both sizes are set here.
    longest, count = 0, 0
    for r in rows:
        for key in _request_forms(r.old):
            longest = max(longest, len(key.encode()))
            count += 1
    bucket = _power_of_two(max(64, longest + 32))
    size = _power_of_two(max(2048, 2 * count))

    def nginx_lines(fh: IO[str]) -> None:
        fh.write("# include inside http {} (it sets map_hash_bucket_size and map_hash_max_size, which\n"
                 "# http {} must not set again); then in server {}: if ($mwmigrate_redirect) "
                 "{ return 301 $mwmigrate_redirect; }\n"
                 f"map_hash_bucket_size {bucket};\nmap_hash_max_size {size};\n"
                 "map $request_uri $mwmigrate_redirect {\n    default \"\";\n")
        for r in rows:
            target = _nginx_quote(_encoded(r.new))
            for key in _request_forms(r.old):
                fh.write(f"    {_nginx_quote(key)} {target};\n")
        fh.write("}\n")

    writer.write_text_stream("redirects/nginx-map.conf", nginx_lines)
    return rows, warnings

