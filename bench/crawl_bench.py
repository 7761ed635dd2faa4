#!/usr/bin/env python3
"""Crawl benchmark (issue 5): pages/s of mwmigrate's crawler over the real WordPress, next to
a plain concurrent GET of exactly the URLs the crawl fetched, at the same concurrency.

* parent side (:func:`section`, called by ``bench/run.py``): starts the real-WordPress harness
  (twentytwentyone, ``.bench/realwp-tt1``), runs this file as a child, stops the harness;
* child (``python bench/crawl_bench.py --url URL --out FILE``): one untimed warm-up crawl
  gives the URL list (every URL the crawler handed to ``Fetcher.fetch``, plus the robots.txt
  it read) and warms WordPress; then, per round, in rotating order: our crawl from ``/`` with
  a fresh cache dir (so every page really comes from the server), and a plain GET of that
  URL list (``ThreadPoolExecutor`` + one ``requests.Session``, bodies read, nothing else).
  Each number is its best round. Both sides share the 2-core machine with the PHP server.

The server is PHP's built-in server with ``PHP_CLI_SERVER_WORKERS=4``: 4 requests at a time,
so both sides run 4 concurrent requests (``FetchSettings(concurrency=4, per_host=4)``). The
product's default ``per_host=2`` is measured as a third, informational row.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCRATCH = ROOT / ".bench"
CONCURRENCY = 4  # the harness's PHP_CLI_SERVER_WORKERS
TARGET = 1.0  # informational: the issue asks for the ratio, with no threshold

OURS = f"mwmigrate Crawler (concurrency={CONCURRENCY}, per_host={CONCURRENCY})"
OURS_DEFAULT = f"mwmigrate Crawler (product default per_host=2, concurrency={CONCURRENCY})"
PLAIN = f"plain GET (ThreadPoolExecutor({CONCURRENCY}) + requests.Session)"


def crawl_once(url: str, cache: Path, per_host: int) -> dict:
    from mwmigrate.fetch import Fetcher, FetchSettings
    from mwmigrate.sources.crawl import Crawler, CrawlSettings

    shutil.rmtree(cache, ignore_errors=True)
    urls: list[str] = []
    lock = threading.Lock()
    t0 = time.perf_counter()
    with Fetcher(FetchSettings(concurrency=CONCURRENCY, per_host=per_host, cache_dir=cache)) as f:
        fetch = f.fetch

        def recording_fetch(u: str, *, replay: bool = False):  # type: ignore[no-untyped-def]
            with lock:
                urls.append(u)
            return fetch(u, replay=replay)

        f.fetch = recording_fetch  # type: ignore[method-assign]
        crawler = Crawler(f, [url + "/"], settings=CrawlSettings())
        pages = sum(1 for _ in crawler)
        sent = f.requests_sent
    wall = time.perf_counter() - t0
    rep = crawler.report
    shutil.rmtree(cache, ignore_errors=True)
    return {"wall_s": round(wall, 4), "html_pages": pages, "fetch_calls": len(urls),
            "requests_sent": sent, "failed": len(rep.failed), "skipped": len(rep.skipped),
            "limit_reached": rep.limit_reached, "urls": urls}


def plain_once(urls: list[str]) -> dict:
    import requests

    statuses: Counter[int | str] = Counter()
    nbytes = [0]
    lock = threading.Lock()
    t0 = time.perf_counter()
    with requests.Session() as s:
        def get(u: str) -> None:
            try:
                r = s.get(u, timeout=60)
                n, code = len(r.content), r.status_code
            except requests.RequestException as exc:
                n, code = 0, type(exc).__name__
            with lock:
                statuses[code] += 1
                nbytes[0] += n

        with ThreadPoolExecutor(CONCURRENCY) as pool:
            list(pool.map(get, urls))
    wall = time.perf_counter() - t0
    return {"wall_s": round(wall, 4), "requests": len(urls), "bytes": nbytes[0],
            "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)}}


def child(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    base = a.url.rstrip("/")
    cache = SCRATCH / "crawl-cache"
    say = lambda s: print(s, flush=True)  # noqa: E731

    warm = crawl_once(base, cache, CONCURRENCY)
    urls = [base + "/robots.txt"] + warm.pop("urls")  # robots.txt: read by the crawl too
    say(f"  warm-up crawl: {warm['html_pages']} HTML pages, {warm['fetch_calls']} fetches, "
        f"{warm['wall_s']:.1f} s; plain GET list = those {len(urls) - 1} URLs + robots.txt")
    rows: dict[str, list[dict]] = {OURS: [], OURS_DEFAULT: [], PLAIN: []}
    names = list(rows)
    mismatched: list[dict] = []
    listed = set(urls[1:])
    for r in range(a.rounds):
        for n in names[r % 3:] + names[: r % 3]:
            if n == PLAIN:
                res = plain_once(urls)
            else:
                res = crawl_once(base, cache, CONCURRENCY if n == OURS else 2)
                got = set(res.pop("urls"))
                if got != listed:
                    mismatched.append({"run": n, "round": r + 1, "extra": len(got - listed),
                                       "missing": len(listed - got),
                                       "examples": sorted(got ^ listed)[:4]})
                res["requests"] = res["fetch_calls"] + 1  # + robots.txt
            rows[n].append(res)
        say(f"  round {r + 1}/{a.rounds}: " + ", ".join(
            f"{n.split(' (')[0]}{'' if n != OURS_DEFAULT else ' default'}={rows[n][-1]['wall_s']:.2f}s"
            for n in names))
    n_req = len(urls)
    out: dict = {"base_url": base, "concurrency": CONCURRENCY, "rounds": a.rounds,
                 "urls": n_req, "html_pages": warm["html_pages"], "warmup": warm,
                 "crawl_url_list_changed_in_rounds": mismatched, "tools": {}}
    for n, rs in rows.items():
        # each run's own request count (a crawl's URL set can differ slightly by arrival order)
        best = max(rs, key=lambda x: x["requests"] / x["wall_s"])
        pages = best.get("html_pages", warm["html_pages"])
        out["tools"][n] = {"best": best, "rounds_wall_s": [x["wall_s"] for x in rs],
                           "requests_per_s": round(best["requests"] / best["wall_s"], 1),
                           "html_pages_per_s": round(pages / best["wall_s"], 1)}
    a.out.write_text(json.dumps(out, indent=1))
    return 0


# ----------------------------------------------------------------------------- parent

def print_report(res: dict) -> None:
    t = res["tools"]
    plain = t[PLAIN]["requests_per_s"]
    print(f"\nCrawl of the real WordPress (twentytwentyone, {res['base_url']}): {res['urls']} requests "
          f"({res['html_pages']} HTML pages + robots/404/non-HTML), concurrency {res['concurrency']}, "
          f"best of {res['rounds']} rounds")
    w = max(len(n) for n in t)
    print(f"  {'run'.ljust(w)}  {'requests/s':>10}  {'HTML pages/s':>12}  {'best s':>7}  {'vs plain':>8}  rounds s")
    for n, r in t.items():
        print(f"  {n.ljust(w)}  {r['requests_per_s']:>10,.1f}  {r['html_pages_per_s']:>12,.1f}  "
              f"{r['best']['wall_s']:>7.2f}  {r['requests_per_s'] / plain:>7.2f}x  "
              + " ".join(f"{x:.2f}" for x in r["rounds_wall_s"]))
    st = t[PLAIN]["best"]["statuses"]
    print(f"  plain GET statuses: {st}; crawl failed/skipped: {t[OURS]['best']['failed']}/"
          f"{t[OURS]['best']['skipped']} (trap/robots skips are never fetched)")
    for m in res["crawl_url_list_changed_in_rounds"]:
        print(f"  note: {m['run'].split(' (')[0]} round {m['round']} fetched {m['extra']} URLs not "
              f"in the warm-up's list and missed {m['missing']} (e.g. {', '.join(m['examples'][:2])}); "
              "rates use each run's own request count")


def checks_for(res: dict | None, why: str | None) -> list[dict]:
    what = f"crawl pages/s vs plain concurrent GET of the same URLs (concurrency {CONCURRENCY})"
    if res is None:
        return [{"what": what, "value": None, "target": "ratio (no threshold)",
                 "result": "NOT MEASURED", "why": why or "not run"}]
    t = res["tools"]
    v = t[OURS]["requests_per_s"] / t[PLAIN]["requests_per_s"]
    return [{"what": what, "value": round(v, 3), "target": "ratio (no threshold)",
             "result": "MEASURED"}]


def section(measure: Callable[..., dict], py: str, *, rounds: int = 3,
            say: Callable[[str], None] = print) -> tuple[dict, list[dict]]:
    sys.path.insert(0, str(HERE))
    from extract_bench import HarnessError, RealWP, realwp_state

    out = SCRATCH / "crawl.json"
    out.unlink(missing_ok=True)
    results: dict = {}
    try:
        say("  starting the real-WordPress harness (twentytwentyone) ...")
        with RealWP("twentytwentyone", False, realwp_state("tt1"),
                    SCRATCH / "logs" / "realwp-crawl-up.log") as url:
            run = measure("crawl", [py, HERE / "crawl_bench.py", "--url", url, "--out", out,
                                    "--rounds", str(rounds)])
        say("  harness stopped")
    except (HarnessError, OSError, subprocess.SubprocessError) as exc:
        why = f"harness: {exc}"[:400]
        print(f"  crawl: NOT MEASURED — {why}")
        return {"status": "not available", "why": why}, checks_for(None, why)
    results["run"] = {k: run[k] for k in ("rc", "wall_s", "peak_rss_mb", "foreign_cpu_cores",
                                           "loadavg1_before", "logs")}
    if run["rc"] != 0 or not out.exists():
        tail = (run.get("stderr_tail") or "").strip().splitlines()
        why = f"crawl_bench.py rc={run['rc']}: " + (tail[-1][:300] if tail else "no output")
        results.update(status="failed", why=why)
        return results, checks_for(None, why)
    res = json.loads(out.read_text())
    results.update(res, status="ok")
    print_report(res)
    return results, checks_for(res, None)


if __name__ == "__main__":
    sys.exit(child())
