"""Versions and changes since print (issue 16, item 5): every build stamps the programme's version
and saves its snapshot in out/versions/; `--changes-since N` lists what changed since version N in
the booklet and on a one-sheet errata insert. Read back from the PDFs as a reader sees them."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
import yaml
from pypdf import PdfReader

from booklet import build
from booklet.cli import main
from booklet.content.compare import compare
from booklet.content.snapshot import Stamp
from booklet.errors import BookletError, ContentError
from booklet.typeset.grid import Highlight

from . import programmes
from .pdfread import Booklet, squash

DAYS = ["2026-06-15", "2026-06-16"]
NAMES = {p["id"]: p["name"] for p in programmes.people(41)}
A5 = (419.53, 595.28)
EPOCH = "1796342400"   # 2026-12-04 00:00 UTC


def write_project(root):
    """Two days, three rooms and a fourth room nothing uses yet."""
    project = programmes.write(root, rooms=3, days=DAYS)
    conference = project / "content" / "conference.yaml"
    data = yaml.safe_load(conference.read_text(encoding="utf-8"))
    data["rooms"].append({"id": "r3", "name": "Garden Room", "short": "Garden"})
    conference.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def edit_programme(project, change) -> None:
    path = project / "content" / "programme.yaml"
    sessions = yaml.safe_load(path.read_text(encoding="utf-8"))
    talks = {c["id"]: (s, c) for s in sessions for c in s.get("contributions", [])}
    change(sessions, {s["id"]: s for s in sessions}, talks)
    path.write_text(yaml.safe_dump(sessions, allow_unicode=True, sort_keys=False), encoding="utf-8")


def one_of_each(sessions, session, talk) -> None:
    """Every kind of change the list tells: a talk added, one cancelled, one moved to another day, time
    and room, one later in its session, one to another room at the same time, one retitled, one with
    another speaker; a session added, one renamed, one moved to another room, one with another chair."""
    session["s-2026-06-15-0-0"]["contributions"].append(
        {"id": "late-talk", "title": "A late addition on sparse sampling", "speakers": ["p33"], "start": "11:45",
         "duration": 25})
    s, c = talk["t-2026-06-15-0-1-2"]
    s["contributions"].remove(c)                                           # cancelled
    s, c = talk["t-2026-06-16-1-2-0"]
    s["contributions"].remove(c)
    c.update(start="14:45", duration=15)
    session["s-2026-06-15-1-1"]["contributions"].append(c)                 # moved: day, time, room
    talk["t-2026-06-15-0-2-2"][1]["start"] = "11:50"                       # moved: time
    s, c = talk["t-2026-06-15-1-0-1"]
    s["contributions"].remove(c)
    sessions.append({"session": "Overflow", "id": "overflow", "kind": "talks", "day": "2026-06-15", "start": "13:30",
                     "end": "15:00", "room": "r3", "contributions": [c]})  # moved: room; a session added
    talk["t-2026-06-15-1-0-0"][1]["title"] = "Talk 1, now on learned priors"     # retitled
    talk["t-2026-06-15-1-2-2"][1]["speakers"] = ["p30"]                          # another speaker
    session["s-2026-06-16-0-0"]["session"] = "Session 1A: methods, renamed"      # session renamed
    session["s-2026-06-16-0-1"]["chairs"] = ["p20"]                              # another chair
    session["s-2026-06-16-0-2"]["room"] = "r3"                                   # session moved, talks with it


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The project built as version 1, changed, and built again with --changes-since 1."""
    project = write_project(tmp_path_factory.mktemp("changes"))
    before = yaml.safe_load((project / "content" / "programme.yaml").read_text(encoding="utf-8"))
    first = build(project)
    edit_programme(project, one_of_each)
    second = build(project, changes_since="1")
    return project, before, first, second


@pytest.fixture(scope="module")
def section(versions):
    """The booklet's "Changes since version 1" pages, as one text."""
    booklet = Booklet.open(versions[3].pdf)
    start = booklet.pages_containing("Changes since version 1")[0]
    end = booklet.pages_containing("Contents")[0]
    return booklet, range(start, end), " ".join(booklet.flat(i) for i in range(start, end))


def names(*ids: str) -> str:
    return ", ".join(NAMES[i] for i in ids)


def chair_of(sessions, sid: str) -> str:
    return names(*next(s for s in sessions if s["id"] == sid)["chairs"])


def speaker_of(sessions, cid: str) -> str:
    return names(*next(c for s in sessions for c in s.get("contributions", []) if c["id"] == cid)["speakers"])


def expected_entries(before) -> list[tuple[str, str, str]]:
    """(group heading, title, what the entry says) for each change of `one_of_each`."""
    return [
        ("Added", "A late addition on sparse sampling", f"Mon 15, 11:45–12:10, Auditorium Maximum · {names('p33')}"),
        ("Cancelled", "Talk 3 on topic 1 in slot 0",
         f"was: Mon 15, 11:20–11:45, Room 2 · {speaker_of(before, 't-2026-06-15-0-1-2')}"),
        ("Moved", "Talk 1 on topic 2 in slot 1", "Tue 16, 13:30–13:55, Room 3 → Mon 15, 14:45–15:00, Room 2"),
        ("Moved", "Talk 3 on topic 2 in slot 0", "Mon 15, 11:20–11:45, Room 3 → Mon 15, 11:50–12:15, Room 3"),
        ("Moved", "Talk 2 on topic 0 in slot 1", "Mon 15, 13:55–14:20, Auditorium Maximum → Mon 15, 13:55–14:20, "
                                                 "Garden Room"),
        ("New titles", "Talk 1, now on learned priors", "was: Talk 1 on topic 0 in slot 1"),
        ("Other speakers", "Talk 3 on topic 2 in slot 1",
         f"{speaker_of(before, 't-2026-06-15-1-2-2')} → {names('p30')}"),
        ("New sessions", "Overflow", "Mon 15, 13:30–15:00, Garden Room"),
        ("Sessions moved", "Session 1C: methods in room 2", "Tue 16, 10:30–12:30, Room 3 → Tue 16, 10:30–12:30, "
                                                            "Garden Room"),
        ("Sessions renamed", "Session 1A: methods, renamed", "was: Session 1A: methods in room 0"),
        ("Other chairs", "Session 1B: methods in room 1",
         f"{chair_of(before, 's-2026-06-16-0-1')} → {names('p20')}"),
    ]


def test_each_kind_of_change_is_listed_in_the_booklet(versions, section):
    _, before, _, second = versions
    text = section[2]
    assert "Programme version 2 of" in text and "compared with version 1 of" in text and ": 11 changes." in text
    position = 0
    for group, title, says in expected_entries(before):
        found = text.find(f"{title} ", position)
        assert found > text.find(group) >= 0, (group, title)
        assert squash(says) in text[found:found + 400], (title, says, text[found:found + 400])
        position = text.find(group)
    # a talk that moved only with its session is not listed on its own
    assert "Talk 1 on topic 2 in slot 0" not in text
    assert second.stamp.version == "2"


def test_each_entry_still_in_the_programme_links_to_it(versions, section):
    booklet, pages, text = section
    targets = {target for page, target in booklet.link_targets() if page in pages}
    for title in ("A late addition on sparse sampling", "Talk 1, now on learned priors", "Overflow",
                  "Session 1B: methods in room 1", "Talk 1 on topic 2 in slot 1"):
        printed = [p for p in booklet.pages_containing(title) if p not in pages]
        assert set(printed) & targets, title
    assert "p. " in text    # and gives its page


def test_the_errata_sheet_is_one_sheet_of_the_booklets_page_size(versions):
    project, before, _, second = versions
    sheet = second.files["changes"]
    assert sheet == project / "out" / "gtc-changes.pdf" and second.counts["changes"] <= 2
    reader = PdfReader(sheet)
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A5, abs=0.1)
        assert "/Annots" not in page   # no links into a booklet it is not part of
    errata = Booklet.open(sheet)
    text = " ".join(errata.flat(i) for i in range(len(errata.texts)))
    for _, title, says in expected_entries(before):
        assert squash(title) in text and squash(says) in text, title
    assert "Monday, 15 June 2026" in text and "Tuesday, 16 June 2026" in text   # the grids of both days
    assert "Not on this sheet" not in text


def test_the_snapshots_of_both_versions_are_kept(versions):
    project, *_ = versions
    folder = project / "out" / "versions"
    assert sorted(p.name for p in folder.iterdir()) == ["gtc-v1.json", "gtc-v2.json"]
    first = json.loads((folder / "gtc-v1.json").read_text(encoding="utf-8"))
    second = json.loads((folder / "gtc-v2.json").read_text(encoding="utf-8"))
    assert first["version"] == "1" and second["version"] == "2"
    assert "late-talk" in second["contributions"] and "late-talk" not in first["contributions"]
    assert second["contributions"]["late-talk"] == {
        "title": "A late addition on sparse sampling", "session": "s-2026-06-15-0-0", "day": "2026-06-15",
        "start": "11:45", "end": "12:10", "rooms": ["r0"], "location": None, "speakers": [NAMES["p33"]],
        "board": None}


def test_no_changes_is_said_in_the_section_and_on_the_sheet(versions, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(versions[0], project)
    result = build(project, changes_since="2", edition="email")
    booklet = Booklet.open(result.pdf)
    assert booklet.pages_containing("Changes since version 2")
    assert booklet.pages_containing("Nothing in the programme has changed since version 2.")
    errata = Booklet.open(result.files["changes"])
    assert len(errata.texts) == 1 and "Nothing in the programme has changed since version 2." in errata.flat(0)


def test_an_unknown_version_is_an_error_naming_those_saved(versions, tmp_path, capsys):
    project = tmp_path / "p"
    shutil.copytree(versions[0], project)
    before = {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    with pytest.raises(BookletError, match=r"no version '7' in .*versions saved: 1, 2"):
        build(project, changes_since="7")
    assert main(["build", str(project), "--changes-since", "7"]) == 1
    err = capsys.readouterr().err
    assert "--changes-since: error: there is no version '7'" in err and "(versions saved: 1, 2)" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()} == before


def test_no_version_saved_yet_says_so(tmp_path):
    project = write_project(tmp_path / "p")
    first = build(project, edition="email", changes_since="1")     # version 1 is this build's own: no changes
    assert "has changed since version 1" in Booklet.open(first.files["changes"]).flat(0)
    shutil.rmtree(project / "out")
    with pytest.raises(BookletError, match=r"versions saved: none yet") as raised:
        build(project, changes_since="3")
    assert "build once to save the first" in str(raised.value)
    assert not (project / "out").exists()


def test_rebuilding_unchanged_content_keeps_the_version_and_the_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = write_project(tmp_path / "p")
    first = build(project, edition="email")
    data = first.pdf.read_bytes()
    saved = (project / "out" / "versions" / "gtc-v1.json").stat().st_mtime_ns
    again = build(project, edition="email")
    assert again.stamp == first.stamp == Stamp("1", dt.date.today())
    assert again.pdf.read_bytes() == data
    assert (project / "out" / "versions" / "gtc-v1.json").stat().st_mtime_ns == saved   # not rewritten
    colophon = Booklet.open(again.pdf)
    assert colophon.pages_containing(f"Programme version 1 of {dt.date.today():%-d %B %Y}.")


def test_a_changed_programme_is_the_next_version_dated_by_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = write_project(tmp_path / "p")
    assert build(project, edition="email").stamp == Stamp("1", dt.date(2026, 12, 4))
    edit_programme(project, lambda sessions, session, talk: talk["k-2026-06-15"][1].update(title="Why images matter"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    result = build(project, edition="email")
    assert result.stamp == Stamp("2", dt.date(2026, 12, 5))
    assert Booklet.open(result.pdf).pages_containing("Programme version 2 of 5 December 2026.")
    assert sorted(p.name for p in (project / "out" / "versions").iterdir()) == ["gtc-v1.json", "gtc-v2.json"]


def test_an_only_build_leaves_the_version_history_alone(tmp_path):
    project = write_project(tmp_path / "p")
    build(project, edition="email")
    history = project / "out" / "versions"
    saved = {p.name: p.read_bytes() for p in history.iterdir()}
    edit_programme(project, lambda sessions, session, talk: talk["k-2026-06-15"][1].update(title="Why images matter"))
    result = build(project, edition="email", only=["day=2026-06-15"])
    assert result.stamp.version == "2"          # the version the full booklet will have
    assert {p.name: p.read_bytes() for p in history.iterdir()} == saved
    with pytest.raises(BookletError, match="cannot be combined with --only"):
        build(project, only=["day=2026-06-15"], changes_since="1")


def test_the_contents_version_names_the_snapshot_and_the_stamp(tmp_path):
    project = write_project(tmp_path / "p")
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8") + "version: 2026-12b\n", encoding="utf-8")
    result = build(project, edition="email")
    assert result.stamp.version == "2026-12b"
    assert (project / "out" / "versions" / "gtc-v2026-12b.json").is_file()
    assert Booklet.open(result.pdf).pages_containing("Programme version 2026-12b of")


def test_a_named_version_built_with_another_programme_is_warned_of(tmp_path):
    """The snapshot of a named version that may have gone to print is replaced only with a warning
    at conference.yaml, saying to raise `version:`."""
    project = write_project(tmp_path / "p")
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8") + "version: 2026a\n", encoding="utf-8")
    assert not build(project, edition="email").warnings
    edit_programme(project, lambda sessions, session, talk: talk["t-2026-06-15-0-0-1"][1].update(title="Retitled"))
    [warning] = build(project, edition="email").warnings
    assert "content/conference.yaml" in str(warning) and "version 2026a was saved with another programme" \
        in str(warning) and "raise `version:`" in str(warning)


def test_what_no_list_of_changes_tells_makes_no_new_version(tmp_path):
    """A new conference title or a session's kind is not a change an errata sheet lists, so the
    programme keeps its version (and --changes-since would have said nothing changed)."""
    project = write_project(tmp_path / "p")
    assert build(project, edition="email").stamp.version == "1"
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8").replace(
        "Grid Test Conference", "Grid Test Conference, renamed"), encoding="utf-8")
    edit_programme(project, lambda sessions, session, talk: session["s-2026-06-15-0-0"].update(kind="workshop"))
    assert build(project, edition="email").stamp.version == "1"
    assert sorted(p.name for p in (project / "out" / "versions").iterdir()) == ["gtc-v1.json"]


def test_a_version_that_cannot_name_a_file_is_a_content_error(tmp_path):
    project = write_project(tmp_path / "p")
    conference = project / "content" / "conference.yaml"
    lines = conference.read_text(encoding="utf-8").count("\n")
    conference.write_text(conference.read_text(encoding="utf-8") + "version: 3/4\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert f"content/conference.yaml:{lines + 1}: error: conference: 'version' must be up to 40 letters" \
        in str(raised.value)


def test_the_version_in_the_running_foot_is_a_layout_option(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = write_project(tmp_path / "p")
    plain = Booklet.open(build(project, edition="email").pdf)
    assert not plain.pages_containing("Version 1 · 4 December 2026")
    (project / "layouts" / "footed").mkdir(parents=True)
    (project / "layouts" / "footed" / "layout.yaml").write_text("extends: a5\nrunning_foot: {version: true}\n")
    footed = Booklet.open(build(project, edition="email", layout="footed").pdf)
    body = [i for i, label in enumerate(footed.labels) if label.isdigit() and int(label) > 2]
    stamped = footed.pages_containing("Version 1 · 4 December 2026")
    assert stamped and set(stamped) <= set(body)
    assert len(stamped) >= len([i for i in body if footed.flat(i).strip()]) - 2   # every page with a folio


def test_too_many_changes_for_one_sheet_are_cut_and_said(tmp_path, capsys):
    project = programmes.write(tmp_path / "p", rooms=4, days=["2026-06-15", "2026-06-16", "2026-06-17"])
    build(project, edition="email")

    def retitle_all(sessions, session, talk):
        for _, c in talk.values():
            c["title"] = f"{c['title']}, revised after review"
    edit_programme(project, retitle_all)
    result = build(project, edition="email", changes_since="1")
    errata = Booklet.open(result.files["changes"])
    assert len(errata.texts) == 2
    text = " ".join(errata.flat(i) for i in range(2))
    assert "Not on this sheet for want of room:" in text and "more changes" in text
    assert any("the errata sheet leaves out" in str(w) for w in result.warnings)
    booklet = Booklet.open(result.pdf)    # the e-mail edition lists them all
    assert len(booklet.pages_containing("revised after review")) >= 3


def test_a_talk_moving_with_its_session_is_told_once():
    def programme(start: str, talk: str) -> dict:
        return {"title": "T", "rooms": {"a": "A"},
                "sessions": {"s": {"title": "S", "kind": "talks", "day": "2026-06-15", "start": start, "end": "12:00",
                                   "rooms": ["a"], "location": None, "chairs": [], "contributions": ["c"]}},
                "contributions": {"c": {"title": "C", "session": "s", "day": "2026-06-15", "start": talk, "end": None,
                                        "rooms": ["a"], "location": None, "speakers": [], "board": None}}}
    stamp = Stamp("1", dt.date(2026, 1, 1))
    moved_together = compare(programme("10:00", "10:30"), programme("09:00", "09:30"), stamp, stamp)
    assert [c.kind for c in moved_together.entries] == ["session moved"]
    moved_within = compare(programme("10:00", "10:30"), programme("09:00", "09:45"), stamp, stamp)
    assert [c.kind for c in moved_within.entries] == ["moved", "session moved"]
    stayed = compare(programme("10:00", "10:30"), programme("09:00", "10:30"), stamp, stamp)
    assert [c.kind for c in stayed.entries] == ["session moved"]
    assert compare(programme("10:00", "10:30"), programme("10:00", "10:30"), stamp, stamp).entries == ()
    gone = {"title": "T", "rooms": {"a": "A"}, "sessions": {}, "contributions": {}}
    assert [c.kind for c in compare(programme("10:00", "10:30"), gone, stamp, stamp).entries] \
        == ["session cancelled"]          # its talk goes with it, told once
    without_talk = programme("10:00", "10:30")
    without_talk["contributions"], without_talk["sessions"]["s"]["contributions"] = {}, []
    assert [c.kind for c in compare(programme("10:00", "10:30"), without_talk, stamp, stamp).entries] \
        == ["cancelled"]                  # a talk cancelled from a session that stays


def test_a_layout_without_the_changes_section_is_told(versions, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(versions[0], project)
    (project / "layouts" / "bare").mkdir(parents=True)
    (project / "layouts" / "bare" / "layout.yaml").write_text("extends: a5\nsections: [title, programme]\n")
    result = build(project, layout="bare", edition="email", changes_since="1")
    assert any("has no 'changes' among its sections" in str(w) for w in result.warnings)
    assert not Booklet.open(result.pdf).pages_containing("Changes since version 1")
    assert Booklet.open(result.files["changes"]).pages_containing("Changes since version 1")


def test_a_preview_shows_the_version_a_build_would_have_and_saves_nothing(tmp_path):
    project = write_project(tmp_path / "p")
    build(project, edition="email")
    saved = {p.name: p.read_bytes() for p in (project / "out" / "versions").iterdir()}
    preview = tmp_path / "preview"
    assert build(project, out_dir=preview, edition="email", preview=True).stamp.version == "1"
    for title in ("Why images matter", "Why images matter, again"):     # two saves in `booklet serve`
        edit_programme(project, lambda sessions, session, talk, title=title:
                       talk["k-2026-06-15"][1].update(title=title))
        assert build(project, out_dir=preview, edition="email", preview=True).stamp.version == "2"
    assert not (preview / "versions").exists()
    assert {p.name: p.read_bytes() for p in (project / "out" / "versions").iterdir()} == saved


def test_the_errata_grids_mark_what_changed_where_it_is_now(versions):
    from types import SimpleNamespace

    from booklet.content import loader, snapshot
    from booklet.errors import Diagnostics
    from booklet.sections.errata import changed_stretches

    project = versions[0]
    conference = loader.load(project / "content", Diagnostics(), root=project)
    first, second = (snapshot.read(project / "out" / "versions" / f"gtc-v{n}.json") for n in (1, 2))
    changes = compare(first.programme, second.programme, first.stamp, second.stamp)
    marks = changed_stretches(SimpleNamespace(changes=changes, conference=conference))
    assert marks["s-2026-06-15-0-0"] == (Highlight(11 * 60 + 45, 12 * 60 + 10, contribution="late-talk"),)
    assert marks["s-2026-06-15-1-1"] == (Highlight(14 * 60 + 45, 15 * 60, contribution="t-2026-06-16-1-2-0"),)
    assert marks["s-2026-06-16-0-0"] == (Highlight(10 * 60 + 30, 12 * 60 + 30),)    # renamed: all of it
    assert "s-2026-06-15-0-1" not in marks      # only a cancellation there: nothing left to mark


def test_one_change_fits_one_page_with_its_days_grid_below_the_list(tmp_path):
    project = write_project(tmp_path / "p")
    build(project, edition="email")
    edit_programme(project, lambda sessions, session, talk: talk["t-2026-06-15-0-0-1"][1].update(title="Retitled"))
    errata = Booklet.open(build(project, edition="email", changes_since="1").files["changes"])
    assert len(errata.texts) == 1
    assert "one change" in errata.flat(0) and "Monday, 15 June 2026" in errata.flat(0)
    assert "Tuesday" not in errata.flat(0)      # only the day that changed


def test_an_untimed_programme_has_its_changes_on_the_sheet_and_no_grid(default_project_copy):
    build(default_project_copy, edition="email")
    programme = default_project_copy / "content" / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "title: Solar Image-Based Modelling", "title: Solar Image-Based Modelling, revised"), encoding="utf-8")
    result = build(default_project_copy, edition="email", changes_since="1")
    errata = Booklet.open(result.files["changes"])
    text = " ".join(errata.flat(i) for i in range(len(errata.texts)))
    assert len(errata.texts) == 1 and "Solar Image-Based Modelling, revised" in text
    assert "was: Solar Image-Based Modelling" in text and "Not on this sheet" not in text
    assert not result.warnings


def test_a_build_without_changes_since_removes_the_last_errata_sheet(tmp_path):
    """The sheet beside a new booklet would read as this version's errata; a build that was not
    asked for it removes it, as it removes an edition it no longer makes."""
    project = write_project(tmp_path / "p")
    build(project, edition="email")
    edit_programme(project, lambda sessions, session, talk: talk["t-2026-06-15-0-0-1"][1].update(title="Retitled"))
    sheet = build(project, edition="email", changes_since="1").files["changes"]
    assert sheet.is_file()
    result = build(project, edition="email")
    assert "changes" not in result.files and not sheet.exists()
