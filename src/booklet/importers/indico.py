"""Indico HTTP export API JSON: event export (detail=sessions or detail=contributions)
and the timetable export (/export/timetable/ID.json).

- detail=sessions: each session block (SessionSlot) becomes a session with its
  conveners as chairs; contributions without a session become sessions of their
  own, and unscheduled ones (no start date) go to an untimed session at the end.
- detail=contributions: contributions are grouped into session blocks by their
  session name, day and room, split where a gap of 15 minutes or more opens.
- timetable: Session, Contribution and Break entries as Indico lays them out.

Speakers, primary authors and co-authors keep the affiliation each contribution
gives them. Times are converted from the export's zone into the event's own zone.
E-mail addresses, e-mail hashes, phone numbers, URLs with API keys and event
descriptions (which hold room-booking PINs) are never copied; an e-mail hash is
only used in memory to recognise the same person written in two ways.
"""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from . import markup, names, timeutil
from .project import (
    Contribution,
    People,
    PersonRef,
    Programme,
    Session,
    kind_from_words,
)
from .report import Report

_EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e"


def is_event_export(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("results"), list) and \
        any(isinstance(r, dict) and (r.get("_type") == "Conference" or "sessions" in r or "contributions" in r)
            for r in data["results"])


def is_timetable_export(data) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        return False
    for days in data["results"].values():
        if isinstance(days, dict) and all(re.fullmatch(r"\d{8}", k) for k in days):
            return True
    return False


class _Reader:
    def __init__(self, report: Report, people: People, tz: ZoneInfo | None):
        self.report, self.people, self.tz = report, people, tz

    # -- values
    def when(self, value) -> dt.datetime | None:
        """{date, time, tz} → the local time in the event zone (as written when no zone is known)."""
        if not isinstance(value, dict) or not value.get("date"):
            return None
        try:
            stamp = dt.datetime.fromisoformat(f"{value['date']}T{(value.get('time') or '00:00:00')[:8]}")
        except ValueError:
            return None
        zone = timeutil.zone(value.get("tz"))
        if zone is not None and self.tz is not None:
            stamp = stamp.replace(tzinfo=zone).astimezone(self.tz)
        return stamp.replace(tzinfo=None)     # naive, in the event zone: all of them compare

    def person(self, p: dict, where: str) -> list[PersonRef]:
        if not isinstance(p, dict):
            return []
        first = p.get("first_name", p.get("firstName"))
        last = p.get("last_name", p.get("familyName"))
        full = p.get("fullName") or p.get("name") or ""
        affiliation = markup.clean_line(p.get("affiliation"))
        email_hash = p.get("emailHash")
        source_id = f"email:{email_hash}" if email_hash and email_hash != _EMPTY_MD5 else None
        if last:
            title = markup.clean_line(p.get("title"))
            return self.people.add_all(f"{title or ''} {first or ''} {last}".strip(), affiliations=[affiliation]
                                       if affiliation else [], source_id=source_id,
                                       given=f"{title or ''} {first or ''}", family=last, where=where)
        return self.people.add_all(full, affiliations=[affiliation] if affiliation else [], source_id=source_id,
                                   family_first=True, where=where)

    def persons(self, items, where: str) -> list[PersonRef]:
        out = []
        for p in items or []:
            for ref in self.person(p, where):
                if all(r.key != ref.key for r in out):
                    out.append(ref)
        return out

    def contribution(self, c: dict, p: Programme, session_day: dt.date | None = None) -> Contribution | None:
        title = markup.clean_line(c.get("title"))
        where = f"contribution {c.get('friendly_id') or c.get('id')}"
        if not title:
            self.report.dropped("contributions without a title", where)
            return None
        speakers = self.persons(c.get("speakers"), where)
        authors = self.persons((c.get("primaryauthors") or []) + (c.get("coauthors") or []), where)
        if not speakers and not c.get("speakers") and c.get("presenters"):
            speakers = self.persons(c.get("presenters"), where)
        code = markup.clean_line(c.get("code"))
        ident = code or (f"c{c.get('friendly_id') or c.get('contributionId') or c.get('id')}"
                         if (c.get("friendly_id") or c.get("contributionId") or c.get("id")) else None)
        out = Contribution(title=title, source_id=ident, speakers=speakers,
                           authors=[a for a in authors if a.key not in {s.key for s in speakers}],
                           abstract=markup.to_markdown(c.get("description"), "auto", self.report, where),
                           board=markup.clean_line(str(c["board_number"])) if c.get("board_number") else None,
                           track=p.track(markup.clean_line(c.get("track"))),
                           url=markup.web_url(c.get("url"), self.report, where))
        start = self.when(c.get("startDate"))
        if start is not None and session_day is not None:
            out.start = timeutil.minutes_of(start) + (start.date() - session_day).days * 1440
        duration = c.get("duration")
        if isinstance(duration, (int, float)) and duration > 0:
            out.duration = int(duration)
        if c.get("subContributions"):
            self.report.dropped("sub-contributions (not part of booklet's model)", where,
                                len(c["subContributions"]))
        return out

    def single(self, c: dict, p: Programme, order: int) -> Session | None:
        """A contribution outside any session: a session of its own."""
        start = self.when(c.get("startDate"))
        end = self.when(c.get("endDate"))
        contribution = self.contribution(c, p, start.date() if start else None)
        if contribution is None:
            return None
        kind = kind_from_words(c.get("type")) if c.get("type") else None
        kind = kind or kind_from_words(contribution.title, whole_words=True) or "talks"
        room = p.room(markup.clean_line(c.get("room") or c.get("roomFullname")))
        contribution.start = contribution.duration = None
        s = Session(title=contribution.title, kind=kind, rooms=[room] if room else [], contributions=[contribution],
                    order=order)
        self._times(s, start, end)
        return s

    def _times(self, s: Session, start: dt.datetime | None, end: dt.datetime | None) -> None:
        if start is None:
            return
        s.day, s.start = start.date(), timeutil.minutes_of(start)
        if end is not None and end > start:
            s.end = s.start + int((end - start).total_seconds() // 60)


def _kind(title: str, contributions: list[Contribution], raw: list[dict], is_poster: bool) -> str:
    if is_poster:
        return "posters"
    if re.search(r"\bplenary\b|\bplenum\b", title, re.IGNORECASE):
        return "plenary"
    types = [str(c.get("type") or "") for c in raw if isinstance(c, dict)]
    if types and all(re.search(r"poster", t, re.IGNORECASE) for t in types):
        return "posters"
    return kind_from_words(title, whole_words=True) or "talks"


def _event_meta(ev: dict, report: Report, recase_capitals: bool = False) -> tuple[Programme, ZoneInfo | None]:
    tz_name = ev.get("timezone") or (ev.get("startDate") or {}).get("tz")
    tz = timeutil.zone(tz_name)
    p = Programme(title=markup.clean_line(ev.get("title")), timezone=tz_name if tz else None)
    reader = _Reader(report, People(report), tz)
    start, end = reader.when(ev.get("startDate")), reader.when(ev.get("endDate"))
    p.start, p.end = (start.date() if start else None), (end.date() if end else None)
    venue = markup.clean_line(ev.get("location"))
    p.venue = venue
    organisers = []
    for chair in ev.get("chairs") or []:
        name = chair.get("fullName") or chair.get("name") if isinstance(chair, dict) else None
        if name:
            parsed, _ = names.parse(name, family_first=True, recase_capitals=recase_capitals)
            if parsed and parsed.display not in organisers:
                organisers.append(parsed.display)
    p.organisers = organisers
    if ev.get("description"):
        report.dropped("the event description (not shown in a booklet; may hold PINs and booking links)")
    return p, tz


def read_event_export(data: dict, report: Report, people: People) -> Programme:
    results = [r for r in data["results"] if isinstance(r, dict)]
    if len(results) > 1:
        report.dropped("further events in the export (only the first is imported)", count=len(results) - 1)
    ev = results[0]
    p, tz = _event_meta(ev, report, people.recase_capitals)
    r = _Reader(report, people, tz)
    order = 0
    if "sessions" in ev:
        for slot in ev.get("sessions") or []:
            if not isinstance(slot, dict):
                continue
            session_info = slot.get("session") if isinstance(slot.get("session"), dict) else {}
            title = markup.clean_line(slot.get("title")) or markup.clean_line(session_info.get("title")) or "Session"
            start, end = r.when(slot.get("startDate")), r.when(slot.get("endDate"))
            day = start.date() if start else None
            contributions = [c for c in (r.contribution(c, p, day) for c in slot.get("contributions") or []
                                         if isinstance(c, dict)) if c]
            chairs = r.persons(slot.get("conveners") or session_info.get("sessionConveners"), f"session {title}")
            room = p.room(markup.clean_line(slot.get("room") or slot.get("roomFullname")))
            s = Session(title=title, kind=_kind(title, contributions, slot.get("contributions") or [],
                                               bool(session_info.get("isPoster"))),
                        rooms=[room] if room else [], chairs=chairs, contributions=contributions, order=order,
                        url=markup.web_url(slot.get("url") or session_info.get("url"), r.report,
                                           f"session {title}"))
            r._times(s, start, end)
            _sort_contributions(s)
            p.sessions.append(s)
            order += 1
        loose = ev.get("contributions") or []
        unscheduled = []
        for c in loose:
            if not isinstance(c, dict):
                continue
            if c.get("startDate"):
                s = r.single(c, p, order)
                if s:
                    p.sessions.append(s)
                    order += 1
            else:
                unscheduled.append(c)
        _unscheduled(unscheduled, r, p, order)
    else:
        _group_contributions(ev.get("contributions") or [], r, p, report)
    return p


def _unscheduled(items: list[dict], r: _Reader, p: Programme, order: int) -> None:
    if not items:
        return
    posters = [c for c in items if re.search(r"poster", str(c.get("type") or ""), re.IGNORECASE)]
    others = [c for c in items if c not in posters]
    for group, title, kind in ((others, "Contributions not in the timetable", "talks"),
                               (posters, "Posters not in the timetable", "posters")):
        contributions = [x for x in (r.contribution(c, p) for c in group) if x]
        if contributions:
            p.sessions.append(Session(title=title, kind=kind, contributions=contributions, order=order))
            order += 1
            r.report.check(f"contributions without a time put in the untimed session '{title}'",
                           contributions[0].title, count=len(contributions))


def _group_contributions(items: list[dict], r: _Reader, p: Programme, report: Report) -> None:
    """detail=contributions: contributions → session blocks by session name, day, room and time."""
    timed, unscheduled = [], []
    for c in items:
        if not isinstance(c, dict):
            continue
        start = r.when(c.get("startDate"))
        (timed if start else unscheduled).append((start, c))
    timed.sort(key=lambda x: x[0])
    groups: list[dict] = []
    open_groups: dict[tuple, dict] = {}
    order = 0
    for start, c in timed:
        name = markup.clean_line(c.get("session"))
        if not name:
            s = r.single(c, p, order)
            if s:
                p.sessions.append(s)
                order += 1
            continue
        room = markup.clean_line(c.get("room") or c.get("roomFullname"))
        end = r.when(c.get("endDate")) or start
        key = (name, start.date(), room)
        group = open_groups.get(key)
        if group is None or (start - group["end"]).total_seconds() >= 15 * 60:
            group = open_groups[key] = {"key": key, "items": [], "end": end, "order": order}
            groups.append(group)
            order += 1
        group["items"].append((start, end, c))
        group["end"] = max(group["end"], end)
    for group in groups:
        name, day, room = group["key"]
        items = group["items"]
        contributions = [x for x in (r.contribution(c, p, day) for _, _, c in items) if x]
        room_name = p.room(room) if room else None
        s = Session(title=name, kind=_kind(name, contributions, [c for _, _, c in items], False),
                    rooms=[room_name] if room_name else [], contributions=contributions, order=group["order"])
        r._times(s, items[0][0], group["end"])
        p.sessions.append(s)
    if groups:
        report.guessed("session blocks from the contributions' session names, days, rooms and times",
                       count=len(groups))
    _unscheduled([c for _, c in unscheduled], r, p, order)


def _sort_contributions(s: Session) -> None:
    if all(c.start is not None for c in s.contributions):
        s.contributions.sort(key=lambda c: c.start)


def read_timetable_export(data: dict, report: Report, people: People) -> Programme:
    (event_id, days), *rest = [(k, v) for k, v in data["results"].items() if isinstance(v, dict)]
    if rest:
        report.dropped("further events in the export (only the first is imported)", count=len(rest))
    entries = [e for day in days.values() if isinstance(day, dict) for e in day.values() if isinstance(e, dict)]
    tz_name = next(((e.get("startDate") or {}).get("tz") for e in entries if (e.get("startDate") or {}).get("tz")),
                   None)
    tz = timeutil.zone(tz_name)
    p = Programme(timezone=tz_name if tz else None)
    report.check("a timetable export names neither the event nor its language: set title in conference.yaml",
                 f"event {event_id}")
    report.guessed("a timetable export does not say who presents: every listed person is written as a speaker")
    r = _Reader(report, people, tz)
    entries.sort(key=lambda e: ((e.get("startDate") or {}).get("date") or "", (e.get("startDate") or {}).get("time")
                                or ""))
    for order, e in enumerate(entries):
        kind_of = e.get("entryType")
        start, end = r.when(e.get("startDate")), r.when(e.get("endDate"))
        title = markup.clean_line(e.get("title")) or ""
        room = p.room(markup.clean_line(e.get("room")))
        if kind_of == "Session":
            day = start.date() if start else None
            entries_of = e.get("entries")
            children = sorted((c for c in (entries_of.values() if isinstance(entries_of, dict) else ())
                               if isinstance(c, dict)),
                              key=lambda c: ((c.get("startDate") or {}).get("date") or "",
                                             (c.get("startDate") or {}).get("time") or ""))
            contributions = []
            for child in children:
                if child.get("entryType") == "Contribution":
                    c = r.contribution(child, p, day)
                    if c:
                        contributions.append(c)
                elif child.get("entryType") == "Break":
                    report.dropped("breaks inside session blocks", markup.clean_line(child.get("title")))
            slot = markup.clean_line(e.get("slotTitle"))
            full = f"{title}: {slot}" if slot and slot != title else title
            s = Session(title=full or "Session", kind=_kind(full, contributions, children, bool(e.get("isPoster"))),
                        rooms=[room] if room else [],
                        chairs=r.persons(e.get("conveners"), f"session {full}"), contributions=contributions,
                        order=order, url=markup.web_url(e.get("url"), report, f"session {full}"))
        elif kind_of == "Break":
            s = Session(title=title or "Break", kind=kind_from_words(title, whole_words=True) or "break",
                        rooms=[room] if room else [], order=order)
            if s.kind not in ("break", "meal", "social"):
                s.kind = "break"
        elif kind_of == "Contribution":
            c = r.contribution(e, p, start.date() if start else None)
            if c is None:
                continue
            c.start = c.duration = None
            s = Session(title=c.title, kind=kind_from_words(c.title, whole_words=True) or "talks",
                        rooms=[room] if room else [], contributions=[c], order=order)
        else:
            report.dropped("timetable entries of unknown type", f"{kind_of}: {title}")
            continue
        r._times(s, start, end)
        p.sessions.append(s)
    dates = [s.day for s in p.sessions if s.day]
    if dates:
        p.start, p.end = min(dates), max(dates)
    return p
