"""The reader's ISO 8601 dates, built as strings, must be exactly what datetime prints."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from mwmigrate.model import Post
from mwmigrate.sources.wxr import _iso_pair, iso_datetime, settle_fallback_dates


def reference(local: str, gmt: str, fallback: timedelta | None) -> tuple[str, str]:
    """The rule written with datetime objects: the offset is local - GMT when that is a whole
    quarter hour within +-14 h, else the fallback (else UTC); zero or bad dates give ""."""

    def parse(text: str) -> datetime | None:
        text = text.strip()
        if not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text) or text.startswith("0000"):
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None

    when, utc = parse(local), parse(gmt)
    utc_iso = utc.replace(tzinfo=timezone.utc).isoformat() if utc else ""
    if when is None:
        return "", utc_iso
    offset = None
    if utc is not None:
        delta = when - utc
        if not delta % timedelta(minutes=15) and abs(delta) <= timedelta(hours=14):
            offset = delta
    if offset is None:
        offset = fallback if fallback is not None else timedelta(0)
    return when.replace(tzinfo=timezone(offset)).isoformat(), utc_iso


moments = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31))
wp = moments.map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))
odd = st.sampled_from(["", "0000-00-00 00:00:00", "2019-02-30 10:00:00", "2019-02-03",
                       " 2019-02-03 10:00:00 ", "2019-02-03T10:00:00", "garbage"])
offsets = st.integers(-16 * 60, 16 * 60).map(lambda m: timedelta(minutes=m))


@given(wp | odd, wp | odd, st.none() | offsets)
def test_any_pair_of_strings(local: str, gmt: str, fallback: timedelta | None) -> None:
    assert _iso_pair(local, gmt, fallback) == reference(local, gmt, fallback)


@given(moments, offsets, st.none() | offsets)
def test_local_and_gmt_apart_by_an_offset(when: datetime, offset: timedelta,
                                          fallback: timedelta | None) -> None:
    local, gmt = when.strftime("%Y-%m-%d %H:%M:%S"), (when - offset).strftime("%Y-%m-%d %H:%M:%S")
    assert _iso_pair(local, gmt, fallback) == reference(local, gmt, fallback)


def test_known_values() -> None:
    assert iso_datetime("2012-01-08 21:29:12", "2012-01-09 02:29:12") == "2012-01-08T21:29:12-05:00"
    assert _iso_pair("2020-06-01 12:00:00", "2020-06-01 06:15:00", None) == \
        ("2020-06-01T12:00:00+05:45", "2020-06-01T06:15:00+00:00")
    assert iso_datetime("2020-06-01 12:00:00", "0000-00-00 00:00:00",
                        timedelta(hours=1)) == "2020-06-01T12:00:00+01:00"


def test_offsets_at_the_bounds() -> None:
    # +-14:00 is the widest real offset (Kiribati, Line Islands); beyond it, the fallback
    assert iso_datetime("2020-01-02 14:00:00", "2020-01-02 00:00:00") == "2020-01-02T14:00:00+14:00"
    assert iso_datetime("2020-01-02 00:00:00", "2020-01-02 14:00:00") == "2020-01-02T00:00:00-14:00"
    assert iso_datetime("2020-01-02 14:15:00", "2020-01-02 00:00:00",
                        timedelta(hours=2)) == "2020-01-02T14:15:00+02:00"
    assert iso_datetime("2020-01-02 10:07:00", "2020-01-02 10:00:00") == "2020-01-02T10:07:00+00:00"


@given(wp | odd, wp | odd, wp | odd, wp | odd, offsets)
def test_settled_dates_are_the_dates_read_with_the_fallback(
        local: str, gmt: str, mod_local: str, mod_gmt: str, fallback: timedelta) -> None:
    # The migration's first pass reads with no fallback (a draft's date gets +00:00) and keeps
    # its posts; settle_fallback_dates must then give what a reader with the fallback gives.
    def read(offset: timedelta | None) -> Post:
        date, date_gmt = _iso_pair(local, gmt, offset)
        modified, modified_gmt = _iso_pair(mod_local, mod_gmt, offset)
        return Post(wp_id=1, date=date, date_gmt=date_gmt, modified=modified, modified_gmt=modified_gmt)

    post = read(None)
    settle_fallback_dates(post, fallback)
    assert post == read(fallback)


def test_settled_dates_known_values() -> None:
    draft = Post(wp_id=1, date="2024-04-01T09:00:00+00:00", date_gmt="",
                 modified="2024-04-02T09:00:00+00:00", modified_gmt="2024-04-02T09:00:00+00:00")
    settle_fallback_dates(draft, timedelta(hours=2))
    # no GMT date: the fallback's offset; a GMT date equal to the local one: a real +00:00
    assert draft.date == "2024-04-01T09:00:00+02:00"
    assert draft.modified == "2024-04-02T09:00:00+00:00"
