"""The default booklet, checked as a reader would: text, index, links, fonts, pages."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from reportlab.lib.pagesizes import A5

from booklet.content import loader
from booklet.errors import Diagnostics

from .conftest import REPO
from .pdfread import Booklet, index_entries, loose


@pytest.fixture(scope="module")
def conference():
    diag = Diagnostics()
    conf = loader.load(REPO / "content", diag, root=REPO)
    assert not diag.items, [str(d) for d in diag.items]
    return conf


@pytest.fixture(scope="module")
def booklet(default_booklet) -> Booklet:
    return default_booklet[1]


def test_default_content_is_complete(conference):
    kinds = [s.kind for s in conference.sessions]
    assert kinds == ["keynote", "talks", "talks", "talks", "posters"]
    assert [len(s.contributions) for s in conference.sessions] == [1, 5, 5, 4, 9]
    assert len(conference.people) == 37
    assert conference.start.isoformat() == "2021-09-23" == conference.end.isoformat()
    assert all(s.start is None and not s.rooms for s in conference.sessions), "the source gives no times or rooms"


def test_every_title_and_abstract_is_printed(booklet, conference):
    everything = loose(" ".join(booklet.texts))
    for c in conference.contributions:
        assert loose(c.title) in everything, c.title
        for paragraph in (c.abstract or "").split("\n\n"):
            assert loose(paragraph) in everything, f"a paragraph of the abstract of {c.id}"


def test_pages_are_a5(booklet):
    for page in booklet.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A5[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A5[1], abs=0.5)


def test_page_labels_match_printed_folios(booklet):
    assert booklet.labels[:2] == ["C1", "C2"] and booklet.labels[-2:] == ["C3", "C4"]
    body = booklet.labels[2:-2]
    assert body == [str(n) for n in range(1, len(body) + 1)]
    for index, label in enumerate(booklet.labels):
        if label.isdigit() and int(label) > 2 and booklet.texts[index].strip():  # title, colophon, blanks: none
            lines = [line.strip() for line in booklet.texts[index].splitlines() if line.strip()]
            assert label in lines, f"page {label} does not print its number"


def test_abstracts_and_index_open_on_right_hand_pages(booklet):
    for heading in ("Abstracts", "Index of persons"):
        page = next(i for i in range(len(booklet.texts)) if booklet.flat(i).startswith(heading))
        assert int(booklet.labels[page]) % 2 == 1, heading
        assert booklet.texts[page - 1].strip() or int(booklet.labels[page - 1]) % 2 == 0


def test_every_font_is_embedded_and_no_helvetica(booklet):
    for index, page in enumerate(booklet.reader.pages):
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            assert "Helvetica" not in font["/BaseFont"], f"page {index}"
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} on page {index} is not embedded"


def test_outline_has_sections_sessions_and_contributions(booklet):
    outline = booklet.reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Contents", "Programme", "Abstracts", "Posters", "Index of persons"]
    abstracts = outline[top.index("Abstracts") + 1]
    sessions = [item.title for item in abstracts if not isinstance(item, list)]
    assert sessions == ["Keynote", "Session block 1", "Session block 2", "Session block 3"]


def test_metadata(booklet):
    meta = booklet.reader.metadata
    assert meta.title == "Helmholtz Imaging Virtual Conference 2021"
    assert meta.subject == "Programme and abstracts"
    assert meta.author == "Helmholtz Imaging"


def test_internal_links_all_lead_to_real_pages(booklet):
    links = booklet.link_targets()
    assert len(links) > 50
    assert all(target >= 0 for _, target in links)


def test_index_lists_every_person_in_collation_order(booklet, conference):
    entries = index_entries(booklet)
    assert set(entries) == {p.index_name for p in conference.people}
    order = list(entries)
    assert order.index("Crespo López-Urrutia, Gabriel") < order.index("Eschen, Wilhelm")
    assert order.index("Nöh, Katharina") < order.index("Oexle, Konrad")
    assert order.index("Heuser, Philipp") < order.index("Hölscher, Hendrik") < order.index("Inceoglu, Fadil")


def test_index_page_numbers_lead_to_the_persons_contributions(booklet, conference):
    entries = index_entries(booklet)
    for person in conference.people:
        contributions = [c for c in conference.contributions if person in (a.person for a in c.authors)]
        expected = set()
        for c in contributions:
            pages = booklet.pages_containing(c.title)
            assert pages, c.title
            expected.add(booklet.labels[pages[-1]])
        printed = entries[person.index_name]
        assert set(printed) == expected, person.name
        for label in printed:
            page_text = booklet.flat(booklet.page_of_label(label))
            assert person.name in page_text, f"{person.name} is not on page {label}"


def test_programme_page_references_are_right(booklet, conference):
    first = next(i for i in range(len(booklet.texts)) if booklet.flat(i).startswith("Programme"))
    programme = loose(booklet.flat(first) + " " + booklet.flat(first + 1))
    for c in conference.contributions:
        start = programme.index(loose(c.title))
        reference = re.search(r"p\. (\d+)", programme[start:])[1]
        assert loose(c.title) in loose(booklet.flat(booklet.page_of_label(reference))), c.title


def test_build_is_reproducible(default_booklet, tmp_path):
    from booklet import build

    again = build(REPO, out_dir=tmp_path)
    assert again.pdf.read_bytes() == default_booklet[0].pdf.read_bytes()


def test_cli_builds_a_project_folder_elsewhere(default_project_copy):
    done = subprocess.run([sys.executable, "-m", "booklet", "build", str(default_project_copy)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (default_project_copy / "out" / "hi-2021.pdf").read_bytes().startswith(b"%PDF")
    assert "wrote" in done.stdout and done.stderr == ""
