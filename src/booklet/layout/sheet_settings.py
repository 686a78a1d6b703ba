"""The layout's `sheets:` block: the page, margins, font and type sizes of each handout kind.

```yaml
sheets:
  door:   {size: A4, margins: 15mm, font: sans, room: 44pt, date: 24pt, title: 22pt, ...}
  day:    {size: A3, landscape: true, margins: 12mm, font: sans, title: 11pt, min_size: 6.5pt, ...}
  poster: {size: A1, arrange: auto, margins: 20mm, font: sans, title: 15pt, min_size: 7pt, ...}
```

Read by definition.py; used by handouts/ (`booklet sheets`). Every key is optional: what a
layout leaves out keeps the default of `DEFAULTS`. Type sizes are points or lengths.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A0, A1, A2, A3, A4, A5, LETTER, TABLOID

from ..content.schema import Fields, did_you_mean, type_name
from ..content.yamlio import YMap
from ..errors import Diagnostics, Loc
from .units import parse_length

KINDS = ("door", "day", "poster")
SHEET_SIZES = {"A0": A0, "A1": A1, "A2": A2, "A3": A3, "A4": A4, "A5": A5, "letter": LETTER, "tabloid": TABLOID}
POSTER_SIZES = ("A2", "A1", "A0")
# the poster: rooms as columns (the days side by side, stacked, or whichever reads larger), rooms
# as rows with time across (the days either way), or (auto) whichever way round reads larger
ARRANGEMENTS = ("auto", "columns", "side_by_side", "stacked", "rows")

# Each kind's type sizes by role (points): what the handout module draws with them.
DEFAULTS: dict[str, dict] = {
    "door": {"size": "A4", "landscape": False, "margins": 15.0 * 72 / 25.4, "font": "sans",
             "sizes": {"room": 54.0, "date": 28.0, "time": 26.0, "title": 26.0, "talk": 20.0, "speakers": 18.0,
                       "note": 14.0},
             "qr_size": 26.0 * 72 / 25.4},
    "day": {"size": "A3", "landscape": True, "margins": 12.0 * 72 / 25.4, "font": "sans",
            "sizes": {"heading": 22.0, "header": 11.0, "title": 11.0, "text": 9.5}, "min_size": 6.5},
    "poster": {"size": "A1", "landscape": True, "margins": 20.0 * 72 / 25.4, "font": "sans", "arrange": "auto",
               "sizes": {"heading": 60.0, "day": 26.0, "header": 15.0, "title": 15.0, "text": 13.0},
               "min_size": 7.0},
}
MIN_TYPE = 4.0      # a size below this is a mistake (a length in mm meant as points), never a handout


@dataclass(frozen=True, slots=True)
class SheetSpec:
    kind: str
    size_name: str                      # "A4", or "custom" for [width, height]
    page: tuple[float, float]           # width, height in points, turned as `landscape` says
    margins: float
    font: str                           # a family of the layout's fonts; its bold face sets titles
    sizes: dict[str, float]             # role → points
    min_size: float = 0.0               # day, poster: type is scaled down to this, never below
    qr_size: float = 0.0                # door: a session's QR code, its quiet zone included
    arrange: str = "auto"               # poster: one of ARRANGEMENTS
    loc: Loc | None = None              # the block in the layout file (None: booklet's defaults)


@dataclass(frozen=True, slots=True)
class SheetsSpec:
    door: SheetSpec = field(default_factory=lambda: _default("door"))
    day: SheetSpec = field(default_factory=lambda: _default("day"))
    poster: SheetSpec = field(default_factory=lambda: _default("poster"))


def _default(kind: str) -> SheetSpec:
    d = DEFAULTS[kind]
    return SheetSpec(kind, d["size"], turned(SHEET_SIZES[d["size"]], d["landscape"]), d["margins"], d["font"],
                     dict(d["sizes"]), d.get("min_size", 0.0), d.get("qr_size", 0.0), d.get("arrange", "auto"))


def turned(size: tuple[float, float], landscape: bool) -> tuple[float, float]:
    w, h = sorted(size)
    return (h, w) if landscape else (w, h)


def read_sheets(m: YMap | None, diag: Diagnostics, fonts=None) -> SheetsSpec:
    """The `sheets:` mapping; `fonts` is the layout's `fonts:` mapping, whose families a kind's
    `font:` must name with a regular and a bold face (so that `booklet check` tells)."""
    if m is None:
        return SheetsSpec()
    f = Fields(m, "sheets", diag, KINDS)
    return SheetsSpec(**{kind: _read_kind(kind, f.mapping(kind), diag, fonts) for kind in KINDS})


def _read_kind(kind: str, m: YMap | None, diag: Diagnostics, fonts=None) -> SheetSpec:
    default = _default(kind)
    if m is None:
        return default
    d = DEFAULTS[kind]
    extra = [key for key in ("min_size", "qr_size", "arrange") if key in d]
    f = Fields(m, f"sheets: {kind}", diag, ("size", "landscape", "margins", "font", *d["sizes"], *extra))
    size_name, size = _size(f, kind, d["size"])
    _check_font(f, fonts)
    sizes = {role: _points(f, role, value, MIN_TYPE) for role, value in d["sizes"].items()}
    return SheetSpec(
        kind, size_name, turned(size, f.flag("landscape", d["landscape"])),
        _points(f, "margins", d["margins"], 0.0), f.text("font") or d["font"], sizes,
        _points(f, "min_size", default.min_size, MIN_TYPE) if "min_size" in d else 0.0,
        _points(f, "qr_size", default.qr_size, 15 * 72 / 25.4) if "qr_size" in d else 0.0,
        f.choice("arrange", ARRANGEMENTS, default="auto") if "arrange" in d else "auto", m.loc)


def _check_font(f: Fields, fonts) -> None:
    family = f.text("font")
    if family is None or not isinstance(fonts, YMap):
        return
    faces = fonts.get(family)
    if not isinstance(faces, YMap) or "bold" not in faces:
        families = [name for name, faces in fonts.items() if isinstance(faces, YMap) and "bold" in faces]
        f.error("font", f"names '{family}', which is not a family of the layout's fonts with a bold face",
                f"name one of: {', '.join(families)}" if families else "add the family under fonts:")


def _size(f: Fields, kind: str, default: str) -> tuple[str, tuple[float, float]]:
    raw = f.m.get("size")
    if raw is None:
        return default, SHEET_SIZES[default]
    if isinstance(raw, str) and raw in SHEET_SIZES:
        return raw, SHEET_SIZES[raw]
    if isinstance(raw, list) and len(raw) == 2:
        w, h = parse_length(raw[0]), parse_length(raw[1])
        if w and h and w > 0 and h > 0:
            return "custom", (w, h)
    f.error("size", f"must be one of {', '.join(SHEET_SIZES)} or [width, height], got {type_name(raw)}",
            did_you_mean(str(raw), SHEET_SIZES) if isinstance(raw, str) else None)
    return default, SHEET_SIZES[default]


def _points(f: Fields, key: str, default: float, minimum: float) -> float:
    if not f.has(key):
        return default
    value = parse_length(f.m[key])
    if value is None or value < minimum or (minimum == 0.0 and value < 0):
        f.error(key, f"must be a length of at least {minimum:g}pt, such as 12pt or 4mm, got {f.m[key]!r}")
        return default
    return value
