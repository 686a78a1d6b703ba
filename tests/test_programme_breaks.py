"""The detailed programme as a typesetter would set it (issue 15, item 5): a long session breaks
over pages under a "(continued)" heading instead of leaving half a page empty, a row is never
cut unless it is taller than a page, a wrapped meta line never begins with "·", two chairs are
"Chairs", and "et al." shortens only author lists."""
from __future__ import annotations

import yaml

from booklet import build

from .pdfread import Booklet


def _project(root, sessions: list[dict], people: int = 100, conference: dict | None = None):
    content = root / "content"
    content.mkdir(parents=True)
    (content / "conference.yaml").write_text(yaml.safe_dump(
        conference or {"title": "Programme Test 2026", "dates": {"start": "2026-03-02", "end": "2026-03-03"}}))
    (content / "people.yaml").write_text(yaml.safe_dump(
        [{"id": f"p{i}", "name": f"Given{i} Family{i}", "affiliations": [f"Institute {i % 5}"]} for i in range(people)]))
    (content / "programme.yaml").write_text(yaml.safe_dump(sessions, sort_keys=False))
    return root


def _talks(prefix: str, n: int, start_hour: int = 9) -> list[dict]:
    return [{"id": f"{prefix}{k}", "title": f"{prefix.upper()} talk {k} on a topic of some length for two lines maybe",
             "speakers": [f"p{_speaker(prefix, k)}"], "start": f"{start_hour + k // 6:02d}:{k % 6 * 10:02d}", "duration": 10}
            for k in range(n)]


def _speaker(prefix: str, k: int) -> int:
    """Each talk's own speaker: no name appears twice in a programme of two sessions."""
    return (k + 50 * (prefix == "b")) % 100


def _session(sid: str, title: str, n: int, day: str = "2026-03-02", start: int = 9, **extra) -> dict:
    end = start + (n + 5) // 6
    return {"session": title, "id": sid, "day": day, "start": f"{start:02d}:00", "end": f"{end:02d}:00",
            "contributions": _talks(sid, n, start), **extra}


def _programme_pages(booklet: Booklet) -> list[int]:
    """The pages of the programme section, from the bookmarks: up to the next section's first page."""
    starts = {item.title: booklet.reader.get_destination_page_number(item)
              for item in booklet.reader.outline if not isinstance(item, list)}
    first = starts["Programme"]
    return list(range(first, min(p for p in starts.values() if p > first)))


def _in_programme(booklet: Booklet, needle: str) -> list[int]:
    return [i for i in booklet.pages_containing(needle) if i in _programme_pages(booklet)]


def test_a_long_session_breaks_under_a_continued_heading_and_leaves_no_half_page(tmp_path):
    sessions = [_session("a", "Short morning session", 4), _session("b", "Long afternoon session", 40, start=13)]
    booklet = Booklet.open(build(_project(tmp_path, sessions), edition="email").pdf)
    heading_page = _in_programme(booklet, "Long afternoon session")[0]
    assert "Short morning session" in booklet.flat(heading_page)      # it starts on the same page
    pages = [i for i in booklet.pages_containing("Long afternoon session (continued)")]
    assert pages, "no continued heading"
    for index in pages:
        lines = [line for line in booklet.texts[index].splitlines() if line.strip()]
        assert "Long afternoon session (continued)" in " ".join(lines[:3])   # at the top, under the running head
    talks_on = {k: _in_programme(booklet, f"B talk {k} on a topic") for k in range(40)}
    continued = {i for k, found in talks_on.items() for i in found if i != heading_page}
    assert continued == set(pages)    # every page the session runs on to says so, and no other


def test_a_row_is_never_cut_between_its_title_and_its_people(tmp_path):
    # 33 talks put a page break just inside a table of the second session's rows, where
    # ReportLab cut talk 18 between its title and its speaker
    sessions = [_session("a", "Session one", 33), _session("b", "Session two", 30, start=14)]
    booklet = Booklet.open(build(_project(tmp_path, sessions), edition="email").pdf)
    for prefix in "ab":
        for k in range(30):
            title_pages = _in_programme(booklet, f"{prefix.upper()} talk {k} on a topic")
            n = _speaker(prefix, k)
            people = f"Given{n} Family{n} (Institute {n % 5})"
            assert len(title_pages) == 1 and title_pages == _in_programme(booklet, people), (prefix, k)


def test_a_row_taller_than_a_page_is_cut_rather_than_failing(tmp_path):
    session = _session("a", "Giant panel", 8)
    session["contributions"][4]["speakers"] = [f"p{i}" for i in range(400)]
    result = build(_project(tmp_path, [session], people=400), edition="email")
    booklet = Booklet.open(result.pdf)
    assert booklet.pages_containing("Given399 Family399")


def test_meta_lines_keep_their_dots_at_line_ends_and_two_chairs_are_chairs(tmp_path):
    session = _session("a", "Chaired session", 3, chairs=["p1", "p2"], room="long")
    conference = {"title": "Programme Test 2026", "dates": {"start": "2026-03-02", "end": "2026-03-03"},
                  "rooms": [{"id": "long", "name": "The Extraordinarily Long Named Lecture Theatre of the "
                                                   "Institute for Advanced Study"}]}
    booklet = Booklet.open(build(_project(tmp_path, [session], conference=conference), edition="email").pdf)
    page = _in_programme(booklet, "Chaired session")[0]
    lines = booklet.texts[page].splitlines()
    assert not [line for line in lines if line.strip().startswith("·")]
    assert "Chairs: Given1 Family1, Given2 Family2" in booklet.flat(page)


def test_et_al_shortens_co_authors_never_speakers(tmp_path):
    session = _session("a", "Panels and papers", 2)
    session["contributions"][0]["speakers"] = [f"p{i}" for i in range(5)]              # a panel of five
    session["contributions"][1]["speakers"] = ["p10"]
    session["contributions"][1]["authors"] = [f"p{i}" for i in range(11, 16)]          # one speaker, five authors
    booklet = Booklet.open(build(_project(tmp_path, [session]), edition="email").pdf)
    text = " ".join(booklet.flat(i) for i in _programme_pages(booklet))
    for i in range(5):
        assert f"Given{i} Family{i}" in text
    assert "Given12 Family12" in text and "Given13 Family13" not in text and "et al." in text
