"""`booklet sheets` (issue 17, item 2): door signs, day sheets and the foyer poster, read back from
the PDF files: which sessions each page holds and in what order, page sizes, and that the files
are vector with every font embedded. examples/three-day is the project; the imported FOSDEM 2021
programme (108 rooms) runs with BOOKLET_SLOW=1."""
from __future__ import annotations

import itertools
import os
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from booklet.cli import main
from booklet.content.model import clock
from booklet.handouts import sheets
from booklet.handouts.sheets import sessions_of
from booklet.sections import glance

from .conftest import REPO
from .fixtures.importers.support import SHARED_DATA, run_import
from .pdfread import Booklet, squash
from .test_fonts_embedded import embedded, fonts_used
from .test_qr_codes import decoded, write_project

THREE_DAY = REPO / "examples" / "three-day"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def three_day(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheets")
    result = sheets.make(THREE_DAY, out_dir=out)
    return out, result


@pytest.fixture(scope="module")
def conference():
    from booklet.content import loader
    from booklet.errors import Diagnostics
    return loader.load(THREE_DAY / "content", Diagnostics(), root=THREE_DAY)


def page_texts(path) -> list[str]:
    return [squash(t) for t in Booklet.open(path).texts]


# Door signs -------------------------------------------------------------------------------------

def test_a_door_sign_per_room_with_sessions_and_a_page_per_day_in_time_order(three_day, conference):
    out, _ = three_day
    for room in conference.rooms:
        days = {day: sessions_of(conference, room, day) for day in conference.days}
        days = {day: found for day, found in days.items() if found}
        path = out / f"door-{room.id}.pdf"
        assert path.exists() == bool(days), room.id
        if not days:
            continue
        pages = page_texts(path)
        for day, sessions in days.items():
            date = f"{day.day} {day:%B} {day.year}"
            on_day = " ".join(text for text in pages if date in text)
            assert on_day, f"{room.id}: no page for {day}"
            places = [on_day.find(squash(f"{clock(s.span[0])} –{clock(s.span[1])} {s.title}")) for s in sessions]
            assert -1 not in places, (room.id, day, [s.title for s, p in zip(sessions, places) if p < 0])
            assert places == sorted(places), f"{room.id} {day}: sessions out of time order"
            for s in sessions:   # the talks under a session, each with its time and speakers
                if s.kind == "talks" and not s.single_item:
                    for c in s.contributions:
                        names = ", ".join(a.person.name for a in c.speakers)
                        assert squash(f"{c.start:%H:%M} {c.title} {names}") in on_day, c.id
        # a page belongs to one day: every page names its room and exactly one of its days
        for text in pages:
            assert text.startswith(squash(room.name))
            assert sum(f"{d.day} {d:%B} {d.year}" in text for d in days) == 1


def test_a_room_without_sessions_that_day_gets_no_page(three_day, conference):
    out, _ = three_day
    seminar = next(r for r in conference.rooms if r.id == "seminar-6")   # used on Tuesday only
    texts = page_texts(out / "door-seminar-6.pdf")
    assert texts and all("Tuesday, 16 June 2026" in t for t in texts)
    assert not sessions_of(conference, seminar, conference.days[0])


def test_a_day_that_does_not_fit_goes_on_over_the_next_page_and_says_what_comes_next(three_day):
    out, _ = three_day
    texts = page_texts(out / "door-semper.pdf")
    monday = [t for t in texts if "15 June 2026" in t]
    assert len(monday) >= 2
    assert "Next in this room:" in monday[0] and "continued on the next page" in monday[0]
    assert "15 June 2026 (continued)" in monday[1]
    upcoming = re.search(r"Next in this room: (\d\d:\d\d)", monday[0])[1]
    first_rows = monday[1].split("15 June 2026 (continued)", 1)[1]
    assert re.search(r"\d\d:\d\d", first_rows)[0] == upcoming          # the page goes on where it said
    assert "Next in this room" not in monday[-1]
    # a session whose talks go on over the page is named again above them
    assert any(re.search(r"\(continued\) [^0-9]+ \(continued\)", page) for page in monday[1:])


def test_door_signs_are_a4_portrait_by_default(three_day):
    out, _ = three_day
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in PdfReader(out / "door-audimax.pdf").pages}
    assert sizes == {(595, 842)}


def test_a_session_url_is_a_qr_code_on_the_door_sign_when_the_layout_has_qr_codes(tmp_path):
    project = write_project(tmp_path / "qr")
    sheets.make(project, kinds=["door"], layout="on", out_dir=tmp_path / "on")
    sheets.make(project, kinds=["door"], layout="off", out_dir=tmp_path / "off")
    codes = [r.text for i in range(len(pdfium.PdfDocument(str(tmp_path / "on" / "door-main.pdf"))))
             for r in decoded(tmp_path / "on" / "door-main.pdf", i)]
    assert codes == ["https://indico.example.org/event/7/session/2/"]     # the keynote session's own url
    assert not decoded(tmp_path / "off" / "door-main.pdf", 0)


def test_a_night_session_sorts_and_prints_past_midnight(make_night_project, tmp_path):
    sheets.make(make_night_project, kinds=["door"], out_dir=tmp_path)
    monday, tuesday = page_texts(tmp_path / "door-club.pdf")
    assert monday.index("08:00 –09:00 Morning coffee") < monday.index("21:00 –23:00 Evening jam") \
        < monday.index("23:30 –01:30 Night session")
    assert "After hours" not in monday and "03:00 –04:00 After hours" in tuesday


@pytest.fixture
def make_night_project(tmp_path):
    import yaml
    content = tmp_path / "night" / "content"
    content.mkdir(parents=True)
    (content / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Night Conference", "dates": {"start": "2026-06-15", "end": "2026-06-16"}, "language": "en",
         "rooms": [{"id": "club", "name": "Club room"}, {"id": "empty", "name": "Empty room"}]}))

    def session(title, start, end, day="2026-06-15"):
        return {"session": title, "kind": "social", "day": day, "start": start, "end": end, "room": "club"}
    (content / "programme.yaml").write_text(yaml.safe_dump(
        [session("Night session", "23:30", "01:30"), session("Evening jam", "21:00", "23:00"),
         session("Morning coffee", "08:00", "09:00"), session("After hours", "03:00", "04:00", "2026-06-16")],
        sort_keys=False))
    return tmp_path / "night"


def test_rooms_whose_ids_make_one_file_name_get_a_sign_each(tmp_path):
    """`Main` and `main` are two rooms, but one file on a Mac or Windows; `hall` and `hall.` one
    file anywhere: the second of each gets -2, and no sign is lost."""
    import yaml
    content = tmp_path / "p" / "content"
    content.mkdir(parents=True)
    rooms = [("Main", "Main hall"), ("main", "Small main room"), ("hall", "Hall"), ("hall.", "Hall annexe")]
    (content / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Names", "dates": {"start": "2026-06-15", "end": "2026-06-15"}, "language": "en",
         "rooms": [{"id": i, "name": n} for i, n in rooms]}))
    (content / "programme.yaml").write_text(yaml.safe_dump(
        [{"session": f"In {n}", "kind": "talks", "day": "2026-06-15", "start": "09:00", "end": "10:00", "room": i}
         for i, n in rooms], sort_keys=False))
    sheets.make(tmp_path / "p", kinds=["door"], out_dir=tmp_path / "out")
    names = {"door-Main.pdf": "In Main hall", "door-main-2.pdf": "In Small main room", "door-hall.pdf": "In Hall",
             "door-hall-2.pdf": "In Hall annexe"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    for name, session in names.items():
        assert session in page_texts(tmp_path / "out" / name)[0]


def with_layout(project: Path, layout: str | None = None, *, name: str = "mine", content: Path = THREE_DAY) -> Path:
    """`project`: a copy of `content`'s content/ and, given its text, a layout `name` of its own."""
    shutil.copytree(content / "content", project / "content")
    if layout is not None:
        (project / "layouts" / name).mkdir(parents=True)
        (project / "layouts" / name / "layout.yaml").write_text(layout)
    return project


def test_a_title_too_long_for_a_page_is_shrunk_onto_its_own_page(tmp_path):
    import yaml
    content = tmp_path / "long" / "content"
    content.mkdir(parents=True)
    (content / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Long", "dates": {"start": "2026-06-15", "end": "2026-06-15"}, "language": "en",
         "rooms": [{"id": "a", "name": "Room A"}]}))
    title = " ".join(f"word{i}" for i in range(250))           # 1,890 characters: pages of 26 pt type
    (content / "programme.yaml").write_text(yaml.safe_dump(
        [{"session": title, "kind": "talks", "day": "2026-06-15", "start": "09:00", "end": "10:00", "room": "a"},
         {"session": "Short after", "kind": "talks", "day": "2026-06-15", "start": "10:00", "end": "11:00",
          "room": "a"}], sort_keys=False))
    sheets.make(tmp_path / "long", out_dir=tmp_path / "out")
    first, second = page_texts(tmp_path / "out" / "door-a.pdf")
    assert "word0 word1" in first and "word249" in first and "Short after" in second
    assert len(PdfReader(tmp_path / "out" / "day-2026-06-15.pdf").pages) == 1


def test_rooms_without_any_session_get_no_file(make_night_project, tmp_path):
    sheets.make(make_night_project, kinds=["door"], out_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.glob("door-*.pdf")) == ["door-club.pdf"]


# Day sheets -------------------------------------------------------------------------------------

def sizes_of(path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(path).pages}


def test_a_day_sheet_is_one_a3_landscape_page_with_every_room_and_session_of_its_day(three_day, conference):
    out, _ = three_day
    for day, sessions in glance.timed_days(conference).items():
        path = out / f"day-{day.isoformat()}.pdf"
        assert sizes_of(path) == {(1191, 842)} and len(PdfReader(path).pages) == 1
        text = page_texts(path)[0]
        assert text.startswith(f"{day:%A}, {day.day} {day:%B} {day.year}")
        for room in {r for s in sessions for r in s.rooms}:
            assert squash(room.name) in text, (day, room.name)
        for s in sessions:
            assert f"{clock(s.span[0])}–{clock(s.span[1])}" in text, (day, s.title)


def test_past_the_minimum_size_a_day_sheet_splits_its_rooms_with_the_time_axis_on_each_page(tmp_path, conference):
    with_layout(tmp_path, "extends: a5\nsheets:\n  day: {size: A4, title: 10pt, min_size: 10pt}\n", name="small")
    sheets.make(tmp_path, kinds=["day"], layout="small", out_dir=tmp_path / "out")
    tuesday = conference.days[1]
    path = tmp_path / "out" / f"day-{tuesday.isoformat()}.pdf"
    texts = page_texts(path)
    assert len(texts) == 2 and sizes_of(path) == {(842, 595)}
    rooms = [r.name for r in conference.rooms if any(r in s.rooms for s in conference.sessions if s.day == tuesday)]
    for name in rooms:
        assert sum(squash(name) in t for t in texts) == 1, name          # each room on one page
    for text in texts:
        assert all(f"{hour:02d}:00" in text for hour in range(8, 22)), text[:80]   # the whole time axis
        assert re.search(r"Rooms \d–\d / 7", text)


def test_track_shades_stay_apart_in_grey_and_keep_dark_text_readable(conference):
    from reportlab.lib import colors

    from booklet.handouts.shades import contrast, lightness, track_fills
    fills = track_fills(conference.tracks)
    assert list(fills) == [t.id for t in conference.tracks]
    grey = [lightness(fill) for fill in fills.values()]
    assert all(a - b >= 5 - 1e-6 for a, b in itertools.pairwise(grey)), grey   # lighter to darker, 5 L* apart
    untracked = lightness(colors.HexColor("#eef3f6"))                   # the a5 layout's grid session
    assert max(grey) <= untracked - 5
    assert all(contrast(fill, colors.HexColor("#1a1a1a")) >= 7 for fill in fills.values())


# The poster -------------------------------------------------------------------------------------

@pytest.mark.parametrize("size, points", [("A2", (1684, 1191)), ("A0", (3370, 2384))])
def test_the_poster_is_one_page_of_the_size_asked_for(tmp_path, size, points):
    assert main(["sheets", str(THREE_DAY), "--kind", "poster", "--size", size, "-q", "-o", str(tmp_path)]) == 0
    assert sizes_of(tmp_path / f"poster-{size}.pdf") == {points}


def test_a_poster_too_small_for_its_rooms_warns_and_strict_writes_nothing(tmp_path, capsys):
    project = with_layout(tmp_path / "p", "extends: a5\nsheets:\n  poster: {min_size: 30pt, arrange: stacked}\n",
                          name="big-type")
    args = ["sheets", str(project), "--kind", "poster", "--size", "A2", "--layout", "big-type"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "layouts/big-type/layout.yaml:3: warning: sheets: poster: 7 rooms a day leave the poster's columns" in err
    assert "--size A0" in err
    shutil.rmtree(project / "out")
    assert main([*args, "--strict"]) == 1
    assert not (project / "out").exists()


def test_the_poster_holds_every_day_and_session(three_day, conference):
    out, _ = three_day
    path = out / "poster-A1.pdf"
    assert sizes_of(path) == {(2384, 1684)}
    (text,) = page_texts(path)
    assert text.startswith("Imaging Across Scales 2026")
    for day, sessions in glance.timed_days(conference).items():
        assert f"{day:%A}, {day.day} {day:%B} {day.year}" in text
        for s in sessions:
            assert f"{clock(s.span[0])}–{clock(s.span[1])}" in text, (day, s.title)
    for track in conference.tracks:                  # the legend names the tracks by their colours
        assert squash(track.name) in text


# The poster of many rooms: rooms as rows, time across -------------------------------------------

ROOMS = 48


@pytest.fixture(scope="module")
def many_rooms(tmp_path_factory):
    """One day of 48 rooms, each with four sessions of an hour: too many rooms for columns."""
    import yaml
    project = tmp_path_factory.mktemp("many") / "many"
    (project / "content").mkdir(parents=True)
    rooms = [{"id": f"r{i:02d}", "name": f"Room {i:02d}"} for i in range(1, ROOMS + 1)]
    (project / "content" / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Many Rooms", "dates": {"start": "2026-06-15", "end": "2026-06-15"}, "language": "en",
         "rooms": rooms}))
    sessions = [{"session": f"Talk {room['id']}-{k}", "kind": "talks", "day": "2026-06-15",
                 "start": f"{9 + k:02d}:00", "end": f"{10 + k:02d}:00", "room": room["id"]}
                for room in rooms for k in range(4)]
    (project / "content" / "programme.yaml").write_text(yaml.safe_dump(sessions, sort_keys=False))
    return project


def first_places(path, words: list[str]) -> list[tuple[float, float]]:
    """(left, top) on the page of the first occurrence of each of `words`."""
    page = pdfium.PdfDocument(str(path))[0]
    text = page.get_textpage()
    places = []
    for word in words:
        found = text.search(word, match_whole_word=True).get_next()
        assert found, f"{word!r} not on the page"
        left, _, _, top = text.get_charbox(found[0])
        places.append((left, top))
    return places


def test_a_poster_of_many_rooms_turns_them_into_rows_in_order_with_every_title(many_rooms, tmp_path):
    result = sheets.make(many_rooms, kinds=["poster"], out_dir=tmp_path)
    path = tmp_path / "poster-A1.pdf"
    assert sizes_of(path) == {(2384, 1684)}
    assert not result.warnings
    (text,) = page_texts(path)
    for i in range(1, ROOMS + 1):
        for k in range(4):
            assert f"Talk r{i:02d}-{k}" in text, (i, k)
    names = [f"Room {i:02d}" for i in range(1, ROOMS + 1)]
    places = first_places(path, names)
    lefts, tops = {round(x) for x, _ in places}, [y for _, y in places]
    assert len(lefts) == 1 and lefts.pop() < 2384 * 0.15        # a column of names at the left
    assert all(a > b for a, b in itertools.pairwise(tops)), "rooms out of order"
    # time runs across: a room's sessions left to right, each bar as long as its hour
    talks = first_places(path, [f"r01-{k}" for k in range(4)])
    steps = [b[0] - a[0] for a, b in itertools.pairwise(talks)]
    assert min(steps) > 100 and max(steps) - min(steps) < 1 and len({round(y) for _, y in talks}) == 1
    assert_vector_with_fonts_embedded(path)


def test_a_poster_of_few_rooms_keeps_them_as_columns(three_day, conference):
    out, _ = three_day
    monday = glance.timed_days(conference)[conference.days[0]]
    names = [room.name for room in glance.day_columns(conference, monday)]
    places = first_places(out / "poster-A1.pdf", names)
    assert len({round(y) for _, y in places}) == 1                 # the names side by side, above the grid
    assert all(a[0] < b[0] for a, b in itertools.pairwise(places))


@pytest.mark.parametrize("arrange, rows", [("rows", True), ("columns", False)])
def test_the_layout_can_force_either_way_round(many_rooms, tmp_path, arrange, rows):
    project = with_layout(tmp_path / "p", f"extends: a5\nsheets:\n  poster: {{arrange: {arrange}}}\n",
                          content=many_rooms)
    sheets.make(project, kinds=["poster"], layout="mine", out_dir=tmp_path / "out")
    places = first_places(tmp_path / "out" / "poster-A1.pdf", ["Room 01", "Room 02", "Room 03"])
    assert (len({round(x) for x, _ in places}) == 1) == rows
    assert (len({round(y) for _, y in places}) == 1) != rows


def test_an_unknown_arrangement_names_the_choices(tmp_path, capsys):
    project = with_layout(tmp_path / "p", "extends: a5\nsheets:\n  poster: {arrange: row}\n")
    assert main(["sheets", str(project), "--kind", "poster", "--layout", "mine"]) == 1
    err = capsys.readouterr().err
    assert "layouts/mine/layout.yaml:3" in err and "rows" in err and "columns" in err


# The command ------------------------------------------------------------------------------------

def test_the_command_writes_into_out_sheets_and_reports_each_file(tmp_path, capsys):
    project = with_layout(tmp_path / "p")
    assert main(["sheets", str(project), "--kind", "door"]) == 0
    written = sorted(p.name for p in (project / "out" / "sheets").iterdir())
    assert written == ["door-audimax.pdf", "door-foyer.pdf", "door-pillnitz.pdf", "door-seminar-6.pdf",
                       "door-semper.pdf", "door-zwinger.pdf"]
    assert "wrote " in capsys.readouterr().out


def test_a_bad_sheets_block_is_a_message_with_file_and_line(tmp_path, capsys):
    project = with_layout(tmp_path / "p", "extends: a5\nsheets:\n  door: {size: B7, titel: 20pt}\n")
    assert main(["sheets", str(project), "--layout", "mine"]) == 1
    err = capsys.readouterr().err
    assert "layouts/mine/layout.yaml:3: error: sheets: door: 'size' must be one of A0" in err
    assert "unknown field 'titel'" in err and "did you mean 'title'?" in err
    assert not (project / "out").exists()


def test_a_font_the_layout_does_not_have_is_an_error_naming_the_block(tmp_path, capsys):
    project = with_layout(tmp_path / "p", "extends: a5\nsheets:\n  day:\n    font: mono\n")
    for command in (["sheets", "--kind", "day"], ["check"]):     # `booklet check` tells too
        assert main([command[0], str(project), "--layout", "mine", *command[1:]]) == 1
        err = capsys.readouterr().err
        assert "layouts/mine/layout.yaml:4: error: sheets: day: 'font' names 'mono', which is not a family" in err
        assert "hint: name one of: serif, sans" in err
    assert not (project / "out").exists()


def test_a_programme_without_times_is_an_error_not_an_empty_folder(tmp_path, capsys):
    import yaml
    project = tmp_path / "untimed"
    (project / "content").mkdir(parents=True)
    (project / "content" / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Untimed", "dates": {"start": "2026-06-15", "end": "2026-06-15"}, "language": "en"}))
    (project / "content" / "programme.yaml").write_text(yaml.safe_dump(
        [{"session": "Loose", "contributions": [{"id": "a", "title": "A talk"}]}]))
    assert main(["sheets", str(project)]) == 1
    assert "no session with a day, a start and an end" in capsys.readouterr().err
    assert not (project / "out").exists()


# Every kind: vector, fonts embedded -------------------------------------------------------------

def test_every_sheet_embeds_its_fonts_and_holds_no_raster_image(three_day):
    _, result = three_day
    assert result.files
    for path in result.files:
        assert_vector_with_fonts_embedded(path)


def assert_vector_with_fonts_embedded(path) -> None:
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages):
        resources = page["/Resources"]
        fonts = list(fonts_used(resources))
        assert fonts, f"{path.name}: page {number} has no text"
        for font in fonts:
            assert embedded(font) and "Helvetica" not in str(font["/BaseFont"]), (path.name, number)
        images = [x for x in (resources.get("/XObject") or {}).values()
                  if x.get_object().get("/Subtype") == "/Image"]
        assert not images, f"{path.name}: page {number} holds a raster image"


slow = pytest.mark.skipif(not os.environ.get("BOOKLET_SLOW"), reason="set BOOKLET_SLOW=1 for the FOSDEM sheets")


@slow
@pytest.mark.skipif(not SHARED_DATA.exists(), reason="no shared data")
def test_fosdem_sheets_split_sensibly(tmp_path):
    project = tmp_path / "fosdem"
    run_import(SHARED_DATA / "fosdem2021-pentabarf-xml" / "fosdem_2021.xml", project)
    result = sheets.make(project, out_dir=tmp_path / "out")
    doors = [path for path in result.files if path.name.startswith("door-")]
    assert len(doors) >= 100
    for path, pages in result.files.items():
        if path.name.startswith("day-"):            # 88 rooms on a Saturday: over pages, 15 at most on one
            texts = page_texts(path)
            assert pages == len(texts) > 1
            counts = [int(m[2]) - int(m[1]) + 1 for t in texts for m in [re.search(r"Rooms (\d+)–(\d+) /", t)]]
            assert max(counts) <= 15
    assert any("poster" in str(w) and "too narrow" in str(w) for w in result.warnings)   # on A1
    # on A0 the rooms are rows, more than half the titles whole, and no warning
    result = sheets.make(project, kinds=["poster"], poster_size="A0", out_dir=tmp_path / "a0")
    assert not result.warnings
    path = tmp_path / "a0" / "poster-A0.pdf"
    places = first_places(path, ["K.fosdem", "M.community", "M.misc"])
    assert len({round(x) for x, _ in places}) == 1 and places[0][1] > places[1][1] > places[2][1]
    (text,) = page_texts(path)
    from booklet.content import loader
    from booklet.errors import Diagnostics
    timed = [s for s in loader.load(project / "content", Diagnostics(), root=project).sessions if s.timed]
    assert sum(squash(s.title) in text for s in timed) > len(timed) / 2


def test_the_layout_sets_each_kinds_page_and_sizes(tmp_path):
    from booklet.errors import Diagnostics
    from booklet.layout import definition
    (tmp_path / "layouts" / "big").mkdir(parents=True)
    (tmp_path / "layouts" / "big" / "layout.yaml").write_text(
        "extends: a5\nsheets:\n  door: {size: A3, landscape: true, title: 30pt, margins: 2cm}\n")
    layout = definition.load("big", tmp_path, "en", Diagnostics())
    door = layout.sheets.door
    assert (round(door.page[0]), round(door.page[1])) == (1191, 842)
    assert door.sizes["title"] == 30 and door.sizes["room"] == 54 and round(door.margins / MM) == 20
    assert definition.load("a5", tmp_path, "en", Diagnostics()).sheets.door.page == (595.2755905511812, 841.8897637795277)


# Files of an earlier run ------------------------------------------------------------------------

def test_a_rerun_removes_the_signs_and_sheets_it_no_longer_makes_and_nothing_else(make_night_project, capsys):
    import yaml
    project = make_night_project
    programme = project / "content" / "programme.yaml"
    sessions = yaml.safe_load(programme.read_text())
    sessions[-1]["room"] = "empty"                      # "After hours" gives the empty room a sign
    programme.write_text(yaml.safe_dump(sessions, sort_keys=False))
    assert main(["sheets", str(project), "--kind", "door", "--kind", "day", "-q"]) == 0
    out = project / "out" / "sheets"
    assert (out / "door-empty.pdf").exists()
    unrelated = ["door-notes.txt", "door-plan.PDF", "notes.pdf", "day-one.pdf", "poster-A0.pdf"]
    for name in unrelated:
        (out / name).write_text("mine")
    (out / "door-sub.pdf").mkdir()                      # a folder of a sign's name is not a sign
    days_before = sorted(p.name for p in out.glob("day-*.pdf"))
    sessions[-1]["room"] = "club"                       # the empty room is empty again: its sign goes
    programme.write_text(yaml.safe_dump(sessions, sort_keys=False))
    assert main(["sheets", str(project), "--kind", "door"]) == 0
    printed = capsys.readouterr().out
    assert not (out / "door-empty.pdf").exists() and (out / "door-club.pdf").exists()
    assert f"removed {out / 'door-empty.pdf'}" in printed and printed.count("removed ") == 1
    assert all((out / name).read_text() == "mine" for name in unrelated) and (out / "door-sub.pdf").is_dir()
    assert sorted(p.name for p in out.glob("day-*.pdf")) == days_before   # a kind not made this run is kept


def test_a_removed_day_takes_its_day_sheet_with_it(make_night_project, tmp_path):
    out = make_night_project / "out" / "sheets"
    sheets.make(make_night_project, kinds=["day"])
    assert sorted(p.name for p in out.glob("day-*.pdf")) == ["day-2026-06-15.pdf", "day-2026-06-16.pdf"]
    programme = make_night_project / "content" / "programme.yaml"
    programme.write_text(programme.read_text().replace("2026-06-16", "2026-06-15"))
    result = sheets.make(make_night_project, kinds=["day"])
    assert result.removed == (out / "day-2026-06-16.pdf",)
    assert sorted(p.name for p in out.glob("day-*.pdf")) == ["day-2026-06-15.pdf"]


def test_a_folder_given_with_o_is_never_tidied(make_night_project, tmp_path):
    """-o may name a folder of the user's: files there named like a sign or a day sheet are theirs."""
    mine = {"door-codes.pdf": "door codes", "day-2025-01-01.pdf": "last year's"}
    for name, text in mine.items():
        (tmp_path / name).write_text(text)
    result = sheets.make(make_night_project, kinds=["door", "day"], out_dir=tmp_path)
    assert result.removed == () and all((tmp_path / n).read_text() == t for n, t in mine.items())
