"""Abstract text from a source → safe Markdown for content/abstracts/<id>.md.

Three kinds of source text:
- HTML (Indico descriptions, FOSDEM abstracts, hand-written frab CDATA): unsafe
  elements are removed with their content, the rest is converted to Markdown with
  markdownify (links stay links, lists stay lists).
- Markdown (pretalx, wafer): kept as written. booklet prints raw HTML it does not
  render as text, and code spans and blocks as written.
- plain text (frab, CSV): kept as paragraphs with a blank line between them, and
  escaped (`escape_block`) so that every character prints as written: `*`, `<b>`,
  `&amp;` and "AT&T;" are not Markdown, HTML or entities there.

One-line values (titles, names, rooms) are plain text in every source: `clean_line`
only collapses white space, and the writer escapes titles (`escape_inline`), which
booklet reads as Markdown. Whatever the kind, an abstract holds no e-mail address, no
password, PIN or meeting code, and no URL query parameter that looks like a secret.
"""
from __future__ import annotations

import html
import re
import warnings
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..content.schema import MAX_URL, is_web_address
from .report import Report

UNSAFE_ELEMENTS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
                   "template", "form", "input", "button", "select", "textarea", "svg", "math", "link", "meta",
                   "base", "head", "title", "audio", "video", "canvas")
# HTML is told by its tags; entities alone ("&amp;" in plain text) do not make text HTML.
_HTML_SNIFF = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|u|s|ul|ol|li|h[1-6]|table|tr|td|th|pre|code|blockquote|img|hr|"
    r"script|style|iframe|sup|sub|font|center|small|big|dl|dt|dd|section|article|object|embed)\b[^<>]*>",
    re.IGNORECASE)
_UNSAFE_BLOCK = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template|svg|math)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
HTML_ELEMENTS = (
    "a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br "
    "button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em "
    "embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html "
    "i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr noframes "
    "noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search "
    "section select slot small source span strike strong style sub summary sup svg table tbody td template "
    "textarea tfoot th thead time title tr track tt u ul var video wbr").split()
# Only real HTML elements count as tags: "Option<T>" and "#include <iostream>" are text.
_TAG = re.compile(r"</?(?:" + "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True)) +
                  r")(?:\s[^<>]*)?/?>|<!--.*?-->|<!\[CDATA\[|\]\]>", re.IGNORECASE | re.DOTALL)
_CODE = re.compile(r"(^```.*?^```[ \t]*$|^~~~.*?^~~~[ \t]*$|`[^`\n]+`)", re.MULTILINE | re.DOTALL)
_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_SECRET_PARAM = re.compile(
    r"^(?:pwd|pw|pass|passwd|password|passcode|token|access_token|auth|authkey|auth_token|apikey|api_key|ak|key|"
    r"signature|sig|secret|session|sessionid|sid|code|otp|tk|uname|email)$", re.IGNORECASE)
_SECRET_LINE = re.compile(
    r"\b(password|passwort|passcode|kennwort|kenncode|pin|meeting[ -]?id|meeting[ -]?code|access[ -]?code|"
    r"zugangscode|konferenz-?id|webinar[ -]?id|phone code|dial-?in)\b(\s*(?:number|no\.?)?\s*[:=]\s*)"
    r"([^\s,;]+(?:[ \t]+\d[\d ]*)?)", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|br|div|ul|ol|li|h[1-6]|table|tr|pre|blockquote|dl|section|article)\b",
                        re.IGNORECASE)
_BLANK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text))


def to_markdown(text: str | None, kind: str, report: Report, where: str = "") -> str | None:
    """`kind`: "html", "markdown", "plain" or "auto" (HTML when it looks like HTML, else plain)."""
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\x00", "")
    if not text.strip():
        return None
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "plain"
    if kind == "html":
        out = scrub(html_to_markdown(text, report, where), report, where)
    elif kind == "markdown":
        out = scrub(text, report, where)
    else:
        out = escape_block(scrub(plain_paragraphs(text), report, where))
    out = _BLANK.sub("\n\n", "\n".join(line.rstrip() for line in out.split("\n"))).strip()
    return out or None


def html_to_markdown(source: str, report: Report, where: str = "") -> str:
    from bs4 import BeautifulSoup, Comment
    from markdownify import MarkdownConverter

    if not _BLOCK_TAG.search(source) and "\n" in source.strip():
        # text with a little inline markup: its line structure is the paragraph structure
        source = "".join(f"<p>{p}</p>" for p in plain_paragraphs(source).split("\n\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # "looks like a URL/file name": a one-line abstract is fine
        soup = BeautifulSoup(source, "html.parser")
    removed = 0
    for tag in soup.find_all(UNSAFE_ELEMENTS):
        tag.decompose()
        removed += 1
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        for attr in [a for a in tag.attrs if a.lower().startswith("on") or a.lower() == "style"]:
            del tag[attr]
    for img in soup.find_all("img"):
        alt = (img.get("alt") or "").strip()
        img.replace_with(alt)
        report.dropped("images in abstracts (alt text kept)", where)
    for a in soup.find_all("a"):
        href = (a.get("href") or "").strip().strip("\"'“”„")
        if not re.match(r"^https?://", href, re.IGNORECASE):
            a.attrs = {}
            a.unwrap()
        else:
            a.attrs = {"href": href}
    if removed:
        report.dropped("unsafe HTML elements in abstracts (scripts, styles, frames, forms)", where, removed)
    converter = MarkdownConverter(heading_style="atx", bullets="-", escape_asterisks=False,
                                  escape_underscores=False, escape_misc=False, autolinks=True,
                                  strip=["span", "font", "div", "center", "small", "big", "u"])
    out = converter.convert_soup(soup)
    out = out.replace("\u00a0", " ")
    return _strip_tags(out, report, where)


def _strip_tags(text: str, report: Report, where: str) -> str:
    """Unsafe elements out with their content, other HTML tags out with their text kept;
    code blocks and `code spans` are left as they are."""
    parts = _CODE.split(text)
    n1 = n2 = 0
    for i in range(0, len(parts), 2):          # even parts are outside code
        parts[i], a = _UNSAFE_BLOCK.subn("", parts[i])
        parts[i], b = _TAG.subn("", parts[i])
        n1, n2 = n1 + a, n2 + b
    text = "".join(parts)
    if n1:
        report.dropped("unsafe HTML elements in abstracts (scripts, styles, frames, forms)", where, n1)
    if n2:
        report.dropped("raw HTML tags in abstracts (their text kept)", where, n2)
    if n1 or n2:
        text = html.unescape(text) if re.search(r"&(?:amp|lt|gt|quot|#\d+);", text) else text
    return text


def plain_paragraphs(text: str) -> str:
    """Plain text: blank lines separate paragraphs; without any, each line is one,
    unless the lines are hard-wrapped prose (then they are joined)."""
    text = text.strip("\n")
    if _BLANK.search(text):
        return text
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 2 and all(55 <= len(ln) <= 100 for ln in lines[:-1]) and \
            sum(ln.endswith((".", ":", "!", "?")) for ln in lines[:-1]) <= len(lines) // 3:
        return " ".join(lines)
    return "\n\n".join(lines)


def clean_url(url: str) -> tuple[str, bool]:
    """A URL without query parameters that look like secrets; (url, changed)."""
    trail = ""
    while url and url[-1] in ".,;:!?)":
        trail = url[-1] + trail
        url = url[:-1]
    try:
        parts = urlsplit(url)
    except ValueError:
        return url + trail, False
    if not parts.query:
        return url + trail, False
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not _SECRET_PARAM.match(k)]
    if len(kept) == len(query):
        return url + trail, False
    return urlunsplit(parts._replace(query=urlencode(kept))) + trail, True


def web_url(raw, report: Report, where: str = "") -> str | None:
    """An event's or contribution's own page (`url:` in booklet), as the source gives it: an http or
    https address with a host, under 1,000 bytes, with no secret-looking parameters (an API key,
    a signature: those are cut and the report says so). Anything else is left out and listed."""
    url = (str(raw).strip() if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else "")
    if not url:
        return None
    if not is_web_address(url) or len(url.encode()) > MAX_URL:
        report.dropped("URLs that are not web addresses (http, https), or are too long", where)
        return None
    cleaned, changed = clean_url(url)
    if changed:
        report.dropped("secret-looking parameters in URLs (passwords, tokens, keys)", where)
    return cleaned


def scrub(text: str, report: Report, where: str = "") -> str:
    """Take e-mail addresses, secrets in URLs and "PIN: 1234"-style codes out of text."""
    def email(m: re.Match) -> str:
        report.dropped("e-mail addresses in abstracts", where)
        return "(e-mail address removed)"

    def url(m: re.Match) -> str:
        cleaned, changed = clean_url(m.group(0))
        if changed:
            report.dropped("secret-looking parameters in URLs (passwords, tokens, keys)", where)
        return cleaned

    def secret(m: re.Match) -> str:
        report.dropped("passwords, PINs and meeting codes in abstracts", where)
        return f"{m.group(1)}{m.group(2)}(removed)"

    text = _EMAIL.sub(email, text)
    text = _URL.sub(url, text)
    return _SECRET_LINE.sub(secret, text)


def clean_line(text: str | None) -> str | None:
    """A one-line value (title, room, affiliation) as written, white space collapsed: it is plain
    text in every source, so "<b>", "&amp;" and "AT&T;" stay as they are."""
    if text is None:
        return None
    text = re.sub(r"[\s\u00a0]+", " ", str(text).replace("\x00", "")).strip()
    return text or None


# -- plain text → Markdown that prints it as written ---------------------------------
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]$]|<(?=[A-Za-z/!?])|(?<![^\W_])_|_(?![^\W_])")
_LINE_START = re.compile(r"^(?:[#>+=|~-]|\d{1,9}(?=[.)]))")


def escape_inline(text: str) -> str:
    """Plain text → Markdown inline text that booklet prints exactly as `text` (titles): backslashes
    before what would begin emphasis, code, links, raw HTML, entities or maths, and nowhere else."""
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(), text)
    return _ENTITY.sub(r"\\&", text)


def escape_block(text: str) -> str:
    """Plain paragraphs → Markdown that prints every line as written: `escape_inline`, and no line
    starts a heading, list, quote, rule or code block."""
    out = []
    for line in text.split("\n"):
        line = escape_inline(line.strip())
        m = _LINE_START.match(line)
        if m:
            line = line[:m.end()] + "\\" + line[m.end():] if m.group()[0].isdigit() else "\\" + line
        out.append(line)
    return "\n".join(out)
