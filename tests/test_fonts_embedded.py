"""No output file names a font it does not embed (issue 15): every font any page uses, also
through the forms it draws (the imposed sheets, cover text, crop marks, page numbers), has its
font file in the PDF, and none is ReportLab's unembedded Helvetica. A print shop's preflight
and a viewer without the font would otherwise substitute it."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from booklet import build

from .conftest import REPO

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts_used(resources, seen: set | None = None):
    """(font dictionary, where) of every font in `resources` and in the form XObjects it names."""
    seen = set() if seen is None else seen
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        ref = getattr(xobject, "idnum", None)
        xobject = xobject.get_object()
        if ref in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(ref)
        yield from fonts_used(xobject.get("/Resources"), seen)


def embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":     # glyphs drawn by the file itself
        return True
    described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = described.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor.get_object() for key in FONT_FILES)


@pytest.fixture(scope="module", params=[".", "examples/three-day"])
def editions(request, tmp_path_factory) -> dict:
    result = build(REPO / request.param, out_dir=tmp_path_factory.mktemp("fonts"))
    return result.files


@pytest.mark.parametrize("edition", ["email", "print", "imposed"])
def test_every_font_of_every_page_is_embedded_and_none_is_helvetica(editions, edition):
    reader = PdfReader(editions[edition])
    checked = 0
    for number, page in enumerate(reader.pages):
        for font in fonts_used(page.get("/Resources")):
            name = str(font.get("/BaseFont", "?"))
            assert embedded(font), f"{edition}: page {number} names {name} without embedding it"
            assert "Helvetica" not in name, f"{edition}: page {number} uses {name}"
            checked += 1
    assert checked > len(reader.pages)          # fonts were found, through the forms too


def test_a_build_that_would_name_helvetica_says_so(tmp_path, monkeypatch):
    """Should a section ever draw without a layout font (a table cell without a FONT command takes
    ReportLab's Helvetica), the build warns, and `--strict` stops it before a print shop does."""
    from reportlab.platypus import Table

    from booklet import sections
    from booklet.errors import BookletError

    monkeypatch.setitem(sections.SECTIONS, "colophon", (lambda ctx: [Table([["a plain string cell"]])], "plain"))
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "conference.yaml").write_text(
        "title: Font Test\ndates: {start: 2026-01-05, end: 2026-01-05}\n")
    result = build(project, out_dir=tmp_path / "out", edition="email")
    assert any("Helvetica" in str(w) for w in result.warnings), result.warnings
    with pytest.raises(BookletError, match="Helvetica"):
        build(project, out_dir=tmp_path / "strict", edition="email", strict=True)
