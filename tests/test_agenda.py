"""`booklet agenda`: personal agendas read back from the PDF: the chosen talks in time order, clashes
said in the list and drawn in the grid, ids from a file and from a calendar, a person's every part,
and one file per presenter (issue 17, item 3)."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from icalendar import Calendar
from pypdf import PdfReader
from pypdf.generic import ContentStream

from booklet.build import prepare
from booklet.cli import main
from booklet.errors import Diagnostics
from booklet.handouts import agenda, itinerary
from booklet.handouts.agenda import _progress_bar
from booklet.output import ics

from .conftest import REPO
from .fixtures.importers.support import SHARED_DATA, run_import
from .pdfread import Booklet, squash

THREE_DAY = REPO / "examples" / "three-day"
HIGHLIGHT, CLASH = "#c98a00", "#b3261e"    # layouts/a5: the colours of marked talks and clashes

# Tuesday in examples/three-day: a keynote 09:05–09:55 (no room), and at 10:30 three talks in
# three rooms that overlap: Audimax 10:30–11:00, Semper 10:30–11:10, Zwinger 11:30–12:00 (no clash).
KEYNOTE, PLAQUE, POWDER, RETRIEVAL = ("garcia-ortega-keynote", "fernandez-castillo-plaque",
                                      "wisniewska-powder-bed", "rahimi-retrieval")
TITLES = {KEYNOTE: "From cell to patient", PLAQUE: "Atherosclerotic plaque composition",
          POWDER: "In situ X-ray imaging of laser powder-bed fusion", RETRIEVAL: "Text-guided retrieval"}


def _agenda(tmp_path: Path, *args: str, project: Path = THREE_DAY) -> tuple[int, Path]:
    out = tmp_path / "agenda.pdf"
    code = main(["agenda", str(project), *args, "-o", str(out), "-q"])
    return code, out


@pytest.fixture(scope="module")
def chosen(tmp_path_factory):
    """Four talks, given out of order: two of them clash."""
    folder = tmp_path_factory.mktemp("chosen")
    code, out = _agenda(folder, "--ids", f"{RETRIEVAL},{POWDER},{KEYNOTE},{PLAQUE}")
    assert code == 0
    return Booklet.open(out)


def test_the_list_is_in_time_order_and_says_which_talks_clash(chosen):
    text = chosen.flat(0)
    positions = [text.index(TITLES[i]) for i in (KEYNOTE, PLAQUE, POWDER, RETRIEVAL)]
    assert positions == sorted(positions), text
    assert "Tuesday, 16 June 2026" in text and "Clashes: 2" in text
    for title, other in ((TITLES[PLAQUE], "10:30–11:10 In situ X-ray imaging"),
                         (TITLES[POWDER], "10:30–11:00 Atherosclerotic plaque")):
        row = text[text.index(title):]
        assert f"Clashes with {other}" in row[:400], row[:400]
    keynote_row = text[text.index(TITLES[KEYNOTE]):text.index(TITLES[PLAQUE])]
    retrieval_row = text[text.index(TITLES[RETRIEVAL]):]
    assert "Clashes with" not in keynote_row and "Clashes with" not in retrieval_row
    assert f"09:05–09:55 {TITLES[KEYNOTE]}" in text and "Hall Zwinger" in retrieval_row
    # the booklet's e-mail edition of its pages: metadata, language, page labels
    assert chosen.reader.metadata["/Title"] == "Personal agenda · IAS 2026"
    assert chosen.reader.trailer["/Root"]["/Lang"] == "en" and chosen.labels == ["1", "2"]


def _marks(reader: PdfReader, index: int) -> list[tuple[str, bool, tuple[float, float, float, float]]]:
    """(colour, dashed, (x0, y0, x1, y1) on the page) of every rectangle stroked on a page: the content
    stream's rectangles with the graphics state (transformations, colour, dash) they are drawn in,
    and the box round each stroked path of lines (a highlight of part of a block: its two sides)."""
    return [(colour, dashed, box) for colour, dashed, box, _ in _strokes(reader, index)]


def _strokes(reader: PdfReader, index: int) -> list[tuple[str, bool, tuple, list[tuple[float, float, float]]]]:
    """Every stroke on a page: its colour, whether dashed, its box on the page, and the horizontal
    lines it draws as (x0, x1, y) (a rectangle's top and bottom, a path's level segments)."""
    page = reader.pages[index]
    stream = ContentStream(page.get_contents(), reader)
    state = {"ctm": (1, 0, 0, 1, 0, 0), "stroke": None, "dash": False}
    saved, shapes, points, out = [], [], [], []

    def on_page(x, y):
        A, B, C, D, E, F = state["ctm"]
        return A * x + E, D * y + F

    for operands, op in stream.operations:
        if op == b"q":
            saved.append(dict(state))
        elif op == b"Q":
            state = saved.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = state["ctm"]
            state["ctm"] = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E,
                            e * B + f * D + F)
        elif op == b"RG":
            state["stroke"] = "#%02x%02x%02x" % tuple(round(float(v) * 255) for v in operands)
        elif op == b"d":
            state["dash"] = bool(operands[0])
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            (x0, y0), (x1, y1) = on_page(x, y), on_page(x + w, y + h)
            shapes.append(((x0, y0, x1, y1), [(x0, x1, y0), (x0, x1, y1)]))
        elif op == b"m":
            points = [on_page(*(float(v) for v in operands))]
        elif op == b"l":
            points.append(on_page(*(float(v) for v in operands)))
            (xa, ya), (xb, yb) = points[-2:]
            level = [(min(xa, xb), max(xa, xb), ya)] if abs(ya - yb) < 0.01 and abs(xa - xb) > 0.01 else []
            shapes.append(((min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)), level))
        elif op in (b"S", b"s"):
            if shapes:
                boxes = [box for box, _ in shapes]
                box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                       max(b[3] for b in boxes))
                if all(len(level) == 2 for _, level in shapes):   # rectangles: one mark each
                    out += [(state["stroke"], state["dash"], b, level) for b, level in shapes]
                else:                                           # a path of lines: one mark
                    out.append((state["stroke"], state["dash"], box, [e for _, level in shapes for e in level]))
            shapes, points = [], []
        elif op in (b"f", b"F", b"f*", b"n", b"B", b"b"):
            shapes, points = [], []
    return out


def _box(booklet: Booklet, index: int, needle: str) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the first occurrence of `needle` on a page."""
    doc = pdfium.PdfDocument(str(booklet.path))
    text = doc[index].get_textpage()
    search = text.search(needle, match_case=True)
    found = search.get_next()
    assert found, needle
    boxes = [text.get_charbox(i) for i in range(found[0], found[0] + found[1])]
    doc.close()
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def test_the_grid_frames_each_chosen_talk_in_its_room_at_its_time_and_dashes_the_clashes(chosen):
    grid = chosen.pages_containing("At a glance")
    assert len(grid) == 1, "one day, one grid page"
    page = grid[0]
    marks = [(colour, dashed, rect) for colour, dashed, rect in _marks(chosen.reader, page)
             if colour in (HIGHLIGHT, CLASH)]
    assert len(marks) == 4, marks
    keynote = [m for m in marks if m[2][2] - m[2][0] > 200]   # across every room
    assert len(keynote) == 1 and keynote[0][:2] == (HIGHLIGHT, False)
    by_room = {}
    for room in ("Auditorium", "Hall Semper", "Hall Zwinger"):
        left, _, _, _ = _box(chosen, page, room)
        by_room[room] = [m for m in marks if m[2][0] <= left + 3 <= m[2][2] and m not in keynote]
    (audimax,), (semper,), (zwinger,) = by_room["Auditorium"], by_room["Hall Semper"], by_room["Hall Zwinger"]
    assert audimax[:2] == (CLASH, True) and semper[:2] == (CLASH, True)
    assert zwinger[:2] == (HIGHLIGHT, False)
    height = {name: m[2][3] - m[2][1] for name, m in (("plaque", audimax), ("powder", semper),
                                                        ("retrieval", zwinger))}
    # drawn to scale: 30, 40 and 30 minutes, less the same gap
    assert height["powder"] > height["plaque"] * 1.2
    assert abs(height["retrieval"] - height["plaque"]) < 0.5
    # the 10:30 talks begin at the same height; the retrieval talk an hour lower
    assert abs(audimax[2][3] - semper[2][3]) < 0.5 and zwinger[2][3] < audimax[2][3] - height["plaque"]
    assert "Clash" in chosen.flat(page)


def test_a_highlighted_stretch_of_a_block_has_no_line_across_its_text(chosen):
    """A talk's stretch of its session's block is marked by a tint and its two sides: the block's
    text runs on regardless of the times, so a frame's top or bottom would strike words through."""
    page = chosen.pages_containing("At a glance")[0]
    marks = [stroke for stroke in _strokes(chosen.reader, page) if stroke[0] in (HIGHLIGHT, CLASH)]
    assert len(marks) == 4
    edges = [edge for *_, level in marks for edge in level]
    doc = pdfium.PdfDocument(str(chosen.path))
    text = doc[page].get_textpage()
    boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    doc.close()
    struck = [(edge, box) for edge in edges for box in boxes
              if box[0] < edge[1] and box[2] > edge[0] and box[1] + 0.5 < edge[2] < box[3] - 0.5]
    assert not struck, struck[:3]


def test_a_file_of_ids_with_comments_and_a_web_address(tmp_path):
    listing = tmp_path / "my-talks.txt"
    listing.write_text(f"# what I want to see\n\n{RETRIEVAL}   # after the coffee\n"
                       f"https://fosdem.example/2026/schedule/event/{KEYNOTE}/#top\n", encoding="utf-8")
    code = main(["agenda", str(THREE_DAY), "--from", str(listing), "-o", str(tmp_path), "-q"])
    assert code == 0
    text = Booklet.open(tmp_path / "my-talks.pdf").flat(0)
    assert text.index(TITLES[KEYNOTE]) < text.index(TITLES[RETRIEVAL])
    assert TITLES[PLAQUE] not in text and "Clashes" not in text


def test_the_booklets_own_calendar_comes_back_as_an_agenda(tmp_path):
    """Favourites exported from the calendar edition: events matched by their UIDs (a session's
    too), whatever else the calendar app changed."""
    ctx = prepare(THREE_DAY, diag=Diagnostics())
    data, _ = ics.calendar(ctx.conference, ctx.texts.titles, ctx.texts.names, ctx.labels, version="test")
    calendar = Calendar.from_ical(data)
    wanted = {f"{POWDER}@ias-2026.booklet", f"{RETRIEVAL}@ias-2026.booklet"}
    sessions = [e for e in calendar.walk("VEVENT") if str(e["UID"]).endswith(".session@ias-2026.booklet")]
    wanted.add(str(sessions[0]["UID"]))
    calendar.subcomponents = [c for c in calendar.subcomponents
                              if c.name != "VEVENT" or str(c["UID"]) in wanted]
    exported = tmp_path / "favourites.ics"
    exported.write_bytes(calendar.to_ical())
    code = main(["agenda", str(THREE_DAY), "--from", str(exported), "-o", str(tmp_path), "-q"])
    assert code == 0
    text = Booklet.open(tmp_path / "favourites.pdf").flat(0)
    assert TITLES[POWDER] in text and TITLES[RETRIEVAL] in text
    assert squash(str(sessions[0]["SUMMARY"])) in text


def test_a_calendar_event_matched_by_its_url(tmp_path):
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//EN\r\n"
        "BEGIN:VEVENT\r\nUID:pretalx-ias-XYZ@pretalx.example\r\nDTSTART:20260616T103000\r\nSUMMARY:Powder\r\n"
        f"URL:https://pretalx.example/ias/talk/{POWDER.upper()}/\r\nDTSTAMP:20260101T000000Z\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n")
    exported = tmp_path / "pretalx.ics"
    exported.write_text(calendar, encoding="utf-8")
    code, out = _agenda(tmp_path, "--from", str(exported))
    assert code == 0
    assert TITLES[POWDER] in Booklet.open(out).flat(0)


def test_unknown_ids_and_events_are_errors_with_the_closest_match_and_nothing_is_written(tmp_path, capsys):
    code, out = _agenda(tmp_path, "--ids", f"{KEYNOTE},wisniewska-powder-bd,nothing-like-it")
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "--ids: error: no contribution or session has the id 'wisniewska-powder-bd'" in err
    assert f"hint: did you mean '{POWDER}'?" in err
    assert "'nothing-like-it'" in err
    calendar = tmp_path / "other.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:dentist@example.org\r\n"
                        "SUMMARY:Text guided retrieval in large archives\r\nDTSTART:20260616T110000\r\n"
                        "DTSTAMP:20260101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    code, out = _agenda(tmp_path, "--from", str(calendar))
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert f"{calendar}:4: error: event 'Text guided retrieval in large archives' (UID dentist@example.org)" in err
    assert f"did you mean '{RETRIEVAL}'" in err


def test_options_that_say_nothing_or_too_much_are_errors(tmp_path, capsys):
    assert main(["agenda", str(THREE_DAY)]) == 1
    assert "hint: give --ids" in capsys.readouterr().err
    assert main(["agenda", str(THREE_DAY), "--person", "hartmann", "--ids", KEYNOTE]) == 1
    assert main(["agenda", str(THREE_DAY), "--person", "all", "--title", "Mine"]) == 1
    assert main(["agenda", str(THREE_DAY), "--ids", " , "]) == 1
    assert "--ids: error: names no contribution or session" in capsys.readouterr().err
    assert main(["agenda", str(THREE_DAY), "--from", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err
    assert main(["agenda", str(THREE_DAY), "--from", str(tmp_path)]) == 1
    assert f"{tmp_path}: error: is a folder" in capsys.readouterr().err
    broken = tmp_path / "broken.ics"
    broken.write_text("hello\n", encoding="utf-8")
    assert main(["agenda", str(THREE_DAY), "--from", str(broken)]) == 1
    assert "broken.ics: error: is not an iCalendar file that can be read" in capsys.readouterr().err


# -- a person's agenda, and every person's -------------------------------------------------------------


def _project(root: Path) -> Path:
    """Ada chairs a session, co-authors a talk in it, presents a talk in the next room (a clash with
    both) and a poster; Bob and Cy talk in a night session; Dee chairs a session, shows in an exhibition
    that has a day but no times, and talks in a session with neither; Eve is only on a committee."""
    content = root / "content"
    content.mkdir(parents=True)
    (content / "conference.yaml").write_text(yaml.safe_dump({
        "title": "Agenda Test Days", "short": "ATD", "slug": "atd",
        "dates": {"start": "2026-05-04", "end": "2026-05-05"},
        "language": "en", "rooms": [{"id": "a", "name": "Room Alpha"}, {"id": "b", "name": "Room Beta"}],
        "committees": [{"name": "Programme committee", "members": ["eve"]}]}), encoding="utf-8")
    (content / "people.yaml").write_text(yaml.safe_dump([
        {"id": pid, "name": name} for pid, name in (("ada", "Ada Lovelace"), ("bob", "Bob Kahn"),
                                                      ("cy", "Cy Young"), ("dee", "Dee Dee Ramone"),
                                                      ("eve", "Eve Online"))], allow_unicode=True), encoding="utf-8")
    day = "2026-05-04"
    (content / "programme.yaml").write_text(yaml.safe_dump([
        {"session": "Morning in Alpha", "id": "alpha", "day": day, "start": "09:00", "end": "10:30", "room": "a",
         "chairs": ["ada"], "contributions": [
             {"id": "t1", "title": "Engines of analysis", "start": "09:00", "duration": 30, "speakers": ["bob"],
              "authors": ["ada"]},
             {"id": "t2", "title": "Pitching curves", "start": "09:30", "duration": 30, "speakers": ["cy"]}]},
        {"session": "Morning in Beta", "id": "beta", "day": day, "start": "09:15", "end": "10:15", "room": "b",
         "chairs": ["dee"], "contributions": [
             {"id": "t3", "title": "Notes on the analytical engine", "start": "09:15", "duration": 30,
              "speakers": ["ada"]}]},
        {"session": "Posters", "id": "posters", "kind": "posters", "day": day, "start": "14:00", "end": "15:00",
         "room": "a", "contributions": [{"id": "p1", "title": "Bernoulli numbers on a poster", "board": "7",
                                         "speakers": ["ada"]}]},
        {"session": "Night owls", "id": "night", "day": day, "start": "23:30", "end": "01:30", "room": "b",
         "contributions": [
             {"id": "n1", "title": "Before midnight", "start": "23:30", "duration": 45, "speakers": ["bob"]},
             {"id": "n2", "title": "After midnight", "start": "00:30", "duration": 30, "speakers": ["cy"]}]},
        {"session": "Morning after", "id": "after", "day": "2026-05-05", "start": "09:00", "end": "10:00",
         "room": "a", "contributions": [{"id": "t4", "title": "Protocols for the morning", "speakers": ["bob"]}]},
        {"session": "Exhibition", "id": "expo", "day": day, "room": "b", "contributions": [   # a day, no times
            {"id": "x1", "title": "Engines on show", "speakers": ["dee"]}]},
        {"session": "To be announced", "id": "tba", "contributions": [
            {"id": "u1", "title": "Punk rock scheduling", "speakers": ["dee"]}]},
    ], allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return _project(tmp_path_factory.mktemp("agenda-project"))


def test_a_persons_agenda_holds_everything_they_chair_present_and_coauthor(project, tmp_path):
    code, out = _agenda(tmp_path, "--person", "ada", project=project)
    assert code == 0
    booklet = Booklet.open(out)
    text = booklet.flat(0)
    assert text.startswith("Ada Lovelace")
    rows = [("09:00–10:30", "Morning in Alpha", "Chair"), ("09:00–09:30", "Engines of analysis", "Co-author"),
            ("09:15–09:45", "Notes on the analytical engine", "Presents"),
            ("14:00–15:00", "Board 7 Bernoulli numbers on a poster", "Presents")]
    places = [text.index(f"{when} {title} {role} · ") for when, title, role in rows]   # the row, not a clash line
    assert places == sorted(places), text
    # the talk in Beta overlaps both the session she chairs and the talk she co-authors in it;
    # those two do not clash: the talk is part of the session
    assert text.count("Clashes with") == 4 and "Clashes: 3" in text
    assert "Pitching curves" in text   # the chaired session lists its talks
    assert "Bob Kahn" in text and "Cy Young" in text


def test_a_person_is_found_by_name_and_an_unknown_one_gets_the_closest(project, tmp_path, capsys):
    code, out = _agenda(tmp_path, "--person", "ada lovelace", project=project)
    assert code == 0 and Booklet.open(out).flat(0).startswith("Ada Lovelace")
    code, out = _agenda(tmp_path / "x", "--person", "adaa", project=project)
    assert code == 1 and "did you mean 'ada' (Ada Lovelace)?" in capsys.readouterr().err


def test_a_night_session_stays_on_its_day_in_time_order(project, tmp_path):
    code, out = _agenda(tmp_path, "--ids", "n2,n1,t4", project=project)
    assert code == 0
    text = Booklet.open(out).flat(0)
    assert text.index("23:30–00:15 Before midnight") < text.index("00:30–01:00 After midnight") \
        < text.index("Tuesday, 5 May 2026")
    assert "Clashes" not in text
    items = [itinerary.Item(s, c) for s in _conference(project).sessions if s.id == "night" for c in s.contributions]
    assert [i.span for i in items] == [(23 * 60 + 30, 24 * 60 + 15), (24 * 60 + 30, 25 * 60)]


def _conference(project: Path):
    return prepare(project, diag=Diagnostics()).conference


def test_untimed_items_come_last_under_their_own_heading(project, tmp_path):
    code, out = _agenda(tmp_path, "--person", "dee", project=project)
    assert code == 0
    text = Booklet.open(out).flat(0)
    assert text.index("Morning in Beta") < text.index("Not yet scheduled") < text.index("Punk rock scheduling")
    assert "Engines on show" in text and "Clashes" not in text   # a day without times clashes with nothing


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_person_all_writes_one_file_per_presenter(project, tmp_path, jobs):
    code = main(["agenda", str(project), "--person", "all", "-o", str(tmp_path), "-q", "-j", jobs])
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ada.pdf", "bob.pdf", "cy.pdf", "dee.pdf"]
    for pid, name in (("ada", "Ada Lovelace"), ("bob", "Bob Kahn"), ("cy", "Cy Young"), ("dee", "Dee Dee Ramone")):
        assert Booklet.open(tmp_path / f"{pid}.pdf").flat(0).startswith(name)
    assert "Protocols for the morning" in Booklet.open(tmp_path / "bob.pdf").flat(0)


def test_person_all_shows_a_bar_on_a_terminal_only(project, tmp_path):
    """make_all reports each file; the command draws a bar on a terminal, not in a file or with -q."""
    heard = []
    paths, _ = agenda.make_all(project, out=tmp_path, jobs=1, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(1, 4), (2, 4), (3, 4), (4, 4)] and len(paths) == 4

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    with _progress_bar(terminal, quiet=False, unit="agenda") as bar:
        bar(1, 4)
        bar(3, 4)
    assert "0/4" in terminal.getvalue() and "agendas/s" in terminal.getvalue()   # tqdm redraws at most every 0.1 s
    assert threading.active_count() == 1    # no monitor thread left behind: a later build may still fork
    with _progress_bar(terminal, quiet=True, unit="agenda") as bar:
        assert bar is None
    with _progress_bar(io.StringIO(), quiet=False, unit="agenda") as bar:
        assert bar is None


def test_span_and_clash_rules(project):
    conference = _conference(project)
    sessions = {s.id: s for s in conference.sessions}
    alpha = sessions["alpha"]
    whole, t1, t2 = itinerary.Item(alpha, None), itinerary.Item(alpha, alpha.contributions[0]), \
        itinerary.Item(alpha, alpha.contributions[1])
    t3 = itinerary.Item(sessions["beta"], sessions["beta"].contributions[0])
    entries = {e.item: e.clashes for e in itinerary.plan([t3, t2, whole, t1])}
    assert entries[whole] == (t3,) and entries[t1] == (t3,) and entries[t2] == (t3,)
    assert set(entries[t3]) == {whole, t1, t2}
    assert [e.item for e in itinerary.plan([t2, t3, whole, t1])] == [whole, t1, t3, t2]
    assert t2.span == (570, 600) and whole.span == (540, 630)


FOSDEM = SHARED_DATA / "fosdem2021-pentabarf-xml" / "fosdem_2021.xml"


@pytest.mark.skipif(not FOSDEM.is_file(), reason="../shared/data is not here")
def test_an_agenda_of_fosdem_shows_only_its_rooms_of_the_108(tmp_path):
    """Three talks at 10:00 in three of FOSDEM 2021's rooms, by the ids the import gave them: they
    clash, and Saturday's grid shows those rooms, not every room running then."""
    project = tmp_path / "fosdem"
    run_import(FOSDEM, project)
    code, out = _agenda(tmp_path, "--ids", "fuss-remote-access,fluence-intro,humancentricinternet", project=project)
    assert code == 0
    booklet = Booklet.open(out)
    assert "Clashes: 3" in booklet.flat(0)
    grid = booklet.pages_containing("At a glance")[0]
    header = next(line for line in booklet.texts[grid].splitlines() if line.startswith("Sat 6 "))
    assert header.split() == ["Sat", "6", "M.community", "D.blockchain", "D.collab"]
