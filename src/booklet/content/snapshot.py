"""Versions of the programme: a small JSON snapshot per version, kept beside the booklet.

Every full build saves what a list of changes needs (sessions and contributions by id, with
their titles, days, times, rooms, speakers and chairs) as `out/versions/<slug>-v<N>.json`, and
stamps the booklet with that version and its date. Snapshots of earlier versions are kept, so
that `booklet build --changes-since N` can compare the programme with the one printed as N.

The version is `version:` of conference.yaml when given; otherwise a counter that goes up only
when the programme differs from the newest saved snapshot. A version's date is the day its
snapshot was made (SOURCE_DATE_EPOCH's day when that is set): rebuilding unchanged content
gives the same version and date, and so the same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BookletError, Diagnostic, Loc
from .model import Conference, Session

FOLDER = "versions"     # in the output folder
FORMAT = 1              # of the JSON written; a newer one is refused rather than misread
VERSION_TEXT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")   # it names a file


@dataclass(frozen=True, slots=True)
class Stamp:
    """A version of the programme: its name ("3") and the day it was made."""

    version: str
    date: dt.date


@dataclass(frozen=True)
class Release:
    """The version a build stamps, the programme it holds, and the snapshot file to write (None
    when that version is saved already as it is)."""

    stamp: Stamp
    programme: dict
    path: Path
    data: bytes | None
    replaces: bool = False   # a named version saved before with another programme: its snapshot is rewritten


def programme(conference: Conference) -> dict:
    """What a list of changes compares, as plain JSON data: rooms by id, sessions and
    contributions by id, in programme order."""
    sessions, contributions = {}, {}
    for s in conference.sessions:
        sessions[s.id] = {"title": s.title, "kind": s.kind, **_slot(s, s.start, s.end),
                          "chairs": [p.name for p in s.chairs], "contributions": [c.id for c in s.contributions]}
        for c in s.contributions:
            start, end = (c.start, c.end) if c.start else (s.start, None)   # untimed: at its session's start
            contributions[c.id] = {"title": c.title, "session": s.id, **_slot(s, start, end),
                                   "speakers": [a.person.name for a in c.speakers], "board": c.board}
    return {"title": conference.title, "rooms": {r.id: r.name for r in conference.rooms},
            "sessions": sessions, "contributions": contributions}


# What a list of changes tells (compare.py), and so what makes a new version: a poster's board, a
# session's kind, a room's name or the conference's title are kept in the snapshot, but a build
# that changes only them is the same version (its list of changes would be empty).
LISTED = {"sessions": ("title", "day", "start", "end", "rooms", "location", "chairs"),
          "contributions": ("title", "session", "day", "start", "end", "rooms", "location", "speakers")}


def listed(programme: dict) -> dict:
    """The part of a snapshot's programme that a list of changes tells."""
    return {part: {i: {key: record.get(key) for key in keys} for i, record in programme[part].items()}
            for part, keys in LISTED.items()}


def _slot(session: Session, start: dt.time | None, end: dt.time | None) -> dict:
    return {"day": session.day.isoformat() if session.day else None,
            "start": f"{start:%H:%M}" if start else None, "end": f"{end:%H:%M}" if end else None,
            "rooms": [r.id for r in session.rooms], "location": session.location}


def release(conference: Conference, folder: Path, *, today: dt.date | None = None) -> Release:
    """The version this build of `conference` is, given the snapshots saved in `folder`."""
    current = programme(conference)
    saved = saved_versions(folder, conference.slug)
    name = conference.version
    if name is None:    # a counter: the newest numbered version, or the next one when the programme changed
        numbered = [int(v) for v in saved if v.isdigit()]
        newest = str(max(numbered)) if numbered else None
        name = newest if newest and listed(read(saved[newest]).programme) == listed(current) \
            else str(max(numbered, default=0) + 1)
    path = folder / file_name(conference.slug, name)
    replaces = False
    if name in saved:
        kept = read(saved[name])
        if listed(kept.programme) == listed(current):
            return Release(kept.stamp, current, path, None)
        replaces = True
    stamp = Stamp(name, today or build_day())
    return Release(stamp, current, path, _serialise(stamp, current), replaces)


def file_name(slug: str, version: str) -> str:
    return f"{slug}-v{version}.json"


def saved_versions(folder: Path, slug: str) -> dict[str, Path]:
    """version → its snapshot in `folder`, in version order (numbers by value)."""
    pattern = re.compile(rf"^{re.escape(slug)}-v(.+)\.json$")
    try:
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    except OSError as exc:
        raise _error(folder, f"cannot read the folder: {exc.strerror or exc}") from None
    found = {m[1]: folder / m[0] for m in map(pattern.match, names) if m and VERSION_TEXT.match(m[1])}
    return dict(sorted(found.items(), key=lambda item: version_order(item[0])))


def version_order(version: str) -> tuple:
    """"2" before "10"; numbered versions before named ones."""
    return (0, int(version), "") if version.isdigit() else (1, 0, version)


@dataclass(frozen=True)
class Saved:
    stamp: Stamp
    programme: dict


def read(path: Path) -> Saved:
    """A saved snapshot; an unreadable or foreign one is an error naming the file."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise _error(path, f"cannot read it: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise _error(path, f"is not a booklet snapshot (not JSON: {exc})") from None
    try:
        if data.get("booklet") != "programme snapshot":
            raise ValueError("it does not say it is one")
        if data["format"] > FORMAT:
            raise ValueError(f"it has format {data['format']}, newer than this booklet's {FORMAT}")
        stamp = Stamp(str(data["version"]), dt.date.fromisoformat(data["date"]))
        body = {key: data[key] for key in ("title", "rooms", "sessions", "contributions")}
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise _error(path, f"is not a booklet snapshot ({exc})") from None
    return Saved(stamp, body)


def _error(path: Path, message: str) -> BookletError:
    return BookletError("", (Diagnostic(
        "error", Loc(str(path)), message,
        "booklet writes these files itself; restore it, or move it away to start the version history anew"),))


def _serialise(stamp: Stamp, body: dict) -> bytes:
    data = {"booklet": "programme snapshot", "format": FORMAT, "version": stamp.version,
            "date": stamp.date.isoformat(), **body}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build_day() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH (UTC) when it is set: a reproducible build's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def earlier(folder: Path, slug: str, version: str, now: Release) -> Saved:
    """The saved version `version` (or this build's own, when it is asked for); an unknown one is
    an error that lists the versions saved."""
    saved = saved_versions(folder, slug)
    if version in saved:
        return read(saved[version])
    if version == now.stamp.version:
        return Saved(now.stamp, now.programme)
    have = ", ".join(saved) if saved else "none yet"
    raise BookletError("", (Diagnostic(
        "error", Loc("--changes-since"), f"there is no version '{version[:40]}' in {folder} (versions saved: {have})",
        "a version is saved by each build into this output folder; name one of those, or build once to save "
        "the first" if not saved else "name one of the versions saved"),))
