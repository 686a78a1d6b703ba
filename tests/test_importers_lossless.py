"""Importers are lossless: every person as the source writes them, plain text printed as written.

The camp2019 fixture (a frab JSON written for these tests) holds the cases issue 19 names: handles
("RND", "INCO"), a name with an institution, a closing quote, and titles and abstracts whose text
looks like markup, code and entities. Each is imported, built, and read back from the PDF.
"""
from __future__ import annotations

import csv
import json
import os
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from booklet.importers import ImporterError, import_source, markup, names, project

from .fixtures.importers.support import Project, fixture, run_import
from .pdfread import Booklet, loose, squash

CAMP_PERSONS = ["RND", "INCO", "Tatiana Bazzichelli / Disruption Network Lab", "Johannes Klick 'Garak'",
                "Mr. Tom Smith", "LEHMANN MIOTTO", "Ada <b>Lovelace</b> & Co"]
MARKUP_TITLE = "p < 0.05 & q > 0.1 </para> <b>not bold</b>"


def _pdf_text(root) -> str:
    from booklet.build import build
    result = build(root, edition="email")
    return " ".join(squash(t) for t in Booklet.open(result.pdf).texts)


@pytest.fixture(scope="module")
def camp(tmp_path_factory):
    out = tmp_path_factory.mktemp("camp") / "p"
    report, proj = run_import(fixture("camp2019-frab.json"), out)
    return report, proj, _pdf_text(out)


def test_every_person_is_kept_as_the_source_writes_them(camp):
    report, proj, _ = camp
    written = {" ".join(filter(None, (p.get("title"), p["name"]))) for p in proj.people.values()}
    assert written == set(CAMP_PERSONS)
    assert proj.people["tom-smith"] == {"id": "tom-smith", "name": "Tom Smith", "title": "Mr."}
    text = report.render()
    assert "dropped:" not in text
    # what looks odd is a warning under "check", nothing more
    check = text.split("check:")[1]
    for odd in ("Tatiana Bazzichelli / Disruption Network Lab", "LEHMANN MIOTTO"):
        assert odd in check
    proj.assert_checks()


def test_every_person_and_markup_like_text_prints_as_written(camp):
    _, _, pdf = camp
    for name in CAMP_PERSONS[:4] + CAMP_PERSONS[5:] + ["Tom Smith"]:
        assert name in pdf, name
    for literal in (MARKUP_TITLE,                                  # a title, in programme and abstracts
                    "AT&T; *not emphasis* [not a link](x) $not maths$ \\escaped",   # a subtitle
                    "Code `<with> & chars` stays.",                # a code span in plain text
                    "int x = a < b && c > d; // <with> & chars",   # a code block in plain text
                    "After AT&T; &amp; &lt;tag&gt;."):             # entities are not decoded
        assert literal in pdf, literal


def test_the_mapping_file_may_split_and_recase_names(tmp_path):
    mapping = tmp_path / "names.yaml"
    mapping.write_text('names:\n  split: {"Tatiana Bazzichelli / Disruption Network Lab": [Tatiana Bazzichelli, '
                       'Disruption Network Lab]}\n  split_on: [" & "]\n  recase_capitals: true\n', encoding="utf-8")
    report, proj = run_import(fixture("camp2019-frab.json"), tmp_path / "p", mapping=mapping)
    shown = {p["name"] for p in proj.people.values()}
    assert {"Tatiana Bazzichelli", "Disruption Network Lab", "Lehmann Miotto", "Ada <b>Lovelace</b>", "Co",
            "RND", "INCO", "Johannes Klick 'Garak'"} <= shown
    assert "names split into several persons by the mapping file" in report.render()
    bad = tmp_path / "bad.yaml"
    bad.write_text("names:\n  split: {A: B}\n", encoding="utf-8")
    with pytest.raises(ImporterError, match="names: split maps a name"):
        run_import(fixture("camp2019-frab.json"), tmp_path / "q", mapping=bad)


def test_csv_cells_split_outside_brackets_and_keep_odd_names(tmp_path):
    source = tmp_path / "t.csv"
    source.write_text("title,speakers\nOne,\"Ada (Univ. A, UK), RND\"\nTwo,\"Bo Li, Universität Potsdam\"\n"
                      "Three,USA)\n", encoding="utf-8")
    report, proj = run_import(source, tmp_path / "p")
    people = {p["name"]: p for p in proj.people.values()}
    assert people["Ada"]["affiliations"] == ["Univ. A, UK"]
    assert people["Bo Li"]["affiliations"] == ["Universität Potsdam"]
    assert set(people) == {"Ada", "RND", "Bo Li", "USA)"}
    assert "USA)" in report.render().split("check:")[1]


# -- every word of any source text is printed ----------------------------------------------------------
# Hypothesis writes a small programme in one of four formats from generated titles, names and
# abstracts, imports it, builds it, and looks for each of them in the PDF's text. A few dozen
# examples, one small build each (about a tenth of a second): raise HYPOTHESIS_IMPORT_EXAMPLES to
# run more.
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789äöüßéñçøÅ"
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?[\\]^_`{|}~"
_TOKENS = ["<b>", "</b>", "</para>", "<with>", "<i>x</i>", "&amp;", "&lt;", "AT&T;", "&T;", "&#65;", "*a*",
           "**b**", "_c_", "`code`", "```", "[l](u)", "![i](s)", "$x$", "$$y$$", "\\", "\\*", "<!--", "-->",
           "<http://x.org>", "# h", "- i", "1.", "> q", "---", "===", "|a|b|", "~~s~~", "p<0.05", "a&b", "<>",
           "<br>", "<sup>2</sup>", "</font>", "&nbsp;"]
_word = st.one_of(st.text(st.sampled_from(_LETTERS), min_size=1, max_size=10),
                  st.text(st.sampled_from(_LETTERS + _PUNCTUATION), min_size=1, max_size=8),
                  st.sampled_from(_TOKENS))
_line = st.lists(_word, min_size=1, max_size=7).map(" ".join)
_abstract = st.lists(_line, min_size=1, max_size=4).flatmap(
    lambda lines: st.sampled_from(["\n", "\n\n"]).map(lambda sep: sep.join(lines)))
_event = st.fixed_dictionaries({"title": _line, "persons": st.lists(_line, min_size=1, max_size=2),
                                "abstract": _abstract})
_FORMATS = ["frab-json", "frab-xml", "indico-json", "csv"]


def _usable(event: dict) -> bool:
    """Texts an importer rightly treats otherwise: placeholders ("tbd"), e-mail addresses and secrets
    (removed on purpose), HTML abstracts (converted), leading titles (kept in `title:`)."""
    texts = [event["title"], event["abstract"], *event["persons"]]
    if any(project.is_placeholder(t) for t in texts[:1] + texts[2:]):
        return False
    if any(markup._EMAIL.search(t) or markup._SECRET_LINE.search(t) or "://" in t for t in texts):
        return False
    if markup.looks_like_html(event["abstract"]) or not event["abstract"].strip():
        return False
    return not any(names.split_title(p.split())[0] for p in event["persons"])


def _write_source(fmt: str, events: list[dict], folder):
    if fmt == "frab-json":
        rooms = {"Main": [{"id": 100 + i, "date": f"2024-05-06T{9 + i:02d}:00:00+02:00", "start": f"{9 + i:02d}:00",
                           "duration": "00:30", "room": "Main", "type": "lecture", "title": e["title"],
                           "abstract": e["abstract"],
                           "persons": [{"id": 10 * i + j, "public_name": p} for j, p in enumerate(e["persons"])]}
                          for i, e in enumerate(events)]}
        data = {"schedule": {"conference": {"title": "Generated", "acronym": "gen", "start": "2024-05-06",
                                            "end": "2024-05-06", "time_zone_name": "Europe/Berlin",
                                            "days": [{"date": "2024-05-06", "rooms": rooms}]}}}
        path = folder / "schedule.json"
        path.write_text(json.dumps(data), encoding="utf-8")
    elif fmt == "frab-xml":
        root = ET.Element("schedule")
        conf = ET.SubElement(root, "conference")
        ET.SubElement(conf, "title").text = "Generated"
        ET.SubElement(conf, "time_zone_name").text = "Europe/Berlin"
        room = ET.SubElement(ET.SubElement(root, "day", date="2024-05-06"), "room", name="Main")
        for i, e in enumerate(events):
            ev = ET.SubElement(room, "event", id=str(100 + i))
            for tag, value in (("date", f"2024-05-06T{9 + i:02d}:00:00+02:00"), ("start", f"{9 + i:02d}:00"),
                               ("duration", "00:30"), ("type", "lecture"), ("title", e["title"]),
                               ("abstract", e["abstract"])):
                ET.SubElement(ev, tag).text = value
            persons = ET.SubElement(ev, "persons")
            for j, p in enumerate(e["persons"]):
                ET.SubElement(persons, "person", id=str(10 * i + j)).text = p
        path = folder / "schedule.xml"
        ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    elif fmt == "indico-json":
        contributions = [{"_type": "Contribution", "id": str(i + 1), "title": e["title"], "type": "Talk",
                          "description": e["abstract"],
                          "startDate": {"date": "2024-05-06", "time": f"{9 + i:02d}:00:00", "tz": "Europe/Berlin"},
                          "endDate": {"date": "2024-05-06", "time": f"{9 + i:02d}:30:00", "tz": "Europe/Berlin"},
                          "speakers": [{"fullName": p} for p in e["persons"]]} for i, e in enumerate(events)]
        data = {"results": [{"_type": "Conference", "title": "Generated", "timezone": "Europe/Berlin",
                             "startDate": {"date": "2024-05-06", "time": "09:00:00", "tz": "Europe/Berlin"},
                             "endDate": {"date": "2024-05-06", "time": "18:00:00", "tz": "Europe/Berlin"},
                             "sessions": [{"title": "Session A", "session": {"title": "Session A"},
                                           "startDate": {"date": "2024-05-06", "time": "09:00:00",
                                                         "tz": "Europe/Berlin"},
                                           "endDate": {"date": "2024-05-06", "time": "18:00:00",
                                                       "tz": "Europe/Berlin"},
                                           "contributions": contributions}]}]}
        path = folder / "event.json"
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path = folder / "talks.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["title", "start", "end", "kind", "abstract", "speaker"])
            for i, e in enumerate(events):
                writer.writerow([e["title"], f"{9 + i:02d}:00", f"{9 + i:02d}:30", "talks", e["abstract"],
                                 "Ada Lovelace"])
    return path


@settings(max_examples=int(os.environ.get("HYPOTHESIS_IMPORT_EXAMPLES", "30")), deadline=None, derandomize=True,
          database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much])
@given(fmt=st.sampled_from(_FORMATS), events=st.lists(_event, min_size=1, max_size=3))
def test_every_word_of_any_source_text_is_printed(fmt, events, tmp_path_factory):
    for e in events:
        assume(_usable(e))
    folder = tmp_path_factory.mktemp("gen")
    source = _write_source(fmt, events, folder)
    import_source(source, folder / "p", fmt=fmt)
    Project(folder / "p").assert_checks()
    pdf = loose(_pdf_text(folder / "p"))
    for e in events:
        title = " ".join(e["title"].split())
        assert loose(title) in pdf, ("title", title)
        for word in e["abstract"].split():
            assert loose(word) in pdf, ("abstract word", word, e["abstract"])
        if fmt == "csv":
            continue
        for person in e["persons"]:     # Indico's "FAMILY, Given" is shown "Given FAMILY"
            for word in (person.replace(",", " ") if fmt == "indico-json" else person).split():
                assert loose(word) in pdf, ("person", person)


def test_rows_without_a_title_keep_their_persons(tmp_path):
    """A panel listed with its presenters but no talk titles (the DVPW export): nobody is dropped."""
    source = tmp_path / "panels.csv"
    source.write_text("session,title,presenter\nRound table,,Elisaveta Gaufman\nRound table,NA,Maria Ketzmerick\n"
                      "Talks,A talk,Ada Lovelace\n", encoding="utf-8")
    report, proj = run_import(source, tmp_path / "p")
    assert {p["name"] for p in proj.people.values()} == {"Elisaveta Gaufman", "Maria Ketzmerick", "Ada Lovelace"}
    [panel] = proj.session("Round table")["contributions"]
    assert panel["title"] == "Round table" and len(panel["speakers"]) == 2
    assert "dropped:" not in report.render()


def test_raw_html_in_a_markdown_abstract_prints_as_written(tmp_path):
    """pretalx writes Markdown: HTML in it is kept and printed as text, as booklet's own rich text does."""
    _, proj = run_import(fixture("frab-schedule.xml"), tmp_path / "p")
    pdf = _pdf_text(proj.root)
    assert '<p>Music &amp; <b>games</b>.</p><script>alert("x")</script>' in pdf
