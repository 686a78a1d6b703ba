"""Assemble stage: covers + body → one PDF with page labels, outline and metadata.

The only module that uses pypdf. Cover files are checked before use: an
unreadable file or a page of the wrong size is an error naming the file.
Covers are labelled as a print shop counts them (C1 outside front, C2 inside
front, C3 inside back, C4 outside back); the body keeps its printed numbers, so
a viewer's "page 7" is the page with 7 printed on it.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject, TextStringObject

from .errors import AssemblyError, Diagnostics, Loc, display_path

SIZE_TOLERANCE = 1.0  # points: designers' exports round to 0.1 mm


@dataclass(frozen=True, slots=True)
class Covers:
    """Outside and inside cover pages, each list possibly empty."""

    front: tuple[PageObject, ...]
    back: tuple[PageObject, ...]


def read_covers(files: dict[str, Path], page_size: tuple[float, float], project: Path,
                diag: Diagnostics) -> Covers:
    """Front: [outside, inside]; back: [inside, outside]. A one-page file gets a blank inside page."""
    sides = {}
    for side in ("front", "back"):
        path = files.get(side)
        pages = _cover_pages(path, page_size, display_path(path, project), diag) if path else []
        if len(pages) == 1:
            blank = PageObject.create_blank_page(width=page_size[0], height=page_size[1])
            pages = [pages[0], blank] if side == "front" else [blank, pages[0]]
        sides[side] = tuple(pages)
    diag.raise_if_errors(AssemblyError)
    return Covers(sides["front"], sides["back"])


def _cover_pages(path: Path, page_size, shown: str, diag: Diagnostics) -> list[PageObject]:
    try:
        reader = PdfReader(path)
        pages = list(reader.pages)
    except (OSError, PdfReadError, ValueError) as exc:
        diag.error(Loc(shown), f"cannot read cover PDF: {exc}", "export the cover again as a PDF file")
        return []
    if not 1 <= len(pages) <= 2:
        diag.error(Loc(shown), f"a cover PDF has 1 page (outside) or 2 (outside and inside), this one has {len(pages)}")
        return []
    for number, page in enumerate(pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if any(abs(a - b) > SIZE_TOLERANCE for a, b in zip(size, page_size)):
            diag.error(Loc(shown), f"page {number} is {_mm(size)}, the booklet's pages are {_mm(page_size)}",
                       "export the cover at the layout's page size")
    return pages


def _mm(size) -> str:
    return " × ".join(f"{v / 72 * 25.4:.1f}" for v in size) + " mm"


def assemble(body: bytes, covers: Covers, *, cover_text: bytes | None, metadata: dict[str, str],
             language: str) -> bytes:
    writer = PdfWriter()
    front = list(covers.front)
    for number, page in enumerate(front):
        added = writer.add_page(page)
        if number == 0 and cover_text:
            added.merge_page(PdfReader(io.BytesIO(cover_text)).pages[0])
    body_reader = PdfReader(io.BytesIO(body))
    writer.append(body_reader, import_outline=True)
    for page in covers.back:
        writer.add_page(page)
    _label_pages(writer, len(front), len(body_reader.pages), len(covers.back))
    writer.add_metadata({f"/{k}": v for k, v in metadata.items()})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _label_pages(writer: PdfWriter, front: int, body: int, back: int) -> None:
    for i in range(front):
        writer.set_page_label(i, i, prefix=f"C{i + 1}")
    if body:
        writer.set_page_label(front, front + body - 1, style=PageLabelStyle.DECIMAL, start=1)
    for i in range(back):
        index = front + body + i
        writer.set_page_label(index, index, prefix=f"C{4 - back + i + 1}")

