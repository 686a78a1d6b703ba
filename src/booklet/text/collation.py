"""Alphabetical order as readers of the content's language expect it.

The base is the Unicode Collation Algorithm (pyuca, DUCET): Ö files with O,
Ł after L, Ø with O, case and accents only break ties. Some languages treat
letters with marks as letters of their own: Swedish puts Å, Ä, Ö after Z,
Polish puts Ą after A and Ł after L as separate headings, Danish and
Norwegian end with Æ, Ø, Å. Those are tailored here by mapping each such
letter to its place: a base letter followed by a private-use character, which
the algorithm sorts after every letter.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_AFTER = "\ue000"  # sorts after all letters: "z" + _AFTER + n comes after every z...

# language → {letter: (sorts after this base letter, rank among the tailored letters after it)}
_TAILORINGS: dict[str, dict[str, tuple[str, int]]] = {
    "sv": {"Å": ("z", 1), "Ä": ("z", 2), "Æ": ("z", 2), "Ö": ("z", 3), "Ø": ("z", 3)},
    "fi": {"Å": ("z", 1), "Ä": ("z", 2), "Ö": ("z", 3)},
    "da": {"Æ": ("z", 1), "Ä": ("z", 1), "Ø": ("z", 2), "Ö": ("z", 2), "Å": ("z", 3)},
    "nb": {"Æ": ("z", 1), "Ø": ("z", 2), "Å": ("z", 3)},
    "no": {"Æ": ("z", 1), "Ø": ("z", 2), "Å": ("z", 3)},
    "pl": {"Ą": ("a", 1), "Ć": ("c", 1), "Ę": ("e", 1), "Ł": ("l", 1), "Ń": ("n", 1), "Ó": ("o", 1),
           "Ś": ("s", 1), "Ź": ("z", 1), "Ż": ("z", 2)},
    "cs": {"Č": ("c", 1), "Ř": ("r", 1), "Š": ("s", 1), "Ž": ("z", 1)},
    "sk": {"Ä": ("a", 1), "Č": ("c", 1), "Ô": ("o", 1), "Š": ("s", 1), "Ž": ("z", 1)},
    "tr": {"Ç": ("c", 1), "Ğ": ("g", 1), "Ö": ("o", 1), "Ş": ("s", 1), "Ü": ("u", 1)},
}

# Letters whose base form Unicode decomposition does not reveal.
_BASE_LETTER = str.maketrans({"Ł": "L", "ł": "L", "Ø": "O", "ø": "O", "Đ": "D", "đ": "D", "Æ": "A", "æ": "A",
                              "Œ": "O", "œ": "O", "ß": "S", "Þ": "T", "þ": "T"})


_ELEMENT = re.compile(r"\[[.*]([0-9A-F]{4})\.([0-9A-F]{4})\.([0-9A-F]{4})")


@functools.lru_cache(maxsize=4)
def _collator(alphabet: frozenset[int] | None):
    """pyuca's DUCET collator, with only the entries made of `alphabet`'s characters (None: all).

    pyuca parses all 30,000 lines of its table into a trie (0.15 s, a sixth of a small build);
    an index of names needs the few dozen entries of their letters. A text can only ever match
    entries whose characters it contains, so the smaller table sorts it exactly as the full one."""
    import pyuca  # imported only when something is sorted
    from pyuca.trie import Trie

    if alphabet is None:
        return pyuca.Collator()
    collator = pyuca.Collator.__new__(pyuca.Collator)
    collator.table, collator.implicit_weights = Trie(), []
    path = Path(pyuca.__file__).with_name(f"allkeys-{collator.UCA_VERSION}.txt")
    table = path.read_text(encoding="utf-8")
    for span, base in _IMPLICIT.findall(table):
        first, last = span.split("..")
        collator.implicit_weights.append([int(first, 16), int(last, 16), int(base, 16)])
    # The lines made only of the alphabet's code points, found by one regular expression (a loop
    # over the 30,000 lines in Python took 0.06 s).
    code = "(?:" + "|".join(f"{c:04X}" for c in sorted(alphabet)) + ")(?![0-9A-F])"
    for chars, weights in re.findall(rf"^({code}(?: {code})*) *;([^#\n]*)", table, re.M):
        collator.table.add([int(c, 16) for c in chars.split()],
                           [[int(w, 16) for w in e] for e in _ELEMENT.findall(weights)])
    return collator


_IMPLICIT = re.compile(r"^@implicitweights\s+(\S+)\s*;\s*(\S+)", re.M)


class Collation:
    def __init__(self, language: str, texts: Iterable[str] = ()):
        """`texts`: what will be sorted, if known, so that only their letters' table is loaded."""
        self.tailoring = _TAILORINGS.get(language.split("-")[0].split("_")[0].lower(), {})
        self._map = {}
        for letter, (base, rank) in self.tailoring.items():
            self._map[letter] = base.upper() + _AFTER * rank
            self._map[letter.lower()] = base + _AFTER * rank
        letters = {ord(c) for text in texts for c in unicodedata.normalize("NFD", self._tailored(text))}
        self._alphabet = frozenset(letters) if letters else None

    def key(self, text: str) -> tuple:
        text = self._tailored(text)
        alphabet = self._alphabet
        if alphabet is not None and not alphabet.issuperset(map(ord, unicodedata.normalize("NFD", text))):
            alphabet = None      # a text it was not told of: the whole table
        return _collator(alphabet).sort_key(text)

    def _tailored(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        return "".join(self._map.get(c, c) for c in text) if self._map else text

    def letter(self, text: str) -> str:
        """The heading an entry files under: "O" for Öztürk, but "Ö" in Swedish."""
        first = unicodedata.normalize("NFC", text.lstrip())[:1].upper()
        if first in self.tailoring:
            return first
        base = unicodedata.normalize("NFKD", first.translate(_BASE_LETTER))[:1].upper()
        return base if base.isalpha() else "#"
