"""Covers and inserts from a project's own layout; the errors an organiser sees when they are wrong."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from booklet import build
from booklet.errors import AssemblyError, LayoutError

from .conftest import REPO
from .pdfread import squash

BLEED = 3 * mm


def pdf_pages(*pages: tuple[float, float], words: str = "INSERT", colour=None) -> bytes:
    """A PDF with one page of each size, each page's words drawn in an embedded font, optionally filled."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "TestSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSans", str(REPO / "fonts" / "NotoSans-Regular.ttf")))
    buffer = io.BytesIO()
    c = Canvas(buffer, invariant=1, initialFontName="TestSans")
    for number, size in enumerate(pages, 1):
        c.setPageSize(size)
        if colour:
            c.setFillColor(HexColor(colour))
            c.rect(0, 0, size[0], size[1], stroke=0, fill=1)
            c.setFillColor(HexColor("#000000"))
        c.setFont("TestSans", 20)
        c.drawString(size[0] / 3, size[1] / 2, f"{words} {number}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def project_with_layout(root: Path, layout: str, files: dict[str, bytes] | None = None) -> Path:
    """The default content with a layout `mine` (layout.yaml text, other files as bytes) in the project."""
    shutil.copytree(REPO / "content", root / "content")
    folder = root / "layouts" / "mine"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(layout, encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return root


# -- inserts ---------------------------------------------------------------------------------

INSERTS = """\
extends: a5
inserts:
  - {file: inserts/map.pdf, after: title, label: Map}
  - {file: inserts/sponsors.pdf, after: index, label: Sponsors}
"""


@pytest.fixture(scope="module")
def with_inserts(tmp_path_factory):
    bled = (A5[0] + 2 * BLEED, A5[1] + 2 * BLEED)
    project = project_with_layout(tmp_path_factory.mktemp("inserts"), INSERTS, {
        "inserts/map.pdf": pdf_pages(bled, words="MAP", colour="#d0a040"),           # one page, with bleed
        "inserts/sponsors.pdf": pdf_pages(A5, A5, words="SPONSORS"),                  # two pages, trim size
    })
    return build(project, layout="mine")


def test_inserts_get_their_own_labels_and_the_body_keeps_its_numbers(with_inserts):
    labels = PdfReader(with_inserts.pdf).page_labels
    body = with_inserts.body_pages
    assert labels[:7] == ["C1", "C2", "1", "2", "Map 1", "Map 2", "3"]       # a one-page map gets a blank back
    sponsors = labels.index("Sponsors 1")
    assert labels[sponsors + 1] == "Sponsors 2"
    assert [label for label in labels if label.isdigit()][:body] == [str(n) for n in range(1, body + 1)]
    # after the index, the last section: after the last body page (and its blank back, if it is a recto)
    assert labels[sponsors - 1] == str(body + body % 2) and labels[sponsors + 2] == "C3"
    printed = PdfReader(with_inserts.files["print"]).page_labels
    after = printed[printed.index("Sponsors 2") + 1:]
    assert after[-2:] == ["C3", "C4"] and all(label.isdigit() for label in after[:-2])   # padding, numbered on


def test_inserted_pages_show_the_insert_and_leave_printed_numbers_right(with_inserts):
    doc = pdfium.PdfDocument(str(with_inserts.pdf))
    labels = PdfReader(with_inserts.pdf).page_labels
    assert "MAP 1" in squash(doc[labels.index("Map 1")].get_textpage().get_text_range())
    assert squash(doc[labels.index("Map 2")].get_textpage().get_text_range()) == ""
    assert "SPONSORS 2" in squash(doc[labels.index("Sponsors 2")].get_textpage().get_text_range())
    contents = squash(doc[labels.index("3")].get_textpage().get_text_range())
    assert contents.startswith("Contents") and contents.split()[-1] == "3"       # its folio is its label


def test_inserts_keep_the_print_edition_a_multiple_of_4_and_run_into_the_bleed(with_inserts):
    printed = PdfReader(with_inserts.files["print"])
    assert len(printed.pages) % 4 == 0
    index = printed.page_labels.index("Map 1")
    page = printed.pages[index]
    image = pdfium.PdfDocument(str(with_inserts.files["print"]))[index].render(scale=2).to_pil().convert("L")
    y = int((float(page.mediabox.height) - float(page.trimbox.bottom) - 50 * mm) * 2)
    assert image.getpixel((int((float(page.trimbox.left) - BLEED / 2) * 2), y)) < 200    # artwork in the bleed
    assert image.getpixel((int((float(page.trimbox.left) - BLEED - 1.5 * mm) * 2), y)) > 240
    imposed = PdfReader(with_inserts.files["imposed"])
    assert len(imposed.pages) * 2 == len(printed.pages)


def test_an_insert_between_the_sides_of_a_leaf_moves_to_a_leaf_boundary(tmp_path):
    layout = "extends: a5\ninserts:\n  - {file: map.pdf, before: index}\n"
    project = project_with_layout(tmp_path, layout, {"map.pdf": pdf_pages(A5)})
    result = build(project, layout="mine", edition="email")
    index_page = result.refs.pages["section-index"]
    labels = PdfReader(result.pdf).page_labels
    insert = labels.index("Insert 1")
    assert labels[insert - 1].isdigit() and int(labels[insert - 1]) % 2 == 0       # after a left-hand page
    if index_page % 2 == 0:                                                        # the index starts on a verso
        assert any("between the two sides of a leaf" in str(w) for w in result.warnings)
        assert labels[insert + 2] == str(index_page - 1)


def test_the_readmes_insert_examples_are_placed_without_a_warning(tmp_path):
    """The README shows where a venue map goes; copied as it is, it must not be moved with a warning."""
    import re

    import yaml

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    examples = [yaml.safe_load(found) for found in re.findall(r"\{file: inserts/map\.pdf[^}]*\}", readme)]
    assert len(examples) == 2
    for number, spec in enumerate(examples):
        layout = f"extends: a5\ninserts:\n  - {{file: {spec['file']}, after: {spec['after']}, label: {spec['label']}}}\n"
        project = project_with_layout(tmp_path / str(number), layout, {"inserts/map.pdf": pdf_pages(A5)})
        result = build(project, layout="mine", edition="email")
        assert [str(w) for w in result.warnings] == []
        assert "Map 1" in PdfReader(result.pdf).page_labels


# -- errors ------------------------------------------------------------------------------------

def test_a_typo_in_the_print_block_is_reported_at_its_line(tmp_path):
    layout = "extends: a5\nprint:\n  bleeed: 3mm\n  imposition: {sheet: letter}\n"
    project = project_with_layout(tmp_path, layout)
    with pytest.raises(LayoutError) as caught:
        build(project, layout="mine")
    message = str(caught.value)
    assert "layouts/mine/layout.yaml:3: error: print: unknown field 'bleeed'\n  hint: did you mean 'bleed'?" in message
    assert "layouts/mine/layout.yaml:4: error: print imposition: 'sheet' is too small: two pages of 148 × 210 mm " \
           "side by side need at least 296 × 210 mm; letter is 279 × 216 mm\n  hint: e.g. `sheet: A4`" in message
    assert not (project / "out").exists()


def test_an_insert_at_an_unknown_section_is_reported_with_a_hint(tmp_path):
    layout = "extends: a5\ninserts:\n  - file: map.pdf\n    after: postres\n"
    project = project_with_layout(tmp_path, layout, {"map.pdf": pdf_pages(A5)})
    with pytest.raises(LayoutError) as caught:
        build(project, layout="mine")
    assert "layouts/mine/layout.yaml:4: error: insert 1: 'after' unknown section 'postres'\n" \
           "  hint: did you mean 'posters'?" in str(caught.value)


def test_a_cover_of_the_wrong_size_names_the_file_and_the_sizes(tmp_path):
    layout = "extends: a5\ncovers:\n  front: covers/front.pdf\n"
    project = project_with_layout(tmp_path, layout, {"covers/front.pdf": pdf_pages((150 * mm, 200 * mm))})
    with pytest.raises(AssemblyError) as caught:
        build(project, layout="mine")
    assert str(caught.value) == (
        "1 problem found:\nlayouts/mine/covers/front.pdf: error: page 1 is 150.0 × 200.0 mm; cover pages must be "
        "148.0 × 210.0 mm (the booklet's trim size) or 154.0 × 216.0 mm (with bleed)\n"
        "  hint: export it at the layout's page size, or set its TrimBox to the trim size")


def test_an_unreadable_insert_is_an_error_naming_it_and_the_old_booklet_stays(tmp_path):
    layout = "extends: a5\ninserts:\n  - {file: inserts/map.pdf, after: title}\n"
    project = project_with_layout(tmp_path, layout, {"inserts/map.pdf": pdf_pages(A5)})
    first = build(project, layout="mine", edition="email")
    before = {name: path.read_bytes() for name, path in first.files.items()}
    (project / "layouts" / "mine" / "inserts" / "map.pdf").write_bytes(b"this is not a PDF\n")
    with pytest.raises(AssemblyError) as caught:
        build(project, layout="mine", edition="email")
    message = str(caught.value)
    assert message.startswith("1 problem found:\nlayouts/mine/inserts/map.pdf: error: cannot read insert PDF: ")
    assert "export it again as a PDF file" in message
    assert {name: path.read_bytes() for name, path in first.files.items()} == before


def test_an_insert_of_the_wrong_size_is_an_error(tmp_path):
    layout = "extends: a5\ninserts:\n  - {file: letter.pdf, before: index}\n"
    project = project_with_layout(tmp_path, layout, {"letter.pdf": pdf_pages(A5, (612, 792))})
    with pytest.raises(AssemblyError) as caught:
        build(project, layout="mine", edition="email")
    assert "layouts/mine/letter.pdf: error: page 2 is 215.9 × 279.4 mm; insert pages must be 148.0 × 210.0 mm" \
           in str(caught.value)


def test_a_cover_without_bleed_is_used_with_a_warning(tmp_path):
    layout = "extends: a5\ncovers:\n  front: plain.pdf\n  back: plain.pdf\n"
    project = project_with_layout(tmp_path, layout, {"plain.pdf": pdf_pages(A5, A5, colour="#336699")})
    result = build(project, layout="mine")
    assert any("the cover has no bleed" in str(w) for w in result.warnings)
    assert len(PdfReader(result.files["print"]).pages) % 4 == 0


def test_print_options_no_marks_blank_padding_no_imposition(tmp_path):
    layout = "extends: a5\nprint:\n  marks: false\n  padding: blank\n  imposition: false\n"
    project = project_with_layout(tmp_path, layout)
    result = build(project, layout="mine")
    assert set(result.files) == {"email", "print", "html"}
    reader = PdfReader(result.files["print"])
    doc = pdfium.PdfDocument(str(result.files["print"]))
    for index, page in enumerate(reader.pages):
        assert [round(float(v), 2) for v in page.bleedbox] == [round(float(v), 2) for v in page.mediabox]
        assert squash(doc[index].get_textpage().get_text_range()) != "Notes"
    padding = [i for i, label in enumerate(reader.page_labels) if label.isdigit() and int(label) > result.body_pages]
    for index in padding:
        assert squash(doc[index].get_textpage().get_text_range()) == ""        # blank, no folio
        assert not any(obj.type == pdfium_c.FPDF_PAGEOBJ_PATH for obj in doc[index].get_objects(max_depth=4))
