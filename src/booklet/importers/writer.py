"""A `Programme` → the files of a booklet project: content/*.yaml and content/abstracts/*.md.

Nothing here touches the disk: `render` returns {relative path: text}; the caller
writes them all or nothing. YAML is produced by yaml.safe_dump (never formatted
by hand), times are always quoted ("09:30"), and short lists of ids are written
in flow style ([ada, alan]) so that the files read like hand-written ones.

Layout of the project:
- content/conference.yaml, content/people.yaml
- content/programme.yaml, or for a programme of several days one file per day,
  content/programme/YYYY-MM-DD.yaml, and content/programme/undated.yaml for
  sessions without a day (booklet reads session files in path order)
- content/abstracts/<contribution-id>.md

Titles are plain text in every source and Markdown in booklet: they are written escaped
(`markup.escape_inline`), so "p < 0.05 <b>not bold</b>" prints exactly so.

Times past midnight are written on the calendar day they happen, with the real
clock time (a "25:00" on 26 November becomes day 27 November, "01:00"). A session
that runs past midnight keeps its day and its real end ("23:30"–"01:30"): booklet
reads an end before the start as the next morning, up to the conference's
`day_ends`, which is written when the source's nights run later than 06:00. Only
a session longer than a day, or one ending after noon of the next day, cannot be
written so: it ends at "23:59", and its length is kept as the `duration:` of its
contribution when it has exactly one.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import yaml

from . import lang, timeutil
from .markup import escape_inline
from .project import Ids, PersonRef, Programme, Room, Session
from .report import Report


class _Quoted(str):
    pass


class _Flow(list):
    pass


class _FlowMap(dict):
    pass


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):   # never &id001 / *id001: every value is written where it belongs
        return True


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", dict(v), flow_style=True))


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10 ** 9,
                     default_flow_style=False)


def _flow(items: list) -> list:
    """Flow style for short lists of plain words, block style otherwise."""
    if all(isinstance(i, str) for i in items) and sum(len(i) for i in items) < 100:
        return _Flow(items)
    return items


def _time(minutes: int) -> _Quoted:
    return _Quoted(timeutil.hhmm(minutes))


def render(programme: Programme, persons: dict[str, dict], report: Report, *, source_name: str,
           format_name: str) -> dict[str, str]:
    files: dict[str, str] = {}
    header = (f"# Imported by `booklet import` from {source_name} ({format_name}).\n"
              f"# Edit freely: this file is now the source of the booklet.\n")
    _normalise_times(programme, report)
    _language_from_talks(programme, report)
    _parallel_without_rooms(programme, report)
    _lanes(programme, report)

    room_ids = _ids({r.name: r.name for r in programme.rooms}, "room")
    track_ids = _ids({t.name: t.name for t in programme.tracks}, "track")
    used = _used_people(programme)
    person_ids = _ids({k: persons[k]["name"] for k in persons if k in used}, "person")

    contribution_count = abstract_count = 0
    days: dict[dt.date | None, list] = {}
    ordered = sorted(programme.sessions, key=lambda s: (
        s.day is None, s.day or dt.date.min, s.start is None, s.start or 0,
        min((i for i, r in enumerate(programme.rooms) if r.name in s.rooms), default=-1), s.order))
    ids = Ids()     # contribution ids first (from the source where it has them), then session ids
    contribution_ids = {}
    for pass_ in ("source", "title"):
        for session in ordered:
            for c in session.contributions:
                if pass_ == "source" and c.source_id:
                    contribution_ids[id(c)] = ids.make(c.source_id, "c")
                elif pass_ == "title" and id(c) not in contribution_ids:
                    contribution_ids[id(c)] = ids.make(c.title, "c")

    for session in ordered:
        single = session.contributions[0] if len(session.contributions) == 1 else None
        if session.source_id:
            sid = ids.make(session.source_id, "s")
        elif single is not None and single.title == session.title:
            sid = ids.make(f"{contribution_ids[id(single)]}-session", "s")
        else:
            sid = ids.make(session.title, "s")
        entry: dict = {"session": escape_inline(session.title), "id": sid, "kind": session.kind}
        if session.day:
            entry["day"] = session.day
        if session.start is not None:
            entry["start"] = _time(session.start)
        if session.end is not None:
            entry["end"] = _time(session.end % DAY)
        rooms = [room_ids[r] for r in session.rooms if r in room_ids]
        if len(rooms) == 1:
            entry["room"] = rooms[0]
        elif rooms:
            entry["room"] = _Flow(rooms)
        shared = {c.track for c in session.contributions}
        if session.track is None and len(shared) == 1 and None not in shared and len(session.contributions) > 1:
            session.track = shared.pop()
        if session.track and session.track in track_ids:
            entry["track"] = track_ids[session.track]
        chairs = _refs(session.chairs, persons, person_ids)
        if chairs:
            entry["chairs"] = _flow(chairs)
        if session.url:
            entry["url"] = session.url
        contributions = []
        for c in session.contributions:
            cid = contribution_ids[id(c)]
            ce: dict = {"id": cid, "title": escape_inline(c.title)}
            speakers = _refs(c.speakers, persons, person_ids)
            speaker_keys = {r.key for r in c.speakers}
            authors = _refs([a for a in c.authors if a.key not in speaker_keys], persons, person_ids)
            if speakers:
                ce["speakers"] = _flow(speakers)
            if authors:
                ce["authors"] = _flow(authors)
            if c.board:
                ce["board"] = str(c.board)
            alone = len(session.contributions) == 1 and c.start in (None, session.start)
            if c.start is not None and not alone:
                ce["start"] = _time(c.start % 1440)
            whole = session.start is not None and session.end is not None and \
                c.duration == session.end - session.start
            if c.duration is not None and c.duration > 0 and not (alone and whole):
                ce["duration"] = int(c.duration)
            if c.track and c.track in track_ids and c.track != session.track:
                ce["track"] = track_ids[c.track]
            if c.abstract:
                ce["abstract_file"] = f"abstracts/{cid}.md"
                files[f"content/abstracts/{cid}.md"] = c.abstract.strip() + "\n"
                abstract_count += 1
            if c.url:
                ce["url"] = c.url
            if c.lang and c.lang.casefold() != (programme.language or "").casefold():
                ce["lang"] = c.lang            # a talk in another language than the conference's
            contributions.append(ce)
        contribution_count += len(contributions)
        if contributions:
            entry["contributions"] = contributions
        days.setdefault(session.day, []).append(entry)

    dated = sorted(d for d in days if d is not None)
    if len(dated) > 1:
        for day in dated:
            files[f"content/programme/{day.isoformat()}.yaml"] = header + dump(days[day])
        if None in days:
            files["content/programme/undated.yaml"] = header + dump(days[None])
    elif days:
        files["content/programme.yaml"] = header + dump([e for d in ([dated[0]] if dated else []) + [None]
                                                         if d in days for e in days[d]])
    else:
        files["content/programme.yaml"] = header + "[]\n"
        report.check("the source holds no sessions: content/programme.yaml is empty")

    people = []
    for key, pid in person_ids.items():
        p = persons[key]
        entry = {"id": pid, "name": p["name"]}
        if p.get("family"):
            entry["family"] = p["family"]
        if p.get("title"):
            entry["title"] = p["title"]
        if p.get("affiliations"):
            entry["affiliations"] = _flow(list(p["affiliations"]))
        people.append(entry)
    if people:
        files["content/people.yaml"] = header + dump(people)

    files["content/conference.yaml"] = header + dump(_conference(programme, dated, room_ids, track_ids, report))
    report.counts.update(days=len(dated), rooms=len(room_ids), tracks=len(track_ids),
                         sessions=len(programme.sessions), contributions=contribution_count,
                         persons=len(person_ids), abstracts=abstract_count)
    return files


def _language_from_talks(programme: Programme, report: Report) -> None:
    """A source that gives each talk its language but not the conference's: the most common one is
    the conference's, and only talks in another keep theirs as `lang:`."""
    if programme.language:
        return
    langs = Counter(c.lang for s in programme.sessions for c in s.contributions if c.lang)
    if langs:
        programme.language = langs.most_common(1)[0][0]
        report.guessed("language: the one most talks are in", programme.language)


def _ids(named: dict[str, str], fallback: str) -> dict[str, str]:
    ids = Ids()
    return {key: ids.make(name, fallback) for key, name in named.items()}


def _used_people(programme: Programme) -> set[str]:
    used = set()
    for s in programme.sessions:
        used.update(r.key for r in s.chairs)
        for c in s.contributions:
            used.update(r.key for r in c.speakers + c.authors)
    return used


def _refs(refs: list[PersonRef], persons: dict[str, dict], person_ids: dict[str, str]) -> list:
    out, seen = [], set()
    for ref in refs:
        if ref.key in seen or ref.key not in person_ids:
            continue
        seen.add(ref.key)
        pid = person_ids[ref.key]
        own = list(ref.affiliations) if ref.affiliations else None
        if own is not None and own != list(persons[ref.key].get("affiliations") or []):
            out.append({"person": pid, "affiliations": _flow(own)})
        else:
            out.append(pid)
    return out


END_OF_DAY = 23 * 60 + 59
DAY = 24 * 60
DAY_ENDS = 6 * 60           # what booklet assumes when conference.yaml sets no `day_ends`
LATEST_DAY_ENDS = 12 * 60   # the latest `day_ends` booklet accepts


def _normalise_times(programme: Programme, report: Report) -> None:
    """Times → what booklet accepts: one day's clock times, an end after the start, contributions
    inside their session (see the module docstring for what happens past midnight)."""
    for s in programme.sessions:
        if s.day is None or s.start is None:
            if s.start is not None or s.end is not None:
                report.dropped("times of sessions without a day" if s.day is None else
                               "end times of sessions without a start", s.title)
                s.start = s.end = None
            continue
        original_day, start = s.day, s.start
        s.day, s.start = timeutil.normalise(s.day, s.start)
        shift = (s.day - original_day).days * 1440
        if shift:
            report.changed("sessions starting at 24:00 or later written on the next day with the real time",
                           f"{s.title} ({timeutil.hhmm(start % 1440)} on {s.day})")
        for c in s.contributions:
            if c.start is not None:
                c.start -= shift
        if s.end is None:
            continue
        end, length = s.end - shift, s.end - start
        if length <= 0:
            report.dropped("end times not after the start", f"{s.title} ({timeutil.hhmm(start % 1440)}"
                           f"–{timeutil.hhmm(s.end % 1440)})")
            s.end = None
        elif end >= DAY and length < DAY and end - DAY <= LATEST_DAY_ENDS:
            s.end = end   # the next morning: written as its clock time, before the start
            programme.day_ends = max(programme.day_ends or DAY_ENDS, -(-(end - DAY) // 60) * 60)
        elif end >= DAY:
            s.end = END_OF_DAY if s.start < END_OF_DAY else None
            if len(s.contributions) == 1 and s.contributions[0].duration is None and \
                    s.contributions[0].start is None:
                s.contributions[0].duration = length
                report.changed("sessions running past midnight: end written as 23:59, the real length kept as "
                               "the contribution's duration", f"{s.title} ({length} min)")
            else:
                report.changed("sessions running past midnight: end written as 23:59", s.title)
        else:
            s.end = end
    _open_ended(programme, report)
    for s in programme.sessions:
        for c in s.contributions:
            if c.start is None:
                continue
            if s.start is None or s.end is None:
                report.dropped("contribution times in sessions without times", c.title)
                c.start = None
            elif c.start < s.start or c.start + (c.duration or 0) > s.end:
                report.dropped("contribution times outside their session's times",
                               f"{c.title[:40]} ({timeutil.hhmm(c.start % 1440)}, session "
                               f"{timeutil.hhmm(s.start)}–{timeutil.hhmm(s.end)})")
                c.start = None


def _open_ended(programme: Programme, report: Report) -> None:
    """A session with a start but no end ends with its day's programme (else after 30 minutes)."""
    latest: dict[dt.date, int] = {}
    for s in programme.sessions:
        if s.day is not None and s.end is not None:
            latest[s.day] = max(latest.get(s.day, 0), s.end)
    for s in programme.sessions:
        if s.day is None or s.start is None or s.end is not None:
            continue
        end = latest.get(s.day, 0)
        if end <= s.start:
            end = s.start + 30   # past midnight, it is the next morning's clock time
        s.end = end
        report.guessed("sessions without an end: end set to the end of that day's programme (or 30 min later)",
                       f"{s.title[:40]} → {timeutil.hhmm(end)}")


PARALLEL = "Parallel"


def _parallel_without_rooms(programme: Programme, report: Report) -> None:
    """Sessions without a room mean "in all rooms"; several of them at once cannot all be, so those
    that overlap get numbered columns "Parallel 1", "Parallel 2", … (the source names no rooms)."""
    by_day: dict[dt.date, list[Session]] = {}
    for s in programme.sessions:
        if s.day is not None and s.start is not None and s.end is not None and not s.rooms:
            by_day.setdefault(s.day, []).append(s)
    used = 0
    for day, sessions in by_day.items():
        sessions.sort(key=lambda x: (x.start, x.end, x.order))
        clashing = [s for s in sessions if any(o is not s and o.start < s.end and s.start < o.end
                                               for o in sessions)]
        lanes = _lane_numbers(clashing)
        for s, lane in zip(clashing, lanes):
            s.rooms = [f"{PARALLEL} {lane + 1}"]
        if clashing:
            report.guessed("sessions at the same time without a room: numbered columns 'Parallel 1', … "
                           "(name the real rooms in conference.yaml)", f"{day}: {len(clashing)} sessions",
                           count=len(clashing))
        used = max([used] + [lane + 1 for lane in lanes])
    for n in range(1, used + 1):
        programme.room(f"{PARALLEL} {n}")


def _lane_numbers(sessions: list[Session]) -> list[int]:
    """For sessions in start order, the lowest lane free at each one's start (0, 1, …)."""
    ends: list[int] = []
    lanes = []
    for s in sessions:
        lane = next((i for i, e in enumerate(ends) if e <= s.start), None)
        if lane is None:
            lane = len(ends)
            ends.append(0)
        ends[lane] = s.end
        lanes.append(lane)
    return lanes


def _lanes(programme: Programme, report: Report) -> None:
    """A room holding two sessions at once (the source says so) gets a parallel column of the same name."""
    by_room_day: dict[tuple, list[Session]] = {}
    for s in programme.sessions:
        if s.day is not None and s.start is not None and s.end is not None:
            for r in s.rooms:
                by_room_day.setdefault((r, s.day), []).append(s)
    lanes_of: dict[str, int] = {}
    for (room, day), sessions in by_room_day.items():
        sessions.sort(key=lambda x: (x.start, x.end, x.order))
        for s, lane in zip(sessions, _lane_numbers(sessions)):
            if lane:
                lane_name = f"{room} #{lane + 1}"
                s.rooms[s.rooms.index(room)] = lane_name
                lanes_of[room] = max(lanes_of.get(room, 1), lane + 1)
                report.changed("rooms holding two sessions at once: a parallel column with the room's name added",
                               f"{room}, {day}: {s.title[:40]}")
    for room, count in lanes_of.items():
        index = next(i for i, r in enumerate(programme.rooms) if r.name == room)
        base = programme.rooms[index]
        for lane in range(2, count + 1):
            programme.rooms.insert(index + lane - 1, Room(f"{room} #{lane}", base.short, base.capacity,
                                                          display=base.name))


def _conference(p: Programme, dated: list[dt.date], room_ids, track_ids, report: Report) -> dict:
    title = p.title
    if not title:
        title = "Imported programme"
        report.guessed("the source names no title: set title in content/conference.yaml", title)
    start, end = p.start, p.end
    if dated:
        if start is None or end is None:
            start, end = start or dated[0], end or dated[-1]
        if dated[0] < start or dated[-1] > end:
            report.changed("conference dates widened to cover every session",
                           f"{start}–{end} → {min(start, dated[0])}–{max(end, dated[-1])}")
            start, end = min(start, dated[0]), max(end, dated[-1])
    if start is None:
        start = end = dt.date.today()
        report.guessed("the source gives no dates: conference dates set to today; edit content/conference.yaml",
                       start.isoformat())
    if end is None or end < start:
        end = start
    out: dict = {"title": title}
    short = p.short
    m = re.search(r"\(([A-Z][A-Za-z0-9-]{1,15})\)\s*$", title)
    if not short and m:
        short = m[1]
        report.guessed("short name from the title's last parentheses", short)
    if short:
        out["short"] = short
    out["dates"] = _FlowMap(start=start, end=end)
    if p.timezone:
        out["timezone"] = p.timezone
    if p.day_ends and p.day_ends > DAY_ENDS:
        out["day_ends"] = _time(p.day_ends)
    if p.venue:
        out["venue"] = p.venue
    language = p.language
    if not language:
        texts = [s.title for s in p.sessions] + [c.title for s in p.sessions for c in s.contributions]
        language = lang.guess(texts) or "en"
        report.guessed("language from the titles", language)
    out["language"] = language
    if p.organisers:
        out["organisers"] = _flow(list(p.organisers))
    if room_ids:
        rooms = []
        for r in p.rooms:
            if r.name not in room_ids:
                continue
            entry = {"id": room_ids[r.name], "name": r.display or r.name}
            if r.short and r.short != (r.display or r.name):
                entry["short"] = r.short
            if r.capacity:
                entry["capacity"] = int(r.capacity)
            rooms.append(entry)
        out["rooms"] = rooms
    if track_ids:
        tracks = []
        for t in p.tracks:
            entry = {"id": track_ids[t.name], "name": t.name}
            if t.colour:
                entry["colour"] = _Quoted(t.colour.lower())
            tracks.append(entry)
        out["tracks"] = tracks
    return out
