"""Small projects that push the layout: long abstracts, markup characters, missing glyphs."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from booklet import build

from .pdfread import Booklet, loose

WORDS = ("imaging tomography synchrotron segmentation microscopy reconstruction detector resolution "
         "coherence specimen").split()


def write_project(root: Path, contributions: list[dict], *, kind: str = "talks") -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content" / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Test Meeting 2030", "short": "TM 2030", "dates": {"start": "2030-05-04"}, "language": "en"}))
    (root / "content" / "people.yaml").write_text(yaml.safe_dump(
        [{"id": "ada", "name": "Ada Lovelace", "affiliations": ["Analytical Engines Ltd"]}]))
    (root / "content" / "programme.yaml").write_text(yaml.safe_dump(
        [{"session": "Session A", "kind": kind, "day": "2030-05-04", "contributions": contributions}],
        allow_unicode=True, sort_keys=False))
    return root


def prose(words: int, seed: int = 0) -> str:
    return " ".join(WORDS[(i * 7 + seed) % len(WORDS)] for i in range(words)) + "."


def test_an_abstract_longer_than_a_page_continues_with_a_cue(tmp_path):
    long = "\n\n".join(prose(120, seed) for seed in range(8))  # about two A5 pages
    project = write_project(tmp_path, [
        {"id": "short", "title": "A short one", "speakers": ["ada"], "abstract": prose(60)},
        {"id": "long", "title": "The very long abstract", "speakers": ["ada"], "abstract": long}])
    result = build(project)
    booklet = Booklet.open(result.pdf)
    first = booklet.page_of_label(str(result.refs.pages["c-long"]))
    assert booklet.flat(first).count("The very long abstract") == 1
    assert "The very long abstract (continued)" in booklet.flat(first + 1)
    # The running text, without running heads and folios (the prose has no digits).
    index = booklet.pages_containing("Index of persons")[-1]
    running = "\n".join(booklet.texts[first:index]).split("The very long abstract", 1)[1]
    for decoration in ("TM 2030", "Saturday, 4 May 2030 · ", "The very long abstract (continued)"):
        running = running.replace(decoration, "")
    assert loose(long) in loose(re.sub(r"\d", "", running))


def test_a_contribution_title_is_never_the_last_thing_on_a_page(tmp_path):
    contributions = [{"id": f"c{i}", "title": f"Contribution {WORDS[i % 10]} {i}.", "speakers": ["ada"],
                      "abstract": prose(40 + 37 * i % 150, i)} for i in range(14)]
    result = build(write_project(tmp_path, contributions))
    booklet = Booklet.open(result.pdf)
    for c in contributions:
        page = booklet.page_of_label(str(result.refs.pages[f"c-{c['id']}"]))
        opening = " ".join(c["abstract"].split()[:4])
        assert c["title"] in booklet.flat(page) and loose(opening) in loose(booklet.flat(page)), c["id"]


def test_markup_characters_in_content_print_as_written(tmp_path):
    title = "AT&T, a<b and p < 0.05: </para> <font size=80>big</font>"
    abstract = "Q&A with M&Ms; x<y>z stays; 5 > 3 & 2 < 4."
    project = write_project(tmp_path, [{"id": "m", "title": title, "speakers": ["ada"], "abstract": abstract}])
    text = " ".join(Booklet.open(build(project).pdf).texts)
    assert loose(title) in loose(text)
    assert loose(abstract) in loose(text)


def test_characters_no_font_can_show_are_reported_not_dropped_silently(tmp_path):
    project = write_project(tmp_path, [{"id": "emoji", "title": "Imaging 😀 한국", "speakers": ["ada"]}])
    result = build(project, edition="email")
    messages = [str(w) for w in result.warnings]
    assert any("contribution 'emoji': no font in the layout can show" in m and "😀 (U+1F600)" in m
               and "한 (U+D55C)" in m for m in messages), messages


def test_other_scripts_print_through_fallback_fonts(tmp_path):
    title = "Multilingual imaging: 日本語 العربية עברית ∂∫∑ Ωμέγα Кириллица Łódź"
    project = write_project(tmp_path, [{"id": "scripts", "title": title, "speakers": ["ada"]}])
    result = build(project, edition="email")
    assert not [w for w in result.warnings if "no font" in str(w)]
    text = " ".join(Booklet.open(result.pdf).texts)
    for word in ("日本語", "Ωμέγα", "Кириллица", "Łódź", "∂", "∫", "∑", "עברית"):
        assert word in text, word  # (pdfium reorders neutral symbols after a right-to-left run)


def test_a_layout_may_leave_sections_out_and_no_link_dangles(tmp_path):
    from .programmes import write as write_timed

    project = write_timed(tmp_path / "p", rooms=2, days=["2026-03-02"])
    (project / "layouts" / "lean").mkdir(parents=True)
    (project / "layouts" / "lean" / "layout.yaml").write_text(
        "extends: a5\nsections: [title, glance, abstracts, index]\nstart_on_right: []\n")
    result = build(project, layout="lean", edition="email")
    booklet = Booklet.open(result.pdf)
    assert all(target >= 0 for _, target in booklet.link_targets())
    assert not any(text.lstrip().startswith("Programme") for text in booklet.texts)


def test_bookmarks_and_contents_show_titles_as_printed(tmp_path):
    """Markdown and the importers' backslash escapes shape the printed title; the bookmark and the
    contents entry show the same words, without the marks that shaped them."""
    import pypdf

    project = write_project(tmp_path, [
        {"id": "t1", "title": r"Cats \*and\* dogs: p < 0.05 & *fast* \<b\>", "speakers": ["ada"],
         "abstract": prose(30)}])
    programme = project / "content" / "programme.yaml"
    programme.write_text(programme.read_text().replace("session: Session A", "session: '**Bold** session'"))
    result = build(project)
    reader = pypdf.PdfReader(result.pdf)

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    assert "Cats *and* dogs: p < 0.05 & fast <b>" in bookmarks
    assert "Bold session" in bookmarks
    booklet = Booklet.open(result.pdf)
    contents = booklet.texts[booklet.pages_containing("Contents")[0]]
    assert "Bold session" in contents and "**" not in contents
