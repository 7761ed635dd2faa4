"""Golden Markdown: the chosen cases, how their actual output is produced, and a regenerator.

Run from the repository root:

    .venv/bin/python -m tests.golden.regen                 # write candidates, list differences
    .venv/bin/python -m tests.golden.regen --accept theme-unit-test/template-paginated

Without ``--accept`` nothing under tests/golden/ is touched except tests/golden/candidates/
(git-ignored by the ``.gitignore`` it writes there). Candidates are what the code produces
*now*; a reviewed file is what a human expects. Diff them, read the page WordPress rendered
(tests/golden/README.md says how), and only then accept a candidate, one NAME at a time.
``--accept`` never takes a wildcard.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import WXR_DIR

GOLDEN = Path(__file__).resolve().parent
CANDIDATES = GOLDEN / "candidates"

# source key -> WXR file name in the shared data folder
SOURCES = {
    "theme-unit-test": "themeunittestdata.wordpress.xml",
    "block-test": "64-block-test-data.xml",
}


@dataclass(frozen=True)
class Case:
    group: str  # folder under tests/golden/: theme-unit-test, block-test, comments
    name: str  # post slug (file content/posts/<name>.md, or the post whose comments these are)
    source: str  # key of SOURCES

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"

    @property
    def golden_path(self) -> Path:
        return GOLDEN / self.group / f"{self.name}.md"

    @property
    def candidate_path(self) -> Path:
        return CANDIDATES / self.group / f"{self.name}.md"


_TUT = [
    "markup-html-tags-and-formatting",
    "markup-image-alignment",
    "markup-text-alignment",
    "post-format-image-caption",
    "post-format-image",
    "post-format-gallery",
    "post-format-gallery-tiled",
    "edge-case-nested-and-mixed-lists",
    "template-more-tag",
    "template-paginated",
    "post-format-aside",
    "post-format-chat",
    "post-format-link",
    "post-format-quote",
    "post-format-status",
    "post-format-audio",
    "post-format-video-youtube",
    "block-quotes",
    "text-category-blocks",
]
_BLOCK = [
    "list",
    "quote",
    "table",
    "code",
    "preformatted",
    "verse",
    "columns",
    "image",
    "gallery",
    "buttons",
    "cover",
    "details",
    "footnotes",
]
_COMMENTS = ["template-comments", "template-pingbacks-an-trackbacks"]

CASES: list[Case] = (
    [Case("theme-unit-test", n, "theme-unit-test") for n in _TUT]
    + [Case("block-test", n, "block-test") for n in _BLOCK]
    + [Case("comments", n, "theme-unit-test") for n in _COMMENTS]
)


def migrate(source: str, out_dir: Path) -> Path:
    """One default migration of a shared WXR file into out_dir (as a user runs it)."""
    from mwmigrate.migrate import MigrateOptions, migrate_wxr

    migrate_wxr(WXR_DIR / SOURCES[source], out_dir, MigrateOptions(progress=False))
    return out_dir


def comments_markdown(out_dir: Path, slug: str) -> str:
    """The comments of one post, as one reviewable Markdown text, in archive order.

    Each comment: an HTML comment line with its id, parent, type, author and date, a blank
    line, then its content_markdown.
    """
    post_id = None
    with open(out_dir / "records" / "posts.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("slug") == slug and rec.get("type") == "post":
                post_id = rec["wp_id"]
                break
    if post_id is None:
        raise LookupError(f"no post with slug {slug!r} in {out_dir}")
    parts: list[str] = []
    with open(out_dir / "records" / "comments.jsonl", encoding="utf-8") as fh:
        for line in fh:
            c = json.loads(line)
            if c["post_id"] != post_id:
                continue
            head = (
                f"<!-- comment {c['wp_id']} · parent {c['parent']} · {c['type']} · "
                f"{c['author']} · {c['date']} -->"
            )
            parts.append(head + "\n\n" + c["content_markdown"].rstrip("\n") + "\n")
    return "\n".join(parts)


def actual_text(case: Case, out_dir: Path) -> str:
    """What the code produces now for a case, from a migration of case.source in out_dir."""
    if case.group == "comments":
        return comments_markdown(out_dir, case.name)
    return (out_dir / "content" / "posts" / f"{case.name}.md").read_text(encoding="utf-8")


def unified_diff(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{name}.md (reviewed)",
            tofile=f"actual/{name}.md (code now)",
        )
    )


def write_candidates() -> dict[str, str]:
    """Migrate each source once, write every case's candidate; return id -> status."""
    status: dict[str, str] = {}
    CANDIDATES.mkdir(parents=True, exist_ok=True)
    (CANDIDATES / ".gitignore").write_text("*\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="mwmigrate-golden-") as tmp:
        outs = {src: migrate(src, Path(tmp) / src) for src in sorted({c.source for c in CASES})}
        for case in CASES:
            text = actual_text(case, outs[case.source])
            case.candidate_path.parent.mkdir(parents=True, exist_ok=True)
            case.candidate_path.write_bytes(text.encode("utf-8"))
            if not case.golden_path.exists():
                status[case.id] = "new (no reviewed file yet)"
            elif case.golden_path.read_bytes() == text.encode("utf-8"):
                status[case.id] = "same"
            else:
                status[case.id] = "DIFFERS"
    return status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="NAME",
        help="copy this candidate over the reviewed file (NAME = group/slug, e.g. "
        "block-test/table); repeat for several; no wildcards",
    )
    args = ap.parse_args(argv)
    known = {c.id: c for c in CASES}
    unknown = [n for n in args.accept if n not in known]
    if unknown:
        ap.error(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(known)}")

    status = write_candidates()
    for cid, st in status.items():
        print(f"{st:28} {cid}")
    print(f"\ncandidates in {CANDIDATES.relative_to(GOLDEN.parents[1])}/ ; compare with e.g.\n"
          f"  diff -u tests/golden/block-test/table.md tests/golden/candidates/block-test/table.md")

    for name in args.accept:
        case = known[name]
        old = case.golden_path.read_text(encoding="utf-8") if case.golden_path.exists() else ""
        new = case.candidate_path.read_text(encoding="utf-8")
        if old == new:
            print(f"\n{name}: already identical, nothing to accept")
            continue
        sys.stdout.write(f"\naccepting {name}:\n" + unified_diff(old, new, name))
        case.golden_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case.candidate_path, case.golden_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
