"""`make demo`: migrate the bundled fixture site (a solicitors' firm) both ways, into exports/.

1. From its WXR export (fixtures/wxr/morganwiseman.xml) -> exports/morganwiseman-wxr
2. From the live site: the static mirror served on 127.0.0.1 (as a user would point the tool
   at https://...) -> exports/morganwiseman-live, with sidebars, menus and the footer's
   regulated facts in records/site.json.
Both go through the same CLI a user runs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mwmigrate.cli import main  # noqa: E402
from tests.support.static_site import serve_site  # noqa: E402

SITE = ROOT / "fixtures" / "sites" / "morganwiseman" / "site"
WXR = ROOT / "fixtures" / "wxr" / "morganwiseman.xml"
OUT = ROOT / "exports"


def run(args: list[str]) -> None:
    print("$ mwmigrate " + " ".join(args), flush=True)
    code = main(args)
    if code != 0:
        raise SystemExit(code)


def main_demo() -> None:
    run(["migrate", str(WXR), "--out", str(OUT / "morganwiseman-wxr")])
    with serve_site(SITE) as base:
        run(["migrate", base + "/", "--out", str(OUT / "morganwiseman-live"),
             "--cache-dir", str(OUT / ".cache" / "morganwiseman")])
    site = json.loads((OUT / "morganwiseman-live" / "records" / "site.json").read_text())
    org = site.get("organisation") or {}
    print("\nFooter facts recovered from the live pages (records/site.json):")
    print(f"  {org.get('legal_name')}, company number {org.get('company_number')}")
    for phone in org.get("phones", []):
        print(f"  phone {phone['number']} ({phone.get('label') or 'no label'}) -> {phone['e164']}")
    for area in site.get("sidebars", []):
        print(f"  widget area {area['name']}: " + ", ".join(w["type"] for w in area["widgets"]))
    print(f"\nOpen {OUT / 'morganwiseman-live' / 'content'} for the Markdown, "
          f"and records/ for the JSON. 'mwmigrate verify DIR' checks an archive.")


if __name__ == "__main__":
    main_demo()
