"""The body PDF from the parts the render stage laid out: one page tree, the outline, and the
named destinations that links between the parts lead to.

A long booklet is laid out in two processes (parts.py), each writing a PDF of its own pages
with ReportLab. `join` makes them one file without rewriting the first part: an incremental
update (pdfupdate.Update) adds the second part's objects, renumbered, a page tree with every
page, and the outline. A booklet laid out in one part goes through the same step for its
outline, so both ways give the same outline.

The second part is read as bytes, not parsed into objects. ReportLab writes one classic
cross-reference table and streams with a direct /Length, so each object is a slice of the
file; renumbering rewrites the "N 0 R" references outside strings, comments and stream data.
Its subset fonts are renamed (ZAAAAA+ instead of AAAAAA+): two different subsets must not
share a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject, NumberObject,
                           PdfObject, TextStringObject)

from .pdfupdate import Update


@dataclass(frozen=True, slots=True)
class Place:
    """Where an anchor is: its page in the body (from 0) and the point a viewer scrolls to."""
    page: int
    left: float
    top: float


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    title: str
    level: int       # 0 for a section; deeper entries nest under the last shallower one
    anchor: str
    closed: bool


def join(first: bytes, second: bytes | None = None, *, gap: int = 0, outline: list[OutlineEntry] = (),
         places: dict[str, Place] | None = None, named: set[str] = frozenset(),
         page_size: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """`first`, then `gap` blank pages, then `second`'s pages, as one PDF; `outline` and the
    destinations in `named` (what links from one part to the other use) lead to `places`."""
    places = places or {}
    update = Update(first)
    catalog_ref = update.trailer.raw_get("/Root")
    catalog = DictionaryObject(update.get(catalog_ref))
    tree_ref = catalog.raw_get("/Pages")
    kids = [IndirectObject(n, 0, update.reader) for n in _kids(RawPDF(first), tree_ref.idnum)]
    for _ in range(gap):
        kids.append(update.add(_blank_page(tree_ref, page_size)))
    if second is not None:
        kids += _append(update, RawPDF(second), tree_ref)
    update.replace(tree_ref, DictionaryObject({
        NameObject("/Type"): NameObject("/Pages"), NameObject("/Kids"): ArrayObject(kids),
        NameObject("/Count"): NumberObject(len(kids))}))
    catalog.pop("/Outlines", None)
    if outline:
        catalog[NameObject("/Outlines")] = _outline(update, outline, places, kids)
        catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    if named:
        catalog[NameObject("/Dests")] = update.add(DictionaryObject(
            {NameObject(f"/{anchor}"): _destination(places[anchor], kids) for anchor in sorted(named)}))
    update.replace(catalog_ref, catalog)
    return update.write()


# -- the second part, as bytes ----------------------------------------------------------------------------------
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_END = re.compile(rb"\s*endobj\s*$")
# Strings (one level of nested parentheses), hex strings and comments are kept as they are;
# the fourth alternative is an indirect reference.
_TOKEN = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>|%[^\r\n]*"
                    rb"|(?<![\w.#/+-])(\d+)\s+(\d+)\s+R(?![\w])", re.S)
_SUBSET_TAG = re.compile(rb"(/(?:BaseFont|FontName)\s*/)[A-Z]([A-Z]{5}\+)")


class RawPDF:
    """A PDF as ReportLab writes it: its objects as byte slices, found through its xref table."""

    def __init__(self, data: bytes):
        self.data = data
        found = _STARTXREF.search(data[-64:])
        if found is None:
            raise ValueError("the PDF does not end with startxref and %%EOF")
        self.xref = int(found.group(1))
        self.offsets = self._offsets()
        trailer = data[data.index(b"trailer", self.xref):]
        self.root = _reference(trailer, b"/Root")
        self.info = _reference(trailer, b"/Info")

    def _offsets(self) -> dict[int, int]:
        lines = iter(self.data[self.xref:].split(b"\n")[1:])
        offsets: dict[int, int] = {}
        for line in lines:
            head = line.split()
            if len(head) != 2:              # "trailer": the table has ended
                break
            first, count = int(head[0]), int(head[1])
            for number in range(first, first + count):
                entry = next(lines).split()
                if entry[2] == b"n":
                    offsets[number] = int(entry[0])
        return offsets

    def body(self, number: int) -> bytes:
        """Object `number` without its "N 0 obj" header and "endobj"."""
        start = self.offsets[number]
        ends = [o for o in (self._next_offset(number), self.xref) if o is not None]
        chunk = self.data[start:min(ends)]
        header = _HEADER.match(chunk)
        if header is None or int(header.group(1)) != number:
            raise ValueError(f"object {number} is not where the cross-reference table says")
        return _END.sub(b"", chunk[header.end():])

    def _next_offset(self, number: int) -> int | None:
        if not hasattr(self, "_following"):
            ordered = sorted(self.offsets.values())
            self._following = dict(zip(ordered, ordered[1:]))
        return self._following.get(self.offsets[number])


def _reference(text: bytes, key: bytes) -> int | None:
    found = re.search(re.escape(key) + rb"\s+(\d+)\s+0\s+R", text)
    return int(found.group(1)) if found else None


def _kids(pdf: RawPDF, tree: int) -> list[int]:
    """The page objects of a flat page tree (ReportLab writes one /Pages node)."""
    body = pdf.body(tree)
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
    count = re.search(rb"/Count\s+(\d+)", body)
    numbers = [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", kids.group(1))] if kids else []
    if count is None or int(count.group(1)) != len(numbers):
        raise ValueError("the page tree is not flat")
    return numbers


def _append(update: Update, pdf: RawPDF, tree_ref: IndirectObject) -> list[IndirectObject]:
    """Copy `pdf`'s objects into `update`, renumbered; its pages become children of `tree_ref`.
    Its catalog, page tree root and document information are left behind."""
    own_tree = _reference(pdf.body(pdf.root), b"/Pages")
    base = update.reserve(max(pdf.offsets) + 1)

    def number(n: int) -> int:
        return tree_ref.idnum if n == own_tree else base + n

    def renumbered(match: re.Match) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        return b"%d %s R" % (number(int(match.group(1))), match.group(2))

    for n in pdf.offsets:
        if n in (pdf.root, own_tree, pdf.info):
            continue
        body = pdf.body(n)
        stream = _STREAM.search(body)
        head, data = (body[:stream.end()], body[stream.end():]) if stream else (body, b"")
        head = _SUBSET_TAG.sub(rb"\1Z\2", _TOKEN.sub(renumbered, head))
        update.put_raw(number(n), head + data)
    return [IndirectObject(number(n), 0, update.reader) for n in _kids(pdf, own_tree)]


# -- new objects ---------------------------------------------------------------------------------------------------
def _blank_page(tree_ref: IndirectObject, page_size: tuple[float, float]) -> DictionaryObject:
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Page"), NameObject("/Parent"): tree_ref,
        NameObject("/MediaBox"): ArrayObject([NumberObject(0), NumberObject(0), FloatObject(page_size[0]),
                                              FloatObject(page_size[1])]),
        NameObject("/Resources"): DictionaryObject()})


def _destination(place: Place, kids: list[IndirectObject]) -> ArrayObject:
    return ArrayObject([kids[place.page], NameObject("/XYZ"), FloatObject(place.left), FloatObject(place.top),
                        NumberObject(0)])


class _Item:
    def __init__(self, entry: OutlineEntry | None, ref: IndirectObject):
        self.entry, self.ref, self.children = entry, ref, []

    def visible(self) -> int:
        """Descendants a reader sees when this item is open."""
        return sum(1 + (0 if child.entry.closed else child.visible()) for child in self.children)


def _outline(update: Update, entries: list[OutlineEntry], places: dict[str, Place],
             kids: list[IndirectObject]) -> IndirectObject:
    """The outline (ISO 32000-1, 12.3.3): entries nest by level, closed ones count negative."""
    root = _Item(None, update.add(DictionaryObject()))
    path = [(-1, root)]
    for entry in entries:
        while path[-1][0] >= entry.level:
            path.pop()
        item = _Item(entry, update.add(DictionaryObject()))
        path[-1][1].children.append(item)
        path.append((entry.level, item))
    _write_item(update, root, None, places, kids)
    return root.ref


def _write_item(update: Update, item: _Item, parent: _Item | None, places, kids) -> None:
    node: dict[str, PdfObject] = {}
    if item.entry is None:
        node["/Type"] = NameObject("/Outlines")
    else:
        node["/Title"] = TextStringObject(item.entry.title)
        node["/Parent"] = parent.ref
        node["/Dest"] = _destination(places[item.entry.anchor], kids)
    if item.children:
        node["/First"], node["/Last"] = item.children[0].ref, item.children[-1].ref
        shown = item.visible()
        node["/Count"] = NumberObject(-shown if item.entry is not None and item.entry.closed else shown)
    for before, child, after in zip([None] + item.children[:-1], item.children, item.children[1:] + [None]):
        _write_item(update, child, item, places, kids)
        sibling = update.get(child.ref)
        if before is not None:
            sibling[NameObject("/Prev")] = before.ref
        if after is not None:
            sibling[NameObject("/Next")] = after.ref
    update.get(item.ref).update({NameObject(k): v for k, v in node.items()})
