"""The shipped layouts a4 and half-letter (a5 is the default booklet), and the booklet in German."""
from __future__ import annotations

import shutil

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4, LETTER
from reportlab.lib.units import inch, mm

from booklet import build

from .conftest import REPO
from .pdfread import squash

SHIPPED = {
    "a4": (A4, (A3[1], A3[0])),
    "half-letter": ((5.5 * inch, 8.5 * inch), (LETTER[1], LETTER[0])),
}


@pytest.fixture(scope="module", params=sorted(SHIPPED))
def shipped(request, tmp_path_factory):
    name = request.param
    result = build(REPO, layout=name, out_dir=tmp_path_factory.mktemp(f"layout-{name}"))
    return name, result


def _size(box) -> tuple[float, float]:
    return float(box.width), float(box.height)


def test_shipped_layout_builds_every_edition(shipped):
    name, result = shipped
    assert set(result.files) == {"email", "print", "imposed", "html"}
    assert not [w for w in result.warnings if "layout" in str(w.loc)], result.warnings
    for path in result.files.values():
        if path.suffix != ".pdf":
            continue
        with pikepdf.open(path) as pdf:
            assert pdf.check_pdf_syntax() == []


def test_shipped_layout_has_its_page_and_sheet_size(shipped):
    name, result = shipped
    page, sheet = SHIPPED[name]
    email, printed, imposed = (PdfReader(result.files[n]) for n in ("email", "print", "imposed"))
    for p in email.pages:
        assert _size(p.mediabox) == pytest.approx(page, abs=0.01)
    assert len(printed.pages) % 4 == 0
    for p in printed.pages:
        assert _size(p.trimbox) == pytest.approx(page, abs=0.01)
        assert _size(p.bleedbox) == pytest.approx((page[0] + 6 * mm, page[1] + 6 * mm), abs=0.01)
    assert len(imposed.pages) == len(printed.pages) // 2
    for p in imposed.pages:
        assert _size(p.mediabox) == pytest.approx(sheet, abs=0.01)


def test_shipped_layout_prints_the_title_over_its_cover(shipped):
    _, result = shipped
    doc = pdfium.PdfDocument(str(result.files["email"]))
    cover = squash(doc[0].get_textpage().get_text_range())
    assert "Helmholtz Imaging Virtual Conference 2021" in cover
    labels = PdfReader(result.files["email"]).page_labels
    assert labels[:3] == ["C1", "C2", "1"] and labels[-2:] == ["C3", "C4"]


def test_shipped_layout_cover_artwork_has_bleed(shipped):
    name, _ = shipped
    page, _ = SHIPPED[name]
    for side in ("front", "back"):
        cover = PdfReader(REPO / "layouts" / name / "covers" / f"{side}.pdf").pages[0]
        assert _size(cover.mediabox) == pytest.approx((page[0] + 6 * mm, page[1] + 6 * mm), abs=0.01)
        assert _size(cover.trimbox) == pytest.approx(page, abs=0.01)


# -- German --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def german(tmp_path_factory):
    project = tmp_path_factory.mktemp("german")
    shutil.copytree(REPO / "content", project / "content")
    conference = project / "content" / "conference.yaml"
    text = conference.read_text(encoding="utf-8")
    assert "language: en" in text
    conference.write_text(text.replace("language: en", "language: de"), encoding="utf-8")
    return build(project)


def test_german_booklet_uses_german_labels(german):
    doc = pdfium.PdfDocument(str(german.pdf))
    text = [squash(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    everything = " ".join(text)
    for word in ("Inhalt", "Programm", "Kurzfassungen", "Poster", "Personenverzeichnis"):
        assert word in everything, word
    assert "PROGRAMM UND KURZFASSUNGEN" in everything.upper()          # the title page's subtitle
    assert "Index of persons" not in everything and "Abstracts" not in everything
    assert any(t.startswith("Inhalt") for t in text)
    assert [o.title for o in PdfReader(german.pdf).outline if not isinstance(o, list)][:2] == ["Inhalt", "Programm"]
    assert PdfReader(german.pdf).trailer["/Root"]["/Lang"] == "de"


def test_german_booklet_writes_the_date_in_german(german):
    doc = pdfium.PdfDocument(str(german.pdf))
    cover, title = (squash(doc[i].get_textpage().get_text_range()) for i in (0, 2))
    assert "Donnerstag, 23. September 2021" in cover
    assert "Donnerstag, 23. September 2021" in title
    assert "Thursday" not in cover + title


def test_german_print_edition_pads_with_notizen(german):
    doc = pdfium.PdfDocument(str(german.files["print"]))
    labels = PdfReader(german.files["print"]).page_labels
    padding = [i for i, label in enumerate(labels) if label.isdigit() and int(label) > german.body_pages]
    assert padding, labels
    for index in padding:
        assert squash(doc[index].get_textpage().get_text_range()).startswith("Notizen")
