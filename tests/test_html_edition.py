"""The HTML edition (`--edition html`, and `all`): out/<slug>.html parsed back with html5lib in strict
mode, an HTML5 parser that follows the WHATWG parsing algorithm a browser uses and reports every
parse error (issue 18)."""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest

from booklet import build
from booklet.cli import main

from . import programmes
from .conftest import REPO

THREE_DAY = REPO / "examples" / "three-day"
NS = "{http://www.w3.org/1999/xhtml}"
INJECTION = 'p < 0.05 & <script>alert(1)</script> <img src=x onerror=alert(2)> "quoted"'


def parse(data: bytes) -> ElementTree.Element:
    """The document as html5lib reads it; a parse error of any kind fails."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    try:
        return parser.parse(data)
    except html5lib.html5parser.ParseError:
        loose = html5lib.HTMLParser(strict=False)
        loose.parse(data)
        pytest.fail(f"html5lib parse errors: {loose.errors[:5]}")


def tag(element) -> str:
    return element.tag.removeprefix(NS)


def headings(root) -> list[int]:
    return [int(tag(e)[1]) for e in root.iter() if re.fullmatch(r"h[1-6]", tag(e))]


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def assert_shape(table) -> None:
    """Each row fills every room column, counting the cells that span into it from rows above,
    and no cell spans past the last row."""
    width = len(table.find(f"{NS}thead/{NS}tr")) - 1
    carried = [0] * width     # rows a cell from above still covers, per column
    for row in table.findall(f"{NS}tbody/{NS}tr"):
        column = 0
        for cell in row[1:]:
            while column < width and carried[column] > 0:
                column += 1
            span, down = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            assert column + span <= width, text(row)
            carried[column:column + span] = [down] * span
            column += span
        assert all(carried), text(row)
        carried = [left - 1 for left in carried]
    assert not any(carried)


@pytest.fixture(scope="module")
def default_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("html-default")
    result = build(REPO, out_dir=out, edition="html")
    return result, parse(result.files["html"].read_bytes())


@pytest.fixture(scope="module")
def three_day_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("html-three-day")
    result = build(THREE_DAY, out_dir=out, edition="html")
    return result, parse(result.files["html"].read_bytes())


@pytest.fixture(scope="module")
def nasty_html(tmp_path_factory):
    """The adversarial corpus: markup, maths and links in titles, long words, scripts, right to left."""
    out = tmp_path_factory.mktemp("html-nasty")
    result = build(REPO / "tests" / "corpus" / "nasty", out_dir=out, edition="html")
    return result, parse(result.files["html"].read_bytes())


@pytest.fixture(params=["default", "three-day", "nasty"])
def page(request, default_html, three_day_html, nasty_html):
    return {"default": default_html, "three-day": three_day_html, "nasty": nasty_html}[request.param][1]


def test_html_alone_writes_only_the_page(default_html):
    result, page = default_html
    assert set(result.files) == {"html"} and result.files["html"].name == "hi-2021.html"
    assert result.counts["html"] == len(page.findall(f".//{NS}ol[@class='contributions']/{NS}li")) == 24


def test_the_page_has_one_h1_and_headings_that_never_skip_a_level(page):
    levels = headings(page)
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)


def test_the_document_language_is_the_conference_language(page, default_html, three_day_html):
    assert page.get("lang") in ("en", "de")
    assert default_html[1].get("lang") == "en"


def test_a_contribution_in_another_language_has_lang_on_its_own_words(nasty_html):
    """`lang:` (el, ru, ja, ar, he in the corpus) marks the title wherever it is shown (the programme's
    line, the index's links, the abstract's heading) and the abstract, not the names and labels
    around them, which are in the page's language."""
    _, page = nasty_html
    assert page.get("lang") == "en"
    expected = {"greek": "el", "cyrillic": "ru", "cjk": "ja", "arabic": "ar", "hebrew": "he"}
    for cid, code in expected.items():
        article = page.find(f".//{NS}article[@id='c-{cid}']")
        heading = next(e for e in article if re.fullmatch(r"h[1-6]", tag(e)))
        assert heading.get("lang") == code, cid
        assert article.find(f"{NS}div[@class='abstract']").get("lang") == code
        assert article.get("lang") is None and article.find(f"{NS}p[@class='byline']").get("lang") is None
        links = page.findall(f".//{NS}a[@href='#c-{cid}']")
        assert len(links) >= 2 and all(a.get("lang") == code for a in links), cid   # programme and index
    marked = {e.get("lang") for e in page.iter() if e.get("lang")}
    assert marked == {"en", *expected.values()}


def test_a_title_with_a_link_is_shown_without_it_inside_a_link(nasty_html):
    """HTML has no link inside a link: the programme's line and the index lead to the contribution by
    its title without the title's own link; the abstract's heading keeps it."""
    _, page = nasty_html
    for a in page.iter(NS + "a"):
        assert not list(a.iter(NS + "a"))[1:]
    heading = page.find(f".//{NS}article[@id='c-markdown']/{NS}h4")
    assert [a.get("href") for a in heading.iter(NS + "a")] == ["https://example.org"]


def test_ids_are_unique_and_every_internal_link_leads_somewhere(page):
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    links = [a.get("href") for a in page.iter(NS + "a") if a.get("href", "").startswith("#")]
    assert links and all(link[1:] in ids for link in links)


def test_every_index_entry_links_to_the_contribution_by_its_title(page):
    index = page.find(f".//{NS}section[@id='section-index']")
    ids = {e.get("id"): e for e in page.iter() if e.get("id")}
    links = list(index.iter(NS + "a"))
    assert len(links) > 20
    for link in links:
        target = link.get("href")[1:]
        assert target in ids
        if target.startswith("c-"):   # its title, as the contribution's heading or programme entry says it
            assert text(link) and text(link) in text(ids[target])
        assert not re.fullmatch(r"(p\.\s*)?\d+", text(link))   # never "p. 12"


def test_each_contribution_with_an_abstract_is_an_article_with_its_anchor(default_html):
    _, page = default_html
    articles = {a.get("id") for a in page.iter(NS + "article")}
    assert "c-lorenz-talk" in articles and "c-tafforeau-keynote" in articles
    assert all(a.startswith("c-") for a in articles)


def test_the_grid_tables_have_captions_and_scoped_headers(three_day_html):
    _, page = three_day_html
    tables = [t for t in page.iter(NS + "table") if (t.get("id") or "").startswith("glance-")]
    assert len(tables) == 3
    for table in tables:
        assert text(table.find(NS + "caption"))
        head = table.find(f"{NS}thead/{NS}tr")
        assert all(th.get("scope") == "col" for th in head.findall(NS + "th"))
        rows = table.findall(f"{NS}tbody/{NS}tr")
        assert rows and all(row[0].get("scope") == "row" and tag(row[0]) == "th" for row in rows)
        assert_shape(table)
    boxes = [d for d in page.iter(NS + "div") if d.get("class") == "grid"]
    assert len(boxes) == 3 and all(d.get("tabindex") == "0" and d.get("aria-label") for d in boxes)


def test_a_session_past_midnight_is_one_cell_in_its_day(tmp_path):
    project = _project(tmp_path, [
        {"session": "Evening", "id": "evening", "day": "2026-03-28", "start": "20:00", "end": "22:00", "room": "a",
         "contributions": [{"id": "t1", "title": "Early", "speakers": ["ada"]}]},
        {"session": "Night owls", "id": "night", "day": "2026-03-28", "start": "23:30", "end": "01:30", "room": "a",
         "contributions": [{"id": "t2", "title": "Late", "speakers": ["ada"], "start": "00:30", "duration": 30}]}])
    page = parse(build(project, edition="html").files["html"].read_bytes())
    table = page.find(f".//{NS}table[@id='glance-2026-03-28']")
    cells = [td for td in table.iter(NS + "td") if td.get("class", "").startswith("session")]
    night = next(td for td in cells if "Night owls" in text(td))
    assert "23:30–01:30" in text(night)
    times = [text(row[0]) for row in table.findall(f"{NS}tbody/{NS}tr")]
    assert times == ["20:00", "23:30"]


def test_no_element_loads_anything_from_the_network(page):
    for element in page.iter():
        if tag(element) in ("link", "script", "img", "iframe", "source", "video", "audio", "object", "embed"):
            for attribute in ("src", "href", "data", "srcset"):
                assert not re.match(r"(?i)\s*(https?:)?//", element.get(attribute, "")), element.attrib
    assert not any(tag(e) in ("script", "link", "iframe") for e in page.iter())
    style = "".join(text(s) for s in page.iter(NS + "style"))
    assert "@import" not in style and "url(" not in style


def _project(root: Path, sessions: list[dict], **conference) -> Path:
    people = [{"id": "ada", "name": "Ada Lovelace", "affiliations": ["AS"]},
              {"id": "emmy", "name": "Emmy <b onclick=x>Noether</b>", "affiliations": ["Göttingen & Co"]}]
    return programmes.two_rooms(root, sessions, people,
                                **{"title": "Markup Test Days", "short": "MTD", "slug": "mtd", **conference})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("html-hostile")
    abstract = (f"{INJECTION}\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n"
                "*emphasis* and **strong**, `code <b>`, [a link](https://example.org/?a=1&b=2), "
                "[bad](javascript:alert(3)), $x^2 + \\alpha$, <sup>2</sup> and <span style=x>kept as text</span>\n\n"
                "- one\n- two\n\nשלום עולם in Hebrew\n")
    project = _project(root, [
        {"session": f"Session {INJECTION}", "id": "s1", "day": "2026-03-28", "start": "10:00", "end": "11:00",
         "room": "a", "description": "A <script>description</script>",
         "contributions": [{"id": "t1", "title": f"Title {INJECTION}", "speakers": ["ada", "emmy"],
                            "start": "10:00", "duration": 30, "abstract": abstract}]}])
    result = build(project, edition="html")
    data = result.files["html"].read_bytes()
    return data, parse(data)


def test_an_injection_in_a_title_or_abstract_is_text_and_makes_no_element(hostile):
    data, page = hostile
    tags = {tag(e) for e in page.iter()}
    assert "script" not in tags and "iframe" not in tags and "img" not in tags
    assert not any(name.startswith("on") for e in page.iter() for name in e.attrib)
    assert not any(e.get("style") == "x" for e in page.iter())
    article = page.find(f".//{NS}article[@id='c-t1']")
    assert text(article.find(NS + "h4")) == " ".join(f"Title {INJECTION}".split())
    assert INJECTION.split()[0] in text(article)
    assert "<script>alert(1)</script>" in text(article) and '<iframe src="https://evil.example/"></iframe>' in text(article)
    assert b"<script" not in data and b"<iframe" not in data
    session = page.find(f".//{NS}div[@id='p-s1']")
    assert f"Session {INJECTION}".split()[1] in text(session) and "<script>description</script>" in text(session)
    assert "Emmy <b onclick=x>Noether</b>" in text(page)


def test_markdown_becomes_html_and_only_safe_links_are_kept(hostile):
    _, page = hostile
    abstract = page.find(f".//{NS}article[@id='c-t1']/{NS}div")
    tags = [tag(e) for e in abstract.iter()]
    assert {"em", "strong", "code", "ul", "li", "p", "sup", "i"} <= set(tags)
    hrefs = [a.get("href") for a in abstract.iter(NS + "a")]
    assert hrefs == ["https://example.org/?a=1&b=2"]
    assert "bad" in text(abstract)               # the text of a javascript: link stays, without the link
    assert "code <b>" in text(abstract)
    maths = next(e for e in abstract.iter(NS + "span") if e.get("class") == "math")
    assert text(maths).replace("\u2005", " ").startswith("x2") and "α" in text(maths)
    rtl = [e for e in abstract.iter(NS + "span") if e.get("dir") == "rtl"]
    assert [text(e) for e in rtl] == ["שלום עולם"]
    assert "<span style=x>kept as text</span>" in text(abstract)


def test_edition_all_writes_the_page_with_the_others_and_html_alone_only_it(tmp_path):
    project = _project(tmp_path, [{"session": "One", "day": "2026-03-28", "start": "10:00", "end": "11:00",
                                   "room": "a", "contributions": [{"id": "t1", "title": "Talk", "speakers": ["ada"]}]}])
    assert main(["build", "-q", str(project)]) == 0
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "mtd-imposed.pdf", "mtd-print.pdf", "mtd.html", "mtd.ics", "mtd.pdf", "versions"]   # versions/: snapshots
    other = tmp_path / "alone"
    assert main(["build", "-q", str(project), "--edition", "html", "-o", str(other)]) == 0
    assert [p.name for p in other.iterdir()] == ["mtd.html"]


def test_the_style_sheet_is_mobile_first_with_print_and_focus_styles(default_html):
    _, page = default_html
    css = text(page.find(f".//{NS}style"))
    assert "@media print" in css and ":focus-visible" in css and "overflow-x: auto" in css
    assert page.find(f".//{NS}meta[@name='viewport']") is not None


def test_a_session_over_another_in_the_grid_is_listed_in_the_cell_it_would_share(tmp_path):
    """A timed session without a room over a room's session (a warning, not an error): the table
    keeps its shape, and both sessions are in it."""
    project = _project(tmp_path, [
        {"session": "Plenary for all", "id": "all", "day": "2026-03-28", "start": "10:00", "end": "11:00",
         "contributions": [{"id": "t1", "title": "Everyone", "speakers": ["ada"]}]},
        {"session": "Room A runs on", "id": "ra", "day": "2026-03-28", "start": "10:30", "end": "11:30",
         "room": "a", "contributions": [{"id": "t2", "title": "Overlap", "speakers": ["emmy"]}]},
        {"session": "Room B later", "id": "rb", "day": "2026-03-28", "start": "11:00", "end": "12:00",
         "room": "b", "contributions": [{"id": "t3", "title": "Later", "speakers": ["ada"]}]}])
    page = parse(build(project, edition="html").files["html"].read_bytes())
    table = page.find(f".//{NS}table[@id='glance-2026-03-28']")
    assert_shape(table)
    assert {"Plenary for all", "Room A runs on", "Room B later"} <= {
        text(a) for a in table.iter(NS + "a")}
    plenary = next(td for td in table.iter(NS + "td") if "Plenary for all" in text(td))
    assert plenary.get("colspan") == "2" and "Room A runs on" in text(plenary)


def test_a_layout_restyles_the_page_with_its_own_style_sheet(tmp_path):
    project = _project(tmp_path, [{"session": "One", "contributions": [{"id": "t1", "title": "Talk",
                                                                        "speakers": ["ada"]}]}], language="de")
    mine = project / "layouts" / "mine"
    (mine / "html").mkdir(parents=True)
    (mine / "layout.yaml").write_text("extends: a5\n")
    (mine / "html" / "booklet.css.j2").write_text("body { background: #fffbe6; }\n")
    data = build(project, layout="mine", edition="html").files["html"].read_bytes()
    page = parse(data)
    assert page.get("lang") == "de"
    assert "#fffbe6" in text(page.find(f".//{NS}style"))
    assert headings(page).count(1) == 1 and page.find(f".//{NS}article[@id='c-t1']") is None   # no abstract
    assert page.find(f".//{NS}li[@id='c-t1']") is not None      # the index leads to its programme line


def test_figures_and_tables_of_an_abstract_are_html(tmp_path):
    from PIL import Image
    project = _project(tmp_path, [{"session": "One", "contributions": [{
        "id": "t1", "title": "Talk", "speakers": ["ada"],
        "abstract": "Text.\n\n![A *red* square](figures/red.png){width=50%}\n\n| a | b |\n|--:|---|\n| 1 | <x> |\n"}]}])
    (project / "content" / "figures").mkdir()
    Image.new("RGB", (2400, 1200), (200, 20, 20)).save(project / "content" / "figures" / "red.png")
    page = parse(build(project, edition="html").files["html"].read_bytes())
    article = page.find(f".//{NS}article[@id='c-t1']")
    image = article.find(f".//{NS}figure/{NS}img")
    assert image.get("alt") == "A red square" and image.get("src").startswith("data:image/png;base64,")
    assert image.get("style") == "width: 50%"
    assert text(article.find(f".//{NS}figcaption")) == "A red square"
    cells = [text(c) for c in article.iter() if tag(c) in ("th", "td")]
    assert cells == ["a", "b", "1", "<x>"]
    assert article.find(f".//{NS}th").get("class") == "right"


def test_characters_html_may_not_hold_are_left_out(tmp_path):
    """Control characters and noncharacters in an abstract (the loader already leaves them out of
    titles) would be parse errors: the page leaves them out, and parses strictly."""
    project = _project(tmp_path, [{"session": "One", "contributions": [{
        "id": "t1", "title": "Bell", "speakers": ["ada"],
        "abstract": "a\x07b, c\x1bd, e\ufdd0f, g\U0010ffffh, `i\x01j`, form\x0cfeed"}]}])
    page = parse(build(project, edition="html").files["html"].read_bytes())
    assert text(page.find(f".//{NS}article[@id='c-t1']/{NS}div")) == "ab, cd, ef, gh, ij, form feed"   # a form feed is white space


def test_html_and_ics_alone_lay_out_no_page(monkeypatch, tmp_path):
    """The calendar and the web page are made from the content and its texts: `--edition html` and
    `--edition ics` never lay out the booklet (a 25,000-contribution page builds in seconds), and
    `all` lays it out once and writes the same page, byte for byte, as `--edition html` alone (the
    page links by anchors, never by page numbers, so nothing in it depends on the layout)."""
    from booklet.typeset import document

    laid_out = []
    render = document.render
    monkeypatch.setattr(document, "render", lambda *a, **k: laid_out.append(1) or render(*a, **k))
    alone = {}
    for edition in ("html", "ics"):
        result = build(THREE_DAY, out_dir=tmp_path / edition, edition=edition)
        assert result.pages == result.body_pages == 0 and set(result.timings) == {"load", "layout", "editions"}
        alone[edition] = result.files[edition].read_bytes()
    assert laid_out == []
    everything = build(THREE_DAY, out_dir=tmp_path / "all", edition="all")
    assert laid_out == [1] and everything.pages > 80
    assert everything.files["html"].read_bytes() == alone["html"]
    assert everything.files["ics"].read_bytes() == alone["ics"]


def test_a_session_that_is_one_talk_of_its_title_says_the_title_once(tmp_path):
    """frab and pentabarf imports make each talk a session of its own title (FOSDEM: 773 of them):
    the programme's heading then leads to the abstract, and the line under it holds only who
    speaks; with no one named the line is left out. A session of other talks keeps its lines."""
    project = _project(tmp_path, [
        {"session": "Tracing bats", "id": "bats", "day": "2026-03-28", "start": "10:00", "end": "10:30", "room": "a",
         "contributions": [{"id": "bats-talk", "title": "Tracing bats", "speakers": ["ada"], "abstract": "Echoes."}]},
        {"session": "Stand of the society", "id": "stand", "day": "2026-03-28", "start": "10:00", "end": "11:00",
         "room": "b", "contributions": [{"id": "stand-c", "title": "Stand of the society"}]},
        {"session": "Talks", "id": "talks", "day": "2026-03-28", "start": "11:00", "end": "12:00", "room": "a",
         "contributions": [{"id": "t1", "title": "Talks", "speakers": ["ada"]},
                           {"id": "t2", "title": "Another", "speakers": ["ada"]}]}])
    page = parse(build(project, edition="html").files["html"].read_bytes())
    bats = page.find(f".//{NS}div[@id='p-bats']")
    heading = bats.find(f"{NS}h3")
    assert text(heading) == "Tracing bats" and heading.find(f"{NS}a").get("href") == "#c-bats-talk"
    [line] = bats.findall(f".//{NS}li")
    assert text(line) == "Ada Lovelace (AS)"
    assert page.find(f".//{NS}div[@id='p-stand']").findall(f".//{NS}li") == []
    assert text(page.find(f".//{NS}div[@id='p-stand']/{NS}h3")) == "Stand of the society"
    talks = page.find(f".//{NS}div[@id='p-talks']")
    assert talks.find(f"{NS}h3/{NS}a") is None and len(talks.findall(f".//{NS}li")) == 2
