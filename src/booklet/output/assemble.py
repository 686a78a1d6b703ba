"""Assemble stage: covers + inserts + body → the booklet's pages in reading order.

Cover and insert files are checked before use: an unreadable file or a page of
the wrong size is an error naming the file. A page may be exactly the trim size,
or the trim size plus the layout's bleed on every side (its artwork then runs
off the trimmed edge), or carry a TrimBox of the trim size.

Page labels (what a PDF viewer shows as the page "number"):
- covers are labelled as a print shop counts them: C1 outside front, C2 inside
  front, C3 inside back, C4 outside back;
- body pages keep their printed numbers, so a viewer's "7" is the page with 7
  printed on it; padding pages at the end of the body continue that numbering;
- inserts take no printed number: their pages are labelled with the insert's
  label and a count ("Map 1", "Map 2"), so the body's numbers stay right.

Inserts sit between leaves, never between the two sides of one: an insert has an
even number of pages (a one-page map gets a blank back) and starts on a
right-hand page, so every body page keeps its side and its mirrored margins.
Reading a cover or insert PDF safely is artwork.py's; the editions (editions.py, impose.py)
turn this page sequence into PDF files.
"""
from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from ..content.inserts import SECTION_NAMES as _ALL_SECTIONS
from ..content.inserts import InsertSpec
from ..errors import AssemblyError, Diagnostics, Loc, display_path
from ..typeset.crossref import section_anchor
from .artwork import BLANK, SIZE_TOLERANCE, Artwork, in_mm, read_artwork

COVER, BODY, INSERT, PADDING = "cover", "body", "insert", "padding"


@dataclass(frozen=True, slots=True)
class Covers:
    """Outside and inside cover pages, each list possibly empty."""

    front: tuple[Artwork, ...]
    back: tuple[Artwork, ...]


@dataclass(frozen=True, slots=True)
class Label:
    """A page label: a prefix, and a decimal number when the page is counted."""

    prefix: str = ""
    number: int | None = None

    def __str__(self) -> str:
        return self.prefix + ("" if self.number is None else str(self.number))

    def follows(self, other: "Label") -> bool:
        return (self.number is not None and other.number is not None and self.prefix == other.prefix
                and self.number == other.number + 1)


@dataclass(frozen=True, slots=True)
class BookPage:
    """One page of the booklet as a reader turns them."""

    kind: str                  # cover, body, insert or padding
    label: Label
    art: Artwork               # what is printed on it (body pages: trim = media box, no bleed, after with_body)
    source: int | None = None  # body pages: index in the body PDF


@dataclass(frozen=True, slots=True)
class PlacedInsert:
    spec: InsertSpec
    after_body_page: int       # how many body pages come before it
    pages: tuple[Artwork, ...]


# -- reading covers and inserts ---------------------------------------------------

def read_covers(files: dict[str, Path], trim: tuple[float, float], bleed: float, project: Path,
                diag: Diagnostics) -> Covers:
    """Front: [outside, inside]; back: [inside, outside]. A one-page file gets a blank inside page."""
    sides = {}
    for side in ("front", "back"):
        path = files.get(side)
        pages = []
        if path:
            pages = read_artwork(path, trim, bleed, display_path(path, project), diag, what="cover", max_pages=2)
            if pages and all(a.bleed < bleed - SIZE_TOLERANCE for a in pages if a.page is not None) and bleed > 0:
                diag.warn(Loc(display_path(path, project)),
                          "the cover has no bleed; the print edition's covers end exactly at the trim",
                          f"export it at {in_mm((trim[0] + 2 * bleed, trim[1] + 2 * bleed))} "
                          f"({bleed * 25.4 / 72:.0f} mm beyond the trim on every side)")
        if len(pages) == 1:
            pages = [pages[0], BLANK] if side == "front" else [BLANK, pages[0]]
        sides[side] = tuple(pages)
    diag.raise_if_errors(AssemblyError)
    return Covers(sides["front"], sides["back"])


def add_cover_text(covers: Covers, overlay: bytes | None) -> Covers:
    """Lay the conference's title (a transparent trim-size page) over the outside front cover."""
    if not overlay or not covers.front or covers.front[0].page is None:
        return covers
    outside = covers.front[0]
    text = PdfReader(io.BytesIO(overlay)).pages[0]
    return Covers((Artwork(outside.page, outside.trim, outside.bleed, text),) + covers.front[1:], covers.back)


def add_back_cover_logos(covers: Covers, overlay: bytes | None) -> Covers:
    """Lay the sponsors' logos (a transparent trim-size page) over the outside back cover."""
    if not overlay or not covers.back or covers.back[-1].page is None:
        return covers
    outside = covers.back[-1]
    logos = PdfReader(io.BytesIO(overlay)).pages[0]
    return Covers(covers.front, covers.back[:-1] + (Artwork(outside.page, outside.trim, outside.bleed, logos),))


# -- inserts between the body's leaves ---------------------------------------------

def place_inserts(specs, sections: tuple[str, ...], anchors: dict[str, int], body_pages: int,
                  trim: tuple[float, float], bleed: float, project: Path, diag: Diagnostics) -> list[PlacedInsert]:
    """Where each insert goes, in body pages before it, from where the sections landed.

    `anchors` are the render stage's anchor → printed page; a section starts at
    its anchor's page. Title and colophon carry no anchor: a section without
    one is taken to end where the next anchored section starts. A position that
    falls between the two sides of a leaf moves to the nearest leaf boundary
    ("after" later, "before" earlier), with a warning.
    """
    placed = []
    for spec in specs:
        shown = display_path(spec.file, project)
        pages = read_artwork(spec.file, trim, bleed, shown, diag, what="insert")
        boundary = _boundary(spec, sections, anchors, body_pages)
        if boundary % 2 and boundary < body_pages:
            moved = boundary + 1 if spec.where == "after" else boundary - 1
            diag.warn(spec.loc, f"{spec.where} '{spec.section}' falls between the two sides of a leaf (after "
                                f"page {boundary}); the insert goes after page {moved} instead",
                      "inserts are loose sheets: they sit between leaves")
            boundary = moved
        placed.append(PlacedInsert(spec, boundary, tuple(pages)))
    diag.raise_if_errors(AssemblyError)
    return placed


def _boundary(spec: InsertSpec, sections: tuple[str, ...], anchors: dict[str, int], body_pages: int) -> int:
    def start(name: str) -> int | None:
        if sections and name == sections[0]:
            return 1
        return anchors.get(section_anchor(name))

    def next_start(after: str) -> int:
        later = sections[sections.index(after) + 1:] if after in sections else []
        return next((s - 1 for s in map(start, later) if s is not None), body_pages)

    if spec.section in sections:
        if spec.where == "before" and start(spec.section) is not None:
            return start(spec.section) - 1
        return next_start(spec.section)
    # a section the layout does not print: where it would be, before the next one it does
    canonical = [s for s in _ALL_SECTIONS if s in sections or s == spec.section]
    later = canonical[canonical.index(spec.section) + 1:]
    return next((s - 1 for s in map(start, later) if s is not None), body_pages)


# -- the page sequence ------------------------------------------------------------------

def sequence(body_pages: int, covers: Covers, inserts: list[PlacedInsert], insert_word: str) -> list[BookPage]:
    """Covers, body and inserts in reading order, labelled; no padding yet (see pad_to_four).
    Body pages are known by their index (`source`) until an edition draws them (`with_body`)."""
    out = [BookPage(COVER, Label(f"C{i + 1}"), art) for i, art in enumerate(covers.front)]
    at: dict[int, list[PlacedInsert]] = defaultdict(list)
    for ins in inserts:
        at[ins.after_body_page].append(ins)
    counts: dict[str, int] = defaultdict(int)
    for boundary in range(body_pages + 1):
        if at[boundary] and boundary == body_pages and body_pages % 2:
            out.append(_padding(body_pages + 1))      # the last body page's back, before a loose sheet
        for ins in at[boundary]:
            prefix = f"{ins.spec.label or insert_word} "
            pages = list(ins.pages) + ([BLANK] if len(ins.pages) % 2 else [])
            for art in pages:
                counts[prefix] += 1
                out.append(BookPage(INSERT, Label(prefix, counts[prefix]), art))
        if boundary < body_pages:
            out.append(BookPage(BODY, Label("", boundary + 1), BLANK, source=boundary))
    first_back = 4 - len(covers.back)
    out += [BookPage(COVER, Label(f"C{first_back + i + 1}"), art) for i, art in enumerate(covers.back)]
    return out


def pad_to_four(pages: list[BookPage], back_covers: int) -> list[BookPage]:
    """Add padding pages at the end of the body, before the back cover, for a multiple of 4 pages."""
    missing = -len(pages) % 4
    if not missing:
        return list(pages)
    cut = len(pages) - back_covers
    last = max((p.label.number for p in pages[:cut] if p.kind in (BODY, PADDING)), default=0)
    return pages[:cut] + [_padding(last + i + 1) for i in range(missing)] + pages[cut:]


def with_body(pages: list[BookPage], body: PdfReader) -> list[BookPage]:
    """`pages` with the body's own pages as their artwork, for the editions that place them as forms."""
    return [BookPage(p.kind, p.label, Artwork(body.pages[p.source], (0.0, 0.0), 0.0), p.source)
            if p.kind == BODY else p for p in pages]


def _padding(number: int) -> BookPage:
    return BookPage(PADDING, Label("", number), BLANK)


# -- helpers the editions share ----------------------------------------------------------

def label_tree(labels: list[Label]) -> DictionaryObject:
    """The catalog's /PageLabels: one range per run of labels that count on from each other."""
    nums = ArrayObject()
    for start, label in enumerate(labels):
        if start and label.follows(labels[start - 1]):
            continue
        entry = DictionaryObject()
        if label.number is not None:
            entry[NameObject("/S")] = NameObject("/D")
            if label.number != 1:
                entry[NameObject("/St")] = NumberObject(label.number)
        if label.prefix:
            entry[NameObject("/P")] = TextStringObject(label.prefix)
        nums += [NumberObject(start), entry]
    return DictionaryObject({NameObject("/Nums"): nums})

