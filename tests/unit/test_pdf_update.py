"""booklet.pdf.update: an incremental update keeps the original bytes and adds pages copied from elsewhere."""
from __future__ import annotations

import io
import zlib

import pikepdf
import pypdfium2
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas

from booklet.pdf.update import Update


def _pdf(*texts: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 300), invariant=1)
    for text in texts:
        canvas.drawString(20, 150, text)
        canvas.bookmarkPage(text)
        canvas.addOutlineEntry(text, text, 0)
        canvas.linkAbsolute(text, texts[0], (20, 140, 120, 160))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _text(data: bytes) -> list[str]:
    doc = pypdfium2.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range().strip() for i in range(len(doc))]


def _insert_first(original: bytes, other: bytes) -> bytes:
    update = Update(original)
    catalog_ref = update.root
    catalog = DictionaryObject(update.get(catalog_ref))
    tree_ref = catalog.raw_get("/Pages")
    tree = DictionaryObject(update.get(tree_ref))
    page = PdfReader(io.BytesIO(other)).pages[0]
    copied = update.copy(DictionaryObject({k: v for k, v in page.items() if k not in ("/Parent", "/Annots")}))
    copied[NameObject("/Parent")] = tree_ref
    tree[NameObject("/Kids")] = ArrayObject([update.add(copied), *tree["/Kids"]])
    tree[NameObject("/Count")] = NumberObject(len(tree["/Kids"]))
    update.replace(tree_ref, tree)
    catalog[NameObject("/Lang")] = TextStringObject("de")
    update.replace(catalog_ref, catalog)
    return update.write(info=DictionaryObject({NameObject("/Title"): TextStringObject("Neu")}))


def test_update_adds_a_copied_page_and_keeps_the_original_bytes():
    original, cover = _pdf("Eins", "Zwei"), _pdf("Umschlag")
    updated = _insert_first(original, cover)

    assert updated.startswith(original)           # the original pages are not rewritten
    assert _text(updated) == ["Umschlag", "Eins", "Zwei"]
    reader = PdfReader(io.BytesIO(updated))
    assert reader.metadata.title == "Neu"
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.trailer["/Prev"] == int(original.rsplit(b"startxref", 1)[1].split()[0])
    with pikepdf.open(io.BytesIO(updated)) as pdf:
        assert pdf.check_pdf_syntax() == []               # qpdf finds the cross-reference sections sound
        # the original's outline and its links still lead to the original's first page
        first = pdf.pages[1].obj
        assert pdf.Root.Outlines.First.Dest[0].objgen == first.objgen
        assert pdf.pages[2].obj.Annots[0].Dest[0].objgen == first.objgen


def test_an_object_reached_twice_is_copied_once():
    update = Update(_pdf("Eins"))
    shared = PdfReader(io.BytesIO(_pdf("Schrift"))).pages[0].raw_get("/Contents")
    first = update.copy(ArrayObject([shared, shared]))
    assert first[0].idnum == first[1].idnum == update.size


def test_a_parsed_content_stream_is_copied_with_its_content():
    from pypdf.generic import ContentStream

    page = PdfReader(io.BytesIO(_pdf("Inhalt"))).pages[0]
    parsed = ContentStream(page.get_contents(), page.pdf)
    update = Update(_pdf("Eins"))
    copied = update.copy(parsed)
    assert copied.get_data() == parsed.get_data() and b"Tj" in copied.get_data()


def _with_images(count: int, size: tuple[int, int]) -> bytes:
    """`count` pages, each with an image of noise `size` pixels (Flate, hardly compressible)."""
    import random

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    rng = random.Random(7)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 300), invariant=1)
    for n in range(count):
        noise = Image.frombytes("RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3)))
        canvas.drawImage(ImageReader(noise), 20, 100, 160, 160 * size[1] / size[0])
        canvas.drawString(20, 50, f"Page {n + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _images(data: bytes) -> list:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [(o.objgen[0], int(o.Width), len(o.read_bytes())) for o in pdf.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]


def _assert_sound(data: bytes) -> None:
    """qpdf reads the file through its tables, with nothing to repair, and finds no fault in it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.check_pdf_syntax() == [] and pdf.get_warnings() == []


def _replace_images(original: bytes, leave_out: bool) -> bytes:
    update = Update(original)
    numbers = set()
    for number, _, _ in _images(original):
        ref = IndirectObject(number, 0, update.reader)
        image = update.get(ref)
        small = EncodedStreamObject()
        small._data = zlib.compress(b"\x80\x80\x80")
        small.update({k: v for k, v in image.items() if k not in ("/Length", "/Width", "/Height", "/Filter")})
        small[NameObject("/Filter")] = NameObject("/FlateDecode")
        small[NameObject("/Width")] = small[NameObject("/Height")] = NumberObject(1)
        update.replace(ref, small)
        numbers.add(number)
    if leave_out:
        assert update.leave_out(numbers)
    return update.write()


def test_leave_out_cuts_the_replaced_objects_bytes_and_moves_the_offsets():
    original = _with_images(3, (200, 200))          # 120 kB of pixels each
    assert len(original) > 360_000
    kept, cut = _replace_images(original, False), _replace_images(original, True)
    assert len(kept) > len(original) and len(cut) < 5_000
    for data in (kept, cut):
        assert [width for _, width, _ in _images(data)] == [1, 1, 1]
        assert _text(data) == ["Page 1", "Page 2", "Page 3"]
        assert len(PdfReader(io.BytesIO(data), strict=True).pages) == 3
        _assert_sound(data)


def test_leave_out_keeps_offsets_right_when_they_lose_a_digit():
    # 1.3 MB of images: the trailer's startxref is a 7-digit offset before, a 4-digit one after
    original = _with_images(1, (660, 660))
    assert len(original) > 1_000_000
    cut = _replace_images(original, True)
    assert len(cut) < 10_000 and _text(cut) == ["Page 1"]
    assert len(PdfReader(io.BytesIO(cut), strict=True).pages) == 1
    _assert_sound(cut)


def test_leave_out_refuses_what_is_not_a_stream_where_the_table_says():
    update = Update(_pdf("Eins"))
    assert update.leave_out({update.root_number}) is False     # the catalog: no stream
    assert update.write() == Update(_pdf("Eins")).write()
