"""Faster stand-ins for two ReportLab helpers that every drawn line goes through.

Without its optional C accelerator, ReportLab formats numbers for PDF operators
(`fp_str`) and escapes bytes inside PDF strings (`escapePDF`) with Python loops:
together about a tenth of a large build. Their results depend on the arguments
alone, and they repeat: a build of 1,000 contributions formats 227,000 numbers,
of which 20,000 are different (font sizes, leadings, the same coordinates on
every page). So `fp_str` is remembered per argument tuple, and `escapePDF` is one
`str.translate`. Both give ReportLab's output exactly (tests/unit/test_speedups.py).

`install()` puts them into the ReportLab modules that imported the originals by
name; it is idempotent.
"""
from __future__ import annotations

import importlib

from reportlab.lib import rl_accel

MODULES = ("reportlab.pdfgen.canvas", "reportlab.pdfgen.textobject", "reportlab.pdfgen.pathobject",
           "reportlab.pdfbase.pdfdoc", "reportlab.pdfbase.ttfonts", "reportlab.platypus.flowables",
           "reportlab.platypus.tables", "reportlab.lib.colors")
_REMEMBERED = 200_000            # numbers formatted before the memory starts again

_fp_str = rl_accel.fp_str
_escape_pdf = rl_accel.escapePDF
_formatted: dict = {}


def fp_str(*args) -> str:
    try:
        return _formatted[args]
    except KeyError:
        pass
    except TypeError:            # a list: not remembered
        return _fp_str(*args)
    if len(_formatted) >= _REMEMBERED:
        _formatted.clear()
    text = _formatted[args] = _fp_str(*args)
    return text


def _escaped_byte(c: int) -> str:
    """A byte inside a PDF string: backslash and parentheses escaped, bytes outside printable ASCII
    in octal, as ReportLab writes them."""
    if c < 32 or c > 126:
        return f"\\{c:03o}"
    return "\\" + chr(c) if chr(c) in "\\()" else chr(c)


_ESCAPES = {c: e for c, e in ((c, _escaped_byte(c)) for c in range(256)) if e != chr(c)}


def escape_pdf(s) -> str:
    return (s.decode("latin-1") if isinstance(s, (bytes, bytearray)) else s).translate(_ESCAPES)


def install() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        if getattr(module, "fp_str", None) is _fp_str:
            module.fp_str = fp_str
        if getattr(module, "escapePDF", None) is _escape_pdf:
            module.escapePDF = escape_pdf
