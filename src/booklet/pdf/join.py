"""The body PDF from the parts the render stage laid out: one page tree, the outline, and the
named destinations that links between the parts lead to.

A long booklet is laid out in two processes (typeset/parts.py), each writing a PDF of its own pages
with ReportLab. `join` makes them one file without rewriting the first part: an incremental
update (update.Update) adds the second part's objects, renumbered, a page tree with every
page, and the outline, all written as bytes here: pypdf parses nothing. A booklet laid out
in one part goes through the same step for its outline, so both ways give the same outline.

Why not qpdf (pikepdf)? Measured in December 2026 (bench/join_ab.py, bench/RESULTS.md): the
same join with pikepdf, pages copied one by one (its page list grows with pages x pages, 26 s
at 25,000 contributions), took 4.0x this module's time at 1,000 contributions (0.196 s against
0.049 s) and 3.6x at 25,000 (6.1 s against 1.7 s, 4x the memory); issue 13 allowed 1.2x.
Opening and saving the parts alone cost more than that.

The second part is read as bytes, not parsed into objects. ReportLab writes one classic
cross-reference table and streams with a direct /Length, so each object is a slice of the
file; renumbering rewrites the "N 0 R" references outside strings, comments and stream data.
Its subset fonts are renamed (ZAAAAA+ instead of AAAAAA+): two different subsets must not
share a name. The other small ReportLab documents whose pages meet the body's are renamed
the same way (`retagged`): cover text Y, crop marks X, sheet marks W, notes pages V.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .update import Update, last_trailer, reference, startxref


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
    part = RawPDF(first)
    tree = reference(part.body(update.root_number), b"/Pages")
    kids = _kids(part, tree)
    blank = {"Type": Name("Page"), "Parent": Ref(tree), "MediaBox": [0, 0, *page_size], "Resources": {}}
    kids += [update.add_raw(serialise(blank)) for _ in range(gap)]
    if second is not None:
        kids += _append(update, RawPDF(second), tree)
    update.put_raw(tree, serialise({"Type": Name("Pages"), "Kids": [Ref(k) for k in kids], "Count": len(kids)}))
    catalog = {"Type": Name("Catalog"), "Pages": Ref(tree)}   # ReportLab's parts set nothing else in theirs
    if outline:
        catalog["Outlines"] = Ref(_outline(update, outline, places, kids))
        catalog["PageMode"] = Name("UseOutlines")
    if named:
        catalog["Dests"] = Ref(update.add_raw(serialise(
            {Name(anchor): _destination(places[anchor], kids) for anchor in sorted(named)})))
    update.put_raw(update.root_number, serialise(catalog))
    return update.write()


# -- the second part, as bytes ----------------------------------------------------------------------------------
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
        self.xref = startxref(data)
        self.offsets = self._offsets()
        starts = sorted(self.offsets.values())
        self._ends = dict(zip(starts, starts[1:] + [self.xref]))   # an object ends where the next starts
        trailer = last_trailer(data, self.xref)
        self.root = reference(trailer, b"/Root")
        self.info = reference(trailer, b"/Info")

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
        chunk = self.data[start:self._ends[start]]
        header = _HEADER.match(chunk)
        if header is None or int(header.group(1)) != number:
            raise ValueError(f"object {number} is not where the cross-reference table says")
        return _END.sub(b"", chunk[header.end():])


def _split(body: bytes) -> tuple[bytes, bytes]:
    """An object's body as (dictionary up to "stream" and its line end, stream data), or (body, b"")."""
    stream = _STREAM.search(body)
    return (body[:stream.end()], body[stream.end():]) if stream else (body, b"")


def _kids(pdf: RawPDF, tree: int) -> list[int]:
    """The page objects of a flat page tree (ReportLab writes one /Pages node)."""
    body = pdf.body(tree)
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
    count = re.search(rb"/Count\s+(\d+)", body)
    numbers = [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", kids.group(1))] if kids else []
    if count is None or int(count.group(1)) != len(numbers):
        raise ValueError("the page tree is not flat")
    return numbers


def retagged(data: bytes, letter: bytes) -> bytes:
    """A ReportLab PDF with the first letter of its subset fonts' tags replaced by `letter`
    (AAAAAA+NotoSans → YAAAAA+NotoSans). ReportLab names a document's first subset AAAAAA+ in
    every document; where the pages of two documents meet in one file (cover text, crop marks
    and the body, see output/editions.py) two different subsets must not share a name. The names keep
    their length, so every offset in the file stays right."""
    pdf, out = RawPDF(data), bytearray(data)
    for number, start in pdf.offsets.items():
        head, _ = _split(pdf.body(number))
        if b"/BaseFont" not in head and b"/FontName" not in head:
            continue
        at = data.index(head, start)
        out[at:at + len(head)] = _SUBSET_TAG.sub(rb"\1" + letter + rb"\2", head)
    return bytes(out)


def _append(update: Update, pdf: RawPDF, tree: int) -> list[int]:
    """Copy `pdf`'s objects into `update`, renumbered; its pages become children of `tree`.
    Its catalog, page tree root and document information are left behind."""
    own_tree = reference(pdf.body(pdf.root), b"/Pages")
    base = update.reserve(max(pdf.offsets) + 1)

    def number(n: int) -> int:
        return tree if n == own_tree else base + n

    def renumbered(match: re.Match) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        return b"%d %s R" % (number(int(match.group(1))), match.group(2))

    for n in pdf.offsets:
        if n in (pdf.root, own_tree, pdf.info):
            continue
        head, data = _split(pdf.body(n))
        head = _SUBSET_TAG.sub(rb"\1Z\2", _TOKEN.sub(renumbered, head))
        update.put_raw(number(n), head + data)
    return [number(n) for n in _kids(pdf, own_tree)]


# -- new objects, serialised here ---------------------------------------------------------------------------------
class Name(str):
    """A PDF name, written /Like#20this."""


class Ref(int):
    """An indirect reference to object number `self`."""


def serialise(value) -> bytes:
    """`value` (dict, list, Name, Ref, str, int, float) in PDF syntax."""
    if isinstance(value, Ref):
        return b"%d 0 R" % value
    if isinstance(value, Name):
        return _name(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        return (b"%.4f" % value).rstrip(b"0").rstrip(b".")
    if isinstance(value, dict):
        return b"<<" + b" ".join(_name(k) + b" " + serialise(v) for k, v in value.items()) + b">>"
    return b"[" + b" ".join(serialise(v) for v in value) + b"]"


_REGULAR = re.compile(r"[A-Za-z0-9_.+\-]*")   # name characters written as they are
_DELIMITERS = "#()<>[]{}/%"


def _name(name: str) -> bytes:
    if _REGULAR.fullmatch(name):
        return b"/" + name.encode("ascii")
    return b"/" + "".join(c if "!" <= c <= "~" and c not in _DELIMITERS else f"#{ord(c):02X}"
                          for c in name).encode("ascii")


_LITERAL = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})


def _text(text: str) -> bytes:
    """A text string: printable ASCII as it is, anything else as UTF-16 with its byte order mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.translate(_LITERAL).encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _destination(place: Place, kids: list[int]) -> list:
    return [Ref(kids[place.page]), Name("XYZ"), float(place.left), float(place.top), 0]


class _Item:
    def __init__(self, entry: OutlineEntry | None, number: int):
        self.entry, self.number, self.children = entry, number, []

    def visible(self) -> int:
        """Descendants a reader sees when this item is open."""
        return sum(1 + (0 if child.entry.closed else child.visible()) for child in self.children)


def _outline(update: Update, entries: list[OutlineEntry], places: dict[str, Place], kids: list[int]) -> int:
    """The outline (ISO 32000-1, 12.3.3): entries nest by level, closed ones count negative."""
    root = _Item(None, update.reserve(1))
    path = [(-1, root)]
    for entry in entries:
        while path[-1][0] >= entry.level:
            path.pop()
        item = _Item(entry, update.reserve(1))
        path[-1][1].children.append(item)
        path.append((entry.level, item))
    _write_item(update, root, None, None, None, places, kids)
    return root.number


def _write_item(update: Update, item: _Item, parent: _Item | None, before: _Item | None, after: _Item | None,
                places: dict[str, Place], kids: list[int]) -> None:
    node: dict = {}
    if item.entry is None:
        node["Type"] = Name("Outlines")
    else:
        node["Title"] = item.entry.title
        node["Parent"] = Ref(parent.number)
        node["Dest"] = _destination(places[item.entry.anchor], kids)
        if before is not None:
            node["Prev"] = Ref(before.number)
        if after is not None:
            node["Next"] = Ref(after.number)
    children = item.children
    if children:
        node["First"], node["Last"] = Ref(children[0].number), Ref(children[-1].number)
        shown = item.visible()
        node["Count"] = -shown if item.entry is not None and item.entry.closed else shown
    for i, child in enumerate(children):
        _write_item(update, child, item, children[i - 1] if i else None,
                    children[i + 1] if i + 1 < len(children) else None, places, kids)
    update.put_raw(item.number, serialise(node))
