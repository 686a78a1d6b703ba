"""The lazily parsed dictionaries break words exactly where pyphen's own parse does."""
from pathlib import Path

import pyphen
import pytest

from booklet.text import hyphenation

DICTIONARIES = sorted(set(hyphenation._DICTIONARIES.values()))


def _path(dictionary: str) -> Path:
    return pyphen.LANGUAGES[pyphen.language_fallback(dictionary)]


def _as_pyphen_keeps(entry):
    """(offset, weights, the non-standard break data of each weight) of a looked-up pattern."""
    if not entry:
        return None
    offset, weights = entry
    return offset, tuple(weights), tuple(getattr(w, "data", None) for w in weights)


@pytest.mark.parametrize("dictionary", DICTIONARIES)
def test_every_pattern_reads_as_pyphen_reads_it(dictionary):
    ours = hyphenation.read_patterns(_path(dictionary))
    theirs = pyphen.HyphDict(_path(dictionary))
    letters = set(theirs.patterns) | set(dict.keys(ours.patterns))
    different = [key for key in letters
                 if _as_pyphen_keeps(ours.patterns.get(key)) != _as_pyphen_keeps(theirs.patterns.get(key))]
    assert different == []
    assert ours.maxlen == theirs.maxlen


def _write_dictionary(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "hyph_xx.dic"
    path.write_text("UTF-8\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_unusual_lines_read_as_pyphen_reads_them(tmp_path):
    """Escaped characters, non-standard breaks, lines of zeros and repeated letters."""
    path = _write_dictionary(tmp_path, [
        "% a comment", "LEFTHYPHENMIN 2", "a1b", "a0b",          # zeros after a pattern: the pattern stays
        "c0d", "c2d",                                             # a pattern after zeros replaces them
        "^^e41x", "1ff/f=f,1,2", "  e1f  ", "g1h\r", "٣i1j",      # escape, alternative, spaces, CR, Arabic digit
    ])
    ours, theirs = hyphenation.read_patterns(path), pyphen.HyphDict(path)
    for key in set(theirs.patterns) | set(dict.keys(ours.patterns)):
        assert _as_pyphen_keeps(ours.patterns.get(key)) == _as_pyphen_keeps(theirs.patterns.get(key)), key
    assert ours.patterns.get("ab") == (1, (1,))
    assert ours.patterns.get("cd") == (1, (2,))


@pytest.mark.parametrize("dictionary", ["en_GB", "de_DE", "nl_NL"])
def test_words_break_where_pyphen_breaks_them(dictionary):
    words = ["hyphenation", "Schifffahrt", "Bildverarbeitung", "reconstruction", "microscopy",
             "Bijvoorbeeld", "tomography", "Helmholtz", "ÄRZTEKAMMER", "out-of-focus"]
    ours, theirs = pyphen.Pyphen(lang=dictionary), pyphen.Pyphen(lang=dictionary)
    ours.hd = hyphenation.read_patterns(_path(dictionary))
    theirs.hd = pyphen.HyphDict(_path(dictionary))     # pyphen's own parse, leaving its cache as it was
    for word in words:
        assert list(ours.iterate(word)) == list(theirs.iterate(word)), word


def test_the_hyphenator_drops_breaks_beside_a_words_own_hyphen():
    breaks = hyphenation.hyphenator("en_GB")
    assert list(breaks("out-of-focus")) == [("out-of-fo", "cus")]   # pyphen also offers "out-|of" and "out|-of"
    assert list(breaks("reconstruction")) == [("reconstruc", "tion"), ("recon", "struction"),
                                              ("re", "construction")]


def test_languages_without_a_dictionary_are_not_hyphenated():
    assert hyphenation.dictionary_for("en-GB") == "en_GB"
    assert hyphenation.dictionary_for("de") == "de_DE"
    assert hyphenation.dictionary_for("ja") == ""
    assert hyphenation.hyphenator("") == ""
