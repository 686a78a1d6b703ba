"""What changed between two versions of the programme (two snapshots, see snapshot.py).

Contributions and sessions are matched by id. A contribution is added, cancelled, moved (to
another day, time or room), retitled, or has other speakers; a session likewise, or has other
chairs. A talk that moves only because its whole session moved is told once, as the session's
move, and the talks of a cancelled session go with it. The lists keep programme order: the new programme's, and the old one's for what is gone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .snapshot import Stamp

# The kinds of change, in the order a list of them shows them.
TALK_KINDS = ("added", "cancelled", "moved", "retitled", "speakers")
SESSION_KINDS = ("session added", "session cancelled", "session moved", "session retitled", "chairs")
WHERE = ("day", "start", "end", "rooms", "location")


@dataclass(frozen=True, slots=True)
class Change:
    kind: str            # one of TALK_KINDS or SESSION_KINDS
    id: str              # the contribution's or the session's
    old: dict | None     # its record in the earlier snapshot (None: added)
    new: dict | None     # and in this one (None: cancelled)

    @property
    def record(self) -> dict:
        """Its record now, or as it was when it is gone."""
        return self.new if self.new is not None else self.old

    @property
    def days(self) -> set[dt.date]:
        return {dt.date.fromisoformat(r["day"]) for r in (self.old, self.new) if r and r.get("day")}


@dataclass(frozen=True)
class Changes:
    since: Stamp
    now: Stamp
    entries: tuple[Change, ...]
    old_rooms: dict[str, str]    # room id → name, then
    new_rooms: dict[str, str]    # and now

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.entries if c.kind == kind]

    @property
    def days(self) -> list[dt.date]:
        """Every day a change touches, where it was or where it is now."""
        return sorted(set().union(*(c.days for c in self.entries)))

    def __len__(self) -> int:
        return len(self.entries)


def compare(old: dict, new: dict, since: Stamp, now: Stamp) -> Changes:
    """The changes from programme `old` to `new` (snapshot.programme data)."""
    old_sessions, new_sessions = old["sessions"], new["sessions"]
    moved = {sid for sid, s in new_sessions.items() if sid in old_sessions and _where(old_sessions[sid]) != _where(s)}

    def carried(cid: str) -> bool:
        if cid not in new["contributions"]:        # cancelled: with its whole session?
            return old["contributions"][cid]["session"] not in new_sessions
        return _carried(old["contributions"][cid], new["contributions"][cid], old_sessions, new_sessions, moved)

    entries = []
    for kind in TALK_KINDS:
        entries += _of_kind(kind, old["contributions"], new["contributions"], carried)
    for kind in SESSION_KINDS:
        entries += _of_kind(kind, old_sessions, new_sessions, lambda sid: False)
    return Changes(since, now, tuple(entries), old["rooms"], new["rooms"])


def _of_kind(kind: str, before: dict, after: dict, carried) -> list[Change]:
    """The changes of `kind` from records `before` to `after` (by id); `carried(id)`: a move or a
    cancellation that is told as its session's."""
    what = kind.removeprefix("session ")
    if what == "added":
        return [Change(kind, i, None, r) for i, r in after.items() if i not in before]
    if what == "cancelled":
        return [Change(kind, i, r, None) for i, r in before.items() if i not in after and not carried(i)]
    out = []
    for i, r in after.items():
        was = before.get(i)
        if was is None:
            continue
        if _differs(what, was, r) and not (what == "moved" and carried(i)):
            out.append(Change(kind, i, was, r))
    return out


def _differs(what: str, was: dict, now: dict) -> bool:
    if what == "moved":
        return _where(was) != _where(now)
    if what == "retitled":
        return was["title"] != now["title"]
    return was.get(what) != now.get(what)     # speakers, chairs


def _where(record: dict) -> tuple:
    return tuple(str(record.get(key)) for key in WHERE)


def _carried(was: dict, now: dict, old_sessions: dict, new_sessions: dict, moved: set[str]) -> bool:
    """Whether a contribution moved only with its session: the same session, which moved, and the
    same place in it (minutes from its start to the talk's start and end)."""
    session = now["session"]
    if was["session"] != session or session not in moved:
        return False
    return _offsets(was, old_sessions[session]) == _offsets(now, new_sessions[session])


def _offsets(record: dict, session: dict) -> tuple:
    start = _minutes(session.get("start"))
    return tuple(None if start is None or _minutes(record.get(key)) is None else _minutes(record[key]) - start
                 for key in ("start", "end"))


def _minutes(clock: str | None) -> int | None:
    if not clock:
        return None
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)
