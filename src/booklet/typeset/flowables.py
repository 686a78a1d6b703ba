"""Small flowables and markers that carry booklet's metadata through ReportLab.

Sections attach what the document template must know (an anchor, an outline
entry, a running-head text) to the flowables themselves; `document.BookletDoc`
reads it in `afterFlowable`, when the flowable's page is known.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, PageBreak
from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.platypus.doctemplate import ActionFlowable, FrameActionFlowable
from reportlab.platypus.paragraph import (
    _HSFrag,
    _InjectedFrag,
    _SplitFrag,
    _SplitFragHY,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser
from reportlab.rl_config import _FUZZ as NO_WIDTH   # ReportLab's width too small to set a line in

from ..text.hyphenation import address_breaks
from . import reuse
from .speedups import string_width


class Paragraph(_ReportLabParagraph):
    """ReportLab's Paragraph, remembering its line breaking per width, with its
    fragments joined where they can be and its link target drawn by itself.

    Layout asks a paragraph for its height several times at the same width (to
    keep a contribution together, to try it at a page foot, to place it); line
    breaking with hyphenation is the most expensive step of a build, and its
    result depends on the width alone. Split parts are new paragraphs.

    ReportLab breaks and draws a paragraph of one fragment a line at a time, and
    one of several fragments word by word, several times slower. Its parser
    starts a new fragment at every entity (`&amp;`, `&lt;`) and at an inline
    `<a name="…"/>`; `joined` undoes the first, and `anchor` replaces the second.
    Text without tags or entities (half the paragraphs) is not parsed at all, and text whose
    shape (its tags, without the texts between them and the link targets) was parsed before
    is not parsed again (`shaped`): an index has thousands of entries of a few shapes."""

    anchor: str | None = None   # link target at the first line, where ReportLab puts an <a name="…"/>

    def _setup(self, text, style, bulletText, frags, cleaner):
        memo = reuse.active()
        if frags is not None or memo is None or not isinstance(text, str):
            return self._parse(text, style, bulletText, frags, cleaner)
        # A paragraph of the build before (booklet serve): its fragments, and its lines in `wrap`.
        key = (type(self), text, memo.style_key(style), repr(bulletText), self.caseSensitive)
        entry = memo.paragraph(key)
        if entry is None:
            self._parse(text, style, bulletText, frags, cleaner)
            entry = reuse.Entry(self.text, self.frags, self.style if self.style is not style else None,
                                self.bulletText)
            memo.keep(key, entry)
        else:
            self.text, self.frags, self.bulletText, self.debug = entry.text, entry.frags, entry.bullet, 0
            self.style = entry.style or style    # the parser's own style only when the markup changed it
        self._reused = entry

    def _parse(self, text, style, bulletText, frags, cleaner):
        if frags is not None:   # a split part: its fragments are already broken into words
            return super()._setup(text, style, bulletText, frags, cleaner)
        plain = _without_markup(text, cleaner)
        if plain:               # nothing to parse: one fragment, as the parser makes it in `style`
            frags = [_style_fragment(style).clone(text=plain)]
            textTransformFrags(frags, style)
            return super()._setup(plain, style, bulletText, frags, cleaner)
        cleaned = cleaner(text) if isinstance(text, str) else text
        frags = shaped(cleaned, style, self.caseSensitive)
        if frags is not None:   # as the parser makes them, from a parse of the same shape
            textTransformFrags(frags, style)
            return super()._setup(cleaned, style, bulletText, joined(frags), cleaner)
        super()._setup(text, style, bulletText, None, cleaner)
        self.frags = joined(self.frags)

    def wrap(self, available_width, available_height):
        if getattr(self, "_wrapped_at", None) == available_width:
            self.width = available_width
            self.blPara = self._wrapped_lines
            return self.width, self.height
        entry, memo = getattr(self, "_reused", None), reuse.active()
        if available_width < NO_WIDTH:   # ReportLab's "cannot fit here": no lines made, nothing to keep
            entry = None
        if entry is not None and memo is not None:
            found = memo.lines(entry, available_width)
            if found is not None:
                self.blPara, self.height, self._wrapWidths = found
                self.width, self._wrapped_at, self._wrapped_lines = available_width, available_width, self.blPara
                return self.width, self.height
        result = super().wrap(available_width, available_height)
        self._wrapped_at, self._wrapped_lines = available_width, self.blPara
        if self.style.alignment == TA_JUSTIFY and self.blPara.kind == 1:
            unstretched_address_lines(self.blPara.lines, string_width(" ", self.style.fontName, self.style.fontSize))
        if entry is not None and memo is not None:
            entry.widths[available_width] = (self.blPara, self.height, self._wrapWidths)
        return result

    def split(self, available_width, available_height):
        if getattr(self, "_wrapped_at", None) == available_width and self.blPara.kind == 1:
            keep_own_hyphens(self.frags)
        parts = super().split(available_width, available_height)
        if len(parts) == 2:
            parts[0].anchor = self.anchor   # the target stays with the first line
        return parts

    def draw(self):
        if self.anchor:
            self.canv.bookmarkHorizontal(self.anchor, *self._anchor_position())
            if self.records_page:   # inside a table cell the document never sees the paragraph
                doc = self.canv._doctemplate
                doc.page_of.setdefault(self.anchor, doc.page)
        super().draw()

    records_page = False   # set for an anchored paragraph in a table cell (a programme row)

    def _anchor_position(self) -> tuple[float, float]:
        """Where ReportLab draws an `<a name="…"/>` that opens the paragraph: at the
        start of the first line, one leading above its baseline."""
        style, lines = self.style, self.blPara
        if not lines.lines:
            return style.leftIndent, self.height
        first = lines.lines[0]
        extra, size = (first[0], lines.fontSize) if lines.kind == 0 else (first.extraSpace, first.fontSize)
        shift = _ALIGNMENT_SHIFT.get(style.alignment, 0) * max(extra, 0)
        return style.leftIndent + style.firstLineIndent + shift, self.height - size + style.leading


_ALIGNMENT_SHIFT = {TA_CENTER: 0.5, TA_RIGHT: 1.0}   # of a line's spare width, before its first word


ADDRESS_STRETCH = 1.5   # spaces' worth a word space may grow by in a justified line holding a web address


def unstretched_address_lines(lines: list, space: float) -> None:
    """Set flush left, not justified, a line holding a web address (or a piece of one) whose word
    spaces would grow by more than ADDRESS_STRETCH spaces (`space` wide).

    An address breaks only after / . - ? & (text.hyphenation.address_breaks), so the line before
    a break may end short of the margin: with two or three spaces to share what is left, they
    would each grow to a gap of an em or more. Stretched that far they look like a hole in the
    paragraph; a line ending short, as after a web address in any well-set book, does not. The
    limit lets a word space grow to 2.5 times its width, as the loosest twentieth of
    ordinary justified lines do. (Lines of one fragment have no such mark; web addresses are
    links, and a paragraph with a link has several.)"""
    for line in lines[:-1]:
        spaces = line.wordCount - 1
        if spaces <= 0 or line.lineBreak or line.extraSpace <= ADDRESS_STRETCH * space * spaces:
            continue
        text = "".join(getattr(frag, "text", "") for frag in line.words)
        if any(address_breaks(word.strip(_AROUND_ADDRESS)) is not None for word in text.split()):
            line.lineBreak = True    # as after a <br/>: ReportLab does not justify it


_AROUND_ADDRESS = "'\"()[]{}<>,;:!?.\u2018\u2019\u201c\u201d"   # punctuation around a web address in a sentence


def keep_own_hyphens(words: list) -> None:
    """Make the words of a paragraph of several fragments, as ReportLab broke them into lines,
    keep their own hyphens when a part of the paragraph is broken anew.

    A part split off a paragraph (the rest on the next page) is broken into lines again from the
    pieces of the words broken before, rejoined first; ReportLab strips a hyphen at the end of a
    piece when it joins the next piece of the same fragment, taking it for one it added. A word
    broken after its own hyphen ("Dresden-|Rossendorf", a web address's "example-|group") lost
    it: "DresdenRossendorf". Pieces of different fragment objects are kept apart, so the piece
    after such a head gets a copy of its fragment (the same looks: it is drawn as one text)."""
    after_own_hyphen = False
    for word in words:
        if isinstance(word, _InjectedFrag):
            continue
        if after_own_hyphen and isinstance(word, _SplitFrag) and len(word) > 1:
            frag, text = word[1]
            word[1] = (frag.clone(), text)
        after_own_hyphen = (isinstance(word, _SplitFrag) and not isinstance(word, (_SplitFragHY, _HSFrag))
                            and len(word) > 1 and str(word[-1][1]).endswith("-"))


def _without_markup(text, cleaner) -> str:
    """`text` as the parser would see it, if it has no tags or entities; else ""."""
    if not isinstance(text, str) or "<" in text or "&" in text:
        return ""
    return cleaner(text)


_TAG = re.compile(r"(<[^>]*>)")
_TARGET = re.compile(r'(\bhref\s*=\s*")([^"]*)(")')
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#39);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'"}
_UNSHAPED = ("<seq", "<greek", "<para", "</para", "<bullet")   # stateful, or change the style
TEXT, TARGET = "\ue000", "\ue001"                              # placeholders in a shape


def shaped(text, style, case_sensitive=1) -> list | None:
    """The parser's fragments of markup `text` in `style`, made from a parse of its shape: `text`
    with each run of text between tags replaced by TEXT and each link target by TARGET. A shape
    is parsed once per style, and its fragments are copied with the texts and targets put back.
    None when `text` holds what a shape cannot stand for (entities other than &amp; &lt; &gt;
    &quot; &#39;, the placeholders themselves, <seq>, <greek>, <para>, <bullet>)."""
    if not isinstance(text, str) or TEXT in text or TARGET in text:
        return None
    shape, texts, targets = [], [], []
    for i, part in enumerate(_TAG.split(text)):
        if i % 2:
            if part.lower().startswith(_UNSHAPED):
                return None
            target = _TARGET.search(part)
            if target:
                targets.append(html.unescape(target.group(2)).strip())   # as the parser reads it
                part = part[:target.start(2)] + TARGET + part[target.end(2):]
            shape.append(part)
        elif part:
            if "&" in part:
                if "&" in _ENTITY.sub("", part):
                    return None
                part = _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], part)
            texts.append(part)
            shape.append(TEXT)
    template = _template("".join(shape), style, case_sensitive, len(texts))
    if template is None or len(template[1]) != len(targets):
        return None
    frags, links = template
    filled, runs = [], iter(texts)
    for frag in frags:
        changes = {}
        if getattr(frag, "text", None) == TEXT:
            changes["text"] = next(runs)
        if getattr(frag, "link", None):
            changes["link"] = [(n, targets[links[n]], *rest) for n, _, *rest in frag.link]
        filled.append(frag.clone(**changes))
    return filled


def _template(shape: str, style, case_sensitive, runs: int):
    """(fragments, {link number: index of its target}) of a shape, or None if it does not parse
    into one fragment per run of text; remembered per style."""
    shapes = _SHAPES.get(style)
    if shapes is None:
        shapes = _SHAPES[style] = {}
    key = (shape, case_sensitive)
    if key not in shapes:
        parser = ParaParser()
        parser.caseSensitive = case_sensitive
        try:
            _, frags, bullets = parser.parse(shape, style)
        except Exception:       # let the real parse report it
            frags = None
        template = None
        if frags is not None and not bullets and sum(getattr(f, "text", None) == TEXT for f in frags) == runs \
                and not any(TEXT in getattr(f, "text", "") and f.text != TEXT for f in frags):
            numbers = sorted({link[0] for f in frags for link in (getattr(f, "link", None) or ())})
            template = (frags, {n: i for i, n in enumerate(numbers)})
        shapes[key] = template
    return shapes[key]


_SHAPES: "WeakKeyDictionary" = WeakKeyDictionary()   # style → {(shape, case sensitive): template}


def _style_fragment(style):
    """The fragment ReportLab's parser makes of text without markup in `style`, found once per style."""
    fragment = _STYLE_FRAGMENTS.get(style)
    if fragment is None:
        _, frags, _ = ParaParser().parse("x", style)
        fragment = _STYLE_FRAGMENTS[style] = frags[0]
    return fragment


_STYLE_FRAGMENTS: "WeakKeyDictionary" = WeakKeyDictionary()   # style → its plain fragment


def joined(frags: list) -> list:
    """Parsed fragments with each run of neighbours that differ only in their text made one.

    Callbacks (anchors, index entries, images) and line breaks are never joined: they
    act at their place in the text."""
    out = []
    for frag in frags:
        if out and _plain(frag) and _plain(out[-1]) and _looks(frag) == _looks(out[-1]):
            out[-1] = out[-1].clone(text=out[-1].text + frag.text)
        else:
            out.append(frag)
    return out


def _plain(frag) -> bool:
    return hasattr(frag, "text") and not hasattr(frag, "cbDefn") and not getattr(frag, "lineBreak", False)


def _looks(frag) -> dict:
    """Everything that decides how a fragment's text is set: its attributes but the text."""
    return {name: value for name, value in frag.__dict__.items() if name != "text"}


@dataclass(frozen=True, slots=True)
class Mark:
    anchor: str | None = None          # records the page; the paragraph is the link target
    outline: tuple[str, int] | None = None   # (text, level) bookmark in the PDF outline
    toc: bool = True                   # the outline entry also appears in the table of contents
    section: str | None = None         # running head text from here on
    block: str | None = None           # a contribution starts: "(continued)" cue if it crosses a page


def anchored(markup: str, style, mark: Mark) -> Paragraph:
    """A paragraph that is a link target and carries `mark` for the document."""
    para = Paragraph(markup, style)
    para.anchor, para.booklet_mark = mark.anchor, mark
    return para


class StartOn(FrameActionFlowable):
    """Continue on the next page of one side: "verso" (left, even) or "recto" (right, odd).

    StartOn("verso") makes what follows face the page after it; StartOn("recto") opens a
    section on a right-hand page. A page left empty in between stays blank."""

    def __init__(self, side: str):
        self.parity = 0 if side == "verso" else 1   # FrameActionFlowable's own __init__ refuses to run

    def frameAction(self, frame):
        page = self.canv.getPageNumber()
        if frame._atTop and page % 2 == self.parity:
            return
        breaks = 1 if (page + 1) % 2 == self.parity else 2
        frame.add_generated_content(*(PageBreak() for _ in range(breaks)))


class BlockEnd(ActionFlowable):
    """The contribution that began with a `block` mark ends here. An action, not a flowable that
    takes room: a zero-size flowable is refused by a frame whose last line (a figure's caption
    and its space after) reached the foot, and would then end the block on the next page, whose
    running head would call it continued."""

    def __init__(self):
        super().__init__(("block_end",))


class LeaveHeader(FrameActionFlowable):
    """On a page with a header frame (the index's first page): go on in the frame below it. Where
    the header is full already (its text ran on into the first column) or there is none, nothing
    happens, so what follows the header's text never waits for a column or a page of its own."""

    def __init__(self, header: str = "header"):
        self.header = header   # FrameActionFlowable's own __init__ refuses to run

    def frameAction(self, frame):
        if getattr(frame, "id", None) == self.header:
            frame.add_generated_content(FrameBreak())


class KeepWithNext(KeepTogether):
    """Headings (flowables that keep with the next) and the flowable they introduce, as ReportLab
    groups them (`BaseDocTemplate.keepTogetherClass`), so that a heading never ends a page alone.

    The group stays where it is when all of it fits, or when the headings and the first real
    lines of what they introduce fit (the first lines of a paragraph, the first rows of a table;
    a contribution kept on one page needs all of it). Otherwise it moves to the next frame. At the
    top of a frame, where moving on would not help, what the headings introduce is opened (a block
    kept together gives up its keeping) and starts under them."""

    def wrap(self, available_width, available_height):
        self._wrapInfo = (available_width, available_height)
        return available_width, 0xFFFFFF   # always asked to split, as ReportLab's KeepTogether

    def split(self, available_width, available_height):
        *heads, body = self._content
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and getattr(frame, "_atTop", False))
        canvas = getattr(self, "canv", None)
        heads_height, after = _stacked(heads, available_width, canvas)
        gap = after + max(body.getSpaceBefore() - after, 0) if heads else 0
        room = available_height - heads_height - gap - _FUZZ
        if room >= 0:
            if _whole_height(body, available_width, room, canvas) <= room:
                return list(self._content)
            if _can_start(body, available_width, room, canvas):
                return list(self._content)
        if not at_top:
            return [FrameBreak()] + list(self._content)
        return heads + _opened(body)


_FUZZ = 0.5   # points: what measuring here and placing in the frame may differ by


def _stacked(flowables: list, width: float, canvas) -> tuple[float, float]:
    """(height, space after the last) of flowables placed one under the other, as a frame does:
    the first one's space before left out, spaces between neighbours merged."""
    height, previous, first = 0.0, 0.0, True
    for f in flowables:
        h = f.wrapOn(canvas, width, 0xFFFFFF)[1]
        if not first:
            height += max(f.getSpaceBefore() - previous, 0)
        height += previous if not first else 0
        height += h
        previous, first = f.getSpaceAfter(), False
    return height, previous


def _whole_height(body, width: float, room: float, canvas) -> float:
    """The height `body` needs to be placed whole (nothing for what is made or done at layout)."""
    if isinstance(body, Later) or isinstance(body, ActionFlowable):
        return 0.0
    if isinstance(body, KeepTogether):
        body.wrapOn(canvas, width, room)
        return body._H
    return body.wrapOn(canvas, width, room)[1]


def _can_start(body, width: float, room: float, canvas) -> bool:
    """Whether `body` puts its first real lines into `room` and goes on in the next frame."""
    if isinstance(body, ContributionBlock):
        body.wrapOn(canvas, width, room)
        if body._H <= body.page_height:
            return False                               # kept on one page: it needs all of itself
        heading = body._content[:_first_body(body._content)]
        return body._opening_height(heading, width) <= room
    if isinstance(body, KeepTogether):
        return False                                   # kept together: all of it, or the next frame
    parts = body.splitOn(canvas, width, room)
    if not parts or isinstance(parts[0], ActionFlowable):
        return False
    return parts[0].wrapOn(canvas, width, room)[1] <= room + _FUZZ


def _opened(body) -> list:
    """What a block kept together holds, laid out one by one; its last line keeps with nothing."""
    if not isinstance(body, KeepTogether):
        return [body]
    content = list(body._content)
    content[-1].__dict__["keepWithNext"] = 0
    return content


class ContributionBlock(KeepTogether):
    """A contribution kept on one page, unless it is longer than a page.

    A block that fits a page moves whole to the next page when it does not fit
    here (ReportLab's KeepTogether). A longer block would be split anyway, so it
    starts where it is, as long as its heading and the first `min_lines` lines
    fit; the heading then no longer needs to keep with the whole next paragraph.
    """

    def __init__(self, flowables: list, page_height: float, min_lines: int = 3):
        super().__init__(flowables)
        self.page_height, self.min_lines = page_height, min_lines

    def split(self, available_width, available_height):
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        if self._H <= self.page_height:   # a near tie moves on: measuring and placing differ a little
            return super().split(available_width, available_height - _FUZZ)
        heading = self._content[:_first_body(self._content)]
        if self._opening_height(heading, available_width) > available_height:
            return [FrameBreak()] + self._content
        for flowable in heading:
            flowable.keepWithNext = 0
        return self._content

    def _opening_height(self, heading: list, width: float) -> float:
        height = sum(f.wrap(width, self.page_height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heading)
        body = self._content[len(heading)]
        leading = getattr(getattr(body, "style", None), "leading", None)
        return height + (leading * self.min_lines if leading else body.wrap(width, self.page_height)[1])


def _first_body(flowables: list) -> int:
    """Index of the first flowable that does not keep with the next (the abstract's first paragraph)."""
    for i, f in enumerate(flowables):
        if not f.getKeepWithNext():
            return i
    return len(flowables) - 1


class PageNumber(Flowable):
    """A page number that may not be known yet when it is drawn (contents, programme):
    it is drawn as a named PDF form, right-aligned, and the form is written when the
    document ends and every page is known (see PageForms). One layout pass suffices."""

    def __init__(self, anchor: str, style, forms: "PageForms", prefix: str = ""):
        super().__init__()
        self.anchor, self.style, self.forms, self.prefix = anchor, style, forms, prefix

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, self.style.leading
        return self.width, self.height

    def draw(self):
        if self.anchor not in self.forms.placed:   # a target the booklet does not print: no number
            return
        canvas, style = self.canv, self.style
        baseline = self.height - style.fontSize
        canvas.saveState()
        canvas.translate(self.width, baseline)
        canvas.doForm(self.forms.request(self.anchor, style, self.prefix))
        canvas.restoreState()
        left = self.width - self.forms.widest(style, self.prefix)
        canvas.linkRect("", self.anchor, (left, 0, self.width, self.height), relative=1, thickness=0)


class PageForms:
    """The page-number forms a document asks for, written by its last flowable."""

    WIDEST = "0000"

    def __init__(self, pages: dict[str, int], placed: set[str]):
        self.pages, self.placed = pages, placed   # pages fills in while the document is laid out
        self.requested: dict[str, tuple] = {}
        self._names: dict[tuple, str] = {}

    def request(self, anchor: str, style, prefix: str) -> str:
        """The form's name: plain ASCII, whatever the anchor and prefix hold."""
        key = (anchor, style.name, prefix)
        if key not in self._names:
            self._names[key] = f"PageNumber{len(self._names) + 1}"
            self.requested[self._names[key]] = (anchor, style, prefix)
        return self._names[key]

    def widest(self, style, prefix: str) -> float:
        return string_width(prefix + self.WIDEST, style.fontName, style.fontSize)

    def write(self, canvas) -> None:
        for name, (anchor, style, prefix) in sorted(self.requested.items()):
            page = self.pages.get(anchor)
            width = self.widest(style, prefix) * 2
            canvas.beginForm(name, lowerx=-width, lowery=-style.fontSize, upperx=1, uppery=style.fontSize * 1.5)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawRightString(0, 0, f"{prefix}{page}" if page is not None else "–")
            canvas.endForm()


class WriteForms(Flowable):
    """Zero-size, last in the story: writes the page-number forms, every page now known."""

    def __init__(self, forms: PageForms):
        super().__init__()
        self.forms = forms

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.forms.write(self.canv)


class AtEnd(Flowable):
    """Zero-size, near the end of a part's story: calls `action(canvas)` when layout gets there."""

    def __init__(self, action):
        super().__init__()
        self.action = action

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.action(self.canv)


class Later(Flowable):
    """Flowables made when layout reaches this point, from the pages found so far
    (the index, which only looks back). It asks to be split, and splits into them."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def wrap(self, available_width, available_height):
        return available_width, 0xFFFFFF

    def split(self, available_width, available_height):
        return self.make()


class LaterParagraph(Flowable):
    """A paragraph whose markup is made when layout first measures it: by then the pages it
    names (earlier in the booklet, like a session in the programme) are known."""

    def __init__(self, make):
        super().__init__()
        self.make, self._paragraph = make, None

    @property
    def paragraph(self):
        if self._paragraph is None:
            self._paragraph = self.make()
        return self._paragraph

    def wrap(self, available_width, available_height):
        return self.paragraph.wrap(available_width, available_height)

    def split(self, available_width, available_height):
        return self.paragraph.split(available_width, available_height)

    def drawOn(self, canvas, x, y, _sW=0):
        self.paragraph.drawOn(canvas, x, y, _sW)

    def getKeepWithNext(self):
        # ReportLab's keep-with-next switches it off on the flowable it groups (`keepWithNext = 0`
        # in its __dict__); asking the paragraph inside would group it again, for ever, whenever
        # the group cannot fit on a page (a title longer than a page).
        if "keepWithNext" in self.__dict__:
            return self.__dict__["keepWithNext"]
        return self.paragraph.getKeepWithNext()

    def getSpaceBefore(self):
        return self.paragraph.getSpaceBefore()

    def getSpaceAfter(self):
        return self.paragraph.getSpaceAfter()
