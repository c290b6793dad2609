"""Dates in Indonesian and English text: every written form, ranges, invalid dates, offsets."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.ingest.extract.dates import DateMention, find_dates


@pytest.mark.parametrize(
    ("written", "begin", "end_date", "precision"),
    [
        ("13 Juni 2019", date(2019, 6, 13), None, "day"),
        ("13 June 2019", date(2019, 6, 13), None, "day"),
        ("13th June 2019", date(2019, 6, 13), None, "day"),
        ("June 13, 2019", date(2019, 6, 13), None, "day"),
        ("13 Jan. 2019", date(2019, 1, 13), None, "day"),
        ("2 Agt 2019", date(2019, 8, 2), None, "day"),
        ("19-23 Maret 2018", date(2018, 3, 19), date(2018, 3, 23), "day"),
        ("19–23 Maret 2018", date(2018, 3, 19), date(2018, 3, 23), "day"),
        ("19 s.d. 23 Maret 2018", date(2018, 3, 19), date(2018, 3, 23), "day"),
        ("8-11 July 2019", date(2019, 7, 8), date(2019, 7, 11), "day"),
        ("June 8-11, 2019", date(2019, 6, 8), date(2019, 6, 11), "day"),
        ("30 Maret - 2 April 2018", date(2018, 3, 30), date(2018, 4, 2), "day"),
        ("June 30 - July 2, 2019", date(2019, 6, 30), date(2019, 7, 2), "day"),
        ("30 Desember - 2 Januari 2019", date(2018, 12, 30), date(2019, 1, 2), "day"),
        ("Rabu (29/11/2018)", date(2018, 11, 29), None, "day"),
        ("Jum'at (1/2/2019)", date(2019, 2, 1), None, "day"),
        ("29/11/2018", date(2018, 11, 29), None, "day"),
        ("29.11.2018", date(2018, 11, 29), None, "day"),
        ("2019-06-13", date(2019, 6, 13), None, "day"),
        ("Maret 2018", date(2018, 3, 1), None, "month"),
        ("March 2018", date(2018, 3, 1), None, "month"),
    ],
)
def test_dates_form(written: str, begin: date, end_date: date | None, precision: str) -> None:
    text = f"Kegiatan ini berlangsung {written}, kata panitia."
    (mention,) = find_dates(text)
    assert text[mention.start : mention.end] == written
    assert (mention.begin, mention.end_date, mention.precision) == (begin, end_date, precision)


@pytest.mark.parametrize(
    ("text", "year"), [("pada tahun 2019 lalu", "2019"), ("in 2019 the city", "2019"), ("pada 2021", "2021")]
)
def test_dates_year_after_cue(text: str, year: str) -> None:
    (mention,) = find_dates(text)
    assert text[mention.start : mention.end] == year
    assert (mention.begin, mention.end_date, mention.precision) == (date(int(year), 1, 1), None, "year")


@pytest.mark.parametrize(
    "text",
    [
        "31 Februari 2019",
        "30 February 2019",
        "29/13/2018",
        "32/01/2019",
        "2019-13-01",
        "0000-01-01",
        "23-19 Maret 2018",
        "jalan layang Seoullo 7017",  # a bare number is no year without a cue
        "sebanyak 2019 peserta",
        "Seoul_19-23Maret2018.pdf",  # glued into a file name
        "2018/04/20180409_066",
        "13 Juni",  # no year
    ],
)
def test_dates_invalid_or_absent_skipped(text: str) -> None:
    assert find_dates(text) == []


def test_dates_sorted_and_longest_wins() -> None:
    text = "Kunjungan 19-23 Maret 2018; diskusi publik Rabu (13/6/2019) dan laporan Juni 2019."
    found = find_dates(text)
    assert [text[m.start : m.end] for m in found] == ["19-23 Maret 2018", "Rabu (13/6/2019)", "Juni 2019"]
    assert found == sorted(found, key=lambda m: m.start)


def test_dates_mention_is_frozen() -> None:
    mention = find_dates("13 Juni 2019")[0]
    assert mention == DateMention(0, 12, date(2019, 6, 13), None, "day")
    with pytest.raises(AttributeError):
        mention.start = 1  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(["13", "Juni", "June", "2019", "-", "–", "/", "(", ")", "Rabu", "tahun", " ", ",", "31"]),
        ),
        max_size=30,
    ).map("".join)
)
def test_dates_offsets_slice_back(text: str) -> None:
    found = find_dates(text)
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.precision in ("day", "month", "year")
        assert mention.end_date is None or mention.end_date > mention.begin
    assert all(a.end <= b.start for a, b in pairwise(found))
