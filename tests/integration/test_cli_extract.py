"""`mwmigrate extract`: one page -> one JSON document, several -> JSON Lines in order, stdin and
URLs too; odd input gives a record with a warning, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.fixtures import MORGANWISEMAN_SITE

SEED = MORGANWISEMAN_SITE / "2019/05/25/home-office-cuts-immigration-data-sharing/index.html"
ABOUT = MORGANWISEMAN_SITE / "about-us/index.html"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mwmigrate", "extract", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_one_page_gives_one_json_document() -> None:
    done = run(str(SEED), "--url", "https://www.morganwiseman.co.uk/2019/05/25/x/")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    post = record["post"]
    assert record["page_type"] == "single"
    assert post["title"] == "Home Office cuts immigration data sharing"
    assert post["content_text"].startswith("The Home Office has")
    assert "Tweet" not in post["content_markdown"] and "cookies" not in post["content_text"]
    assert record["organisation"]["company_number"] == "10731548"
    assert record["authors"][0]["login"] == "a9jcbgg"


def test_several_pages_give_json_lines_in_order(tmp_path: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage<<<>>>")
    plain = tmp_path / "plain.html"
    plain.write_text("<html><body><div><p>" + "Plain words here. " * 40 + "</p></div></body></html>")
    done = run(str(ABOUT), str(junk), str(plain), str(SEED))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["input"] for r in records] == [str(ABOUT), str(junk), str(plain), str(SEED)]
    assert records[0]["page_type"] == "page" and records[0]["post"]["title"] == "About Us"
    assert records[1]["warnings"]  # junk: a record that says it understood nothing
    assert records[2]["page_type"] == "unknown"
    assert "Plain words here." in records[2]["post"]["content_text"]
    assert b"Traceback" not in done.stderr


def test_stdin_and_url(morganwiseman_site: str) -> None:
    done = run("-", "--url", "https://www.morganwiseman.co.uk/about-us/", stdin=ABOUT.read_bytes())
    assert json.loads(done.stdout)["post"]["title"] == "About Us"
    done = run(f"{morganwiseman_site}/2019/05/25/home-office-cuts-immigration-data-sharing/")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["url"].startswith(morganwiseman_site)
    assert record["post"]["wp_id"] == 1473


def test_missing_file_is_a_usage_error() -> None:
    done = run("/nonexistent/page.html")
    assert done.returncode == 2
    assert b"cannot read" in done.stderr and b"Traceback" not in done.stderr
