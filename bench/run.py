#!/usr/bin/env python3
"""mwmigrate benchmark (`make bench`).

Every measurement runs in its own child process, one at a time; peak RSS is that
child's ru_maxrss from os.wait4 (Linux folds in the max of its waited-for descendants,
i.e. the largest single process, not a sum).  A /proc sampler (every 0.1 s) also records
the peak *sum* of RSS over the child's process tree, to catch multi-process pipelines.
items/s always counts the input file's <item> elements (the same denominator for every
row) over the child's wall time, process start-up included.

Usage:  bench/run.py [--quick] [--big-mb 200] [--cut-mb 20] [--no-peer]
                    [--no-wxr] [--no-extract] [--no-crawl]
Sections: WXR migration (this file), extraction (bench/extract_bench.py, issue 4) and
crawl (bench/crawl_bench.py, issue 5); --quick skips everything that needs the real WordPress.
Scratch and results live in .bench/ (git-ignored); results in .bench/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import crawl_bench  # noqa: E402
import extract_bench  # noqa: E402
import make_big_wxr  # noqa: E402

SOURCE = Path(os.environ.get("MWMIGRATE_SHARED") or Path(__file__).resolve().parents[2] / "shared") \
    / "data/wxr/themeunittestdata.wordpress.xml"
SCRATCH = ROOT / ".bench"
VENV_PY = ROOT / ".venv" / "bin" / "python"
MWMIGRATE = ROOT / ".venv" / "bin" / "mwmigrate"
PEER_NAME, PEER_VERSION = "wordpress-export-to-markdown", "2.2.2"
# Old outputs are moved here during a run and deleted after the last timed run (see settle()).
TRASH = SCRATCH / "trash"
DELETED_AT = TRASH.with_name("trash-deleted-at")
# ext4 without a journal (this machine's root) will not reuse an inode freed in the last 60 s
# (360 s while its inode-table block is still dirty): each new file scans past all of them.
# Measured here with perf: after deleting a 28k-file output, creating 2,800 files cost 0.7 ms
# of kernel time each (find_inode_bit -> recently_deleted) against 0.13 ms once settled.
INODE_REUSE_WAIT_S = 65
PEER_DIR = SCRATCH / "node_modules" / PEER_NAME
TARGETS = {"peer_speedup": 20.0, "read_vs_floor": 0.5, "rss_mb": 250.0}
PY = str(VENV_PY if VENV_PY.exists() else Path(sys.executable))
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

FLOOR_SRC = r"""
import json, sys
from lxml import etree
n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="item", huge_tree=True):
    n += 1
    el.clear(keep_tail=False)
    while el.getprevious() is not None:
        del el.getparent()[0]
print(json.dumps({"items": n}))
"""

READ_SRC = r"""
import json, sys
from mwmigrate.sources.wxr import iter_wxr
n = 0
for _ in iter_wxr(sys.argv[1]):
    n += 1
print(json.dumps({"yielded": n}))
"""

# preload for the peer's "no write throttle" variant: its settings.js sleeps 25 ms
# between Markdown files by default (markdown_file_write_delay)
NO_THROTTLE_JS = "require({settings!r}).markdown_file_write_delay = 0;\n"


# ----------------------------------------------------------------------------- running

def set_aside(out: Path) -> None:
    """Move a previous output out of the way without freeing its inodes (deleted at the end).

    Deleting thousands of files just before a timed run would make that run pay for the
    deletion (INODE_REUSE_WAIT_S); a rename frees nothing.
    """
    if out.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        out.rename(TRASH / f"{out.name}-{time.time_ns()}")


def empty_trash() -> None:
    if TRASH.exists():
        shutil.rmtree(TRASH, ignore_errors=True)
        os.sync()
        DELETED_AT.write_text(str(time.time()))


def settle() -> None:
    """Before the first timed run: no inode freed in the last INODE_REUSE_WAIT_S seconds."""
    empty_trash()  # what a killed run left behind
    try:
        since = time.time() - float(DELETED_AT.read_text())
    except (OSError, ValueError):
        return
    if 0 <= since < INODE_REUSE_WAIT_S:
        wait = INODE_REUSE_WAIT_S - since
        print(f"== waiting {wait:.0f} s: files were deleted {since:.0f} s ago, and this "
              "filesystem skips recently freed inodes when it creates files", flush=True)
        time.sleep(wait)


def compile_bytecode() -> str:
    """Write the package's bytecode (``__pycache__``), as installing a package does: pip compiles
    a wheel's modules when it installs them, so users never pay for compiling them. Our editable
    install leaves that to the first import, and where PYTHONDONTWRITEBYTECODE is set (as on this
    project's machines) every run compiled all of mwmigrate's modules from source again: 60 to
    90 ms at the start of each run, measured (a cost no installed copy has). Returns what the
    results record of it."""
    r = subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "mwmigrate")],
                       capture_output=True, text=True)
    if r.returncode != 0:
        tail = (r.stderr or r.stdout).strip().splitlines()
        print("  could not compile mwmigrate's bytecode: " + (tail[-1] if tail else f"rc={r.returncode}"),
              flush=True)
        return "not compiled (compileall failed)"
    return "compiled before the runs (compileall), as a pip install does"


def _tree_pids(root_pid: int) -> list[int]:
    """root_pid and its descendants (best effort: every process's parent, from /proc)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _tree_rss_bytes(root_pid: int, include_root: bool = True) -> int:
    """Sum of RSS over root_pid('s descendants) (best effort, from /proc)."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in _tree_pids(root_pid):
        if include_root or pid != root_pid:
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * page
            except (OSError, ValueError, IndexError):
                continue
    return total


def _tree_pss_bytes(root_pid: int) -> int:
    """Sum of PSS over the tree: shared pages (forked workers' copy-on-write pages) are
    split between the processes sharing them instead of counted once per process."""
    total = 0
    for pid in _tree_pids(root_pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):
            continue
    return total


def _busy_cpu_s() -> float:
    """System-wide non-idle CPU seconds since boot (/proc/stat)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)  # idle + iowait
    return (sum(v[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measure(name: str, argv: list[str], *, timeout: float | None = None,
            env: dict | None = None) -> dict:
    """Run argv as a child; return wall time, exit code, ru_maxrss and sampled tree peak."""
    logs = SCRATCH / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / f"{name}.out", logs / f"{name}.err"
    rss_path = logs / f"{name}.maxrss"
    rss_path.unlink(missing_ok=True)
    # ru_maxrss of a process we spawn directly is floored at *our* RSS high-water mark
    # (Linux keeps the pre-exec mm's peak across fork/vfork+exec), so the measured
    # command is started by GNU time, a tiny process, and its %M (KiB) is used.
    wrapper = [TIME, "-f", "%M", "-o", str(rss_path)] if TIME else []
    shown = ["-c <script>" if i and argv[i - 1] == "-c" else str(a)
             for i, a in enumerate(argv) if a != "-c"]
    print(f"  [{name}] {' '.join(shown)}", flush=True)
    # The 200 MB runs leave gigabytes of dirty pages: written back while the next run is timed,
    # they would slow it by a varying amount. Each run starts with nothing left to write.
    os.sync()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        busy0, load0 = _busy_cpu_s(), os.getloadavg()[0]
        t0 = time.perf_counter()
        proc = subprocess.Popen(wrapper + [str(a) for a in argv], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        peak = [0, 0]
        done = threading.Event()

        def sample():
            n = 0
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_bytes(proc.pid, include_root=not wrapper))
                if n % 5 == 0:  # smaps_rollup walks page tables: every 0.5 s
                    peak[1] = max(peak[1], _tree_pss_bytes(proc.pid))
                n += 1
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = None
        if timeout:
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        busy = _busy_cpu_s() - busy0
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        if timer:
            timer.cancel()
    maxrss_kib = ru.ru_maxrss  # fallback (Linux: KiB), see above
    if wrapper:
        try:
            maxrss_kib = int(rss_path.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass  # killed before GNU time wrote it: keep the (upper-bound) wait4 value
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    return {
        "argv": [str(a) for a in argv],
        "rc": proc.returncode,
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(maxrss_kib / 1024, 1),
        "rss_source": "GNU time %M (child's ru_maxrss via wait4)" if wrapper
                      else "os.wait4 ru_maxrss (floored at the bench's own RSS)",
        "tree_rss_sampled_mb": round(peak[0] / 2**20, 1),
        "tree_pss_sampled_mb": round(peak[1] / 2**20, 1),
        "user_s": round(ru.ru_utime, 2),
        "sys_s": round(ru.ru_stime, 2),
        # CPU used by *other* processes on the machine while this ran (avg cores busy);
        # anything well above ~0.1 means the timing is contended
        "foreign_cpu_cores": round(max(0.0, busy - ru.ru_utime - ru.ru_stime) / wall, 2)
        if wall > 0 else None,
        "loadavg1_before": round(load0, 2),
        "stdout_tail": stdout[-600:],
        "stderr_tail": stderr[-1500:],
        "logs": [str(out_path.relative_to(ROOT)), str(err_path.relative_to(ROOT))],
    }


def _last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return {}


def _count_files(d: Path, suffix: str | None = None) -> int:
    n = 0
    for _, _, files in os.walk(d):
        n += sum(1 for f in files if suffix is None or f.endswith(suffix))
    return n


def _row(label: str, dataset: str, items: int, res: dict | None, *, status: str = "ok",
         note: str = "") -> dict:
    row = {"label": label, "dataset": dataset, "status": status, "note": note,
           "input_items": items}
    if res is not None:
        row.update(res)
        if status == "ok" and res["wall_s"] > 0:
            row["items_per_s"] = round(items / res["wall_s"], 1)
    return row


def best_of(rounds: int, run: Callable[[], dict]) -> dict:
    """The row of the fastest of ``rounds`` runs (every wall time kept in the row and its note).

    Used the same way for every tool compared: a 4 s run on this shared machine varies by
    +-10% from one minute to the next, and the least disturbed run is the best estimate.
    """
    rows = []
    for _ in range(max(1, rounds)):
        row = run()
        if row["status"] != "ok":
            return row
        rows.append(row)
    best = dict(min(rows, key=lambda r: r["wall_s"]))
    if len(rows) > 1:
        walls = [r["wall_s"] for r in rows]
        best["walls_s"] = walls
        best["note"] += f"; best of {len(rows)} runs: " + ", ".join(f"{w:.2f}" for w in walls) + " s"
    return best


def _reason(res: dict) -> str:
    tail = (res.get("stderr_tail") or res.get("stdout_tail") or "").strip().splitlines()
    return f"rc={res['rc']}: " + (tail[-1][:200] if tail else "no output")


# ----------------------------------------------------------------------------- probes

def probe_cli() -> str | None:
    """None if `mwmigrate migrate` is usable, else why not."""
    if not MWMIGRATE.exists():
        return f"{MWMIGRATE.relative_to(ROOT)} missing"
    r = subprocess.run([str(MWMIGRATE), "migrate", "--help"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    if r.returncode != 0:
        tail = (r.stderr or r.stdout).strip().splitlines()
        return f"`mwmigrate migrate --help` rc={r.returncode}: " + (tail[-1] if tail else "")
    return None


def probe_reader() -> str | None:
    r = subprocess.run([PY, "-c", "from mwmigrate.sources.wxr import iter_wxr"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    if r.returncode != 0:
        tail = r.stderr.strip().splitlines()
        return "mwmigrate.sources.wxr.iter_wxr not importable: " + (tail[-1] if tail else "")
    return None


def ensure_peer() -> str | None:
    if not shutil.which("node"):
        return "node not installed"
    pkg = PEER_DIR / "package.json"
    if not pkg.exists() or json.loads(pkg.read_text()).get("version") != PEER_VERSION:
        print(f"  installing {PEER_NAME}@{PEER_VERSION} into .bench/ ...", flush=True)
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                            str(SCRATCH), f"{PEER_NAME}@{PEER_VERSION}"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return "npm install failed: " + r.stderr.strip()[-300:]
    return None


# ----------------------------------------------------------------------------- runs

def run_floor(path: Path, items: int, dataset: str) -> dict:
    res = measure(f"floor-{dataset}", [PY, "-c", FLOOR_SRC, path])
    got = _last_json(res["stdout_tail"]).get("items")
    if res["rc"] != 0 or got != items:
        return _row("lxml iterparse floor", dataset, items, res, status="failed",
                    note=_reason(res) if res["rc"] else f"counted {got} items, expected {items}")
    return _row("lxml iterparse floor", dataset, items, res)


def run_reader(path: Path, items: int, dataset: str, why_not: str | None) -> dict:
    label = "mwmigrate reading stage (iter_wxr)"
    if why_not:
        return _row(label, dataset, items, None, status="not available", note=why_not)
    res = measure(f"read-{dataset}", [PY, "-c", READ_SRC, path])
    if res["rc"] != 0:
        return _row(label, dataset, items, res, status="failed", note=_reason(res))
    y = _last_json(res["stdout_tail"]).get("yielded")
    return _row(label, dataset, items, res, note=f"iter_wxr yielded {y} objects")


def run_ours(path: Path, items: int, dataset: str, why_not: str | None, *,
             workers: int | None = None) -> dict:
    label = "mwmigrate migrate (full)" + (f" --workers {workers}" if workers else "")
    if why_not:
        return _row(label, dataset, items, None, status="not available", note=why_not)
    out = SCRATCH / "out" / (dataset + (f"-w{workers}" if workers else ""))
    set_aside(out)
    extra = ["--workers", str(workers)] if workers else []
    res = measure(f"migrate-{dataset}" + (f"-w{workers}" if workers else ""),
                  [MWMIGRATE, "migrate", path, "--out", out, *extra])
    if res["rc"] != 0:
        return _row(label, dataset, items, res, status="failed", note=_reason(res))
    return _row(label, dataset, items, res,
                note=f"{_count_files(out)} files written to {out.relative_to(ROOT)}")


def run_peer(path: Path, items: int, dataset: str, why_not: str | None, *,
             throttle: bool) -> dict:
    label = f"{PEER_NAME}@{PEER_VERSION}" + ("" if throttle else " (write throttle off)")
    if why_not:
        return _row(label, dataset, items, None, status="not available", note=why_not)
    out = SCRATCH / "out" / f"peer-{dataset}{'' if throttle else '-nothrottle'}"
    set_aside(out)  # it skips files that already exist
    argv = ["node"]
    if not throttle:
        pre = SCRATCH / "peer-no-throttle.js"
        pre.write_text(NO_THROTTLE_JS.format(settings=str(PEER_DIR / "src" / "settings.js")))
        argv += ["-r", pre]
    argv += [PEER_DIR / "index.js", "--wizard=false", f"--input={path}", f"--output={out}",
             "--save-attached-images=false", "--save-scraped-images=false",
             "--include-other-types=true"]
    env = dict(os.environ, FORCE_COLOR="0")
    res = measure(f"peer-{dataset}{'' if throttle else '-nothrottle'}", argv, env=env)
    ok = res["rc"] == 0 and "All done!" in res["stdout_tail"]
    if not ok:  # it exits 0 after "Something went wrong"
        return _row(label, dataset, items, res, status="failed", note=_reason(res))
    note = f"{_count_files(out, '.md')} .md files written"
    if throttle:
        note += "; default settings (sleeps 25 ms between Markdown files)"
    return _row(label, dataset, items, res, note=note)


# ----------------------------------------------------------------------------- report

def _fmt(row: dict) -> list[str]:
    if row["status"] != "ok":
        return [row["label"], row["dataset"], row["status"].upper(), "-", "-", "-", "-"]
    return [row["label"], row["dataset"], f"{row['items_per_s']:,.0f}", f"{row['wall_s']:.1f}",
            f"{row['peak_rss_mb']:.0f}", f"{row['tree_rss_sampled_mb']:.0f}",
            f"{row.get('tree_pss_sampled_mb', 0):.0f}"]


def print_table(rows: list[dict]) -> None:
    head = ["run", "file", "items/s", "wall s", "peak RSS MB", "tree RSS MB*", "tree PSS MB*"]
    body = [_fmt(r) for r in rows]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for i, r in enumerate([head] + body):
        print("  ".join(c.ljust(w) if j < 2 else c.rjust(w)
                        for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0:
            print(line)
    print(line)
    print("  * peak sum over the process tree, sampled every 0.1 s")
    busy = [r for r in rows if (r.get("foreign_cpu_cores") or 0) > 0.25]
    if busy:
        print("  ! CONTENDED: other processes used CPU during "
              + ", ".join(f"{r['label']} [{r['dataset']}] ({r['foreign_cpu_cores']} cores)"
                          for r in busy)
              + f" on a {os.cpu_count()}-CPU machine; those timings are pessimistic")
    for r in rows:
        if r["status"] != "ok" or r.get("note"):
            print(f"  - {r['label']} [{r['dataset']}]: {r['status']}"
                  + (f" — {r['note']}" if r.get("note") else ""))


def ratio(num: dict | None, den: dict | None, target: float, what: str,
          higher_is_better: bool = True) -> dict:
    if not num or not den or num.get("status") != "ok" or den.get("status") != "ok":
        missing = [r["label"] + " " + r["status"] for r in (num, den)
                   if r and r.get("status") != "ok"]
        return {"what": what, "value": None, "target": target, "result": "NOT MEASURED",
                "why": "; ".join(missing) or "row not run"}
    v = num["items_per_s"] / den["items_per_s"]
    ok = v >= target if higher_is_better else v < target
    return {"what": what, "value": round(v, 3), "target": target,
            "result": "PASS" if ok else "FAIL"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="mwmigrate benchmark")
    ap.add_argument("--quick", action="store_true",
                    help="smoke check: a ~20 MB generated file, no npm peer")
    ap.add_argument("--big-mb", type=int, default=None, help="size of the big file (MiB)")
    ap.add_argument("--cut-mb", type=int, default=20, help="size of the peer comparison cut")
    ap.add_argument("--rounds", type=int, default=3,
                    help="runs of each short measurement (the floor and the reading stage on "
                         "the big file, each tool on the cut), the fastest kept (default 3)")
    ap.add_argument("--no-peer", action="store_true", help="skip the npm tool")
    ap.add_argument("--no-peer-variant", action="store_true",
                    help="skip the peer's extra 'write throttle off' run")
    ap.add_argument("--no-wxr", action="store_true", help="skip the WXR migration section")
    ap.add_argument("--no-extract", action="store_true",
                    help="skip the extraction section (ours vs trafilatura vs lxml)")
    ap.add_argument("--no-crawl", action="store_true",
                    help="skip the crawl section (real WordPress; never run with --quick)")
    ap.add_argument("--extract-rounds", type=int, default=None,
                    help="extraction rounds, best taken (default 5, --quick 2)")
    ap.add_argument("--crawl-rounds", type=int, default=3, help="crawl rounds, best taken")
    a = ap.parse_args(argv)
    big_mb = a.big_mb or (20 if a.quick else 200)
    SCRATCH.mkdir(exist_ok=True)
    settle()
    bytecode = compile_bytecode()
    started = time.time()

    checks: list[dict] = []
    results: dict = {
        "mode": "quick" if a.quick else "full",
        "bytecode": bytecode,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "node": subprocess.run(["node", "--version"], capture_output=True,
                                           text=True).stdout.strip()
                    if shutil.which("node") else None},
    }
    rows: list[dict] = []
    if not a.no_wxr:
        rows = run_wxr(a, big_mb, checks, results)
        for c in checks:
            c["section"] = "wxr"

    if not a.no_extract:
        print("\n== extraction: mwmigrate vs trafilatura vs bare lxml (issue 4)", flush=True)
        results["extract"], extract_checks = extract_bench.section(
            measure, PY, quick=a.quick, rounds=a.extract_rounds)
        checks += [dict(c, section="extract") for c in extract_checks]
    if not a.no_crawl:
        print("\n== crawl: mwmigrate Crawler vs plain concurrent GET (issue 5)", flush=True)
        if a.quick:
            why = "skipped in --quick (needs the real WordPress)"
            print(f"  NOT MEASURED — {why}")
            results["crawl"], crawl_checks = {"status": "skipped", "why": why}, \
                crawl_bench.checks_for(None, why)
        else:
            results["crawl"], crawl_checks = crawl_bench.section(measure, PY, rounds=a.crawl_rounds)
        checks += [dict(c, section="crawl") for c in crawl_checks]

    print("\nTargets:")
    for c in checks:
        val = "-" if c["value"] is None else f"{c['value']:,}"
        if isinstance(c["target"], str):
            tgt = f"target {c['target']}"
        else:
            tgt = f"target {'<' if ('RSS' in c['what'] or 'PSS' in c['what']) else '>='} {c['target']}"
        print(f"  {c['result']:<12} {c['what']}: {val} ({tgt})"
              + (f" — {c['why']}" if c.get("why") else ""))

    results["seconds"] = round(time.time() - started, 1)
    results["rows"] = rows
    results["targets"] = checks
    empty_trash()  # after the last timed run
    out = SCRATCH / ("results-quick.json" if a.quick else "results.json")
    _carry_over(out, results, {"wxr": not a.no_wxr, "extract": not a.no_extract,
                               "crawl": not a.no_crawl})
    out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    # a target miss is reported, not hidden; the exit code stays 0 unless a run crashed
    failed = any(r["status"] == "failed" for r in rows) or any(
        (results.get(k) or {}).get("status") == "failed" for k in ("extract", "crawl"))
    return 1 if failed else 0


def _carry_over(out: Path, results: dict, ran: dict[str, bool]) -> None:
    """Keep the previous results of the sections skipped this time (marked as carried over)."""
    try:
        old = json.loads(out.read_text())
    except (OSError, ValueError):
        return
    when = old.get("started", "?")
    keys = {"wxr": ("rows", "big_file", "cut_file"), "extract": ("extract",), "crawl": ("crawl",)}
    carried = []
    for section, did in ran.items():
        if did:
            continue
        if section == "wxr" and not old.get("rows"):
            continue
        if section != "wxr" and section not in old:
            continue
        for k in keys[section]:
            if k in old:
                results[k] = old[k]
        prior = old.get("carried_over", {}).get(section, when)
        results.setdefault("carried_over", {})[section] = prior
        carried.append(section)
        results["targets"] += [dict(c, carried_over_from=prior) for c in old.get("targets", [])
                               if c.get("section", "wxr") == section]
    if carried:
        print(f"  (kept the previous results of skipped sections: {', '.join(carried)})")


def run_wxr(a: argparse.Namespace, big_mb: int, checks: list[dict], results: dict) -> list[dict]:
    """The WXR migration section: rows for the table; appends its target checks."""
    print(f"== generating/reusing {big_mb} MiB WXR from {SOURCE.name}", flush=True)
    big, meta = make_big_wxr.cached(SOURCE, SCRATCH, big_mb)
    print(f"  {big.relative_to(ROOT)}: {meta['bytes']/1e6:.1f} MB, {meta['items']} items "
          f"({meta['copies']} copies x {meta['items_per_copy']})"
          + (" [cached]" if meta.get("cached") else f" [generated in {meta['seconds']} s]"))

    why_cli, why_reader = probe_cli(), probe_reader()
    for what, why in (("mwmigrate migrate", why_cli), ("iter_wxr", why_reader)):
        if why:
            print(f"  {what}: not available ({why})")

    rows: list[dict] = []
    ds = f"{big_mb}MiB"
    print(f"== big file ({ds})", flush=True)
    floor = best_of(a.rounds, lambda: run_floor(big, meta["items"], ds))
    rows.append(floor)
    reader = best_of(a.rounds, lambda: run_reader(big, meta["items"], ds, why_reader))
    rows.append(reader)
    ours_big = run_ours(big, meta["items"], ds, why_cli)
    rows.append(ours_big)
    # The same in one process: what a memory-tight machine gets (reported; the target is
    # checked on the default run above).
    if not a.quick:
        rows.append(run_ours(big, meta["items"], ds, why_cli, workers=1))

    cut_info, peer, peer_nt, ours_cut = None, None, None, None
    if not a.quick:
        cut_path = SCRATCH / f"{big.stem}-cut{a.cut_mb}mb.xml"
        cut_meta = cut_path.with_suffix(".json")
        if cut_path.exists() and cut_meta.exists() and \
                json.loads(cut_meta.read_text()).get("bytes") == cut_path.stat().st_size:
            cut_info = json.loads(cut_meta.read_text())
        else:
            cut_info = make_big_wxr.cut(big, cut_path, a.cut_mb * 1024 * 1024)
            cut_meta.write_text(json.dumps(cut_info))
        print(f"== {a.cut_mb} MiB cut: {cut_path.relative_to(ROOT)}: "
              f"{cut_info['bytes']/1e6:.1f} MB, {cut_info['items']} items", flush=True)
        n = cut_info["items"]
        cds = f"cut{a.cut_mb}MiB"
        ours_cut = best_of(a.rounds, lambda: run_ours(cut_path, n, cds, why_cli))
        rows.append(ours_cut)
        if not a.no_peer:
            why_peer = ensure_peer()
            peer = best_of(a.rounds, lambda: run_peer(cut_path, n, cds, why_peer, throttle=True))
            rows.append(peer)
            if not a.no_peer_variant:
                peer_nt = best_of(a.rounds, lambda: run_peer(cut_path, n, cds, why_peer, throttle=False))
                rows.append(peer_nt)

    print()
    print_table(rows)

    if not a.quick and not a.no_peer:
        checks.append(ratio(ours_cut, peer, TARGETS["peer_speedup"],
                            "ours vs npm tool, items/s on the cut (tool defaults)"))
        if peer_nt is not None:
            checks.append(ratio(ours_cut, peer_nt, TARGETS["peer_speedup"],
                                "ours vs npm tool, items/s on the cut (its 25 ms write "
                                "throttle off)"))
    checks.append(ratio(reader, floor, TARGETS["read_vs_floor"],
                        f"reading stage vs lxml floor, items/s on the {ds} file"))
    if ours_big["status"] == "ok":
        v = ours_big["peak_rss_mb"]
        tree = ours_big["tree_rss_sampled_mb"]
        ok = max(v, tree) < TARGETS["rss_mb"]
        checks.append({"what": f"full migration peak RSS (MB) on the {ds} file, max of "
                       "ru_maxrss and sampled tree sum", "value": max(v, tree),
                       "target": TARGETS["rss_mb"], "result": "PASS" if ok else "FAIL"})
        # Reported beside it, not instead: the tree's RSS sum counts a page shared by the
        # forked workers once per process; PSS splits it between them (the memory the run
        # really holds). The target above stays on the stricter number.
        pss = ours_big.get("tree_pss_sampled_mb")
        checks.append({"what": f"full migration peak tree PSS (MB) on the {ds} file (shared "
                       "pages split between processes; reported, the target is checked on "
                       "the line above)", "value": pss, "target": TARGETS["rss_mb"],
                       "result": "INFO"})
        one = next((r for r in rows if r["label"].endswith("--workers 1") and r["status"] == "ok"),
                   None)
        if one is not None:
            checks.append({"what": f"the same with --workers 1 (one process; {one['items_per_s']:,.0f} "
                           f"items/s against {ours_big['items_per_s']:,.0f}): peak RSS (MB), max "
                           "of ru_maxrss and sampled tree sum (reported, not the default)",
                           "value": max(one["peak_rss_mb"], one["tree_rss_sampled_mb"]),
                           "target": TARGETS["rss_mb"], "result": "INFO"})
    else:
        checks.append({"what": f"full migration peak RSS (MB) on the {ds} file", "value": None,
                       "target": TARGETS["rss_mb"], "result": "NOT MEASURED",
                       "why": f"{ours_big['label']} {ours_big['status']}"})
    results["big_file"] = {"path": str(big.relative_to(ROOT)), **meta}
    results["cut_file"] = cut_info
    return rows


if __name__ == "__main__":
    sys.exit(main())
