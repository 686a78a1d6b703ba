"""Pages drawn on new pages, the way pdfpages and print-shop tools do it: each source
page becomes a Form XObject (its content stream and resources, clipped by /BBox),
and a new page shows it with `q 1 0 0 1 x y cm /Pn Do Q`.

Nothing is parsed or rewritten: the source page's content bytes go into the form
as they are, so placing a page costs a copy, its fonts and images are shared by
every page that shows them, and names in its resources cannot clash with another
page's. Used by every edition; pypdf's own merge would parse each content stream.
"""
from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)

from .artwork import Artwork


@dataclass(frozen=True, slots=True)
class Placed:
    form: IndirectObject
    x: float
    y: float


class Placer:
    """Makes the pages of one writer from forms of source pages (each form made once)."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self._forms: dict[tuple[int, tuple[float, ...]], IndirectObject] = {}

    def form(self, page: PageObject, clip: tuple[float, float, float, float]) -> IndirectObject:
        key = (id(page), tuple(round(v, 3) for v in clip))
        if key not in self._forms:
            contents = page.get_contents()
            form = DecodedStreamObject()
            form.set_data(contents.get_data() if contents is not None else b"")
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            form[NameObject("/BBox")] = RectangleObject(clip)
            for key_name in ("/Resources", "/Group"):
                if key_name in page:
                    form[NameObject(key_name)] = page.raw_get(key_name)
            self._forms[key] = self.writer._add_object(form.flate_encode().clone(self.writer))
        return self._forms[key]

    def art(self, art: Artwork, size: tuple[float, float], at: tuple[float, float],
            margin: float = 0.0) -> list[Placed]:
        """`art` (trim `size`) with its trim's lower-left corner at `at`, shown up to `margin` beyond the
        trim, or up to its own bleed if that is less; its overlay (the cover title) on top."""
        if art.page is None:
            return []
        (x, y), spare = art.trim, min(margin, art.bleed)
        clip = (x - spare, y - spare, x + size[0] + spare, y + size[1] + spare)
        placed = [Placed(self.form(art.page, clip), at[0] - x, at[1] - y)]
        if art.overlay is not None:
            placed.append(Placed(self.form(art.overlay, (0.0, 0.0) + size), at[0], at[1]))
        return placed

    def page(self, size: tuple[float, float], placed: list[Placed], *, index: int | None = None,
             boxes: dict[str, tuple[float, float, float, float]] | None = None) -> PageObject:
        """A new page of `size` showing `placed` in order (appended, or inserted at `index`)."""
        if index is None:
            index = len(self.writer.pages)
            self.writer.add_blank_page(width=size[0], height=size[1])
        else:
            self.writer.insert_blank_page(width=size[0], height=size[1], index=index)
        page = self.writer.pages[index]          # the writer's own object, not the blank it copied
        xobjects = DictionaryObject()
        ops = []
        for number, item in enumerate(placed):
            name = f"/P{number}"
            xobjects[NameObject(name)] = item.form
            ops.append(f"q 1 0 0 1 {item.x:.4f} {item.y:.4f} cm {name} Do Q")
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
        stream = DecodedStreamObject()
        stream.set_data(("\n".join(ops) + "\n").encode("ascii"))
        page[NameObject("/Contents")] = self.writer._add_object(stream.flate_encode())
        for name, box in (boxes or {}).items():
            page[NameObject(name)] = RectangleObject(box)
        return page

    def web_links(self, target: PageObject, art: Artwork, size: tuple[float, float],
                  at: tuple[float, float]) -> None:
        """Copy the web links of `art` (only http, https and mailto: see artwork.safe_links) onto
        `target`, moved with it. Each link is a new annotation with a new URI action holding the
        address alone; links in the bleed only are left out."""
        if art.page is None or not art.links:
            return
        (x, y), dx, dy = art.trim, at[0] - art.trim[0], at[1] - art.trim[1]
        links = ArrayObject()
        for link in art.links:
            x0, y0, x1, y1 = link.rect
            if x1 < x or y1 < y or x0 > x + size[0] or y0 > y + size[1]:
                continue                    # in the bleed only
            action = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                       NameObject("/URI"): TextStringObject(link.uri)})
            link = DictionaryObject({
                NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (x0 + dx, y0 + dy, x1 + dx, y1 + dy)),
                NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(0)]),
                NameObject("/A"): action,
            })
            links.append(self.writer._add_object(link))
        if links:
            target[NameObject("/Annots")] = links


def jumps(pages: list, kids: list[IndirectObject], add) -> dict[int, list[IndirectObject]]:
    """Links between pages of one inserted or cover file, pointed at the pages that show them:
    index in `pages` → new link annotations (made with `add`, e.g. Update.add). `kids[i]` is the
    page object showing `pages[i]` (placed at the origin, trim size); a link to a page of the file
    that is not in the booklet is left out."""
    shown_at = {}
    for index, page in enumerate(pages):
        if page.art.origin is not None:
            shown_at.setdefault(page.art.origin, index)
    out: dict[int, list[IndirectObject]] = {}
    for index, page in enumerate(pages):
        art = page.art
        for jump in art.jumps:
            target = shown_at.get((art.origin[0], jump.target)) if art.origin else None
            if target is None:
                continue
            (x, y) = art.trim
            x0, y0, x1, y1 = jump.rect
            out.setdefault(index, []).append(add(DictionaryObject({
                NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (x0 - x, y0 - y, x1 - x, y1 - y)),
                NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(0)]),
                NameObject("/Dest"): ArrayObject([kids[target], NameObject("/Fit")]),
            })))
    return out
