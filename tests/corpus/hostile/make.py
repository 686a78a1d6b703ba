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
    y -= 22
    annots.append(_link(pdf, y, Dictionary(S=Name.GoTo, D=Array([pdf.pages[1].obj, Name.Fit]))))
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


ALL = {"links.pdf": links, "malformed-annots.pdf": malformed_annots}


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
