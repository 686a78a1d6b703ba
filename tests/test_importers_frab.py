"""frab / pretalx / pentabarf schedules, XML and JSON → booklet projects."""
from __future__ import annotations

import datetime as dt

import pytest

from booklet.importers import ImporterError

from .fixtures.importers.support import fixture, run_import


@pytest.fixture
def frab(tmp_path):
    report, project = run_import(fixture("frab-schedule.xml"), tmp_path / "p")
    return report, project


def test_frab_xml_maps_conference_rooms_tracks_and_zone(frab):
    report, project = frab
    conf = project.conference
    assert conf["title"] == "MiniCon 2024"
    assert conf["short"] == "minicon24"
    assert conf["dates"] == {"start": dt.date(2024, 9, 24), "end": dt.date(2024, 9, 25)}
    assert conf["timezone"] == "Europe/Berlin"
    assert conf["venue"] == "Kulturhaus, Leipzig"
    assert conf["language"] == "en"
    assert [r["name"] for r in conf["rooms"]] == ["Saal A", "Saal B"]
    assert conf["tracks"] == [{"id": "science", "name": "Science", "colour": "#2b6cb0"},
                              {"id": "community", "name": "Community", "colour": "#38a169"}]
    assert report.format == "frab/pretalx schedule XML"
    assert report.counts == {"days": 2, "rooms": 2, "tracks": 2, "sessions": 5, "contributions": 5,
                             "persons": 3, "abstracts": 4}
    project.assert_checks()


def test_each_event_is_a_session_holding_one_contribution_with_its_title(frab):
    _, project = frab
    keynote = project.session("Opening keynote: Maps & Territories")
    assert keynote["kind"] == "keynote"
    assert (keynote["day"], keynote["start"], keynote["end"]) == (dt.date(2024, 9, 24), "09:00", "09:45")
    assert keynote["room"] == "saal-a" and keynote["track"] == "science"
    [c] = keynote["contributions"]
    assert c["title"] == keynote["session"]
    assert c["id"] == "abc123"                     # pretalx's talk code, lower-cased
    assert c["url"] == "https://pretalx.example.org/minicon24/talk/ABC123/"     # the event's <url>
    assert "url" not in project.session("Coffee break")["contributions"][0]      # it has none
    assert c["speakers"] == ["ada-lovelace"]
    assert project.session("Coffee break")["kind"] == "break"
    assert project.session("Hands-on: parsing schedules")["kind"] == "workshop"
    assert project.session("Night of open source")["kind"] == "social"


def test_times_are_quoted_in_the_yaml(frab):
    _, project = frab
    text = (project.content / "programme" / "2024-09-24.yaml").read_text(encoding="utf-8")
    assert 'start: "09:00"' in text and 'end: "09:45"' in text
    assert "&id" not in text and "*id" not in text     # no YAML anchors


def test_a_session_past_midnight_keeps_its_real_end(frab):
    report, project = frab
    night = project.session("Night of open source")   # 22:30 for 03:00 hours
    assert (night["start"], night["end"]) == ("22:30", "01:30")
    assert "duration" not in night["contributions"][0]   # it lasts as long as its session
    assert "day_ends" not in project.conference          # 01:30 is before booklet's default 06:00
    assert "midnight" not in report.render()
    conference = project.assert_checks()
    assert next(s for s in conference.sessions if s.title == "Night of open source").span == (1350, 1530)


def test_persons_keep_titles_apart_and_merge_by_source_id(frab):
    _, project = frab
    people = project.people
    assert people["ada-lovelace"] == {"id": "ada-lovelace", "name": "Ada Lovelace", "title": "Prof. Dr."}
    assert people["alan-turing"]["name"] == "Alan Turing"      # "Alan  Turing" with two spaces: one person
    assert len(people) == 3
    assert project.contribution("Lightning talks")["speakers"] == ["ada-lovelace"]


def test_abstracts_keep_markdown_and_lose_secrets_and_unsafe_html(frab):
    _, project = frab
    keynote = project.abstract(project.contribution("Opening keynote: Maps & Territories"))
    assert keynote.startswith("Why every map is *also* a story.\n\nFirst paragraph of the description.\n\n")
    assert "token" not in keynote and "s3cr3t" not in keynote
    assert "https://example.org/?utm=1" in keynote
    assert "ada@example.org" not in keynote and "(e-mail address removed)" in keynote
    night = project.abstract(project.contribution("Night of open source"))
    # pretalx writes Markdown: raw HTML in it is kept as written, and booklet prints it as text
    assert night == '<p>Music &amp; <b>games</b>.</p><script>alert("x")</script><iframe src="https://evil.example">' \
                    '</iframe>\n'
    lightning = project.contribution("Lightning talks")      # abstract == description: once
    assert project.abstract(lightning) == "Five minutes each.\n"


def test_pentabarf_uses_day_change_and_merges_spellings(tmp_path):
    report, project = run_import(fixture("pentabarf.xml"), tmp_path / "p")
    assert report.format == "pentabarf XML"
    late = project.session("A talk after midnight")
    assert late["day"] == dt.date(2024, 4, 14) and late["start"] == "02:00"   # before day_change 06:00
    retro = project.session("Retro night")
    assert (retro["day"], retro["start"], retro["end"], retro["kind"]) == (dt.date(2024, 4, 13), "18:00", "20:00",
                                                                          "social")
    assert project.session("BoF: parsers")["kind"] == "workshop"
    # Jörg Müller (id 3) and Joerg Mueller (id 4): one person, the spelling with umlauts shown
    assert list(project.people) == ["joerg-mueller"]
    assert project.people["joerg-mueller"]["name"] == "Jörg Müller"
    assert report.notes["merged"]["persons written in two ways"].examples == ["Jörg Müller = Joerg Mueller"]
    # HTML abstract → Markdown, subtitle first; plain text lines → paragraphs
    assert project.abstract(retro["contributions"][0]) == "Consoles and arcades\n\nWe set up *old* consoles.\n"
    assert project.abstract(late["contributions"][0]) == "Plain text line one.\n\nPlain text line two.\n"
    assert project.conference["venue"] == "Hackerspace, Gent"
    assert "timezone" not in project.conference
    project.assert_checks()


def test_pretalx_json_with_a_zone_that_contradicts_the_offsets(tmp_path):
    report, project = run_import(fixture("pretalx.json"), tmp_path / "p")
    assert report.format == "frab/pretalx schedule JSON"
    talk = project.session("Focused hardware")
    assert talk["start"] == "09:00"                 # the clock time pretalx shows, not 08:00 UTC
    assert "timezone" not in project.conference
    assert any("contradicts" in m for m in report.notes["check"])
    assert project.conference["rooms"][0] == {"id": "gray-room", "name": "Gray Room", "capacity": 120}
    assert project.conference["tracks"] == [{"id": "phased", "name": "Phased", "colour": "#aa3300"}]
    [c] = talk["contributions"]
    assert c["id"] == "g9jgwy"
    assert project.abstract(c) == ("Brand **new** models!\n\nLine one of a paragraph\ncontinues here.\n\n"
                                   "Second paragraph.\n")
    workshop = project.session("Workshop on things")
    assert workshop["kind"] == "workshop"
    assert workshop["contributions"][0]["speakers"] == ["brian-robinson", "stephanie-hudson"]
    text = project.all_text()
    assert "Phone" not in text and "555" not in text and "biography" not in text
    project.assert_checks()


def test_malformed_xml_names_line_and_column_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<schedule>\n  <conference><title>X</title>\n  </conferense>\n</schedule>\n")
    with pytest.raises(ImporterError, match=r"bad\.xml:3:\d+: malformed XML"):
        run_import(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.xml"]


def test_xml_entities_are_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<schedule><conference><title>&b;</title>'
                    '</conference></schedule>\n')
    with pytest.raises(ImporterError, match="refuses to expand"):
        run_import(bomb, tmp_path / "out")
    external = tmp_path / "external.xml"
    external.write_text('<?xml version="1.0"?>\n<!DOCTYPE schedule [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                        '<schedule><conference><title>&x;</title></conference></schedule>\n')
    with pytest.raises(ImporterError, match="refuses to expand"):
        run_import(external, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_malformed_json_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schedule": {\n  "conference": {"title": "X",}\n}}\n')
    with pytest.raises(ImporterError, match=r"bad\.json:2:\d+: malformed JSON"):
        run_import(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_xml_that_is_not_a_schedule_is_refused(tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text("<rss><channel/></rss>")
    with pytest.raises(ImporterError, match="root <rss>"):
        run_import(other, tmp_path / "out")


def test_a_talk_in_another_language_than_the_conference_keeps_it_as_lang(tmp_path):
    """pretalx and frab give each event its `language`: the conference takes the most common one, and
    a talk in another keeps its own as `lang:`, which the content loader accepts."""
    source = fixture("camp2019-frab.json").read_text(encoding="utf-8")
    last = source.rindex('"language": "en"')
    changed = tmp_path / "camp.json"
    changed.write_text(source[:last] + '"language": "de"' + source[last + len('"language": "en"'):], encoding="utf-8")
    _, project = run_import(changed, tmp_path / "p")
    assert project.conference["language"] == "en"
    langs = [c.get("lang") for c in project.contributions]
    assert langs.count("de") == 1 and langs.count(None) == len(langs) - 1
    project.assert_checks()
