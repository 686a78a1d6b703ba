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
"""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, EncodedStreamObject, IndirectObject,
                           NameObject, NumberObject, PdfObject, StreamObject)

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


class Update:
    """New and replaced objects for one PDF, written after its bytes by `write`."""

    def __init__(self, original: bytes):
        self.original = original
        self.reader = PdfReader(io.BytesIO(original))
        self.trailer = self.reader.trailer
        self._objects: dict[int, PdfObject] = {}
        self._next = int(self.trailer["/Size"])
        self._copied: dict[tuple[int, int], IndirectObject] = {}

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
        """Object `number` as serialised bytes, written as they are (see pdfjoin.py)."""
        self._objects[number] = _Raw(body)

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
        if info is not None:
            if "/Info" in self.trailer:
                self.replace(self.trailer.raw_get("/Info"), info)
                info_ref = self.trailer.raw_get("/Info")
            else:
                info_ref = self.add(info)
        else:
            info_ref = self.trailer.raw_get("/Info") if "/Info" in self.trailer else None
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
        out.write(b"xref\n")
        for first, numbers in _runs(sorted(offsets)):
            out.write(b"%d %d\n" % (first, len(numbers)))
            out.writelines(b"%010d 00000 n \n" % offsets[n] for n in numbers)
        trailer = DictionaryObject({
            NameObject("/Size"): NumberObject(self._next),
            NameObject("/Root"): self.trailer.raw_get("/Root"),
            NameObject("/Prev"): NumberObject(self._previous_xref()),
        })
        if info_ref is not None:
            trailer[NameObject("/Info")] = info_ref
        if "/ID" in self.trailer:
            trailer[NameObject("/ID")] = self.trailer.raw_get("/ID")
        out.write(b"trailer\n")
        trailer.write_to_stream(out)
        out.write(b"\nstartxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()

    def _allocate(self) -> IndirectObject:
        ref = IndirectObject(self._next, 0, self.reader)
        self._next += 1
        return ref

    def _previous_xref(self) -> int:
        found = _STARTXREF.search(self.original[-64:])
        if found is None:
            raise ValueError("the PDF does not end with startxref and %%EOF")
        return int(found.group(1))


class _Raw(PdfObject):
    """An object's serialised form, copied from another PDF."""

    def __init__(self, body: bytes):
        self.body = body

    def write_to_stream(self, stream, encryption_key=None) -> None:   # pypdf's signature
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
