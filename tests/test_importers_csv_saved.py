"""CSV as people save it: Excel's semicolon export, "Unicode text" (UTF-16), big cells, weekday names."""
from __future__ import annotations

import datetime as dt

import pytest

from booklet.importers import ImporterError, table

from .fixtures.importers.support import fixture, run_import

EXCEL = ('Titel;Referent;Beschreibung;Tag;Beginn;Ende\r\n'
         'Eins;Anna Müller;"Ein Text, mit Kommas, vielen, Kommas; und einem Semikolon";Freitag;10:00;10:45\r\n'
         '"Zwei; mit Semikolon";Bob Meier;"Noch, ein, Text,\r\nüber zwei Zeilen";Freitag;11:00;11:45\r\n'
         'Drei;Carl Weiß;Kurz;Samstag;09:00;09:30\r\n')


def _mapping(tmp_path, text: str):
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_semicolon_excel_export_with_crlf_and_quoted_delimiters(tmp_path):
    source = tmp_path / "programm.csv"
    source.write_bytes(EXCEL.encode("utf-8-sig"))
    report, project = run_import(source, tmp_path / "p", mapping=_mapping(tmp_path, "first_day: 1999-08-06\n"))
    titles = [c["title"] for c in project.contributions]
    assert titles == ["Eins", "Zwei; mit Semikolon", "Drei"]
    eins = project.abstract(project.contribution("Eins"))
    assert eins == "Ein Text, mit Kommas, vielen, Kommas; und einem Semikolon\n"
    assert {p["name"] for p in project.people.values()} == {"Anna Müller", "Bob Meier", "Carl Weiß"}
    project.assert_checks()


def test_weekday_names_become_dates_from_first_day(tmp_path):
    source = tmp_path / "camp99.csv"
    source.write_text(EXCEL, encoding="utf-8")
    with pytest.raises(ImporterError, match=r"camp99.csv: the day column names weekdays.*first_day: 1999-08-06"):
        run_import(source, tmp_path / "a")
    report, project = run_import(source, tmp_path / "b", mapping=_mapping(tmp_path, "first_day: 1999-08-06\n"))
    days = {s["session"]: s["day"] for s in project.sessions}
    assert days == {"Eins": dt.date(1999, 8, 6), "Zwei; mit Semikolon": dt.date(1999, 8, 6),
                    "Drei": dt.date(1999, 8, 7)}
    assert "weekday names in the day column" in report.render()


@pytest.mark.parametrize("friday, saturday", [("vendredi", "samedi"), ("Fri", "Sat"), ("Ijumaa", "Jumamosi"),
                                              ("金曜日", "土曜日")])
def test_weekday_names_in_any_language_babel_knows(tmp_path, friday, saturday):
    source = tmp_path / "t.csv"
    source.write_text(f"title,day,start\nA,{friday},10:00\nB,{saturday},10:00\n", encoding="utf-8")
    _, project = run_import(source, tmp_path / "p", mapping=_mapping(tmp_path, "first_day: 2024-05-01\n"))
    assert {s["session"]: s["day"] for s in project.sessions} == {"A": dt.date(2024, 5, 3), "B": dt.date(2024, 5, 4)}


def test_the_delimiter_can_be_named_in_the_mapping_file(tmp_path):
    source = tmp_path / "papers.csv"
    source.write_text("title\nMaps, territories, and graphs\nOne, two\n", encoding="utf-8")
    _, project = run_import(source, tmp_path / "p", mapping=_mapping(tmp_path, "delimiter: tab\n"))
    assert [c["title"] for c in project.contributions] == ["Maps, territories, and graphs", "One, two"]
    with pytest.raises(ImporterError, match="delimiter is one character"):
        run_import(source, tmp_path / "q", mapping=_mapping(tmp_path, "delimiter: ';;'\n"))


def test_utf16_csv_as_excel_saves_unicode_text(tmp_path):
    source = tmp_path / "unicode.txt"
    text = "Titel\tReferent\tRaum\r\nÜber Karten\tJörg Müller\tSaal 1\r\nΕλληνικά\tΣωκράτης\tSaal 2\r\n"
    source.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    _, project = run_import(source, tmp_path / "p")
    assert [c["title"] for c in project.contributions] == ["Über Karten", "Ελληνικά"]
    assert {p["name"] for p in project.people.values()} == {"Jörg Müller", "Σωκράτης"}


def test_utf16_xml(tmp_path):
    xml = fixture("frab-schedule.xml").read_text(encoding="utf-8")
    assert xml.startswith("<?xml")
    source = tmp_path / "schedule.xml"
    assert 'encoding="UTF-8"' in xml.split("\n")[0]
    source.write_bytes(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1).encode("utf-16"))
    _, utf16 = run_import(source, tmp_path / "a")
    _, utf8 = run_import(fixture("frab-schedule.xml"), tmp_path / "b")
    assert utf16.sessions == utf8.sessions and utf16.people == utf8.people


def test_a_cell_over_the_csv_field_limit(tmp_path, monkeypatch):
    source = tmp_path / "big.csv"
    big = "word " * 40_000                      # 200,000 characters: over Python's 131,072
    source.write_text(f'title,abstract\nSmall,short\nBig,"{big}"\n', encoding="utf-8")
    _, project = run_import(source, tmp_path / "p")
    assert project.abstract(project.contribution("Big")).strip() == big.strip()
    monkeypatch.setattr(table, "FIELD_LIMIT", 1000)
    with pytest.raises(ImporterError, match=r"big.csv: line 3: field larger than field limit.*at most 1,000"):
        run_import(source, tmp_path / "q")
