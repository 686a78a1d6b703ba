"""CSV tables: columns by header name (English, German), mapping files, odd dates and times."""
from __future__ import annotations

import datetime as dt

import pytest

from booklet.importers import ImporterError, timeutil
from booklet.importers.table import repair_mojibake

from .fixtures.importers.support import fixture, run_import


def test_english_headers_sessions_and_one_row_per_presenter(tmp_path):
    report, project = run_import(fixture("programme-en.csv"), tmp_path / "p")
    assert report.format == "CSV table"
    ml = project.session("Machine learning")
    assert (ml["day"], ml["start"], ml["end"], ml["room"], ml["kind"]) == (dt.date(2024, 9, 24), "10:00", "11:30",
                                                                          "room-1", "talks")
    assert ml["chairs"] == ["katherine-johnson"]
    assert project.people["katherine-johnson"]["title"] == "Prof. Dr."
    # two rows for "Deep maps" (two presenters) are one contribution; the NA row has no title
    assert [c["title"] for c in ml["contributions"]] == ["Deep maps", "Shallow maps"]
    deep = ml["contributions"][0]
    assert deep["speakers"] == ["alan-turing", "grace-hopper"]
    assert deep["authors"] == ["ada-lovelace"]          # Grace Hopper presents, so she is not a co-author too
    assert "speakers" not in ml["contributions"][1]
    assert project.people["grace-hopper"]["affiliations"] == ["US Navy"]
    assert project.abstract(deep) == ("First paragraph.\n\nSecond paragraph with **bold** text and mail me at "
                                      "(e-mail address removed).\n")
    posters = project.session("Posters")
    assert posters["kind"] == "posters"
    assert [c["board"] for c in posters["contributions"]] == ["12", "13"]
    assert project.session("Lunch")["kind"] == "meal"
    assert report.count_of("merged", "rows with the same session and title merged into one contribution") == 1
    project.assert_checks()


def test_german_headers_semicolons_and_uhr_times(tmp_path):
    report, project = run_import(fixture("programme-de.csv"), tmp_path / "p")
    welcome = project.session("Begrüßung")
    assert (welcome["start"], welcome["end"], welcome["room"]) == ("09:00", "09:15", "hoersaal-1")
    # "Dr. Jörg Müller" and "Joerg Mueller (Universität Leipzig)": one person
    assert list(project.people) == ["joerg-mueller"]
    person = project.people["joerg-mueller"]
    assert (person["name"], person["title"], person["affiliations"]) == ("Jörg Müller", "Dr.",
                                                                        ["Universität Leipzig"])
    assert project.session("Mittagspause")["kind"] == "meal"
    assert project.conference["language"] == "de"
    project.assert_checks()


def test_mapping_file_year_and_times_past_midnight(tmp_path):
    report, project = run_import(fixture("festival.csv"), tmp_path / "p", mapping=fixture("festival-mapping.yaml"))
    conf = project.conference
    assert (conf["title"], conf["timezone"], conf["language"]) == ("Dormitory Festival 2021", "Asia/Tokyo", "en")
    film = project.session("Night film")            # 1126 21:00 → 1126 28:00 (04:00 next morning)
    assert (film["day"], film["start"], film["end"]) == (dt.date(2021, 11, 26), "21:00", "04:00")
    assert "duration" not in film["contributions"][0]
    soup = project.session("Midnight soup")         # 1126 24:00–25:00 → 27 Nov 00:00–01:00
    assert (soup["day"], soup["start"], soup["end"]) == (dt.date(2021, 11, 27), "00:00", "01:00")
    tea = project.session("2 p.m. tea")
    assert (tea["start"], tea["end"]) == ("14:00", "15:00")
    ongoing = project.session("Ongoing thing")
    assert "day" not in ongoing and "room" not in ongoing        # "なし" (none) is no room
    assert [c["id"] for c in project.contributions] == ["ev1", "ev2", "ev4", "ev3"]
    assert "notes" not in project.all_text() and "internal note" not in project.all_text()
    project.assert_checks()


def test_nights_past_six_set_day_ends_and_longer_than_a_day_keeps_its_length(tmp_path):
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "festival.csv"
    source.write_text("uid,name,start_day,start_at,end_day,end_at,place,body,notes\n"
                      "ev1,Sunrise rave,1126,22:00,1126,31:15,Hall,,\n"           # 07:15 next morning
                      "ev2,Marathon,1126,10:00,1127,16:00,Hall,,\n", encoding="utf-8")   # 30 hours
    report, project = run_import(source, tmp_path / "p", mapping=fixture("festival-mapping.yaml"))
    assert project.conference["day_ends"] == "08:00"
    rave = project.session("Sunrise rave")
    assert (rave["start"], rave["end"]) == ("22:00", "07:15")
    marathon = project.session("Marathon")
    assert (marathon["start"], marathon["end"], marathon["contributions"][0]["duration"]) == ("10:00", "23:59", 1800)
    assert report.count_of("changed", "sessions running past midnight: end written as 23:59, the real length "
                                      "kept as the contribution's duration") == 1
    conference = project.assert_checks()
    assert {s.title: s.span for s in conference.sessions} == {"Sunrise rave": (1320, 1875),
                                                               "Marathon": (600, 1439)}


def test_year_missing_is_an_error_with_a_hint(tmp_path):
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "festival.csv"
    source.write_text(fixture("festival.csv").read_text(encoding="utf-8"), encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns: {title: name, day: start_day, start: start_at, end: end_at}\n")
    with pytest.raises(ImporterError, match=r"no year .*year: 2024"):
        run_import(source, tmp_path / "out", mapping=mapping)
    assert not (tmp_path / "out").exists()


def test_a_list_of_papers_with_mojibake_and_a_mapping_for_posters(tmp_path):
    report, project = run_import(fixture("papers.csv"), tmp_path / "p", mapping=fixture("papers-mapping.yaml"))
    [session] = project.sessions
    assert (session["session"], session["kind"]) == ("Accepted papers", "posters")
    assert project.conference["dates"] == {"start": dt.date(2024, 6, 17), "end": dt.date(2024, 6, 17)}
    names = {p["name"] for p in project.people.values()}
    assert {"Rémi Emonet", "Máté Tóth", "Péter Kovács", "NOBLE AUSTINE"} <= names     # capitals as written
    assert "NOBLE AUSTINE" in report.render()                                          # listed under check
    assert report.count_of("changed", "text decoded twice (mojibake) repaired") == 2
    project.assert_checks()


def test_unknown_columns_and_a_missing_title_column(tmp_path):
    source = tmp_path / "t.csv"
    source.write_text("Speaker,When\nAda,today\n", encoding="utf-8")
    with pytest.raises(ImporterError, match="no title column"):
        run_import(source, tmp_path / "out")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns: {title: Headline}\n")
    with pytest.raises(ImporterError, match="no column named"):
        run_import(fixture("programme-en.csv"), tmp_path / "out", mapping=mapping)
    mapping.write_text("colums: {}\n")
    with pytest.raises(ImporterError, match="unknown key 'colums'"):
        run_import(fixture("programme-en.csv"), tmp_path / "out", mapping=mapping)


@pytest.mark.parametrize("text, minutes", [
    ("9:00", 540), ("09:00:00", 540), ("2:00 p.m.", 840), ("12:00 p.m.", 720), ("0:00 a.m.", 0),
    ("11:59 p.m.", 1439), ("14:00 Uhr", 840), ("25:00", 1500), ("14.30", 870), ("tbd", None), ("9", None)])
def test_clock_times(text, minutes):
    assert timeutil.clock(text) == minutes


def test_time_ranges_durations_and_date_formats():
    assert timeutil.clock_range("14:00-15:30 Uhr") == (840, 930)
    assert timeutil.clock_range("2-3 p.m.") == (840, 900)
    assert [timeutil.duration(x) for x in ("00:20", "9:00", "1:30:00", "45", "", "PT1H30M")] == [20, 540, 90, 45,
                                                                                               None, 90]
    assert timeutil.date_format_for(["27/12/14", "30/12/14"], None) == "DD/MM/YY"
    assert timeutil.date_format_for(["12/27/2014"], None) == "MM/DD/YYYY"
    assert timeutil.date_format_for(["24.09.2024"], None) == "DD.MM.YYYY"
    assert timeutil.date_format_for(["1126", "1202"], 2021) == "MMDD"
    assert timeutil.needs_year(["1126", "1202"])
    assert timeutil.parse_date("1126", "MMDD", 2021) == dt.date(2021, 11, 26)


@pytest.mark.parametrize("broken, fixed", [
    ("RÃ©mi", "Rémi"), ("RGBâ€“Infrared", "RGB–Infrared"), ("M‡tŽ T—th", "Máté Tóth"),
    ("Alexandra Bitušíková", "Alexandra Bitušíková"), ("Žižka – a talk", "Žižka – a talk")])
def test_mojibake_repair_only_where_it_helps(broken, fixed):
    assert repair_mojibake(broken) == fixed


def test_a_language_column_keeps_a_talk_in_another_language_as_lang(tmp_path):
    """A column of language tags: the conference takes the most common one, a talk in another keeps
    its own as `lang:`; a word that is no tag ("Deutsch") is left out and said so."""
    source = tmp_path / "talks.csv"
    source.write_text("Session,Date,Start,End,Room,Title,Speaker,Language\n"
                      "A,2024-09-24,09:00,10:00,Hall,One,Ada Lovelace,en\n"
                      "B,2024-09-24,10:00,11:00,Hall,Zwei,Alan Turing,de\n"
                      "C,2024-09-24,11:00,12:00,Hall,Three,Grace Hopper,en\n"
                      "D,2024-09-24,12:00,13:00,Hall,Vier,Emmy Noether,Deutsch\n", encoding="utf-8")
    report, project = run_import(source, tmp_path / "p")
    assert project.conference["language"] == "en"
    langs = {c["title"]: c.get("lang") for c in project.contributions}
    assert langs == {"One": None, "Zwei": "de", "Three": None, "Vier": None}
    said = report.render()
    assert "not a language tag" in said and "Deutsch" in said, said
    project.assert_checks()
