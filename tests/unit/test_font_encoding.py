"""TranslatingTTFont encodes text for the PDF exactly as ReportLab's TTFont does, only sooner."""
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from booklet.layout.fonts import TranslatingTTFont
from booklet.layout.resources import builtin_dir

FONT = builtin_dir("fonts") / "NotoSerif-Regular.ttf"

# Repeated lines (the shortcut), a no-break space, an empty string, a character the font lacks,
# and more than 256 distinct characters, so that later ones are coded in a second subset.
TEXTS = ["Ada Lovelace", "", "Ada Lovelace", "Ada\u00a0Lovelace", "R&D (x) \\ y", "日本", "Ada Lovelace"]
TEXTS += ["".join(chr(c) for c in range(start, start + 40)) for start in range(0x20, 0x250, 40)]
TEXTS += ["Ada Lovelace", "Łukasiewicz ŽŸ", "Ada Lovelace ǅ"]


def test_encoding_matches_reportlab_line_by_line():
    ours, theirs = TranslatingTTFont("Measured", str(FONT)), TTFont("Plain", str(FONT))
    our_doc, their_doc = PDFDocument(), PDFDocument()
    for text in TEXTS:
        assert ours.splitString(text, our_doc) == theirs.splitString(text, their_doc), text


def test_each_document_has_its_own_codes():
    font = TranslatingTTFont("Measured", str(FONT))
    first, second = PDFDocument(), PDFDocument()
    font.splitString("zyx", first)
    assert font.splitString("xyz", second) == TTFont("Plain", str(FONT)).splitString("xyz", PDFDocument())


def test_a_line_of_known_characters_skips_reportlab_s_loop(monkeypatch):
    font, doc = TranslatingTTFont("Measured", str(FONT)), PDFDocument()
    font.splitString("Ada Lovelace", doc)
    expected = TTFont.splitString(font, "Love Ada", doc)
    calls = []
    monkeypatch.setattr(TTFont, "splitString", lambda *args: calls.append(args))
    assert font.splitString("Love Ada", doc) == expected and calls == []


def test_widths_are_measured_by_reportlabs_accelerator():
    """Our font adds only faster encoding; widths are the C accelerator's, which summed in
    another order than the stand-in we had (57.204 against 57.20400000000001 for 'Ada Lovelace')."""
    assert "stringWidth" not in vars(TranslatingTTFont)
    assert TTFont.stringWidth.__code__.co_names == ("instanceStringWidthTTF",)
