"""The e-mail edition's raster images are downsampled to 150 dpi at their printed size; the print
and imposed editions keep the originals (issue 14)."""
from __future__ import annotations

import io
import random

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from booklet import build
from booklet.output import editions

PNG = (2400, 1600)     # drawn 6 cm wide: about 1,000 dpi
JPEG = (3000, 1500)    # drawn 5 cm wide
SMALL = (240, 80)      # drawn 5 cm wide: about 120 dpi, never enlarged


def _photo(size, seed: int) -> Image.Image:
    """Red on the left, blue on the right, with noise that does not compress away."""
    rng = random.Random(seed)
    width, height = size
    noise = Image.frombytes("L", size, bytes(rng.randrange(40) for _ in range(width * height)))
    left = Image.new("RGB", size, (200, 30, 30))
    right = Image.new("RGB", (width // 2, height), (30, 30, 200))
    left.paste(right, (width // 2, 0))
    return Image.composite(Image.new("RGB", size, "white"), left, noise)


def _project(project):
    images = project / "content" / "images"
    images.mkdir(parents=True)
    _photo(PNG, 1).save(images / "big.png", dpi=(300, 300))
    _photo(JPEG, 2).save(images / "photo.jpg", quality=92, dpi=(300, 300))
    _photo(SMALL, 3).save(images / "small.png")
    pages = project / "content" / "pages"
    pages.mkdir()
    (pages / "venue.md").write_text(
        "---\ntitle: Venue\nplace: front\n---\n![Map](images/big.png){width=6cm}\n\n"
        "![Photo](images/photo.jpg){width=5cm}\n\n![Small](images/small.png){width=5cm}\n", encoding="utf-8")
    (pages / "again.md").write_text(   # the same map smaller: the larger size counts
        "---\ntitle: Again\nplace: back\n---\n![Map again](images/big.png){width=3cm}\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from .conftest import REPO
    project = tmp_path_factory.mktemp("email-images")
    shutil.copytree(REPO / "content", project / "content")
    _project(project)
    result = build(project, out_dir=project / "out", edition="all")
    return project, result


def _images(path) -> list[tuple[int, int, str, int]]:
    """(width, height, filter, bytes) of each image XObject of the file."""
    with pikepdf.open(path) as pdf:
        return [(int(o.Width), int(o.Height), _filter(o.get("/Filter")), len(o.read_raw_bytes()))
                for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]


def _filter(value) -> str:
    return str(value[0] if isinstance(value, pikepdf.Array) else value)


def _drawn(path, page_text: str) -> list[tuple[float, float, float, float]]:
    """The bounds of the images on the first page whose text starts with `page_text`."""
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        if page.get_textpage().get_text_range().strip().startswith(page_text):
            return [o.get_bounds() for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    raise AssertionError(f"no page starts with {page_text!r}")


def test_the_email_editions_images_are_downsampled_and_the_print_editions_are_not(built):
    _, result = built
    email = {round(w / h, 2): (w, h, kind) for w, h, kind, _ in _images(result.files["email"])}
    for edition in ("print", "imposed"):                       # the originals
        assert {(w, h) for w, h, _, _ in _images(result.files[edition])} == {PNG, JPEG, SMALL}
    widths = sorted(right - left for left, _, right, _ in _drawn(result.files["email"], "Venue"))
    assert widths == [pytest.approx(5 / 2.54 * 72, abs=0.5)] * 2 + [pytest.approx(6 / 2.54 * 72, abs=0.5)]
    (map_w, map_h, map_kind), (photo_w, photo_h, photo_kind) = email[1.5], email[2.0]
    # 150 dpi at the largest size drawn (6 cm, not the 3 cm of the second page), rounded up
    assert map_w == pytest.approx(6 / 2.54 * 150, abs=1.01) and map_h == pytest.approx(map_w / 1.5, abs=1)
    assert photo_w == pytest.approx(5 / 2.54 * 150, abs=1.01) and photo_h == pytest.approx(photo_w / 2, abs=1)
    assert photo_kind == "/DCTDecode"                          # a JPEG stays a JPEG
    assert map_kind == "/FlateDecode"                          # the rest stays lossless
    assert email[3.0][:2] == SMALL                             # below 150 dpi: never enlarged


def test_the_email_edition_is_smaller_valid_and_still_shows_the_images(built, tmp_path, monkeypatch):
    project, result = built
    monkeypatch.setattr(editions, "downsample", lambda update, pages: 0)
    before = build(project, out_dir=tmp_path, edition="email")
    assert result.files["email"].stat().st_size < before.pdf.stat().st_size - 500_000
    PdfReader(result.files["email"], strict=True).pages[0].extract_text()
    with pikepdf.open(result.files["email"]) as pdf:
        for image in pdf.objects:
            if isinstance(image, pikepdf.Stream) and image.get("/Subtype") == "/Image":
                if _filter(image.get("/Filter")) == "/DCTDecode":
                    Image.open(io.BytesIO(image.read_raw_bytes())).load()
                else:
                    image.read_bytes()      # every image decodes
    pdf = pdfium.PdfDocument(str(result.files["email"]))
    index = next(i for i, page in enumerate(pdf) if page.get_textpage().get_text_range().startswith("Venue"))
    page, height = pdf[index], pdf[index].get_height()
    rendered = page.render(scale=2).to_pil().convert("RGB")
    for left, bottom, right, top in _drawn(result.files["email"], "Venue"):
        y = int((height - (bottom + top) / 2) * 2)
        red = rendered.getpixel((int((left + (right - left) * 0.25) * 2), y))
        blue = rendered.getpixel((int((left + (right - left) * 0.75) * 2), y))
        assert red[0] > 150 and red[2] < 110, red
        assert blue[2] > 150 and blue[0] < 110, blue


def test_the_same_input_gives_the_same_email_edition(built, tmp_path):
    project, result = built
    again = build(project, out_dir=tmp_path, edition="email")
    assert again.pdf.read_bytes() == result.files["email"].read_bytes()


def test_a_two_process_layout_downsamples_the_images_of_both_parts(tmp_path, monkeypatch):
    from booklet.typeset import parts

    from .test_bench_generator import _generate
    project = _project(_generate(60, tmp_path / "project"))
    monkeypatch.setattr(parts, "MIN_SAVING", 0)
    result = build(project, out_dir=tmp_path / "out", edition="email", jobs=2)
    assert "render:save-part2" in result.timings
    sizes = {(w, h) for w, h, _, _ in _images(result.pdf)}
    assert PNG not in sizes and JPEG not in sizes and SMALL in sizes
