"""Dates, clock times and durations as sources write them.

Times are carried as minutes after midnight of a day and may exceed 24 h (the
kumanofes "25:00"); `normalise` turns (day, 1500) into (next day, 01:00): a time
past midnight is written on the calendar day it happens, with its real clock time.
"""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_CLOCK = re.compile(
    r"^\s*(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?\s*(?:uhr|h)?\s*$", re.IGNORECASE)
_DURATION = re.compile(r"^\s*(\d{1,3}):(\d{2})(?::(\d{2}))?\s*$")
_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|–|—|to|bis)\s*(.+?)\s*$", re.IGNORECASE)


def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def clock(text: str | None) -> int | None:
    """"9:00", "09:00:00", "2:00 p.m.", "14:00 Uhr", "25:00" → minutes after midnight (may be ≥ 1440)."""
    if text is None:
        return None
    m = _CLOCK.match(str(text))
    if not m:
        return None
    hours, minutes = int(m[1]), int(m[2] or 0)
    if minutes > 59:
        return None
    ampm = (m[4] or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if hours > 12:
            return None
        hours = hours % 12 + (12 if ampm == "pm" else 0)
    elif m[2] is None and not re.search(r"(uhr|h)\s*$", str(text), re.IGNORECASE):
        return None   # a bare number is not a time
    if hours > 47:
        return None
    return hours * 60 + minutes


def clock_range(text: str | None) -> tuple[int | None, int | None]:
    """"14:00-15:30 Uhr" → (840, 930)."""
    if not text:
        return None, None
    m = _RANGE.match(str(text))
    if not m:
        return None, None
    start, end = clock(m[1]), clock(m[2])
    if start is None and end is not None:
        start = clock(m[1] + " " + re.sub(r"^[\d:.\s]+", "", m[2]))   # "2-3 p.m."
    return start, end


def duration(text) -> int | None:
    """"00:20", "9:00", "1:30:00" (H:MM[:SS]), 45 or "45" (minutes) → minutes."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return int(text)
    s = str(text).strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    m = _DURATION.match(s)
    if m:
        return int(m[1]) * 60 + int(m[2])
    m = re.match(r"^P(?:T)?(?:(\d+)H)?(?:(\d+)M)?$", s)   # ISO 8601 "PT1H30M"
    if m and (m[1] or m[2]):
        return int(m[1] or 0) * 60 + int(m[2] or 0)
    return None


def normalise(day: dt.date | None, minutes: int | None) -> tuple[dt.date | None, int | None]:
    """(day, 1500) → (day + 1, 60)."""
    if day is None or minutes is None or minutes < 1440:
        return day, minutes
    return day + dt.timedelta(days=minutes // 1440), minutes % 1440


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_of(t: dt.time | dt.datetime) -> int:
    return t.hour * 60 + t.minute


def iso_datetime(text: str | None) -> dt.datetime | None:
    """"2023-09-10T05:00:00+00:00", "...Z" or naive → datetime (aware when the text has an offset)."""
    if not text:
        return None
    s = str(text).strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(s)
    except ValueError:
        return None


# -- dates in tables ---------------------------------------------------------
DATE_FORMATS = {
    "YYYY-MM-DD": (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    "DD.MM.YYYY": (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    "DD.MM.YY": (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$"), ("d", "m", "yy")),
    "DD/MM/YYYY": (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
    "MM/DD/YYYY": (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("m", "d", "y")),
    "DD/MM/YY": (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$"), ("d", "m", "yy")),
    "MM/DD/YY": (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$"), ("m", "d", "yy")),
    "YYYYMMDD": (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    "MMDD": (re.compile(r"^(\d{2})(\d{2})$"), ("m", "d")),
    "DD.MM.": (re.compile(r"^(\d{1,2})\.(\d{1,2})\.$"), ("d", "m")),
}


def parse_date(text: str, fmt: str, year: int | None = None) -> dt.date | None:
    pattern, order = DATE_FORMATS[fmt]
    m = pattern.match(_strip_weekday(text))
    if not m:
        return None
    parts = dict(zip(order, (int(g) for g in m.groups())))
    y = parts.get("y") or (2000 + parts["yy"] if "yy" in parts else year)
    if y is None:
        return None
    try:
        return dt.date(y, parts["m"], parts["d"])
    except ValueError:
        return None


def _strip_weekday(text: str) -> str:
    """"Di, 24.09.2024" / "Tuesday 24/09/2024" → the date part."""
    s = str(text).strip()
    return re.sub(r"^[^\d]*?(?=\d)", "", s) if re.match(r"^[^\W\d_]{2,}\.?,?\s+\d", s) else s


def date_format_for(values: list[str], year: int | None) -> str | None:
    """The one format that reads every non-empty value of a column; day-first when both would."""
    values = [v for v in values if v and v.strip()]
    if not values:
        return None
    for fmt in DATE_FORMATS:
        if all(parse_date(v, fmt, year) for v in values):
            return fmt
    return None


def needs_year(values: list[str]) -> bool:
    """Whether the values read only as dates without a year (e.g. "1126", "24.09.")."""
    values = [v for v in values if v and v.strip()]
    return bool(values) and date_format_for(values, None) is None and date_format_for(values, 2000) is not None


# -- weekday names instead of dates ("Freitag", "Samstag"; camp99) -------------------
WEEKDAY = "weekday"          # the "format" of a column of weekday names
_COMMON_LOCALES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "nb", "fi", "cs", "hu", "ru", "ja",
                   "zh", "ko", "tr", "el")
_weekdays: dict[str, int] = {}
_all_loaded = False


def _fold_weekday(text: str) -> str:
    return " ".join(str(text).casefold().replace(".", " ").replace(",", " ").split())


def _load_weekdays(locales) -> None:
    from babel import Locale
    for ident in locales:
        try:
            locale = Locale.parse(ident)
        except (ValueError, LookupError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                try:
                    names = locale.days[context][width]
                except (KeyError, LookupError):
                    continue
                for number, name in names.items():
                    _weekdays.setdefault(_fold_weekday(name), number)


def weekday_number(text: str) -> int | None:
    """"Freitag", "Fri", "vendredi", "金曜日" → 4 (Monday is 0), in any language Babel knows."""
    global _all_loaded
    key = _fold_weekday(text)
    if not key:
        return None
    if not _weekdays:
        _load_weekdays(_COMMON_LOCALES)
    if key not in _weekdays and not _all_loaded:
        from babel.localedata import locale_identifiers
        _all_loaded = True
        _load_weekdays(locale_identifiers())
    return _weekdays.get(key)


def weekday_numbers(values: list[str]) -> list[int] | None:
    """The weekday of every value, or None unless every value is a weekday's name."""
    values = [v for v in values if v and v.strip()]
    if not values or any(any(ch.isdigit() for ch in v) for v in values):
        return None
    numbers = [weekday_number(v) for v in values]
    return None if any(n is None for n in numbers) else numbers


def weekday_date(text: str, first_day: dt.date | None) -> dt.date | None:
    """The first date on or after `first_day` that falls on the weekday `text` names."""
    number = weekday_number(text)
    if number is None or first_day is None:
        return None
    return first_day + dt.timedelta(days=(number - first_day.weekday()) % 7)
