"""Editions: the assembled page sequence → the PDF files booklet writes.

- email   (`<slug>.pdf`): for reading on screen and sending round. Trim-size
  pages (covers cropped at the trim), links, bookmarks shown on opening,
  metadata, subset fonts.
- print   (`<slug>-print.pdf`): for a print shop. The body padded at its end,
  before the back cover, to a multiple of 4 pages (blank or notes pages, as the
  layout says); each page on a larger sheet with crop marks and a slug line,
  TrimBox and BleedBox set, cover and insert artwork running into the bleed.
- imposed (`<slug>-imposed.pdf`): the print edition's pages 2-up in
  saddle-stitch order (impose.py), for printing and folding in-house.
- ics     (`<slug>.ics`): the timed programme as an iCalendar file (ics.py), one
  event per talk; not written when no session has a day and times.
- html    (`<slug>.html`): the booklet as one self-contained, accessible web page
  (html.py, the layout's html/ templates) for phones, laptops and screen readers.

The email edition is the render stage's body PDF with an incremental update
(pdf/update.py): its pages, links and outline stay as they are, byte for byte.
Everything else is placed as Form XObjects (placing.py). Dates written into the
files come from SOURCE_DATE_EPOCH, and only when it is set, so the same input
gives the same bytes.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from ..errors import Diagnostics
from ..layout.print_settings import PrintSpec
from ..pdf.update import Update
from ..typeset import parts
from . import html, ics, marks
from . import impose as imposition
from .artwork import Artwork
from .assemble import (
    BODY,
    PADDING,
    BookPage,
    Label,
    label_tree,
    pad_to_four,
    with_body,
)
from .downsample import downsample
from .placing import Placer, jumps

CHOICES = ("email", "print", "ics", "html", "all")
SUFFIX = {"email": "", "print": "-print", "imposed": "-imposed", "ics": "", "html": ""}
EXTENSION = {"ics": ".ics", "html": ".html"}   # the others: .pdf
PAGED = ("email", "print", "imposed")          # the editions made of the laid-out pages
PRODUCER = "booklet (ReportLab, pypdf)"


@dataclass(frozen=True, slots=True)
class Edition:
    name: str        # email, print, imposed, ics or html
    data: bytes
    pages: int       # pages, or sheet sides for the imposed file, events in the calendar, contributions in the HTML


def file_name(slug: str, name: str) -> str:
    """The file edition `name` is written to: hi-2021.pdf, hi-2021-print.pdf, hi-2021.ics, hi-2021.html."""
    return f"{slug}{SUFFIX[name]}{EXTENSION.get(name, '.pdf')}"


def laid_out(names: tuple[str, ...]) -> bool:
    """Whether the editions `names` need the booklet's pages: the PDFs do; the calendar and the web
    page are made from the conference and its texts alone, so `--edition html` or `ics` lays
    nothing out (the web page links by anchors, never by page numbers)."""
    return any(name in PAGED for name in names)


def wanted(choice: str, spec: PrintSpec) -> tuple[str, ...]:
    """The files `--edition CHOICE` makes: print brings its imposed file when the layout has a sheet;
    all is every edition, the calendar and the web page too."""
    if choice not in CHOICES:
        raise ValueError(f"edition must be one of {', '.join(CHOICES)}, not {choice!r}")
    names = []
    if choice in ("email", "all"):
        names.append("email")
    if choice in ("print", "all"):
        names += ["print"] + (["imposed"] if spec.sheet else [])
    if choice in ("ics", "all"):
        names.append("ics")
    if choice in ("html", "all"):
        names.append("html")
    return tuple(names)


def make(names: tuple[str, ...], pages: list[BookPage], body: bytes, ctx, *, back_covers: int,
         metadata: dict[str, str], language: str, diag: Diagnostics | None = None) -> list[Edition]:
    """The editions `names`. The calendar is left out when the programme has no timed session or its
    time zone is unknown: an error in `diag` when it was the only edition asked for, else a
    warning for the time zone and nothing for an untimed programme."""
    layout = ctx.layout
    trim, spec = layout.page_size, layout.printing
    info = _info(metadata)
    out = []
    if "email" in names:
        out.append(Edition("email", email(pages, body, trim, info, language), len(pages)))
    if "print" in names or "imposed" in names:
        padded = _fill_padding(pad_to_four(with_body(pages, PdfReader(io.BytesIO(body))), back_covers), ctx)
        font = ctx.fonts.resolve("sans")
        if "print" in names:
            slug = metadata.get("Keywords") or metadata.get("Title", "")
            writer = printed(padded, trim, spec, font, slug)
            out.append(Edition("print", _finish(writer, _labels(padded), info, language), len(padded)))
        if "imposed" in names:
            writer, sheets = imposition.impose(padded, trim, spec, font)
            labels = [Label(text) for text in imposition.side_labels(sheets)]
            out.append(Edition("imposed", _finish(writer, labels, info, language), 2 * sheets))
    if "ics" in names:
        made = _calendar(ctx, diag or Diagnostics(), alone=len(names) == 1)
        if made is not None:
            out.append(Edition("ics", made.data, len(made.events)))
        if "html" in names:    # the page's links to single events, cut from the calendar just made
            out.append(Edition("html", *html.document(ctx, lambda: html.calendar_links(made))))
    elif "html" in names:      # the calendar made for the links alone, meanwhile in a second process
        with _meanwhile(lambda: html.calendar_links(_calendar(ctx, Diagnostics(), alone=False))) as links:
            out.append(Edition("html", *html.document(ctx, links)))
    return out


@contextlib.contextmanager
def _meanwhile(work):
    """`work()` in a forked process while the caller goes on, when two cores and fork are there;
    yields the function that waits for its result (or works it out then, in one process)."""
    if parts.cores() >= 2 and parts.can_fork():
        with parts.forked(work) as result:
            yield result
    else:
        yield work


def _calendar(ctx, diag: Diagnostics, *, alone: bool) -> ics.Made | None:
    """The calendar, or None when the programme has no times or its time zone is unknown (an
    error in `diag` when it is the only edition asked for; loading warned of the time zone)."""
    conference = ctx.conference
    if not ics.has_events(conference):
        if alone:
            diag.error(conference.loc, "--edition ics: no session has a day, a start and an end, so there "
                       "is no calendar to write", "give sessions `day:`, `start:` and `end:`, or build another edition")
        return None
    try:
        return ics.make(conference, ctx.texts.titles, ctx.texts.names, ctx.labels, version=ctx.version)
    except ValueError as exc:   # an unknown time zone name: loading warned of it at its line
        if alone:
            diag.error(conference.loc, f"--edition ics: {exc}",
                       "use a name such as Europe/Berlin or America/New_York, or leave `timezone:` out for "
                       "floating times")
        return None


def email(pages: list[BookPage], body: bytes, trim: tuple[float, float], info: dict[str, str],
          language: str) -> bytes:
    """The body as rendered (links, outline), covers and inserts placed between its pages at trim size.

    Written as an incremental update of the body (pdf/update.py): its pages stay where they are, and
    only the page tree's root, the catalog, the document information and the images made smaller
    for the screen (downsample.py, same object numbers) are new."""
    update = Update(body)
    catalog_ref = update.root
    catalog = DictionaryObject(update.get(catalog_ref))
    tree_ref = catalog.raw_get("/Pages")
    tree = DictionaryObject(update.get(tree_ref))
    body_kids = tree["/Kids"]
    if len(body_kids) != tree["/Count"]:
        raise ValueError("the body's page tree is not flat; ReportLab writes one /Pages node")
    scratch = Placer(PdfWriter())
    kids = ArrayObject()
    for page in pages:
        if page.kind == BODY:
            kids.append(body_kids[page.source])
            continue
        drawn = scratch.page(trim, scratch.art(page.art, trim, (0.0, 0.0)))
        scratch.web_links(drawn, page.art, trim, (0.0, 0.0))
        new = update.copy(DictionaryObject({k: v for k, v in drawn.items() if k != "/Parent"}))
        new[NameObject("/Parent")] = tree_ref
        kids.append(update.add(new))
    for index, links in jumps(pages, list(kids), update.add).items():   # an insert's links to its own pages
        shown = update.get(kids[index])
        shown[NameObject("/Annots")] = ArrayObject(list(shown.get("/Annots", ArrayObject())) + links)
    downsample(update, list(kids))
    tree[NameObject("/Kids")] = kids
    tree[NameObject("/Count")] = NumberObject(len(kids))
    update.replace(tree_ref, tree)
    catalog.update(_catalog_entries(_labels(pages), language))
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    update.replace(catalog_ref, catalog)
    return update.write(info=DictionaryObject(
        {NameObject(k): TextStringObject(v) for k, v in {**info, "/Producer": PRODUCER}.items()}))


def printed(pages: list[BookPage], trim: tuple[float, float], spec: PrintSpec, font: str, slug: str) -> PdfWriter:
    """Each page on a sheet of trim + margin: TrimBox, BleedBox, crop marks, artwork into the bleed."""
    w, h = trim
    m, b = spec.margin, spec.bleed
    overlay = PdfReader(io.BytesIO(marks.crop_marks([str(p.label) for p in pages], trim, spec, font, slug)))
    writer = PdfWriter()
    placer = Placer(writer)
    media = (w + 2 * m, h + 2 * m)
    boxes = {"/TrimBox": (m, m, m + w, m + h), "/BleedBox": (m - b, m - b, m + w + b, m + h + b)}
    for index, page in enumerate(pages):
        placed = placer.art(page.art, trim, (m, m), margin=b)
        placed += placer.art(Artwork(overlay.pages[index], (0.0, 0.0), 0.0), media, (0.0, 0.0))
        placer.page(media, placed, boxes=boxes)
    return writer


def _fill_padding(pages: list[BookPage], ctx) -> list[BookPage]:
    """Padding pages become notes pages when the layout asks for them (print and imposed only)."""
    numbers = [p.label.number for p in pages if p.kind == PADDING]
    if ctx.layout.printing.padding != "notes" or not numbers:
        return pages
    drawn = iter(PdfReader(io.BytesIO(marks.notes_pages(numbers, ctx))).pages)
    return [BookPage(p.kind, p.label, Artwork(next(drawn), (0.0, 0.0), 0.0)) if p.kind == PADDING else p
            for p in pages]


def _labels(pages: list[BookPage]) -> list[Label]:
    return [p.label for p in pages]


def _catalog_entries(labels: list[Label], language: str) -> dict:
    """What every edition's catalog says of its pages and language."""
    return {NameObject("/PageLabels"): label_tree(labels), NameObject("/Lang"): TextStringObject(language)}


def _finish(writer: PdfWriter, labels: list[Label], info: dict, language: str) -> bytes:
    writer._root_object.update(_catalog_entries(labels, language))
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _info(metadata: dict[str, str]) -> dict[str, str]:
    info = {f"/{k}": v for k, v in metadata.items()}
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
        info["/CreationDate"] = info["/ModDate"] = stamp
    return info
