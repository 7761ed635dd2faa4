"""dumps_json_line must give exactly the bytes of dumps_json(...).encode(): the archive's
records are compared byte for byte between runs and against earlier archives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mwmigrate.archive.writer import dumps_json, dumps_json_line

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12)


@given(st.dictionaries(st.text(), json_values, max_size=8))
def test_same_bytes_as_the_whole_record_encoded_at_once(record: dict) -> None:
    assert dumps_json_line(record) == dumps_json(record).encode("utf-8")


def test_keys_and_values_that_json_escapes() -> None:
    record = {"z": "é\u2028\"\\\n", "a\"b": ["π", {"k": None}], "": 1.5, "content_html": "x" * 10}
    assert dumps_json_line(record) == dumps_json(record).encode("utf-8")
    assert dumps_json_line({}) == b"{}"
