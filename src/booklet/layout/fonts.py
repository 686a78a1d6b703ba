"""Register the layout's TrueType fonts with ReportLab, before anything is drawn.

Font files are looked up in the project's fonts/ folder, then booklet's own.
A face a layout names but that is not there is a FontError listing what is;
a missing bold or italic face falls back to regular with a warning, never
silently to Helvetica.

Reading a face's glyph widths and character map takes ReportLab 11 ms, and
many booklets never set some faces (the default one uses five of its eight).
So a face is checked when registered (names, metrics, embedding permission:
under 1 ms) and read in full the first time ReportLab asks for it, through the
hook ReportLab itself calls for a font name it does not know.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from ..content.paths import confine
from ..errors import Diagnostic, Diagnostics, FontError, Loc
from .definition import FACES, Layout
from .resources import builtin_dir

_REPORTLAB_FACE = {"regular": "normal", "bold": "bold", "italic": "italic", "bold_italic": "boldItalic"}


@dataclass(frozen=True, slots=True)
class FontSet:
    """Role names ("serif", "sans-bold") → names registered with ReportLab."""

    names: dict[str, str]
    fallbacks: tuple[Path, ...] = ()   # font files tried in order for missing characters (registered when needed)

    def resolve(self, role: str) -> str:
        return self.names[role]

    def __contains__(self, role: str) -> bool:
        return role in self.names

    def face(self, role: str):
        """The TTF face behind a role, for glyph coverage checks."""
        return pdfmetrics.getFont(self.names[role]).face

    def covered(self) -> set[int]:
        """Code points every family's regular face can draw: text made of these needs no fallback."""
        families = [name for role, name in self.names.items() if "-" not in role]
        maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in families]
        return set.intersection(*maps) if maps else set()

    def fallback_fonts(self) -> list["LazyFont"]:
        return [LazyFont(path) for path in self.fallbacks]


class LazyFont:
    """A fallback font registered the first time a character is looked up in it: most
    programmes never need the 4 MB CJK font, and parsing it costs a noticeable part of a build."""

    def __init__(self, path: Path):
        self.path, self._name, self._cmap = path, None, None

    @property
    def name(self) -> str:
        self.load()
        return self._name

    @property
    def loaded(self) -> bool:
        return self._name is not None

    def __contains__(self, codepoint: int) -> bool:
        self.load()
        return codepoint in self._cmap

    def load(self) -> None:
        if self._name is None:
            self._name = _register_file(self.path)
            self._cmap = pdfmetrics.getFont(self._name).face.charToGlyph


def font_dirs(project: Path) -> list[Path]:
    return [project / "fonts", builtin_dir("fonts")]


def available(project: Path) -> list[str]:
    return sorted({p.name for d in font_dirs(project) if d.is_dir() for p in d.glob("*.tt[fc]")})


def register(layout: Layout, project: Path, diag: Diagnostics) -> FontSet:
    names: dict[str, str] = {}
    _FAMILIES.clear()   # an earlier build's families must not be mapped again over this one's
    for family in layout.fonts.values():
        registered = {}
        for face in FACES:
            file_name = family.faces.get(face)
            if file_name is None:
                continue
            path = _find(file_name, project)
            if path is None:
                have = ", ".join(available(project)) or "none"
                diag.error(family.loc, f"font file '{file_name}' ({family.name} {face}) not found in fonts/",
                           f"have: {have}")
                continue
            try:
                registered[face] = _register_file(path, family.loc)
            except Exception as exc:  # noqa: BLE001 - a damaged font fails in many ways inside ReportLab
                diag.error(family.loc, f"cannot use font file '{file_name}': {_why(exc)}", _FONT_HINT)
        if "regular" not in registered:
            continue
        for face in FACES:
            if face not in registered:
                diag.warn(family.loc, f"font family '{family.name}' has no {face} face; regular is used instead")
                registered[face] = registered["regular"]
        _FAMILIES[registered["regular"]] = {_REPORTLAB_FACE[f]: registered[f] for f in FACES}
        _map_families()
        names[family.name] = registered["regular"]
        names.update({f"{family.name}-{face}": registered[face] for face in FACES})
    fallbacks = []
    for file_name in layout.fallback_fonts:
        path = _find(file_name, project)
        if path is None:
            diag.error(layout.loc, f"fallback font '{file_name}' not found in fonts/",
                       f"have: {', '.join(available(project)) or 'none'}")
        elif path.suffix.lower() != ".ttf":
            diag.error(layout.loc, f"fallback font '{file_name}' is not a TrueType (.ttf) file")
        else:
            fallbacks.append(path)
    diag.raise_if_errors(FontError)
    return FontSet(names, tuple(fallbacks))


def _find(file_name: Path, project: Path) -> Path | None:
    """The font file in the project's fonts/ or booklet's own, never outside them, a regular file;
    else None (the caller lists the fonts there are)."""
    dirs = font_dirs(project)
    return confine(str(file_name), dirs, dirs).path


class TranslatingTTFont(TTFont):
    """A TrueType font that encodes text for the PDF without a Python loop per
    character when it can. (Widths come from ReportLab's C accelerator and are
    remembered in speedups.string_width, through which every measurement goes.)

    Drawing encodes each line through `splitString`, one character at a time,
    to give every character its code in one of the document's font subsets.
    Once a line's characters all have a code in the first subset (nearly every
    line after the first pages), one `str.translate` gives the same bytes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._first_subset = WeakKeyDictionary()   # doc → (codes assigned, their characters, translate table)

    def splitString(self, text, doc, encoding="utf-8"):
        known = self._first_subset_codes(doc) if text and isinstance(text, str) else None
        if known is not None and known[1].issuperset(text):
            return [(0, text.translate(known[2]).encode("latin-1"))]
        return super().splitString(text, doc, encoding)   # assigns codes to characters new to `doc`

    def _first_subset_codes(self, doc):
        """The characters with a code in subset 0 of `doc`'s subsets, updated when codes were added."""
        state = self.state.get(doc)
        if state is None:
            return None
        known = self._first_subset.get(doc)
        if known is None or known[0] != len(state.assignments):
            table = {code: chr(n) for code, n in state.assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]   # ReportLab sets a no-break space as a space
            known = self._first_subset[doc] = (len(state.assignments), frozenset(map(chr, table)), table)
        return known


_PENDING: dict[str, tuple[Path, Loc | None]] = {}   # registered name → its file, and where the layout names it
_FAMILIES: dict[str, dict[str, str]] = {}   # family (its regular face's name) → ReportLab face → font name
_FONT_HINT = "booklet needs TrueType fonts (.ttf) with a Unicode character map; CFF-based .otf fonts are not supported"
_find_font_and_register = pdfmetrics.findFontAndRegister


def _register_file(path: Path, loc: Loc | None = None) -> str:
    """Register once per file, to be read when first used; the registered name is the file's stem.
    A name not read yet follows the latest file registered under it (another project's, say)."""
    name = path.stem
    if name in _PENDING or name not in pdfmetrics.getRegisteredFontNames():
        TTFontFile(str(path), charInfo=0)    # raises TTFError now for most files ReportLab cannot use
        _PENDING[name] = (path, loc)
        pdfmetrics.findFontAndRegister = _read_when_asked
    return name


def _read_when_asked(name: str):
    """ReportLab's getFont calls this for a name it has no font for yet."""
    if name not in _PENDING:
        return _find_font_and_register(name)
    path, loc = _PENDING[name]
    try:
        font = TranslatingTTFont(name, str(path))
    except Exception as exc:  # noqa: BLE001 - a damaged font fails in many ways inside ReportLab
        raise FontError("1 problem found:", (Diagnostic(
            "error", loc or Loc(str(path)), f"cannot use font file '{path.name}': {_why(exc)}", _FONT_HINT),)) from None
    pdfmetrics.registerFont(font)
    del _PENDING[name]
    _map_families()   # registerFont made the face a family of its own: "bold" of NotoSerif-Bold is itself
    return font


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):            # ReportLab looking for a table the file lacks
        return f"it has no '{exc.args[0]}' table"
    return str(exc) or type(exc).__name__


def _map_families() -> None:
    """Tell ReportLab which face is the bold, italic and bold italic of each family, for <b> and <i>."""
    for regular, faces in _FAMILIES.items():
        pdfmetrics.registerFontFamily(regular, **faces)
