"""The Netlify form of the redirect map (``redirects/_redirects``), read by Netlify's own code:
its rule parser (``netlify-redirect-parser``, as the Netlify CLI reads the file) and its rule
engine (``netlify-redirector``, Netlify's redirect library compiled to WebAssembly, which the
CLI's dev server asks for every request). Both from npm, pinned; node and npm from Debian.

Two Netlify facts the map must allow for:
- Shadowing: a rule does not fire where the site has a file unless it is forced (``301!``).
  Every site has a home page, so ``/?p=123`` rules (``/ p=123 ...``) must be forced.
- The path a rule is matched against: the CLI's dev server passed the path as sent
  (percent-encoded) for years and passes it decoded now; Netlify's documentation asks for
  encoded paths in the file. A non-ASCII old URL must redirect either way.
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from urllib.parse import quote

from mwmigrate.migrate import MigrateOptions, migrate_wxr
from tests.support.npm import npm_packages

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "wxr" / "renamed-posts.xml"
PACKAGES = {"netlify-redirector": "0.5.0", "netlify-redirect-parser": "14.4.0"}

MATCH_JS = r"""
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const [modules, redirectsFile, requestsFile] = process.argv.slice(2);
const require = createRequire(modules + '/');
const redirector = require('netlify-redirector');
const parser = await import(pathToFileURL(modules + '/netlify-redirect-parser/lib/index.js'));

const { redirects, errors } = await parser.parseAllRedirects({
  redirectsFiles: [redirectsFile], minimal: false });
// The shape netlify-redirector takes (the Netlify CLI renames these the same way).
const rules = redirects.map(({ from, query, ...rule }) => ({ ...rule, origin: from, params: query }));
const engines = {
  parsed: await redirector.parseJSON(JSON.stringify(rules), {}),
  plain: await redirector.parsePlain(readFileSync(redirectsFile, 'utf8'), {}),
};
const results = [];
for (const [path, query] of JSON.parse(readFileSync(requestsFile, 'utf8'))) {
  const request = { scheme: 'https', host: 'example.org', path, query,
                    getHeader: () => '', getCookie: () => '' };
  const result = { path, query };
  for (const [name, engine] of Object.entries(engines)) {
    const m = engine.match(request);
    result[name] = m ? { to: m.to, status: m.status, force: Boolean(m.force) } : null;
  }
  results.push(result);
}
console.log(JSON.stringify({ rules: redirects.length, errors: errors.map(e => e.message), results }));
"""


def _ask_netlify(tmp_path: Path, redirects_file: Path, requests: list[tuple[str, str]]) -> dict:
    modules = npm_packages(PACKAGES)
    script = tmp_path / "match.mjs"
    script.write_text(MATCH_JS)
    asked = tmp_path / "requests.json"
    asked.write_text(json.dumps(requests))
    done = subprocess.run(["node", str(script), str(modules), str(redirects_file), str(asked)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_netlify_redirects_every_old_url(tmp_path: Path) -> None:
    out = tmp_path / "archive"
    migrate_wxr(FIXTURE, out, MigrateOptions(progress=False))
    with open(out / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(not row["old"].isascii() for row in rows)  # the encoded/decoded case
    assert any("?" in row["old"] for row in rows)  # the shadowed home page case

    expected: dict[tuple[str, str], str] = {}
    for row in rows:
        path, _, query = row["old"].partition("?")
        target = quote(row["new"], safe="/")  # what a Location header can carry
        expected[(quote(path, safe="/"), query)] = target  # the path as a browser sends it
        expected[(path, query)] = target  # the same, decoded (the CLI's dev server now)
    not_old = [("/", ""), ("/", "p=9999"), ("/not-an-old-url/", ""), ("/about-us/", "")]
    answer = _ask_netlify(tmp_path, out / "redirects" / "_redirects", [*expected, *not_old])

    assert answer["errors"] == []
    assert answer["rules"] >= len(rows)
    # Pages of the new site: a rule from one of these paths fires only when forced.
    pages = {quote(p, safe="/") for p in {"/"} | {row["new"] for row in rows}}
    problems = []
    for result in answer["results"]:
        key = (result["path"], result["query"])
        for engine in ("parsed", "plain"):
            got = result[engine]
            if key not in expected:
                if got is not None:
                    problems.append(f"{engine}: {key} is not an old URL, redirected: {got}")
            elif got is None:
                problems.append(f"{engine}: {key} not redirected")
            elif (got["to"], got["status"]) != (expected[key], 301):
                problems.append(f"{engine}: {key} -> {got['to']} {got['status']}, "
                                f"expected {expected[key]} 301")
            elif quote(key[0], safe="/") in pages and not got["force"]:
                problems.append(f"{engine}: {key} not forced: the page there shadows it")
    assert not problems, "\n".join(problems)
