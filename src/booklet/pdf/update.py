"""An incremental update of a PDF (ISO 32000-1, 7.5.6): the original bytes stay as they
are, and the new and changed objects follow them with their own cross-reference
section, whose trailer points back to the original one.

The e-mail edition is the rendered body with covers and inserts put between its
pages, labels and metadata. Writing it as an update touches a handful of objects
(the catalog, the page tree's root, the document information, the new pages), so
its cost does not grow with the body: rewriting every page through pypdf took
longer than laying the booklet out at a few thousand pages.

pypdf reads the original lazily (cross-reference table and trailer, then only the
objects asked for) and serialises the new objects; this module numbers them and
writes the update around them.

Why not qpdf (pikepdf)? Measured in December 2026 (bench/join_ab.py, bench/RESULTS.md):
qpdf cannot write an incremental update, so it parses and rewrites the whole body. The
e-mail edition's step took 5.1x this module's time at 1,000 contributions (0.159 s against
0.031 s) and 6.2x at 25,000 (4.4 s against 0.71 s, 2.6x the memory); issue 13 allowed 1.2x.
"""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    PdfObject,
    StreamObject,
)

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


class Update:
    """New and replaced objects for one PDF, written after its bytes by `write`.

    The original's last trailer is read from its bytes; pypdf reads the original only when an
    object of it is asked for (`get`, `reader`), so an update of raw objects parses nothing."""

    def __init__(self, original: bytes):
        self.original = original
        self._previous = startxref(original)
        trailer = last_trailer(original, self._previous)
        self.size = int(_trailer_value(trailer, rb"/Size\s+(\d+)"))
        self.root_number = reference(trailer, b"/Root", required=True)
        self.info_number = reference(trailer, b"/Info")
        self.id = _trailer_value(trailer, rb"/ID\s*(\[[^\]]*\])", required=False)
        self._objects: dict[int, PdfObject] = {}
        self._next = self.size
        self._copied: dict[tuple[int, int], IndirectObject] = {}
        self._reader: PdfReader | None = None

    @property
    def reader(self) -> PdfReader:
        if self._reader is None:
            self._reader = PdfReader(io.BytesIO(self.original))
        return self._reader

    @property
    def root(self) -> IndirectObject:
        """The catalog."""
        return IndirectObject(self.root_number, 0, self.reader)

    def get(self, ref: IndirectObject) -> PdfObject:
        """The original's object behind `ref`, or its replacement if one was set."""
        replaced = self._objects.get(ref.idnum)
        return ref.get_object() if replaced is None else replaced

    def replace(self, ref: IndirectObject, obj: PdfObject) -> None:
        self._objects[ref.idnum] = obj

    def add(self, obj: PdfObject) -> IndirectObject:
        """`obj` as a new object of the update. It may refer to the original's objects and to the
        update's own, not to another document's: copy those first (see `copy`)."""
        ref = self._allocate()
        self._objects[ref.idnum] = obj
        return ref

    def reserve(self, count: int) -> int:
        """`count` consecutive object numbers, for objects to be put in with `put_raw`; the first."""
        first, self._next = self._next, self._next + count
        return first

    def put_raw(self, number: int, body: bytes) -> None:
        """Object `number` (new or replaced) as serialised bytes, written as they are (see join.py)."""
        self._objects[number] = _Raw(body)

    def add_raw(self, body: bytes) -> int:
        number = self.reserve(1)
        self.put_raw(number, body)
        return number

    def copy(self, obj: PdfObject) -> PdfObject:
        """A deep copy of `obj` from another document (a pypdf reader or writer), its indirect
        objects copied once each and numbered in this update. References that lead back to
        this document's original (a page's /Parent) must be set by the caller afterwards."""
        if isinstance(obj, IndirectObject):
            key = (id(obj.pdf), obj.idnum)
            if key not in self._copied:
                self._copied[key] = ref = self._allocate()
                self._objects[ref.idnum] = self.copy(obj.get_object())
            return self._copied[key]
        if isinstance(obj, StreamObject):
            if "/Filter" in obj:
                stream = EncodedStreamObject()
                stream._data = obj._data       # the encoded bytes, as they are: no re-compression
            else:                              # also a parsed content stream, written out again
                stream = DecodedStreamObject()
                stream.set_data(obj.get_data())
            stream.update({k: self.copy(v) for k, v in obj.items()})
            return stream
        if isinstance(obj, DictionaryObject):
            return DictionaryObject({k: self.copy(v) for k, v in obj.items()})
        if isinstance(obj, ArrayObject):
            return ArrayObject(self.copy(v) for v in obj)
        return obj

    def write(self, *, info: DictionaryObject | None = None) -> bytes:
        """The original followed by the update; `info` replaces the document information."""
        info_number = self.info_number
        if info is not None:
            if info_number is None:
                info_number = self.reserve(1)
            self._objects[info_number] = info
        out = io.BytesIO()
        out.write(self.original)
        if not self.original.endswith(b"\n"):
            out.write(b"\n")
        offsets = {}
        for number in sorted(self._objects):
            offsets[number] = out.tell()
            out.write(b"%d 0 obj\n" % number)
            self._objects[number].write_to_stream(out)
            out.write(b"\nendobj\n")
        xref = out.tell()
        # The head of the free list first, as in a file's first table: a reader (pypdf) that finds
        # a table starting at another number checks every object's offset, 1.6 s at 5,000 pages.
        out.write(b"xref\n0 1\n0000000000 65535 f \n")
        for first, numbers in _runs(sorted(offsets)):
            out.write(b"%d %d\n" % (first, len(numbers)))
            out.writelines(b"%010d 00000 n \n" % offsets[n] for n in numbers)
        out.write(b"trailer\n<< /Size %d /Root %d 0 R /Prev %d" % (self._next, self.root_number, self._previous))
        if info_number is not None:
            out.write(b" /Info %d 0 R" % info_number)
        if self.id:
            out.write(b" /ID " + self.id)
        out.write(b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()

    def _allocate(self) -> IndirectObject:
        return IndirectObject(self.reserve(1), 0, self.reader)


def startxref(data: bytes) -> int:
    """Where the PDF's last cross-reference section starts."""
    found = _STARTXREF.search(data[-64:])
    if found is None:
        raise ValueError("the PDF does not end with startxref and %%EOF")
    return int(found.group(1))


def last_trailer(data: bytes, xref: int) -> bytes:
    """The PDF's last trailer and what follows it, `xref` being where its last xref section starts."""
    return data[data.index(b"trailer", xref):]


def reference(text: bytes, key: bytes, *, required: bool = False) -> int | None:
    """The object number `key` refers to in `text` (b"/Root 3 0 R": 3), or None."""
    found = _trailer_value(text, re.escape(key) + rb"\s+(\d+)\s+0\s+R", required)
    return int(found) if found is not None else None


def _trailer_value(trailer: bytes, pattern: bytes, required: bool = True) -> bytes | None:
    found = re.search(pattern, trailer)
    if found is None and required:
        raise ValueError(f"the PDF's trailer has no {pattern.decode().split(chr(92))[0]}")
    return found.group(1) if found else None


class _Raw(PdfObject):
    """An object's serialised form, copied from another PDF."""

    def __init__(self, body: bytes):
        self.body = body

    def write_to_stream(self, stream, encryption_key=None) -> None:
        stream.write(self.body)


def _runs(numbers: list[int]) -> list[tuple[int, list[int]]]:
    """Sorted object numbers in runs of consecutive ones: one cross-reference subsection each."""
    runs: list[tuple[int, list[int]]] = []
    for n in numbers:
        if runs and runs[-1][1][-1] == n - 1:
            runs[-1][1].append(n)
        else:
            runs.append((n, [n]))
    return runs
