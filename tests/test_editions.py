"""The three editions of the default booklet, read back from the files: email, print, imposed.

The default booklet (tests/conftest.py) is built once with every edition; these
tests look at the files the way a print shop's preflight and a reader would:
boxes, marks, page order on the sheets, labels, fonts, structure.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from booklet import build
from booklet.cli import main
from booklet.output.impose import saddle_order

from .conftest import REPO
from .pdfread import squash

BLEED = 3 * mm


@pytest.fixture(scope="module")
def files(default_booklet) -> dict[str, Path]:
    return default_booklet[0].files


@pytest.fixture(scope="module")
def readers(files) -> dict[str, PdfReader]:
    return {name: PdfReader(path) for name, path in files.items() if path.suffix == ".pdf"}


def _box(box) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in box)


def _size(box) -> tuple[float, float]:
    return float(box.width), float(box.height)


def test_a_default_build_writes_all_three_editions(files):
    assert {name: path.name for name, path in files.items()} == {
        "email": "hi-2021.pdf", "print": "hi-2021-print.pdf", "imposed": "hi-2021-imposed.pdf",
        "html": "hi-2021.html"}


# -- email -------------------------------------------------------------------------------

def test_email_edition_is_compact_and_opens_with_bookmarks(files, readers):
    assert files["email"].stat().st_size < 1_000_000
    reader = readers["email"]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title == "Helmholtz Imaging Virtual Conference 2021"
    assert len(reader.outline) > 3


def test_email_edition_shows_the_covers_cropped_at_the_trim(readers):
    for page in readers["email"].pages:
        assert _size(page.mediabox) == pytest.approx(A5, abs=0.01)
        assert _box(page.mediabox)[:2] == (0, 0)


# -- print -------------------------------------------------------------------------------

def test_print_edition_has_a_multiple_of_4_pages(readers):
    assert len(readers["print"].pages) % 4 == 0


def test_print_edition_pads_the_end_of_the_body_with_numbered_notes_pages(default_booklet, readers, files):
    result = default_booklet[0]
    body = result.body_pages
    labels = readers["print"].page_labels
    padding = len(labels) - 4 - body
    assert 0 <= padding < 4
    assert labels == ["C1", "C2"] + [str(n) for n in range(1, body + padding + 1)] + ["C3", "C4"]
    doc = pdfium.PdfDocument(str(files["print"]))
    for index in range(2 + body, 2 + body + padding):
        text = squash(doc[index].get_textpage().get_text_range())
        assert text.startswith("Notes"), text
        assert labels[index] in text.split()          # the folio continues the numbering


def test_print_edition_keeps_the_body_in_order(default_booklet, files):
    """Every body page of the print edition shows what the email edition shows on the same label."""
    email, printed = (pdfium.PdfDocument(str(files[n])) for n in ("email", "print"))
    email_labels, print_labels = (PdfReader(files[n]).page_labels for n in ("email", "print"))
    for index, label in enumerate(email_labels):
        other = print_labels.index(label)
        page = PdfReader(files["print"]).pages[other]
        inside = printed[other].get_textpage().get_text_bounded(*_box(page.trimbox))
        assert _key(inside) == _key(email[index].get_textpage().get_text_range()), label


def test_print_pages_have_trim_and_bleed_boxes(readers):
    for page in readers["print"].pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert _size(trim) == pytest.approx(A5, abs=0.01)
        assert _size(bleed) == pytest.approx((A5[0] + 2 * BLEED, A5[1] + 2 * BLEED), abs=0.01)
        assert float(bleed.left) == pytest.approx(float(trim.left) - BLEED)
        assert float(bleed.bottom) == pytest.approx(float(trim.bottom) - BLEED)
        assert float(media.width) > float(bleed.width) and float(media.height) > float(bleed.height)
        assert float(trim.left) == pytest.approx(float(media.right) - float(trim.right))   # centred


def _marks_outside_trim(path: Path, index: int) -> int:
    """Stroked paths lying wholly outside the page's trim box: crop marks."""
    page = PdfReader(path).pages[index]
    left, bottom, right, top = (float(v) for v in page.trimbox)
    doc = pdfium.PdfDocument(str(path))
    count = 0
    for obj in doc[index].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        l, b, r, t = obj.get_bounds()
        if r <= left + 0.01 or l >= right - 0.01 or t <= bottom + 0.01 or b >= top - 0.01:
            count += 1
    return count


def test_crop_marks_are_in_the_print_edition_only(files, readers):
    for index in range(len(readers["print"].pages)):
        assert _marks_outside_trim(files["print"], index) == 8, index     # two at each corner
    for name in ("email", "imposed"):
        for index in range(len(readers[name].pages)):
            assert _marks_outside_trim(files[name], index) == 0, (name, index)


def test_cover_artwork_runs_into_the_bleed_in_print_only(files, readers):
    """The outside front cover is dark to the bleed edge; just outside the bleed it is white."""
    page = readers["print"].pages[0]
    doc = pdfium.PdfDocument(str(files["print"]))
    scale = 2
    image = doc[0].render(scale=scale).to_pil().convert("L")
    height = float(page.mediabox.height)

    def grey(x: float, y: float) -> int:
        return image.getpixel((int(x * scale), int((height - y) * scale)))

    trim_left, trim_bottom = float(page.trimbox.left), float(page.trimbox.bottom)
    y = trim_bottom + 100 * mm
    assert grey(trim_left + 5 * mm, y) < 120              # inside the trim: artwork
    assert grey(trim_left - BLEED / 2, y) < 120           # in the bleed: artwork still
    assert grey(trim_left - BLEED - 1.5 * mm, y) > 240    # beyond the bleed: paper
    email = pdfium.PdfDocument(str(files["email"]))[0].render(scale=1).to_pil().convert("L")
    assert email.getpixel((1, 300)) < 120                 # email: the artwork reaches the edge, cropped at the trim


# -- imposed -----------------------------------------------------------------------------

def test_saddle_order_nests_the_sheets():
    assert saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    for n in (4, 8, 24, 100):
        order = saddle_order(n)
        assert sorted(i for pair in order for i in pair) == list(range(n))
        assert all(left + right == n - 1 for left, right in order)   # facing halves of one sheet side
    with pytest.raises(ValueError):
        saddle_order(6)


def test_imposed_sheets_are_a4_landscape_with_two_pages_each(readers):
    imposed, printed = readers["imposed"], readers["print"]
    assert len(imposed.pages) == len(printed.pages) // 2
    for page in imposed.pages:
        assert _size(page.mediabox) == pytest.approx((A4[1], A4[0]), abs=0.01)
        assert "/Annots" not in page
        assert page["/Contents"].get_object().get("/Filter") == "/FlateDecode"
    assert imposed.page_labels[:3] == ["Sheet 1 front", "Sheet 1 back", "Sheet 2 front"]


def _key(text: str) -> str:
    """Text for comparing pages: pdfium's spacing and hyphen marks differ between whole-page and
    bounded extraction, the characters do not."""
    return re.sub(r"[\s\ufffe\u00ad\x02]+", "", text)


def _halves(path: Path) -> list[tuple[str, str]]:
    """(left text, right text) of every imposed sheet side."""
    doc = pdfium.PdfDocument(str(path))
    out = []
    for index in range(len(doc)):
        width, height = doc[index].get_size()
        text = doc[index].get_textpage()
        out.append((_key(text.get_text_bounded(0, 0, width / 2, height)),
                    _key(text.get_text_bounded(width / 2, 0, width, height))))
    return out


def _page_texts(path: Path) -> list[str]:
    """Text inside the trim box of every print-edition page."""
    doc, reader = pdfium.PdfDocument(str(path)), PdfReader(path)
    return [_key(doc[i].get_textpage().get_text_bounded(*(float(v) for v in reader.pages[i].trimbox)))
            for i in range(len(doc))]


def test_imposed_sheets_are_in_saddle_stitch_order(files, readers):
    halves, pages = _halves(files["imposed"]), _page_texts(files["print"])
    labels = readers["print"].page_labels
    n = len(pages)
    # The outermost sheet: front = [last page | page 1], back = [page 2 | second-to-last].
    assert labels[n - 1] == "C4" and labels[0] == "C1"
    assert _key("Helmholtz Imaging Virtual Conference 2021") in halves[0][1]    # the outside front cover, right
    assert halves[0][0] == pages[n - 1] and halves[0][1] == pages[0]
    assert halves[1][0] == pages[1] and halves[1][1] == pages[n - 2]
    # Every sheet side, by the text on each half: the page a print shop's saddle-stitch imposition puts there.
    for side, (left, right) in enumerate(halves):
        sheet, back = divmod(side, 2)
        expected = (2 * sheet + 1, n - 2 - 2 * sheet) if back else (n - 1 - 2 * sheet, 2 * sheet)
        assert (left, right) == (pages[expected[0]], pages[expected[1]]), (side, labels[expected[0]],
                                                                           labels[expected[1]])
    # The second sheet's front: the title page (body page 1) right, the last body or notes page left.
    assert _key("Programme and abstracts").upper() in halves[2][1].upper()
    assert labels[n - 3] == str(n - 4) and halves[2][0].endswith(labels[n - 3])


# -- every edition -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["email", "print", "imposed"])
def test_every_edition_passes_qpdfs_check_and_renders(files, name):
    with pikepdf.open(files[name]) as pdf:
        assert pdf.check_pdf_syntax() == []
        for page in pdf.pages:          # every page's content stream parses
            assert pikepdf.parse_content_stream(page)
    doc = pdfium.PdfDocument(str(files[name]))
    for index in range(len(doc)):
        image = doc[index].render(scale=0.25).to_pil()
        assert image.width > 10 and image.height > 10


@pytest.mark.parametrize("name", ["email", "print", "imposed"])
def test_every_font_is_embedded_and_none_is_helvetica(readers, name):
    for index, page in enumerate(readers[name].pages):
        for font in _fonts(page["/Resources"]):
            assert "Helvetica" not in font["/BaseFont"], (name, index)
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), (name, index, font["/BaseFont"])


@pytest.mark.parametrize("name", ["email", "print", "imposed"])
def test_no_two_font_subsets_share_a_name(files, name):
    """Body, cover text, crop marks and notes pages come from separate ReportLab documents, each
    naming its first subset AAAAAA+…; a viewer or RIP may take two subsets of one name for one."""
    subsets: dict[str, set] = {}
    with pikepdf.open(files[name]) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj:
                subsets.setdefault(str(obj.BaseFont), set()).add(obj.objgen)
    assert len(subsets) > 4
    assert {font: len(objs) for font, objs in subsets.items() if len(objs) > 1} == {}


def _fonts(resources):
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            yield from _fonts(xobject["/Resources"])


def test_every_edition_is_byte_identical_when_built_again(files, tmp_path):
    again = build(REPO, out_dir=tmp_path)
    for name, path in files.items():
        assert again.files[name].read_bytes() == path.read_bytes(), name


def test_source_date_epoch_dates_the_files(default_project_copy, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1632355200")    # 2021-09-23 00:00 UTC
    result = build(default_project_copy, edition="email")
    info = PdfReader(result.pdf).trailer["/Info"]
    assert info["/CreationDate"] == info["/ModDate"] == "D:20210923000000Z"


def test_without_source_date_epoch_no_date_is_written(files, readers):
    assert "SOURCE_DATE_EPOCH" not in os.environ or pytest.skip("set in this environment")
    for reader in readers.values():
        assert "/CreationDate" not in reader.trailer["/Info"]


# -- the command line ----------------------------------------------------------------------

@pytest.mark.parametrize("edition, written", [
    ("email", ["hi-2021.pdf", "versions"]),    # versions/: the programme's snapshot, whatever the edition
    ("print", ["hi-2021-imposed.pdf", "hi-2021-print.pdf", "versions"]),
])
def test_edition_option_writes_only_those_files(default_project_copy, edition, written, capsys):
    assert main(["build", str(default_project_copy), "--edition", edition]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert sorted(p.name for p in (default_project_copy / "out").iterdir()) == written
    for name in written[:-1]:
        assert re.search(rf"^wrote \S*{re.escape(name)} \(\d+ (pages|sheet sides), \d+ KB\)$", out, re.M)


def test_an_unknown_edition_is_refused_by_the_command_line(default_project_copy, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", str(default_project_copy), "--edition", "web"])
    assert caught.value.code == 2
    assert "invalid choice: 'web'" in capsys.readouterr().err
