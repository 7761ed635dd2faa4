"""The live-site migration against the fixture site served with faults (tests/support/faulty_site).

Issue 4: 429 with Retry-After, 500s, a timeout, a connection reset, a redirect chain and a
redirect loop, an endless calendar, a huge body, a wrong charset and a dead link: the run
finishes, loses no page the server eventually served, and reports every page it could not get
and why. A run killed (SIGKILL) or interrupted (SIGINT) leaves the previous archive intact and
the next run resumes from the cache; nothing is written outside the output and cache folders.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mwmigrate.archive.verify import verify_archive
from mwmigrate.fetch import FetchSettings
from mwmigrate.live import LiveOptions, LiveResult, migrate_site
from tests.support.faulty_site import (
    FaultySite,
    always_status,
    calendar,
    huge,
    redirect,
    reset_mid_body,
    serve_faulty_site,
    sleep,
    status_then_ok,
    wrong_charset,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "sites" / "morganwiseman"
SITE = FIXTURE / "site"

RETRIES = 2
TIMEOUT = 0.5
PAGE_CAP = 512 * 1024

# Served in the end (after retries): must be in the archive, from their HTML.
RETRY_AFTER = "/2019/04/09/grandparents-and-contact-with-grandchildren/"  # 429 x2, Retry-After: 1
FLAKY = "/2019/06/04/financial-remedies-on-divorce-a-short-guide/"  # 500 x2
RESET = "/2019/10/15/child-arrangements-orders-explained/"  # reset mid-body once
CHARSET = "/2020/03/09/dcd-isnt-all-of-me/"  # header says iso-8859-1, body is UTF-8
EVENTUALLY = {RETRY_AFTER: ("post", "grandparents-and-contact-with-grandchildren"),
              FLAKY: ("post", "financial-remedies-on-divorce-a-short-guide"),
              RESET: ("post", "child-arrangements-orders-explained"),
              CHARSET: ("post", "dcd-isnt-all-of-me")}
# Never served: reported with their reason; from REST alone when REST is on.
ALWAYS_500 = "/2019/08/20/non-molestation-orders-how-to-apply/"
TIMES_OUT = "/services/family-law/"
NEVER = {ALWAYS_500: (("post", "non-molestation-orders-how-to-apply"), "HTTP 500"),
         TIMES_OUT: (("page", "family-law"), "timed out")}
# Not posts: reported, never endless.
LOOP, HUGE, DEAD, OLD = "/loop-a/", "/huge-page/", "/no-such-page/", "/old-about/"
CALENDAR = "/events/calendar/"
UNGETTABLE = {LOOP: "redirect loop", HUGE: "byte cap", DEAD: "HTTP 404"}

FAULTS = {
    RETRY_AFTER: status_then_ok(429, 2, {"Retry-After": "1"}),
    FLAKY: status_then_ok(500, 2),
    ALWAYS_500: always_status(500),
    TIMES_OUT: sleep(TIMEOUT * 2.5),
    RESET: reset_mid_body(1),
    CHARSET: wrong_charset("iso-8859-1"),
    # A renamed page: the old URL answers (slowly, as redirect plugins do) with a chain.
    OLD: lambda h, n: (time.sleep(0.2), redirect("/about-us-2/")(h, n))[1],
    "/about-us-2/": redirect("/about-us/"),
    LOOP: redirect("/loop-b/", 302),
    "/loop-b/": redirect("/loop-a/", 302),
    HUGE: huge(PAGE_CAP * 2),
}
LINKS = [OLD, LOOP, CALENDAR + "2001/01/", HUGE, DEAD]


def _content() -> Any:
    spec = importlib.util.spec_from_file_location("mw_content", FIXTURE / "content.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _truth() -> set[tuple[str, str]]:
    content = _content()
    assert (len(content.POSTS), len(content.PAGES)) == (16, 12)
    return {("post", p["slug"]) for p in content.POSTS} | {("page", p["slug"]) for p in content.PAGES}


def _posts(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    lines = (out / "records" / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    return {(r["type"], r["slug"]): r for r in map(json.loads, lines)}


def _manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _settings(**kw: Any) -> FetchSettings:
    return FetchSettings(**{"timeout": TIMEOUT, "retries": RETRIES, "backoff": 0.01,
                            "max_retry_after": 2, "max_page_bytes": PAGE_CAP,
                            "concurrency": 4, "per_host": 4, **kw})


@pytest.fixture(scope="module")
def faulty_runs(tmp_path_factory: pytest.TempPathFactory
                ) -> dict[str, tuple[Path, LiveResult, Counter[str], str]]:
    """One migration per REST setting, each against its own faulty server (hits counted)."""
    done = {}
    for name, rest in (("rest", True), ("html", False)):
        with serve_faulty_site(SITE, FAULTS, prefix_faults={CALENDAR: calendar(CALENDAR)},
                               links=LINKS) as site:
            out = tmp_path_factory.mktemp(f"faulty-{name}") / "archive"
            result = migrate_site(site.base + "/", out,
                                  LiveOptions(rest=rest, fetch=_settings(), progress=False))
            done[name] = (out, result, Counter(site.hits), site.base)
    return done


RUNS = pytest.mark.parametrize("run", ["rest", "html"])


# --------------------------------------------------------------------------- 1. faults


@RUNS
def test_every_page_served_in_the_end_is_in_the_archive(faulty_runs: dict, run: str) -> None:
    out, result, hits, _ = faulty_runs[run]
    records = _posts(out)
    missing = {key for key, _ in NEVER.values()}
    expected = _truth() if run == "rest" else _truth() - missing
    assert set(records) == expected
    assert verify_archive(out) == []
    for path, key in EVENTUALLY.items():
        assert hits[path] >= 2 or path == CHARSET, path  # the fault really happened
        record = records[key]
        assert "page not fetched as HTML: fields from REST alone" not in record["warnings"], key
        if run == "html":
            assert record["field_sources"]["content_html"] == "html", key
            assert record["content_markdown"].strip(), key
    if run == "rest":  # REST still gives what the HTML could not: kept, and said so
        for key in missing:
            assert records[key]["source"] == "rest"
            assert "page not fetched as HTML: fields from REST alone" in records[key]["warnings"]
    assert result.counts["post/publish"] + result.counts["page/publish"] == len(expected)


@RUNS
def test_wrong_charset_header_does_not_garble_the_page(faulty_runs: dict, run: str) -> None:
    out, *_ = faulty_runs[run]
    record = _posts(out)[EVENTUALLY[CHARSET]]
    assert record["title"] == "DCD Isn\u2019t all of me"
    for name in ("title", "content_html", "content_markdown"):
        assert "\u00e2\u20ac" not in record[name] and "\ufffd" not in record[name], name


@RUNS
def test_every_page_not_got_is_reported_with_its_reason(faulty_runs: dict, run: str) -> None:
    out, result, _, base = faulty_runs[run]
    warnings = _manifest(out)["warnings"]
    failed = {url: why for url, why in result.failed}
    expected = {**{p: why for p, (_, why) in NEVER.items()}, **UNGETTABLE}
    for path, why in expected.items():
        assert why in failed.get(base + path, ""), (path, failed.get(base + path))
        lines = [w for w in warnings if w.startswith(f"page not fetched: {base}{path}: ")]
        assert len(lines) == 1 and why in lines[0], (path, lines)
    assert "timed out after 0.5s" in failed[base + TIMES_OUT]
    # ... and nothing else: the pages served in the end are not reported as failed
    assert set(failed) == {base + p for p in expected}
    assert not [w for w in warnings if any(p in w for p in EVENTUALLY)]


@RUNS
def test_trap_and_loop_are_bounded_and_reported(faulty_runs: dict, run: str) -> None:
    out, result, hits, base = faulty_runs[run]
    calendar_hits = sum(n for p, n in hits.items() if p.startswith(CALENDAR))
    assert 0 < calendar_hits <= 13  # TrapRules.max_calendar_hops (12), not forever
    trap = [(u, why) for u, why in result.skipped_urls if u.startswith(base + CALENDAR)]
    assert trap and all("calendar chain" in why for _, why in trap), trap
    skipped = _manifest(out)["skipped"]
    assert any(k.startswith("url: calendar chain") for k in skipped), skipped
    loop_hits = hits[LOOP] + hits["/loop-b/"]
    assert loop_hits <= FetchSettings().max_redirects + 1  # one attempt, not retried
    assert not any(p.startswith(CALENDAR) for p in map(str, _posts(out)))


@RUNS
def test_redirect_chain_feeds_the_redirect_map(faulty_runs: dict, run: str) -> None:
    out, _, hits, _ = faulty_runs[run]
    assert hits[OLD] >= 1 and hits["/about-us-2/"] >= 1
    rows = (out / "redirects" / "redirects.csv").read_text(encoding="utf-8").splitlines()
    about = _posts(out)[("page", "about-us")]
    table = {line.split(",")[0]: line.split(",")[1] for line in rows[1:]}
    assert table.get(OLD) == "/about-us/" and table.get("/about-us-2/") == "/about-us/"
    assert about["wp_id"] == 40 and f"{OLD},/about-us/,301,40,page" in rows


@RUNS
def test_a_failing_page_is_tried_once_with_its_retries(faulty_runs: dict, run: str) -> None:
    _, result, hits, _ = faulty_runs[run]
    assert hits[ALWAYS_500] == RETRIES + 1
    assert hits[TIMES_OUT] == RETRIES + 1
    assert len(result.failed) == len(set(result.failed))


# --------------------------------------------------------------------------- 2-4. the CLI


DELAY = 0.03  # seconds per request: a full CLI run takes a few seconds


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(site: FaultySite, out: Path, cache: Path, *, env: dict[str, str] | None = None,
         cwd: Path = ROOT) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mwmigrate", "migrate", site.base + "/", "--out", str(out),
         "--cache-dir", str(cache), "--no-progress", "--timeout", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def _finish(proc: subprocess.Popen[str], timeout: float = 60) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def _interrupt(proc: subprocess.Popen[str], site: FaultySite, at: int, sig: int) -> float:
    """Send ``sig`` once the server has answered ``at`` requests; when it was sent."""
    deadline = time.monotonic() + 60
    while site.total() < at:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(sig)
    return time.monotonic()


@pytest.fixture(scope="module")
def slow_site() -> Iterator[FaultySite]:
    with serve_faulty_site(SITE, delay=DELAY) as site:
        yield site


@pytest.fixture(scope="module")
def previous(slow_site: FaultySite, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, dict[str, str], int]:
    """A complete archive from a full CLI run with an empty cache; the requests it took."""
    base = tmp_path_factory.mktemp("previous")
    slow_site.reset_counts()
    code, err = _finish(_cli(slow_site, base / "archive", base / "cache"))
    full = sum(slow_site.reset_counts().values())
    assert code == 0, err
    assert verify_archive(base / "archive") == []
    assert len(_posts(base / "archive")) == 28
    return base / "archive", _hashes(base / "archive"), full


def _visible(parent: Path) -> set[str]:
    return {p.name for p in parent.iterdir()}


DISCOVERY = ("/wp-json", "/wp-sitemap", "/feed", "/robots.txt")


@pytest.fixture(scope="module")
def killed(slow_site: FaultySite, previous: tuple[Path, dict[str, str], int],
           tmp_path_factory: pytest.TempPathFactory) -> Any:
    """SIGKILL a CLI run over the previous archive once the server has answered ``fraction``
    of a full run's requests, plant the staging folder a kill mid-write leaves, re-run."""
    archive, _, full = previous
    runs: dict[float, dict[str, Any]] = {}

    def run(fraction: float) -> dict[str, Any]:
        if fraction in runs:
            return runs[fraction]
        parent = tmp_path_factory.mktemp(f"killed-{fraction}")
        out, cache, tmp = parent / "site", parent / "cache", parent / "systmp"
        shutil.copytree(archive, out)
        tmp.mkdir()
        env = {"TMPDIR": str(tmp)}
        slow_site.reset_counts()
        proc = _cli(slow_site, out, cache, env=env)
        _interrupt(proc, slow_site, int(full * fraction), signal.SIGKILL)
        done: dict[str, Any] = {"parent": parent, "out": out, "cache": cache, "tmp": tmp}
        done["kill_code"] = _finish(proc)[0]
        done["killed_hits"] = slow_site.reset_counts()
        done["after_kill"] = (verify_archive(out), _hashes(out), _visible(parent))
        stale = done["stale"] = parent / ".mwmigrate-staging-site-0123abcd"
        (stale / "records").mkdir(parents=True)
        (stale / "records" / "posts.jsonl").write_text('{"half": "written"\n', encoding="utf-8")
        done["code"], done["err"] = _finish(_cli(slow_site, out, cache, env=env))
        done["rerun_hits"] = slow_site.reset_counts()
        runs[fraction] = done
        return done

    return run


@pytest.mark.parametrize("fraction", [0.2, 0.7])  # in discovery (REST, sitemaps), in the crawl
def test_sigkill_keeps_the_previous_archive_and_the_rerun_resumes(
        killed: Any, previous: tuple[Path, dict[str, str], int], fraction: float) -> None:
    _, hashes, full = previous
    run = killed(fraction)
    assert run["kill_code"] == -signal.SIGKILL
    assert sum(run["killed_hits"].values()) < full
    problems, after_kill, visible = run["after_kill"]
    assert problems == [] and after_kill == hashes  # the previous archive, intact
    leftovers = visible - {"site", "cache", "systmp"}
    assert all(n.startswith(".mwmigrate-staging-") for n in leftovers), leftovers

    assert run["code"] == 0, run["err"]
    out = run["out"]
    assert verify_archive(out) == []
    now = _hashes(out)
    # complete: every file but the manifest (its report) as from an uninterrupted run
    assert {k: v for k, v in now.items() if k != "manifest.json"} == {
        k: v for k, v in hashes.items() if k != "manifest.json"}
    assert _manifest(out)["counts"] == _manifest(previous[0])["counts"]
    assert not run["stale"].exists()
    assert not any(n.startswith((".mwmigrate-staging-", ".mwmigrate-old-"))
                   for n in _visible(run["parent"]))
    assert not list(run["cache"].glob("*.unfinished"))
    rerun = sum(run["rerun_hits"].values())
    assert rerun <= full, (rerun, full)
    if fraction > 0.5:  # the crawl had begun: its finished pages come from the cache
        assert rerun < full, (rerun, full)
        again = {p for p in set(run["killed_hits"]) & set(run["rerun_hits"])
                 if not p.startswith(DISCOVERY) and p != "/"}
        assert len(again) <= 2 * 4, sorted(again)  # at most the requests in flight at the kill


def test_a_resumed_run_reports_what_the_killed_run_skipped(
        killed: Any, previous: tuple[Path, dict[str, str], int]) -> None:
    run = killed(0.7)
    assert run["code"] == 0, run["err"]
    assert _manifest(run["out"])["skipped"] == _manifest(previous[0])["skipped"]
    assert _hashes(run["out"]) == previous[1]  # the same site gives the same archive


def test_sigkill_leaves_no_spool_behind_after_the_rerun(killed: Any) -> None:
    run = killed(0.7)
    assert run["code"] == 0, run["err"]
    assert list(run["tmp"].iterdir()) == []  # nothing of either run left outside the archive
    assert _visible(run["parent"]) == {"site", "cache", "systmp"}


def test_sigint_exits_130_with_one_line_and_keeps_the_previous_archive(
        slow_site: FaultySite, previous: tuple[Path, dict[str, str], int],
        tmp_path: Path) -> None:
    archive, hashes, full = previous
    out, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(archive, out)
    slow_site.reset_counts()
    proc = _cli(slow_site, out, cache, env={"TMPDIR": str(tmp_path)})
    sent = _interrupt(proc, slow_site, full // 2, signal.SIGINT)
    code, err = _finish(proc)
    assert time.monotonic() - sent < 5  # stops promptly, does not finish the crawl first
    assert code == 130, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mwmigrate: interrupted"), err
    assert sum(slow_site.reset_counts().values()) < full
    assert verify_archive(out) == [] and _hashes(out) == hashes
    assert _visible(tmp_path) == {"site", "cache"}  # Ctrl-C cleans its staging and spool


def test_nothing_is_written_outside_the_archive_and_the_cache(tmp_path: Path) -> None:
    # The faults that cost no long retries at the CLI's default settings.
    faults = {k: FAULTS[k] for k in (CHARSET, OLD, "/about-us-2/", LOOP, "/loop-b/")}
    home, cwd, tmp = tmp_path / "home", tmp_path / "cwd", tmp_path / "systmp"
    for folder in (home, cwd, tmp):
        folder.mkdir()
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    with serve_faulty_site(SITE, faults, prefix_faults={CALENDAR: calendar(CALENDAR)},
                           links=LINKS[:3] + [DEAD]) as site:
        env = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
        code, err = _finish(_cli(site, tmp_path / "out", tmp_path / "cache", env=env, cwd=cwd))
    assert code == 0, err
    after = set(tmp_path.rglob("*"))
    new = {p.relative_to(tmp_path).parts[0] for p in after - set(before)}
    assert new == {"out", "cache"}, new
    changed = [p for p, mtime in before.items() if p.stat().st_mtime_ns != mtime and p != tmp]
    assert changed == [], changed  # home and the working folder untouched
    assert list(tmp.iterdir()) == []  # the spool is gone
    assert verify_archive(tmp_path / "out") == []
    manifest = _manifest(tmp_path / "out")
    assert any(f"{LOOP}: redirect loop" in w for w in manifest["warnings"])
    assert any(f"{DEAD}: HTTP 404" in w for w in manifest["warnings"])
