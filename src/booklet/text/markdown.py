"""Content text → ReportLab paragraph markup that prints exactly what the author wrote.

Abstracts are Markdown (markdown-it-py, CommonMark) with inline $maths$.
Raw HTML is shown as text, except a small safe set (sup, sub, i, em, b,
strong, br) that is honoured when balanced. URLs and DOIs become links. Every
character goes through `escape` before ReportLab's parser sees it; characters
the body fonts lack are set in the layout's fallback fonts; Arabic and Hebrew
runs are shaped (arabic-reshaper) and put in visual order (python-bidi).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import arabic_reshaper
from bidi import get_display

from . import maths
from .escape import attribute, esc

_TAG = re.compile(r"^<\s*(/?)\s*([a-zA-Z]+)\s*(/?)\s*>$")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+|\b(?:doi:\s?)?10\.\d{4,9}/[^\s<>\"]+", re.I)
_TRAILING = ".,;:!?)]}'\""
RTL_RUN = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+(?:[\s\u00a0]+[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+)*")
_ARABIC = re.compile(r"[\u0600-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
# Text Markdown gives back as it is, as one text run: words with single spaces between them and
# none of the characters that begin inline syntax (emphasis, code, links, images, HTML, entities,
# escapes, maths) or that the parser replaces (control characters); "&" and "!" only where they
# cannot begin an entity or an image. Most titles, and abstracts without markup, are such text;
# parsing them is not needed, and a booklet whose texts all are never imports markdown-it (30 ms
# of the default booklet's 0.6 s).
_WORD = r"(?:[^\\`*_\[\]!<>&$~\s\x00-\x1f\x7f]|&(?![A-Za-z0-9#])|!(?!\[))+"
_PLAIN = re.compile(rf"{_WORD}(?: {_WORD})*")
_BLOCK_START = tuple("#-+=|0123456789")
_UNQUOTED_WIDTH = re.compile(r"(\)\{\s*width=)([0-9.]+%)")   # {width=60%}: the attrs plugin wants "60%"   # a line beginning so may be a heading, list or rule


@dataclass(frozen=True, slots=True)
class Block:
    kind: str          # "para", "bullet", "number", "heading", "code", "quote"; pages also "table", "image", "rule"
    markup: str        # an image's: its alt text
    label: str = ""    # "•" or "3." for list items
    depth: int = 0     # list nesting
    level: int = 0     # a page heading's level (2 or 3)
    line: int = 0      # a page block's first line, counted from the body's start (0)
    src: str = ""      # an image's path as written
    width: str = ""    # an image's width as written: "100%", "6cm", or ""
    rows: tuple = ()   # a table's rows of cell markup, the header row first
    aligns: tuple = () # a table's column alignments: "left", "right", "center" or ""


class Fallbacks:
    """Which font draws a character the body fonts lack."""

    def __init__(self, covered: set[int], fallbacks: list):
        self.covered, self.fallbacks = covered, fallbacks   # fallbacks: fonts.LazyFont, in order
        # The same as characters, white space included: `covers` is one set operation.
        self._plain = frozenset(map(chr, covered)) | frozenset(" \t\n\r\u00a0\u2002\u2003\u2005\u2009")
        self._chosen: dict[str, str | None] = {}

    def covers(self, text: str) -> bool:
        """Whether the body fonts draw every character of `text` (by far the common case)."""
        return self._plain.issuperset(text)

    def font_for(self, char: str) -> str | None:
        if char not in self._chosen:
            self._chosen[char] = next((font.name for font in self.fallbacks if ord(char) in font), None)
        return self._chosen[char]

    def missing(self, text: str) -> set[str]:
        if self.covers(text):
            return set()
        return {c for c in set(text) - self._plain if not c.isspace() and self.font_for(c) is None}


@dataclass(frozen=True)
class InlineTags:
    """How a writer of inline Markdown spells its tags (see `write_inline`)."""

    emphasis: str
    strong: str
    soft_break: str
    hard_break: str
    honoured: dict            # the raw HTML tags content may use (sup, sub, i, em, b, strong) → its own


class RichText:
    """Converts content strings; `problems` collects what could not be shown as written."""

    def __init__(self, fallbacks: Fallbacks, code_font: str, link_colour: str):
        self.fallbacks, self.code_font, self.link_colour = fallbacks, code_font, link_colour
        self._md = None
        self.problems: list[str] = []

    @property
    def md(self):
        """The Markdown parser, made when the first text that needs it comes."""
        if self._md is None:
            from markdown_it import MarkdownIt
            self._md = _with_maths(MarkdownIt("commonmark", {"html": True}))
        return self._md

    # -- plain text: names, affiliations ---------------------------------------
    def plain(self, text: str) -> str:
        """Escaped text with fallback fonts and right-to-left runs in visual order."""
        out, last = [], 0
        for run in RTL_RUN.finditer(text):
            out.append(self._fonts(esc(text[last:run.start()])))
            out.append(self._fonts(esc(_visual(run.group()))))
            last = run.end()
        out.append(self._fonts(esc(text[last:])))
        return "".join(out)

    def _fonts(self, escaped: str) -> str:
        """Wrap runs of characters the body fonts lack in <font face> of a fallback font."""
        if self.fallbacks.covers(escaped):
            return escaped
        out, run_font, run = [], None, []
        for char in escaped:
            font = None if ord(char) in self.fallbacks.covered or char.isspace() else self.fallbacks.font_for(char)
            if font != run_font and run:
                out.append(_face(run_font, "".join(run)))
                run = []
            run_font = font
            run.append(char)
        if run:
            out.append(_face(run_font, "".join(run)))
        return "".join(out)

    # -- inline Markdown: titles -----------------------------------------------
    def inline(self, source: str) -> str:
        text = source.strip()
        if _PLAIN.fullmatch(text):
            return self._linked_text(text)     # what the parser's one text token would give
        return self._parsed_inline(text)

    def _parsed_inline(self, text: str) -> str:
        tokens = self.md.parseInline(text)
        return self._inline(tokens[0].children or []) if tokens else ""

    # -- block Markdown: the organiser's pages --------------------------------------
    @property
    def page_md(self):
        """CommonMark with pipe tables and `{width=...}` after an image, for pages."""
        if getattr(self, "_page_md", None) is None:
            from markdown_it import MarkdownIt
            from mdit_py_plugins.attrs import attrs_plugin
            self._page_md = _with_maths(MarkdownIt("commonmark", {"html": True}).enable("table")).use(attrs_plugin)
        return self._page_md

    def page_blocks(self, source: str) -> list[Block]:
        """A page body as blocks: headings with their level, paragraphs, lists, quotes, tables,
        images standing alone in a paragraph, code and rules; each with its line."""
        source = quoted_widths(source)
        out: list[Block] = []
        lists = _OpenLists()
        heading, quote = 0, 0
        table: list | None = None          # rows being read
        aligns: list[str] = []
        for token in self.page_md.parse(source):
            kind, line = token.type, (token.map[0] if token.map else 0)
            if lists.follow(token):
                continue
            if kind == "heading_open":
                heading = int(token.tag[1:])
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "table_open":
                table, aligns, table_line = [], [], line
            elif kind == "tr_open":
                table.append([])
            elif kind in ("th_open", "td_open"):
                if len(table) == 1:
                    style = str(token.attrGet("style") or "")
                    aligns.append(style.partition("text-align:")[2].strip())
            elif kind == "table_close":
                out.append(Block("table", "", rows=tuple(tuple(r) for r in table), aligns=tuple(aligns),
                                 line=table_line))
                table = None
            elif kind == "inline":
                children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
                if table is not None:
                    table[-1].append(self._inline(token.children or []))
                elif len(children) == 1 and children[0].type == "image" and not lists.stack:
                    image = children[0]
                    out.append(Block("image", self.plain(image.content or ""), line=line,
                                     src=image.attrGet("src") or "", width=str(image.attrGet("width") or "")))
                elif lists.stack:
                    out.append(lists.item(self._inline(token.children or []), line=line))
                elif heading:
                    out.append(Block("heading", self._inline(token.children or []), level=heading, line=line))
                else:
                    out.append(Block("quote" if quote else "para", self._inline(token.children or []),
                                     depth=quote, line=line))
                heading = 0
            elif kind in ("fence", "code_block"):
                lines = token.content.rstrip("\n").split("\n")
                out.append(Block("code", "<br/>".join(self.plain(text) for text in lines), line=line))
            elif kind == "html_block":
                out.append(Block("para", self.plain(" ".join(token.content.split())), line=line))
            elif kind in ("math_block", "math_block_label"):
                out.append(Block("para", self._math(token.content), line=line))
            elif kind == "hr":
                out.append(Block("rule", "", line=line))
        return out

    # -- block Markdown: abstracts -----------------------------------------------
    def blocks(self, source: str) -> list[Block]:
        plain = _plain_paragraphs(source)
        if plain is not None:   # each line one text run, and a line break a space, as the parser has them
            return [Block("para", " ".join(map(self._linked_text, lines))) for lines in plain]
        return self._parsed_blocks(source)

    def _parsed_blocks(self, source: str) -> list[Block]:
        out: list[Block] = []
        lists = _OpenLists()
        heading = False
        for token in self.md.parse(source):
            kind = token.type
            if lists.follow(token):
                continue
            if kind == "heading_open":
                heading = True
            elif kind == "inline":
                markup = self._inline(token.children or [])
                if lists.stack:
                    out.append(lists.item(markup))
                else:
                    out.append(Block("heading" if heading else "para", markup))
                heading = False
            elif kind in ("fence", "code_block"):
                lines = token.content.rstrip("\n").split("\n")
                out.append(Block("code", "<br/>".join(self.plain(line) for line in lines)))
            elif kind == "html_block":
                out.append(Block("para", self.plain(" ".join(token.content.split()))))
            elif kind in ("math_block", "math_block_label"):
                out.append(Block("para", self._math(token.content)))
        return out

    # -- what write_inline asks of a writer (ReportLab paragraph markup) --------------------
    inline_tags = InlineTags(emphasis="i", strong="b", soft_break=" ", hard_break="<br/>",
                             honoured={"sup": "super", "sub": "sub", "i": "i", "em": "i", "b": "b", "strong": "b"})

    def inline_text(self, text: str, in_link: bool) -> str:
        return self.plain(text) if in_link else self._linked_text(text)

    def inline_code(self, text: str) -> str:
        return f'<font face="{self.code_font}">{self.plain(text)}</font>'

    def inline_maths(self, source: str) -> str:
        return self._math(source)

    def inline_link(self, href: str) -> str | None:
        return f'<a href={attribute(href)} color="{self.link_colour}">' if _safe_href(href) else None

    def _inline(self, children) -> str:
        return write_inline(children, self)

    def _math(self, source: str) -> str:
        markup, unknown = maths.to_markup(source)
        if unknown:
            self.problems.append(f"unknown maths command {', '.join(sorted(set(unknown)))} in ${source}$ "
                                 "is printed as written")
        return self._fonts_in_markup(markup)

    def _fonts_in_markup(self, markup: str) -> str:
        """Fallback fonts for the text between tags of generated markup."""
        return re.sub(r"(?<=>)[^<]+|^[^<]+", lambda m: self._fonts(m.group()), markup)

    def _linked_text(self, text: str) -> str:
        out, last = [], 0
        for start, end, target in web_addresses(text):
            out.append(self.plain(text[last:start]))
            out.append(f'<a href={attribute(target)} color="{self.link_colour}">{self.plain(text[start:end])}</a>')
            last = end
        out.append(self.plain(text[last:]))
        return "".join(out)


def web_addresses(text: str) -> list[tuple[int, int, str]]:
    """(start, end, link target) of each bare web address, www. address and DOI in `text`, without
    the punctuation that ends a sentence; a DOI leads to https://doi.org, www. to https://."""
    out = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        target = url
        if re.match(r"(?i)(doi:\s?)?10\.", url):
            target = "https://doi.org/" + re.sub(r"(?i)^doi:\s?", "", url)
        elif url.lower().startswith("www."):
            target = "https://" + url
        out.append((match.start(), match.start() + len(url), target))
    return out


def quoted_widths(source: str) -> str:
    """`{width=60%}` as the attributes plugin wants it: `{width="60%"}`."""
    return _UNQUOTED_WIDTH.sub(r'\1"\2"', source)


def honoured_tag(raw: str) -> tuple[bool, str, bool] | None:
    """(closing, name, self-closing) of a lone inline HTML tag such as `</sup>`; None for anything else."""
    match = _TAG.match(raw)
    return (bool(match[1]), match[2].lower(), bool(match[3])) if match else None


def write_inline(children, writer, *, in_link: bool = False) -> str:
    """Inline Markdown tokens (markdown-it's children of an inline token) → the writer's markup,
    well nested. One walk for both targets: the PDF's paragraph markup (RichText) and the HTML
    edition (output/html.py). The writer has `inline_tags` and `plain(text)`, `inline_text(text,
    in_link)`, `inline_code`, `inline_maths` and `inline_link(href)` (an opening tag, or None to
    leave a link out); `in_link`: the text is inside a link already, so it makes none of its own."""
    tags = writer.inline_tags
    out: list[str] = []
    open_tags: list[str] = []
    for child in children:
        kind = child.type
        if kind == "text":
            out.append(writer.inline_text(child.content, in_link or "a" in open_tags))
        elif kind == "softbreak":
            out.append(tags.soft_break)
        elif kind == "hardbreak":
            out.append(tags.hard_break)
        elif kind in ("em_open", "strong_open", "em_close", "strong_close"):
            tag = tags.emphasis if kind.startswith("em") else tags.strong
            if kind.endswith("_open"):
                open_tags.append(tag)
                out.append(f"<{tag}>")
            elif tag in open_tags:
                out.append(close_to(open_tags, tag))
        elif kind == "code_inline":
            out.append(writer.inline_code(child.content))
        elif kind in ("math_inline", "math_inline_double"):
            out.append(writer.inline_maths(child.content))
        elif kind == "link_open":
            opening = None if in_link or "a" in open_tags else writer.inline_link(doi_link(child.attrGet("href") or ""))
            if opening:
                open_tags.append("a")
                out.append(opening)
        elif kind == "link_close":
            if "a" in open_tags:
                out.append(close_to(open_tags, "a"))
        elif kind == "html_inline":
            out.append(_raw_tag(child.content, open_tags, writer))
        else:   # an image's alt text, anything else: as text
            out.append(writer.plain(child.content or ""))
    while open_tags:
        out.append(f"</{open_tags.pop()}>")
    return "".join(out)


def _raw_tag(raw: str, open_tags: list[str], writer) -> str:
    """A raw inline HTML tag: the writer's own when it is one of the few honoured, and balanced;
    anything else as text."""
    found = honoured_tag(raw)
    if found:
        closing, name, self_closing = found
        if name == "br":
            return writer.inline_tags.hard_break
        tag = writer.inline_tags.honoured.get(name)
        if tag and not closing and not self_closing:
            open_tags.append(tag)
            return f"<{tag}>"
        if tag and closing and tag in open_tags:
            return close_to(open_tags, tag)
    return writer.plain(raw)


def _with_maths(md):
    """`md` reading $$...$$ and, by Pandoc's tex_math_dollars rule, $...$ as maths."""
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.dollarmath.index import math_inline_dollar

    double = math_inline_dollar(allow_space=True, allow_digits=True, allow_double=True)

    def inline_maths(state, silent: bool) -> bool:
        if state.src.startswith("$$", state.pos):
            return double(state, silent)
        return _single_dollar_maths(state, silent)

    md.use(dollarmath_plugin, double_inline=True)
    md.inline.ruler.at("math_inline", inline_maths)
    return md


def _single_dollar_maths(state, silent: bool) -> bool:
    """$...$ at `state.pos` as a math_inline token, when the pair follows Pandoc's rule: a non-space
    right after the opening $, a non-space right before the closing $ (the first one not escaped),
    and no digit right after it. Anything else leaves the $ a dollar sign: "US$1,200 vs. US$1,850",
    "$5 and $10", "costs $ 5$"."""
    src, start, limit = state.src, state.pos, state.posMax
    if src[start] != "$" or start + 1 >= limit or src[start + 1].isspace():
        return False
    end = start + 1
    while end < limit and src[end] != "$":
        end += 2 if src[end] == "\\" else 1     # \$ inside maths is a dollar sign, not the end
    if end >= limit or src[end - 1].isspace() or src[end + 1:end + 2] in tuple("0123456789"):
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content, token.markup = src[start + 1:end], "$"
    state.pos = end + 1
    return True


def _plain_paragraphs(source: str) -> list[list[str]] | None:
    """The lines of each paragraph of `source`, when every line is plain text (see _PLAIN) that no
    block syntax begins and paragraphs are apart by single blank lines; else None (for the parser)."""
    text = source.lstrip("\n").rstrip(" \t\n")   # not the first line's indentation: four spaces make code
    paragraphs = [part.split("\n") for part in text.split("\n\n")]
    for lines in paragraphs:
        lines[-1] = lines[-1].rstrip(" ")         # the parser drops a paragraph's trailing spaces
        if not all(_PLAIN.fullmatch(line) and not line.startswith(_BLOCK_START) for line in lines):
            return None
    return paragraphs


def visual_order(text: str) -> str:
    """Plain text with its right-to-left runs shaped and in drawing order."""
    return RTL_RUN.sub(lambda m: _visual(m.group()), text)


def _visual(run: str) -> str:
    """A right-to-left run, shaped when Arabic, in the order it is drawn left to right."""
    if _ARABIC.search(run):
        run = arabic_reshaper.reshape(run)
    return get_display(run, base_dir="R")


def _face(font: str | None, text: str) -> str:
    return f'<font face="{font}">{text}</font>' if font else text


def close_to(open_tags: list[str], tag: str) -> str:
    """Close tags down to and including `tag`, so the markup stays well nested."""
    out = []
    while open_tags:
        top = open_tags.pop()
        out.append(f"</{top}>")
        if top == tag:
            break
    return "".join(out)


def doi_link(href: str) -> str:
    """`doi:10.1000/182` as the https://doi.org link a reader can follow; other links as they are."""
    match = re.match(r"(?i)^doi:\s*(10\..+)$", href)
    return "https://doi.org/" + match[1] if match else href


def _safe_href(href: str) -> bool:
    return bool(re.match(r"(?i)^(https?://|mailto:|doi:)", href))


class _OpenLists:
    """The lists open at a point of markdown-it's token stream, and the label of the item being read."""

    def __init__(self):
        self.stack: list[list] = []    # [kind, next number], innermost last
        self.label = ""                # the label the next paragraph of a list item carries

    def follow(self, token) -> bool:
        """Take in a list token and say so; leave any other token."""
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.stack.append(["bullet" if kind == "bullet_list_open" else "number", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.stack.pop()
        elif kind == "list_item_open":
            self.label = "•" if self.stack[-1][0] == "bullet" else f"{self.stack[-1][1]}."
            self.stack[-1][1] += 1
        else:
            return False
        return True

    def item(self, markup: str, **where) -> "Block":
        """`markup` as a paragraph of the innermost list's item; the item's label is used up."""
        block = Block(self.stack[-1][0], markup, self.label, len(self.stack) - 1, **where)
        self.label = ""
        return block
