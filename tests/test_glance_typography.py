"""The day grid read as a typesetter would (issue 15, item 3): plain text for Markdown and maths,
speakers named, a counted "+N more", two type sizes a page at most, empty time drawn short with
an axis break, a header that names the rooms a block spans, a day label clear of the first time."""
from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml

from booklet import build
from booklet.typeset.grid import GridStyle, TextLine, Timeline, fit, wrap

from .pdfread import Booklet, squash
from .programmes import write
from .test_glance import block_links, grid_pages
from .unit.test_grid_text import FONT, font

DAY = "2026-03-02"


def _project(root, extra_sessions: list[dict], *, rooms: int = 3, layout: str | None = None):
    project = write(root, rooms=rooms, days=[DAY])
    programme = project / "content" / "programme.yaml"
    sessions = yaml.safe_load(programme.read_text(encoding="utf-8")) + extra_sessions
    programme.write_text(yaml.safe_dump(sessions, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if layout:
        folder = project / "layouts" / "custom"
        folder.mkdir(parents=True)
        (folder / "layout.yaml").write_text(layout, encoding="utf-8")
    return project


def _chars(path, index: int) -> list[tuple[str, tuple[float, float, float, float], float, str]]:
    """(character, box, font size, font name) of every character drawn on a page."""
    page = pdfium.PdfDocument(str(path))[index]
    text = page.get_textpage()
    out = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
        buffer = pdfium_c.ctypes.create_string_buffer(128)
        pdfium_c.FPDFText_GetFontInfo(text.raw, i, buffer, 128, None)
        out.append((char, text.get_charbox(i), round(size, 2), buffer.value.decode()))
    return out


EVENING = [{"session": "Conference *dinner* at $T_{60} > 2$ s", "id": "dinner", "kind": "talks", "day": DAY,
            "start": "19:00", "end": "21:00",
            "contributions": [{"id": "speech", "title": "On **reverberation**: $T_{60}$", "speakers": ["p3"],
                               "abstract": "Why the hall rings."}]}]   # an abstract: a bookmark of its own
KEYNOTE_SPEAKER = "p7"


def test_markdown_and_maths_print_as_text_in_the_grid_and_the_bookmarks(tmp_path):
    result = build(_project(tmp_path, EVENING), edition="email")
    booklet = Booklet.open(result.pdf)
    grid = " ".join(booklet.flat(i) for i in grid_pages(booklet, "Mon 2"))
    assert "Conference dinner at T60 > 2 s" in grid
    assert "*" not in grid and "$" not in grid and "\\" not in grid

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title
    bookmarks = list(titles(booklet.reader.outline))
    assert "On reverberation: T60" in bookmarks
    assert not [t for t in bookmarks if any(mark in t for mark in ("*", "$", "\\", "_{"))]


def test_a_keynote_block_names_its_speaker(tmp_path):
    result = build(_project(tmp_path, []), edition="email")
    booklet = Booklet.open(result.pdf)
    speaker = next(p["name"] for p in yaml.safe_load((tmp_path / "content" / "people.yaml").read_text())
                   if p["id"] == "p0")   # the opening keynote's speaker (tests/programmes.py)
    page = grid_pages(booklet, "Mon 2")[0]
    assert speaker in booklet.flat(page)


def test_a_list_cut_short_says_how_many_are_left_out(tmp_path):
    talks = [{"id": f"many-{k}", "title": f"Short talk number {k}", "speakers": ["p1"]} for k in range(30)]
    session = {"session": "Lightning round", "id": "lightning", "kind": "talks", "day": DAY, "start": "16:00",
               "end": "17:00", "room": "r0", "contributions": talks}
    result = build(_project(tmp_path, [session]), edition="email")
    booklet = Booklet.open(result.pdf)
    page = next(i for i in grid_pages(booklet, "Mon 2") if "Lightning round" in booklet.flat(i))
    text = booklet.texts[page]
    shown = sum(f"Short talk number {k}" in squash(text) for k in range(30))
    assert 0 < shown < 30
    assert f"+{30 - shown} more" in squash(text)
    assert "…" not in squash(text).split("Lightning round")[1].split("more")[0]


def test_block_titles_use_at_most_two_sizes_a_page(tmp_path):
    long_titles = [{"session": "A rather long session title that wraps over several lines " * k, "id": f"long-{k}",
                    "kind": "talks", "day": DAY, "start": f"{15 + k}:00", "end": f"{15 + k}:{20 + 10 * k}",
                    "room": "r0"} for k in (1, 2, 3)]
    result = build(_project(tmp_path, long_titles), edition="email")
    booklet = Booklet.open(result.pdf)
    for index in grid_pages(booklet, "Mon 2"):
        blocks = [link[:4] for link in block_links(booklet, index)]
        bold = {size for char, (left, bottom, right, top), size, name in _chars(result.pdf, index)
                if "Bold" in name and any(x1 <= left and right <= x2 and y1 <= bottom and top <= y2
                                          for x1, y1, x2, y2 in blocks)}
        assert len(bold) <= 2, (index, sorted(bold))


def test_a_block_is_set_at_the_style_size_or_the_minimum_never_between():
    font()
    style = GridStyle(FONT, FONT, FONT, 7.5, 7, 6.5, None, None, None, FONT, 7, more="+{n} more")
    lines = [TextLine("09:00–10:00", "time", 2), TextLine("Hierarchical phase-contrast tomography", "title", 0),
             TextLine("Chair: Ada Lovelace", "text", 5)]
    sizes = {row[2] for height in range(8, 80) for row in fit(lines, 50, height, style, italic=False)}
    assert sizes == {7.5, 7, 6.5}      # 7.5 for titles and 7 for text, or 6.5 for both
    for height in range(8, 80):
        laid = fit(lines, 50, height, style, italic=False)
        assert {row[2] for row in laid} in ({7.5, 7}, {7.5}, {7}, {6.5}), height


def test_empty_hours_are_drawn_short_with_an_axis_break(tmp_path):
    result = build(_project(tmp_path, EVENING), edition="email")   # nothing on from 15:00 to 19:00
    booklet = Booklet.open(result.pdf)
    page = next(i for i in grid_pages(booklet, "Mon 2") if "Conference dinner" in booklet.flat(i))
    labels = {char_run: box for char_run, box in _time_labels(result.pdf, page)}
    assert "15:00" in labels and "19:00" in labels
    assert not {"16:00", "17:00", "18:00"} & set(labels)          # the hours nothing happens
    half_hour = labels["14:30"][1] - labels["15:00"][1]
    assert labels["15:00"][1] - labels["19:00"][1] < 1.5 * half_hour   # four hours drawn as one step


def test_the_day_label_is_clear_of_the_first_time(tmp_path):
    result = build(_project(tmp_path, []), edition="email")
    booklet = Booklet.open(result.pdf)
    page = grid_pages(booklet, "Mon 2")[0]
    day = _box_of(result.pdf, page, "Mon 2")
    first = min(_time_labels(result.pdf, page), key=lambda item: -item[1][3])[1]
    assert first[3] < day[1] - 3, (first, day)        # the time's top is well below the label's foot


def test_a_page_of_sessions_for_every_room_names_all_the_rooms(tmp_path):
    plenary = [{"session": "Afternoon plenary for all", "id": "plenary", "kind": "plenary", "day": DAY,
                "start": "15:00", "end": "20:00"}]
    project = _project(tmp_path, plenary, layout="extends: a5\nglance: {minute: 2pt, axis_break: 0}\n")
    result = build(project, layout="custom", edition="email")
    booklet = Booklet.open(result.pdf)
    pages = grid_pages(booklet, "Mon 2")
    only_plenary = [i for i in pages if "Afternoon plenary" in booklet.flat(i) and "Session" not in booklet.flat(i)]
    assert only_plenary
    for index in only_plenary:
        for room in ("Auditorium Maximum", "Room 2", "Room 3"):
            assert room in booklet.flat(index), (index, room)


def test_a4_sets_the_grid_larger_than_a5(tmp_path):
    project = _project(tmp_path, [])
    sizes = {}
    for layout in ("a5", "a4"):
        result = build(project, layout=layout, edition="email", out_dir=tmp_path / layout)
        page = grid_pages(Booklet.open(result.pdf), "Mon 2")[0]
        sizes[layout] = max(size for char, box, size, name in _chars(result.pdf, page) if "Bold" in name
                            and "Coffee" not in char)
    assert sizes["a4"] >= 1.2 * sizes["a5"]


def test_a_word_breaks_at_its_own_hyphen_first():
    font()
    assert wrap("Phase-contrast imaging", FONT, 7, 40, hyphenate=lambda w: [("Phase-con", "trast")]) == \
        ["Phase-", "contrast", "imaging"]


def test_fit_counts_what_it_leaves_out_and_keeps_the_title():
    font()
    style = GridStyle(FONT, FONT, FONT, 7.5, 7, 6.5, None, None, None, FONT, 7, more="+{n} more")
    lines = [TextLine("09:00–10:00", "time", 2), TextLine("Session", "title", 0)]
    lines += [TextLine(f"Talk {k}", "text", 4, item=k) for k in range(10)]
    laid = fit(lines, 100, 50, style, italic=False)
    texts = [row[0] for row in laid]
    assert texts[:2] == ["09:00–10:00", "Session"]
    shown = [t for t in texts if t.startswith("Talk")]
    assert texts[-1] == f"+{10 - len(shown)} more" and shown == [f"Talk {k}" for k in range(len(shown))]
    assert sum(row[4] for row in laid) <= 50
    assert {row[2] for row in laid} <= {7.5, 7, 6.5}


def test_timeline_maps_there_and_back():
    timeline = Timeline(((900, 1140),), kept=30)
    assert timeline.at(900) == 900 and timeline.at(1140) == 930 and timeline.at(1200) == 990
    for minute in (600, 900, 1000, 1140, 1300):
        assert timeline.minute_at(timeline.at(minute)) == pytest.approx(minute)


def _time_labels(path, index: int) -> list[tuple[str, tuple]]:
    """(HH:MM, box) of the time axis labels, at the page's left."""
    chars = _chars(path, index)
    out, run, box = [], "", None
    for char, b, _, _ in chars + [(" ", (0, 0, 0, 0), 0, "")]:
        if (char.isdigit() or char == ":") and b[0] < 100:
            run += char
            box = b if box is None else (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
            if len(run) == 5:
                out.append((run, box))
                run, box = "", None
        else:
            run, box = "", None
    return out


def _box_of(path, index: int, needle: str) -> tuple[float, float, float, float]:
    page = pdfium.PdfDocument(str(path))[index]
    text = page.get_textpage()
    found = text.search(needle, match_case=True).get_next()
    assert found, needle
    boxes = [text.get_charbox(i) for i in range(found[0], found[0] + found[1])]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def test_a_day_that_goes_on_overleaf_fills_its_page(tmp_path):
    """A page cut after lunch is drawn taller (up to 1.3 times the day's scale), not left a quarter
    empty: the lowest time of every page but a day's last sits near the foot of the page."""
    from .conftest import REPO
    result = build(REPO / "examples" / "three-day", out_dir=tmp_path, edition="email")
    booklet = Booklet.open(result.pdf)
    height = booklet.reader.pages[0].mediabox.height
    for day in ("Mon 15", "Tue 16"):
        pages = grid_pages(booklet, day)
        assert len(pages) > 1, day
        for index in pages[:-1]:
            lowest = min(box[1] for _, box in _time_labels(result.pdf, index))
            assert lowest < 0.22 * float(height), (day, index, lowest)
