"""Layout stage: layouts/<name>/layout.yaml (+ `extends:` chain) → `Layout`.

A layout is data: page geometry, fonts by family and face, colours, paragraph
styles by role, the order of the booklet's sections and the words it prints.
A project's own layouts/ folder is searched before the built-in one, so an
organiser can override or extend a shipped layout by name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.inserts import SECTION_NAMES, InsertSpec, read_inserts
from ..content.paths import confine, quote
from ..content.schema import Fields, did_you_mean, type_name
from ..content.yamlio import YMap, load_yaml
from ..errors import Diagnostics, LayoutError, Loc, display_path
from .grid_settings import GridSpec, read_grid
from .print_settings import PrintSpec, read_print
from .resources import builtin_dir
from .sheet_settings import SheetsSpec, read_sheets
from .units import PAGE_SIZES, parse_length

LAYOUT_FIELDS = ("extends", "description", "page", "fonts", "colours", "covers", "sections", "styles",
                 "labels", "people", "index", "print", "inserts", "glance",
                 "fallback_fonts", "start_on_right", "sponsors", "abstracts", "programme", "sheets",
                 "running_foot")
WITHOUT_ABSTRACT = ("leave_out", "note")   # abstracts: {without_abstract: ...}
QR_SIZE = (8.0 * 72 / 25.4, 40.0 * 72 / 25.4)   # programme: {qr_size: ...}, quiet zone included: 8–40 mm
QR_DEFAULT = 13 * 72 / 25.4
PAGE_FIELDS = ("size", "margins", "head", "foot")
MARGIN_FIELDS = ("inner", "outer", "top", "bottom")
FACES = ("regular", "bold", "italic", "bold_italic")
STYLE_FIELDS = ("font", "size", "leading", "align", "colour", "space_before", "space_after", "indent",
                "first_indent", "hyphenate", "keep_with_next", "upper")
ALIGNMENTS = ("left", "right", "center", "justify")
MAX_EXTENDS = 8
# Colours the booklet's sections draw with; each layout (or one it extends) defines them.
REQUIRED_COLOURS = ("text", "accent", "muted", "rule", "grid session", "grid plenary", "grid break")


@dataclass(frozen=True, slots=True)
class Margins:
    inner: float
    outer: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class FontFamily:
    name: str                    # the family's role name in styles, e.g. "serif"
    faces: dict[str, Path]       # face ("regular", "bold", ...) → file name, searched in fonts/
    loc: Loc


@dataclass(frozen=True, slots=True)
class StyleSpec:
    role: str
    font: str            # "family" or "family-face", e.g. "sans-bold"
    size: float
    leading: float
    align: str
    colour: str          # a colour value, names already resolved
    space_before: float
    space_after: float
    indent: float
    first_indent: float
    hyphenate: bool
    keep_with_next: bool
    upper: bool
    loc: Loc


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    dirs: tuple[Path, ...]                      # this layout's folder first, then its ancestors
    page_size: tuple[float, float]
    margins: Margins
    head: float                                 # running head baseline, from the top edge
    foot: float                                 # folio baseline, from the bottom edge
    fonts: dict[str, FontFamily]
    colours: dict[str, str]
    styles: dict[str, StyleSpec]
    sections: tuple[str, ...]
    labels: dict[str, str]
    covers: dict[str, Path]                     # "front"/"back" → PDF
    cover_text_top: float | None                # where the title starts on the front cover; None: no text
    show_titles: bool
    et_al: int                                  # the programme lists this many authors, then "et al."
    index_columns: int
    index_particles: str                        # "keep": van der Berg under V; "ignore": under B
    index_gap: float                            # between the index's columns
    index_header: float                         # room for its title and note above the columns
    loc: Loc
    printing: PrintSpec = PrintSpec()           # the `print:` block: bleed, crop marks, padding, imposition
    grid: GridSpec = GridSpec()                 # the `glance:` block: the schedule grid
    fallback_fonts: tuple[Path, ...] = ()       # tried in order for characters the families lack
    start_on_right: tuple[str, ...] = ()        # sections that open on a right-hand page
    inserts: tuple[InsertSpec, ...] = ()        # PDFs placed between leaves of the body
    index_committees: bool = False              # committee members in the index of persons
    sponsors_on_back_cover: bool = False        # the sponsors' logos on the outside back cover too
    without_abstract: str = "leave_out"         # a contribution without one: "leave_out" of the abstracts, or "note"
    qr_codes: bool = False                      # programme: a QR code of its `url:` beside each row that has one
    qr_size: float = QR_DEFAULT                 # the code's side, its quiet zone (4 modules) included
    sheets: SheetsSpec = SheetsSpec()           # the `sheets:` block: door signs, day sheets, the poster
    foot_version: bool = False                  # the programme's version and date in the foot, opposite the folio

    def find(self, relative: str) -> Path | None:
        """A file named relative to the layout, searched child first."""
        for d in self.dirs:
            if (d / relative).is_file():
                return d / relative
        return None


def layout_dirs(project: Path) -> list[Path]:
    return [project / "layouts", builtin_dir("layouts")]


def available(project: Path) -> list[str]:
    names = {p.parent.name for d in layout_dirs(project) if d.is_dir() for p in d.glob("*/layout.yaml")}
    return sorted(names)


def load(name: str, project: Path, language: str, diag: Diagnostics) -> Layout:
    """Read layout `name` and everything it extends; raises LayoutError listing all problems."""
    chain = _read_chain(name, project, diag)
    diag.raise_if_errors(LayoutError)
    merged = chain[-1][1]
    for _, data in reversed(chain[:-1]):
        merged = _merge(merged, data)
    layout = _build(name, [d for d, _ in chain], merged, language, project, diag)
    diag.raise_if_errors(LayoutError)
    return layout


def _read_chain(name: str, project: Path, diag: Diagnostics) -> list[tuple[Path, YMap]]:
    """[(folder, data)] from the named layout up to the root of its `extends:` chain."""
    chain, wanted, seen = [], name, set()
    while wanted:
        folder = _find_layout(wanted, project, diag, chain[-1][1].loc_of("extends") if chain else None)
        if folder is None or wanted in seen or len(chain) >= MAX_EXTENDS:
            if wanted in seen:
                diag.error(chain[-1][1].loc_of("extends"), f"layout '{wanted}' extends itself in a loop")
            break
        seen.add(wanted)
        path = folder / "layout.yaml"
        data = load_yaml(path, display_path(path, project), diag)
        if data is None:
            break
        if not isinstance(data, YMap):
            diag.error(Loc(display_path(path, project), 1), f"expected a mapping, got {type_name(data)}")
            break
        chain.append((folder, data))
        wanted = data.get("extends")
        if wanted is not None and not isinstance(wanted, str):
            diag.error(data.loc_of("extends"), "'extends' must name a layout")
            break
    return chain


_LAYOUT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _find_layout(name: str, project: Path, diag: Diagnostics, loc: Loc | None) -> Path | None:
    """The folder of layout `name`: a plain name (no path) found in the project's layouts/ or
    booklet's own, whose layout.yaml is a regular file inside that folder."""
    if not _LAYOUT_NAME.match(name) or ".." in name:
        diag.error(loc, f"a layout is named by a plain name, not a path: got '{quote(name)}'",
                   f"the layouts are: {', '.join(available(project))}" if available(project) else None)
        return None
    for d in layout_dirs(project):
        found = confine(f"{name}/layout.yaml", [d], [d])
        if found.problem:
            diag.error(loc, f"layout '{name}': layouts/{name}/layout.yaml {found.problem}",
                       "a layout is a folder of regular files inside layouts/")
            return None
        if found.path is not None:
            return d / name
    diag.error(loc, f"unknown layout '{quote(name)}'",
               did_you_mean(name, available(project)) if available(project) else None)
    return None


def _merge(base: YMap, override: YMap) -> YMap:
    """`override` over `base`: mappings merge key by key, anything else replaces."""
    out = YMap(base)
    out.loc = override.loc
    out.key_locs = {**base.key_locs, **override.key_locs}
    out.value_locs = {**base.value_locs, **override.value_locs}
    for key, value in override.items():
        if isinstance(value, YMap) and isinstance(base.get(key), YMap):
            out[key] = _merge(base[key], value)
        else:
            out[key] = value
    return out


def _length(f: Fields, key: str, default: float | None = None) -> float | None:
    if not f.has(key):
        if default is None:
            f.error_at(f.loc, f"'{key}' is missing", f"add e.g. `{key}: 12mm`")
        return default
    value = parse_length(f.m[key])
    if value is None:
        f.error(key, f"must be a length such as 9pt, 4mm or 0.5in, got {type_name(f.m[key])}")
        return default
    return value


def _build(name: str, dirs: list[Path], m: YMap, language: str, project: Path, diag: Diagnostics) -> Layout:
    f = Fields(m, f"layout '{name}'", diag, LAYOUT_FIELDS)
    page = Fields(f.mapping("page", required=True) or YMap(), "page", diag, PAGE_FIELDS) if f.has("page") else None
    size = _page_size(page) if page else (0.0, 0.0)
    margins = Margins(0, 0, 0, 0)
    if page and page.has("margins"):
        mf = Fields(page.mapping("margins"), "page margins", diag, MARGIN_FIELDS)
        margins = Margins(*(_length(mf, k) or 0.0 for k in MARGIN_FIELDS))
    colours = _colours(f, diag)
    styles = _styles(f, colours, diag)
    sections = _section_list(f, "sections")
    covers, cover_text_top = _covers(f, dirs, [project, *dirs], diag)
    people = Fields(f.mapping("people") or _empty(m), "people", diag, ("show_titles", "et_al"))
    index = Fields(f.mapping("index") or _empty(m), "index", diag,
                   ("columns", "particles", "gap", "header", "committees"))
    for colour in REQUIRED_COLOURS:
        if colour not in colours:
            diag.error(f.loc_of("colours"), f"layout '{name}' has no colour '{colour}'",
                       f"add it under colours:, e.g. `{colour}: \"#777777\"`")
    return Layout(
        name=name, dirs=tuple(dirs), page_size=size, margins=margins,
        head=_length(page, "head", 10.0) if page else 0.0, foot=_length(page, "foot", 10.0) if page else 0.0,
        fonts=_fonts(f, diag), colours=colours, styles=styles,
        sections=sections,
        labels=_labels(f, language, diag), covers=covers, cover_text_top=cover_text_top,
        show_titles=people.flag("show_titles", True), et_al=people.integer("et_al", minimum=1) or 3,
        index_columns=index.integer("columns", minimum=1) or 2,
        index_particles=index.choice("particles", ("keep", "ignore"), default="keep"),
        index_gap=_length(index, "gap", 14.0), index_header=_length(index, "header", 68.0),
        loc=m.loc, printing=read_print(f.mapping("print"), size, diag), grid=read_grid(f.mapping("glance"), diag),
        fallback_fonts=tuple(Path(name) for name in f.text_list("fallback_fonts")),
        start_on_right=_section_list(f, "start_on_right"),
        inserts=read_inserts(f.items("inserts"), dirs, SECTION_NAMES, diag, roots=[project, *dirs]),
        index_committees=index.flag("committees", False),
        sponsors_on_back_cover=Fields(f.mapping("sponsors") or _empty(m), "sponsors", diag,
                                      ("back_cover",)).flag("back_cover", False),
        without_abstract=Fields(f.mapping("abstracts") or _empty(m), "abstracts", diag, ("without_abstract",))
        .choice("without_abstract", WITHOUT_ABSTRACT, default="leave_out"),
        foot_version=Fields(f.mapping("running_foot") or _empty(m), "running_foot", diag, ("version",))
        .flag("version", False),
        **_programme(f.mapping("programme") or _empty(m), diag),
        sheets=read_sheets(f.mapping("sheets"), diag, m.get("fonts")))


def _programme(m: YMap, diag: Diagnostics) -> dict:
    """`programme: {qr_codes: true, qr_size: 13mm}`: QR codes of the contributions' URLs (off by default)."""
    p = Fields(m, "programme", diag, ("qr_codes", "qr_size"))
    size = _length(p, "qr_size", QR_DEFAULT)
    if not QR_SIZE[0] - 1e-6 <= size <= QR_SIZE[1] + 1e-6:
        p.error("qr_size", f"must be between 8mm and 40mm, got {size * 25.4 / 72:.1f}mm",
                "a code smaller than 8 mm is hard for a phone to read; 12–14 mm suits an A5 programme")
        size = QR_DEFAULT
    return {"qr_codes": p.flag("qr_codes", False), "qr_size": size}


def _section_list(f: Fields, key: str) -> tuple[str, ...]:
    names = f.text_list(key)
    for i, name in enumerate(names):
        if name not in SECTION_NAMES:
            f.error_at(f.m[key].loc_of(i), f"unknown section '{name}'", did_you_mean(name, SECTION_NAMES))
    return tuple(name for name in names if name in SECTION_NAMES)


def _empty(m: YMap) -> YMap:
    e = YMap()
    e.loc, e.key_locs, e.value_locs = m.loc, {}, {}
    return e


def _page_size(page: Fields) -> tuple[float, float]:
    raw = page.m.get("size")
    if isinstance(raw, str) and raw in PAGE_SIZES:
        return tuple(PAGE_SIZES[raw])
    if isinstance(raw, list) and len(raw) == 2:
        w, h = parse_length(raw[0]), parse_length(raw[1])
        if w and h:
            return (w, h)
    page.error("size", f"must be one of {', '.join(PAGE_SIZES)} or [width, height], got {type_name(raw)}",
               did_you_mean(str(raw), PAGE_SIZES) if isinstance(raw, str) else None)
    return PAGE_SIZES["A5"]


def _colours(f: Fields, diag: Diagnostics) -> dict[str, str]:
    m = f.mapping("colours")
    if m is None:
        return {}
    out = {}
    for key, value in m.items():
        if not isinstance(value, str) or not _is_hex(value):
            diag.error(m.loc_of(key), f"colour '{key}' must be written #rrggbb, got {type_name(value)}")
            continue
        out[key] = value
    return out


def _is_hex(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])


def _styles(f: Fields, colours: dict[str, str], diag: Diagnostics) -> dict[str, StyleSpec]:
    m = f.mapping("styles", required=True)
    out = {}
    for role, spec in (m or {}).items():
        if not isinstance(spec, YMap):
            diag.error(m.loc_of(role), f"style '{role}' must be a mapping of font, size, ...")
            continue
        s = Fields(spec, f"style '{role}'", diag, STYLE_FIELDS)
        size = _length(s, "size", 9.0)
        colour = s.text("colour") or "#000000"
        if not _is_hex(colour):
            if colour in colours:
                colour = colours[colour]
            else:
                s.error("colour", f"unknown colour '{colour}'", did_you_mean(colour, colours) if colours else
                        "define it under colours:, or write #rrggbb")
                colour = "#000000"
        out[role] = StyleSpec(
            role=role, font=s.text("font") or "serif", size=size, leading=_length(s, "leading", size * 1.25),
            align=s.choice("align", ALIGNMENTS, default="left"), colour=colour,
            space_before=_length(s, "space_before", 0.0), space_after=_length(s, "space_after", 0.0),
            indent=_length(s, "indent", 0.0), first_indent=_length(s, "first_indent", 0.0),
            hyphenate=s.flag("hyphenate", False), keep_with_next=s.flag("keep_with_next", False),
            upper=s.flag("upper", False), loc=spec.loc)
    return out


def _fonts(f: Fields, diag: Diagnostics) -> dict[str, FontFamily]:
    m = f.mapping("fonts", required=True)
    out = {}
    for family, faces in (m or {}).items():
        if not isinstance(faces, YMap):
            diag.error(m.loc_of(family), f"font family '{family}' must map faces to files",
                       "e.g. {regular: X-Regular.ttf, bold: X-Bold.ttf}")
            continue
        ff = Fields(faces, f"font family '{family}'", diag, FACES)
        files = {face: ff.text(face, required=(face == "regular"), example=f"{family}-Regular.ttf")
                 for face in FACES}
        out[family] = FontFamily(family, {face: Path(name) for face, name in files.items() if name}, faces.loc)
    return out


def _labels(f: Fields, language: str, diag: Diagnostics) -> dict[str, str]:
    """Words for `language`, English filling any gap; a layout may override each."""
    m = f.mapping("labels", required=True)
    if m is None:
        return {}
    lang = language.split("-")[0].split("_")[0]
    out: dict[str, str] = {}
    for code in ("en", lang):
        table = m.get(code)
        if table is None:
            if code == lang:
                diag.warn(m.loc, f"no labels for language '{lang}'; English words are used",
                          f"add a `{lang}:` table under labels")
            continue
        if not isinstance(table, YMap):
            diag.error(m.loc_of(code), f"labels for '{code}' must be a mapping")
            continue
        out.update({str(k): str(v) for k, v in table.items()})
    return out


COVER_FIELDS = ("front", "back", "text_top")


def _covers(f: Fields, dirs: list[Path], roots: list[Path],
            diag: Diagnostics) -> tuple[dict[str, Path], float | None]:
    """Cover PDFs named in the layout (found in its folder or an ancestor's), and
    where the title text starts on the front cover (None: the artwork has its own)."""
    m = f.mapping("covers")
    if m is None:
        return {}, None
    c = Fields(m, "covers", diag, COVER_FIELDS)
    files = {}
    for side in ("front", "back"):
        name = c.text(side)
        if name is None:
            continue
        found = confine(name, dirs, roots)
        if found.path is None:
            c.error(side, f"names '{quote(name)}', which {found.problem or 'is not in the layout folder'}",
                    "a cover is a PDF file in the layout's folder")
            continue
        files[side] = found.path
    return files, _length(c, "text_top", -1.0) if c.has("text_top") else None
