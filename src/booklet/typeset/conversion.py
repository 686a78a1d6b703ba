"""Every content string converted to paragraph markup once, before layout.

Converting titles, names and abstracts before composition keeps sections simple
and reports each problem once, at the place in the content where it is: maths
commands booklet does not know, characters no font in the layout can show.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from ..content.model import Conference
from ..errors import Diagnostics, Loc
from ..layout.definition import Layout
from ..layout.fonts import FontSet
from ..text.markdown import Block, Fallbacks, RichText
from . import parts, reuse
from .figures import LOW_DPI, effective_dpi, natural_width, requested_width, vector

# Abstracts shorter than this in all (about 300 of them) are converted in one process.
MIN_PARALLEL_CHARACTERS = 500_000


@dataclass(frozen=True)
class Texts:
    rich: RichText
    titles: dict[str, str]              # contribution or session id → markup
    abstracts: dict[str, list[Block]]   # contribution id → blocks
    names: dict[str, str]               # person id → markup of the display name
    affiliations: dict[str, str]        # affiliation as written → markup
    pages: dict[str, list[Block]] = field(default_factory=dict)          # organiser page name → blocks
    descriptions: dict[str, list[Block]] = field(default_factory=dict)   # session id → blocks

    def plain(self, text: str) -> str:
        return self.rich.plain(text)


def prepare(conference: Conference, fonts: FontSet, layout: Layout, diag: Diagnostics, jobs: int = 1) -> Texts:
    """Every content string as markup. With `jobs` of 2 or more and enough abstracts, a forked process
    converts the second half of the sessions meanwhile; its results and warnings are taken in the
    order one process makes them, so nothing but the time differs."""
    rich = RichText(Fallbacks(fonts.covered(), fonts.fallback_fonts()), code_font=fonts.resolve("sans"),
                    link_colour=layout.colours.get("link") or layout.colours.get("accent") or "#000000")
    sessions = conference.sessions
    half = _halfway(sessions) if jobs >= 2 else len(sessions)
    second_half = (lambda: _elsewhere(rich, sessions[half:])) if half < len(sessions) else None
    with parts.forked(second_half) if second_half else contextlib.nullcontext() as second:
        titles, abstracts, warnings = _session_texts(rich, sessions[:half])
        if second:
            (more_titles, more_abstracts, more_warnings), fallbacks_used = second()
            titles.update(more_titles)
            abstracts.update(more_abstracts)
            warnings += more_warnings
            for index in fallbacks_used:   # the markup names them: ReportLab must know them here too
                rich.fallbacks.fallbacks[index].load()
    names, affiliations = {}, {}
    for person in conference.people:
        names[person.id] = _checked(rich, rich.plain, person.name, person.loc, f"person '{person.id}'", warnings)
        for affiliation in person.affiliations:
            affiliations.setdefault(affiliation, rich.plain(affiliation))
    for c in conference.contributions:
        for author in c.authors:
            for affiliation in author.affiliations:
                affiliations.setdefault(affiliation, rich.plain(affiliation))
    descriptions = {s.id: _checked(rich, rich.blocks, s.description, s.description_loc or s.loc,
                                   f"session '{s.id}'", warnings)
                    for s in sessions if s.description}
    pages = {page.name: _checked(rich, rich.page_blocks, page.body, page.body_loc, f"page '{page.name}'", warnings)
             for page in conference.pages}
    for page in conference.pages:
        _check_images(page.name, dict(page.images), page.body_loc, pages[page.name], page_column(layout, page.columns),
                      diag)
    for c in conference.contributions:
        if c.images:
            where = c.abstract_loc or c.loc
            _check_images(c.id, dict(c.images), Loc(where.path, where.line if where.line > 1 else 0),
                          abstracts.get(c.id, []), page_column(layout, 1), diag, what="contribution")
    for image in [s.logo for s in conference.sponsors if s.logo] + [
            i for page in conference.pages for i in page.images.values()]:
        if image.kind == "svg" and vector(str(image.path)) is None:
            diag.error(image.loc, f"image {image.shown}: svglib cannot draw this SVG", "save it as PNG at 300 dpi")
    for loc, message, hint in warnings:
        diag.warn(loc, message, hint)
    return Texts(rich, titles, abstracts, names, affiliations, pages, descriptions)


def page_column(layout: Layout, columns: int) -> float:
    """The width of a column of an organiser's page."""
    width = layout.page_size[0] - layout.margins.inner - layout.margins.outer
    return (width - layout.index_gap * (columns - 1)) / columns


def _check_images(name: str, images: dict, body_loc: Loc, blocks: list[Block], column: float, diag: Diagnostics,
                  what: str = "page") -> None:
    """Widths that are not widths are errors; an image printed below LOW_DPI gets a warning.
    `body_loc`: the line before the text's first, in its file."""
    for block in blocks:
        image = images.get(block.src) if block.kind == "image" else None
        if image is None:
            continue
        loc = Loc(body_loc.path, body_loc.line + block.line + 1)
        width = requested_width(block.width, column, natural_width(image))
        if width is None:
            diag.error(loc, f"{what} '{name}': image '{block.src}': width '{block.width}' is not a width",
                       "write a share of the column such as {width=60%}, or a length such as {width=6cm}")
            continue
        dpi = effective_dpi(image.pixels, width)
        if image.kind == "raster" and dpi < LOW_DPI:
            diag.warn(loc, f"image {image.shown} ({image.pixels[0]} × {image.pixels[1]} px) prints at "
                           f"{dpi:.0f} dpi at {width / 72 * 25.4:.0f} mm wide",
                      f"print shops ask for 300 dpi: give it at least {round(width / 72 * 300)} px across, "
                      "or print it smaller")


def _halfway(sessions: list) -> int:
    """Where the sessions' abstracts are half written, or the end when a second process would
    cost more than it saves (forking, and sending the results back, take tens of milliseconds)."""
    sizes = [sum(len(c.abstract or "") for c in s.contributions) for s in sessions]
    total = sum(sizes)
    if total < MIN_PARALLEL_CHARACTERS or not parts.can_fork():
        return len(sessions)
    written = 0
    for index, size in enumerate(sizes):
        written += size
        if written >= total / 2:
            return index + 1
    return len(sessions)


def _converted(rich: RichText, convert, text: str) -> tuple[object, tuple[str, ...]]:
    rich.problems.clear()
    result = convert(text)
    return result, tuple(rich.problems)


def _settings(rich: RichText) -> tuple:
    """What a conversion depends on besides its text: the fonts and the link colour of this build."""
    if not hasattr(rich, "settings_key"):
        fallbacks = rich.fallbacks
        rich.settings_key = (rich.code_font, rich.link_colour, tuple(f.name for f in fallbacks.fallbacks),
                             hash(frozenset(fallbacks.covered)))
    return rich.settings_key


def _elsewhere(rich: RichText, sessions: list) -> tuple[tuple[dict, dict, list], list[int]]:
    """`_session_texts`, from a process of its own: with the fallback fonts loaded there (their
    registration with ReportLab ends with that process)."""
    texts = _session_texts(rich, sessions)
    return texts, [index for index, font in enumerate(rich.fallbacks.fallbacks) if font.loaded]


def _session_texts(rich: RichText, sessions: list) -> tuple[dict, dict, list]:
    """Titles and abstracts of `sessions` and their contributions, and the warnings about them."""
    titles, abstracts, warnings = {}, {}, []
    for session in sessions:
        titles[session.id] = _checked(rich, rich.inline, session.title, session.loc, f"session '{session.id}'",
                                      warnings)
        for c in session.contributions:
            what = f"contribution '{c.id}'"
            titles[c.id] = _checked(rich, rich.inline, c.title, c.loc, what, warnings)
            if c.abstract:   # one with figures is read as pages are: an image alone in a paragraph is a figure
                convert = rich.page_blocks if c.images else rich.blocks
                abstracts[c.id] = _checked(rich, convert, c.abstract, c.abstract_loc or c.loc, what, warnings)
    return titles, abstracts, warnings


def _checked(rich: RichText, convert, text: str, loc: Loc, what: str, warnings: list):
    """Convert `text`; what cannot be shown as written goes to `warnings` as (loc, message, hint)."""
    memo = reuse.active()
    if memo is None:
        result, problems = _converted(rich, convert, text)
    else:   # booklet serve: the text as the build before converted it, when it has not changed
        result, problems = memo.recall("texts", (convert.__name__, text, _settings(rich)),
                                       lambda: _converted(rich, convert, text))
        result = list(result) if isinstance(result, list) else result
    for problem in problems:
        warnings.append((loc, f"{what}: {problem}", None))
    missing = rich.fallbacks.missing(text)
    if missing:
        shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in sorted(missing)[:10])
        warnings.append((loc, f"{what}: no font in the layout can show {shown}",
                         "add a font that has these characters to the layout's fallback_fonts, or write them "
                         "differently"))
    return result
