"""Golden Markdown: whole files, reviewed by eye, compared byte for byte.

The expected files under tests/golden/{theme-unit-test,block-test,comments}/ say what a careful
human converting the WordPress page to Markdown would write (see tests/golden/README.md). Where
the code is known to be wrong, the case is a strict xfail naming the bug: the suite stays green,
the bug stays visible, and the xfail turns into a failure the day the bug is fixed (then remove
the entry from KNOWN_BUGS).

Each source is migrated once per module, the way a user runs it: migrate_wxr with default options.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WXR_DIR
from tests.golden.regen import CASES, SOURCES, Case, actual_text, migrate, unified_diff

# case id -> the bug that makes the actual output differ from the reviewed file
KNOWN_BUGS: dict[str, str] = {}


def _param(case: Case):  # type: ignore[no-untyped-def]
    marks = []
    if case.id in KNOWN_BUGS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.id]))
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outs: dict[str, Path] = {}
    for source, filename in SOURCES.items():
        if not (WXR_DIR / filename).exists():
            pytest.skip(f"shared data missing: {WXR_DIR / filename}")
        outs[source] = migrate(source, tmp_path_factory.mktemp(f"golden-{source}"))
    return outs


def test_known_bugs_name_real_cases() -> None:
    assert set(KNOWN_BUGS) <= {c.id for c in CASES}


def test_every_case_has_a_reviewed_file() -> None:
    missing = [c.id for c in CASES if not c.golden_path.exists()]
    assert not missing, f"no reviewed golden file for: {missing}"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_golden(case: Case, migrated: dict[str, Path]) -> None:
    expected = case.golden_path.read_bytes()
    actual = actual_text(case, migrated[case.source]).encode("utf-8")
    if actual != expected:
        diff = unified_diff(expected.decode("utf-8"), actual.decode("utf-8"), case.id)
        pytest.fail(
            f"{case.id}: output differs from the reviewed golden file "
            f"(regenerate candidates: .venv/bin/python -m tests.golden.regen)\n{diff}",
            pytrace=False,
        )
