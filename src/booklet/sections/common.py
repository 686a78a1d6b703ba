"""Pieces several sections share: section titles, session headings, meta lines."""
from __future__ import annotations

import re
import weakref

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Spacer, Table, TableStyle

from ..content.model import Contribution, ImageFile, Session
from ..content.pages import RASTER, raster_size, svg_size
from ..errors import LayoutError, Loc
from ..layout.templating import IMAGE, markup
from ..text.escape import esc, plain
from ..text.hyphenation import dictionary_for, hyphenator
from ..text.people import affiliation_list, affiliation_numbers, author_markup
from ..typeset.crossref import (
    contribution_anchor,
    programme_session_anchor,
    section_anchor,
    session_anchor,
)
from ..typeset.flowables import (
    BlockEnd,
    ContributionBlock,
    LaterParagraph,
    Mark,
    Paragraph,
    anchored,
)
from ..typeset.figures import Figure, natural_width, requested_width
from ..typeset.speedups import string_width

# More sessions than this and the contents list sections and days only (the outline keeps them all).
MAX_TOC_SESSIONS = 15


def column_width(style, sample: str) -> float:
    """The width a table column needs for `sample` in `style`, with a little air:
    columns are sized by what they hold, not by lengths written in code."""
    return string_width(sample, style.fontName, style.fontSize) + style.fontSize


def page_number_sample(ctx) -> str:
    """The widest page number the booklet may print: as many digits as its contributions suggest."""
    digits = max(2, len(str(4 * max(len(ctx.conference.contributions), 1))))
    return "0" * digits


def section_title(ctx, name: str) -> Paragraph:
    """A section's opening heading: link target, outline entry, running head."""
    text = ctx.labels[name]
    return anchored(ctx.texts.plain(text), ctx.styles["section title"],
                    Mark(anchor=section_anchor(name), outline=(text, 0), section=text))


def session_heading(ctx, session: Session, *, anchor: bool, toc: bool = True) -> list:
    """Session title and its meta line (kind, day, time, room, chairs)."""
    style = ctx.styles["session title"]
    if anchor:
        heading = anchored(ctx.texts.titles[session.id], style,
                           Mark(anchor=session_anchor(session), outline=(plain(ctx.texts.titles[session.id]), 1),
                                toc=toc))
    else:
        heading = Paragraph(ctx.texts.titles[session.id], style)
    if not (anchor and "programme" in ctx.layout.sections):
        meta = session_meta(ctx, session)
        return [heading] + ([Paragraph(meta, ctx.styles["session meta"])] if meta else [])

    def meta_with_way_back() -> Paragraph:  # made when laid out: the programme's page is known then
        target, back = programme_session_anchor(session), ""
        if target in ctx.refs.pages:  # (unless a layout puts the programme after the abstracts)
            back = f"{esc(ctx.labels['programme'])} {esc(ctx.labels['page'])}\u00a0{ctx.refs.link(target)}"
        return Paragraph(session_meta(ctx, session, back), ctx.styles["session meta"])

    return [heading, LaterParagraph(meta_with_way_back)]


def session_meta(ctx, session: Session, back: str = "", *, with_day: bool = True) -> str:
    """The line under a session title (layout template session_line.j2); `with_day`: false under
    a heading that names the day already (the programme's)."""
    kind = ctx.labels.get(session.kind, session.kind)
    time = ""
    if session.start:
        time = f"{session.start:%H:%M}" + (f"–{session.end:%H:%M}" if session.end else "")
    return ctx.templates.line(
        "session_line.j2", labels=ctx.labels,
        kind=kind if kind.casefold() != session.title.casefold() else "",
        day=markup(ctx.texts.plain(ctx.day_names[session.day]))
        if with_day and session.day and len(ctx.day_names) > 1 else "",
        time=time,
        rooms=markup(ctx.texts.plain(where(session))) if where(session) else "",
        chairs=markup([ctx.texts.names[p.id] for p in session.chairs]), back=markup(back))


def svg_fonts(ctx) -> str:
    """The faces an SVG's text is set in (see typeset.figures.vector): "regular|bold" sans."""
    return f"{ctx.fonts.resolve('sans')}|{ctx.fonts.resolve('sans-bold')}"


def where(session: Session) -> str:
    """The session's rooms, or the place outside them it happens at ("" when neither is given)."""
    return ", ".join(r.name for r in session.rooms) or session.location or ""


def description_flowables(ctx, session: Session) -> list:
    """The session's description (Markdown) as paragraphs under its heading."""
    styles = _Hyphenating(ctx.styles, own_language(ctx, session))   # its `lang:`, when another's
    style = styles["session description"]
    out = []
    for block in ctx.texts.descriptions.get(session.id, ()):
        if block.kind in ("bullet", "number"):
            out.append(Paragraph(block.markup, _indented(styles["abstract list"], styles["abstract list"]
                                                         .leftIndent * (block.depth + 1)), bulletText=block.label))
        else:
            out.append(Paragraph(block.markup, style))
    return out


def contribution_block(ctx, contribution: Contribution, *, level: int, lead: list = (),
                       poster: bool = False) -> list:
    """Title, authors with numbered affiliations, and the abstract, kept on one page when it fits.

    `lead` (a session heading) joins the block, so a heading never ends a page on its own.
    """
    body = _contribution_flowables(ctx, contribution, level, poster)
    return [ContributionBlock(list(lead) + body, ctx.text_height), BlockEnd()]


def _contribution_flowables(ctx, c: Contribution, level: int, poster: bool) -> list:
    styles, labels, texts = ctx.styles, ctx.labels, ctx.texts
    numbers = affiliation_numbers(c)
    with_title = ctx.layout.show_titles
    out = []
    title_style = styles["contribution title"]
    if poster and c.board:   # the board number opens its poster's entry: the space above moves above it
        board = styles["poster board"]
        out.append(Paragraph(f"{esc(labels['board'])} {esc(c.board)}",
                             _variant(board, "opening", spaceBefore=board.spaceBefore + title_style.spaceBefore,
                                      keepWithNext=1)))
        title_style = _variant(title_style, "under a board", spaceBefore=0)
    title = plain(texts.titles[c.id])   # as printed: no Markdown or importer escapes in bookmarks
    out.append(anchored(texts.titles[c.id], in_language(title_style, own_language(ctx, c)),
                        Mark(anchor=contribution_anchor(c), outline=(title, level), block=title, toc=False)))
    header = ctx.templates.blocks(
        "abstract_header.j2", labels=labels,
        speakers=markup([author_markup(texts, a, numbers, with_title=with_title) for a in c.speakers]),
        coauthors=markup([author_markup(texts, a, numbers, with_title=with_title) for a in c.coauthors]),
        affiliations=markup(affiliation_list(texts, numbers)))
    out += [block_flowable(ctx, "abstract_header.j2", role, value) for role, value in header]
    blocks = texts.abstracts.get(c.id, [])
    out += abstract_flowables(ctx, blocks, dict(c.images), language=own_language(ctx, c))
    if not blocks and not poster:
        out.append(Paragraph(esc(labels["no_abstract"]), styles["no abstract"]))
    return out


def own_language(ctx, item: Contribution | Session) -> str | None:
    """A session's or contribution's `lang:` (a contribution's own or its session's) when it
    hyphenates otherwise than the booklet's language, else None."""
    if item.lang and dictionary_for(item.lang) != dictionary_for(ctx.conference.language):
        return item.lang
    return None


def in_language(style, language: str | None):
    """`style` hyphenating words of `language` (a BCP 47 tag), or not at all when pyphen has no
    dictionary for it (better no break than an English one in a Finnish word); `style` itself when
    `language` is None or the style does not hyphenate."""
    if language is None or not style.hyphenationLang:
        return style
    dictionary = dictionary_for(language)
    return _variant(style, f"lang {dictionary or 'none'}", hyphenationLang=hyphenator(dictionary))


def abstract_flowables(ctx, blocks, images: dict | None = None, language: str | None = None) -> list:
    """Paragraphs for an abstract's blocks: the first flush, the following indented, lists hanging;
    figures (`images`: path as written → ImageFile) and tables as on the organiser's pages.
    `language`: the abstract's, when it hyphenates otherwise than the booklet's (`own_language`)."""
    styles, out, after_paragraph = _Hyphenating(ctx.styles, language), [], False
    for i, block in enumerate(blocks):
        if block.kind in ("image", "table", "rule"):
            if block.kind == "image":
                out += figure(ctx, (images or {}).get(block.src), block, ctx.text_width)
            elif block.kind == "table":
                out.append(table(ctx, block, ctx.text_width))
            after_paragraph = False
        elif block.kind in LIST_ITEMS:
            style = styles["abstract list"]
            indent = style.leftIndent * (block.depth + 1)
            opens = 0 < i and blocks[i - 1].kind not in LIST_ITEMS
            closes = i + 1 < len(blocks) and blocks[i + 1].kind not in LIST_ITEMS
            out.append(Paragraph(block.markup, _list_item(style, indent, opens, closes), bulletText=block.label or None))
            after_paragraph = False
        elif block.kind == "heading":
            out.append(Paragraph(block.markup, styles["abstract heading"]))
            after_paragraph = False
        elif block.kind == "code":
            out.append(Paragraph(block.markup, styles["abstract code"]))
            after_paragraph = False
        else:
            style = styles["abstract next" if after_paragraph else "abstract"]
            out.append(Paragraph(block.markup, style))
            after_paragraph = True
    return out


class _Hyphenating:
    """The booklet's styles, each hyphenating in `language` (`in_language`)."""

    def __init__(self, styles, language: str | None):
        self.styles, self.language = styles, language

    def __getitem__(self, role: str):
        return in_language(self.styles[role], self.language)


LIST_ITEMS = ("bullet", "number")
LIST_AIR = 0.4   # of the leading: the space a list keeps from the paragraphs before and after it


def _indented(style, indent: float):
    """The list style at a nesting depth."""
    return _list_item(style, indent, opens=False, closes=False)


def _list_item(style, indent: float, opens: bool, closes: bool):
    """The list style at a nesting depth, with air above the list's first item and below its last."""
    air = style.leading * LIST_AIR
    return _variant(style, f"{indent:.1f} {opens:d}{closes:d}", leftIndent=indent,
                    bulletIndent=indent - style.leftIndent + style.bulletIndent,
                    spaceBefore=style.spaceBefore + air * opens, spaceAfter=style.spaceAfter + air * closes)


def _variant(style, suffix: str, **changes):
    """A style derived from `style`, made once per style object: a layout's styles are built per
    build, so two layouts in one process never share a variant that has the same name."""
    variants = _VARIANTS.setdefault(style, {})
    if suffix not in variants:
        variants[suffix] = ParagraphStyle(f"{style.name} {suffix}", parent=style, **changes)
    return variants[suffix]


_VARIANTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # base style → {suffix: variant}


# -- tables and figures: organiser pages, and abstracts that show figures -------------------

CELL_PADDING = 3   # points left and right of a table cell's text
FRAME_SLACK = 12   # points a figure leaves free of a whole page's height (its space before, rounding)

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


def table(ctx, block, available: float) -> Table:
    """A pipe table: a bold header row, a rule under each row, columns as wide as their text
    needs, the widest ones sharing what is left when that is more than the column."""
    head, body = ctx.styles["page table head"], ctx.styles["page table"]
    ncols = max(len(row) for row in block.rows)
    aligns = list(block.aligns) + [""] * ncols

    def cell(markup: str, r: int, c: int) -> Paragraph:
        style = head if r == 0 else body
        if aligns[c] in _ALIGN:
            style = _variant(style, aligns[c], alignment=_ALIGN[aligns[c]])
        return Paragraph(markup, style)

    rows = [[cell(row[c] if c < len(row) else "", r, c) for c in range(ncols)] for r, row in enumerate(block.rows)]
    natural = [max(_text_width(row[c] if c < len(row) else "", head if r == 0 else body)
                   for r, row in enumerate(block.rows)) + 2 * CELL_PADDING for c in range(ncols)]
    widths = _share(natural, available)
    t = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
    rule = colors.HexColor(ctx.layout.colours["rule"])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, rule),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, rule),
    ]))
    t.spaceBefore, t.spaceAfter = 4, 8
    return t


def _share(natural: list[float], available: float) -> list[float]:
    """Column widths: the natural ones when they fit; else columns narrower than an equal share
    keep theirs and the wider ones divide the rest in proportion to what they need."""
    if sum(natural) <= available:
        return natural
    fair = available / len(natural)
    narrow = sum(w for w in natural if w <= fair)
    wide = sum(w for w in natural if w > fair)
    return [w if w <= fair else (available - narrow) * w / wide for w in natural]


def _text_width(markup: str, style) -> float:
    text = re.sub(r"<[^>]*>", "", markup)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
    return string_width(text.replace("&amp;", "&"), style.fontName, style.fontSize)


def figure(ctx, image, block, column: float) -> list:
    """The image (content.model.ImageFile) of an image block, with its alt text as caption below;
    the alt text alone when the file is unknown (a web address, which booklet does not fetch)."""
    caption = Paragraph(block.markup, ctx.styles["page caption"]) if block.markup else None
    width = requested_width(block.width, column, natural_width(image)) if image else None
    if image is None or width is None:
        return [caption] if caption else []
    return [Figure(str(image.path), image.pixels, width, caption, max_height=ctx.text_height - FRAME_SLACK,
                   space_before=4, space_after=caption.style.spaceAfter if caption else 8,
                   font=svg_fonts(ctx))]


def block_flowable(ctx, template: str, role, value):
    """A flowable for one block a template writes (see layout.templating.Templates.blocks)."""
    if role is None:
        return Spacer(0, value)
    if role == IMAGE:
        return template_image(ctx, template, *value)
    return Paragraph(value, ctx.styles[role])


def template_image(ctx, template: str, src: str, width: str) -> Figure:
    """An `<image src=... width=.../>` of a template: a file in the layout's folders."""
    path = ctx.layout.find(src)
    if path is None:
        raise LayoutError(f"template '{template}': image '{src}' is not in the layout's folders")
    kind = "svg" if path.suffix.lower() == ".svg" else "raster"
    if kind == "svg":
        size = svg_size(path)
    elif path.suffix.lower() in RASTER:
        size = raster_size(path)
        size = f"cannot be read ({size})" if isinstance(size, str) else size
    else:
        size = "is not PNG, JPEG or SVG"
    if isinstance(size, str):
        raise LayoutError(f"template '{template}': image '{src}' {size}")
    image = ImageFile(path, src, kind, size, Loc(template))
    printed = requested_width(width, ctx.text_width, natural_width(image))
    if printed is None:
        raise LayoutError(f"template '{template}': image '{src}': width '{width}' is not a width")
    return Figure(str(path), size, printed, max_height=ctx.text_height - FRAME_SLACK, space_after=6,
                  font=svg_fonts(ctx))
