"""A session past midnight, built: the grid's time axis runs on past 24:00 and the programme
shows 23:30–01:30 with its talks in time order (issue 19, item 3)."""
from __future__ import annotations

import pypdfium2 as pdfium
import yaml

from booklet import build

from .pdfread import Booklet, squash
from .programmes import write
from .test_glance import grid_pages


def _with_a_night(root):
    project = write(root, rooms=2, days=["2026-03-02", "2026-03-03"])
    programme = project / "content" / "programme.yaml"
    sessions = yaml.safe_load(programme.read_text())
    sessions.append({
        "session": "Night of lightning talks", "id": "night", "day": "2026-03-02", "start": "23:30",
        "end": "01:30", "room": "r1",
        "contributions": [   # written out of order: the programme sorts them by time
            {"id": "n2", "title": "Talk after midnight", "speakers": ["p1"], "start": "00:30", "duration": 45},
            {"id": "n1", "title": "Talk before midnight", "speakers": ["p2"], "start": "23:30", "duration": 45}]})
    programme.write_text(yaml.safe_dump(sessions, allow_unicode=True, sort_keys=False))
    return project


def test_a_night_session_runs_past_midnight_in_the_grid_and_the_programme(tmp_path):
    result = build(_with_a_night(tmp_path))
    assert result.warnings == ()   # errors would have raised
    booklet = Booklet.open(result.pdf)

    pages = grid_pages(booklet, "Mon 2")
    night_page = next(i for i in pages if "Night of lightning talks" in booklet.flat(i))
    axis = _axis_labels(result.pdf, night_page)
    assert axis[-5:] == ["23:30", "00:00", "00:30", "01:00", "01:30"]   # the axis goes on, in order
    assert "23:30–01:30" in booklet.flat(night_page)
    assert all("Night of lightning talks" not in booklet.flat(i) for i in grid_pages(booklet, "Tue 3"))

    programme = next(i for i in booklet.pages_containing("Talk before midnight") if i not in pages)
    text = booklet.flat(programme)
    assert "23:30–01:30" in text
    assert text.index("Talk before midnight") < text.index("Talk after midnight")


def _axis_labels(pdf_path, index: int) -> list[str]:
    """The grid's time labels, top to bottom: the HH:MM words at the left edge of the page."""
    page = pdfium.PdfDocument(str(pdf_path))[index]
    text = page.get_textpage()
    words = []
    for r in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(r)
        word = squash(text.get_text_bounded(left, bottom, right, top)).strip()
        if len(word) == 5 and word[2] == ":" and left < page.get_width() * 0.2:
            words.append((-top, word))
    return [w for _, w in sorted(words)]
