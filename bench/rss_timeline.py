"""Run a command and sample the RSS of it and of each descendant every 50 ms (from /proc).

Prints the peak of the tree's sum, with each process's RSS (total, anonymous, file) at that
moment, then one sample every 2 s. Used for the A/B measurements of the 200 MB migration's
memory (bench/README.md, Peak RSS):

    .venv/bin/python bench/rss_timeline.py .venv/bin/mwmigrate migrate \\
        .bench/big-v1-200mb-457aace6.xml --out /tmp/x
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def rss_mb(pid: int) -> tuple[int, int, int]:
    """(VmRSS, RssAnon, RssFile) in MB; zeros once the process is gone."""
    found = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "RssAnon", "RssFile"):
                    found[key] = int(value.split()[0]) // 1024
    except OSError:
        pass
    return found.get("VmRSS", 0), found.get("RssAnon", 0), found.get("RssFile", 0)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    start = time.time()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    samples: list[tuple[float, int, list[tuple[int, int, int]]]] = []
    while proc.poll() is None:
        tree = [proc.pid]
        for pid in tree:  # (grows while it is walked: breadth first)
            tree += children(pid)
        each = [rss_mb(pid) for pid in tree]
        samples.append((round(time.time() - start, 2), sum(r[0] for r in each), each))
        time.sleep(0.05)
    print("rc", proc.returncode, "wall", round(time.time() - start, 1))
    if samples:
        print("peak (s, tree MB, [(RSS, anon, file) per process]):", max(samples, key=lambda s: s[1]))
    last = -9.0
    for sample in samples:
        if sample[0] - last >= 2:
            print(sample)
            last = sample[0]
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
