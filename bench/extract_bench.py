#!/usr/bin/env python3
"""Extraction benchmark (issue 4): pages/s of ``extract_page`` next to trafilatura and a bare
lxml parse over the same saved WordPress pages, and body-text F1 against WordPress's own
``content.rendered``.

Two halves:

* the parent side (:func:`section`, called by ``bench/run.py``) makes sure the real-WordPress
  pages are cached under ``.bench/pages/<config>/`` (starting and stopping the harness in
  ``scripts/realwp/`` only when a cache is missing), then runs this file as a child process;
* the child (``python bench/extract_bench.py --out FILE``) loads every page into memory and
  times each tool over all of them, in rounds, the tools' order rotating per round; a tool's
  number is its best round. All tools run in the same process, in the same run, so a busy
  machine slows them alike: compare ratios, not absolute numbers.

Corpora: the Morgan Wiseman fixture site (``fixtures/sites/morganwiseman/site/**/index.html``),
the saved real pages (``tests/data/pages/``) and, unless ``--no-realwp``, every published post
and page of the real WordPress in three configurations (twentytwentyone, the same with
``--plugins``, twentytwentythree), each with its REST ``content.rendered``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCRATCH = ROOT / ".bench"
PAGES_CACHE = SCRATCH / "pages"
FIXTURE_SITE = ROOT / "fixtures" / "sites" / "morganwiseman" / "site"
FIXTURE_BASE = "https://www.morganwiseman.co.uk"
SAVED_PAGES = ROOT / "tests" / "data" / "pages"
REALWP = ROOT / "scripts" / "realwp"
CACHE_VERSION = 1
TARGETS = {"speedup_vs_trafilatura": 2.0}
F1_GOOD = 0.98

# name -> (theme, --plugins)
REALWP_CONFIGS: dict[str, tuple[str, bool]] = {
    "tt1": ("twentytwentyone", False),
    "tt1-plugins": ("twentytwentyone", True),
    "tt3": ("twentytwentythree", False),
}

# trafilatura options. txt: its defaults, comments off (we compare bodies). html/markdown:
# what a user migrating a site would ask for: comments off, tables (default), links,
# images and formatting kept.
TRAF_TXT = {"output_format": "txt", "include_comments": False}
TRAF_RICH = {"include_comments": False, "include_tables": True, "include_links": True,
             "include_images": True, "include_formatting": True}
TRAF_HTML = {"output_format": "html", **TRAF_RICH}
TRAF_MD = {"output_format": "markdown", **TRAF_RICH}

OURS_MD = "mwmigrate extract_page (with Markdown)"
OURS_NOMD = "mwmigrate extract_page (with_markdown=False)"
LXML = "lxml.html.fromstring (bare parse)"
TRAF_NAMES = {
    "txt": "trafilatura.extract txt",
    "html": "trafilatura.extract html",
    "markdown": "trafilatura.extract markdown",
}


# ----------------------------------------------------------------------------- harness

class HarnessError(RuntimeError):
    pass


class RealWP:
    """``with RealWP(theme, plugins, state) as url:`` starts the harness, always stops it."""

    def __init__(self, theme: str, plugins: bool, state: Path, log: Path) -> None:
        self.theme, self.plugins, self.state, self.log = theme, plugins, state, log
        self.url = ""

    def __enter__(self) -> str:
        argv = ["bash", str(REALWP / "up.sh"), "--theme", self.theme, "--state", str(self.state)]
        if self.plugins:
            argv.append("--plugins")
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "w") as err:
            r = subprocess.run(argv, check=False, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT,
                               stdin=subprocess.DEVNULL, timeout=900)
        url = (r.stdout.strip().splitlines() or [""])[-1]
        if r.returncode != 0 or not url.startswith("http://127.0.0.1:"):
            self._down()
            tail = self.log.read_text(errors="replace").strip().splitlines()
            raise HarnessError(f"scripts/realwp/up.sh --theme {self.theme}"
                               + (" --plugins" if self.plugins else "")
                               + f" rc={r.returncode}: " + (tail[-1][:300] if tail else "no output"))
        self.url = url
        return url

    def _down(self) -> None:
        subprocess.run(["bash", str(REALWP / "down.sh"), "--state", str(self.state), "--quiet"],
                       check=False, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)

    def __exit__(self, *exc: object) -> None:
        self._down()


def realwp_state(config: str) -> Path:
    return SCRATCH / f"realwp-{config}"


def _cached_manifest(config: str) -> dict | None:
    path = PAGES_CACHE / config / "manifest.json"
    try:
        m = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if m.get("version") != CACHE_VERSION or not m.get("complete"):
        return None
    if not all((PAGES_CACHE / config / d["file"]).exists() for d in m["docs"]):
        return None
    return m


def _fetch_config(config: str, url: str) -> dict:
    """Every published post and page: its HTML page and its REST content.rendered."""
    import requests

    out = PAGES_CACHE / config
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "rendered").mkdir(parents=True, exist_ok=True)
    docs = []
    with requests.Session() as s:
        for kind in ("posts", "pages"):
            page, pages = 1, 1
            while page <= pages:
                r = s.get(f"{url}/wp-json/wp/v2/{kind}", timeout=60, params={
                    "per_page": 100, "page": page, "status": "publish",
                    "_fields": "id,type,slug,link,status,content"})
                r.raise_for_status()
                pages = int(r.headers.get("X-WP-TotalPages", "1"))
                for item in r.json():
                    stem = f"{item['type']}-{item['id']}"
                    h = s.get(item["link"], timeout=60)
                    (out / "html" / f"{stem}.html").write_bytes(h.content)
                    (out / "rendered" / f"{stem}.html").write_text(
                        item["content"]["rendered"], encoding="utf-8")
                    docs.append({"id": item["id"], "type": item["type"], "slug": item["slug"],
                                 "url": item["link"], "status": h.status_code,
                                 "protected": bool(item["content"].get("protected")),
                                 "file": f"html/{stem}.html",
                                 "rendered": f"rendered/{stem}.html"})
                page += 1
    manifest = {"version": CACHE_VERSION, "config": config, "base_url": url,
                "theme": REALWP_CONFIGS[config][0], "plugins": REALWP_CONFIGS[config][1],
                "fetched": time.strftime("%Y-%m-%dT%H:%M:%S"), "docs": docs, "complete": True}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def ensure_realwp_pages(configs: list[str] | None = None,
                        say: Callable[[str], None] = print) -> dict[str, str | None]:
    """Cache each configuration's pages (reusing a complete cache); config -> None or why not."""
    status: dict[str, str | None] = {}
    for config in configs or list(REALWP_CONFIGS):
        if _cached_manifest(config):
            say(f"  realwp {config}: reusing .bench/pages/{config}/")
            status[config] = None
            continue
        theme, plugins = REALWP_CONFIGS[config]
        say(f"  realwp {config}: starting the harness ({theme}"
            + (", --plugins" if plugins else "") + ") to fetch its posts and pages ...")
        t0 = time.perf_counter()
        try:
            with RealWP(theme, plugins, realwp_state(config),
                        SCRATCH / "logs" / f"realwp-{config}-up.log") as url:
                m = _fetch_config(config, url)
            say(f"  realwp {config}: {len(m['docs'])} posts+pages cached "
                f"in {time.perf_counter() - t0:.0f} s (harness stopped)")
            status[config] = None
        except (HarnessError, OSError, ValueError, subprocess.SubprocessError) as exc:
            status[config] = str(exc)[:400]
            say(f"  realwp {config}: NOT AVAILABLE ({status[config]})")
        except Exception as exc:  # noqa: BLE001 - requests errors and the like: report, never crash
            status[config] = f"{type(exc).__name__}: {exc}"[:400]
            say(f"  realwp {config}: NOT AVAILABLE ({status[config]})")
    return status


# ----------------------------------------------------------------------------- corpus

@dataclass
class Doc:
    corpus: str
    name: str
    url: str
    html: str
    reference: str | None = None  # REST content.rendered (real WordPress only)
    protected: bool = False


def _saved_page_urls() -> dict[str, dict[str, str]]:
    """corpus dir -> {file: URL}, from the table in tests/data/pages/README.md."""
    text = (SAVED_PAGES / "README.md").read_text()
    bases = dict(re.findall(r"\* `([\w-]+)/`: base URL `(http[^`]+)`", text))
    paths = dict(re.findall(r"^\| ([\w.-]+\.html) \| `([^`]+)`", text, re.MULTILINE))
    return {d: {f: base.rstrip("/") + p for f, p in paths.items()} for d, base in bases.items()}


def load_corpus(realwp_dirs: list[str]) -> list[Doc]:
    docs: list[Doc] = []
    for path in sorted(FIXTURE_SITE.rglob("index.html")):
        rel = path.parent.relative_to(FIXTURE_SITE).as_posix()
        url = FIXTURE_BASE + "/" + (rel + "/" if rel != "." else "")
        docs.append(Doc("fixture morganwiseman", rel or "/", url,
                        path.read_bytes().decode("utf-8", "replace")))
    urls = _saved_page_urls() if (SAVED_PAGES / "README.md").exists() else {}
    for d in sorted(p for p in SAVED_PAGES.iterdir() if p.is_dir()) if SAVED_PAGES.is_dir() else []:
        for path in sorted(d.glob("*.html")):
            docs.append(Doc(f"saved {d.name}", path.name, urls.get(d.name, {}).get(path.name, ""),
                            path.read_bytes().decode("utf-8", "replace")))
    for config in realwp_dirs:
        m = _cached_manifest(config)
        if not m:
            continue
        base = PAGES_CACHE / config
        for d in m["docs"]:
            docs.append(Doc(f"realwp {config}", f"{d['type']}/{d['slug']}", d["url"],
                            (base / d["file"]).read_bytes().decode("utf-8", "replace"),
                            (base / d["rendered"]).read_text(encoding="utf-8"),
                            d["protected"]))
    return docs


# ----------------------------------------------------------------------------- tools

def make_tools() -> tuple[dict[str, Callable[[Doc], object]], dict[str, str]]:
    """name -> callable(doc), and name -> why not available."""
    tools: dict[str, Callable[[Doc], object]] = {}
    missing: dict[str, str] = {}
    from lxml import html as lxml_html

    tools[LXML] = lambda d: lxml_html.fromstring(d.html)
    try:
        from mwmigrate.extract import extract_page

        tools[OURS_MD] = lambda d: extract_page(d.html, d.url)
        tools[OURS_NOMD] = lambda d: extract_page(d.html, d.url, with_markdown=False)
    except Exception as exc:  # noqa: BLE001 - report, never fake
        for n in (OURS_MD, OURS_NOMD):
            missing[n] = f"mwmigrate.extract not importable: {exc}"
    try:
        import trafilatura

        def traf(opts: dict) -> Callable[[Doc], object]:
            return lambda d: trafilatura.extract(d.html, url=d.url or None, **opts)

        for key, opts in (("txt", TRAF_TXT), ("html", TRAF_HTML), ("markdown", TRAF_MD)):
            tools[TRAF_NAMES[key]] = traf(opts)
    except ImportError as exc:
        for n in TRAF_NAMES.values():
            missing[n] = f"trafilatura not installed ({exc}); pip install trafilatura"
    return tools, missing


def time_tools(tools: dict[str, Callable[[Doc], object]], docs: list[Doc], rounds: int,
               say: Callable[[str], None]) -> dict[str, dict]:
    names = list(tools)
    corpora = sorted({d.corpus for d in docs})
    res: dict[str, dict] = {n: {"rounds": [], "errors": 0, "no_output": 0} for n in names}
    # warm-up: imports, profile loading, selector compilation, trafilatura's own set-up
    for n in names:
        for d in docs[:: max(1, len(docs) // 20)]:
            try:
                tools[n](d)
            except Exception:  # noqa: BLE001, S110 - failures are counted in the timed rounds
                pass
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for n in order:
            fn = tools[n]
            per = dict.fromkeys(corpora, 0.0)
            errors = no_output = 0
            c0, t0 = time.process_time(), time.perf_counter()
            for d in docs:
                s = time.perf_counter()
                try:
                    out = fn(d)
                    if out is None:
                        no_output += 1
                except Exception:  # noqa: BLE001 - counted and reported
                    errors += 1
                per[d.corpus] += time.perf_counter() - s
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            res[n]["rounds"].append({"wall_s": round(wall, 4), "cpu_s": round(cpu, 4),
                                     "per_corpus_s": {k: round(v, 4) for k, v in per.items()}})
            res[n]["errors"], res[n]["no_output"] = errors, no_output
        say(f"  round {r + 1}/{rounds}: " + ", ".join(
            f"{n.split(' (')[0] if n in (LXML,) else n}={res[n]['rounds'][-1]['wall_s']:.2f}s"
            for n in names))
    for n in names:
        rs = res[n]["rounds"]
        best = min(rs, key=lambda x: x["wall_s"])
        res[n]["best_wall_s"] = best["wall_s"]
        res[n]["cpu_s_of_best"] = best["cpu_s"]
        res[n]["pages_per_s"] = round(len(docs) / best["wall_s"], 1)
        res[n]["pages_per_cpu_s"] = round(len(docs) / min(x["cpu_s"] for x in rs), 1)
        res[n]["per_corpus_pages_per_s"] = {
            c: round(sum(1 for d in docs if d.corpus == c) / min(x["per_corpus_s"][c] for x in rs), 1)
            for c in corpora}
    return res


# ----------------------------------------------------------------------------- F1

def _stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "mean": round(sum(values) / len(values), 4),
            "min": round(min(values), 4), "below_0.98": sum(1 for v in values if v < F1_GOOD)}


def f1_scores(docs: list[Doc], tools: dict[str, Callable[[Doc], object]]) -> dict:
    from mwmigrate.textmetrics import token_f1, visible_text

    rows = []
    for d in docs:
        if d.reference is None or d.protected:
            continue
        ref = visible_text(d.reference)
        row = {"corpus": d.corpus, "page": d.name}
        if OURS_NOMD in tools:
            try:
                page = tools[OURS_NOMD](d)
                body = page.post.content_html if page.post is not None else ""  # type: ignore[attr-defined]
                row["ours"] = token_f1(ref, visible_text(body))
            except Exception as exc:  # noqa: BLE001
                row["ours"], row["ours_error"] = 0.0, repr(exc)[:200]
        for key, score in (("html", lambda o: visible_text(o)), ("txt", lambda o: o)):
            name = TRAF_NAMES[key]
            if name in tools:
                try:
                    out = tools[name](d) or ""
                    row[f"trafilatura_{key}"] = token_f1(ref, score(out))  # type: ignore[arg-type]
                except Exception as exc:  # noqa: BLE001
                    row[f"trafilatura_{key}"] = 0.0
                    row[f"trafilatura_{key}_error"] = repr(exc)[:200]
        rows.append(row)
    keys = [k for k in ("ours", "trafilatura_html", "trafilatura_txt") if any(k in r for r in rows)]
    summary = {"all": {k: _stats([r[k] for r in rows if k in r]) for k in keys}}
    for c in sorted({r["corpus"] for r in rows}):
        summary[c] = {k: _stats([r[k] for r in rows if r["corpus"] == c and k in r]) for k in keys}
    skipped = [f"{d.corpus} {d.name}" for d in docs if d.reference is not None and d.protected]
    return {"summary": summary, "pages": rows,
            "excluded": {"password-protected (REST content.rendered is empty)": skipped}}


# ----------------------------------------------------------------------------- child

def child(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--realwp", default=",".join(REALWP_CONFIGS),
                    help="comma-separated cached configs to include ('' for none)")
    a = ap.parse_args(argv)
    say = lambda s: print(s, flush=True)  # noqa: E731
    docs = load_corpus([c for c in a.realwp.split(",") if c])
    counts: dict[str, int] = {}
    for d in docs:
        counts[d.corpus] = counts.get(d.corpus, 0) + 1
    say(f"  {len(docs)} pages, {sum(len(d.html) for d in docs) / 1e6:.1f} M chars: "
        + ", ".join(f"{k} {v}" for k, v in counts.items()))
    tools, missing = make_tools()
    timing = time_tools(tools, docs, a.rounds, say)
    f1 = f1_scores(docs, tools) if any(d.reference is not None for d in docs) else None
    import importlib.metadata as md

    versions = {}
    for pkg in ("trafilatura", "lxml"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = None
    a.out.write_text(json.dumps({
        "pages": len(docs), "pages_per_corpus": counts, "rounds": a.rounds,
        "chars": sum(len(d.html) for d in docs), "versions": versions,
        "trafilatura_options": {TRAF_NAMES["txt"]: TRAF_TXT, TRAF_NAMES["html"]: TRAF_HTML,
                                TRAF_NAMES["markdown"]: TRAF_MD},
        "tools": timing, "not_available": missing, "f1": f1,
    }, indent=1))
    return 0


# ----------------------------------------------------------------------------- parent

def _speed_check(res: dict, num: str, den: str, what: str) -> dict:
    t = res["tools"]
    why = [f"{n}: {res['not_available'][n]}" for n in (num, den) if n in res["not_available"]]
    if why or num not in t or den not in t:
        return {"what": what, "value": None, "target": TARGETS["speedup_vs_trafilatura"],
                "result": "NOT MEASURED", "why": "; ".join(why) or "not run"}
    v = t[num]["pages_per_s"] / t[den]["pages_per_s"]
    return {"what": what, "value": round(v, 3), "target": TARGETS["speedup_vs_trafilatura"],
            "result": "PASS" if v >= TARGETS["speedup_vs_trafilatura"] else "FAIL"}


def checks_for(res: dict | None, why_not: str | None, realwp_why: dict[str, str | None]) -> list[dict]:
    if res is None:
        return [{"what": "extraction: ours (with Markdown) vs trafilatura, pages/s", "value": None,
                 "target": TARGETS["speedup_vs_trafilatura"], "result": "NOT MEASURED",
                 "why": why_not or "not run"}]
    t = res["tools"]
    traf = [n for n in TRAF_NAMES.values() if n in t]
    fastest = max(traf, key=lambda n: t[n]["pages_per_s"]) if traf else TRAF_NAMES["txt"]
    out = [_speed_check(res, OURS_MD, fastest,
                        f"extraction pages/s, ours WITH Markdown vs the fastest trafilatura "
                        f"setting ({fastest}), all {res['pages']} pages [headline]")]
    for n in traf:
        if n != fastest:
            out.append(_speed_check(res, OURS_MD, n, f"extraction pages/s, ours with Markdown vs {n}"))
    out.append(_speed_check(res, OURS_NOMD, fastest,
                            f"extraction pages/s, ours with_markdown=False vs {fastest}"))
    f1 = res.get("f1")
    what = ("body-text F1 vs content.rendered: ours' mean > trafilatura html's mean "
            "(real WordPress posts+pages)")
    if not f1 or "ours" not in f1["summary"]["all"] or "trafilatura_html" not in f1["summary"]["all"]:
        why = "; ".join(f"{k}: {v}" for k, v in realwp_why.items() if v) or \
            "no real-WordPress pages (--quick or --no-realwp)"
        out.append({"what": what, "value": None, "target": "> trafilatura", "result": "NOT MEASURED",
                    "why": why})
    else:
        a = f1["summary"]["all"]
        ours, tr = a["ours"]["mean"], a["trafilatura_html"]["mean"]
        out.append({"what": what + f" (trafilatura html {tr})", "value": ours, "target": f"> {tr}",
                    "result": "PASS" if ours > tr else "FAIL"})
    return out


def print_report(res: dict) -> None:
    t = res["tools"]
    corpora = list(res["pages_per_corpus"])
    print(f"\nExtraction: {res['pages']} pages, best of {res['rounds']} rounds, all tools in one "
          f"process (trafilatura {res['versions'].get('trafilatura')}, lxml {res['versions'].get('lxml')})")
    head = ["tool", "pages/s", "pages/CPU-s", "vs trafilatura txt", "errors"] + \
        [c.replace("fixture ", "").replace("saved ", "saved:") for c in corpora]
    ref = t.get(TRAF_NAMES["txt"], {}).get("pages_per_s")
    body = []
    for n, r in t.items():
        body.append([n, f"{r['pages_per_s']:,.1f}", f"{r['pages_per_cpu_s']:,.1f}",
                     f"{r['pages_per_s'] / ref:.2f}x" if ref else "-",
                     str(r["errors"])] + [f"{r['per_corpus_pages_per_s'].get(c, 0):,.0f}" for c in corpora])
    for n, why in res["not_available"].items():
        body.append([n, "NOT MEASURED", "-", "-", "-"] + ["-"] * len(corpora))
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    for i, row in enumerate([head] + body):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for n, why in res["not_available"].items():
        print(f"  - {n}: NOT MEASURED — {why}")
    print("  trafilatura options: txt = defaults + include_comments=False; html/markdown = "
          "include_comments=False, include_tables, include_links, include_images, include_formatting")
    f1 = res.get("f1")
    if not f1:
        print("  F1 vs content.rendered: NOT MEASURED (no real-WordPress pages in this run)")
        return
    print("\n  body-text token F1 vs WordPress's content.rendered (visible text), per page; "
          "'<0.98' = pages below 0.98")
    keys = list(f1["summary"]["all"])
    print("  " + "scope".ljust(20) + "".join(f"  {k:<32}" for k in keys))
    for scope, s in f1["summary"].items():
        cells = []
        for k in keys:
            x = s.get(k, {})
            cells.append(f"{x['mean']:.3f} (min {x['min']:.2f}, <0.98: {x['below_0.98']}/{x['n']})"
                         if x.get("n") else "-")
        print("  " + scope.ljust(20) + "".join(f"  {c:<32}" for c in cells))
    ex = [p for v in f1["excluded"].values() for p in v]
    if ex:
        print(f"  excluded: {len(ex)} password-protected posts (REST content.rendered is empty)")
    low = sorted((p for p in f1["pages"] if p.get("ours", 1.0) < F1_GOOD), key=lambda p: p["ours"])
    if low:
        print("  ours below 0.98 (ours / trafilatura html): " + "; ".join(
            f"{p['corpus'].replace('realwp ', '')} {p['page']} {p['ours']:.2f}/"
            f"{p.get('trafilatura_html', float('nan')):.2f}" for p in low))


def section(measure: Callable[..., dict], py: str, *, quick: bool, rounds: int | None = None,
            say: Callable[[str], None] = print) -> tuple[dict, list[dict]]:
    """Run the extraction benchmark from bench/run.py; returns (results, target checks)."""
    realwp_why: dict[str, str | None] = {}
    configs: list[str] = []
    if quick:
        realwp_why = {c: "skipped in --quick" for c in REALWP_CONFIGS}
    else:
        realwp_why = ensure_realwp_pages(say=say)
        configs = [c for c, why in realwp_why.items() if why is None]
    out = SCRATCH / ("extract-quick.json" if quick else "extract.json")
    out.unlink(missing_ok=True)
    rounds = rounds or (2 if quick else 5)
    run = measure("extract", [py, HERE / "extract_bench.py", "--out", out, "--rounds", str(rounds),
                              "--realwp", ",".join(configs)])
    results: dict = {"run": {k: run[k] for k in ("rc", "wall_s", "peak_rss_mb", "foreign_cpu_cores",
                                                "loadavg1_before", "logs")},
                     "realwp": {c: ("ok" if w is None else f"NOT MEASURED: {w}")
                                for c, w in realwp_why.items()}}
    if run["rc"] != 0 or not out.exists():
        tail = (run.get("stderr_tail") or "").strip().splitlines()
        why = f"extract_bench.py rc={run['rc']}: " + (tail[-1][:300] if tail else "no output")
        results["status"] = "failed"
        results["why"] = why
        return results, checks_for(None, why, realwp_why)
    res = json.loads(out.read_text())
    results.update(res)
    results["status"] = "ok"
    print_report(res)
    if (run.get("foreign_cpu_cores") or 0) > 0.25:
        print(f"  ! CONTENDED: other processes used {run['foreign_cpu_cores']} cores during the "
              f"extraction run ({os.cpu_count()} CPUs); absolute pages/s are pessimistic, ratios "
              "are measured under the same load")
    return results, checks_for(res, None, realwp_why)


if __name__ == "__main__":
    sys.exit(child())
