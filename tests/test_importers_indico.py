"""Indico HTTP export JSON (event export by sessions or contributions, timetable export)."""
from __future__ import annotations

import datetime as dt

import pytest

from .fixtures.importers.support import fixture, run_import

TRIGGER = r"Trigger \<i>upgrades\</i> \&amp; more"    # the source's title "Trigger <i>upgrades</i> &amp; more"


@pytest.fixture
def sessions(tmp_path):
    return run_import(fixture("indico-sessions.json"), tmp_path / "p")


def test_event_fields_and_times_in_the_event_zone(sessions):
    report, project = sessions
    assert report.format == "Indico event export JSON"
    conf = project.conference
    assert conf["title"] == "Workshop on Small Detectors (WSD2015)"
    assert conf["short"] == "WSD2015"
    assert conf["timezone"] == "Asia/Tokyo"
    assert conf["dates"] == {"start": dt.date(2015, 4, 13), "end": dt.date(2015, 4, 14)}
    assert conf["venue"] == "OIST"
    assert conf["organisers"] == ["Hiroshi SAKAMOTO"]
    block = project.session("Track 1 Session: #1 (Data acquisition)")
    # 07:00–08:00 Europe/Zurich (CEST) is 14:00–15:00 in Tokyo
    assert (block["day"], block["start"], block["end"]) == (dt.date(2015, 4, 13), "14:00", "15:00")
    assert block["room"] == "village-center"
    project.assert_checks()


def test_session_blocks_keep_conveners_contributions_in_time_order_and_authors(sessions):
    _, project = sessions
    block = project.session("Track 1 Session: #1 (Data acquisition)")
    assert block["kind"] == "talks"
    assert block["chairs"] == ["matthias-richter"]             # "Mr." kept as the title
    assert block["track"] == "track-1-online"
    first, second = block["contributions"]
    # Indico titles are plain text: written escaped, so booklet prints them as the source has them
    assert (first["title"], first["start"], first["duration"]) == (TRIGGER, "14:00", 15)
    assert (second["id"], second["start"]) == ("c5", "14:15")
    assert second["speakers"] == ["andrea-formica"]
    # primary authors and co-authors, in order, without the speaker again; an affiliation that differs
    # from the person's usual one is written for this contribution only
    assert second["authors"] == [{"person": "elizabeth-gallas", "affiliations": ["University of Oxford (GB)"]},
                                 "dario-barberis", "shaun-de-witt"]
    people = project.people
    assert people["elizabeth-gallas"]["affiliations"] == ["CERN"]
    assert people["dario-barberis"] == {"id": "dario-barberis", "name": "Dario BARBERIS", "title": "Dr.",
                                        "affiliations": ["Università e INFN Genova (IT)"]}
    assert people["shaun-de-witt"]["family"] == "de Witt"
    assert people["andrea-formica"]["name"] == "Andrea FORMICA"   # "FORMICA, Andrea": capitals as written


def test_posters_boards_and_unscheduled_contributions(sessions):
    report, project = sessions
    posters = project.session("Poster session A")
    assert posters["kind"] == "posters"
    assert "room" not in posters
    assert posters["contributions"][0]["board"] == "12"
    assert project.people["ichiro-ueda"]["name"] == "Ichiro Ueda"
    loose = project.session("Posters not in the timetable")
    assert loose["kind"] == "posters" and "day" not in loose and "start" not in loose
    assert [c["title"] for c in loose["contributions"]] == ["A poster nobody scheduled"]
    welcome = project.session("Welcome address")
    assert (welcome["start"], welcome["end"], welcome["room"]) == ("09:00", "09:15", "auditorium")
    assert any("untimed session" in m for m in report.notes["check"])


def test_html_descriptions_become_safe_markdown(sessions):
    _, project = sessions
    text = project.abstract(project.contribution(TRIGGER))
    assert text == ("We describe the **new** trigger.\n\n- fast\n- cheap\n\n"
                    "Join via [Zoom](https://zoom.example.org/j/123), write to (e-mail address removed).\n")
    crlf = project.abstract(project.contribution("Designing a conditions database"))
    assert crlf == "The ATLAS and CMS databases served well.\n\nWe seek changes.\n"


def test_nothing_private_is_copied(sessions):
    _, project = sessions
    text = project.all_text()
    for secret in ("emailHash", "c0f60cc34b7b1742a9071b2a2c685d26", "apikey", "00000000-1111", "signature",
                   "PIN: 123", "123?pwd", "abcdef", "@example.org", "+41 22", "Somewhere 1", "Room Booking"):
        assert secret not in text, secret


def test_contributions_export_is_grouped_into_session_blocks(tmp_path):
    report, project = run_import(fixture("indico-contributions.json"), tmp_path / "p")
    blocks = [s for s in project.sessions if s["session"] == "Detectors"]
    assert [(b["start"], b["end"]) for b in blocks] == [("09:00", "09:40"), ("14:00", "14:30")]
    assert [c["title"] for c in blocks[0]["contributions"]] == ["Morning talk one", "Morning talk two"]
    assert [c["start"] for c in blocks[0]["contributions"]] == ["09:00", "09:20"]
    closing = project.session("Closing remarks")
    assert (closing["start"], closing["end"]) == ("17:00", "17:10")
    assert project.people["jane-doe"]["affiliations"] == ["CERN"]
    assert report.count_of("guessed", "session blocks from the contributions' session names, days, rooms and "
                                      "times") == 2
    project.assert_checks()


def test_timetable_export(tmp_path):
    report, project = run_import(fixture("indico-timetable.json"), tmp_path / "p")
    assert report.format == "Indico timetable export JSON"
    morning = project.session("Morning session: Part 1")
    assert (morning["start"], morning["end"], morning["room"]) == ("09:00", "10:30", "160-1-009")
    assert morning["chairs"] == ["ann-chair"]
    assert [c["title"] for c in morning["contributions"]] == ["First talk", "Second talk"]
    assert project.abstract(morning["contributions"][0]) == "Hello **world**\n"
    coffee = project.session("Coffee break")
    assert coffee["kind"] == "break" and "contributions" not in coffee and "room" not in coffee
    assert project.conference["timezone"] == "Europe/Zurich"
    assert "@example.org" not in project.all_text()
    project.assert_checks()
