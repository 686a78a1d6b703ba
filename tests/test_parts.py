"""A booklet laid out in two processes at once (typeset/parts.py, pdf/join.py) reads exactly like the same
booklet laid out in one: same text on every page, same labels, outline, link targets and anchors."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from booklet import build
from booklet.errors import Diagnostic, FontError, Loc
from booklet.sections import SECTIONS
from booklet.typeset import parts

from .pdfread import Booklet
from .test_bench_generator import _generate, _load, reference_problems


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated programme with talks and posters (bench/generate.py), small enough for a test."""
    return _generate(60, tmp_path_factory.mktemp("generated") / "project")


def _build(project, out, jobs: int):
    return build(project, out_dir=out, edition="email", jobs=jobs)


def _outline(booklet: Booklet) -> list[tuple[int, str, int]]:
    reader, out = booklet.reader, []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))
    walk(reader.outline, 0)
    return out


@pytest.fixture
def split_always(monkeypatch):
    """Lay out in two parts even a booklet too small to be worth it."""
    monkeypatch.setattr(parts, "MIN_SAVING", 0)


def test_two_processes_print_what_one_prints(generated, tmp_path, split_always):
    one = _build(generated, tmp_path / "one", jobs=1)
    two = _build(generated, tmp_path / "two", jobs=2)
    assert "render:save-part2" in two.timings and "render:save-part2" not in one.timings
    a, b = Booklet.open(one.pdf), Booklet.open(two.pdf)
    assert len(b.texts) == len(a.texts) > 20
    assert [i for i, (x, y) in enumerate(zip(a.texts, b.texts)) if x != y] == []
    assert b.labels == a.labels
    assert _outline(b) == _outline(a)
    assert b.link_targets() == a.link_targets()
    assert two.refs.pages == one.refs.pages
    assert reference_problems(b, _load(generated)[0]) == []


def test_two_processes_embed_each_font_subset_under_its_own_name(generated, tmp_path, split_always):
    result = _build(generated, tmp_path, jobs=2)
    reader = PdfReader(result.pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
            fonts.setdefault(str(font["/BaseFont"]), set()).add(font.indirect_reference.idnum)
    assert any(name.startswith("/ZAAAAA+") for name in fonts)      # part 2's subsets
    assert all(len(objects) == 1 for objects in fonts.values())     # no name for two subsets


def test_two_processes_build_the_same_bytes_twice(generated, tmp_path, split_always):
    first = _build(generated, tmp_path / "a", jobs=2).pdf.read_bytes()
    assert _build(generated, tmp_path / "b", jobs=2).pdf.read_bytes() == first


def test_a_failure_in_the_second_process_stops_the_build_with_its_traceback(generated, tmp_path, split_always,
                                                                          monkeypatch):
    def broken(ctx):
        raise RuntimeError("posters could not be composed")
    monkeypatch.setitem(SECTIONS, "posters", (broken, "body"))
    with pytest.raises(parts.PartFailed, match="posters could not be composed"):
        _build(generated, tmp_path, jobs=2)
    assert not (tmp_path / "bench-60.pdf").exists()


def test_a_problem_found_in_the_second_process_is_reported_as_in_one(generated, tmp_path, split_always,
                                                                     monkeypatch):
    """A BookletError (a font that fails when first read, say) reaches the CLI with its diagnostics."""
    def broken(ctx):
        raise FontError("1 problem found:", (Diagnostic("error", Loc("fonts/Broken-Bold.ttf"), "cannot use it",
                                                        "export it again"),))
    monkeypatch.setitem(SECTIONS, "posters", (broken, "body"))
    with pytest.raises(FontError) as caught:
        _build(generated, tmp_path, jobs=2)
    assert str(caught.value) == ("1 problem found:\nfonts/Broken-Bold.ttf: error: cannot use it\n"
                                 "  hint: export it again")
    assert not (tmp_path / "bench-60.pdf").exists()


def test_the_print_editions_of_two_processes_are_those_of_one(generated, tmp_path, split_always):
    one = build(generated, out_dir=tmp_path / "one", edition="print", jobs=1)
    two = build(generated, out_dir=tmp_path / "two", edition="print", jobs=2)
    assert "render:save-part2" in two.timings
    for name in ("print", "imposed"):
        a, b = Booklet.open(one.files[name]), Booklet.open(two.files[name])
        assert len(b.texts) == len(a.texts) and b.texts == a.texts, name
        assert [p.mediabox for p in b.reader.pages] == [p.mediabox for p in a.reader.pages]
