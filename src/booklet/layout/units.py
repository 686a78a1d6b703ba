"""Lengths as organisers write them in layout files: 9, "9pt", "4mm", "0.5in", "1cm"."""
from __future__ import annotations

import re

from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.units import cm, inch, mm

_UNITS = {"pt": 1.0, "mm": mm, "cm": cm, "in": inch}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")

PAGE_SIZES = {
    "A4": A4,
    "A5": A5,
    "letter": LETTER,
    "half-letter": (5.5 * inch, 8.5 * inch),
}


def parse_length(value) -> float | None:
    """Points, or None when `value` is not a length."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = _LENGTH.match(str(value))
    if not match:
        return None
    return float(match[1]) * _UNITS[match[2] or "pt"]
