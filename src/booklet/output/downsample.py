"""The e-mail edition's raster images at EMAIL_DPI: each image XObject whose pixels exceed
EMAIL_DPI at the largest size it is drawn at is replaced, under its own object number, by a
smaller copy (Pillow, Lanczos). The pages that show it stay as they are, and the print and
imposed editions, which place the body's pages, keep the originals.

The printed size is read from the pages themselves: each page's content stream (and the forms
it shows, as covers and inserts are placed) is followed through `q`, `Q` and `cm` to every
`/Name Do` of an image, whose unit square is then drawn `width` × `height` points. What draws
an image does not matter (a figure, a logo, a template, either part of a two-part layout).

Only what can be read back exactly is touched: 8-bit DeviceRGB or DeviceGray pixels, Flate
(as ReportLab writes PNGs and flattened images) or DCT (JPEG, passed through by ReportLab), with
no mask, decode array or predictor. A JPEG stays a JPEG (re-encoded at JPEG_QUALITY), the rest
stays lossless (Flate). An image is never enlarged, and a copy no smaller than the original is
not used. A body without an image XObject costs a search of its bytes, and of the body's pages
only those whose bytes name an image (or a form with resources) are parsed.

The originals are cut out of the body's bytes (pdf/update.py, `Update.leave_out`): an incremental
update alone would keep them beside their copies, and the file would grow.
"""
from __future__ import annotations

import io
import math
import re
import zlib

from pypdf.generic import (
    ArrayObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
)

from ..pdf.update import Update

EMAIL_DPI = 150
JPEG_QUALITY = 85
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_XOBJECTS = re.compile(rb"/XObject\s*<<(.*?)>>", re.DOTALL)
_INDIRECT_RESOURCES = re.compile(rb"/(?:Resources|XObject)\s+\d+\s+\d+\s+R")
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R")
_HEAD_END = re.compile(rb"\bstream\r?\n|\bendobj\b")
_CHANNELS = {"/DeviceRGB": ("RGB", 3), "/DeviceGray": ("L", 1)}
_FORM_DEPTH = 12        # forms in forms, at most (a cycle would otherwise never end)

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def downsample(update: Update, pages: list[IndirectObject], dpi: float = EMAIL_DPI) -> int:
    """Replace, in `update`, every image drawn on `pages` at more than `dpi` by one at `dpi`;
    how many were replaced. Pages of the original are looked at only when its bytes hold an image."""
    body_images = _IMAGE.search(update.original) is not None
    scales: dict[int, tuple[IndirectObject, float]] = {}   # image number → (ref, largest points per pixel)
    walker = _Walker(update, scales)
    for ref in pages:
        if ref.idnum < update.size and not (body_images and walker.may_show_images(ref.idnum)):
            continue
        page = update.get(ref)
        resources = walker.resolve(page.raw_get("/Resources")) if "/Resources" in page else None
        if walker.images_in(resources):
            walker.walk(_contents(walker, page), resources, _IDENTITY, 0)
    smaller = {}
    for number in sorted(scales):
        ref, points_per_pixel = scales[number]
        copy = _smaller(update.get(ref), points_per_pixel * dpi / 72)
        if copy is not None:
            smaller[number] = (ref, copy)
    # The original's images are cut out of the file, or they would stay in it beside their copies.
    originals = {number for number in smaller if number < update.size}
    if originals and not update.leave_out(originals):
        smaller = {number: made for number, made in smaller.items() if number not in originals}
    for ref, copy in smaller.values():
        update.replace(ref, copy)
    return len(smaller)


def _contents(walker: _Walker, page) -> bytes:
    if "/Contents" not in page:
        return b""
    contents = walker.resolve(page.raw_get("/Contents"))
    if isinstance(contents, ArrayObject):
        return b"\n".join(walker.resolve(part).get_data() for part in contents)
    return contents.get_data()


class _Walker:
    """Follows content streams, recording each image's largest drawn size per pixel."""

    def __init__(self, update: Update, scales: dict):
        self.update, self.scales = update, scales
        self._holds: dict[int, bool] = {}
        self._may: dict[int, bool] = {}

    def resolve(self, obj):
        """`obj`, or the object it refers to in the update or its original (never pypdf's own
        resolution: the update's new objects are numbered past the original's)."""
        return self.update.get(obj) if isinstance(obj, IndirectObject) else obj

    def may_show_images(self, number: int) -> bool:
        """False when the original's object `number` (a page or a form) shows no XObject that is
        an image or a form with resources of its own. Its bytes are searched, not parsed: parsing
        every page of a long booklet took 0.3 ms a page, and most show only ReportLab's page-number
        forms, which have no resources."""
        if number not in self._may:
            self._may[number] = True       # (a form that shows itself)
            head = self._head(number)
            if head is None or _INDIRECT_RESOURCES.search(head):
                return True                # not read here: parsed
            # "/XObject <<": the resources' XObjects ("/Type /XObject" is what a form is)
            names = _XOBJECTS.search(head)
            self._may[number] = names is not None and any(
                self._shows_images(int(n)) for n in _REFERENCE.findall(names.group(1)))
        return self._may[number]

    def _shows_images(self, number: int) -> bool:
        head = self._head(number)
        if head is None or _IMAGE.search(head):
            return True
        return b"/Resources" in head and self.may_show_images(number)

    def _head(self, number: int) -> bytes | None:
        """The original's object `number` up to "stream" or "endobj"; None when not found."""
        original = self.update.original
        offset = self.update.reader.xref.get(0, {}).get(number)
        if offset is None:
            return None
        end = _HEAD_END.search(original, offset)
        return original[offset:end.start()] if end else None

    def xobjects(self, resources) -> dict:
        if resources is None or "/XObject" not in resources:
            return {}
        return self.resolve(resources.raw_get("/XObject")) or {}

    def images_in(self, resources, depth: int = 0) -> bool:
        """Whether drawing with `resources` can show an image (in a form shown, too)."""
        for ref in self.xobjects(resources).values():
            key = ref.idnum if isinstance(ref, IndirectObject) else None
            if key is not None and key in self._holds:
                if self._holds[key]:
                    return True
                continue
            xobject = self.resolve(ref)
            subtype = xobject.get("/Subtype")
            holds = subtype == "/Image" or (
                subtype == "/Form" and depth < _FORM_DEPTH and "/Resources" in xobject
                and self.images_in(self.resolve(xobject.raw_get("/Resources")), depth + 1))
            if key is not None:
                self._holds[key] = holds
            if holds:
                return True
        return False

    def walk(self, content: bytes, resources, ctm: Matrix, depth: int) -> None:
        xobjects = self.xobjects(resources)
        stack: list[Matrix] = []
        for operator, operands in _operations(content):
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                if stack:
                    ctm = stack.pop()
            elif operator == b"cm" and len(operands) >= 6:
                ctm = _times(tuple(float(v) for v in operands[-6:]), ctm)
            elif operator == b"Do" and operands:
                name = operands[-1].decode("latin-1")
                ref = xobjects.get(name)
                if ref is None:
                    continue
                xobject = self.resolve(ref)
                subtype = xobject.get("/Subtype")
                if subtype == "/Image" and isinstance(ref, IndirectObject):
                    self._drawn(ref, xobject, ctm)
                elif subtype == "/Form" and depth < _FORM_DEPTH:
                    inner = self.resolve(xobject.raw_get("/Resources")) if "/Resources" in xobject else resources
                    if self.images_in(inner):
                        matrix = self.resolve(xobject.get("/Matrix")) if "/Matrix" in xobject else None
                        form_ctm = _times(tuple(float(v) for v in matrix), ctm) if matrix else ctm
                        self.walk(xobject.get_data(), inner, form_ctm, depth + 1)

    def _drawn(self, ref: IndirectObject, image, ctm: Matrix) -> None:
        """The image's unit square drawn with `ctm`: its points per pixel across and down, the larger kept."""
        a, b, c, d, _, _ = ctm
        try:
            width, height = int(image.get("/Width")), int(image.get("/Height"))
        except (KeyError, TypeError, ValueError):
            return
        if width <= 0 or height <= 0:
            return
        scale = max(math.hypot(a, b) / width, math.hypot(c, d) / height)
        known = self.scales.get(ref.idnum)
        if known is None or scale > known[1]:
            self.scales[ref.idnum] = (ref, scale)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m × n, PDF's row-vector order: `m cm` with the current matrix `n`."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


# -- content streams: only what places things is read ------------------------------------------------------------
_TOKEN = re.compile(rb"""
    \s+ | %[^\r\n]*                              # white space, comments
  | (?P<string>\() | <[0-9A-Fa-f\s]*> | << | >> | [\[\]{}]
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<operator>[^\s/\[\]()<>{}%]+)
""", re.VERBOSE)
_END_OF_INLINE_IMAGE = re.compile(rb"\sEI(?=\s|$)")


def _operations(content: bytes):
    """(operator, operands) for each operator of `content`; operands are its numbers and names
    (strings, arrays and dictionaries are skipped: q, Q, cm and Do take none)."""
    operands: list[bytes] = []
    at, end = 0, len(content)
    while at < end:
        token = _TOKEN.match(content, at)
        if token is None:          # a lone ")" or ">": not a drawing instruction
            at += 1
            continue
        at = token.end()
        if token.group("string"):
            at = _string_end(content, at)
        elif token.group("name") or token.group("number"):
            operands.append(token.group(0))
        elif token.group("operator"):
            operator = token.group(0)
            if operator == b"ID":   # an inline image: its bytes up to EI are data
                found = _END_OF_INLINE_IMAGE.search(content, at)
                at = found.end() if found else end
            yield operator, operands
            operands = []


def _string_end(content: bytes, at: int) -> int:
    """Where a literal string whose "(" ends before `at` ends (nested parentheses, escapes)."""
    depth, end = 1, len(content)
    while at < end and depth:
        char = content[at]
        if char == 0x5C:          # backslash: the next byte is escaped
            at += 1
        elif char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
        at += 1
    return at


# -- the smaller copy -------------------------------------------------------------------------------------------
def _smaller(image, pixels_per_pixel: float):
    """`image` (an image XObject) at `pixels_per_pixel` of its pixels; None when that would not be
    fewer pixels, when the image is of a kind not read back here, or when the copy is no smaller."""
    from PIL import Image

    width, height = int(image.get("/Width")), int(image.get("/Height"))
    new = (max(1, math.ceil(width * pixels_per_pixel)), max(1, math.ceil(height * pixels_per_pixel)))
    if new[0] >= width or new[1] >= height:
        return None
    kind = _kind(image)
    if kind is None:
        return None
    space = image.get("/ColorSpace")
    mode, channels = _CHANNELS[space]
    data = image.get_data()
    try:
        if kind == "/DCTDecode":
            with Image.open(io.BytesIO(data)) as decoded:
                if decoded.mode != mode or decoded.size != (width, height):
                    return None
                smaller = decoded.resize(new, Image.Resampling.LANCZOS)
            out = io.BytesIO()
            smaller.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            encoded = out.getvalue()
        else:
            if len(data) != width * height * channels:
                return None
            smaller = Image.frombytes(mode, (width, height), data).resize(new, Image.Resampling.LANCZOS)
            encoded = zlib.compress(smaller.tobytes(), 9)
    except (OSError, ValueError):   # Pillow cannot read it: left as it is
        return None
    if len(encoded) >= len(image._data if isinstance(image, EncodedStreamObject) else image.get_data()):
        return None
    copy = EncodedStreamObject()
    copy._data = encoded
    for key, value in image.items():
        if key not in ("/Length", "/Filter", "/DecodeParms", "/Width", "/Height"):
            copy[NameObject(key)] = value
    copy[NameObject("/Filter")] = NameObject(kind)
    copy[NameObject("/Width")], copy[NameObject("/Height")] = NumberObject(new[0]), NumberObject(new[1])
    return copy


def _kind(image) -> str | None:
    """The image's one filter (/FlateDecode or /DCTDecode) when its pixels can be read back
    exactly and written again as they were meant; else None."""
    if not isinstance(image, StreamObject) or image.get("/Subtype") != "/Image":
        return None
    if any(key in image for key in ("/SMask", "/Mask", "/Decode", "/ImageMask", "/DecodeParms", "/SMaskInData")):
        return None
    if image.get("/BitsPerComponent") != 8 or image.get("/ColorSpace") not in _CHANNELS:
        return None
    filters = image.get("/Filter")
    if isinstance(filters, ArrayObject):
        filters = filters[0] if len(filters) == 1 else None
    return filters if filters in ("/FlateDecode", "/DCTDecode") else None
