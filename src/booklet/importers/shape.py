"""The shape of a JSON export, checked before a reader walks it.

A spec says what each place holds: TEXT (a string, number or null, handed on as a string or
None), ANY (left as it is), an object ({key: spec}, "*" for every key; other keys are left
as they are), a list ([spec]) or one of several (Either: the one of the value's kind; with ANY
among them, a value of no listed kind is left for the reader to skip). `conform` returns the value with its
texts as strings, or raises an ImporterError naming the file, the place in the JSON
(`schedule.conference.days[0].rooms`) and what was expected there, so that valid JSON of
another shape (`{"schedule": 5}`, `null`) is a located error and never an internal one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import ImporterError

TEXT = "text"
ANY = "any"
NULL = "null"


@dataclass(frozen=True)
class Either:
    options: tuple


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"[:40]
    if isinstance(value, str):
        return f"the text {json.dumps(value)[:40]}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _expected(spec) -> str:
    if spec is TEXT:
        return "a text or a number"
    if spec is NULL:
        return "null"
    if isinstance(spec, list):
        return "a list"
    if isinstance(spec, dict):
        return "an object"
    if isinstance(spec, Either):
        return " or ".join(_expected(s) for s in spec.options)
    return "a value"


def _step(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)[:40]}]"


def _same_kind(value, spec) -> bool:
    if isinstance(spec, dict):
        return isinstance(value, dict)
    if isinstance(spec, list):
        return isinstance(value, list)
    if spec is TEXT:
        return value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool)
    return spec is NULL and value is None


class _Mismatch(Exception):
    def __init__(self, path: str, spec, value):
        super().__init__(path)
        self.path, self.spec, self.value = path, spec, value


def _conform(value, spec, path: str):
    if spec is ANY:
        return value
    if spec is NULL:
        if value is None:
            return None
        raise _Mismatch(path, spec, value)
    if spec is TEXT:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise _Mismatch(path, spec, value)
    if isinstance(spec, Either):     # the option of the value's own kind; ANY only when none is
        for option in spec.options:
            if _same_kind(value, option):
                return _conform(value, option, path)
        if ANY in spec.options:
            return value
        raise _Mismatch(path, spec, value)
    if isinstance(spec, list):
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Mismatch(path, spec, value)
        return [_conform(item, spec[0], _step(path, i)) for i, item in enumerate(value)]
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise _Mismatch(path, spec, value)
        every = spec.get("*")
        out = dict(value)
        for key, item in value.items():
            sub = spec.get(key, every)
            if sub is not None:
                out[key] = _conform(item, sub, _step(path, key))
        return out
    raise AssertionError(f"unknown spec {spec!r}")


def conform(value, spec, source, what: str):
    """`value` checked against `spec` (texts as strings); an ImporterError naming the place if it
    does not fit. `what` names the format for the hint ("a frab/pretalx schedule")."""
    try:
        return _conform(value, spec, "")
    except _Mismatch as m:
        where = m.path or "the top level"
        raise ImporterError(f"{source}: {where}: expected {_expected(m.spec)}, got {_kind(m.value)}; "
                            f"this does not have the shape of {what} (use --format if it is another format)") \
            from None
    except RecursionError:
        raise ImporterError(f"{source}: the JSON is nested too deeply to be {what}") from None


# -- frab / pretalx schedule JSON --------------------------------------------------
_PERSON = {"public_name": TEXT, "full_public_name": TEXT, "name": TEXT, "code": TEXT, "guid": TEXT, "id": TEXT}
_EVENT = {"id": TEXT, "url": TEXT, "persons": [Either((_PERSON, TEXT))],
          "title": TEXT, "subtitle": TEXT, "abstract": TEXT, "description": TEXT, "date": TEXT, "start": TEXT,
          "duration": TEXT, "room": TEXT, "slug": TEXT, "track": TEXT, "type": TEXT, "language": TEXT}
_CONFERENCE = {"title": TEXT, "acronym": TEXT, "start": TEXT, "end": TEXT, "time_zone_name": TEXT, "venue": TEXT,
               "city": TEXT, "day_change": TEXT, "timeslot_duration": TEXT,
               "tracks": [Either(({"name": TEXT, "color": TEXT, "colour": TEXT}, ANY))],
               "rooms": [Either(({"name": TEXT, "capacity": ANY}, ANY))],
               "days": [{"date": TEXT, "rooms": Either(({"*": [_EVENT]}, [ANY]))}]}
FRAB_JSON = {"$schema": TEXT, "schedule": {"base_url": TEXT, "conference": _CONFERENCE}, "conference": _CONFERENCE}


# -- Indico ------------------------------------------------------------------------------
_DATE = Either(({"date": TEXT, "time": TEXT, "tz": TEXT}, NULL))
_IPERSON = {"first_name": TEXT, "firstName": TEXT, "last_name": TEXT, "familyName": TEXT, "fullName": TEXT,
            "name": TEXT, "affiliation": TEXT, "emailHash": TEXT, "title": TEXT}
_CONTRIBUTION = {"title": TEXT, "friendly_id": TEXT, "id": TEXT, "contributionId": TEXT, "code": TEXT, "type": TEXT,
                 "track": TEXT, "room": TEXT, "roomFullname": TEXT, "session": TEXT, "description": TEXT,
                 "board_number": TEXT, "startDate": _DATE, "endDate": _DATE, "speakers": [_IPERSON],
                 "primaryauthors": [_IPERSON], "coauthors": [_IPERSON], "presenters": [_IPERSON],
                 "subContributions": [ANY]}
_SLOT = {"title": TEXT, "room": TEXT, "roomFullname": TEXT, "startDate": _DATE, "endDate": _DATE,
         "session": Either(({"title": TEXT, "sessionConveners": [_IPERSON]}, ANY)),
         "conveners": [_IPERSON], "contributions": [Either((_CONTRIBUTION, ANY))]}
_EVENT_EXPORT = {"title": TEXT, "timezone": TEXT, "startDate": _DATE, "endDate": _DATE, "location": TEXT,
                 "chairs": [Either((_IPERSON, ANY))], "sessions": [Either((_SLOT, ANY))],
                 "contributions": [Either((_CONTRIBUTION, ANY))]}
INDICO_EVENT = {"results": [Either((_EVENT_EXPORT, ANY))]}
_ENTRY = dict(_CONTRIBUTION, entryType=TEXT, slotTitle=TEXT, conveners=[_IPERSON])
_ENTRY["entries"] = Either(({"*": Either((_ENTRY, ANY))}, [ANY], NULL))
INDICO_TIMETABLE = {"results": {"*": Either(({"*": Either(({"*": Either((_ENTRY, ANY))}, ANY))}, ANY))}}
