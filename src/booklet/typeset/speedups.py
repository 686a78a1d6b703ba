"""Faster stand-ins for ReportLab helpers that every word goes through, kept because they still
pay for themselves beside ReportLab's C accelerator (rl-accel, a dependency; bench/RESULTS.md
has the figures).

Line breaking measures every word through `stringWidth(text, font name, size)`, three Python
calls deep (3 million calls at 5,000 contributions), and asks `getAscentDescent` for each
fragment; both are remembered per arguments here, and forgotten whenever a font is registered
(a name could then mean another font). booklet's own code measures through `string_width` too:
it is the one memory of widths. `same_frag` compares two fragments up to the first difference
(the accelerator's sameFrag builds both lists first). All give ReportLab's results exactly
(tests/unit/test_speedups.py). The accelerator's number formatting (`fp_str`) and string
escaping (`escapePDF`) replaced stand-ins of ours.

`install()` puts them into the ReportLab modules that imported the originals by
name; it is idempotent.

One cost is paid at import: `reportlab.platypus.paragraph` compiles a regular
expression for web addresses (`uri_pat`) whose case-insensitive ranges up to
U+FFFF take `re` 20-50 ms to compile, a tenth of booklet's start-up.
`import_paragraph_module()` imports that module with the pattern compiled on
first use; booklet's paragraphs never use it (below).

Two changes to what ReportLab does, not only how fast. How far sub- and superscripts
move off the baseline (`SUBSCRIPT_DROP`, `SUPERSCRIPT_RISE`: ReportLab's half the font size
runs into the neighbouring lines). And where a web address
may break (`text.hyphenation.address_breaks`). ReportLab asks `_uri_split_pairs`
about every word that overflows a line, before pyphen; its own answer breaks
only after "/", and only a word with "://", so the rest of a long address,
once broken, ran past the margin in a paragraph of several fragments (a link),
and booklet set such paragraphs without hyphenation. `install()` makes it ask
`address_breaks`, which breaks after / . - ? & and knows the rest of an address
too. ReportLab's callers (`_hyGenPair`, `_hyGenFragsPair`) take the first pair
whose head fits, and break there without adding a hyphen;
tests/unit/test_markup_hyphenation.py fails when a ReportLab version changes
them or the function replaced.
"""
from __future__ import annotations

import importlib
import re
import sys

from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfmetrics

from ..text.hyphenation import address_breaks

MODULES = ("reportlab.pdfgen.textobject", "reportlab.platypus.flowables",
           "reportlab.platypus.tables", "reportlab.platypus.paragraph")
_REMEMBERED_WIDTHS = 400_000     # word widths remembered before the memory starts again

_same_frag = rl_accel.sameFrag
_string_width = pdfmetrics.stringWidth
_ascent_descent = pdfmetrics.getAscentDescent
_register_font = pdfmetrics.registerFont
_widths: dict = {}
_heights: dict = {}


def string_width(text, font_name, size, encoding="utf8") -> float:
    key = (text, font_name, size)
    try:
        return _widths[key]
    except KeyError:
        pass
    if len(_widths) >= _REMEMBERED_WIDTHS:
        _widths.clear()
    width = _widths[key] = _string_width(text, font_name, size, encoding)
    return width


def ascent_descent(font_name, size=None) -> tuple[float, float]:
    key = (font_name, size)
    try:
        return _heights[key]
    except KeyError:
        found = _heights[key] = _ascent_descent(font_name, size)
        return found


def register_font(font) -> None:
    _widths.clear()
    _heights.clear()
    _register_font(font)


_FRAGMENT_LOOKS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f, g) -> bool:
    """Whether two fragments look alike (ReportLab's sameFrag), stopping at the first difference;
    ReportLab's version builds both lists of 8 attributes first. Called 85,000 times at N=1,000."""
    mine, theirs = f.__dict__, g.__dict__
    if "cbDefn" in mine or "lineBreak" in mine or "cbDefn" in theirs or "lineBreak" in theirs:
        return False
    for name in _FRAGMENT_LOOKS:
        a, b = mine.get(name), theirs.get(name)
        if a is not b and not a == b:     # as list equality compares
            return False
    return True


_REPLACEMENTS = {"stringWidth": (_string_width, string_width), "pdfmetrics_stringWidth": (_string_width, string_width),
                 "getAscentDescent": (_ascent_descent, ascent_descent), "sameFrag": (_same_frag, same_frag)}


_URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"   # its first group, which a match needs


class _CompiledOnFirstUse:
    """Stands for a compiled regular expression, and compiles it when first asked for anything."""

    def __init__(self, compile_, pattern, flags):
        self._compile, self._pattern, self._flags = compile_, pattern, flags
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = self._compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def import_paragraph_module() -> None:
    """Import reportlab.platypus.paragraph with its web-address pattern compiled on first use."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    compile_ = re.compile

    def deferring(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith(_URI_PATTERN_START):
            return _CompiledOnFirstUse(compile_, pattern, flags)
        return compile_(pattern, flags)

    re.compile = deferring
    try:
        importlib.import_module("reportlab.platypus.paragraph")
    finally:
        re.compile = compile_


def _web_address_pairs(original):
    """ReportLab's `_uri_split_pairs(word)` → [(head, tail), ...] longest head first, or None."""
    def uri_split_pairs(uri):
        return address_breaks(uri.decode("utf8") if isinstance(uri, bytes) else uri)
    uri_split_pairs.original = original
    return uri_split_pairs


def install() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, (original, faster) in _REPLACEMENTS.items():
            if getattr(module, attribute, None) is original:
                setattr(module, attribute, faster)
    if pdfmetrics.registerFont is _register_font:
        pdfmetrics.registerFont = register_font
    if pdfmetrics.stringWidth is _string_width:    # the canvas looks it up there at each call
        pdfmetrics.stringWidth = string_width
    paragraph = importlib.import_module("reportlab.platypus.paragraph")
    if not hasattr(paragraph._uri_split_pairs, "original"):
        paragraph._uri_split_pairs = _web_address_pairs(paragraph._uri_split_pairs)
    parser = importlib.import_module("reportlab.platypus.paraparser")
    parser.subFraction, parser.supFraction = SUBSCRIPT_DROP, SUPERSCRIPT_RISE


# ReportLab moves a sub- or superscript half the font size off the baseline, so T₆₀ touched the
# capitals of the line below and an affiliation mark the descenders above. TeX's shifts are
# about a quarter and a third of the size (its sub1 and sup1); the module constants are read
# at each <sub> and <super>.
SUBSCRIPT_DROP = 0.22
SUPERSCRIPT_RISE = 0.36
