"""The schedule grid read back from the PDF: rooms, sessions, spans, text inside blocks, links."""
from __future__ import annotations

from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest

from booklet import build

from .pdfread import Booklet, squash
from .programmes import write

DAYS = ["2026-03-02", "2026-03-03"]


@pytest.fixture(scope="module")
def four_rooms(tmp_path_factory):
    project = write(tmp_path_factory.mktemp("grid4"), rooms=4, days=DAYS, tracks=True)
    result = build(project)
    return result, Booklet.open(result.pdf)


@pytest.fixture(scope="module")
def ten_rooms(tmp_path_factory):
    project = write(tmp_path_factory.mktemp("grid10"), rooms=10, days=DAYS)
    result = build(project)
    return result, Booklet.open(result.pdf)


def grid_pages(booklet: Booklet, day_short: str) -> list[int]:
    """Pages whose grid header carries the day's short name, e.g. 'Mon 2'."""
    return [i for i, text in enumerate(booklet.texts)
            if any(line == day_short or line.startswith(day_short + " ") for line in text.splitlines())]


def block_links(booklet: Booklet, index: int) -> list[tuple[float, float, float, float, int]]:
    """(x1, y1, x2, y2, target page index) of each link on a page."""
    page_ids = {p.indirect_reference.idnum: i for i, p in enumerate(booklet.reader.pages)}
    out = []
    for annot in booklet.reader.pages[index].get("/Annots", []) or []:
        a = annot.get_object()
        if a.get("/Subtype") == "/Link" and "/Dest" in a:
            x1, y1, x2, y2 = (float(v) for v in a["/Rect"])
            out.append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), page_ids[a["/Dest"][0].idnum]))
    return out


def test_each_day_has_a_grid_with_its_rooms_and_sessions(four_rooms):
    result, booklet = four_rooms
    for short, day in (("Mon 2", "2026-03-02"), ("Tue 3", "2026-03-03")):
        pages = grid_pages(booklet, short)
        assert pages, short
        text = " ".join(booklet.flat(i) for i in pages)
        for room in ("Auditorium Maximum", "Room 2", "Room 3", "Room 4"):
            assert room in text
        for title in (f"Opening keynote {day}", "Coffee break", "Lunch", "Session 1A: methods in room 0",
                      "Session 2D: methods in room 3"):
            assert title in text, (day, title)


def test_keynote_and_breaks_span_all_rooms(four_rooms):
    _, booklet = four_rooms
    page = grid_pages(booklet, "Mon 2")[0]
    links = block_links(booklet, page)
    widths = sorted(x2 - x1 for x1, _, x2, _, _ in links)
    room_width = widths[0]
    assert len([w for w in widths if w > 3.5 * room_width]) == 3  # keynote, coffee break, lunch
    assert len([w for w in widths if w < 1.2 * room_width]) == 8  # two slots in four rooms


def assert_block_text_inside_blocks(booklet: Booklet, pages: list[int]) -> None:
    """Every character drawn in the grid area lies inside one block's rectangle (its link)."""
    document = pdfium.PdfDocument(str(booklet.path))
    for index in pages:
        rects = [link[:4] for link in block_links(booklet, index)]
        grid_left, grid_bottom = min(r[0] for r in rects), min(r[1] for r in rects)
        grid_top = max(r[3] for r in rects)
        text = document[index].get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right - left < 0.1 or left < grid_left - 0.5 or bottom > grid_top or top < grid_bottom:
                continue  # blank, the time axis, the room header, or the legend below
            inside = any(x1 - 0.5 <= left and right <= x2 + 0.5 and y1 - 0.5 <= bottom and top <= y2 + 0.5
                         for x1, y1, x2, y2 in rects)
            assert inside, f"page {index}: {text.get_text_range(i, 1)!r} at {left:.1f},{bottom:.1f}"


def test_block_text_stays_inside_its_block(four_rooms, ten_rooms):
    for _, booklet in (four_rooms, ten_rooms):
        assert_block_text_inside_blocks(booklet, grid_pages(booklet, "Mon 2") + grid_pages(booklet, "Tue 3"))


def test_every_block_links_to_its_session_in_the_programme(four_rooms):
    _, booklet = four_rooms
    page = grid_pages(booklet, "Tue 3")[0]
    links = block_links(booklet, page)
    assert len(links) == 11
    for *_, target in links:
        assert "Tuesday, 3 March 2026" in booklet.flat(target) or "Talks · Tuesday" in booklet.flat(target)


def test_track_legend_names_every_track(four_rooms):
    _, booklet = four_rooms
    page = booklet.flat(grid_pages(booklet, "Mon 2")[0])
    assert "Methods" in page and "Applications" in page


def test_many_rooms_split_over_facing_pages(ten_rooms):
    _, booklet = ten_rooms
    pages = grid_pages(booklet, "Mon 2")
    assert len(pages) == 2
    left, right = pages
    assert right == left + 1 and booklet.labels[left].isdigit() and int(booklet.labels[left]) % 2 == 0
    assert "Room 6" in booklet.flat(left) and "Room 7" not in booklet.flat(left)
    assert "Room 7" in booklet.flat(right) and "Room 10" in booklet.flat(right)
    assert "Opening keynote 2026-03-02" in booklet.flat(right)  # the spanning block continues across both


def test_a_long_day_continues_on_the_next_page_with_its_header(tmp_path):
    project = write(tmp_path, rooms=3, days=["2026-03-02"])
    layout = project / "layouts" / "tall"
    layout.mkdir(parents=True)
    (layout / "layout.yaml").write_text("extends: a5\nglance: {minute: 2pt}\n")
    booklet = Booklet.open(build(project, layout="tall").pdf)
    pages = grid_pages(booklet, "Mon 2")
    assert len(pages) >= 2
    for index in pages:
        assert "Auditorium Maximum" in booklet.flat(index) and "Room 3" in booklet.flat(index)
    times = [squash(booklet.texts[i]) for i in pages]
    assert "09:00" in times[0] and "14:30" in times[-1]


def test_block_text_in_other_scripts_uses_the_fallback_fonts(tmp_path):
    project = write(tmp_path, rooms=2, days=["2026-03-02"])
    programme = project / "content" / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("Lunch", "Lunch 昼食 ∑"), encoding="utf-8")
    result = build(project, edition="email")
    assert not [w for w in result.warnings if "no font" in str(w)]
    booklet = Booklet.open(result.pdf)
    grid = " ".join(booklet.texts[i] for i in grid_pages(booklet, "Mon 2"))
    assert "昼食" in grid and "∑" in grid


@pytest.fixture(scope="module")
def three_day(tmp_path_factory):
    from .conftest import REPO

    result = build(REPO / "examples" / "three-day", out_dir=tmp_path_factory.mktemp("three-day"), edition="email")
    return result, Booklet.open(result.pdf)


def test_the_three_day_example_has_a_grid_per_day_with_that_days_rooms(three_day):
    result, booklet = three_day
    assert not result.warnings
    days = {"Mon 15": "Monday", "Tue 16": "Tuesday", "Wed 17": "Wednesday"}
    for short in days:
        pages = grid_pages(booklet, short)
        assert pages, short
        text = " ".join(booklet.flat(i) for i in pages)
        assert "Auditorium Maximum" in text and "Elbe Foyer" in text
        assert ("Seminar room 6" in text) == (short == "Tue 16"), short  # a room used on one day only
    tuesday = " ".join(booklet.flat(i) for i in grid_pages(booklet, "Tue 16"))
    assert "07:30" in tuesday and "22:00" in tuesday.replace("19:00–22:00", "")


def test_the_three_day_example_keeps_block_text_inside_blocks(three_day):
    _, booklet = three_day
    for short in ("Mon 15", "Tue 16", "Wed 17"):
        assert_block_text_inside_blocks(booklet, grid_pages(booklet, short))


def _x_of(booklet: Booklet, index: int, text: str) -> float:
    """The left edge of `text` on page `index`."""
    page = pdfium.PdfDocument(str(booklet.path))[index]
    search = page.get_textpage().search(text, match_case=True)
    found = search.get_next()
    assert found, text
    return page.get_textpage().get_charbox(found[0])[0]


def test_a_session_elsewhere_has_its_own_lane_and_its_place_and_description_in_the_programme(three_day):
    _, booklet = three_day
    tuesday = [i for i in grid_pages(booklet, "Tue 16") if "Conference dinner" in booklet.flat(i)]
    assert len(tuesday) == 1
    page = tuesday[0]
    assert "Restaurant Elbterrasse" in booklet.flat(page)                  # the lane's header
    lane = _x_of(booklet, page, "Restaurant Elbterrasse")
    assert abs(_x_of(booklet, page, "Conference dinner") - lane) < 6        # the block sits in that lane only
    assert _x_of(booklet, page, "Auditorium") < lane - 100
    programme = [i for i in booklet.pages_containing("Conference dinner Social event")
                 if "Programme" in booklet.flat(i) or booklet.labels[i].isdigit()]
    text = " ".join(booklet.flat(i) for i in programme)
    assert "19:00–22:00 · Restaurant Elbterrasse, Brühl's Terrace" in text
    assert "Buses leave from the main entrance at 18:30" in text


def test_a_session_for_every_room_leaves_the_lanes_of_places_outside_alone():
    import datetime as dt

    from booklet.content.model import Room, Session
    from booklet.errors import Loc
    from booklet.sections import glance

    def session(name, rooms=(), location=None):
        return Session(name, name, "break", dt.date(2026, 6, 16), dt.time(9), dt.time(10), tuple(rooms), (), (),
                       Loc("p.yaml", 1), location=location)
    a, b = Room("a", "A", "A"), Room("b", "B", "B")
    conference = SimpleNamespace(rooms=(a, b))
    coffee, talk, dinner = session("coffee"), session("talk", [b]), session("dinner", location="Castle, hill")
    columns = glance.day_columns(conference, [coffee, session("other", [a]), talk, dinner])
    assert [c.name for c in columns] == ["A", "B", "Castle"]
    assert glance.runs(coffee, columns, columns) == [(0, 1)]      # both rooms, not the castle's lane
    assert glance.runs(dinner, columns, columns) == [(2, 2)] and glance.runs(talk, columns, columns) == [(1, 1)]
    only_places = glance.day_columns(SimpleNamespace(rooms=()), [coffee, dinner])
    assert [c.name for c in only_places] == ["", "Castle"]            # a column for the sessions without a room
    assert glance.runs(coffee, only_places, only_places) == [(0, 0)]
