"""Find calendar dates in Indonesian and English text: days, day ranges, months and years.

Month names and abbreviations are data (the lexicon's ``months.tsv`` of each language, columns ``name`` and
``month``), and so are day names, the words of ranges and the words before a bare year (``words.tsv``: lists
``weekdays``, ``range_words``, ``year_cues``, ``ordinal_suffixes``); every language is matched in every text,
since documents mix them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

from jejaring.ingest.lexicon import Lexicon, load_lexicon

__all__ = ["DateMention", "find_dates"]

_BARE_YEARS = range(1800, 2200)


@dataclass(frozen=True)
class DateMention:
    """A date or date range written in a text: ``text[start:end]`` is the words that say it.

    ``begin`` is the first day meant (the first of the month or of January for coarser
    ``precision``: ``"day"``, ``"month"`` or ``"year"``); ``end_date`` is the last day of a range,
    ``None`` for a single date.
    """

    start: int
    end: int
    begin: datetime.date
    end_date: datetime.date | None
    precision: str


def find_dates(text: str, lexicon: Lexicon | None = None) -> list[DateMention]:
    """Return the dates written in ``text``, sorted by position and not overlapping.

    Forms: ``13 Juni 2019``, ``13 June 2019``, ``June 13, 2019``, day ranges ``19-23 Maret 2018``
    (hyphen, en dash, ``s.d.``, ``sampai``, ``to``), ranges across months ``30 Maret - 2 April 2018``,
    ``June 8-11, 2019``, numeric day/month/year ``29/11/2018`` (optionally after a day name in
    parentheses: ``Rabu (29/11/2018)``), ISO ``2019-06-13``, months ``Maret 2018`` and years after
    ``tahun``/``in``/``pada`` (the mention is the year only). Where matches overlap the longest wins;
    an impossible date (``31 Februari 2019``, month 13) is skipped, never raised.

    Parameters
    ----------
    text : str
        Any text.
    lexicon : Lexicon, optional
        Where month names, day names and the words of ranges and years come from; the shipped lexicon
        by default.

    Returns
    -------
    list of DateMention
        One per date written, in text order.

    Examples
    --------
    >>> [(m.begin.isoformat(), m.end_date.isoformat(), m.precision) for m in find_dates("pada 19-23 Maret 2018")]
    [('2018-03-19', '2018-03-23', 'day')]
    >>> m = find_dates("Jakarta, Rabu (29/11/2018).")[0]
    >>> "Jakarta, Rabu (29/11/2018)."[m.start:m.end], m.begin
    ('Rabu (29/11/2018)', datetime.date(2018, 11, 29))
    >>> [m.precision for m in find_dates("March 2018, in 2019, 31 Februari 2019")]
    ['month', 'year']
    """
    candidates = [c for pattern, build in _patterns(lexicon or load_lexicon())
                  for c in _candidates(text, pattern, build)]
    # Longest first; an impossible date still takes its place, so its parts are not read as dates.
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for start, end, mention in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        if mention is not None:
            found.append(mention)
    found.sort(key=lambda m: m.start)
    return found


_Build = Callable[[re.Match[str]], tuple[int, int, datetime.date, datetime.date | None, str] | None]


def _candidates(text: str, pattern: re.Pattern[str], build: _Build) -> Iterator[tuple[int, int, DateMention | None]]:
    for match in pattern.finditer(text):
        try:
            built = build(match)
        except (ValueError, OverflowError):  # an impossible day, month or year
            built = None
        if built is None:
            yield match.start(), match.end(), None
            continue
        start, end, begin, end_date, precision = built
        if end_date is not None and end_date <= begin:
            yield match.start(), match.end(), None
            continue
        yield start, end, DateMention(start, end, begin, end_date, precision)


_Months = dict[str, int]


def _month(months: _Months, name: str) -> int:
    return months[name.lower().rstrip(".")]


def _ymd(year: str, month: int | str, day: str) -> datetime.date:
    return datetime.date(int(year), int(month), int(day))


def _build_day(months: _Months, m: re.Match[str]):
    return m.start(), m.end(), _ymd(m["y"], _month(months, m["m"]), m["d"]), None, "day"


def _build_day_range(months: _Months, m: re.Match[str]):
    month = _month(months, m["m"])
    return m.start(), m.end(), _ymd(m["y"], month, m["d1"]), _ymd(m["y"], month, m["d2"]), "day"


def _build_cross_month_range(months: _Months, m: re.Match[str]):
    end = _ymd(m["y2"], _month(months, m["m2"]), m["d2"])
    begin_year = int(m["y1"]) if m["y1"] else end.year
    begin = datetime.date(begin_year, _month(months, m["m1"]), int(m["d1"]))
    if not m["y1"] and begin > end:  # "30 Desember - 2 Januari 2019" starts the year before
        begin = begin.replace(year=begin_year - 1)
    return m.start(), m.end(), begin, end, "day"


def _build_month_first_range(months: _Months, m: re.Match[str]):
    m1 = _month(months, m["m1"])
    m2 = _month(months, m["m2"]) if m["m2"] else m1
    return m.start(), m.end(), _ymd(m["y"], m1, m["d1"]), _ymd(m["y"], m2, m["d2"]), "day"


def _build_numeric(m: re.Match[str]):
    return m.start(), m.end(), _ymd(m["y"], m["m"], m["d"]), None, "day"


def _build_month(months: _Months, m: re.Match[str]):
    return m.start(), m.end(), _ymd(m["y"], _month(months, m["m"]), "1"), None, "month"


def _build_year(m: re.Match[str]):
    year = int(m["y"])
    if year not in _BARE_YEARS:
        return None
    return m.start("y"), m.end("y"), datetime.date(year, 1, 1), None, "year"


@lru_cache(maxsize=4)
def _patterns(lexicon: Lexicon) -> tuple[tuple[re.Pattern[str], _Build], ...]:
    months = lexicon.month_numbers
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True)) or "(?!)"
    # Day names may stand before a numeric date in parentheses, as Indonesian news writes "Rabu (29/11/2018)".
    # They only widen the match; the date comes from the numbers.
    weekdays = lexicon.alternation("weekdays")
    cues = lexicon.alternation("year_cues")
    dash = rf"(?:\s*[-–—‒]\s*|\s+{lexicon.alternation('range_words')}\s+)"
    of = lexicon.alternation("day_of_words")
    ordinal = lexicon.alternation("ordinal_suffixes")

    def month(group: str) -> str:
        return rf"(?<![^\W\d_])(?P<{group}>(?:{names})\.?)(?![^\W\d_])"

    def day(group: str) -> str:  # the ordinal suffix is matched but is not part of the number
        return rf"(?<![0-9])(?P<{group}>[0-9]{{1,2}}){ordinal}?(?![0-9])"

    def year(group: str) -> str:
        return rf"(?<![0-9])(?P<{group}>[0-9]{{4}})(?![0-9])"

    forms: list[tuple[str, _Build]] = [
        (rf"{day('d1')}\s+{month('m1')}(?:,?\s+{year('y1')})?{dash}{day('d2')}\s+{month('m2')},?\s+{year('y2')}",
         partial(_build_cross_month_range, months)),
        (rf"{day('d1')}{dash}{day('d2')}\s+{month('m')},?\s+{year('y')}", partial(_build_day_range, months)),
        (rf"{day('d')}\s+(?:{of}\s+)?{month('m')},?\s+{year('y')}", partial(_build_day, months)),
        (rf"{month('m1')}\s+{day('d1')}{dash}(?:{month('m2')}\s+)?{day('d2')},?\s+{year('y')}",
         partial(_build_month_first_range, months)),
        (rf"{month('m')}\s+{day('d')},?\s+{year('y')}", partial(_build_day, months)),
        (rf"(?:(?<![^\W\d_])(?P<wd>{weekdays})\s*,?\s*\(\s*)?(?<![0-9./-])(?P<d>[0-9]{{1,2}})(?P<sep>[/.-])"
         r"(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})(?![0-9/-])(?!\.[0-9])(?(wd)\s*\))", _build_numeric),
        (r"(?<![0-9./-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9-])", _build_numeric),
        (rf"{month('m')},?\s+{year('y')}", partial(_build_month, months)),
        (rf"(?<![^\W\d_]){cues}\s+{year('y')}", _build_year),
    ]  # fmt: skip
    return tuple((re.compile(pattern, re.IGNORECASE), build) for pattern, build in forms)
