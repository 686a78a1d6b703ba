"""Cross-links between the editions (issue 18): each talk of the web page downloads its own event of
the calendar edition (a data: URI), and `online:` in conference.yaml puts where the editions are
published into the PDF's colophon and the web page's footer."""
from __future__ import annotations

import base64
import re
import shutil
from urllib.parse import unquote_to_bytes

import pytest
import yaml
from icalendar import Calendar

from booklet import build
from booklet.cli import main

from .conftest import REPO
from .pdfread import Booklet
from .test_html_edition import NS, parse, text

THREE_DAY = REPO / "examples" / "three-day"


def decode(uri: str) -> bytes:
    head, _, data = uri.partition(",")
    assert head.startswith("data:text/calendar;charset=utf-8"), head
    return base64.b64decode(data) if head.endswith(";base64") else unquote_to_bytes(data)


def vevents(data: bytes) -> list[bytes]:
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.DOTALL)


@pytest.fixture(scope="module")
def three_day(tmp_path_factory):
    out = tmp_path_factory.mktemp("three-day")
    html = build(THREE_DAY, out_dir=out, edition="html").files["html"]
    ics = build(THREE_DAY, out_dir=out, edition="ics").files["ics"]
    return parse(html.read_bytes()), ics.read_bytes()


def test_every_event_of_the_calendar_is_one_talks_link_in_the_page(three_day):
    """One link per event, downloading a calendar of that one event: the same VEVENT, byte for
    byte, as in <slug>.ics, with its VTIMEZONE, readable by icalendar."""
    page, whole = three_day
    links = page.findall(f".//{NS}a[@class='ics']")
    assert len(links) == len(vevents(whole)) > 100
    events = set(vevents(whole))
    seen = set()
    for link in links:
        data = decode(link.get("href"))
        [event] = vevents(data)
        assert event in events
        seen.add(event)
        calendar = Calendar.from_ical(data)
        assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
        uid = str(calendar.walk("VEVENT")[0]["UID"])
        assert link.get("download") == uid.split("@")[0].replace(".session", "") + ".ics"
    assert seen == events


def test_a_talks_calendar_link_names_the_talk_for_a_screen_reader(three_day):
    """Out of context (a screen reader's list of links) the link says which talk it adds; on screen
    the title, right beside it, is not said twice."""
    page, _ = three_day
    line = next(li for li in page.iter(f"{NS}li") if "Welcome to Dresden" in text(li) and li.find(f"{NS}a") is not None)
    link = line.find(f"{NS}a[@class='ics']")
    assert text(link) == "Add “Welcome to Dresden” to your calendar"
    hidden = link.find(f"{NS}span[@class='hidden']")
    assert text(hidden) == "“Welcome to Dresden”"
    assert link.get("download") == "d1-welcome.ics"


def test_an_untimed_programme_has_no_calendar_links(tmp_path):
    page = parse(build(REPO, out_dir=tmp_path, edition="html").files["html"].read_bytes())
    assert page.findall(f".//{NS}a[@class='ics']") == []


# -- online: where the editions are published ----------------------------------------------------------

def project_online(tmp_path, online) -> object:
    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    path = project / "content" / "conference.yaml"
    conference = yaml.safe_load(path.read_text(encoding="utf-8"))
    conference["online"] = online
    path.write_text(yaml.safe_dump(conference, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def test_online_folder_puts_the_three_editions_in_the_colophon_and_the_footer(tmp_path):
    project = project_online(tmp_path, "https://example.org/hi21")
    result = build(project, out_dir=tmp_path / "out", edition="all")
    booklet = Booklet.open(result.pdf)
    colophon = booklet.page_of_label(booklet.labels[booklet.pages_containing("Typeset with booklet")[0]])
    words = booklet.flat(colophon)
    addresses = [f"https://example.org/hi21/hi-2021.{ext}" for ext in ("pdf", "html", "ics")]
    assert "This programme online:" in words
    for label, address in zip(("PDF", "Web page", "Calendar (iCal)"), addresses):
        assert f"{label}: {address}" in words
    uris = {str(a.get_object()["/A"]["/URI"]) for a in booklet.reader.pages[colophon].get("/Annots", [])
            if "/A" in a.get_object()}
    assert set(addresses) <= uris
    footer = parse(result.files["html"].read_bytes()).find(f".//{NS}footer")
    links = [(text(a), a.get("href")) for a in footer.iter(f"{NS}a")]
    assert links == list(zip(("PDF", "Web page", "Calendar (iCal)"), addresses))


def test_online_by_edition_shows_only_those_given(tmp_path):
    project = project_online(tmp_path, {"html": "https://example.org/programme/"})
    result = build(project, out_dir=tmp_path / "out", edition="html")
    footer = parse(result.files["html"].read_bytes()).find(f".//{NS}footer")
    assert [(text(a), a.get("href")) for a in footer.iter(f"{NS}a")] == [("Web page", "https://example.org/programme/")]


def test_without_online_neither_edition_mentions_it(default_booklet):
    _, booklet = default_booklet
    assert booklet.pages_containing("This programme online") == []


def test_an_online_address_that_is_not_one_is_an_error_at_its_line(tmp_path, capsys):
    project = project_online(tmp_path, {"pdf": "example.org/x.pdf", "web": "https://example.org/"})
    assert main(["build", str(project), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"content/conference.yaml:\d+: error: online: 'pdf' must be a web address starting with "
                     r"https:// or http://, got 'example.org/x.pdf'", err), err
    assert re.search(r"content/conference.yaml:\d+: error: online: unknown field 'web'", err), err
    assert not (tmp_path / "out").exists()


def test_titles_that_look_like_calendar_lines_do_not_split_events(tmp_path):
    """An event is cut from the calendar at lines that begin with BEGIN:VEVENT, never inside a title
    that says it (or a conference named like a time zone block)."""
    from .test_html_edition import _project

    project = _project(tmp_path, [
        {"session": "S", "id": "s", "day": "2026-03-28", "start": "10:00", "end": "11:00", "room": "a",
         "contributions": [
             {"id": "t1", "title": "BEGIN:VEVENT and END:VEVENT", "speakers": ["ada"], "start": "10:00", "duration": 20},
             {"id": "t2", "title": "Second", "speakers": ["ada"], "start": "10:30", "duration": 20}]}],
        title="BEGIN:VTIMEZONE days", timezone="Europe/Berlin")
    page = parse(build(project, edition="html").files["html"].read_bytes())
    links = {a.get("download"): decode(a.get("href")) for a in page.iter(f"{NS}a") if a.get("class") == "ics"}
    assert set(links) == {"t1.ics", "t2.ics"}
    for name, data in links.items():
        [event] = Calendar.from_ical(data).walk("VEVENT")
        assert str(event["UID"]) == f"{name[:-4]}@mtd.booklet"
    assert str(Calendar.from_ical(links["t1.ics"]).walk("VEVENT")[0]["SUMMARY"]) == "BEGIN:VEVENT and END:VEVENT"


def test_a_long_conference_title_leaves_no_piece_of_its_calendar_name_in_a_talks_link(tmp_path):
    """The calendar's name lines are left out of a one-event calendar; a long name was folded over
    several lines, and its continuation lines go with it rather than join the line before."""
    from .test_html_edition import _project

    title = "International Symposium on Remote Sensing of Mountain Glaciers, Lakes and Forests 2027"
    project = _project(tmp_path, [
        {"session": "S", "id": "s", "day": "2026-03-28", "start": "10:00", "end": "11:00", "room": "a",
         "contributions": [{"id": "t1", "title": "One", "speakers": ["ada"], "start": "10:00", "duration": 20}]}],
        title=title, timezone="Europe/Berlin")
    page = parse(build(project, edition="html").files["html"].read_bytes())
    [data] = [decode(a.get("href")) for a in page.iter(f"{NS}a") if a.get("class") == "ics"]
    assert b"CALSCALE:GREGORIAN\r\n" in data and b"Forests" not in data and b"Glaciers" not in data
    assert str(Calendar.from_ical(data).get("CALSCALE")) == "GREGORIAN"
