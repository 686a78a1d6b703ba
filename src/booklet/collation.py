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
import unicodedata

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


@functools.lru_cache(maxsize=1)
def _collator():
    import pyuca  # its table takes ~0.2 s to load: only when something is sorted

    return pyuca.Collator()


class Collation:
    def __init__(self, language: str):
        self.tailoring = _TAILORINGS.get(language.split("-")[0].split("_")[0].lower(), {})
        self._map = {}
        for letter, (base, rank) in self.tailoring.items():
            self._map[letter] = base.upper() + _AFTER * rank
            self._map[letter.lower()] = base + _AFTER * rank

    def key(self, text: str) -> tuple:
        text = unicodedata.normalize("NFC", text)
        if self._map:
            text = "".join(self._map.get(c, c) for c in text)
        return _collator().sort_key(text)

    def letter(self, text: str) -> str:
        """The heading an entry files under: "O" for Öztürk, but "Ö" in Swedish."""
        first = unicodedata.normalize("NFC", text.lstrip())[:1].upper()
        if first in self.tailoring:
            return first
        base = unicodedata.normalize("NFKD", first.translate(_BASE_LETTER))[:1].upper()
        return base if base.isalpha() else "#"
