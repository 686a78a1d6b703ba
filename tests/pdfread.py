"""Reading a built booklet the way a reader does: text per page, labels, links."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader


def squash(text: str) -> str:
    """Whitespace folded and line-end hyphenation joined, for searching running text.

    pdfium reports a line broken after a hyphen as U+FFFE and a line end; whether
    that hyphen was the typesetter's or the word's own ("multi-sensor-based") the
    text cannot tell, so `squash(..., hyphens=False)` compares without hyphens."""
    text = re.sub(r"\ufffe\s+", "\ufffe", text.replace("\u00ad", ""))
    return " ".join(text.split())


def loose(text: str) -> str:
    """`squash`, with every hyphen dropped: for comparing hyphenated running text."""
    return squash(text).replace("\ufffe", "").replace("-", "")


@dataclass
class Booklet:
    path: Path
    reader: PdfReader
    texts: list[str]          # raw text per page (pdfium)
    labels: list[str]

    @classmethod
    def open(cls, path: Path) -> "Booklet":
        doc = pdfium.PdfDocument(str(path))
        texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        doc.close()
        reader = PdfReader(path)
        return cls(path, reader, texts, list(reader.page_labels))

    def page_of_label(self, label: str) -> int:
        return self.labels.index(label)

    def flat(self, index: int) -> str:
        return squash(self.texts[index])

    def pages_containing(self, needle: str) -> list[int]:
        needle = squash(needle)
        return [i for i in range(len(self.texts)) if needle in self.flat(i)]

    def link_targets(self) -> list[tuple[int, int]]:
        """(page index of the link, page index it leads to) for every internal link."""
        page_ids = {p.indirect_reference.idnum: i for i, p in enumerate(self.reader.pages)}
        out = []
        for i, page in enumerate(self.reader.pages):
            for annot in page.get("/Annots", []) or []:
                a = annot.get_object()
                if a.get("/Subtype") != "/Link" or "/Dest" not in a:
                    continue
                dest = a["/Dest"]
                if isinstance(dest, str):   # a named destination (a link between parts, see booklet.pdf.join)
                    named = self.reader.named_destinations.get(dest)
                    out.append((i, self.reader.get_destination_page_number(named) if named else -1))
                else:
                    out.append((i, page_ids.get(dest[0].idnum, -1)))
        return out


def index_entries(booklet: "Booklet") -> dict[str, list[str]]:
    """'Family, Given' → printed page numbers, read from the index pages."""
    start = booklet.pages_containing("Index of persons")[-1]
    entries = {}
    for index in range(start, len(booklet.texts)):
        for line in booklet.texts[index].replace("\r", "").splitlines():
            match = re.match(r"^(\S.*?,.*?)[\s\u2002]+(\d+(?:, \d+)*)$", line.strip())
            if match:
                entries[match[1].strip()] = match[2].split(", ")
    return entries
