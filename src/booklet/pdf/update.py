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

A replaced object's old bytes would stay in the file beside the new ones. Where that
matters (the e-mail edition's images, made smaller), `leave_out` cuts them out of the
original and moves the offsets of its cross-reference tables to match (`without`).

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
        self._left_out: set[int] = set()
        self._without: tuple[bytes, int] | None = None     # the original without them, where its xref then is

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

    def leave_out(self, numbers: set[int]) -> bool:
        """Leave the original's bytes of the stream objects `numbers`, replaced in this update, out
        of the file written, so that a replacement makes it smaller (an image made smaller for the
        e-mail edition): the original is written without them, its cross-reference offsets moved to
        match (`without`). False, and nothing changes, when their bytes cannot be told apart for certain."""
        try:
            self._without = without(self.original, self._previous, self._left_out | numbers)
        except ValueError:
            return False
        self._left_out |= numbers
        return True

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
        original, previous = self._without or (self.original, self._previous)
        out = io.BytesIO()
        out.write(original)
        if not original.endswith(b"\n"):
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
        out.write(b"trailer\n<< /Size %d /Root %d 0 R /Prev %d" % (self._next, self.root_number, previous))
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


_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_SUBSECTION = re.compile(rb"(\d+)[ \t]+(\d+)[ \t]*\r?\n")
_OBJECT = re.compile(rb"(\d+)\s+0\s+obj\s*(<<.*?>>)\s*stream\r?\n", re.DOTALL)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_STARTXREF_VALUE = re.compile(rb"startxref\s+(\d+)")
_STREAM_END = re.compile(rb"\r?\n?endstream\s*endobj\s*")


def without(data: bytes, xref: int, numbers: set[int]) -> tuple[bytes, int]:
    """`data` without the bytes of the stream objects `numbers` (each listed in use in its
    cross-reference tables, its stream's /Length written directly), and where its last
    cross-reference section then starts (`xref` before). Every table entry, /Prev and startxref
    after a cut is moved back by the bytes cut before it; written at the same width (padded with
    spaces), they move nothing else. The entries of the objects left out become free: an update
    must give them again. ValueError when the file is not made of classic tables or an object is
    not where its table says."""
    entries: list[tuple[int, int, int]] = []     # (where the entry is, object number, offset) of entries in use
    values: list[tuple[int, int]] = []           # (where, width) of the numbers after /Prev and startxref
    newest: dict[int, int | None] = {}          # object number → its offset in the newest table listing it
    last, seen = xref, set()
    while xref not in seen:
        seen.add(xref)
        if not data.startswith(b"xref", xref):
            raise ValueError("not a classic cross-reference table")
        at = xref + 4
        while True:
            while data[at:at + 1] in (b" ", b"\r", b"\n", b"\t"):
                at += 1
            head = _SUBSECTION.match(data, at)
            if head is None:
                break
            first, count = int(head.group(1)), int(head.group(2))
            at = head.end()
            for number in range(first, first + count):
                entry = _ENTRY.match(data, at)
                if entry is None:
                    raise ValueError("a cross-reference entry is not 20 bytes")
                in_use = entry.group(3) == b"n"
                if in_use:
                    entries.append((at, number, int(entry.group(1))))
                newest.setdefault(number, int(entry.group(1)) if in_use else None)
                at += 20
        if not data.startswith(b"trailer", at):
            raise ValueError("no trailer after a cross-reference table")
        end = data.index(b"startxref", at)
        found = _STARTXREF_VALUE.match(data, end)
        values.append((found.start(1), len(found.group(1))))
        previous = re.search(rb"/Prev\s+(\d+)", data[at:end])
        if previous is None:
            break
        values.append((at + previous.start(1), len(previous.group(1))))
        xref = int(previous.group(1))
    cuts = []
    for number in sorted(numbers):
        start = newest.get(number)
        head = _OBJECT.match(data, start) if start is not None else None
        length = _LENGTH.search(head.group(2)) if head else None
        if head is None or int(head.group(1)) != number or length is None or b"endobj" in head.group(2):
            raise ValueError(f"object {number} is not a stream where its table says")
        tail = _STREAM_END.match(data, head.end() + int(length.group(1)))
        if tail is None:
            raise ValueError(f"object {number}'s stream does not end where its /Length says")
        cuts.append((start, tail.end()))
    cuts.sort()
    starts = {start for start, _ in cuts}

    def moved(offset: int) -> int:
        return offset - sum(end - start for start, end in cuts if end <= offset)

    out = bytearray(data)
    for at, number, offset in entries:
        out[at:at + 18] = b"0000000000 00000 f" if offset in starts else b"%010d %s n" % (moved(offset), data[at + 11:at + 16])
    for at, width in values:
        value = b"%d" % moved(int(data[at:at + width]))
        out[at:at + width] = value.rjust(width)
    for start, end in reversed(cuts):
        del out[start:end]
    return bytes(out), moved(last)


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
