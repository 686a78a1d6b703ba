"""The organiser's own pages: `content/pages/*.md`, YAML front matter and a Markdown body.

```markdown
---
title: Welcome
place: front          # front | back | before:<section> | after:<section>
order: 1              # several pages at one place: lowest first, then by file name
contents: false       # not listed in the contents (default: listed)
start: right          # open on a right-hand page
columns: 2            # long text in two columns
---
Dear colleagues, ...
```

The images a body names (`![Venue map](images/venue.png){width=100%}`) are found here,
relative to the content folder and never outside the project, and read for their size;
a missing or unreadable image is an error at the line that names it.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import Diagnostics, Loc
from .model import ImageFile, Page
from .paths import confine, hidden, quote
from .schema import Fields, did_you_mean, type_name
from .yamlio import YMap, parse_yaml, read_text

PAGE_FIELDS = ("title", "place", "order", "contents", "start", "columns")
PLACES = ("front", "back", "before", "after")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
# An image as CommonMark writes it: ![alt](path "title"), the path optionally in <...>.
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]+)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def read_pages(folder: Path, content_dir: Path, root: Path, sections: tuple[str, ...], shown,
               diag: Diagnostics) -> tuple[Page, ...]:
    """Every `*.md` in `folder` (content/pages), in file-name order; `shown` names a path in messages."""
    if not folder.is_dir():
        return ()
    out = []
    for path in sorted(p for p in folder.glob("*.md") if not hidden(p, folder) and not p.is_dir()):
        found = confine(path.name, [folder], [root])
        if found.path is None:
            diag.error(Loc(shown(path)), f"{found.problem or 'cannot be read'}; the page is not read",
                       "a page is a regular Markdown file inside the project; copy the file in")
            continue
        page = read_page(path, content_dir, root, sections, shown, diag)
        if page is not None:
            out.append(page)
    return tuple(out)


def read_page(path: Path, content_dir: Path, root: Path, sections: tuple[str, ...], shown,
              diag: Diagnostics) -> Page | None:
    name = shown(path)
    text = read_text(path, name, diag, encoding="utf-8-sig")   # -sig: a byte-order mark is not text
    if text is None:
        return None
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if match is None:
        diag.error(Loc(name, 1), "a page starts with front matter between two '---' lines",
                   "begin the file with `---`, a line `title: ...`, a line `place: front`, then `---`")
        return None
    # Blank lines first, so that lines in messages are the file's own lines (line 1 is '---').
    errors = len(diag.errors)
    data = parse_yaml("\n" + (match[1] or ""), name, diag)
    if not isinstance(data, YMap):
        if len(diag.errors) == errors:   # a syntax error said enough
            diag.error(Loc(name, 2), f"page front matter: expected fields such as `title: Welcome`, "
                                     f"got {type_name(data)}")
        return None
    f = Fields(data, f"page '{path.stem}'", diag, PAGE_FIELDS)
    title = f.text("title", required=True, example="Welcome")
    place, section = _place(f, sections)
    columns = f.integer("columns", minimum=1)
    if columns is not None and columns > 2:
        f.error("columns", f"must be 1 or 2, got {columns}")
        columns = 2
    start = f.text("start")
    if start is not None and start not in ("right", "any"):
        f.error("start", f"must be 'right' (open on a right-hand page), got '{start}'")
    body_line = text[:match.end()].count("\n")
    body = text[match.end():]
    images = find_images(body, body_line, name, content_dir, root, shown, diag, f"page '{path.stem}': ")
    order, contents = f.integer("order") or 0, f.flag("contents", True)
    if title is None or place is None:
        return None
    return Page(name=path.stem, title=title, place=place, section=section, order=order,
                contents=contents, start_right=start == "right", columns=columns or 1,
                body=body, body_loc=Loc(name, body_line), images=images, loc=Loc(name, 1))


def _place(f: Fields, sections: tuple[str, ...]) -> tuple[str | None, str | None]:
    value = f.text("place") or "back"
    where, _, section = value.partition(":")
    where, section = where.strip(), section.strip()
    if where not in PLACES:
        f.error("place", f"must be front, back, before:<section> or after:<section>; got '{quote(value)}'",
                did_you_mean(where, PLACES))
        return None, None
    if where in ("front", "back"):
        if section:
            f.error("place", f"'{where}' takes no section, got '{quote(value)}'", f"write `place: {where}`")
        return where, None
    if section not in sections:
        f.error("place", f"unknown section '{section}'" if section else f"'{where}:' names no section",
                did_you_mean(section, sections))
        return None, None
    return where, section


def find_images(body: str, body_line: int, name: str, content_dir: Path, root: Path, shown,
                diag: Diagnostics, what: str = "") -> dict[str, ImageFile]:
    """The images Markdown `body` names, outside fenced code, each checked once; `body_line` is the
    line before its first (messages name file `name` and the line of each image)."""
    out: dict[str, ImageFile] = {}
    fenced = False
    for number, line in enumerate(body.split("\n"), start=body_line + 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _IMAGE.finditer(line):
            src = match[1].strip("<>")
            if src in out or re.match(r"(?i)^[a-z][a-z0-9+.-]*:", src):   # a URL is not fetched: shown as text
                continue
            image = image_file(src, Loc(name, number), content_dir, root, shown, diag, what)
            if image is not None:
                out[src] = image
    return out


def image_file(src: str, loc: Loc, content_dir: Path, root: Path, shown, diag: Diagnostics,
               what: str = "") -> ImageFile | None:
    """The image at `src` (relative to the content folder), read for its size; errors go to `diag`,
    `what` (e.g. "sponsor 'Acme': logo: ") before their message."""
    if what:
        diag = _Prefixed(diag, what)
    found = confine(src, [content_dir], [root])
    if found.problem:
        diag.error(loc, f"image '{quote(src)}' {found.problem}",
                   "copy it into the project, e.g. content/images/, and name it from there")
        return None
    if found.path is None:
        diag.error(loc, f"image '{quote(src)}' is not there",
                   f"paths are relative to the content folder ({shown(content_dir)})")
        return None
    path = found.path
    suffix = path.suffix.lower()
    if suffix == ".svg":
        size = svg_size(path)
        if isinstance(size, str):
            diag.error(loc, f"image '{quote(src)}' cannot be read: {size}", "save it again as plain SVG, or as PNG")
            return None
        return ImageFile(path, shown(path), "svg", size, loc)
    if suffix not in RASTER:
        diag.error(loc, f"image '{quote(src)}': unknown image type '{suffix}'", "use PNG, JPEG or SVG")
        return None
    size = raster_size(path)
    if isinstance(size, str):
        diag.error(loc, f"image '{quote(src)}' cannot be read: {size}", "save it again as PNG or JPEG")
        return None
    return ImageFile(path, shown(path), "raster", size, loc)


def raster_size(path: Path) -> tuple[int, int] | str:
    """A PNG or JPEG file's size in pixels, checked to be what its name says and whole; or what is wrong."""
    suffix = path.suffix.lower()
    try:
        from PIL import Image   # Pillow: ReportLab's own dependency
        with Image.open(path) as img:
            if img.format != RASTER[suffix]:
                return f"it is not a {RASTER[suffix]} file"
            img.verify()
            return img.size
    except Exception as exc:   # Pillow raises many kinds for a damaged file
        return str(exc)


_SVG_UNITS = {"": 0.75, "px": 0.75, "pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pc": 12.0}


def svg_size(path: Path) -> tuple[float, float] | str:
    """An SVG's size in points, from its width and height or else its viewBox; or what is wrong."""
    from defusedxml import ElementTree   # no entity expansion, no external references

    try:
        root = ElementTree.parse(path).getroot()
    except Exception as exc:   # a syntax error, or what defusedxml forbids
        return f"not SVG ({exc})"
    if not root.tag.endswith("svg"):
        return "not SVG (its root is not <svg>)"

    def length(value):
        match = re.match(r"^\s*([0-9.]+)\s*(px|pt|mm|cm|in|pc)?\s*$", value or "")
        return float(match[1]) * _SVG_UNITS[match[2] or ""] if match else None

    width, height = length(root.get("width")), length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            bw, bh = float(box[2]) * 0.75, float(box[3]) * 0.75
        except ValueError:
            return "its viewBox is not four numbers"
        width, height = width or (height * bw / bh if height else bw), height or (width * bh / bw if width else bh)
    if not width or not height:
        return "it gives no width and height, nor a viewBox"
    return (width, height)


class _Prefixed:
    """Diagnostics that put `what` before each error's message."""

    def __init__(self, diag: Diagnostics, what: str):
        self.diag, self.what = diag, what

    def error(self, loc: Loc | None, message: str, hint: str | None = None) -> None:
        self.diag.error(loc, self.what + message, hint)
