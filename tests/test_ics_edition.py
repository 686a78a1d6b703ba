"""The calendar edition (`--edition ics`, and `all`): out/<slug>.ics read back with icalendar and,
for the instants in time, with vobject, a second parser that reads the VTIMEZONE itself (issue 18)."""
from __future__ import annotations

import datetime as dt
import errno
import os
import re
import zoneinfo
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from booklet import build
from booklet.cli import main
from booklet.content import loader
from booklet.build import TEMPORARY
from booklet.errors import ContentError, Diagnostics, OutputError

from . import programmes
from .conftest import REPO

THREE_DAY = REPO / "examples" / "three-day"
UTC = dt.timezone.utc


def _events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    return {str(e["UID"]): e for e in events}


def _vobject_events(path: Path) -> dict[str, object]:
    """The events as vobject reads them; its time zones come from the file's VTIMEZONE alone (its
    registry of zones read before is emptied, so an earlier file's zone of the same name cannot help)."""
    getattr(vobject.icalendar, "__tzidMap").clear()
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def _project(root: Path, sessions: list[dict], *, timezone: str | None = "Europe/Berlin",
             dates=("2026-03-28", "2026-03-29")) -> Path:
    people = [{"id": "ada", "name": "Ada Lovelace", "affiliations": ["AS"]},
              {"id": "emmy", "name": "Emmy Noether", "affiliations": ["Göttingen"]}]
    conference = {"title": "Calendar Test Days", "short": "CTD", "slug": "ctd",
                  "dates": {"start": dates[0], "end": dates[-1]}}
    if timezone:
        conference["timezone"] = timezone
    return programmes.two_rooms(root, sessions, people, **conference)


def _talk(cid: str, start: str, duration: int | None = 30, title: str | None = None) -> dict:
    talk = {"id": cid, "title": title or f"Talk {cid}", "speakers": ["ada"], "start": start}
    if duration:
        talk["duration"] = duration
    return talk


# -- examples/three-day, event for event ---------------------------------------------------------

@pytest.fixture(scope="module")
def three_day(tmp_path_factory):
    out = tmp_path_factory.mktemp("ics-three-day")
    result = build(THREE_DAY, out_dir=out, edition="ics")
    conference = loader.load(THREE_DAY / "content", Diagnostics(), root=THREE_DAY)
    return result, conference


def _expected(conference) -> dict[str, tuple]:
    """uid → (start, end, location, title), worked out from the model here, not by booklet.output.ics."""
    tz = zoneinfo.ZoneInfo(conference.timezone)
    out = {}
    for s in conference.sessions:
        if not s.timed:
            continue
        midnight = dt.datetime.combine(s.day, dt.time(), tzinfo=tz)
        at = lambda minutes: midnight + dt.timedelta(minutes=minutes)   # noqa: E731
        where = ", ".join(r.name for r in s.rooms) or s.location
        timed = [c for c in s.contributions if c.start is not None]
        if not timed:
            out[f"{s.id}.session@{conference.slug}.booklet"] = (at(s.span[0]), at(s.span[1]), where, s.title)
        for c in timed:
            start = s.minute_of(c.start)
            end = start + c.duration if c.duration else s.span[1]
            out[f"{c.id}@{conference.slug}.booklet"] = (at(start), at(end), where, c.title)
    return out


def test_the_three_day_calendar_holds_every_timed_talk_and_session_once(three_day):
    result, conference = three_day
    assert set(result.files) == {"ics"} and result.files["ics"].name == "ias-2026.ics"
    expected = _expected(conference)
    events = _events(result.files["ics"])
    assert len(events) == result.counts["ics"] == len(expected) == 123
    assert set(events) == set(expected)
    for uid, (start, end, where, title) in expected.items():
        event = events[uid]
        assert event.decoded("DTSTART") == start and event.decoded("DTSTART").tzinfo.key == "Europe/Berlin", uid
        assert event.decoded("DTEND") == end, uid
        assert str(event.get("LOCATION", "")) == (where or ""), uid
        assert str(event["SUMMARY"]) == title, uid


def test_the_three_day_calendar_says_who_speaks_where_and_what_kind(three_day):
    result, conference = three_day
    events = _events(result.files["ics"])
    talk = next(c for s in conference.sessions if s.kind == "talks" and s.chairs and s.track
                for c in s.contributions if c.start and c.speakers)
    session = next(s for s in conference.sessions if talk in s.contributions)
    event = events[f"{talk.id}@ias-2026.booklet"]
    description = str(event["DESCRIPTION"])
    assert talk.speakers[0].person.name in description
    assert session.title in description and session.chairs[0].name in description
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Talks", session.track.name]
    coffee = next(s for s in conference.sessions if s.kind == "break" and s.timed)
    assert [str(c) for c in events[f"{coffee.id}.session@ias-2026.booklet"]["CATEGORIES"].cats] == ["Break"]


def test_the_calendar_is_valid_rfc_5545_with_one_vtimezone(three_day):
    result, _ = three_day
    data = result.files["ics"].read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//booklet//booklet ")
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)           # folded at 75 octets
    assert b"\n" not in data.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    for event in calendar.walk("VEVENT"):
        for needed in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert needed in event
        assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    assert len(vobject.readOne(data.decode()).vevent_list) == len(calendar.walk("VEVENT"))


def test_the_calendar_is_byte_identical_when_built_again(three_day, tmp_path, monkeypatch):
    result, _ = three_day
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = build(THREE_DAY, out_dir=tmp_path, edition="ics")
    assert again.files["ics"].read_bytes() == result.files["ics"].read_bytes()
    assert b"DTSTAMP:19700101T000000Z" in result.files["ics"].read_bytes()


def test_source_date_epoch_is_the_calendar_stamp(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1781481600")    # 2026-06-15 00:00 UTC
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00")]}])
    events = _events(build(project, edition="ics").files["ics"])
    assert events["t1@ctd.booklet"].decoded("DTSTAMP") == dt.datetime(2026, 6, 15, tzinfo=UTC)


# -- UIDs ----------------------------------------------------------------------------------------

def test_uids_survive_a_talk_moved_to_another_day_room_and_time(tmp_path):
    def sessions(day: str, room: str, start: str) -> list[dict]:
        return [{"session": "Moving", "id": "moving", "kind": "talks", "day": day, "start": start, "end": "18:00",
                 "room": room, "contributions": [_talk("mover", start), _talk("stayer", "17:00")]},
                {"session": "Posters", "id": "posters", "kind": "posters", "day": "2026-03-28", "start": "12:00",
                 "end": "13:00", "room": "b",
                 "contributions": [{"id": "p1", "title": "A poster", "speakers": ["emmy"], "board": "7"}]}]
    before = _events(build(_project(tmp_path / "1", sessions("2026-03-28", "a", "14:00")), edition="ics").files["ics"])
    after = _events(build(_project(tmp_path / "2", sessions("2026-03-29", "b", "15:00")), edition="ics").files["ics"])
    assert set(before) == set(after) == {"mover@ctd.booklet", "stayer@ctd.booklet", "posters.session@ctd.booklet"}
    assert before["mover@ctd.booklet"].decoded("DTSTART") != after["mover@ctd.booklet"].decoded("DTSTART")
    assert "Room B" == str(after["mover@ctd.booklet"]["LOCATION"])
    assert "Board 7: A poster (Emmy Noether)" in str(after["posters.session@ctd.booklet"]["DESCRIPTION"])


# -- night sessions and daylight saving ----------------------------------------------------------

def test_a_night_session_ends_on_the_next_date(tmp_path):
    project = _project(tmp_path, [
        {"session": "Night of lightning talks", "id": "night", "kind": "talks", "day": "2026-06-12",
         "start": "23:30", "end": "01:30", "room": "a",
         "contributions": [_talk("n2", "00:30", None), _talk("n1", "23:30", 45)]},
        {"session": "Night walk", "id": "walk", "kind": "social", "day": "2026-06-12", "start": "23:30",
         "end": "01:30", "location": "Old town"}], dates=("2026-06-12", "2026-06-12"))
    events = _events(build(project, edition="ics").files["ics"])
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    at = lambda d, h, m: dt.datetime(2026, 6, d, h, m, tzinfo=berlin)   # noqa: E731
    assert (events["walk.session@ctd.booklet"].decoded("DTSTART"), events["walk.session@ctd.booklet"].decoded("DTEND")) \
        == (at(12, 23, 30), at(13, 1, 30))
    assert str(events["walk.session@ctd.booklet"]["LOCATION"]) == "Old town"
    assert events["n1@ctd.booklet"].decoded("DTSTART") == at(12, 23, 30)
    assert events["n1@ctd.booklet"].decoded("DTEND") == at(13, 0, 15)     # 23:30 + 45 minutes
    assert events["n2@ctd.booklet"].decoded("DTSTART") == at(13, 0, 30)   # after midnight: the next date
    assert events["n2@ctd.booklet"].decoded("DTEND") == at(13, 1, 30)     # no duration: the session's end


def test_utc_instants_are_right_on_both_sides_of_a_daylight_saving_change(tmp_path):
    """Europe/Berlin moves from +01:00 to +02:00 at 2026-03-29 02:00 local (01:00 UTC). The expected
    instants are written out here, not computed with zoneinfo, and read with vobject, whose time
    zone is built from the file's VTIMEZONE alone."""
    project = _project(tmp_path, [
        {"session": "Saturday", "id": "sat", "kind": "talks", "day": "2026-03-28", "start": "10:00", "end": "11:00",
         "room": "a", "contributions": [_talk("sat-talk", "10:00", 60)]},
        {"session": "Night across the change", "id": "night", "kind": "talks", "day": "2026-03-28",
         "start": "23:30", "end": "04:00", "room": "b",
         "contributions": [_talk("before", "01:00", 30), _talk("after", "03:00", 30)]},
        {"session": "Sunday", "id": "sun", "kind": "talks", "day": "2026-03-29", "start": "10:00", "end": "11:00",
         "room": "a", "contributions": [_talk("sun-talk", "10:00", 60)]},
        {"session": "Lunch", "id": "lunch", "kind": "meal", "day": "2026-03-29", "start": "12:00", "end": "13:00"}])
    path = build(project, edition="ics").files["ics"]
    z = lambda d, h, m: dt.datetime(2026, 3, d, h, m, tzinfo=UTC)   # noqa: E731
    expected = {"sat-talk@ctd.booklet": (z(28, 9, 0), z(28, 10, 0)),          # CET, UTC+1
                "before@ctd.booklet": (z(29, 0, 0), z(29, 0, 30)),            # 01:00 CET
                "after@ctd.booklet": (z(29, 1, 0), z(29, 1, 30)),             # 03:00 CEST, UTC+2
                "sun-talk@ctd.booklet": (z(29, 8, 0), z(29, 9, 0)),
                "lunch.session@ctd.booklet": (z(29, 10, 0), z(29, 11, 0))}
    for events in (_vobject_events(path), _events(path)):
        found = {}
        for uid, event in events.items():
            start, end = (event.dtstart.value, event.dtend.value) if hasattr(event, "dtstart") \
                else (event.decoded("DTSTART"), event.decoded("DTEND"))
            assert start.tzinfo is not None
            found[uid] = (start.astimezone(UTC), end.astimezone(UTC))
        assert found == expected
    text = path.read_bytes().decode()
    assert re.search(r"^DTSTART;TZID=Europe/Berlin:20260329T030000\r$", text, re.M)   # local times, as printed
    assert text.count("BEGIN:VTIMEZONE") == 1 and "TZOFFSETTO:+0200" in text and "TZOFFSETTO:+0100" in text


def test_without_a_timezone_the_times_are_floating(tmp_path):
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00")]}],
                       timezone=None)
    path = build(project, edition="ics").files["ics"]
    text = path.read_bytes().decode()
    assert "VTIMEZONE" not in text and "TZID" not in text
    assert re.search(r"^DTSTART:20260328T100000\r$", text, re.M)
    assert _events(path)["t1@ctd.booklet"].decoded("DTSTART") == dt.datetime(2026, 3, 28, 10, 0)   # naive


# -- texts -----------------------------------------------------------------------------------------

def test_titles_are_plain_text_without_markdown(tmp_path):
    title = r"*In vivo* imaging of $\alpha$-synuclein, **fast**; p < 0.05 & `code`"
    project = _project(tmp_path, [{"session": "Session *one*", "id": "one", "kind": "talks", "day": "2026-03-28",
                                   "start": "10:00", "end": "11:00", "room": ["a", "b"], "chairs": ["emmy"],
                                   "contributions": [_talk("t1", "10:00", 30, title)]}])
    event = _events(build(project, edition="ics").files["ics"])["t1@ctd.booklet"]
    assert str(event["SUMMARY"]) == "In vivo imaging of α-synuclein, fast; p < 0.05 & code"
    assert str(event["LOCATION"]) == "Hall A, Room B"
    assert str(event["DESCRIPTION"]) == "Ada Lovelace\nSession one\nChair: Emmy Noether"


# -- the command line and the set of editions ---------------------------------------------------

def test_edition_ics_writes_only_the_calendar_and_says_how_many_events(tmp_path, capsys):
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00"),
                                                                                  _talk("t2", "10:30")]}])
    assert main(["build", str(project), "--edition", "ics"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert sorted(p.name for p in (project / "out").iterdir()) == ["ctd.ics"]   # no PDF: no snapshot either
    assert re.search(r"^wrote \S*ctd\.ics \(2 events, \d+ KB\)$", out, re.M)


def test_edition_all_writes_the_calendar_beside_the_pdfs(tmp_path):
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00")]}])
    result = build(project)
    assert {name: path.name for name, path in result.files.items()} == {
        "email": "ctd.pdf", "print": "ctd-print.pdf", "imposed": "ctd-imposed.pdf", "ics": "ctd.ics",
        "html": "ctd.html"}
    assert result.pdf.name == "ctd.pdf" and result.counts["ics"] == 1


def test_an_untimed_programme_has_no_calendar(default_booklet, default_project_copy, capsys):
    assert "ics" not in default_booklet[0].files                  # --edition all: silently none
    assert main(["build", str(default_project_copy), "--edition", "ics"]) == 1   # asked for: said
    err = capsys.readouterr().err
    assert "conference.yaml" in err and "--edition ics: no session has a day, a start and an end" in err
    assert not (default_project_copy / "out").exists() or not list((default_project_copy / "out").iterdir())


def test_an_unknown_time_zone_is_a_warning_for_all_and_an_error_for_ics(tmp_path):
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00")]}],
                       timezone="Mars/Olympus_Mons")
    result = build(project, edition="all")
    assert "ics" not in result.files and "email" in result.files
    [warning] = [w for w in result.warnings if "Mars/Olympus_Mons" in w.message]   # once, at its line
    assert "not a time zone name" in warning.message and warning.loc.line == _line_of(project, "timezone:")
    with pytest.raises(ContentError, match="Mars/Olympus_Mons"):
        build(project, edition="ics")


def _line_of(project, start: str) -> int:
    lines = (project / "content" / "conference.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def test_a_mistyped_time_zone_is_found_by_check_with_the_name_it_is_close_to(tmp_path, capsys):
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00")]}],
                       timezone="Europe/Berln")
    assert main(["check", str(project)]) == 0
    err = capsys.readouterr().err
    assert f"conference.yaml:{_line_of(project, 'timezone:')}: warning" in err
    assert "did you mean 'Europe/Berlin'?" in err
    assert main(["check", str(project), "--strict"]) == 1


def test_the_calendar_is_written_with_the_pdfs_or_not_at_all(tmp_path, monkeypatch):
    """The .ics is renamed into place last; when that fails, the PDFs already renamed are put back."""
    project = _project(tmp_path, [{"session": "One", "kind": "talks", "day": "2026-03-28", "start": "10:00",
                                   "end": "11:00", "room": "a", "contributions": [_talk("t1", "10:00")]}])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(project)
    before = {name: path.read_bytes() for name, path in first.files.items()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")   # the new files differ from the old ones
    replace = os.replace

    def failing(src, dst):
        if Path(dst) == first.files["ics"] and TEMPORARY in str(src):
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(src, dst)
    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError, match="ctd.ics"):
        build(project)
    monkeypatch.setattr(os, "replace", replace)
    assert {name: path.read_bytes() for name, path in first.files.items()} == before
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted(
        [p.name for p in first.files.values()] + ["versions"])
