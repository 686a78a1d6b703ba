"""Every real export in ../shared/data imports into a project that passes `booklet check`;
the small ones are built, and one is edited by hand and rebuilt.

Skipped when ../shared/data is absent. The big files (FOSDEM: 773 events, DVPW: 1,247
rows, kumanofes, DebConf) are checked, not built, unless BOOKLET_SLOW=1.
"""
from __future__ import annotations

import datetime as dt
import os

import pytest

from .fixtures.importers.support import SHARED_DATA, run_import

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")

# file → the counts the import report gives
EXPECTED = {
    "newline2018-pentabarf-xml/pentabarf.xml":
        dict(days=3, rooms=1, tracks=0, sessions=4, contributions=4, persons=0, abstracts=4),
    "lswt2019-frab-xml/schedule.xml":
        dict(days=1, rooms=4, tracks=7, sessions=28, contributions=28, persons=22, abstracts=5),
    "debconf23-frab-xml/debconf23.xml":
        dict(days=8, rooms=5, tracks=11, sessions=117, contributions=117, persons=87, abstracts=85),
    "fosdem2021-pentabarf-xml/fosdem_2021.xml":
        dict(days=2, rooms=107, tracks=109, sessions=773, contributions=773, persons=684, abstracts=721),
    "democon-pretalx-json/pretalx-democon.json":
        dict(days=3, rooms=2, tracks=2, sessions=36, contributions=36, persons=27, abstracts=36),
    "indico-trigger-meeting-2015-json/cern-434972.json":
        dict(days=1, rooms=1, tracks=0, sessions=4, contributions=4, persons=6, abstracts=1),
    "chep2015-indico-json/cern-304944.json":
        dict(days=5, rooms=6, tracks=8, sessions=55, contributions=308, persons=974, abstracts=274),
    "sendezentrum-31c3-csv/sendezentrum_31C3.csv":
        dict(days=4, rooms=0, tracks=13, sessions=20, contributions=20, persons=29, abstracts=0),
    "syndata4cv-accepted-papers-csv/accepted_papers.csv":
        dict(days=0, rooms=0, tracks=0, sessions=1, contributions=54, persons=224, abstracts=0),
    "dvpw2024-csv/program.csv":
        dict(days=4, rooms=30, tracks=0, sessions=202, contributions=873, persons=1179, abstracts=0),
    "kumanofes2021-csv/program.csv":
        dict(days=10, rooms=150, tracks=0, sessions=268, contributions=268, persons=0, abstracts=265),
}
SMALL = ["newline2018-pentabarf-xml/pentabarf.xml", "lswt2019-frab-xml/schedule.xml",
         "democon-pretalx-json/pretalx-democon.json", "indico-trigger-meeting-2015-json/cern-434972.json",
         "sendezentrum-31c3-csv/sendezentrum_31C3.csv", "syndata4cv-accepted-papers-csv/accepted_papers.csv"]
BIG = [name for name in EXPECTED if name not in SMALL and not name.startswith("chep")]
SLOW = os.environ.get("BOOKLET_SLOW") == "1"


def test_every_shared_file_is_covered():
    files = sorted(str(p.relative_to(SHARED_DATA)) for p in SHARED_DATA.glob("*/*") if p.suffix != ".md")
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_imports_and_passes_check(name, tmp_path):
    report, project = run_import(SHARED_DATA / name, tmp_path / "p")
    assert report.counts == EXPECTED[name]
    assert report.problems == []
    conference = project.assert_checks()
    assert len(conference.contributions) == EXPECTED[name]["contributions"]
    text = project.all_text()
    assert "emailHash" not in text and "apikey" not in text and "signature=" not in text


def _build(project):
    from booklet.build import build

    from .pdfread import Booklet, squash
    try:
        result = build(project, edition="email")
    except TypeError:
        result = build(project)
    return " ".join(squash(t) for t in Booklet.open(result.pdf).texts)


@pytest.mark.parametrize("name", SMALL)
def test_small_files_build(name, tmp_path):
    _, project = run_import(SHARED_DATA / name, tmp_path / "p")
    text = _build(project.root)
    first = project.contributions[0]["title"]
    assert first.split(":")[0][:20] in text


def test_chep_builds_with_its_sessions_chairs_and_authors(tmp_path):
    """A real scientific conference: the one mid-sized build in the suite (about 20 s)."""
    _, project = run_import(SHARED_DATA / "chep2015-indico-json/cern-304944.json", tmp_path / "p")
    plenary = project.session("Plenary: Session #1")
    assert (plenary["day"], plenary["start"], plenary["end"]) == (dt.date(2015, 4, 13), "09:00", "10:30")
    assert plenary["kind"] == "plenary"
    assert project.conference["timezone"] == "Asia/Tokyo" and project.conference["short"] == "CHEP2015"
    text = _build(project.root)
    assert "Plenary: Session #1" in text and "Hiroshi Sakamoto" in text


@pytest.mark.skipif(not SLOW, reason="set BOOKLET_SLOW=1 to build the big files (minutes)")
@pytest.mark.parametrize("name", BIG)
def test_big_files_build(name, tmp_path):
    _, project = run_import(SHARED_DATA / name, tmp_path / "p")
    assert _build(project.root)


def test_round_trip_on_real_data(tmp_path):
    """Import LSWT 2019, retitle a talk by hand, build, find the new title in the booklet."""
    _, project = run_import(SHARED_DATA / "lswt2019-frab-xml/schedule.xml", tmp_path / "p")
    path = project.content / "programme.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    title: Knowledge Graphs for Scholarly Communication\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "    title: Knowledge Graphs, edited by hand\n"), encoding="utf-8")
    pdf = _build(project.root)
    assert "Knowledge Graphs, edited by hand" in pdf


def test_real_oddities_are_handled(tmp_path):
    _, lswt = run_import(SHARED_DATA / "lswt2019-frab-xml/schedule.xml", tmp_path / "lswt")
    coffee = [s for s in lswt.sessions if s["session"] == "Coffee Break and Postersession"]
    assert coffee[0]["room"] == ["main-track", "tutorials"] and coffee[0]["kind"] == "break"
    assert lswt.session("Lunch Break")["kind"] == "meal"
    assert lswt.people["soeren-auer"] == {"id": "soeren-auer", "name": "Sören Auer", "title": "Prof. Dr."}

    _, newline = run_import(SHARED_DATA / "newline2018-pentabarf-xml/pentabarf.xml", tmp_path / "newline")
    night = newline.session("Retro games, arcade and music night")
    assert (night["start"], night["end"]) == ("18:00", "03:00")   # 540 minutes: into the next morning

    report, meeting = run_import(SHARED_DATA / "indico-trigger-meeting-2015-json/cern-434972.json",
                                 tmp_path / "meeting")
    assert "PIN: 123" not in meeting.all_text() and "0004c73f" not in meeting.all_text()
    assert meeting.conference["organisers"] == ["Joerg Stelzer", "Werner Wiedenmann", "Lukas Alexander Heinrich"]

    _, sende = run_import(SHARED_DATA / "sendezentrum-31c3-csv/sendezentrum_31C3.csv", tmp_path / "sende")
    reunion = sende.session("DIE Reunion")
    assert (reunion["day"], reunion["start"], reunion["end"]) == (dt.date(2014, 12, 30), "00:00", "02:00")
    assert sende.session('"Der Einstieg ins Podcasten"')["kind"] == "workshop"     # its quotes as written

    _, papers = run_import(SHARED_DATA / "syndata4cv-accepted-papers-csv/accepted_papers.csv", tmp_path / "papers")
    names = {p["name"] for p in papers.people.values()}
    assert {"Máté Tóth", "Péter Kovács", "Rémi Emonet", "NOBLE AUSTINE"} <= names     # capitals as written
