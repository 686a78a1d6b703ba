"""Dates in the content's language, through Babel's CLDR data."""
from __future__ import annotations

import datetime as dt
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton

# A bare language gets the region whose conventions international meetings use.
_DEFAULT_REGION = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "pt": "pt_PT"}


def locale_for(language: str) -> Locale:
    code = language.replace("-", "_")
    try:
        return Locale.parse(_DEFAULT_REGION.get(code, code))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_GB")


def day_name(day: dt.date, language: str) -> str:
    """"Thursday, 23 September 2021"."""
    return format_date(day, "full", locale=locale_for(language))


def long_date(day: dt.date, language: str) -> str:
    """"4 December 2026": a date without its weekday."""
    return format_date(day, "long", locale=locale_for(language))


def date_range(start: dt.date, end: dt.date, language: str) -> str:
    """One day in full; several as the language writes a range of days (CLDR's interval formats):
    "10–11 September 2026", "30 September – 2 October 2026", "10.–11. September 2026"."""
    locale = locale_for(language)
    if start == end:
        return format_date(start, "full", locale=locale)
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    # CLDR gives ranges of days with the month abbreviated (yMMMd), and Babel, unlike ICU, does not
    # widen the month to the full name that yMMMMd asks for: the two halves are widened here, where
    # the language's own yMMMMd has the month in full ("September"; not Chinese "9月", "九月").
    formats = locale.interval_formats.get("yMMMMd") or locale.interval_formats.get("yMMMd")
    if formats and differs in formats:
        full = re.search(r"MMMM|LLLL", str(locale.datetime_skeletons.get("yMMMMd", "")))
        first, second = (_ABBREVIATED_MONTH.sub(r"\1\1", half) if full else half for half in formats[differs])
        text = format_date(start, first, locale=locale) + format_date(end, second, locale=locale)
    else:
        text = format_interval(start, end, "yMMMMd", locale=locale)
    # CLDR sets the dash between thin spaces (which a paragraph makes word spaces of): days of one
    # month are closed up, "10–11 September", as British and German typesetters have them.
    return text.replace(_SPACED_DASH, "–" if differs == "d" else " – ")


def short_day(day: dt.date, language: str) -> str:
    """"Thu 23": the day in a grid's corner."""
    return format_skeleton("EEEd", day, locale=locale_for(language))


_ABBREVIATED_MONTH = re.compile(r"(?<![ML])([ML])(?=\1\1(?![ML]))")   # the first letter of MMM or LLL
_SPACED_DASH = "\u2009–\u2009"
