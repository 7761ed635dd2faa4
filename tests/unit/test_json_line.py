"""dumps_json_line must give exactly the bytes of dumps_json(...).encode(): the archive's
records are compared byte for byte between runs and against earlier archives."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mwmigrate.archive.writer import dumps_json, dumps_json_line


def reference(record: dict) -> bytes:
    """The archive's JSON form, written out with the standard library's own call."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12)


@given(st.dictionaries(st.text(), json_values, max_size=8))
def test_same_bytes_as_the_whole_record_encoded_at_once(record: dict) -> None:
    assert dumps_json_line(record) == dumps_json(record).encode("utf-8") == reference(record)


@given(st.dictionaries(st.text(), json_values, max_size=8), st.text(min_size=1, max_size=20))
def test_a_large_record_built_value_by_value_gives_the_same_bytes(record: dict, tail: str) -> None:
    # over the size from which dumps_json_line encodes one top-level value at a time
    record["content_html"] = "<p>\u00e9\"" * 20_000 + tail
    assert dumps_json_line(record) == reference(record)


def test_keys_and_values_that_json_escapes() -> None:
    record = {"z": "é\u2028\"\\\n", "a\"b": ["π", {"k": None}], "": 1.5, "content_html": "x" * 10}
    assert dumps_json_line(record) == dumps_json(record).encode("utf-8")
    assert dumps_json_line({}) == b"{}"
