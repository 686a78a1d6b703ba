"""Dates in the content's language, through Babel's CLDR data."""
from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

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


def date_range(start: dt.date, end: dt.date, language: str) -> str:
    """One day in full; several as "23 – 25 September 2021"."""
    locale = locale_for(language)
    if start == end:
        return format_date(start, "full", locale=locale)
    first = format_skeleton("MMMMd" if start.year == end.year else "yMMMMd", start, locale=locale)
    return f"{first} – {format_date(end, 'long', locale=locale)}"


def short_day(day: dt.date, language: str) -> str:
    """"Thu 23": the day in a grid's corner."""
    return format_skeleton("EEEd", day, locale=locale_for(language))
