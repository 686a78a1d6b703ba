"""The organiser's own pages (content/pages/*.md), read back from the built booklet."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image

from booklet import build
from booklet.errors import ContentError

from .pdfread import Booklet

TABLE_WORDS = ["Registration", "Cloakroom", "Monday", "08:00–18:00", "Tuesday", "Wardrobe&Co", "a<b"]
COLUMN_WORDS = [f"word{n:03d}" for n in range(400)]


def _write(project, name: str, text: str) -> None:
    path = project / "content" / "pages" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _png(path, size, dpi=300) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 90, 120)).save(path, dpi=(dpi, dpi))


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The default booklet with a page at each kind of place."""
    import shutil

    from .conftest import REPO
    project = tmp_path_factory.mktemp("paged")
    shutil.copytree(REPO / "content", project / "content")
    _png(project / "content" / "images" / "map.png", (1200, 800))
    _write(project, "welcome.md", "---\ntitle: Welcome from the chairs\nplace: front\n---\n"
                                  "Dear colleagues, welcome.\n\n![Venue map](images/map.png){width=60%}\n")
    _write(project, "practical.md", "---\ntitle: Practical information\nplace: before:glance\n---\n"
                                    "## Opening hours\n\n| Day | Registration | Cloakroom |\n|:--|:--:|--:|\n"
                                    "| Monday | 08:00–18:00 | Wardrobe&Co |\n| Tuesday | a<b | x |\n")
    _write(project, "travel.md", "---\ntitle: Getting there\nplace: after:programme\nstart: right\n---\n"
                                 "By tram: line 11.\n")
    _write(project, "conduct.md", "---\ntitle: Code of conduct\nplace: back\ncolumns: 2\ncontents: false\n---\n"
                                  + "\n\n".join(" ".join(COLUMN_WORDS[i:i + 40]) for i in range(0, 400, 40)) + "\n")
    _write(project, "notes.md", "---\ntitle: Second front page\nplace: front\norder: 2\n---\nSecond.\n")
    result = build(project, out_dir=project / "out", edition="email")
    return result, Booklet.open(result.pdf)


def _first_page(booklet: Booklet, heading: str) -> int:
    return next(i for i in range(len(booklet.texts)) if booklet.flat(i).startswith(heading))


def test_each_place_puts_the_page_where_it_belongs(paged):
    _, b = paged
    welcome, second = _first_page(b, "Welcome from the chairs"), _first_page(b, "Second front page")
    contents = _first_page(b, "Contents")
    practical = _first_page(b, "Practical information")
    programme, abstracts = _first_page(b, "Programme"), _first_page(b, "Abstracts")
    travel, index = _first_page(b, "Getting there"), _first_page(b, "Index of persons")
    conduct = _first_page(b, "Code of conduct")
    # front: after the title and its back (the colophon), before the contents; by `order`
    assert b.labels[welcome] == "3" and second == welcome + 1 and contents > second
    # before:glance, a section this booklet has nothing for: before the next one it prints
    assert practical == programme - 1 and b.labels[practical].isdigit()
    assert programme < travel < abstracts and "Getting there" not in b.flat(travel - 1)   # after:programme
    assert int(b.labels[travel]) % 2 == 1                                     # start: right
    assert conduct > index and b.labels[conduct].isdigit()                    # back: last, before the cover
    assert b.labels[-2:] == ["C3", "C4"] and conduct == len(b.texts) - 4   # two pages, then the back cover


def test_pages_have_folios_running_heads_contents_entries_and_bookmarks(paged):
    _, b = paged
    contents = _first_page(b, "Contents")
    toc = b.flat(contents)
    practical = _first_page(b, "Practical information")
    assert f"Practical information {b.labels[practical]}" in toc
    assert "Welcome from the chairs" in toc and "Code of conduct" not in toc   # contents: false
    targets = {target for page, target in b.link_targets() if page == contents}
    for title in ("Welcome from the chairs", "Practical information", "Getting there"):
        assert _first_page(b, title) in targets
    outline = {item.title: b.reader.get_destination_page_number(item)
               for item in b.reader.outline if not isinstance(item, list)}
    for title in ("Welcome from the chairs", "Practical information", "Getting there", "Code of conduct"):
        assert outline[title] == _first_page(b, title)
    conduct = _first_page(b, "Code of conduct")
    assert b.flat(conduct).endswith(b.labels[conduct])                 # the folio
    assert b.flat(conduct + 1).endswith(f"{b.labels[conduct + 1]} Code of conduct")   # folio, running head


def test_a_table_and_a_two_column_page_print_every_word(paged):
    _, b = paged
    practical = b.flat(_first_page(b, "Practical information"))
    for word in TABLE_WORDS:
        assert word in practical, word
    conduct = _first_page(b, "Code of conduct")
    text = " ".join(b.flat(i) for i in range(conduct, len(b.texts)))
    missing = [w for w in COLUMN_WORDS if w not in text]
    assert not missing and conduct + 1 < len(b.texts) - 2   # more than a page, every word there


def test_an_image_is_an_xobject_at_the_requested_width_within_the_frame(paged):
    _, b = paged
    welcome = _first_page(b, "Welcome from the chairs")
    page = pdfium.PdfDocument(str(b.path))[welcome]
    images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 1
    left, bottom, right, top = images[0].get_bounds()
    width = page.get_width()
    inner, outer = 18 * 72 / 25.4, 14 * 72 / 25.4          # the a5 layout's margins; page 3 is a right-hand page
    text_width = width - inner - outer
    assert right - left == pytest.approx(0.6 * text_width, abs=0.5)
    assert inner - 0.5 <= left and right <= width - outer + 0.5
    assert (top - bottom) == pytest.approx((right - left) * 800 / 1200, abs=0.5)


def test_the_default_booklet_has_no_organiser_pages(default_booklet):
    result, b = default_booklet
    assert not any(b.flat(i).startswith(("Welcome", "Committees")) for i in range(len(b.texts)))


def _failing(project) -> str:
    with pytest.raises(ContentError) as caught:
        build(project, out_dir=project / "out", edition="email")
    return str(caught.value)


def test_a_missing_image_and_one_outside_the_project_are_located_errors(tmp_path, default_project_copy):
    project = default_project_copy
    _png(tmp_path / "elsewhere.png", (900, 600))
    _write(project, "map.md", "---\ntitle: Map\n---\nText.\n\n![Map](images/nope.png)\n\n![Out](../../elsewhere.png)\n")
    message = _failing(project)
    assert "content/pages/map.md:6: error: page 'map': image 'images/nope.png' is not there" in message
    assert ("content/pages/map.md:8: error: page 'map': image '../../elsewhere.png' is outside the project "
            "folder") in message
    assert not (project / "out").exists()


def test_a_low_dpi_image_gets_a_warning_naming_the_file(default_project_copy):
    project = default_project_copy
    _png(project / "content" / "images" / "small.png", (300, 200), dpi=72)
    _write(project, "map.md", "---\ntitle: Map\nplace: back\n---\n![Small](images/small.png){width=100%}\n")
    result = build(project, out_dir=project / "out", edition="email")
    low = [str(w) for w in result.warnings if "dpi" in str(w)]
    assert len(low) == 1 and low[0].startswith("content/pages/map.md:5: warning: image content/images/small.png "
                                               "(300 × 200 px) prints at 66 dpi")


def test_front_matter_problems_are_reported_with_their_lines(default_project_copy):
    project = default_project_copy
    _write(project, "a.md", "---\ntitle: A\nplace: before:glanse\ncolums: 2\n---\nText\n")
    _write(project, "b.md", "No front matter\n")
    _write(project, "c.md", "---\nplace: front\n---\nText\n")
    message = _failing(project)
    assert "content/pages/a.md:3: error: page 'a': 'place' unknown section 'glanse'\n  hint: did you mean 'glance'?" in message
    assert "content/pages/a.md:4: error: page 'a': unknown field 'colums'\n  hint: did you mean 'columns'?" in message
    assert "content/pages/b.md:1: error: a page starts with front matter" in message
    assert "content/pages/c.md:2: error: page 'c': 'title' is missing" in message


COMMITTEES = """committees:
  - name: Programme committee
    members: [tafforeau, {person: crespo-lopez-urrutia, affiliations: [Elsewhere Institute]}, {name: Jane Inline, affiliations: [Inline University]}]
  - name: Local organisers
    members: [tafforeu]
"""


def test_committee_members_are_linked_to_the_registry_and_an_unknown_id_gets_a_hint(default_project_copy):
    project = default_project_copy
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8") + COMMITTEES, encoding="utf-8")
    line = conference.read_text(encoding="utf-8").splitlines().index("    members: [tafforeu]") + 1
    message = _failing(project)
    assert (f"content/conference.yaml:{line}: error: committee 'Local organisers': members item 1: "
            "unknown person 'tafforeu'\n  hint: did you mean 'tafforeau'?") in message


def test_committees_are_a_page_in_the_registry_spelling_with_affiliations(default_project_copy):
    project = default_project_copy
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8") + COMMITTEES.replace("tafforeu]", "mu]"),
                          encoding="utf-8")
    result = build(project, out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    page = _first_page(b, "Committees")
    text = b.flat(page)
    assert b.labels[page] == "3" and _first_page(b, "Contents") > page
    assert "Programme committee Paul Tafforeau, ESRF" in text
    assert "Gabriel Crespo López-Urrutia, Elsewhere Institute" in text
    assert "Jane Inline, Inline University" in text and "Local organisers" in text
    assert "Committees" in b.flat(_first_page(b, "Contents"))
    index = " ".join(b.flat(i) for i in range(_first_page(b, "Index of persons"), len(b.texts)))
    assert "Inline, Jane" not in index   # committee members stay out of the index (the default)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    from .conftest import REPO
    result = build(REPO / "examples" / "three-day", out_dir=tmp_path_factory.mktemp("example"), edition="email")
    return result, Booklet.open(result.pdf)


def test_the_sponsor_grid_keeps_each_logos_proportions_and_every_logo_links(example):
    from booklet.content import loader
    from booklet.errors import Diagnostics

    from .conftest import REPO
    result, b = example
    sponsors = loader.load(REPO / "examples" / "three-day" / "content", Diagnostics(),
                           root=REPO / "examples" / "three-day").sponsors
    index = _first_page(b, "Sponsors")
    text = b.flat(index)
    assert text.index("GOLD") < text.index("SILVER") < text.index("BRONZE")
    page = pdfium.PdfDocument(str(b.path))[index]
    images = [o.get_bounds() for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    raster = [s for s in sponsors if s.logo.kind == "raster"]
    assert len(sponsors) == 8 and len(images) == len(raster) == 7      # the SVG logo is vectors, not an image
    assert "Elbe Vacuum Technik" in text                               # its text is text, in the booklet's font
    for (left, bottom, right, top), sponsor in zip(images, raster):     # drawn in the order given
        w, h = sponsor.logo.pixels
        assert (right - left) / (top - bottom) == pytest.approx(w / h, rel=0.01), sponsor.name
    widths = [right - left for left, _, right, _ in images]
    assert min(widths[:2]) > max(widths[2:4]) * 0.99                # the first tier's logos are the largest
    links = []
    for annot in b.reader.pages[index].get("/Annots", []):
        a = annot.get_object()
        if a.get("/Subtype") == "/Link" and "/A" in a:
            links.append((str(a["/A"]["/URI"]), [float(v) for v in a["/Rect"]]))
    assert [url for url, _ in links] == [s.url for s in sponsors]
    rects = {url: rect for url, rect in links}
    for sponsor, (left, bottom, right, top) in zip(raster, images):
        assert rects[sponsor.url] == pytest.approx([left, bottom, right, top], abs=0.6), sponsor.url
    svg = next(s for s in sponsors if s.logo.kind == "svg")
    x1, y1, x2, y2 = rects[svg.url]
    assert (x2 - x1) / (y2 - y1) == pytest.approx(svg.logo.pixels[0] / svg.logo.pixels[1], rel=0.01)


def test_the_example_is_a_complete_booklet(example):
    result, b = example
    assert not result.warnings
    for number, page in enumerate(b.reader.pages):   # every font embedded: no Helvetica from bullets or SVG
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            font = font.get_object()
            assert "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"], (number, font)
    toc = b.flat(_first_page(b, "Contents"))
    for title in ("Welcome", "Committees", "Practical information", "Venue map", "Sponsors", "Code of conduct"):
        assert title in toc and b.labels[_first_page(b, title)].isdigit(), title
    assert "Wednesday 17 June 08:30–12:00" in b.flat(_first_page(b, "Practical information"))
    assert "Restaurant Elbterrasse" in " ".join(b.flat(i) for i in b.pages_containing("Conference dinner"))


def test_a_sponsor_logo_that_is_missing_is_a_located_error(default_project_copy):
    project = default_project_copy
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8")
                          + "sponsors:\n  - {name: Acme, tier: Gold, logo: images/acme.png, url: acme.example}\n",
                          encoding="utf-8")
    line = len(conference.read_text(encoding="utf-8").splitlines())
    message = _failing(project)
    assert (f"content/conference.yaml:{line}: error: sponsor 'Acme': 'logo': image 'images/acme.png' is not "
            "there") in message
    assert f"content/conference.yaml:{line}: error: sponsor 'Acme': 'url' must start with https://" in message


def test_an_image_taller_than_the_page_is_scaled_into_the_frame_with_its_caption(default_project_copy):
    project = default_project_copy
    _png(project / "content" / "images" / "tall.png", (1000, 3000))
    _write(project, "tall.md", "---\ntitle: Tall\nplace: back\n---\nIntro.\n\n![A tall figure](images/tall.png)\n"
                               "\nAfter.\n")
    result = build(project, out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    index = _first_page(b, "Tall")
    assert "A tall figure" in b.flat(index) and "Intro." in b.flat(index)    # no page left blank before it
    page = pdfium.PdfDocument(str(b.path))[index]
    (left, bottom, right, top), = [o.get_bounds() for o in page.get_objects()
                                   if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    height = page.get_height()
    assert bottom >= 18 * 72 / 25.4 - 0.5 and top <= height - 17 * 72 / 25.4 + 0.5   # inside the a5 margins
    assert (top - bottom) == pytest.approx(3 * (right - left), rel=0.01)


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
       '<rect x="10" y="10" width="180" height="80" fill="#0a5a7c"/>'
       '<text x="20" y="60" font-family="sans-serif" font-size="24" fill="#ffffff">Hall plan</text></svg>')


def test_an_svg_stays_vector_at_the_requested_width(default_project_copy):
    project = default_project_copy
    (project / "content" / "images").mkdir()
    (project / "content" / "images" / "plan.svg").write_text(SVG, encoding="utf-8")
    (project / "content" / "images" / "broken.svg").write_text("<svg><rect", encoding="utf-8")
    _write(project, "plan.md", "---\ntitle: Plan\n---\n![Plan](images/plan.svg){width=50%}\n")
    result = build(project, out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    index = _first_page(b, "Plan")
    page = pdfium.PdfDocument(str(b.path))[index]
    kinds = [o.type for o in page.get_objects()]
    assert pdfium.raw.FPDF_PAGEOBJ_IMAGE not in kinds and pdfium.raw.FPDF_PAGEOBJ_PATH in kinds
    assert "Hall plan" in b.flat(index)
    paths = [o.get_bounds() for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
    widest = max(right - left for left, _, right, _ in paths)
    text_width = page.get_width() - (18 + 14) * 72 / 25.4
    assert widest == pytest.approx(0.5 * text_width * 180 / 200, abs=1)     # the rect: 180 of 200 units
    _write(project, "broken.md", "---\ntitle: Broken\n---\n![Broken](images/broken.svg)\n")
    assert ("content/pages/broken.md:4: error: page 'broken': image 'images/broken.svg' cannot be read: "
            "not SVG") in _failing(project)


def test_a_layout_may_put_committee_members_in_the_index(default_project_copy):
    project = default_project_copy
    conference = project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8") + COMMITTEES.replace("tafforeu]", "mu]"),
                          encoding="utf-8")
    (project / "layouts" / "mine").mkdir(parents=True)
    (project / "layouts" / "mine" / "layout.yaml").write_text("extends: a5\nindex: {committees: true}\n",
                                                              encoding="utf-8")
    result = build(project, layout="mine", out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    committees = b.labels[_first_page(b, "Committees")]
    start = _first_page(b, "Index of persons")
    index = " ".join(b.flat(i) for i in range(start, len(b.texts) - 2))
    assert f"Inline, Jane {committees}" in index                  # only on the committees page
    assert f"Tafforeau, Paul {committees}," in index               # before the keynote's pages
    targets = {target for page, target in b.link_targets() if start <= page < len(b.texts) - 2}
    assert _first_page(b, "Committees") in targets


def test_an_abstract_may_show_a_figure_and_a_missing_one_is_a_located_error(default_project_copy):
    project = default_project_copy
    abstract = project / "content" / "abstracts" / "lorenz-talk.md"
    _png(project / "content" / "figures" / "cloud.png", (1200, 600))
    abstract.write_text(abstract.read_text(encoding="utf-8")
                        + "\n\n![Figure 1: a classified point cloud](figures/cloud.png){width=50%}\n", encoding="utf-8")
    result = build(project, out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    index = b.pages_containing("Figure 1: a classified point cloud")
    assert len(index) == 1 and "Hyper 3D-AI" in " ".join(b.flat(i) for i in (index[0] - 1, index[0]))
    page = pdfium.PdfDocument(str(b.path))[index[0]]
    (left, _, right, _), = [o.get_bounds() for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert right - left == pytest.approx(0.5 * (page.get_width() - (18 + 14) * 72 / 25.4), abs=0.5)
    line = len(abstract.read_text(encoding="utf-8").splitlines()) + 3   # after two blank lines
    abstract.write_text(abstract.read_text(encoding="utf-8") + "\n\n![Missing](figures/none.png)\n", encoding="utf-8")
    assert (f"content/abstracts/lorenz-talk.md:{line}: error: contribution 'lorenz-talk': image 'figures/none.png' "
            "is not there") in _failing(project)


def _layout_with_colophon(project, colophon: str) -> None:
    from .conftest import REPO
    folder = project / "layouts" / "mine"
    (folder / "templates").mkdir(parents=True)
    (folder / "layout.yaml").write_text("extends: a5\n", encoding="utf-8")
    original = (REPO / "layouts" / "a5" / "templates" / "colophon.j2").read_text(encoding="utf-8")
    (folder / "templates" / "colophon.j2").write_text(original.replace('<spacer height="120mm"/>', colophon),
                                                      encoding="utf-8")
    _png(folder / "logo.png", (600, 300))


def test_a_template_may_place_an_image_as_a_block_of_its_own(default_project_copy):
    project = default_project_copy
    _layout_with_colophon(project, '<spacer height="80mm"/>\n<image src="logo.png" width="30mm"/>')
    result = build(project, layout="mine", out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    colophon = b.pages_containing("Typeset with booklet")[0]
    page = pdfium.PdfDocument(str(b.path))[colophon]
    (left, bottom, right, top), = [o.get_bounds() for o in page.get_objects()
                                   if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert right - left == pytest.approx(30 * 72 / 25.4, abs=0.5) and top - bottom == pytest.approx(15 * 72 / 25.4,
                                                                                                   abs=0.5)
    textpage = page.get_textpage()
    first_text_top = max(textpage.get_charbox(i)[3] for i in range(textpage.count_chars()))
    assert first_text_top < bottom                  # the colophon's text is below the image, not under it


@pytest.mark.parametrize("colophon, message", [
    ('<image src="nope.png"/>', "template 'colophon.j2': image 'nope.png' is not in the layout's folders"),
    ('<para style="colophon">Logo <img src="logo.png"/></para>', "template 'colophon.j2': an <img> inside <para>"),
])
def test_a_template_image_problem_is_a_layout_error_naming_the_template(default_project_copy, colophon, message):
    from booklet.errors import LayoutError
    project = default_project_copy
    _layout_with_colophon(project, colophon)
    with pytest.raises(LayoutError) as caught:
        build(project, layout="mine", out_dir=project / "out", edition="email")
    assert message in str(caught.value)


def test_a_transparent_png_is_laid_on_white_without_a_soft_mask(default_project_copy):
    project = default_project_copy
    path = project / "content" / "images" / "alpha.png"
    path.parent.mkdir(parents=True)
    Image.new("RGBA", (900, 300), (10, 90, 124, 0)).save(path, dpi=(300, 300))
    _write(project, "logo.md", "---\ntitle: Logo\n---\n![Logo](images/alpha.png)\n")
    result = build(project, out_dir=project / "out", edition="email")
    b = Booklet.open(result.pdf)
    page = b.reader.pages[_first_page(b, "Logo")]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()
              if x.get_object().get("/Subtype") == "/Image"]
    assert images and all("/SMask" not in x and "/Mask" not in x for x in images)


def test_two_processes_print_the_pages_as_one_does(tmp_path, monkeypatch):
    from booklet.typeset import parts

    from .test_bench_generator import _generate
    from .test_parts import _outline
    project = _generate(60, tmp_path / "project")
    _png(project / "content" / "images" / "map.png", (1200, 800))
    _write(project, "welcome.md", "---\ntitle: Welcome\nplace: front\n---\nHello.\n\n![Map](images/map.png)\n")
    _write(project, "travel.md", "---\ntitle: Travel\nplace: before:posters\nstart: right\n---\nBy tram.\n")
    _write(project, "conduct.md", "---\ntitle: Code of conduct\nplace: back\ncolumns: 2\n---\n"
                                  + " ".join(COLUMN_WORDS) + "\n")
    monkeypatch.setattr(parts, "MIN_SAVING", 0)
    one = build(project, out_dir=tmp_path / "one", edition="email", jobs=1)
    two = build(project, out_dir=tmp_path / "two", edition="email", jobs=2)
    assert "render:save-part2" in two.timings
    a, b = Booklet.open(one.pdf), Booklet.open(two.pdf)
    assert b.texts == a.texts and b.labels == a.labels and _outline(b) == _outline(a)
    assert b.link_targets() == a.link_targets()
    assert int(b.labels[_first_page(b, "Travel")]) % 2 == 1


def test_a_layout_may_put_the_sponsors_logos_on_the_back_cover(tmp_path):
    import shutil

    from .conftest import REPO
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "three-day" / "content", project / "content")
    (project / "layouts" / "mine").mkdir(parents=True)
    (project / "layouts" / "mine" / "layout.yaml").write_text("extends: a5\nsponsors: {back_cover: true}\n",
                                                              encoding="utf-8")
    result = build(project, layout="mine", out_dir=project / "out")
    for edition in ("email", "print"):
        b = Booklet.open(result.files[edition])
        assert b.labels[-1] == "C4"
        page = pdfium.PdfDocument(str(b.path))[len(b.texts) - 1]
        images = [o for o in page.get_objects(max_depth=6) if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        assert len(images) == 7, edition                          # the raster logos, in the overlay's form
        assert "Elbe Vacuum" in b.flat(len(b.texts) - 1), edition   # the SVG logo's text
    plain = Booklet.open(build(project, out_dir=project / "plain", edition="email").pdf)   # a5 itself: off
    assert "Elbe Vacuum" not in plain.flat(len(plain.texts) - 1)


def test_every_front_matter_problem_is_reported_even_when_the_place_is_wrong(default_project_copy):
    project = default_project_copy
    _write(project, "a.md", "---\ntitle: [unclosed\n---\nx\n")
    _write(project, "b.md", "---\ntitle: B\nplace: after:sponsor\norder: first\n---\nText\n")
    message = _failing(project)
    assert "content/pages/a.md:3: error: YAML syntax" in message and "a.md:2" not in message   # said once
    assert "content/pages/b.md:4: error: page 'b': 'order' must be a whole number, got 'first'" in message
