"""Archive stage: the redirect map from old WordPress URLs to the archive's new paths.

Written in three forms a user can deploy as they are: CSV, Netlify ``_redirects`` and an nginx
``map`` block (which matches ``$request_uri``, so ``/?p=123`` style links redirect too).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from mwmigrate.archive.paths import redirectable
from mwmigrate.archive.writer import ArchiveWriter


@dataclass(frozen=True, slots=True)  # two per post: tens of thousands on a large site
class Redirect:
    old: str  # path (and query) on the old site, e.g. "/2019/05/25/slug/" or "/?p=123"
    new: str  # path on the new site
    wp_id: int


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
        if r.old in seen and seen[r.old].new != r.new:
            warnings.append(f"redirect clash: {r.old} is claimed by posts {seen[r.old].wp_id} and "
                            f"{r.wp_id}; kept the first")
            continue
        seen.setdefault(r.old, r)
    return list(seen.values()), warnings


def _netlify_line(r: Redirect) -> str:
    if "?" in r.old:
        path, _, query = r.old.partition("?")
        return f"{path or '/'} {query.replace('&', ' ')} {r.new} 301"
    return f"{r.old} {r.new} 301"


def _nginx_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_redirects(writer: ArchiveWriter, redirects: list[Redirect]) -> tuple[int, list[str]]:
    """The redirect map in its three forms; (rows written, warnings)."""
    rows, warnings = _unique(redirects)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["old", "new", "status", "wp_id"])
    for r in rows:
        out.writerow([r.old, r.new, 301, r.wp_id])
    writer.write_text("redirects/redirects.csv", buf.getvalue())
    writer.write_text("redirects/_redirects", "".join(_netlify_line(r) + "\n" for r in rows))
    nginx = ["# include inside http {}; then in server {}: if ($mwmigrate_redirect) "
             "{ return 301 $mwmigrate_redirect; }",
             "map $request_uri $mwmigrate_redirect {", "    default \"\";"]
    nginx += [f"    {_nginx_quote(r.old)} {_nginx_quote(r.new)};" for r in rows]
    nginx.append("}")
    writer.write_text("redirects/nginx-map.conf", "\n".join(nginx) + "\n")
    return len(rows), warnings
