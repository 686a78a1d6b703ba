"""The calendar edition: the timed programme → `<slug>.ics` (RFC 5545), one event per talk.

- One VEVENT per contribution with a `start` in a timed session (day, start and end): it begins
  on the session's day at that time and ends `duration` minutes later, or at the session's end.
  A timed session none of whose contributions has a time (a poster session, a break, a meal) is
  one VEVENT of its own. Sessions without a day or times, and contributions in them, are left out.
- Night sessions: times are counted from the beginning of the session's day (`Session.minute_of`),
  so a session 23:30–01:30 ends on the next date, and so does a talk at 00:30 in it.
- Times are local wall-clock times, as the booklet prints them, with the conference's `timezone`
  (an IANA name) as TZID and its VTIMEZONE made from the zoneinfo database for the years of the
  programme. Without a timezone the times are floating: each reader's calendar shows them at the
  same clock time wherever it is.
- UID: `<contribution id>@<slug>.booklet`, or `<session id>.session@<slug>.booklet`: made of names
  the content gives, not of times or positions, so an event moved to another day or room is
  the same event to a calendar that imports the file again.
- DTSTAMP: SOURCE_DATE_EPOCH when it is set, else 1970-01-01T00:00:00Z. Without a METHOD the RFC
  reads DTSTAMP as when the information was last revised, which booklet does not know; a fixed
  value keeps two builds of the same content byte-identical, as the PDFs are.

Texts are as the booklet prints them, without markup: titles are the converted Markdown (the
same text as the PDF's bookmarks) with tags taken off; the description holds the speakers, the
session's title and its chairs.
"""
from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass

from icalendar import Calendar, Event

from ..content.model import Conference, Contribution
from ..text.escape import plain

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060"), None)   # soft hyphens and break hints


@dataclass(frozen=True, slots=True)
class Entry:
    """One event as the programme gives it: local wall-clock times, texts without markup."""

    uid: str
    of: str                           # the contribution's id, or the session's for a session's event
    start: dt.datetime                # naive, local
    end: dt.datetime | None           # None: no end later than the start is known
    summary: str
    location: str
    description: str
    categories: tuple[str, ...]


def has_events(conference: Conference) -> bool:
    """Whether the programme has anything to put in a calendar: a session with a day and times."""
    return any(s.timed for s in conference.sessions)


def zone(conference: Conference) -> zoneinfo.ZoneInfo | None:
    """The conference's time zone, or None for floating times; ValueError for a name zoneinfo does
    not know."""
    name = (conference.timezone or "").strip()
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):   # OSError: a folder, such as 'Europe'
        raise ValueError(f"timezone {name[:80]!r} is not a time zone name of the IANA database") from None


def entries(conference: Conference, titles: dict[str, str], names: dict[str, str],
            labels: dict[str, str]) -> list[Entry]:
    """The programme's events in time order (ties: programme order). `titles` and `names` are the
    paragraph markup of titles (contribution or session id) and of persons' names (person id)."""
    def text(markup: str) -> str:
        return " ".join(plain(markup).translate(INVISIBLE).split())

    def person(p) -> str:
        return text(names[p.id]) if p.id in names else p.name

    def names_of(c: Contribution) -> str:
        return ", ".join(person(a.person) for a in c.speakers)

    out = []
    for session in conference.sessions:
        if not session.timed:
            continue
        session_title = text(titles.get(session.id, session.title))
        chairs = [person(p) for p in session.chairs]
        chair_line = f"{labels.get('chairs' if len(chairs) > 1 else 'chair', 'Chair')}: {', '.join(chairs)}" \
            if chairs else ""
        categories = tuple(dict.fromkeys(c for c in (labels.get(session.kind, session.kind),
                                                      session.track.name if session.track else None) if c))
        where = ", ".join(r.name for r in session.rooms) or session.location or ""
        day = dt.datetime.combine(session.day, dt.time())
        first, last = session.span
        timed = [c for c in session.contributions if c.start is not None]
        if not timed:   # one event for the session, its contributions (posters) listed
            items = [(f"{labels.get('board', 'Board')} {c.board}: " if c.board else "")
                     + text(titles.get(c.id, c.title)) + (f" ({names_of(c)})" if c.speakers else "")
                     for c in session.contributions]
            out.append(Entry(f"{session.id}.session@{conference.slug}.booklet", session.id, day + _minutes(first),
                             day + _minutes(last) if last > first else None, session_title, where,
                             "\n".join(line for line in [chair_line, *items] if line), categories))
            continue
        for c in timed:
            start = session.minute_of(c.start)
            end = start + c.duration if c.duration else last
            track = (c.track.name,) if c.track and c.track.name not in categories else ()
            lines = [names_of(c), session_title, chair_line]
            out.append(Entry(f"{c.id}@{conference.slug}.booklet", c.id, day + _minutes(start),
                             day + _minutes(end) if end > start else None, text(titles.get(c.id, c.title)),
                             where, "\n".join(line for line in lines if line), categories + track))
    return [e for _, e in sorted(enumerate(out), key=lambda pair: (pair[1].start, pair[0]))]


@dataclass(frozen=True, slots=True)
class Made:
    """A calendar made: its bytes and its events, in the file's order."""
    data: bytes
    events: list[Entry]


def make(conference: Conference, titles: dict[str, str], names: dict[str, str], labels: dict[str, str],
         *, version: str) -> Made:
    """The .ics file and its events. ValueError for an unknown time zone name."""
    events = entries(conference, titles, names, labels)
    return Made(_calendar(conference, events, version), events)


def calendar(conference: Conference, titles: dict[str, str], names: dict[str, str], labels: dict[str, str],
             *, version: str) -> tuple[bytes, int]:
    """The .ics file's bytes and its number of events. ValueError for an unknown time zone name."""
    made = make(conference, titles, names, labels, version=version)
    return made.data, len(made.events)


def single_events(made: Made) -> dict[str, bytes]:
    """Each event of the calendar as a calendar of its own, by the id of the contribution (or of the
    session, for a session's event) it is of: the same VEVENT, byte for byte, with the VTIMEZONE it
    needs, for a web page's "add to calendar" link. Cut out of the whole calendar's bytes rather than
    written again (icalendar is slow: a second pass would cost seconds on a large programme); a
    content line cannot hold a line break, so "BEGIN:VEVENT" starts a line only where an event does."""
    whole = made.data
    head_end = whole.index(b"\r\nBEGIN:V") + 2     # after the calendar's own properties
    head = _without(whole[:head_end], (b"NAME:", b"X-WR-CALNAME:"))   # not a calendar of its own
    zones = b"".join(_blocks(whole, b"VTIMEZONE"))
    blocks = _blocks(whole, b"VEVENT")
    assert len(blocks) == len(made.events), (len(blocks), len(made.events))
    return {entry.of: head + zones + block + b"END:VCALENDAR\r\n" for entry, block in zip(made.events, blocks)}


def _without(data: bytes, properties: tuple[bytes, ...]) -> bytes:
    """The content lines of `data` but those of `properties`, each dropped whole: a long one was
    folded (RFC 5545: its continuation lines start with a space), and they go with it."""
    kept, dropping = [], False
    for line in data.split(b"\r\n"):
        if not line.startswith(b" "):
            dropping = line.startswith(properties)
        if line and not dropping:
            kept.append(line + b"\r\n")
    return b"".join(kept)


def _blocks(data: bytes, name: bytes) -> list[bytes]:
    """The components `name` of a serialised calendar, each from its BEGIN line to its END line: lines
    that begin so (a value that says "BEGIN:VEVENT" is on a line of its own property)."""
    begin, end = b"\r\nBEGIN:" + name + b"\r\n", b"\r\nEND:" + name + b"\r\n"
    out, at = [], data.find(begin)
    while at >= 0:
        stop = data.index(end, at) + len(end)
        out.append(data[at + 2:stop])
        at = data.find(begin, stop - 2)
    return out


def _calendar(conference: Conference, events: list[Entry], version: str) -> bytes:
    tz = zone(conference)
    stamp = _stamp()
    cal = Calendar()
    cal.add("prodid", f"-//booklet//booklet {version}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", conference.title)
    cal.add("x-wr-calname", conference.title)
    for entry in events:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start.replace(tzinfo=tz))
        if entry.end is not None:
            event.add("dtend", entry.end.replace(tzinfo=tz))
        event.add("summary", entry.summary)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.categories:
            event.add("categories", list(entry.categories))
        cal.add_component(event)
    if tz is not None and events:
        # VTIMEZONE for the years of the programme only: a few lines, not every change since 1970
        first = min(e.start for e in events).date()
        last = max(e.end or e.start for e in events).date()
        cal.add_missing_timezones(first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1))
    return cal.to_ical()


def _minutes(n: int) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def _stamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else EPOCH
