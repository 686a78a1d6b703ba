"""The HTML edition: the conference and its texts → `<slug>.html`, one self-contained page for screens.

- What the PDF holds, in the layout's order of sections: the title page (the one `h1`), the
  committees, the contents, a table per day at a glance, the programme, the abstracts (each an
  `<article id="c-<id>">`), the posters with their boards, the index of persons (each entry
  linking to the contribution by its title), the sponsors and the organiser's pages.
- Rendered by the Jinja2 template `html/booklet.html.j2` of the layout's folders (a layout that
  `extends:` another finds its parent's), with autoescape on: every content string reaches it
  either as text, escaped by Jinja, or as `Markup` made here, where every character of content
  goes through `escape` first. Raw HTML in content prints as text, as in the PDF (except the same
  few tags: sup, sub, i, em, b, strong, br, balanced); links keep http, https and mailto
  addresses only; maths is the PDF's maths converter's output as sub- and superscripts.
- Rich text is read with the same markdown-it parsers as the PDF's (`RichText.md`, `page_md`),
  and written as HTML from their tokens here (text/markdown.py writes ReportLab markup).
- No network: no script, no web fonts (a system font stack), CSS inline, figures and logos as
  data: URIs; so is each talk's event of the calendar edition, which its programme line links to
  ("Add “Title” to your calendar", the title hidden from the eye, which sees it beside the link).
- `lang=` on the title and abstract of a session or contribution whose `lang:` is not the page's.
- The grid of a day is a table: rooms across (`th scope=col`), times down (`th scope=row`, one row
  per time something starts or ends), a session in the row of its start, `rowspan` over the rows it
  lasts and `colspan` over adjacent rooms it takes. Night sessions count their minutes from the
  beginning of their day (`Session.span`), so 23:30–01:30 is one cell.
"""
from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape as _escape
from html import unescape
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from ..content.model import Conference, Contribution, Session, clock
from ..errors import LayoutError
from ..sections.abstracts import has_abstract_page
from ..sections.common import MAX_TOC_SESSIONS, where
from ..sections.glance import LANE, VENUE, lanes, runs
from ..sections.index import indexed_people, order
from ..sections.posters import board_order
from ..sections.programme import ordered
from ..text import maths
from ..text.markdown import RTL_RUN, InlineTags, close_to, quoted_widths, web_addresses, write_inline
from ..text.people import affiliation_numbers
from . import ics

TEMPLATE = "booklet.html.j2"

# Copied from text/markdown.py (its names are private there): bare web addresses and DOIs become
# links, and right-to-left runs (Hebrew, Arabic) are marked as such.
# Text that needs no Markdown parser: none of the characters inline syntax begins with, no address.
_NEEDS_PARSER = re.compile(r"[\\`*_\[\]!<>&$~\x00-\x1f\x7f]|https?://|www\.|\b(?:doi:\s?)?10\.\d", re.IGNORECASE)
# block tokens that always write the same tag
_FIXED_TAGS = {"bullet_list_open": "<ul>", "bullet_list_close": "</ul>", "ordered_list_close": "</ol>",
               "list_item_open": "<li>", "list_item_close": "</li>", "blockquote_open": "<blockquote>",
               "blockquote_close": "</blockquote>", "hr": "<hr>", "table_close": "</table></div>"}
_SAFE_HREF = re.compile(r"(?i)^(https?://|mailto:)")
_ID_SAFE = re.compile(r"[A-Za-z0-9_.-]+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")
_WIDTH = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:%|cm|mm|in|pt|px|em)")
_MATHS_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")
_MATHS_TAGS = {"super": "sup", "sub": "sub", "i": "i", "b": "b"}
_MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


# What an HTML document may not hold as text (a parse error, shown as a box or not at all): control
# characters other than white space, noncharacters, and surrogates (which UTF-8 cannot write).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                       + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
                       + "]")


def esc(text: str) -> str:
    """`text` as HTML text or a quoted attribute's value: & < > " ' as references, and the characters
    HTML may not hold left out (the loader leaves them out of titles too, with a warning)."""
    return _escape(_NOT_TEXT.sub("", text), quote=True)


def anchor(prefix: str, ident: str) -> str:
    """An id (and fragment) made of `prefix` and a content id: as written when it is letters,
    digits, '-', '_' and '.' (every contribution id is), else with other characters as ~XXXX."""
    if _ID_SAFE.fullmatch(ident):
        return prefix + ident
    return prefix + "".join(c if _ID_SAFE.fullmatch(c) else f"~{ord(c):04x}" for c in ident)


# -- content strings → HTML ------------------------------------------------------------------------

class Writer:
    """Content strings as safe HTML (`Markup`), read with the PDF's own Markdown parsers."""

    def __init__(self, rich):
        self.rich = rich
        self._data: dict = {}   # image path → data: URI

    # plain text: names, rooms, affiliations
    def text(self, text: str) -> Markup:
        return Markup(self._text(text))

    def _text(self, text: str) -> str:
        if not RTL_RUN.search(text):
            return esc(text)
        out, last = [], 0
        for run in RTL_RUN.finditer(text):
            out.append(esc(text[last:run.start()]))
            out.append(f'<span dir="rtl">{esc(run.group())}</span>')
            last = run.end()
        out.append(esc(text[last:]))
        return "".join(out)

    def _linked(self, text: str, in_link: bool) -> str:
        addresses = [] if in_link else web_addresses(text)
        out, last = [], 0
        for start, end, target in addresses:
            out.append(self._text(text[last:start]))
            out.append(f'<a href="{esc(target)}">{self._text(text[start:end])}</a>')
            last = end
        out.append(self._text(text[last:]))
        return "".join(out)

    # inline Markdown: titles
    def inline(self, source: str, *, links: bool = True) -> Markup:
        """A title; with `links` false without links of its own, for use inside a link (the programme's
        line, an index entry): HTML has no link inside a link."""
        text = " ".join(source.split())
        if not _NEEDS_PARSER.search(text):
            return Markup(self._text(text))
        tokens = self.rich.md.parseInline(text)
        return Markup(self._inline(tokens[0].children or [], links=links) if tokens else "")

    # -- what text.markdown.write_inline asks of a writer (HTML) -----------------------------
    inline_tags = InlineTags(emphasis="em", strong="strong", soft_break="\n", hard_break="<br>",
                             honoured={"sup": "sup", "sub": "sub", "i": "i", "em": "em", "b": "b",
                                       "strong": "strong"})

    def plain(self, text: str) -> str:
        return self._text(text)

    def inline_text(self, text: str, in_link: bool) -> str:
        return self._linked(text, in_link)

    def inline_code(self, text: str) -> str:
        return f"<code>{self._text(text)}</code>"

    def inline_maths(self, source: str) -> str:
        return self._maths(source)

    def inline_link(self, href: str) -> str | None:
        return f'<a href="{esc(href)}">' if _SAFE_HREF.match(href) else None

    def _inline(self, children, *, links: bool = True) -> str:
        return write_inline(children, self, in_link=not links)

    def _maths(self, source: str) -> str:
        """The PDF's maths (italic letters, sub- and superscripts, symbols) as HTML."""
        markup, _ = maths.to_markup(source)
        out, last, stack = [], 0, []
        for match in _MATHS_TAG.finditer(markup):
            out.append(self._text(unescape(markup[last:match.start()])))
            closing, name = match[1], _MATHS_TAGS.get(match[2])
            if name and not closing:
                stack.append(name)
                out.append(f"<{name}>")
            elif name and closing and name in stack:
                out.append(close_to(stack, name))
            last = match.end()
        out.append(self._text(unescape(markup[last:])))
        while stack:
            out.append(f"</{stack.pop()}>")
        return f'<span class="math">{"".join(out)}</span>'

    # block Markdown: abstracts, descriptions, pages
    def blocks(self, source: str, *, level: int, images: dict | None = None, page: bool = False) -> Markup:
        """`source` as paragraphs, lists, quotes, code, tables and figures; its headings one level
        below `level` (the heading it is under), never skipping one."""
        if page or images:
            tokens = self.rich.page_md.parse(quoted_widths(source))
        else:
            tokens = self.rich.md.parse(source)
        out: list[str] = []
        last = level
        images = images or {}
        hidden = []   # paragraphs of tight lists have no <p>
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "paragraph_open":
                hidden.append(token.hidden)
                figure = self._figure(tokens[i + 1], images) if i + 1 < len(tokens) else None
                if figure is not None:
                    hidden[-1] = "figure"
                    out.append(figure)
                elif not token.hidden:
                    out.append("<p>")
            elif kind == "paragraph_close":
                shown = hidden.pop() if hidden else False
                if not shown:
                    out.append("</p>")
            elif kind == "heading_open":
                wanted = level + max(int(token.tag[1:]) - 1, 1)
                last = min(wanted, last + 1, 6)
                hidden.append(last)
                out.append(f"<h{last}>")
            elif kind == "heading_close":
                out.append(f"</h{hidden.pop()}>")
            elif kind == "inline":
                if hidden and hidden[-1] == "figure":
                    continue
                out.append(self._inline(token.children or []))
            elif kind in _FIXED_TAGS:
                out.append(_FIXED_TAGS[kind])
            elif kind == "ordered_list_open":
                start = str(token.attrGet("start") or "1")
                out.append(f'<ol start="{int(start)}">' if start.isdigit() and start != "1" else "<ol>")
            elif kind in ("fence", "code_block"):
                out.append(f"<pre><code>{self._text(token.content.rstrip(chr(10)))}</code></pre>")
            elif kind == "html_block":
                out.append(f"<p>{self._text(' '.join(token.content.split()))}</p>")
            elif kind in ("math_block", "math_block_label"):
                out.append(f"<p>{self._maths(token.content)}</p>")
            elif kind == "table_open":
                out.append('<div class="table"><table>')
            elif kind in ("thead_open", "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close"):
                out.append(f"<{'/' if kind.endswith('close') else ''}{kind.split('_')[0]}>")
            elif kind in ("th_open", "td_open"):
                align = str(token.attrGet("style") or "").partition("text-align:")[2].strip()
                tag = kind[:2]
                scope = ' scope="col"' if tag == "th" else ""
                out.append(f'<{tag}{scope} class="{align}">' if align in ("left", "right", "center")
                           else f"<{tag}{scope}>")
            elif kind in ("th_close", "td_close"):
                out.append(f"</{kind[:2]}>")
        return Markup("".join(out))

    def _figure(self, inline, images: dict) -> str | None:
        """An image alone in its paragraph: a figure with the file as a data: URI and its alt text
        as the caption; an image the content does not hold (a web address) is its alt text."""
        if inline.type != "inline":
            return None
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
        if len(children) != 1 or children[0].type != "image":
            return None
        image = children[0]
        src = image.attrGet("src") or ""
        found = images.get(src)
        alt = "".join(_alt_text(image.children or [])) or image.content or ""
        shown = self._inline(image.children) if image.children else self._text(alt)
        if found is None:
            return f"<p>{shown}</p>" if alt else ""
        width = str(image.attrGet("width") or "")
        style = f' style="width: {width}"' if _WIDTH.fullmatch(width) else ""
        caption = f"<figcaption>{shown}</figcaption>" if alt else ""
        return f'<figure><img src="{self.data_uri(found.path)}" alt="{esc(alt)}"{style}>{caption}</figure>'

    def data_uri(self, path) -> str:
        """The image file as a data: URI, a raster image wider than MAX_PIXELS made that wide first."""
        key = str(path)
        if key not in self._data:
            mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
            data = path.read_bytes()
            if mime in ("image/png", "image/jpeg"):
                data = _smaller(data, mime)
            self._data[key] = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        return self._data[key]


def _alt_text(children) -> list[str]:
    """The plain text of an image's description, as CommonMark makes its alt attribute."""
    out = []
    for child in children:
        if child.children:
            out += _alt_text(child.children)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        else:
            out.append(child.content or "")
    return out


MAX_PIXELS = 1600      # across: twice a 50rem column on a dense screen
JPEG_QUALITY = 85


def _smaller(data: bytes, mime: str) -> bytes:
    """A raster image at most MAX_PIXELS wide (Pillow, Lanczos), in its own format; as it is when it
    is that small already, cannot be read, or would not get smaller."""
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width <= MAX_PIXELS:
                return data
            height = max(1, round(image.height * MAX_PIXELS / image.width))
            small = image.resize((MAX_PIXELS, height), Image.LANCZOS)
            out = io.BytesIO()
            if mime == "image/jpeg":
                small.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            else:
                small.save(out, "PNG", optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return data
    return out.getvalue() if out.tell() < len(data) else data


# -- the document's parts ---------------------------------------------------------------------------

@dataclass
class _Build:
    ctx: object
    w: Writer
    ids: set = field(default_factory=set)        # every id the document has
    targets: dict = field(default_factory=dict)  # contribution id → its element's id
    _titles: dict = field(default_factory=dict)
    _sessions: dict = field(default_factory=dict)

    @property
    def conference(self) -> Conference:
        return self.ctx.conference

    def title(self, item) -> Markup:
        """A session's or contribution's title (inline Markdown) without its links, as it is shown
        inside a link (the programme, the grid, the contents, the index); converted once."""
        if item.id not in self._titles:
            self._titles[item.id] = self.w.inline(item.title, links=False)
        return self._titles[item.id]

    def heading(self, item) -> Markup:
        """The title with its links, as a heading shows it."""
        return self.w.inline(item.title) if _NEEDS_PARSER.search(item.title) else self.title(item)

    def name(self, person, with_title: bool = False) -> Markup:
        shown = self.w.text(person.name)
        return Markup(f"{esc(person.title)} {shown}") if with_title and person.title else shown

    def lang(self, item) -> str:
        """A session's or contribution's `lang:` for the lang= of the elements that show its own words
        (title, abstract, description; not the labels and names around them), when it is not the
        page's language; else ""."""
        page = self.conference.language.replace("_", "-")
        return item.lang if item.lang and item.lang.casefold() != page.casefold() else ""

    def has_section(self, name: str) -> bool:
        return name in self.ctx.layout.sections

    def session(self, session: Session) -> dict:
        """What a session's heading and meta line say (kind, time, place, chairs, track)."""
        if session.id in self._sessions:
            return self._sessions[session.id]
        labels = self.ctx.labels
        kind = labels.get(session.kind, session.kind)
        time = ""
        if session.span:
            time = f"{clock(session.span[0])}–{clock(session.span[1])}"
        elif session.start:
            time = f"{session.start:%H:%M}"
        made = {"title": self.title(session), "heading": self.heading(session), "lang": self.lang(session),
                "kind": kind if kind.casefold() != session.title.casefold() else "", "kind_name": session.kind,
                "time": time,
                "where": self.w.text(where(session)) if where(session) else "",
                "chairs": [self.name(p) for p in session.chairs],
                "track": self.w.text(session.track.name) if session.track else "",
                "colour": _colour(session.track.colour if session.track else None),
                "day": self.w.text(self.ctx.day_names[session.day]) if session.day else ""}
        self._sessions[session.id] = made
        return made

    def people_line(self, c: Contribution) -> Markup:
        """"Ada Lovelace (Cambridge), Alan Turing et al.", as the PDF's programme lists them."""
        limit = max(self.ctx.layout.et_al, len(c.speakers))
        parts = []
        for a in c.authors[:limit]:
            aff = f" ({self.w.text(', '.join(a.affiliations))})" if a.affiliations else ""
            parts.append(f"{self.name(a.person)}{aff}")
        line = ", ".join(parts)
        return Markup(f"{line} {esc(self.ctx.labels['et_al'])}" if len(c.authors) > limit else line)

    def article(self, session: Session, c: Contribution, level: int) -> dict:
        """A contribution's entry in the abstracts or posters: its heading at `level`."""
        numbers = affiliation_numbers(c)
        with_title = self.ctx.layout.show_titles

        def byline(authors) -> list:
            return [Markup(f"{self.name(a.person, with_title)}"
                           + (f"<sup>{','.join(str(numbers[x]) for x in a.affiliations)}</sup>" if a.affiliations else ""))
                    for a in authors]

        ident = anchor("c-", c.id)
        self.ids.add(ident)
        self.targets[c.id] = ident
        text = (c.abstract or "").strip()
        return {"id": ident, "title": self.heading(c), "board": c.board or "", "level": level, "lang": self.lang(c),
                "url": c.url or "", "link_text": self.title(c),
                "speakers": byline(c.speakers), "coauthors": byline(c.coauthors),
                "affiliations": [(n, self.w.text(a)) for a, n in numbers.items()],
                "abstract": self.w.blocks(c.abstract, level=level, images=dict(c.images)) if text else "",
                "no_abstract": not text and session.kind != "posters"}


def calendar_links(made) -> dict[str, str]:
    """Each event of the calendar edition (`ics.Made`, or None when there is none) as a data: URI, by
    the id of its contribution or session: a link in the page downloads the one event, also when the
    page was e-mailed and is read offline (per-event files beside the page would be lost on the way)."""
    if made is None:
        return {}
    return {of: _as_data_uri(data, "text/calendar") for of, data in ics.single_events(made).items()}


def _add_calendar_links(b: "_Build", sections: list[dict], links: dict[str, str]) -> None:
    """The programme's sessions and talks that have an event in the calendar get their link."""
    label = b.ctx.labels.get("add_to_calendar", ADD_TO_CALENDAR)
    for part in sections:
        for day in part["days"] if part["kind"] == "programme" else ():
            for session in day["sessions"]:
                for item in (session, *session["contributions"]):
                    of, title, lang = item.pop("event")
                    if of in links:
                        item["ics"], item["add"] = links[of], calendar_link_text(label, title, lang)


def _as_data_uri(data: bytes, mime: str) -> str:
    """`data` as a data: URI, percent-encoded (mostly ASCII text: shorter than base64) or in base64
    (text in other scripts), whichever is shorter."""
    quoted = quote(data, safe=":;=/,.-_@+()")
    as_base64 = base64.b64encode(data).decode("ascii")
    if len(quoted) <= len(as_base64) + len(";base64"):
        return f"data:{mime};charset=utf-8,{quoted}"
    return f"data:{mime};charset=utf-8;base64,{as_base64}"


ADD_TO_CALENDAR = "Add “{title}” to your calendar"   # when the layout's labels do not say it
_QUOTES = "\"'“”„‘’‚«»‹›「」"


def calendar_link_text(label: str, title: Markup, lang: str = "") -> Markup:
    """The words of a talk's "add to calendar" link, from the layout's `add_to_calendar` label
    ("Add “{title}” to your calendar"): all of them for a screen reader, which may list the links
    of a page out of their context, and without the title (and its quotes) for the eye, which sees
    it beside the link."""
    before, found, after = label.partition("{title}")
    if not found:
        return Markup(esc(label))
    shown_before, shown_after = before.rstrip(_QUOTES), after.lstrip(_QUOTES)
    opening, closing = before[len(shown_before):], after[:len(after) - len(shown_after)]
    title = Markup(f'<span lang="{esc(lang)}">{title}</span>') if lang else title
    return Markup(f'{esc(shown_before)}<span class="hidden">{esc(opening)}{title}{esc(closing)}</span>'
                  f"{esc(shown_after)}")


def document(ctx, links: Callable[[], dict[str, str]] = dict) -> tuple[bytes, int]:
    """The HTML edition and how many contributions it shows. `links()` gives the data: URIs of the
    calendar's events (`calendar_links`); it is asked last, so that the calendar may be made
    meanwhile in another process."""
    b = _Build(ctx, Writer(ctx.texts.rich))
    conference, labels, layout = ctx.conference, ctx.labels, ctx.layout
    names = list(layout.sections)
    sections: list[dict] = []
    for name in names:
        if name == "title" or name == "colophon":
            continue
        part = _section(b, name)
        if part:
            sections.append(part)
    # the index last: it links to what the other sections hold
    for part in sections:
        if part["kind"] == "index":
            part.update(_index(b))
        elif part["kind"] == "programme":   # a line leads to its abstract only when that is in the page
            for day in part["days"]:
                for session in day["sessions"]:
                    for entry in session["contributions"]:
                        if entry["href"] and entry["href"][1:] not in b.ids:
                            entry["href"] = ""
    sections = [s for s in sections if s["kind"] != "index" or s["letters"]]
    _add_calendar_links(b, sections, links())
    contents = _contents(b, sections)
    for part in sections:
        if part["kind"] == "contents":
            part["entries"] = contents
    event = {"title": b.w.text(conference.title), "short": b.w.text(conference.short) if conference.short else "",
             "venue": b.w.text(conference.venue) if conference.venue else "",
             "organisers": [b.w.text(o) for o in conference.organisers]}
    page = _render(layout,
        lang=conference.language.replace("_", "-"), event=event, dates=b.w.text(ctx.dates), labels=labels, sections=sections,
        selection=b.w.text(ctx.selection),
        colours={k: v for k, v in ((k, _colour(layout.colours.get(k))) for k in ("text", "accent", "muted", "rule"))
                 if v},
        version=ctx.version, contributions=len(conference.contributions), people=len(conference.people),
        online=conference.online.items(),
        slug=conference.slug)
    return page.encode("utf-8"), len(conference.contributions)


def _render(layout, **context) -> str:
    """The layout's html/booklet.html.j2 (child layout first), autoescaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d / "html") for d in layout.dirs]),
                             undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    try:
        return env.get_template(TEMPLATE).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise LayoutError(f"template '{exc.name}' not found in the layout's html/ folder") from None
    except jinja2.TemplateSyntaxError as exc:
        raise LayoutError(f"{exc.filename or TEMPLATE}:{exc.lineno}: error: template syntax: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise LayoutError(f"template '{TEMPLATE}': {exc.message}") from None


def _section(b: _Build, name: str) -> dict | None:
    labels = b.ctx.labels
    ident = anchor("section-", name)
    common = {"name": name, "id": ident, "heading": labels.get(name, name)}
    if name == "contents":
        b.ids.add(ident)
        return {**common, "kind": "contents", "entries": []}
    if name == "committees":
        return _committees(b, common)
    if name == "glance":
        return _glance(b, common)
    if name == "programme":
        return _programme(b, common)
    if name == "abstracts":
        return _abstracts(b, common)
    if name == "posters":
        return _posters(b, common)
    if name == "index":
        b.ids.add(ident)
        return {**common, "kind": "index", "letters": []}
    if name == "sponsors":
        return _sponsors(b, common)
    if name.startswith("page:"):
        page = next((p for p in b.conference.pages if f"page:{p.name}" == name), None)
        if page is None:
            return None
        ident = anchor("page-", page.name)
        b.ids.add(ident)
        return {"name": name, "id": ident, "heading": b.w.text(page.title), "kind": "page",
                "listed": page.contents, "body": b.w.blocks(page.body, level=2, images=dict(page.images), page=True)}
    return None


def _committees(b: _Build, common: dict) -> dict | None:
    committees = b.conference.committees
    if not committees:
        return None
    b.ids.add(common["id"])
    out = []
    for number, committee in enumerate(committees):
        ident = f"committee-{number + 1}"
        b.ids.add(ident)
        out.append({"id": ident, "name": b.w.text(committee.name),
                    "members": [{"name": b.w.text(m.person.name), "title": b.w.text(m.person.title or ""),
                                 "affiliations": [b.w.text(a) for a in m.affiliations]} for m in committee.members]})
    return {**common, "kind": "committees", "committees": out}


def _programme(b: _Build, common: dict) -> dict | None:
    sessions = ordered(b.conference.sessions)
    if not sessions:
        return None
    b.ids.add(common["id"])
    several = len(b.conference.days) > 1
    days: list[dict] = []
    for session in sessions:
        day = session.day if several else None
        if not days or days[-1]["date"] != day:
            ident = f"programme-{day}" if day else ""
            if ident:
                b.ids.add(ident)
            days.append({"date": day, "id": ident, "name": b.w.text(b.ctx.day_names[day]) if day else "",
                         "sessions": []})
        ident = anchor("p-", session.id)
        b.ids.add(ident)
        item = {**b.session(session), "id": ident, "contributions": [],
                "event": (session.id, b.title(session), b.lang(session)), "ics": "", "add": "",
                "file": f"{session.id}.ics", "single": session.single_item,
                "description": b.w.blocks(session.description, level=4 if several else 3)
                if session.description else ""}
        contributions = session.contributions
        if session.kind == "posters":
            contributions = sorted(contributions, key=board_order)
        for c in contributions:
            own = has_abstract_page(session, c, b.ctx.layout) and \
                b.has_section("posters" if session.kind == "posters" else "abstracts")
            entry = {"time": f"{c.start:%H:%M}" if c.start else "", "title": b.title(c) if own else b.heading(c),
                     "lang": b.lang(c), "event": (c.id, b.title(c), b.lang(c)), "ics": "", "add": "",
                     "file": f"{c.id}.ics",
                     "board": c.board if session.kind == "posters" and c.board else "",
                     "people": b.people_line(c), "href": "", "id": ""}
            if own:
                entry["href"] = "#" + anchor("c-", c.id)   # checked against the ids when the index is made
            else:   # no article of its own: the index leads here
                entry["id"] = anchor("c-", c.id)
                b.ids.add(entry["id"])
                b.targets[c.id] = entry["id"]
            item["contributions"].append(entry)
        days[-1]["sessions"].append(item)
    return {**common, "kind": "programme", "days": days, "several_days": several}


def _abstracts(b: _Build, common: dict) -> dict | None:
    out = []
    for session in b.conference.sessions:
        if session.kind == "posters":
            continue
        shown = [c for c in session.contributions if has_abstract_page(session, c, b.ctx.layout)]
        if not shown:
            continue
        ident = anchor("s-", session.id)
        b.ids.add(ident)
        out.append({**b.session(session), "id": ident, "articles": [b.article(session, c, 4) for c in shown]})
    if not out:
        return None
    b.ids.add(common["id"])
    return {**common, "kind": "abstracts", "sessions": out}


def _posters(b: _Build, common: dict) -> dict | None:
    sessions = [s for s in b.conference.sessions if s.kind == "posters" and s.contributions]
    if not sessions:
        return None
    b.ids.add(common["id"])
    single = len(sessions) == 1 and sessions[0].title.casefold() == b.ctx.labels["posters"].casefold()
    out = []
    for session in sessions:
        ident = anchor("s-", session.id)
        b.ids.add(ident)
        out.append({**b.session(session), "id": ident,
                    "articles": [b.article(session, c, 3 if single else 4)
                                 for c in sorted(session.contributions, key=board_order)]})
    return {**common, "kind": "posters", "sessions": out, "single": single}


def _sponsors(b: _Build, common: dict) -> dict | None:
    sponsors = b.conference.sponsors
    if not sponsors:
        return None
    b.ids.add(common["id"])
    tiers: dict[str, list] = {}
    for sponsor in sponsors:
        url = _NOT_TEXT.sub("", sponsor.url) if sponsor.url and _SAFE_HREF.match(sponsor.url) else ""
        logo = b.w.data_uri(sponsor.logo.path) if sponsor.logo else ""
        tiers.setdefault(sponsor.tier, []).append({"name": b.w.text(sponsor.name), "url": url, "logo": logo})
    return {**common, "kind": "sponsors", "tiers": [{"name": b.w.text(t) if t else "", "sponsors": s}
                                                    for t, s in tiers.items()]}


# -- at a glance --------------------------------------------------------------------------------------

def _glance(b: _Build, common: dict) -> dict | None:
    days: dict = {}
    for session in b.conference.sessions:
        if session.timed:
            days.setdefault(session.day, []).append(session)
    if not days:
        return None
    b.ids.add(common["id"])
    linked = "programme" in b.ctx.layout.sections
    out = []
    for day, sessions in sorted(days.items()):
        ident = f"glance-{day}"
        b.ids.add(ident)
        out.append({"id": ident, "name": b.w.text(b.ctx.day_names[day]), "label": b.ctx.day_names[day],
                    **_grid(b, sessions, linked)})
    return {**common, "kind": "glance", "days": out}


def _columns(conference: Conference, sessions: list[Session]) -> list:
    """The day's rooms in the conference's order, then the places outside them (as the PDF's grid)."""
    used = {room.id for s in sessions for room in s.rooms}
    rooms = [room for room in conference.rooms if room.id in used]
    places = []
    for s in sessions:
        for lane in lanes(s):
            if lane.id.startswith(LANE) and lane not in places:
                places.append(lane)
    if places and not rooms:
        rooms = [VENUE]
    return rooms + places or [None]


def _grid(b: _Build, sessions: list[Session], linked: bool) -> dict:
    """Rows (a time each: when something starts or ends, times when nothing runs left out) and
    cells: a session in the row of its start, over the rows it lasts and the adjacent columns it
    takes. A session whose place is taken (a timed session without a room over a room's session,
    which booklet warns of) is listed in the cell that holds its first row and column."""
    columns = _columns(b.conference, sessions)
    spans = [s.span for s in sessions]
    times = {t for span in spans for t in span}
    rows = sorted({a for a, _ in spans} | {t for t in times if any(a <= t < z for a, z in spans)})
    row_of = {t: i for i, t in enumerate(rows)}
    taken: dict[tuple[int, int], dict] = {}
    cells: list[list] = [[] for _ in rows]    # (column, cell) per row
    order = sorted(range(len(sessions)), key=lambda i: (spans[i][0], -spans[i][1], i))
    for i in order:
        session, (start, end) = sessions[i], spans[i]
        first_row = row_of[start]
        last_row = max((row_of[t] for t in rows if start <= t < end), default=first_row)
        entry = {"session": b.session(session), "href": "#" + anchor("p-", session.id) if linked else "",
                 "kind": session.kind}
        for first, last in runs(session, columns, columns):
            slots = [(r, c) for r in range(first_row, last_row + 1) for c in range(first, last + 1)]
            if any(slot in taken for slot in slots):
                holder = taken.get((first_row, first))
                if holder is not None:
                    holder["also"].append(entry)
                    continue
                # only a part is taken: the session keeps its first row in the columns still free
                free = [c for c in range(first, last + 1) if (first_row, c) not in taken]
                slots = [(first_row, c) for c in free]
                cell = {**entry, "rowspan": 1, "colspan": 1, "also": []}
                for c in free:
                    taken[(first_row, c)] = cell
                    cells[first_row].append((c, {**cell, "colspan": 1}))
                continue
            cell = {**entry, "rowspan": last_row - first_row + 1, "colspan": last - first + 1, "also": []}
            for slot in slots:
                taken[slot] = cell
            cells[first_row].append((first, cell))
    table = []
    for r, t in enumerate(rows):
        line, placed = [], dict(cells[r])
        for c in range(len(columns)):
            if c in placed:
                line.append(placed[c])
            elif (r, c) not in taken:
                line.append(None)          # an empty cell
        table.append({"time": clock(t), "cells": line})
    headers = [b.w.text(col.name) if col is not None and col.name else "" for col in columns]
    return {"columns": headers, "rows": table,
            "tracks": [{"name": b.w.text(t.name), "colour": _colour(t.colour)}
                       for t in dict.fromkeys(s.track for s in sessions if s.track)]}


# -- index and contents --------------------------------------------------------------------------------

def _index(b: _Build) -> dict:
    ctx = b.ctx
    labels = ctx.labels
    people = indexed_people(ctx)
    found: dict[str, list] = {p.id: [] for p in people}
    for session in b.conference.sessions:
        target = anchor("p-", session.id)
        for chair in session.chairs:
            if target in b.ids:
                label = labels["chair"]
                title = b.title(session)
                if b.lang(session):
                    title = Markup(f'<span lang="{esc(b.lang(session))}">{title}</span>')
                found[chair.id].append({"href": "#" + target, "text": Markup(f"{esc(label)}: {title}"),
                                        "presents": False, "lang": ""})
        for c in session.contributions:
            target = b.targets.get(c.id)
            for author in c.authors:
                found[author.person.id].append({"href": "#" + target if target else "", "text": b.title(c),
                                                "presents": author.presenting, "lang": b.lang(c)})
    if ctx.layout.index_committees:
        for number, committee in enumerate(b.conference.committees):
            for member in committee.members:
                ident = f"committee-{number + 1}"
                found.setdefault(member.person.id, []).append(
                    {"href": "#" + ident if ident in b.ids else "", "text": b.w.text(committee.name),
                     "presents": False, "lang": ""})
    letters: list[dict] = []
    for letter, person, shown, homonym in order(ctx, people):
        if letter is not None or not letters:
            letters.append({"letter": b.w.text(letter or ""), "entries": []})
        letters[-1]["entries"].append({
            "name": b.w.text(shown), "affiliation": b.w.text(", ".join(person.affiliations)) if homonym else "",
            "links": found.get(person.id, [])})
    return {"letters": letters}


def _contents(b: _Build, sections: list[dict]) -> list[dict]:
    entries = []
    for part in sections:
        if part["kind"] == "contents" or not part.get("listed", True):
            continue
        children = []
        if part["kind"] == "glance":
            children = [{"href": "#" + d["id"], "text": d["name"]} for d in part["days"]]
        elif part["kind"] == "programme":
            children = [{"href": "#" + d["id"], "text": d["name"]} for d in part["days"] if d["id"]]
        elif part["kind"] in ("abstracts", "posters") and len(part["sessions"]) <= MAX_TOC_SESSIONS \
                and not part.get("single"):
            children = [{"href": "#" + s["id"], "text": s["title"], "lang": s["lang"]} for s in part["sessions"]]
        entries.append({"href": "#" + part["id"], "text": part["heading"], "children": children})
    return entries


def _colour(value: str | None) -> str:
    """A colour for the style sheet, only when it is one (#rgb or #rrggbb): never content in CSS."""
    return value if value and _COLOUR.fullmatch(value) else ""


