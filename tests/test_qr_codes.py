"""QR codes in the programme (issue 17, item 4): with `programme: {qr_codes: true}` in a layout,
every row whose contribution (or single-item session) has a `url:` carries a QR code of it,
and the code is a link to it. The codes are read back with a real decoder (zxing-cpp) from the
page rendered by pdfium, as a phone reads the printed page. Off by default: then no code is
printed and the programme is laid out exactly as without any URL."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp

from booklet import build
from booklet.errors import ContentError, Diagnostics, LayoutError
from booklet.layout import definition

from .fixtures.importers.support import SHARED_DATA, run_import

SCALE = 4            # 288 dpi: a module of a 13 mm code is about 4 pixels
MM = 72 / 25.4
TALKS = ["Opening the conference",
         "A study of very long titles that wrap over two lines in the programme of an A5 booklet",
         "Short", "Hyper 3D-AI: Artificial Intelligence for 3D multimodal point cloud classification",
         "No link here", "Last talk"]
WITHOUT_URL = {"Short", "No link here", "Poster number 2", "Poster number 4"}


def url_of(title: str) -> str | None:
    if title in WITHOUT_URL:
        return None
    if title.startswith("Poster"):
        return f"https://indico.example.org/event/7/contribution/{100 + int(title[-1])}"
    if title.startswith("Keynote"):
        return "https://indico.example.org/event/7/session/2/"      # the single-item session's own
    return f"https://pretalx.example.org/qrc26/talk/T{TALKS.index(title)}ABCD/?lang=en"


def write_project(root: Path, *, urls: bool = True) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    (content / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Quick Response Conference", "short": "QRC", "dates": {"start": "2026-06-15", "end": "2026-06-15"},
         "language": "en", "rooms": [{"id": "main", "name": "Main hall"}, {"id": "b", "name": "Room B"}]}))
    (content / "people.yaml").write_text(yaml.safe_dump(
        [{"id": f"p{i}", "name": f"Person{chr(65 + i)} Family{chr(70 + i)}", "affiliations": ["Some University"]}
         for i in range(6)]))

    def linked(entry: dict, title: str) -> dict:
        if urls and url_of(title) and not title.startswith("Keynote"):
            entry["url"] = url_of(title)
        return entry

    talks = [linked({"id": f"t{k}", "title": title, "speakers": [f"p{k}"], "authors": [f"p{(k + 1) % 6}"],
                     "start": f"{9 + k // 2:02d}:{(k % 2) * 30:02d}", "duration": 30, "abstract": "An abstract."},
                    title) for k, title in enumerate(TALKS)]
    posters = [linked({"id": f"po{i}", "title": f"Poster number {i}", "board": str(i), "speakers": [f"p{i}"],
                       "abstract": "A poster."}, f"Poster number {i}") for i in range(1, 5)]
    keynote = {"session": "Keynote: the future of links", "id": "s2", "kind": "keynote", "day": "2026-06-15",
               "start": "13:00", "end": "14:00", "room": "main",
               "contributions": [{"id": "k1", "title": "Keynote: the future of links", "speakers": ["p5"],
                                  "abstract": "Keynote abstract."}]}
    if urls:
        keynote["url"] = url_of(keynote["session"])
    sessions = [{"session": "Morning talks", "id": "s1", "kind": "talks", "day": "2026-06-15", "start": "09:00",
                 "end": "12:00", "room": "main", "contributions": talks},
                keynote,
                {"session": "Posters", "id": "s3", "kind": "posters", "day": "2026-06-15", "start": "14:00",
                 "end": "15:00", "room": "b", "contributions": posters}]
    (content / "programme.yaml").write_text(yaml.safe_dump(sessions, sort_keys=False))
    for name, extra in (("on", "programme: {qr_codes: true}\n"), ("off", "")):
        (root / "layouts" / name).mkdir(parents=True)
        (root / "layouts" / name / "layout.yaml").write_text("extends: a5\n" + extra)
    return root


def built(root: Path, layout: str) -> Path:
    return build(root, out_dir=root / f"out-{layout}", edition="email", layout=layout).pdf


def programme_pages(pdf: Path) -> list[int]:
    doc = pdfium.PdfDocument(str(pdf))
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    first = next(i for i, t in enumerate(texts) if t.lstrip().startswith("Programme"))
    end = next(i for i, t in enumerate(texts) if i > first and t.lstrip().startswith("Abstracts"))
    return list(range(first, end))


def decoded(pdf: Path, index: int) -> list:
    doc = pdfium.PdfDocument(str(pdf))
    image = doc[index].render(scale=SCALE).to_pil()
    return [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def title_boxes(pdf: Path, index: int, title: str) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) in rendered pixels of the first character of each `title` on the
    page (a single-item session's title is its heading and its row's)."""
    doc = pdfium.PdfDocument(str(pdf))
    page = doc[index]
    height = page.get_size()[1]
    text = page.get_textpage()
    search = text.search(title[:20], match_case=True)
    out = []
    while found := search.get_next():
        left, bottom, right, top = text.get_charbox(found[0])
        out.append((left * SCALE, (height - top) * SCALE, right * SCALE, (height - bottom) * SCALE))
    return out


def title_box(pdf: Path, index: int, title: str) -> tuple[float, float, float, float] | None:
    boxes = title_boxes(pdf, index, title)
    return boxes[-1] if boxes else None


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("qr") / "project")


@pytest.fixture(scope="module")
def on(project) -> Path:
    return built(project, "on")


ALL_TITLES = TALKS + ["Keynote: the future of links"] + [f"Poster number {i}" for i in range(1, 5)]


def test_every_url_decodes_from_the_page_of_its_row_beside_it(on):
    pages = programme_pages(on)
    found = {}
    for index in pages:
        for result in decoded(on, index):
            found.setdefault(result.text, []).append((index, result.position))
    expected = {url_of(t) for t in ALL_TITLES if url_of(t)}
    assert set(found) == expected and len(expected) == 7
    assert {r.ec_level for i in pages for r in decoded(on, i)} == {"M"}       # error correction level M
    assert all(len(places) == 1 for places in found.values())          # one code per row, nowhere twice
    for title in ALL_TITLES:
        url = url_of(title)
        if url is None:
            continue
        [(index, position)] = found[url]
        top, bottom = min(position.top_left.y, position.top_right.y), max(position.bottom_left.y,
                                                                          position.bottom_right.y)
        # on the page of its row, right of the title, the symbol beginning within a line of its top
        assert any(position.top_left.x > box[2] and abs(top - box[1]) < 12 * SCALE and box[1] < bottom
                   for box in title_boxes(on, index, title)), f"{title!r}: no row beside its code on page {index}"


def test_each_code_is_a_link_to_its_url_over_the_code_of_the_set_size(on):
    pdf = pikepdf.open(on)
    links = {}
    for index in programme_pages(on):
        for annot in pdf.pages[index].get("/Annots") or []:
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                x0, y0, x1, y1 = (float(v) for v in annot.Rect)
                links[str(action.URI)] = (index, x1 - x0, y1 - y0)
    assert set(links) == {url_of(t) for t in ALL_TITLES if url_of(t)}
    for index, width, height in links.values():
        assert width == pytest.approx(13 * MM, abs=0.1) and height == pytest.approx(13 * MM, abs=0.1)


def test_codes_are_vectors_not_images(on):
    pdf = pikepdf.open(on)
    for index in programme_pages(on):
        xobjects = pdf.pages[index].Resources.get("/XObject") or {}
        assert all(xobject.get("/Subtype") != "/Image" for xobject in xobjects.values())


def row_tops(pdf: Path, index: int, titles: list[str]) -> list[float]:
    return [title_box(pdf, index, t)[1] / SCALE for t in titles]


def test_rows_without_a_url_keep_their_height(on, project):
    off = built(project, "off")
    [page_on] = [i for i in programme_pages(on) if title_box(on, i, "Short")]
    [page_off] = [i for i in programme_pages(off) if title_box(off, i, "Short")]
    # "Short" has no URL: from its top to the next row's it measures what it does without codes;
    # "Opening the conference" (two lines of text) grows to its code's height, and no more
    on_tops = row_tops(on, page_on, ["Short", TALKS[3]])
    off_tops = row_tops(off, page_off, ["Short", TALKS[3]])
    assert on_tops[1] - on_tops[0] == pytest.approx(off_tops[1] - off_tops[0], abs=0.05)
    opening_on = row_tops(on, page_on, [TALKS[0], TALKS[1]])
    assert opening_on[1] - opening_on[0] == pytest.approx(13 * MM + 2 * 2.5, abs=0.5)


def page_layout(pdf: Path) -> list[list[tuple]]:
    """Every character and its box, page by page."""
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for i in range(len(doc)):
        text = doc[i].get_textpage()
        out.append([(text.get_text_range(c, 1), tuple(round(v, 2) for v in text.get_charbox(c)))
                    for c in range(text.count_chars())])
    return out


def test_off_by_default_no_code_and_the_same_layout_as_without_urls(project, tmp_path):
    off = built(project, "off")
    assert definition.load("a5", project, "en", Diagnostics()).qr_codes is False
    for index in range(len(pdfium.PdfDocument(str(off)))):
        assert decoded(off, index) == []
    plain = write_project(tmp_path / "plain", urls=False)
    assert page_layout(off) == page_layout(built(plain, "off"))
    assert not any(annot.get("/A", {}).get("/S") == "/URI"
                   for page in pikepdf.open(off).pages for annot in page.get("/Annots") or [])


def test_an_invalid_url_stops_the_build_at_its_line(tmp_path):
    root = write_project(tmp_path / "p")
    programme = root / "content" / "programme.yaml"
    programme.write_text(programme.read_text().replace(url_of("Last talk"), "javascript:alert(1)", 1))
    with pytest.raises(ContentError) as caught:
        built(root, "on")
    message = str(caught.value)
    line = next(n for n, text in enumerate(programme.read_text().splitlines(), 1) if "javascript:" in text)
    assert f"content/programme.yaml:{line}:" in message and "contribution 't5'" in message
    assert "https://" in message     # the hint


@pytest.mark.parametrize("block, problem", [
    ("programme: {qr_codes: yes please}\n", "'qr_codes' must be true or false"),
    ("programme: {qr_codes: true, qr_size: 3mm}\n", "'qr_size' must be between 8mm and 40mm"),
    ("programme: {qr_code: true}\n", "unknown field 'qr_code'"),
])
def test_the_layout_option_is_checked(tmp_path, block, problem):
    (tmp_path / "layouts" / "bad").mkdir(parents=True)
    (tmp_path / "layouts" / "bad" / "layout.yaml").write_text("extends: a5\n" + block)
    with pytest.raises(LayoutError) as caught:
        definition.load("bad", tmp_path, "en", Diagnostics())
    assert problem in str(caught.value) and "layouts/bad/layout.yaml:2" in str(caught.value)


def test_a_larger_code_when_the_layout_asks(project, tmp_path):
    (project / "layouts" / "big").mkdir(exist_ok=True)
    (project / "layouts" / "big" / "layout.yaml").write_text("extends: a5\nprogramme: {qr_codes: true, "
                                                             "qr_size: 20mm}\n")
    pdf = built(project, "big")
    document = pikepdf.open(pdf)
    sizes = [float(a.Rect[2]) - float(a.Rect[0]) for i in programme_pages(pdf) for a in
             document.pages[i].get("/Annots") or [] if a.get("/A", {}).get("/S") == "/URI"]
    assert sizes and all(s == pytest.approx(20 * MM, abs=0.1) for s in sizes)
    assert sum(len(decoded(pdf, i)) for i in programme_pages(pdf)) == 7


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")
def test_an_imported_pretalx_programme_prints_every_talk_url_as_a_code(tmp_path):
    _, imported = run_import(SHARED_DATA / "democon-pretalx-json/pretalx-democon.json", tmp_path / "p")
    conference = imported.assert_checks()
    urls = {c.url for c in conference.contributions}
    assert len(urls) == 36
    (imported.root / "layouts" / "qr").mkdir(parents=True)
    (imported.root / "layouts" / "qr" / "layout.yaml").write_text("extends: a5\nprogramme: {qr_codes: true}\n")
    pdf = built(imported.root, "qr")
    found = [r.text for i in programme_pages(pdf) for r in decoded(pdf, i)]
    assert sorted(found) == sorted(urls)
