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
