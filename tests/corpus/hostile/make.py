"""Crafted hostile PDFs for inserts and covers (issue 19, items 8 and 9), written with pikepdf.

Run `python tests/corpus/hostile/make.py FOLDER` to write them all into FOLDER; the tests call
`make(folder)` into a temporary folder, so the files are never stale. Every page is A5 (the
default layout's trim size) and shows the words "HOSTILE n" in a standard font (a warning about
fonts that are not embedded is expected and not the point).
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

A5 = (419.528, 595.276)


def _pdf(pages: int = 1, size=A5) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for number in range(1, pages + 1):
        page = pdf.add_blank_page(page_size=size)
        page.Resources = Dictionary(Font=Dictionary(F1=font))
        page.Contents = pdf.make_stream(f"BT /F1 24 Tf 100 300 Td (HOSTILE {number}) Tj ET".encode())
    return pdf


def _link(pdf: pikepdf.Pdf, y: float, action: Dictionary) -> pikepdf.Object:
    return pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([50, y, 350, y + 20]),
                                        Border=Array([0, 0, 0]), A=action))


def _uri(uri: str, **more) -> Dictionary:
    return Dictionary(S=Name.URI, URI=String(uri), **more)


# What each link of links.pdf leads to, and whether it may reach the e-mail edition.
LINKS: list[tuple[str, bool]] = [
    ("http://example.org/kept", True),
    ("https://example.org/kept", True),
    ("mailto:someone@example.org", True),
    ("HTTPS://EXAMPLE.ORG/UPPER", True),
    ("javascript:app.alert(1)", False),
    ("JavaScript:app.alert(2)", False),
    (" javascript:app.alert(3)", False),
    ("file:///etc/passwd", False),
    ("ftp://example.org/", False),
    ("data:text/html,<script>alert(4)</script>", False),
    ("\\\\server\\share\\evil.exe", False),
]


def links(path: Path) -> None:
    """Page 1: one URI link per LINKS entry, then actions that carry a harmless /URI key but do
    something else (/Launch, /JavaScript, a /Next chain), a GoTo to page 2, a /GoToR, a link with
    additional actions (/AA), and a widget with a JavaScript action."""
    pdf = _pdf(pages=2)
    annots = [_link(pdf, 560 - 22 * i, _uri(uri)) for i, (uri, _) in enumerate(LINKS)]
    y = 560 - 22 * len(LINKS)
    sneaky = [
        Dictionary(S=Name.Launch, URI=String("http://example.org/launch"), F=String("calc.exe")),
        Dictionary(S=Name.JavaScript, URI=String("http://example.org/js"), JS=String("app.alert(5)")),
        _uri("http://example.org/next", Next=Dictionary(S=Name.JavaScript, JS=String("app.alert(6)"))),
        _uri("http://example.org/next-launch", Next=Array([Dictionary(S=Name.Launch, F=String("calc.exe"))])),
        Dictionary(S=Name.GoToR, URI=String("http://example.org/gotor"), F=String("other.pdf"), D=Array([0, Name.Fit])),
        Dictionary(S=Name.SubmitForm, URI=String("http://example.org/submit"), F=String("http://evil.example/")),
        Dictionary(URI=String("http://example.org/no-s")),       # no /S: not a URI action
    ]
    for action in sneaky:
        y -= 22
        annots.append(_link(pdf, y, action))
    y -= 22      # links to pages of this file: kept, pointed at where those pages are in the booklet
    annots.append(_link(pdf, y, Dictionary(S=Name.GoTo, D=Array([pdf.pages[1].obj, Name.Fit]))))
    y -= 22
    annots.append(_link(pdf, y, Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.XYZ, 0, 500, 0]),
                                           Next=Dictionary(S=Name.JavaScript, JS=String("app.alert(9)")))))
    y -= 22
    named = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([50, y, 350, y + 20]),
                                         Dest=Name.second))
    annots.append(named)
    pdf.Root.Dests = Dictionary(second=Array([pdf.pages[1].obj, Name.Fit]))
    y -= 22
    aa = _link(pdf, y, _uri("http://example.org/with-aa"))
    aa.AA = Dictionary(E=Dictionary(S=Name.JavaScript, JS=String("app.alert(7)")))
    annots.append(aa)
    y -= 22
    annots.append(pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, Rect=Array([50, y, 350, y + 20]),
        A=Dictionary(S=Name.JavaScript, URI=String("http://example.org/widget"), JS=String("app.alert(8)")))))
    pdf.pages[0].Annots = Array(annots)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # pikepdf: the widget is on no /AcroForm (on purpose)
        pdf.save(path)


# URIs on links.pdf that may reach the e-mail edition (the /Next link keeps its URI, without the chain).
# Links on links.pdf to its own pages: (page index they are on, page index they lead to).
JUMPS = [(0, 1), (0, 0), (0, 1)]
KEPT = [uri for uri, kept in LINKS if kept] + ["http://example.org/next", "http://example.org/next-launch",
                                                "http://example.org/with-aa"]


def malformed_annots(path: Path) -> None:
    """Page 1: a link without /Rect, a null entry, a link with a /Rect of three numbers, and one good
    link; page 2: /Annots is a dictionary, not an array."""
    pdf = _pdf(pages=2)
    no_rect = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, A=_uri("http://example.org/no-rect")))
    short = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([1, 2, 3]),
                                         A=_uri("http://example.org/short")))
    pdf.pages[0].Annots = Array([no_rect, None, short, _link(pdf, 100, _uri("https://example.org/good"))])
    pdf.pages[1].Annots = Dictionary(Rect=Array([0, 0, 10, 10]))
    pdf.save(path)


A4 = (595.276, 841.89)


def cropped(path: Path) -> None:
    """An A4 page whose CropBox is A5: a viewer shows an A5 page."""
    pdf = _pdf(size=A4)
    pdf.pages[0].CropBox = Array([50, 100, 50 + A5[0], 100 + A5[1]])
    pdf.save(path)


def encrypted(path: Path, *, user: str = "", aes: bool = True, r: int = 6) -> None:
    """Encrypted with an owner password; a viewer opens it without one when `user` is empty."""
    _pdf().save(path, encryption=pikepdf.Encryption(owner="owner-secret", user=user, aes=aes, R=r,
                                                    metadata=r >= 4))


def broken_content(path: Path) -> None:
    """A page whose content stream claims /FlateDecode but holds bytes that are not."""
    pdf = _pdf()
    stream = pikepdf.Stream(pdf, b"this is not zlib data at all " * 4)
    stream.Filter = Name.FlateDecode
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def _text(words: str, y: float) -> bytes:
    return f"BT /F1 18 Tf 60 {y} Td ({words}) Tj ET".encode()


def layers(path: Path) -> None:
    """Optional content: a layer that is on ("SHOWN LAYER") and one that is off ("HIDDENLAYER"), as
    marked content, as a form XObject with /OC, inside a form that is shown ("FORM SHOWS") and as a note
    with /OC ("HIDDENNOTE"); "ALWAYS THERE" is outside both."""
    pdf = _pdf()
    page = pdf.pages[0]
    on = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Shown")))
    off = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Hidden")))
    form = pdf.make_stream(_text("HIDDENFORM", 200), Type=Name.XObject, Subtype=Name.Form,
                           BBox=Array([0, 0, A5[0], A5[1]]), OC=off,
                           Resources=Dictionary(Font=page.Resources.Font))
    nested = pdf.make_stream(b"\n".join([_text("FORM SHOWS", 150), b"/OC /oc2 BDC", _text("HIDDENINFORM", 120),
                                         b"EMC"]), Type=Name.XObject, Subtype=Name.Form,
                             BBox=Array([0, 0, A5[0], A5[1]]),
                             Resources=Dictionary(Font=page.Resources.Font, Properties=Dictionary(oc2=off)))
    page.Resources.Properties = Dictionary(oc1=on, oc2=off)
    page.Resources.XObject = Dictionary(Fm1=form, Fm2=nested)
    note = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([60, 60, 260, 80]), OC=off,
                                        AP=Dictionary(N=_appearance(pdf, "HIDDENNOTE", 200, 20, page.Resources.Font.F1))))
    page.Annots = Array([note])
    page.Contents = pdf.make_stream(b"\n".join([
        _text("ALWAYS THERE", 500),
        b"/OC /oc1 BDC", _text("SHOWN LAYER", 400), b"EMC",
        b"/OC /oc2 BDC", _text("HIDDENLAYER", 300), b"/Span <<>> BDC", _text("HIDDENNESTED", 280), b"EMC", b"EMC",
        b"/Fm1 Do", b"/Fm2 Do",
    ]))
    pdf.Root.OCProperties = Dictionary(OCGs=Array([on, off]), D=Dictionary(ON=Array([on]), OFF=Array([off]),
                                                                           Order=Array([on, off])))
    pdf.save(path)


def _appearance(pdf: pikepdf.Pdf, words: str, width: float, height: float, font) -> pikepdf.Object:
    return pdf.make_stream(f"BT /F1 10 Tf 2 4 Td ({words}) Tj ET".encode(), Type=Name.XObject,
                           Subtype=Name.Form, BBox=Array([0, 0, width, height]),
                           Resources=Dictionary(Font=Dictionary(F1=font)))


def annotated(path: Path) -> None:
    """A FreeText note and a filled text field with appearance streams ("NOTETEXT", "FIELDVALUE"),
    a hidden annotation ("HIDDENANNOT"), and a link (no appearance: not drawn)."""
    pdf = _pdf()
    font = pdf.pages[0].Resources.Font.F1
    note = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([60, 400, 260, 420]),
                                        Contents=String("NOTETEXT"), DA=String("/Helv 10 Tf 0 g"),
                                        AP=Dictionary(N=_appearance(pdf, "NOTETEXT", 200, 20, font))))
    field = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("name"),
                                         V=String("FIELDVALUE"), Rect=Array([60, 350, 260, 370]), F=4,
                                         AP=Dictionary(N=_appearance(pdf, "FIELDVALUE", 200, 20, font))))
    hidden = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([60, 300, 260, 320]),
                                          F=2, AP=Dictionary(N=_appearance(pdf, "HIDDENANNOT", 200, 20, font))))
    pdf.pages[0].Annots = Array([note, field, hidden, _link(pdf, 100, _uri("https://example.org/"))])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    pdf.save(path)


def bad_xref(path: Path) -> None:
    """A sound file whose startxref points to the wrong place: pypdf repairs it, and says so."""
    _pdf().save(path)
    data = path.read_bytes()
    head, _, tail = data.rpartition(b"startxref")
    offset = tail.split()[0]
    path.write_bytes(head + b"startxref" + tail.replace(offset, str(int(offset) + 7).encode(), 1))


ALL = {"bad-xref.pdf": bad_xref, "links.pdf": links, "malformed-annots.pdf": malformed_annots, "cropped.pdf": cropped,
       "encrypted-aes256.pdf": encrypted,
       "encrypted-aes128.pdf": lambda path: encrypted(path, r=4),
       "encrypted-rc4.pdf": lambda path: encrypted(path, aes=False, r=3),
       "password.pdf": lambda path: encrypted(path, user="open-sesame"),
       "broken-content.pdf": broken_content, "layers.pdf": layers, "annotated.pdf": annotated}


def make(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, write in ALL.items():
        write(folder / name)
        out[name] = folder / name
    return out


if __name__ == "__main__":
    for written in make(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).values():
        print(written)
