"""`booklet build --only day=…,room=…,track=…` (issue 17, item 1): the booklet of part of the
programme, read back from the PDF: exactly the matching contributions, an index of those people
pointing at their pages, a title page that says what it holds, files beside the full booklet's."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from icalendar import Calendar

from booklet import build
from booklet.content import loader, selection
from booklet.errors import BookletError, Diagnostics
from booklet.layout import definition
from booklet.sections.title import selection_line

from .conftest import REPO
from .pdfread import Booklet, index_entries, loose

THREE_DAY = REPO / "examples" / "three-day"
MONDAY, TUESDAY, WEDNESDAY = dt.date(2026, 6, 15), dt.date(2026, 6, 16), dt.date(2026, 6, 17)


@pytest.fixture(scope="module")
def conference():
    diag = Diagnostics()
    conf = loader.load(THREE_DAY / "content", diag, root=THREE_DAY)
    assert not diag.errors
    return conf


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("only")


@pytest.fixture(scope="module")
def tuesday(out):
    result = build(THREE_DAY, out_dir=out, only=["day=2026-06-16"])
    return result, Booklet.open(result.pdf)


def body_text(booklet: Booklet) -> str:
    """Every page's text but the covers', loosened for searching titles that may break and hyphenate."""
    return loose(" ".join(text for text, label in zip(booklet.texts, booklet.labels) if not label.startswith("C")))


def contributions_with_sessions(conference):
    return [(s, c) for s in conference.sessions for c in s.contributions]


def assert_holds_exactly(booklet: Booklet, conference, kept) -> None:
    """The titles of the contributions `kept(session, contribution)` are printed, no other's (a
    poster's lightning talk on Tuesday has the title of its poster on Wednesday: a title kept once is
    not looked for as another's)."""
    text = body_text(booklet)
    wanted = [c for s, c in contributions_with_sessions(conference) if kept(s, c)]
    titles = {c.title for c in wanted}
    others = [c for s, c in contributions_with_sessions(conference) if not kept(s, c) and c.title not in titles]
    assert wanted and others
    missing = [c.title for c in wanted if loose(c.title) not in text]
    extra = [c.title for c in others if loose(c.title) in text]
    assert not missing, f"left out: {missing}"
    assert not extra, f"printed though not selected: {extra}"


# -- a day ------------------------------------------------------------------------------------------

def test_a_day_keeps_exactly_that_days_contributions(tuesday, conference):
    _, booklet = tuesday
    assert_holds_exactly(booklet, conference, lambda s, c: s.day == TUESDAY)


def test_a_day_is_checked_page_by_page(tuesday, conference):
    """No page of the Tuesday booklet names a Monday or Wednesday contribution, and each Tuesday
    contribution with an abstract has the page its title is on."""
    _, booklet = tuesday
    kept = {c.title for s in conference.sessions if s.day == TUESDAY for c in s.contributions}
    others = [loose(c.title) for s in conference.sessions if s.day != TUESDAY for c in s.contributions
              if c.title not in kept]
    for index in range(len(booklet.texts)):
        page = loose(booklet.flat(index))
        assert not [t for t in others if t in page], f"page {booklet.labels[index]}"
    pages = [loose(booklet.flat(index)) for index in range(len(booklet.texts))]
    for s in conference.sessions:
        if s.day == TUESDAY:
            for c in s.contributions:
                assert any(loose(c.title) in page for page in pages), c.title


def test_a_day_has_only_its_own_grid(tuesday):
    _, booklet = tuesday
    text = " ".join(booklet.texts)
    assert "Tuesday, 16 June 2026" in text
    assert "Monday, 15 June 2026" not in text and "Wednesday, 17 June 2026" not in text


def test_the_index_of_a_day_holds_its_people_at_their_pages(tuesday, conference):
    _, booklet = tuesday
    on_tuesday = [s for s in conference.sessions if s.day == TUESDAY]
    appearing = {p.id for s in on_tuesday for p in s.chairs} | \
                {a.person.id for s in on_tuesday for c in s.contributions for a in c.authors}
    entries = index_entries(booklet)
    assert set(entries) == {p.index_name for p in conference.people if p.id in appearing}
    for s in on_tuesday:
        for c in s.contributions:
            if not c.abstract:
                continue
            abstract_page = booklet.labels[booklet.pages_containing(c.title)[-1]]   # its abstract, after the programme
            for author in c.authors:
                assert abstract_page in entries[author.person.index_name], (author.person.name, c.title)
    # Every page an entry names shows the person: a lightning talk has no abstract page, and is
    # indexed at its own row in the programme (a chair at the session's heading, which names them).
    for name, pages in entries.items():
        person = next(p for p in conference.people if p.index_name == name)
        for label in pages:
            page = loose(booklet.flat(booklet.page_of_label(label)))
            assert loose(person.family) in page, f"{person.name} is not on page {label}"


def test_the_index_links_lead_to_pages_of_the_booklet(tuesday):
    _, booklet = tuesday
    links = booklet.link_targets()
    assert links and all(target >= 0 for _, target in links)


def test_a_day_writes_every_edition_beside_the_full_booklet(tuesday, conference):
    result, _ = tuesday
    assert {name: path.name for name, path in result.files.items()} == {
        "email": "ias-2026-day-2026-06-16.pdf", "print": "ias-2026-day-2026-06-16-print.pdf",
        "imposed": "ias-2026-day-2026-06-16-imposed.pdf", "ics": "ias-2026-day-2026-06-16.ics",
        "html": "ias-2026-day-2026-06-16.html"}
    events = list(Calendar.from_ical(result.files["ics"].read_bytes()).walk("VEVENT"))
    assert events and {e["DTSTART"].dt.date() for e in events} == {TUESDAY}
    html = loose(result.files["html"].read_text(encoding="utf-8"))
    tuesday_titles = [c.title for s in conference.sessions if s.day == TUESDAY for c in s.contributions]
    assert loose(tuesday_titles[0]) in html
    monday = next(c for s in conference.sessions if s.day == MONDAY and s.kind == "talks" for c in s.contributions)
    assert loose(monday.title) not in html


def test_the_title_page_says_what_the_booklet_holds(tuesday):
    _, booklet = tuesday
    title = booklet.flat(2)   # after the front cover's two pages
    assert "PROGRAMME AND ABSTRACTS Tuesday, 16 June 2026 15–17 June 2026" in title
    assert "Tuesday, 16 June 2026" in booklet.reader.metadata["/Subject"]


# -- a room, a track, both ----------------------------------------------------------------------------

def test_a_room_keeps_its_sessions_and_those_for_all_rooms(out, conference):
    result = build(THREE_DAY, out_dir=out, only=["room=seminar-6"], edition="email")
    booklet = Booklet.open(result.pdf)
    room = next(r for r in conference.rooms if r.id == "seminar-6")
    assert_holds_exactly(booklet, conference,
                         lambda s, c: room in s.rooms or (not s.rooms and s.location is None))
    assert result.pdf.name == "ias-2026-room-seminar-6.pdf"
    assert "Room: Seminar room 6" in booklet.flat(2)


def test_a_track_keeps_its_sessions_and_its_contributions_in_other_sessions(out, conference):
    result = build(THREE_DAY, out_dir=out, only=["track=earth"], edition="email")
    booklet = Booklet.open(result.pdf)
    assert_holds_exactly(booklet, conference, lambda s, c: "earth" in (getattr(s.track, "id", None),
                                                                       getattr(c.track, "id", None)))
    assert "Track: Earth & Environmental Observation" in booklet.flat(2)
    lightning = next(s for s in conference.sessions if s.title.startswith("Lightning talks"))
    assert loose(lightning.title) in body_text(booklet)   # kept, with only its earth contributions


def test_filters_combine_values_of_a_key_by_or_and_keys_by_and(out, conference):
    result = build(THREE_DAY, out_dir=out, only=["day=2026-06-16,track=comp", "track=earth"], edition="email")
    booklet = Booklet.open(result.pdf)
    tracks = {"comp", "earth"}
    assert_holds_exactly(booklet, conference, lambda s, c: s.day == TUESDAY and bool(
        tracks & {getattr(s.track, "id", None), getattr(c.track, "id", None)}))
    assert result.pdf.name == "ias-2026-day-2026-06-16-track-earth-comp.pdf"   # the conference's order of tracks
    assert "Tuesday, 16 June 2026 · Tracks: Earth & Environmental Observation / Computation & AI" \
        in booklet.flat(2)


# -- the selection on its own ------------------------------------------------------------------------

def test_select_recomputes_the_people_in_their_order(conference):
    chosen = selection.resolve(conference, selection.parse(["day=2026-06-17"]))
    part = selection.select(conference, chosen)
    assert {s.day for s in part.sessions} == {WEDNESDAY}
    appearing = {p.id for s in part.sessions for p in s.chairs} | \
                {a.person.id for c in part.contributions for a in c.authors}
    assert [p.id for p in part.people] == [p.id for p in conference.people if p.id in appearing]
    assert len(part.people) < len(conference.people)
    assert part.committees == conference.committees and part.pages == conference.pages


def test_a_room_filter_keeps_sessions_for_all_rooms_but_not_those_elsewhere(conference):
    part = selection.select(conference, selection.resolve(conference, {"room": ("semper",)}))
    titles = {s.title for s in part.sessions}
    assert "Opening and keynote" in titles                  # no room: for all rooms
    assert "Conference dinner" not in titles                # a place outside the rooms
    multi = [s for s in part.sessions if len(s.rooms) > 1]  # the coffee break in four rooms, Semper one of them
    assert multi and all(any(r.id == "semper" for r in s.rooms) for s in multi)
    assert all(not s.rooms or any(r.id == "semper" for r in s.rooms) for s in part.sessions)


def test_a_track_filter_keeps_a_session_with_only_its_matching_contributions(conference):
    part = selection.select(conference, selection.resolve(conference, {"track": ("xray",)}))
    spectro = next(s for s in part.sessions if s.title.startswith("Electron and X-ray spectromicroscopy"))
    full = next(s for s in conference.sessions if s.id == spectro.id)
    assert 0 < len(spectro.contributions) < len(full.contributions)
    assert all(c.track.id == "xray" for c in spectro.contributions)


def test_the_same_selection_in_any_order_names_the_same_files(conference):
    one = selection.resolve(conference, selection.parse(["track=comp,day=2026-06-17", "day=2026-06-15"]))
    two = selection.resolve(conference, selection.parse(["day=2026-06-15", "day=2026-06-17,track=comp"]))
    assert one == two and one.suffix == "-day-2026-06-15-2026-06-17-track-comp"
    assert not selection.resolve(conference, {}) and selection.resolve(conference, {}).suffix == ""


def test_a_long_selection_gets_a_short_file_name(conference):
    chosen = selection.resolve(conference, {"day": tuple(d.isoformat() for d in conference.days),
                                            "room": tuple(r.id for r in conference.rooms),
                                            "track": tuple(t.id for t in conference.tracks)})
    assert re.fullmatch(r"-only-[0-9a-f]{12}", chosen.suffix)


def test_the_title_line_in_german():
    layout = definition.load("a5", THREE_DAY, "de", Diagnostics())
    conference = loader.load(THREE_DAY / "content", Diagnostics(), root=THREE_DAY)
    rooms = tuple(r for r in conference.rooms if r.id in ("semper", "zwinger"))
    track = tuple(t for t in conference.tracks if t.id == "bio")
    line = selection_line(selection.Selection((TUESDAY,), rooms, track), layout.labels, "de")
    assert line == ("Dienstag, 16. Juni 2026 · Track: Biomedical & Preclinical Imaging · "
                    "Räume: Hall Semper / Hall Zwinger")
    assert selection_line(selection.Selection(), layout.labels, "de") == ""


# -- errors ---------------------------------------------------------------------------------------

def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "booklet", "build", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


@pytest.mark.parametrize("option, said, listed", [
    ("day=2026-06-20", "unknown day '2026-06-20'", "2026-06-15; 2026-06-16; 2026-06-17"),
    ("room=hall", "unknown room 'hall'", "semper (Hall Semper)"),
    ("track=ml", "unknown track 'ml'", "comp (Computation & AI)"),
    ("speaker=ada", "unknown filter 'speaker'", "day, room, track"),
    ("day", "'day' is not KEY=VALUE", "day=2026-06-15"),
    ("day=2026-06-15,room=seminar-6", "no session matches", "one value of each key"),   # Sem 6: Tuesday only
    ("day=2026-06-15,track=comp,room=semper", "no session matches", "leave a key out"),
])
def test_a_wrong_or_empty_filter_is_a_clear_error(tmp_path, option, said, listed):
    done = run(str(THREE_DAY), "-o", str(tmp_path), "--only", option)
    assert done.returncode == 1, done.stderr
    assert said in done.stderr and listed in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_values_are_reported_together(conference):
    with pytest.raises(BookletError) as caught:
        selection.resolve(conference, {"room": ("hall",), "track": ("ml",)})
    assert "unknown room 'hall'" in str(caught.value) and "unknown track 'ml'" in str(caught.value)


# -- the full booklet stays ---------------------------------------------------------------------------

def test_a_filtered_build_leaves_the_full_booklet_untouched(tmp_path):
    project = tmp_path / "three-day"
    shutil.copytree(THREE_DAY, project, ignore=shutil.ignore_patterns("out"))
    done = run(str(project), "-q")
    assert done.returncode == 0, done.stderr
    full = {str(p.relative_to(project / "out")): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in (project / "out").rglob("*") if p.is_file()}
    assert "versions/ias-2026-v1.json" in full   # the full booklet's version history, untouched below
    assert set(full) == {"ias-2026.pdf", "ias-2026-print.pdf", "ias-2026-imposed.pdf", "ias-2026.ics", "ias-2026.html",
                         "versions/ias-2026-v1.json"}
    done = run(str(project), "--only", "day=2026-06-15", "--only", "room=audimax")
    assert done.returncode == 0, done.stderr
    assert "wrote " + str(project / "out" / "ias-2026-day-2026-06-15-room-audimax.pdf") in done.stdout
    after = {str(p.relative_to(project / "out")): p for p in (project / "out").rglob("*") if p.is_file()}
    for name, (data, mtime) in full.items():
        assert after[name].read_bytes() == data and after[name].stat().st_mtime_ns == mtime, name
    assert set(after) - set(full) == {f"ias-2026-day-2026-06-15-room-audimax{ending}" for ending in
                                      (".pdf", "-print.pdf", "-imposed.pdf", ".ics", ".html")}
