"""The layout's `print:` block, read into plain data.

```yaml
print:
  bleed: 3mm              # covers and inserts: artwork this far beyond the trim on every side
  marks: {length: 5mm, offset: 3mm, weight: 0.25pt}   # crop marks; `marks: false` for none
  padding: notes          # pages added at the end of the body for a multiple of 4: blank | notes
  imposition: {sheet: A4} # the imposed file: 2-up saddle stitch, sheet landscape; `imposition: false`: none
```

Read by definition.py (which owns the rest of the layout schema); used by the
assemble, editions and impose stages. Lengths are layout data, never Python.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A3, A4, LETTER, TABLOID
from reportlab.lib.units import mm

from ..content.schema import Fields, did_you_mean, type_name
from ..content.yamlio import YMap
from ..errors import Diagnostics, Loc
from .units import parse_length

PRINT_FIELDS = ("bleed", "marks", "padding", "imposition")
MARK_FIELDS = ("length", "offset", "weight")
IMPOSITION_FIELDS = ("sheet",)
PADDINGS = ("blank", "notes")

# Sheets a 2-up imposition is printed on, portrait as named; used landscape.
SHEET_SIZES = {
    "A4": A4,
    "A3": A3,
    "SRA4": (225 * mm, 320 * mm),
    "SRA3": (320 * mm, 450 * mm),
    "letter": LETTER,
    "tabloid": TABLOID,
}


MARK_LENGTH, MARK_OFFSET, MARK_WEIGHT = 5 * mm, 3 * mm, 0.25


@dataclass(frozen=True, slots=True)
class Marks:
    length: float = MARK_LENGTH     # each crop mark's length
    offset: float = MARK_OFFSET     # gap between the trim and a mark; never less than the bleed
    weight: float = MARK_WEIGHT     # line width in points


@dataclass(frozen=True, slots=True)
class PrintSpec:
    bleed: float = 3 * mm
    marks: Marks | None = field(default_factory=Marks)
    padding: str = "blank"
    sheet: tuple[float, float] | None = None     # landscape (w, h); None: no imposed file
    sheet_name: str = ""
    loc: Loc | None = None

    @property
    def mark_offset(self) -> float:
        """Marks stay out of the bleed, or the trimmed edge would show them."""
        return max(self.marks.offset, self.bleed) if self.marks else self.bleed

    @property
    def margin(self) -> float:
        """Room around the trim on a print-edition page: bleed, marks and a slug line."""
        if self.marks is None:
            return self.bleed
        return self.mark_offset + self.marks.length + 2 * mm


def read_print(m: YMap | None, page_size: tuple[float, float], diag: Diagnostics) -> PrintSpec:
    """The `print:` mapping (None when the layout has none: defaults throughout)."""
    if m is None:
        return PrintSpec(sheet=_smallest_sheet(page_size))
    f = Fields(m, "print", diag, PRINT_FIELDS)
    bleed = _length(f, "bleed", 3 * mm, minimum=0.0)
    marks: Marks | None = Marks()
    raw = m.get("marks")
    if raw is False:
        marks = None
    elif isinstance(raw, YMap):
        mf = Fields(raw, "print marks", diag, MARK_FIELDS)
        marks = Marks(length=_length(mf, "length", MARK_LENGTH, minimum=0.5 * mm),
                      offset=_length(mf, "offset", MARK_OFFSET, minimum=0.0),
                      weight=_length(mf, "weight", MARK_WEIGHT, minimum=0.05))
    elif raw is not None and raw is not True:
        f.error("marks", f"must be true, false or a mapping of length, offset, weight; got {type_name(raw)}")
    padding = f.choice("padding", PADDINGS, default="blank")
    sheet, sheet_name = _smallest_sheet(page_size), ""
    raw = m.get("imposition")
    if raw is False:
        sheet = None
    elif isinstance(raw, YMap):
        imp = Fields(raw, "print imposition", diag, IMPOSITION_FIELDS)
        if imp.has("sheet"):
            sheet, sheet_name = _sheet(imp, page_size)
    elif raw is not None:
        f.error("imposition", f"must be false or a mapping such as {{sheet: A4}}; got {type_name(raw)}")
    return PrintSpec(bleed=bleed, marks=marks, padding=padding, sheet=sheet, sheet_name=sheet_name, loc=m.loc)


def _length(f: Fields, key: str, default: float, *, minimum: float) -> float:
    if not f.has(key):
        return default
    value = parse_length(f.m[key])
    if value is None or value < minimum:
        f.error(key, f"must be a length such as 3mm or 0.25pt (at least {minimum:g} pt), got {type_name(f.m[key])}")
        return default
    return value


def _sheet(f: Fields, page_size: tuple[float, float]) -> tuple[tuple[float, float] | None, str]:
    raw = f.m.get("sheet")
    size = None
    if isinstance(raw, str) and raw in SHEET_SIZES:
        size, name = SHEET_SIZES[raw], raw
    elif isinstance(raw, list) and len(raw) == 2 and all(parse_length(v) for v in raw):
        size, name = (parse_length(raw[0]), parse_length(raw[1])), "custom"
    else:
        f.error("sheet", f"must be one of {', '.join(SHEET_SIZES)} or [width, height], got {type_name(raw)}",
                did_you_mean(str(raw), SHEET_SIZES) if isinstance(raw, str) else None)
        return _smallest_sheet(page_size), ""
    landscape = (max(size), min(size))
    if not fits(page_size, landscape):
        f.error("sheet", f"is too small: two pages of {_mm(page_size)} side by side need at least "
                         f"{_mm((2 * page_size[0], page_size[1]))}; {name} is {_mm(landscape)}",
                f"e.g. `sheet: {_name_of(_smallest_sheet(page_size)) or 'A3'}`")
        return _smallest_sheet(page_size), ""
    return landscape, name


def fits(page_size: tuple[float, float], sheet: tuple[float, float]) -> bool:
    return 2 * page_size[0] <= sheet[0] + 1.0 and page_size[1] <= sheet[1] + 1.0


def _smallest_sheet(page_size: tuple[float, float]) -> tuple[float, float] | None:
    """The smallest known sheet that takes two pages side by side (A5 → A4, half-letter → letter)."""
    landscape = [(max(s), min(s)) for s in SHEET_SIZES.values()]
    fitting = [s for s in landscape if fits(page_size, s)]
    return min(fitting, key=lambda s: s[0] * s[1]) if fitting else None


def _name_of(sheet) -> str | None:
    for name, size in SHEET_SIZES.items():
        if sheet and (max(size), min(size)) == sheet:
            return name
    return None


def sheet_name(spec: PrintSpec) -> str:
    return spec.sheet_name or _name_of(spec.sheet) or "custom"


def _mm(size) -> str:
    return " × ".join(f"{v / mm:.0f}" for v in size) + " mm"
