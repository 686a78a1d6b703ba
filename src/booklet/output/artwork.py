"""A designed PDF (a cover or an insert) read as artwork for the booklet's pages.

Each page is checked against the trim size (exactly the trim, the trim plus the layout's bleed
on every side, or a TrimBox of the trim size), and an unreadable or damaged file is an error
naming it. What a viewer shows is what is kept: the CropBox is honoured, optional-content layers
that are off stay off, annotations with appearances are drawn onto the page. Links are not
trusted: only web and e-mail addresses, and jumps to other pages of the same file, are carried
over (`safe_links`); every other action is dropped with a warning.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from ..errors import Diagnostics, Loc

SIZE_TOLERANCE = 1.0  # points: designers' exports round to 0.1 mm


@dataclass(frozen=True, slots=True)
class Artwork:
    """A page of a designed PDF (cover or insert), with where its trim box lies."""

    page: PageObject | None    # None: a blank page (an inside cover left white, the back of an odd insert)
    trim: tuple[float, float]  # lower-left corner of the trim box, in the page's coordinates
    bleed: float               # how far the artwork runs beyond the trim on every side
    overlay: PageObject | None = None   # a trim-size page drawn over it (the title on the front cover)
    links: tuple[WebLink, ...] = ()   # its links that may be carried over (see safe_links)
    origin: tuple[str, int] | None = None   # (file, page index): where it comes from, for jumps
    jumps: tuple[Jump, ...] = ()       # its links to other pages of the same file


@dataclass(frozen=True, slots=True)
class Jump:
    """A link of a designed page to another page of the same file (a GoTo action or a /Dest)."""

    rect: tuple[float, float, float, float]   # in the page's coordinates
    target: int                               # index of the page it leads to, in its file


@dataclass(frozen=True, slots=True)
class WebLink:
    """A link of a designed page that leads to a web page or an e-mail address, and nothing else."""

    rect: tuple[float, float, float, float]   # in the page's coordinates
    uri: str                                  # http, https or mailto


# Nothing to draw: an inside cover left white, the back of an odd insert, padding, and a
# body page until an edition reads it from the body PDF (with_body).
BLANK = Artwork(None, (0.0, 0.0), 0.0)


def read_artwork(path: Path, trim: tuple[float, float], bleed: float, shown: str, diag: Diagnostics, *,
                 what: str, max_pages: int | None = None) -> list[Artwork]:
    """The pages of a designed PDF, each checked against the trim size (with or without bleed), as a
    viewer shows them: layers that are off left out, annotations with an appearance drawn in.
    Whatever pypdf cannot read in it is an error naming the file (and page), never an exception."""
    with _PypdfLog() as log:
        try:
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                diag.error(Loc(shown), f"the {what} PDF is protected by a password: booklet cannot open it",
                           "export it again without a password to open it (a password for editing is fine)")
                return []
            pages = list(reader.pages)
        except DependencyError as exc:
            diag.error(Loc(shown), f"cannot read {what} PDF: it is encrypted in a way that needs the "
                                   f"'cryptography' package ({exc})", "pip install cryptography")
            return []
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged or non-PDF file
            diag.error(Loc(shown), f"cannot read {what} PDF: {exc or type(exc).__name__}",
                       "export it again as a PDF file")
            return []
        opened = log.take()
        if not pages or (max_pages and len(pages) > max_pages):
            diag.error(Loc(shown), f"a {what} PDF has 1 page (outside) or 2 (outside and inside), this one has "
                                   f"{len(pages)}" if max_pages else f"the {what} PDF has no pages")
            return []
        out, broken, loose = [], False, set()
        for number, page in enumerate(pages, 1):
            try:
                art = _read_page(page, number, reader, trim, bleed, Loc(shown), diag, what, log)
                loose |= _unembedded_fonts(page.get("/Resources"), 0)
            except Exception as exc:  # noqa: BLE001 - a damaged object pypdf meets only now
                art = None
                diag.error(Loc(shown), f"page {number} cannot be read: {str(exc)[:200] or type(exc).__name__}",
                           "export it again as a PDF file")
            if art is None:
                broken = True
            else:
                out.append(art)
        if broken:
            return []
    for line in dict.fromkeys(opened + log.take()):
        diag.warn(Loc(shown), f"pypdf: {line}", "if the pages look wrong, export the PDF again")
    if loose:
        diag.warn(Loc(shown), f"the {what} uses fonts that are not embedded: {', '.join(sorted(loose))}",
                  "export it with all fonts embedded; a print shop or viewer would substitute them")
    return out


def _read_page(page: PageObject, number: int, reader: PdfReader, trim: tuple[float, float], bleed: float,
               loc: Loc, diag: Diagnostics, what: str, log: _PypdfLog) -> Artwork | None:
    """One page of a designed PDF, decoded and checked; None after an error."""
    contents = page.get_contents()               # decode now: a damaged file fails here, not in a merge
    if contents is not None:
        contents.get_data()
    trouble = log.take()
    if trouble:
        diag.error(loc, f"page {number}: its content cannot be decoded ({trouble[0]})",
                   "export it again as a PDF file; a viewer would show this page blank or damaged")
        return None
    if page.rotation % 360:
        diag.error(loc, f"page {number} is turned by {page.rotation}° (/Rotate); "
                        f"{what} pages must be upright", "export it again without rotation")
        return None
    art = _trim_of(page, trim, bleed)
    if art is None:
        size = (float(page.cropbox.width), float(page.cropbox.height))
        with_bleed = f" or {in_mm((trim[0] + 2 * bleed, trim[1] + 2 * bleed))} (with bleed)" if bleed else ""
        diag.error(loc, f"page {number} is {in_mm(size)}; {what} pages must be {in_mm(trim)} "
                        f"(the booklet's trim size){with_bleed}",
                   "export it at the layout's page size, or set its TrimBox to the trim size")
        return None
    links = safe_links(page, loc, number, diag)
    return replace(art, page=_as_shown(page, reader, loc, number, diag), links=links,
                   origin=(str(loc.path), number - 1), jumps=_jumps(page, reader))


# Links an inserted page may bring into the booklet: a URI action to one of these schemes, rebuilt
# from its URI alone, so that nothing else the action dictionary holds (/Next chains, /F, /JS) or the
# annotation holds (/AA) comes along. Everything else is left out, with a warning when it could act.
SAFE_SCHEMES = ("http", "https", "mailto")


def safe_links(page: PageObject, loc: Loc, number: int, diag: Diagnostics) -> tuple[WebLink, ...]:
    """The http, https and mailto links of `page`; unsafe actions and malformed annotations are left
    out with a warning naming the page."""
    annots = page.get("/Annots")
    if annots is None:
        return ()
    annots = annots.get_object()
    if not isinstance(annots, ArrayObject):
        diag.warn(loc, f"page {number}: its annotation list (/Annots) is not an array; its annotations are "
                       "left out", "export the PDF again")
        return ()
    links, unsafe, malformed = [], set(), 0
    for ref in annots:
        annot = ref.get_object() if ref is not None else None
        if not isinstance(annot, DictionaryObject):
            malformed += 1
            continue
        if annot.get("/Subtype") != "/Link":
            if "/A" in annot or "/AA" in annot:
                unsafe.add(f"a {str(annot.get('/Subtype', 'annotation')).lstrip('/')} with an action")
            continue
        rect = _rect(annot.get("/Rect"))
        action = annot.get("/A")
        action = action.get_object() if action is not None else None
        if rect is None:
            malformed += 1
            continue
        if "/AA" in annot:
            unsafe.add("additional actions (/AA)")
        if not isinstance(action, DictionaryObject):
            continue                                  # a /Dest into its own document: leads nowhere here
        kind = action.get("/S")
        if kind == "/GoTo":
            continue                                  # into its own document: leads nowhere here
        uri = _safe_uri(action.get("/URI")) if kind == "/URI" else None
        if uri is None:
            unsafe.add(_describe(kind, action.get("/URI")))
            continue
        if "/Next" in action:
            unsafe.add("a /Next chain")
        links.append(WebLink(rect, uri))
    if malformed:
        diag.warn(loc, f"page {number}: {malformed} malformed annotation{'s' if malformed > 1 else ''} (a null "
                       "entry, or no /Rect of four numbers) left out", "export the PDF again")
    if unsafe:
        diag.warn(loc, f"page {number}: links with {', '.join(sorted(unsafe))} left out; only http, https and "
                       "mailto links are carried into the booklet", "link to a web page instead")
    return tuple(links)


def _jumps(page: PageObject, reader: PdfReader) -> tuple[Jump, ...]:
    """The links of `page` to pages of its own file: a /Dest, or a GoTo action with a /D, given as
    an array or by name. Any other key of the action (a /Next chain) is not carried over."""
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else None
    if not isinstance(annots, ArrayObject):
        return ()
    out = []
    for ref in annots:
        annot = ref.get_object() if ref is not None else None
        if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") != "/Link":
            continue
        rect = _rect(annot.get("/Rect"))
        action = annot.get("/A")
        action = action.get_object() if action is not None else None
        if isinstance(action, DictionaryObject):
            dest = action.get("/D") if action.get("/S") == "/GoTo" else None
        else:
            dest = annot.get("/Dest")
        target = _page_of(dest, reader) if dest is not None else None
        if rect is not None and target is not None:
            out.append(Jump(rect, target))
    return tuple(out)


def _page_of(dest, reader: PdfReader) -> int | None:
    """The index of the page a destination leads to, or None."""
    try:
        dest = dest.get_object()
        if isinstance(dest, str):                     # a named destination
            named = reader.named_destinations.get(str(dest))
            number = reader.get_destination_page_number(named) if named is not None else None
        elif isinstance(dest, ArrayObject) and dest and isinstance(dest[0], IndirectObject):
            number = reader.get_page_number(dest[0])
        else:
            number = None
        return number if number is not None and 0 <= number < len(reader.pages) else None
    except Exception:  # noqa: BLE001 - a damaged destination: the link is left out
        return None
    return None


def _rect(value) -> tuple[float, float, float, float] | None:
    value = value.get_object() if hasattr(value, "get_object") else value
    if not isinstance(value, ArrayObject) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v.get_object()) for v in value)
    except (TypeError, ValueError, AttributeError):
        return None
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _safe_uri(value) -> str | None:
    uri = _safe_text(value).strip()
    uri = "".join(c if ord(c) < 0x80 else quote(c) for c in uri)   # a URI is 7-bit: IRIs percent-encoded
    scheme, colon, rest = uri.partition(":")
    if not colon or scheme.lower() not in SAFE_SCHEMES or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in uri):
        return None
    if scheme.lower() == "mailto":
        return uri if rest else None
    return uri if rest.startswith("//") and len(rest) > 2 else None


def _describe(kind, uri) -> str:
    if kind == "/URI":
        text = _safe_text(uri)
        scheme = text.strip().partition(":")[0].lower() if ":" in text else ""
        return f"{scheme}: addresses" if scheme.isalnum() else "addresses that are not http, https or mailto"
    return f"{str(kind).lstrip('/')} actions" if kind is not None else "actions of no kind (/S)"


def _safe_text(value) -> str:
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value) if isinstance(value, str) else ""


class _PypdfLog(logging.Handler):
    """pypdf's own warnings while a file is read (it logs what it repairs or cannot decode), kept
    to be reported with the file's name instead of going to stderr on their own."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.logger = logging.getLogger("pypdf")

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage().strip()[:200])

    def take(self) -> list[str]:
        lines, self.lines = self.lines, []
        return lines

    def __enter__(self) -> _PypdfLog:
        self.propagate, self.logger.propagate = self.logger.propagate, False
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self)
        self.logger.propagate = self.propagate


# -- a designed page as a viewer shows it ------------------------------------------------------

HIDDEN_FLAGS = 1 << 1 | 1 << 5     # annotation flags Hidden and NoView


def _as_shown(page: PageObject, reader: PdfReader, loc: Loc, number: int, diag: Diagnostics) -> PageObject:
    """`page`, or a copy whose content leaves out optional content that is off and draws the
    appearances of its visible annotations (links excepted: see safe_links) on top."""
    off = _layers_off(reader)
    notes = _appearances(page, off)
    if not off and not notes:
        return page
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    resources = page.get("/Resources")
    resources = DictionaryObject(resources.get_object() if resources is not None else {})
    if off:
        try:
            source = DecodedStreamObject()
            source.set_data(data)
            stream = ContentStream(source, reader)
            if _without_layers(stream, resources, off, reader):
                data = stream.get_data()
        except Exception as exc:  # noqa: BLE001 - a content stream pypdf cannot parse
            diag.warn(loc, f"page {number}: its layers that are off could not be left out ({exc})",
                      "export the PDF again with those layers removed or flattened")
    if notes:
        xobjects = resources.get("/XObject")
        xobjects = DictionaryObject(xobjects.get_object() if xobjects is not None else {})
        drawn = []
        for index, (appearance, matrix) in enumerate(notes):
            name = f"/BkAnnot{index}"
            xobjects[NameObject(name)] = appearance
            drawn.append(f"q {' '.join(f'{v:.4f}' for v in matrix)} cm {name} Do Q")
        resources[NameObject("/XObject")] = xobjects
        data = b"q\n" + data + b"\nQ\n" + "\n".join(drawn).encode("ascii") + b"\n"
    shown = PageObject(reader)
    for key, value in page.items():
        if key not in ("/Contents", "/Resources", "/Annots", "/Parent"):
            shown[NameObject(key)] = value
    stream = DecodedStreamObject()
    stream.set_data(data)
    shown[NameObject("/Contents")] = stream
    shown[NameObject("/Resources")] = resources
    return shown


def _layers_off(reader: PdfReader) -> set:
    """The optional content groups (as (id, generation)) a viewer hides when it opens the file."""
    try:
        props = reader.trailer["/Root"].get_object().get("/OCProperties")
        if props is None:
            return set()
        props = props.get_object()
        config = props.get("/D")
        config = config.get_object() if config is not None else DictionaryObject()
        def refs(array) -> set:
            array = array.get_object() if array is not None else []
            return {(r.idnum, r.generation) for r in array if isinstance(r, IndirectObject)}
        if config.get("/BaseState") == "/OFF":
            return refs(props.get("/OCGs")) - refs(config.get("/ON"))
        return refs(config.get("/OFF"))
    except Exception:  # noqa: BLE001 - a damaged /OCProperties: show every layer, as most viewers do
        return set()


def _hidden(oc, off: set) -> bool:
    """Whether an /OC entry (a group, or a membership dictionary) is hidden."""
    ref = oc if isinstance(oc, IndirectObject) else None
    oc = oc.get_object() if oc is not None else None
    if not isinstance(oc, DictionaryObject):
        return False
    if oc.get("/Type") == "/OCMD":
        groups = oc.get("/OCGs")
        groups = groups.get_object() if groups is not None else []
        groups = groups if isinstance(groups, ArrayObject) else [oc.raw_get("/OCGs")]
        states = [not _hidden(g, off) for g in groups if g is not None]
        if not states:
            return False
        policy = oc.get("/P", "/AnyOn")
        visible = {"/AllOn": all(states), "/AnyOff": not all(states), "/AllOff": not any(states)}.get(policy,
                                                                                                     any(states))
        return not visible
    return ref is not None and (ref.idnum, ref.generation) in off


def _without_layers(content: ContentStream, resources: DictionaryObject, off: set, reader: PdfReader,
                    depth: int = 0) -> bool:
    """Leave out of `content` what is marked as, or drawn from an XObject in, a layer that is off;
    forms it draws are filtered the same way (a few levels deep), as copies put into `resources`
    (a copy the caller owns). Whether anything changed."""
    properties = resources.get("/Properties")
    properties = properties.get_object() if properties is not None else DictionaryObject()
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
    kept, skipping, changed, copies = [], 0, False, {}   # skipping: depth inside a hidden section
    for operands, operator in content.operations:
        if skipping:
            if operator in (b"BDC", b"BMC"):
                skipping += 1
            elif operator == b"EMC":
                skipping -= 1
            continue
        if operator == b"BDC" and len(operands) == 2 and operands[0] == "/OC":
            tag = operands[1]
            oc = tag if isinstance(tag, DictionaryObject) else (
                properties.raw_get(tag) if isinstance(tag, NameObject) and tag in properties else None)
            if oc is not None and _hidden(oc, off):
                skipping, changed = 1, True
                continue
        if operator == b"Do" and operands and isinstance(operands[0], NameObject) and operands[0] in xobjects:
            name = operands[0]
            xobject = xobjects[name].get_object()
            if "/OC" in xobject and _hidden(xobject.raw_get("/OC"), off):
                changed = True
                continue
            if xobject.get("/Subtype") == "/Form" and depth < 4 and name not in copies:
                inner = xobject.get("/Resources")
                inner = DictionaryObject(inner.get_object() if inner is not None else {})
                stream = ContentStream(xobject, reader)
                if _without_layers(stream, inner, off, reader, depth + 1):
                    form = DecodedStreamObject()
                    form.set_data(stream.get_data())
                    for key, value in xobject.items():
                        if key not in ("/Filter", "/DecodeParms", "/Length", "/Resources"):
                            form[NameObject(key)] = value
                    form[NameObject("/Resources")] = inner
                    copies[name] = form
        kept.append((operands, operator))
    if copies:
        resources[NameObject("/XObject")] = DictionaryObject({**xobjects, **copies})
        changed = True
    if changed:
        content.operations = kept
    return changed


def _appearances(page: PageObject, off: set) -> list[tuple]:
    """(appearance stream, matrix onto the page) of each annotation a viewer draws with its own
    appearance: not links (carried as links), not popups, not hidden ones or ones in a layer that is off."""
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else None
    if not isinstance(annots, ArrayObject):
        return []
    out = []
    for ref in annots:
        annot = ref.get_object() if ref is not None else None
        if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") in ("/Link", "/Popup"):
            continue
        try:
            if int(annot.get("/F", 0)) & HIDDEN_FLAGS:
                continue
        except (TypeError, ValueError):
            pass
        if "/OC" in annot and _hidden(annot.raw_get("/OC"), off):
            continue
        rect = _rect(annot.get("/Rect"))
        appearance = annot.get("/AP")
        appearance = appearance.get_object().get("/N") if isinstance(appearance, DictionaryObject) or (
            appearance is not None and isinstance(appearance.get_object(), DictionaryObject)) else None
        if appearance is None or rect is None:
            continue
        raw = appearance
        appearance = appearance.get_object()
        if not isinstance(appearance, StreamObject):          # one appearance per state: the current one
            state = annot.get("/AS")
            raw = appearance.raw_get(state) if isinstance(appearance, DictionaryObject) and state in appearance \
                else None
            appearance = raw.get_object() if raw is not None else None
            if not isinstance(appearance, StreamObject):
                continue
        box = _rect(appearance.get("/BBox"))
        if box is None or box[2] - box[0] <= 0 or box[3] - box[1] <= 0:
            continue
        matrix = _matrix(appearance.get("/Matrix"))
        (bx0, by0, bx1, by1) = _transformed_box(box, matrix)
        if bx1 - bx0 <= 0 or by1 - by0 <= 0:
            continue
        sx, sy = (rect[2] - rect[0]) / (bx1 - bx0), (rect[3] - rect[1]) / (by1 - by0)
        out.append((raw if isinstance(raw, IndirectObject) else appearance,
                    (sx, 0.0, 0.0, sy, rect[0] - bx0 * sx, rect[1] - by0 * sy)))
    return out


def _matrix(value) -> tuple[float, ...]:
    value = value.get_object() if value is not None else None
    try:
        if isinstance(value, ArrayObject) and len(value) == 6:
            return tuple(float(v) for v in value)
    except (TypeError, ValueError):
        pass
    return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _transformed_box(box, m) -> tuple[float, float, float, float]:
    points = [(x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]) for x in (box[0], box[2])
              for y in (box[1], box[3])]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _unembedded_fonts(resources, depth: int) -> set[str]:
    """Names of fonts without a font file, on a page and in the forms it draws (a few levels deep)."""
    found: set[str] = set()
    resources = resources.get_object() if resources is not None else None
    if not resources or depth > 4:
        return found
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if font.get("/Subtype") == "/Type3":
            continue
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2",
                                                                                 "/FontFile3")):
            found.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            found |= _unembedded_fonts(xobject.get("/Resources"), depth + 1)
    return found


def _trim_of(page: PageObject, trim: tuple[float, float], bleed: float) -> Artwork | None:
    media = page.cropbox          # what a viewer shows: the media box unless a CropBox narrows it
    if "/TrimBox" in page and _same(page.trimbox, trim):
        box = page.trimbox
        spare = min(float(box.left - media.left), float(box.bottom - media.bottom),
                    float(media.right - box.right), float(media.top - box.top))
        return Artwork(page, (float(box.left), float(box.bottom)), max(0.0, spare))
    if _same(media, trim):
        return Artwork(page, (float(media.left), float(media.bottom)), 0.0)
    if bleed and _same(media, (trim[0] + 2 * bleed, trim[1] + 2 * bleed)):
        return Artwork(page, (float(media.left) + bleed, float(media.bottom) + bleed), bleed)
    return None


def _same(box, size: tuple[float, float]) -> bool:
    return abs(float(box.width) - size[0]) <= SIZE_TOLERANCE and abs(float(box.height) - size[1]) <= SIZE_TOLERANCE


def in_mm(size) -> str:
    return " × ".join(f"{v / 72 * 25.4:.1f}" for v in size) + " mm"
