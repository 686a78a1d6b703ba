"""frab / pretalx / pentabarf schedules (the c3voc schedule schema), as XML or JSON.

These formats have no session concept: each event becomes a session holding one
contribution with the same title, which booklet shows as one item. The session
kind comes from the event type ("lecture", "Workshop (2h)", "devroom", "bof"),
else from the track or title ("Lunch Break", a track named "Pause").

Times: an event's <date> (with its UTC offset) is converted to the conference
time zone. When the declared zone contradicts the offsets and the <start> field
(pretalx DemoCon says "UTC" but writes +01:00), the clock time the source shows
wins and the time zone is left out. Without <date>, the <day date> and <start>
are used, and a start before the day_change hour belongs to the next calendar day.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..content.schema import is_language_tag
from . import markup, timeutil
from .project import Contribution, People, Programme, Session, kind_from_words
from .report import Report


@dataclass
class Event:
    """One event as both XML and JSON readers hand it over."""

    id: str | None
    day: dt.date | None
    room: str | None                 # the enclosing room's name
    fields: dict[str, str | None]
    persons: list[tuple[str | None, str]] = field(default_factory=list)   # (source id, name)
    person_list: str | None = None   # a comma-separated <person> text (hand-made schedules)


@dataclass
class Schedule:
    meta: dict[str, str | None]
    events: list[Event]
    tracks: list[tuple[str, str | None]] = field(default_factory=list)    # (name, colour)
    rooms: list[tuple[str, int | None]] = field(default_factory=list)     # (name, capacity)
    markup: str = "auto"             # "markdown" for pretalx and wafer, which write Markdown


# -- XML -----------------------------------------------------------------------
def from_xml(root) -> Schedule:
    def text(el, tag):
        child = el.find(tag)
        return child.text if child is not None else None

    conf = root.find("conference")
    meta = {}
    if conf is not None:
        for tag in ("title", "acronym", "start", "end", "time_zone_name", "venue", "city", "day_change",
                    "timeslot_duration"):
            meta[tag] = text(conf, tag)
    generator = root.find("generator")
    gen_name = ((generator.get("name") or generator.text or "") if generator is not None else "").lower()
    tracks = [(t.get("name") or t.text or "", t.get("color") or t.get("colour"))
              for t in (conf.findall("track") + conf.findall("tracks/track") if conf is not None else [])]
    rooms = [(r.get("name") or r.text or "", _int(r.get("capacity")))
             for r in (conf.findall("rooms/room") if conf is not None else [])]
    events = []
    for day in root.findall("day"):
        day_date = _date(day.get("date"))
        for room in day.findall("room"):
            for ev in room.findall("event"):
                fields = {}
                for child in ev:
                    if child.tag in ("persons", "links", "attachments", "recording", "answers"):
                        continue
                    fields[child.tag] = child.text
                persons = [(p.get("id"), p.text or "") for p in ev.findall("persons/person")]
                events.append(Event(ev.get("id") or fields.get("id"), day_date, room.get("name"), fields, persons,
                                    person_list=fields.get("person")))
    return Schedule(meta, events, tracks=[t for t in tracks if t[0]], rooms=[r for r in rooms if r[0]],
                    markup="markdown" if any(g in gen_name for g in ("pretalx", "wafer")) else "auto")


# -- JSON ----------------------------------------------------------------------
def from_json(data: dict) -> Schedule:
    schedule = data.get("schedule", data)
    conf = schedule.get("conference", {})
    meta = {k: _str(conf.get(k)) for k in ("title", "acronym", "start", "end", "time_zone_name", "venue", "city",
                                           "day_change", "timeslot_duration")}
    tracks = [(_str(t.get("name")) or "", _str(t.get("color") or t.get("colour")))
              for t in conf.get("tracks") or [] if isinstance(t, dict)]
    rooms = [(_str(r.get("name")) or "", _int(r.get("capacity"))) for r in conf.get("rooms") or []
             if isinstance(r, dict)]
    events = []
    for day in conf.get("days") or []:
        day_date = _date(day.get("date"))
        rooms_of_day = day.get("rooms")
        for room_name, room_events in (rooms_of_day.items() if isinstance(rooms_of_day, dict) else ()):
            for ev in room_events or []:
                fields = {k: _str(v) for k, v in ev.items() if not isinstance(v, (list, dict))}
                code = None
                url = ev.get("url") or ""
                m = re.search(r"/talk/([A-Z0-9]{5,10})/?$", url)
                if m:
                    code = m[1]
                fields["code"] = code
                persons = []
                for p in ev.get("persons") or []:
                    if isinstance(p, dict):
                        name = p.get("public_name") or p.get("full_public_name") or p.get("name") or ""
                        persons.append((_str(p.get("code") or p.get("guid") or p.get("id")), name))
                    elif isinstance(p, str):
                        persons.append((None, p))
                events.append(Event(_str(ev.get("id")), day_date, room_name, fields, persons))
    generator = str((data.get("$schema") or "") + (schedule.get("base_url") or "") + str(conf.get("generator", "")))
    is_pretalx = "pretalx" in generator.lower() or any(e.fields.get("code") for e in events)
    return Schedule(meta, events, tracks=[t for t in tracks if t[0]], rooms=[r for r in rooms if r[0]],
                    markup="markdown" if is_pretalx else "auto")


# -- shared ----------------------------------------------------------------------
def to_programme(s: Schedule, report: Report, people: People) -> Programme:
    meta = s.meta
    p = Programme(title=markup.clean_line(meta.get("title")), short=markup.clean_line(meta.get("acronym")),
                  start=_date(meta.get("start")), end=_date(meta.get("end")))
    venue = markup.clean_line(meta.get("venue"))
    city = markup.clean_line(meta.get("city"))
    p.venue = f"{venue}, {city}" if venue and city and city not in venue else venue or city
    tz_name = (meta.get("time_zone_name") or "").strip() or None
    tz = timeutil.zone(tz_name)
    if tz_name and tz is None:
        report.dropped("unknown time zone name", tz_name)
    day_change = timeutil.clock(meta.get("day_change")) or 0
    for name, capacity in s.rooms:
        p.room(name, capacity=capacity)
    for name, colour in s.tracks:
        p.track(name, colour)

    tz_conflicts, offsets_without_zone = [], 0
    languages: dict[str, int] = {}
    seen: dict[tuple, Session] = {}
    for order, ev in enumerate(s.events):
        f = ev.fields
        title = markup.clean_line(f.get("title"))
        if not title:
            report.dropped("events without a title", f"event {ev.id}")
            continue
        # -- when
        start_field = timeutil.clock(f.get("start"))
        stamp = timeutil.iso_datetime(f.get("date"))
        day, start = None, None
        date_only = stamp is not None and len(str(f.get("date")).strip()) <= 10
        if stamp is not None and not date_only:
            local = stamp
            if stamp.tzinfo is not None and tz is not None:
                local = stamp.astimezone(tz)
                if start_field is not None and timeutil.minutes_of(local) != start_field % 1440 \
                        and timeutil.minutes_of(stamp) == start_field % 1440:
                    tz_conflicts.append(f"{title}: {f.get('date')}")
                    local = stamp
            elif stamp.tzinfo is not None:
                offsets_without_zone += 1
            day, start = local.date(), timeutil.minutes_of(local)
        elif (ev.day is not None or date_only) and start_field is not None:
            day, start = (stamp.date() if date_only else ev.day), start_field
            if not date_only and start_field < day_change:
                day += dt.timedelta(days=1)
        elif ev.day is not None or date_only:
            day = stamp.date() if date_only else ev.day
            report.dropped("events without a start time (kept without time)", title)
        length = timeutil.duration(f.get("duration"))
        if f.get("duration") not in (None, "") and length is None:
            report.dropped("durations that could not be read", f"{title}: {f.get('duration')!r}")
        if length is None and start is not None:
            report.check("events without a duration: no end time", title)
        # -- where
        room = p.room(ev.room) if ev.room else p.room(f.get("room"))
        if ev.room and f.get("room") and markup.clean_line(f.get("room")) != markup.clean_line(ev.room):
            report.changed("an event's <room> differs from the room it is listed in: the enclosing room kept",
                           f"{title}: {f.get('room')!r} in {ev.room!r}")
        # -- what
        key = (ev.id, day, start, title)
        if ev.id and key in seen:
            session = seen[key]
            if room and room not in session.rooms:
                session.rooms.append(room)
                report.merged("one event listed in several rooms: one session in all of them",
                              f"{title} ({', '.join(session.rooms)})")
            continue
        event_type = markup.clean_line(f.get("type"))
        track = markup.clean_line(f.get("track"))
        kind = kind_from_words(event_type)
        if kind is None:
            kind = kind_from_words(title, track, whole_words=True)
            if kind is not None:
                report.guessed("session kind from the track or title", f"{title} → {kind}")
            else:
                kind = "talks"
        if kind in ("break", "meal") and track and kind_from_words(track, whole_words=True) in ("break", "meal"):
            track = None                       # a "Pause" track only says it is a break
        track = p.track(track) if track else None
        lang = (f.get("language") or "").strip().lower()
        if re.fullmatch(r"[a-z]{2}", lang):
            languages[lang] = languages.get(lang, 0) + 1
        if not is_language_tag(lang):
            lang = None                       # "English", "-": not a tag a page can carry
        where = f"event {ev.id}"
        abstract = _abstract(f, s.markup, report, where)
        contribution = Contribution(title=title, source_id=_contribution_id(ev), abstract=abstract, track=None,
                                    url=markup.web_url(f.get("url"), report, where), lang=lang)
        for pid, name in ev.persons:
            for ref in people.add_all(name, source_id=f"person:{pid}" if pid else None, where=where):
                if all(r.key != ref.key for r in contribution.speakers):
                    contribution.speakers.append(ref)
        if ev.person_list and not ev.persons:
            parts = [x for x in re.split(r"\s*(?:,|;|\s&\s|\sand\s|\sund\s)\s*", ev.person_list) if x.strip()]
            if len(parts) > 1:
                report.guessed("persons split from a comma-separated <person> list", ev.person_list)
            for name in parts:
                for ref in people.add_all(name, where=where):
                    if all(r.key != ref.key for r in contribution.speakers):
                        contribution.speakers.append(ref)
        session = Session(title=title, kind=kind, day=day, start=start,
                          end=start + length if start is not None and length else None,
                          rooms=[room] if room else [], track=track, contributions=[contribution], order=order)
        if length and start is None:
            contribution.duration = length
        seen[key] = session
        p.sessions.append(session)

    if tz_name and tz is not None and not tz_conflicts:
        p.timezone = tz_name
    elif tz_conflicts:
        report.check(f"time zone '{tz_name}' contradicts the events' own UTC offsets: the clock times the source "
                     "shows were kept and the time zone left out", tz_conflicts[0], count=len(tz_conflicts))
    if offsets_without_zone:
        report.check("event times carry a UTC offset but the source names no time zone: written as given "
                     "(set timezone in conference.yaml)", count=offsets_without_zone)
    if languages:
        p.language = max(languages, key=languages.get)
    return p


def _abstract(f: dict, kind: str, report: Report, where: str) -> str | None:
    parts = []
    subtitle = markup.clean_line(f.get("subtitle"))
    if subtitle:
        parts.append(markup.escape_block(subtitle))
        report.changed("subtitles kept as the first paragraph of the abstract", where)
    abstract = markup.to_markdown(f.get("abstract"), kind, report, where)
    description = markup.to_markdown(f.get("description"), kind, report, where)
    if abstract:
        parts.append(abstract)
    if description and not (abstract and (description == abstract or description.startswith(abstract))):
        parts.append(description)
    elif description:
        parts[-1] = description
    return "\n\n".join(parts) or None


def _contribution_id(ev: Event) -> str | None:
    """pretalx's talk code (from the event URL), else the event's slug, else "e" + its id."""
    code = ev.fields.get("code")
    m = re.search(r"/talk/([A-Z0-9]{5,10})/?$", ev.fields.get("url") or "")
    code = code or (m[1] if m else None)
    if code:
        return code.lower()
    slug = (ev.fields.get("slug") or "").strip()
    if slug and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,47}", slug):
        return slug
    return f"e{ev.id}" if ev.id else None


def _date(text) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def _int(value) -> int | None:
    try:
        n = int(str(value).strip())
        return n if n > 0 else None
    except (TypeError, ValueError):
        return None


def _str(value) -> str | None:
    if value is None:
        return None
    return str(value)
