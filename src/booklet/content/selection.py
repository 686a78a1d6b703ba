"""`booklet build --only day=…,room=…,track=…`: a part of the programme as a Conference of its own.

Filters are `key=value` pairs, comma-separated in one option or given in several; values of one
key are alternatives (any of them), different keys must all hold:

- day: a session on that day (its ISO date).
- room: a session in that room, or one tied to no room and no place (a keynote, a break for all
  rooms), which belongs to every room's booklet.
- track: a session of that track, with all its contributions, or a session holding contributions
  of that track, with only those.

The filtered Conference is made before anything is laid out, so every section, the index and
every edition see only what matches. People who no longer chair or author anything leave
`Conference.people` (and so the index); the committees, sponsors and organiser's pages stay.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import BookletError, Diagnostics, Loc
from .model import Conference, Room, Session, Track

KEYS = ("day", "room", "track")
WHERE = Loc("--only")
MAX_SUFFIX = 100   # characters of the file-name suffix; a longer selection is named by a digest


@dataclass(frozen=True)
class Selection:
    """What a filtered booklet holds, each in the conference's order; empty: everything."""

    days: tuple[dt.date, ...] = ()
    rooms: tuple[Room, ...] = ()
    tracks: tuple[Track, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.days or self.rooms or self.tracks)

    @property
    def suffix(self) -> str:
        """What the output files add to the slug: '-day-2026-06-15-room-semper' (ids only: the
        same selection, in any order of options, names the same files; never the full booklet's)."""
        parts = [("day", [d.isoformat() for d in self.days]), ("room", [r.id for r in self.rooms]),
                 ("track", [t.id for t in self.tracks])]
        suffix = "".join(f"-{key}-{'-'.join(values)}" for key, values in parts if values)
        if len(suffix) > MAX_SUFFIX:
            suffix = f"-only-{hashlib.sha256(suffix.encode()).hexdigest()[:12]}"
        return suffix


def parse(options: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """`["day=2026-06-15,track=ml", "day=2026-06-16"]` → {"day": ("2026-06-15", "2026-06-16"), "track": ("ml",)}.
    A pair without `=`, an unknown key or an empty value is an error."""
    diag = Diagnostics()
    wanted: dict[str, list[str]] = {}
    for option in [options] if isinstance(options, str) else options:
        for pair in option.split(","):
            pair = pair.strip()
            key, equals, value = (part.strip() for part in pair.partition("="))
            if not equals or not value:
                diag.error(WHERE, f"'{pair[:80]}' is not KEY=VALUE",
                           "write day=2026-06-15, room=ROOM-ID or track=TRACK-ID; several with commas")
            elif key not in KEYS:
                diag.error(WHERE, f"unknown filter '{key[:40]}' in '{pair[:80]}'", f"filter by {', '.join(KEYS)}")
            elif value not in wanted.setdefault(key, []):
                wanted[key].append(value)
    diag.raise_if_errors(BookletError)
    return {key: tuple(values) for key, values in wanted.items()}


def resolve(conference: Conference, wanted: dict[str, tuple[str, ...]]) -> Selection:
    """The days, rooms and tracks `wanted` names; a value the conference does not have is an
    error listing those it has."""
    diag = Diagnostics()
    on = sorted({day_of(s, conference) for s in conference.sessions} - {None})
    days = {d.isoformat(): d for d in on}
    rooms = {r.id: r for r in conference.rooms}
    tracks = {t.id: t for t in conference.tracks}
    chosen = {}
    for key, known, shown in (("day", days, lambda d: d), ("room", rooms, lambda r: f"{r} ({rooms[r].name})"),
                              ("track", tracks, lambda t: f"{t} ({tracks[t].name})")):
        values = wanted.get(key, ())
        for value in values:
            if value not in known:
                listing = "; ".join(shown(k) for k in known)
                diag.error(WHERE, f"unknown {key} '{value[:80]}'",
                           f"the {key}s are: {listing}" if known else f"the programme has no {key}s")
        chosen[key] = tuple(item for k, item in known.items() if k in values)   # the conference's order
    diag.raise_if_errors(BookletError)
    return Selection(chosen["day"], chosen["room"], chosen["track"])


def select(conference: Conference, selection: Selection) -> Conference:
    """The conference with only the sessions (and contributions) `selection` holds, and only the
    people who still appear in them. Nothing kept is an error, and so is nothing in the rooms chosen
    but sessions for all rooms."""
    if not selection:
        return conference
    sessions = []
    for session in conference.sessions:
        if selection.days and day_of(session, conference) not in selection.days:
            continue
        if selection.rooms and not _in_rooms(session, selection.rooms):
            continue
        if selection.tracks and session.track not in selection.tracks:
            contributions = tuple(c for c in session.contributions if c.track in selection.tracks)
            if not contributions:
                continue
            session = dataclasses.replace(session, contributions=contributions)
        sessions.append(session)
    # sessions for all rooms alone are no room's programme: a room unused on the days chosen matches nothing
    if not sessions or (selection.rooms and not any(s.rooms for s in sessions)):
        diag = Diagnostics()
        diag.error(WHERE, f"{describe(selection)}: no session matches",
                   "a session must match one value of each key given (a day, a room, a track); "
                   "leave a key out to keep all of its values")
        diag.raise_if_errors(BookletError)
    appearing = {p.id for s in sessions for p in s.chairs} | \
                {a.person.id for s in sessions for c in s.contributions for a in c.authors}
    return dataclasses.replace(conference, sessions=tuple(sessions),
                               people=tuple(p for p in conference.people if p.id in appearing))


def describe(selection: Selection) -> str:
    """'day=2026-06-15 room=semper,zwinger': the selection as the options say it."""
    parts = [("day", [d.isoformat() for d in selection.days]), ("room", [r.id for r in selection.rooms]),
             ("track", [t.id for t in selection.tracks])]
    return " ".join(f"{key}={','.join(values)}" for key, values in parts if values)


def day_of(session: Session, conference: Conference) -> dt.date | None:
    """The session's day; in a one-day conference a session without one is on that day."""
    return session.day or (conference.start if conference.start == conference.end else None)


def _in_rooms(session: Session, rooms: tuple[Room, ...]) -> bool:
    if not session.rooms:
        return session.location is None   # for all rooms; a place outside them is in none
    return any(room in rooms for room in session.rooms)
