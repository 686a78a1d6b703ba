"""Word breaks for ReportLab and the day grids, from pyphen's dictionaries; where web addresses
break (`address_breaks`).

pyphen parses every pattern of a dictionary when it is first opened: 14,000
lines for British English, 80 ms, close to a tenth of building the default
booklet. A booklet looks up a few thousand of them. So the dictionary is read
here as a table from each pattern's letters to its line, which takes about
20 ms, and a line's digits are parsed the first time its letters are looked up. pyphen's own algorithm then runs on that table, and gives the same
breaks as with its own parse (tests/unit/test_hyphenation.py compares them for
every pattern of every dictionary we use).
"""
from __future__ import annotations

import functools
import re

import pyphen

# pyphen dictionary names for the content languages we know; others fall back to no hyphenation.
_DICTIONARIES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL",
                 "pl": "pl_PL", "sv": "sv_SE", "pt": "pt_PT", "cs": "cs_CZ", "da": "da_DK"}


def dictionary_for(language: str) -> str:
    """The pyphen dictionary for a content language ("en-GB" → "en_GB"), or "" for none."""
    return _DICTIONARIES.get(language.split("-")[0].split("_")[0], "")


@functools.lru_cache(maxsize=None)
def hyphenator(dictionary: str):
    """A word → (head, tail) break generator for ReportLab, or "" for none.

    pyphen offers breaks right beside a word's own hyphen ("out|-of-focus"),
    where ReportLab would add a second hyphen and print "out-" / "-of-focus".
    Those are dropped; breaking after an existing hyphen is ReportLab's
    `embeddedHyphenation`, which adds none. Building the Pyphen object once
    also spares ReportLab from making one per paragraph.
    """
    if not dictionary:
        return ""
    path = pyphen.LANGUAGES[pyphen.language_fallback(dictionary)]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = read_patterns(path)
    words = pyphen.Pyphen(lang=dictionary)

    def breaks(word: str):
        for head, tail in words.iterate(word):
            if not (head.endswith("-") or tail.startswith("-")):
                yield head, tail

    return breaks


# Web addresses break after these, the character staying at the line's end (as in Chicago 7.42).
ADDRESS_BREAKS = "/.-?&"
MIN_ADDRESS = 12   # characters: a shorter word ("and/or", "e.g.", "km/h") is never broken as an address
MIN_PIECE = 3      # characters on each side of a break
_ADDRESS = re.compile(r"://|^www\.|[/?&=]|\.[^\W_]")   # what only a web address (or part of one) holds
_BREAK = re.compile(r"[%s]+(?=[^\W_])" % re.escape(ADDRESS_BREAKS))


def address_breaks(word: str) -> list[tuple[str, str]] | None:
    """Where a web address, or the rest of one after an earlier break, may end a line: after
    / . - ? & (a run of them, as in "://", ends together) when a letter or digit follows, as
    (head, tail) pairs with the longest head first; None for a word that is not one (pyphen and
    the word's own hyphens break those). ReportLab asks this of every word that overflows a
    line (typeset/speedups.py), and again of the rest of a long address on the next line."""
    if len(word) < MIN_ADDRESS or not _ADDRESS.search(word):
        return None
    ends = [m.end() for m in _BREAK.finditer(word)]
    return [(word[:i], word[i:]) for i in reversed(ends) if MIN_PIECE <= i <= len(word) - MIN_PIECE]


class _Patterns(dict):
    """letters → pattern line, and after the first look-up → (offset, weights) as pyphen keeps them.

    pyphen only ever asks `patterns.get(letters)`."""

    def get(self, letters, default=None):
        found = dict.get(self, letters, default)
        if type(found) is str:
            found = self[letters] = _weights(found)
        return found


def read_patterns(path) -> pyphen.HyphDict:
    """pyphen's HyphDict for a hyph_*.dic file, its patterns parsed when first looked up."""
    raw = path.read_bytes()
    first, _, rest = raw.partition(b"\n")
    encoding = first.decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = rest.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")   # as pyphen's read_text sees it
    no_digits = {ord(c): None for c in set(text) if c.isdecimal()}   # what pyphen's \d matches
    patterns = _Patterns()
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith(pyphen.ignored):
            continue
        if "^^" in line or ("/" in line and "=" in line):
            _add_unusual(patterns, line)   # escaped characters, or a non-standard break: parsed now
            continue
        letters = line.translate(no_digits)
        if letters in patterns and not _has_weight(line):
            continue       # a line of zeros breaks nowhere: pyphen keeps the pattern before it
        patterns[letters] = line
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns, hyph.cache = patterns, {}
    hyph.maxlen = max(map(len, patterns))
    return hyph


def _has_weight(line: str) -> bool:
    """Whether a pattern line breaks anywhere: pyphen drops a line of zeros."""
    return any(c.isdecimal() and int(c) for c in line)


def _weights(line: str, factory=int) -> tuple[int, tuple] | None:
    """(offset, weights) of a pattern line as pyphen stores them, zeros trimmed from both ends;
    None for a line of zeros."""
    values = tuple(factory(digit or "0") for digit, _ in pyphen.parse(line))
    if not any(values):
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]


def _add_unusual(patterns: _Patterns, line: str) -> None:
    line = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), line)
    factory = int
    if "/" in line and "=" in line:
        line, alternative = line.split("/", 1)
        factory = pyphen.AlternativeParser(line, alternative)
    weights = _weights(line, factory)
    if weights:
        patterns["".join(letter for _, letter in pyphen.parse(line))] = weights
