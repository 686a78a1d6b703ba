"""Checks across the whole programme, once every session is read: rooms used
twice at once, contributions outside their session, people in two places."""
from __future__ import annotations

from collections import defaultdict

from ..errors import Diagnostics
from .model import DAY, Conference, Contribution, Session, clock


def check(conference: Conference, diag: Diagnostics) -> None:
    _contributions_inside_sessions(conference, diag)
    _contributions_one_at_a_time(conference, diag)
    _rooms_used_once_at_a_time(conference, diag)
    _people_in_one_place(conference, diag)


def _span(session: Session, contribution: Contribution | None = None) -> tuple[int, int] | None:
    """(start, end) of a contribution, or of its session, in minutes from the beginning of the
    session's day: an overnight session's next morning is past 1440."""
    if contribution is not None and contribution.start is not None:
        start = session.minute_of(contribution.start)
        end = start + contribution.duration if contribution.duration else session.span[1] if session.timed else start
        return start, max(end, start + 1)
    return session.span


def _absolute(session: Session, span: tuple[int, int]) -> tuple[int, int]:
    """A span counted from one fixed day, so that a night session meets the next day's first."""
    offset = session.day.toordinal() * DAY
    return span[0] + offset, span[1] + offset


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clock(span: tuple[int, int]) -> str:
    return "–".join(clock(m) for m in span)


def _contributions_inside_sessions(conference: Conference, diag: Diagnostics) -> None:
    for session in conference.sessions:
        for c in session.contributions:
            if c.start is None:
                continue
            if not session.timed:
                diag.error(c.loc, f"contribution '{c.id}': has a start time, but session '{session.id}' has none",
                           "give the session day, start and end")
                continue
            own, outer = _span(session, c), _span(session)
            if own[0] < outer[0] or own[1] > outer[1]:
                diag.error(c.loc, f"contribution '{c.id}': {_clock(own)} is outside its session "
                                  f"'{session.id}' ({_clock(outer)})", "check start and duration")


def _contributions_one_at_a_time(conference: Conference, diag: Diagnostics) -> None:
    """Two talks of one session at the same time are a slip (posters hang side by side)."""
    for session in conference.sessions:
        if session.kind == "posters" or not session.timed:
            continue
        timed = [(_span(session, c), c) for c in session.contributions if c.start is not None]
        for i, (span, c) in enumerate(timed):
            clash = next(((s, o) for s, o in timed[:i] if _overlap(s, span)), None)
            if clash:
                diag.warn(c.loc, f"contribution '{c.id}' ({_clock(span)}) overlaps '{clash[1].id}' "
                                 f"({_clock(clash[0])}) in session '{session.id}'",
                          "check its start and duration; the programme shows them in time order")


def _rooms_used_once_at_a_time(conference: Conference, diag: Diagnostics) -> None:
    """A timed session without a room (and not at another `location`) spans all rooms, so it
    double-books each room it overlaps a session in: a warning, as rooms are often left out."""
    by_room: dict[tuple, list[Session]] = defaultdict(list)
    names = {room.id: room.name for room in conference.rooms}
    for session in conference.sessions:
        if session.timed:
            rooms = session.rooms or (() if session.location else conference.rooms)
            for room in rooms:
                by_room[room.id].append(session)
    reported: set[tuple[str, str]] = set()
    for room_id, sessions in by_room.items():
        sessions.sort(key=lambda s: _absolute(s, s.span))
        for i, later in enumerate(sessions):
            for earlier in sessions[:i]:
                if not _overlap(_absolute(earlier, earlier.span), _absolute(later, later.span)) \
                        or (earlier.id, later.id) in reported:
                    continue
                reported.add((earlier.id, later.id))
                message = (f"session '{later.id}' ({_clock(_span(later))}) overlaps session '{earlier.id}' "
                           f"({_clock(_span(earlier))}) in room '{names[room_id]}' on {later.day}")
                if earlier.rooms and later.rooms:
                    diag.error(later.loc, message, "move one of them to another room or time")
                else:   # imported programmes often leave a room out: said, but not fatal (fatal with --strict)
                    diag.warn(later.loc, message + " (a session without a room spans all rooms)",
                              "give the session its room, or `location:` when it is elsewhere")


def _people_in_one_place(conference: Conference, diag: Diagnostics) -> None:
    busy: dict[str, list[tuple[tuple[int, int], Session, Contribution]]] = defaultdict(list)
    for session in conference.sessions:
        if not session.timed or session.kind == "posters":
            continue
        for c in session.contributions:
            span = _absolute(session, _span(session, c))
            for author in c.speakers:
                busy[author.person.id].append((span, session, c))
    for person_id, slots in busy.items():
        slots.sort(key=lambda item: item[0])
        for (a, sa, ca), (b, sb, cb) in zip(slots, slots[1:]):
            if sa is not sb and _overlap(a, b):
                diag.warn(cb.loc, f"contribution '{cb.id}': {person_id} also speaks in '{ca.id}' at the same "
                                  f"time ({sb.day}, {_clock(_span(sb, cb))})")
