"""booklet.pdf.join: two ReportLab PDFs made one by an incremental update, and the outline written for it."""
from __future__ import annotations

import io
from types import SimpleNamespace

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from booklet.pdf.join import OutlineEntry, Place, join
from booklet.typeset import parts

SIZE = (200.0, 200.0)


def _part(words: list[str], note: str = "") -> bytes:
    """One page per word, the word bookmarked on its page; each page links to the part's first page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=SIZE, invariant=1)
    for word in words:
        canvas.drawString(20, 100, word)
        canvas.bookmarkHorizontalAbsolute(word, 120, 20)
        canvas.linkAbsolute(note, words[0], (10, 10, 50, 50))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _joined() -> PdfReader:
    first = _part(["one", "two", "three"])
    second = _part(["four", "five"], note="see 1 0 R (and 2 0 R)")
    places = {"one": Place(0, 20, 120), "three": Place(2, 20, 120), "four": Place(4, 20, 120),
              "five": Place(5, 20, 120)}
    outline = [OutlineEntry("One", 0, "one", False), OutlineEntry("Three", 1, "three", True),
               OutlineEntry("Four", 0, "four", True), OutlineEntry("Five", 1, "five", False)]
    pdf = join(first, second, gap=1, outline=outline, places=places, named={"four"}, page_size=SIZE)
    assert pdf.startswith(first)        # an update: the first part's bytes stay as they are
    return PdfReader(io.BytesIO(pdf), strict=True)


def test_pages_of_both_parts_in_order_with_the_blank_page_between():
    reader = _joined()
    assert [page.extract_text().strip() for page in reader.pages] == ["one", "two", "three", "", "four", "five"]
    assert [float(v) for v in reader.pages[3].mediabox] == [0, 0, *SIZE]


def test_links_of_the_second_part_lead_to_its_own_pages_and_keep_their_text():
    reader = _joined()
    page_numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    for i in (4, 5):
        link = reader.pages[i]["/Annots"][0].get_object()
        assert page_numbers[link["/Dest"][0].idnum] == 4
        assert link["/Contents"] == "see 1 0 R (and 2 0 R)"   # a reference in a string is not renumbered


def test_outline_nests_by_level_and_counts_closed_entries_negative():
    reader = _joined()
    top = reader.outline
    assert [item.title for item in top if not isinstance(item, list)] == ["One", "Four"]
    assert [reader.get_destination_page_number(item) for item in top if not isinstance(item, list)] == [0, 4]
    root = reader.trailer["/Root"]["/Outlines"]
    one = root["/First"]
    assert one["/Count"] == 1        # open: its child is shown
    assert one["/First"]["/Title"] == "Three" and "/Count" not in one["/First"]   # closed, but has no children
    four = one["/Next"]
    assert four["/Count"] == -1 and four["/First"]["/Title"] == "Five"
    assert root["/Count"] == 3      # One, its child Three, and Four (closed)


def test_named_destinations_lead_into_the_second_part():
    reader = _joined()
    assert reader.get_destination_page_number(reader.named_destinations["/four"]) == 4


def _ctx(sessions, people=10, start_on_right=("abstracts", "posters", "index"),
         sections=("title", "contents", "programme", "abstracts", "posters", "index")):
    contributions = [c for s in sessions for c in s.contributions]
    return SimpleNamespace(
        layout=SimpleNamespace(sections=sections, start_on_right=start_on_right),
        conference=SimpleNamespace(sessions=sessions, contributions=contributions, people=[None] * people),
        texts=SimpleNamespace(abstracts={c.id: [SimpleNamespace(markup="x" * 1000)] for c in contributions}))


def _sessions(talks: int, posters: int):
    def session(kind, n, tag):
        return SimpleNamespace(kind=kind, contributions=[SimpleNamespace(id=f"{tag}{i}") for i in range(n)])
    return [session("talks", talks, "t"), session("posters", posters, "p")]


def test_a_big_booklet_is_cut_where_the_longer_part_is_shortest(monkeypatch):
    monkeypatch.setattr(parts, "can_fork", lambda: True)
    assert parts.choose_cut(_ctx(_sessions(1000, 1000)), jobs=2) == "posters"
    assert parts.choose_cut(_ctx(_sessions(1000, 1000)), jobs=1) is None
    # with no posters to speak of, abstracts start part 2 and the programme is all part 1 has
    assert parts.choose_cut(_ctx(_sessions(2000, 5)), jobs=2) == "abstracts"


def test_no_cut_for_a_small_booklet_or_before_the_index_alone(monkeypatch):
    monkeypatch.setattr(parts, "can_fork", lambda: True)
    assert parts.choose_cut(_ctx(_sessions(20, 5)), jobs=2) is None
    # the index is made from every page number: a part 2 of the index alone waits for all of part 1
    assert parts.choose_cut(_ctx(_sessions(1000, 1000), start_on_right=("index",)), jobs=2) is None


def test_no_second_process_from_a_process_with_other_threads(monkeypatch):
    import threading
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert parts.choose_cut(_ctx(_sessions(1000, 1000)), jobs=2) is None
