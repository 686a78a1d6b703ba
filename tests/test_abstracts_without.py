"""Talks without an abstract (issue 15): left out of the abstracts section by default, or given
an entry with a note (`abstracts: {without_abstract: note}` in a layout). The programme and the
index never point at an abstract the booklet does not print."""
from __future__ import annotations

import re

import pytest

from booklet import build
from booklet.errors import Diagnostics, LayoutError
from booklet.layout import definition

from .pdfread import Booklet
from .test_typography_pages import write_project

NOTE = "No abstract submitted."


def booklet_of(tmp_path, layout: str = "") -> Booklet:
    # three talks, the second (by PersonB FamilyF1, who has no other part) without an abstract
    root = write_project(tmp_path / "project", [120, 0, 120], layout=layout)
    return Booklet.open(build(root, out_dir=root / "out", edition="email", layout="t").pdf)


def opening(booklet: Booklet, title: str) -> int:
    return next(i for i in range(len(booklet.texts)) if booklet.flat(i).startswith(title))


def index_pages_of(booklet: Booklet, name: str) -> list[str]:
    page = booklet.flat(opening(booklet, "Index of persons"))
    return re.search(re.escape(name) + r" ([\d, ]+)", page).group(1).replace(" ", "").split(",")


def programme_row(booklet: Booklet, title: str, following: str) -> str:
    text = booklet.flat(opening(booklet, "Programme"))
    return text[text.index(title):text.index(following)]


def test_by_default_a_talk_without_abstract_is_only_in_the_programme(tmp_path):
    booklet = booklet_of(tmp_path)
    abstracts, index = opening(booklet, "Abstracts"), opening(booklet, "Index of persons")
    assert not booklet.pages_containing(NOTE)
    assert [i for i in booklet.pages_containing("Talk 1.2") if abstracts <= i < index] == []
    assert [i for i in booklet.pages_containing("Talk 1.3") if abstracts <= i < index]   # the others are there
    # the programme names no page for it, and a page for the others
    assert "p." not in programme_row(booklet, "Talk 1.2", "Talk 1.3")
    assert re.search(r"p\. \d+", programme_row(booklet, "Talk 1.1", "Talk 1.2"))
    # the index leads to the programme page where the talk is
    programme = opening(booklet, "Programme")
    assert index_pages_of(booklet, "FamilyF1, PersonB") == [booklet.labels[programme]]
    targets = {target for source, target in booklet.link_targets() if source == index}
    assert programme in targets
    assert all(target >= 0 for _, target in booklet.link_targets())


def test_with_note_a_talk_without_abstract_has_its_entry(tmp_path):
    booklet = booklet_of(tmp_path, "abstracts: {without_abstract: note}\n")
    abstracts = opening(booklet, "Abstracts")
    noted = booklet.pages_containing(NOTE)
    assert len(noted) == 1 and noted[0] >= abstracts and "Talk 1.2" in booklet.flat(noted[0])
    page = re.search(r"p\. (\d+)", programme_row(booklet, "Talk 1.2", "Talk 1.3")).group(1)
    assert page == booklet.labels[noted[0]]
    assert index_pages_of(booklet, "FamilyF1, PersonB") == [booklet.labels[noted[0]]]


def test_the_option_is_checked(tmp_path):
    folder = tmp_path / "layouts" / "t"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text("extends: a5\nabstracts: {without_abstract: skip}\n")
    with pytest.raises(LayoutError, match="without_abstract.*leave_out, note"):
        definition.load("t", tmp_path, "en", Diagnostics())
    assert definition.load("a5", tmp_path, "en", Diagnostics()).without_abstract == "leave_out"
