"""Pages as a reader turns them (issue 15): no heading alone at a page foot or on an otherwise
empty page, and a running head that belongs to the page it is on."""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image
from reportlab.lib.units import mm

from booklet import build

WORDS = ("imaging light sample detector model data signal resolution contrast method tissue cell network "
         "volume scan").split()
SECTION_TITLES = {"Contents", "Programme", "Abstracts", "Posters", "Index of persons", "Committees", "Sponsors"}
INDEX_NOTE = "Page numbers in bold: the person presents the contribution."
HEAD_BAND, FOOT_BAND = 17 * mm, 18 * mm     # the a5 layout's top and bottom margins


def words(n: int, shift: int = 0) -> str:
    return " ".join(WORDS[(i * 7 + shift) % len(WORDS)] for i in range(n)) + "."


def write_project(root: Path, abstracts: list[int], *, figure: bool = False, layout: str = "",
                  people: int = 6, days: int = 1) -> Path:
    """One talks session per day whose talks have abstracts of the given lengths in words (0: none),
    each ending with a figure if asked; `layout` is added to a layout extending a5 (named "t")."""
    content = root / "content"
    content.mkdir(parents=True)
    dates = [f"2026-06-{15 + d}" for d in range(days)]
    (content / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Page Turning Conference", "short": "PTC", "dates": {"start": dates[0], "end": dates[-1]},
         "language": "en"}))
    (content / "people.yaml").write_text(yaml.safe_dump(
        [{"id": f"p{i}", "name": f"Person{chr(65 + i % 26)} Family{chr(65 + (i * 5) % 26)}{i}"} for i in range(people)]))
    if figure:
        (content / "figures").mkdir()
        Image.new("RGB", (400, 100), (30, 90, 120)).save(content / "figures" / "f.png")
    sessions = []
    for d, day in enumerate(dates):
        talks = []
        for k, n in enumerate(abstracts):
            talk = {"id": f"t{d}-{k}", "title": f"Talk {d + 1}.{k + 1}", "speakers": [f"p{(k + d) % people}"]}
            if n:
                talk["abstract"] = words(n, k) + ("\n\n![Figure 1](figures/f.png){width=50%}\n" if figure else "")
            talks.append(talk)
        sessions.append({"session": f"Session of day {d + 1}", "id": f"s{d}", "kind": "talks", "day": day,
                         "contributions": talks})
    (content / "programme.yaml").write_text(yaml.safe_dump(sessions))
    folder = root / "layouts" / "t"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(
        "extends: a5\nsections: [title, colophon, contents, programme, abstracts, posters, index]\n" + layout)
    return root


def pages(pdf: Path) -> list[tuple[str, list[str]]]:
    """(running head, lines of the text area) of every page; the folio is in neither."""
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for i in range(len(doc)):
        page = doc[i]
        width, height = page.get_size()
        text = page.get_textpage()
        head = " ".join(text.get_text_bounded(0, height - HEAD_BAND, width, height).split())
        body = text.get_text_bounded(0, FOOT_BAND, width, height - HEAD_BAND)
        out.append((head, [" ".join(line.split()) for line in body.splitlines() if line.strip()]))
    doc.close()
    return out


def is_heading(line: str) -> bool:
    return (line in SECTION_TITLES or line == INDEX_NOTE or bool(re.fullmatch(r"Session of day \d+|[A-Z]", line))
            or line.startswith("Talks ·") or bool(re.fullmatch(r"\w+day, \d+ \w+ \d{4}", line)))


def check_pages(pdf: Path) -> list[str]:
    """What a reader would object to: a page whose text is headings only, a heading as a page's last
    line, a "(continued)" running head on a page that does not continue that contribution."""
    problems, seen = [], ""
    for number, (head, lines) in enumerate(pages(pdf)):
        if number < 4 or not lines:      # covers, title page, colophon; blank pages
            seen += " ".join(lines)
            continue
        if all(is_heading(line) for line in lines):
            problems.append(f"page {number}: only headings {lines}")
        elif is_heading(lines[-1]) and not lines[-1].startswith("Talks ·"):
            problems.append(f"page {number}: ends with the heading {lines[-1]!r}")
        continued = re.fullmatch(r"(.*) \(continued\)", head)
        if continued:
            title = continued.group(1).split(" · ")[-1]    # after the day the page is about
            if re.fullmatch(r"Talk \d+\.\d+", lines[0]) or is_heading(lines[0]):
                problems.append(f"page {number}: running head {head!r}, but the page begins with {lines[0]!r}")
            if title not in seen:
                problems.append(f"page {number}: running head {head!r}, but no page before has {title!r}")
        seen += " " + " ".join(lines)
    return problems


def built(tmp_path: Path, *args, **kwargs) -> Path:
    root = write_project(tmp_path / "project", *args, **kwargs)
    return build(root, out_dir=root / "out", edition="email", layout="t").pdf


def test_the_section_title_goes_with_the_first_abstract(tmp_path):
    """The first contribution, kept on one page, fits a page but not under the section title: it
    used to move to the next page and leave "Abstracts" alone on its page."""
    pdf = built(tmp_path, [354, 200, 200])
    assert check_pages(pdf) == []
    opening = next(lines for head, lines in pages(pdf) if lines and lines[0] == "Abstracts")
    assert "Talk 1.1" in opening


def test_a_contribution_ending_at_the_foot_is_not_continued_overleaf(tmp_path):
    """Abstracts ending with a figure whose caption reaches the foot of the page: the next page's
    running head said the contribution continued there."""
    pdf = built(tmp_path, [716] * 3, figure=True)
    assert check_pages(pdf) == []


def test_the_index_opens_with_its_entries_and_its_own_running_head(tmp_path):
    """The new user's report: the index's first page held its title and note only, the entries began
    overleaf, and the page carried the last abstract's "(continued)". Here the last abstract ends
    at a page foot, and the index has one column under a header too low for title and note."""
    pdf = built(tmp_path, [716], figure=True, layout="index: {columns: 1, header: 10mm}\n")
    assert check_pages(pdf) == []
    first = next((head, lines) for head, lines in pages(pdf) if lines and lines[0] == "Index of persons")
    assert first[0] == "" and any(line.startswith("Family") for line in first[1]), first


@pytest.mark.parametrize("people", [9, 23, 41])
def test_index_first_page_with_header_and_columns(tmp_path, people):
    """The shipped index page (a header above two columns) with a few numbers of people."""
    pdf = built(tmp_path, [120] * 6, people=people, layout="")
    assert check_pages(pdf) == []


DAY_NAMES = {1: ("Monday, 15 June 2026", "15–16 June 2026", "15–17 June 2026"),
             2: ("Tuesday, 16 June 2026", "15–16 June 2026", "16–17 June 2026", "15–17 June 2026"),
             3: ("Wednesday, 17 June 2026", "16–17 June 2026", "15–17 June 2026")}   # the day, or a range of days


def test_programme_and_abstracts_heads_name_the_day(tmp_path):
    """An attendee opening the booklet in the middle sees which day the page is about: every page
    of the programme and the abstracts names the day of the sessions on it (issue 15; aclpub2#155).
    A section's opening page has no running head; the day is then in its text."""
    pdf = built(tmp_path, [150, 0, 300, 80, 220, 40, 40, 40, 40, 40, 40, 40], days=3)
    laid_out = pages(pdf)
    start = next(i for i, (_, lines) in enumerate(laid_out) if lines and lines[0] == "Programme")
    end = next(i for i, (_, lines) in enumerate(laid_out) if lines and lines[0] == "Index of persons")
    day, checked = None, 0
    for number in range(start, end):
        head, lines = laid_out[number]
        if not lines:
            continue
        text = " ".join(lines)
        begins_anew = bool(re.match(r"Session of day \d|\w+day, ", lines[0])) or lines[0] in SECTION_TITLES
        days = set() if begins_anew or day is None else {day}   # the session carried over from the page before
        for found in re.finditer(r"(?:Talk |Session of day )(\d)", text):
            day = int(found.group(1))
            days.add(day)
        assert days, f"page {number} shows no session"
        shown = head or text
        for d in days:
            assert any(name in shown for name in DAY_NAMES[d]), (number, d, head, lines[:3])
        checked += 1
    assert checked >= 8


def test_a_one_day_booklet_names_its_day(tmp_path):
    pdf = built(tmp_path, [150, 300, 300, 300])
    heads = [head for head, lines in pages(pdf) if re.match(r".*(Session of day|Talk)", head)]
    assert heads and all(head.startswith("Monday, 15 June 2026 · ") for head in heads), heads


@pytest.mark.parametrize("project", ["examples/three-day", "."])
def test_no_heading_ends_a_page_of_the_shipped_booklets(tmp_path, project):
    """Session titles, day headings and section titles of the default booklet and the three-day
    example: never the last line of a page (a rowless session, say a coffee break, keeps its
    meta line; a session's heading keeps its first rows)."""
    from booklet.content import loader
    from booklet.errors import Diagnostics

    root = Path(__file__).resolve().parent.parent / project
    conference = loader.load(root / "content", Diagnostics(), root=root)
    headings = {" ".join(s.title.split()) for s in conference.sessions} | SECTION_TITLES
    headings |= {re.sub(r"\s+", " ", line) for line in ("Monday, 15 June 2026", "Tuesday, 16 June 2026",
                                                       "Wednesday, 17 June 2026")}
    laid_out = pages(build(root, out_dir=tmp_path, edition="email").pdf)
    start = next(i for i, (_, lines) in enumerate(laid_out) if lines and lines[0] == "Programme")  # after the grids
    for number, (head, lines) in enumerate(laid_out[start:], start):
        if lines:
            assert lines[-1] not in headings, (number, head, lines[-3:])
