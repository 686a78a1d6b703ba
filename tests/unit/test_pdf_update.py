"""booklet.pdf.update: an incremental update keeps the original bytes and adds pages copied from elsewhere."""
from __future__ import annotations

import io

import pikepdf
import pypdfium2
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
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
