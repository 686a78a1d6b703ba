"""The memo of `booklet serve`'s build process (typeset/reuse.py) never changes a byte of the PDF.

Each test builds a project in serve's own build process (booklet.serve.Builder, whose builds
keep paragraphs and their lines in a memo), edits the content, rebuilds there (the memo's
entries used: counted), and compares the PDF byte for byte with a clean `booklet build` of the
edited content in a process of its own. SOURCE_DATE_EPOCH dates both alike.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from booklet import starter
from booklet.build import DEFAULT_LAYOUT
from booklet.serve import Builder, Preview, _build_loop

from .conftest import REPO

EPOCH = "1700000000"


def clean_build(project: Path, out: Path) -> bytes:
    done = subprocess.run([sys.executable, "-m", "booklet", "build", str(project), "--edition", "email",
                           "-o", str(out), "-q"], check=False, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return next(out.glob("*.pdf")).read_bytes()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuilt_as_clean(project: Path, tmp_path: Path, edits) -> list[dict]:
    """Build, then after each edit rebuild in the same build process; each rebuild's PDF is
    compared with a clean build. Returns the rebuilds' messages."""
    builder = Builder(project, DEFAULT_LAYOUT)
    try:
        first = builder.build()
        assert "error" not in first, first.get("error")
        messages = []
        for number, edit in enumerate(edits):
            edit()
            message = builder.build()
            assert "error" not in message, message.get("error")
            clean = clean_build(project, tmp_path / f"clean-{number}")
            assert message["pdf"] == clean, f"edit {number}: the rebuild with the memo differs from a clean build"
            messages.append(message)
        return messages
    finally:
        builder.close()


@pytest.fixture(autouse=True)
def _dated(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_the_default_booklet_rebuilt_with_the_memo_is_the_clean_build(tmp_path):
    project = tmp_path / "hi"
    (project).mkdir()
    import shutil
    shutil.copytree(REPO / "content", project / "content")
    programme = project / "content" / "programme.yaml"
    messages = rebuilt_as_clean(project, tmp_path, [
        lambda: replace(programme, "Hyper 3D-AI", "Hyper 3D-AI, revised,"),     # a title: a line longer
        lambda: replace(programme, "Hyper 3D-AI, revised,", "Hyper 3D-AI"),     # and back: all from the memo
    ])
    cache = messages[0]["cache"]
    hits, misses = cache["lines"]
    assert hits > 100 and misses < hits / 10, cache                   # the fast path ran
    assert cache["texts"][0] > 50 and cache["texts"][1] <= 2, cache   # converted texts: all but the title
    assert cache["files"][0] >= 2 and cache["files"][1] == 1, cache   # conference, people kept; programme parsed
    assert messages[1]["cache"]["paragraphs"][1] <= 2, messages[1]["cache"]   # the title's paragraphs were kept


def test_the_starter_rebuilt_after_edits_that_move_pages_is_the_clean_build(tmp_path):
    project = tmp_path / "ec"
    starter.create(project)
    content = project / "content"
    abstract = next((content / "abstracts").glob("*.md"))
    longer = "\n\nA paragraph added to the abstract, long enough to move what follows it down the page. " * 12
    messages = rebuilt_as_clean(project, tmp_path, [
        lambda: abstract.write_text(abstract.read_text(encoding="utf-8") + longer, encoding="utf-8"),
        lambda: replace(content / "programme.yaml", "from drones without counting twice", "from drones"),
        lambda: replace(content / "people.yaml", "Okafor", "Okafor-Mensah"),        # a name in many places
    ])
    assert all(m["cache"]["lines"][0] > 50 for m in messages), [m["cache"] for m in messages]


def test_a_build_that_fails_keeps_the_memo_for_the_next(tmp_path):
    project = tmp_path / "ec"
    starter.create(project)
    programme = project / "content" / "programme.yaml"
    good = programme.read_text(encoding="utf-8")
    builder = Builder(project, DEFAULT_LAYOUT)
    try:
        assert "error" not in builder.build()
        programme.write_text(good.replace("title: Welcome", "title: [Welcome", 1), encoding="utf-8")
        assert "YAML syntax" in builder.build()["error"]
        programme.write_text(good, encoding="utf-8")
        fixed = builder.build()
        assert "error" not in fixed
    finally:
        builder.close()
    hits, misses = fixed["cache"]["lines"]
    assert hits > 100 and misses == 0, fixed["cache"]   # as after the first build: nothing was forgotten


def test_a_generated_programme_rebuilt_with_the_memo_is_the_clean_build(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    project = tmp_path / "gen"
    generate.generate(80, project, 3)
    day = project / "content" / "programme" / "day1.yaml"
    lines = day.read_text(encoding="utf-8").splitlines(keepends=True)
    middle = [i for i, line in enumerate(lines) if line.lstrip().startswith("title:")][len(lines) // 200]

    def retitle():
        lines[middle] = lines[middle].rstrip("\n").rstrip('"') + ' and a longer title"\n' \
            if lines[middle].rstrip().endswith('"') else lines[middle].rstrip("\n") + " and a longer title\n"
        day.write_text("".join(lines), encoding="utf-8")
    rebuilt_as_clean(project, tmp_path, [retitle])


def test_a_saved_layout_or_font_starts_a_new_build_process_and_content_does_not(tmp_path):
    """Fonts and layouts are read once per process, and the memo knows fonts by name only."""
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)

    class Recorder:
        def __init__(self):
            self.project, self.restarts, self.builds, self.starts = project, 0, 0, 1

        def restart(self):
            self.restarts += 1
            self.starts += 1

        def build(self):
            self.builds += 1
            return {"error": "Content error: stand-in"}

    builder, preview = Recorder(), Preview("p")
    preview.wanted = False
    loop = threading.Thread(target=_build_loop, args=(builder, preview, lambda line: None))
    loop.start()
    try:
        for saved, restarts in [({project / "content" / "programme.yaml"}, 0),
                                ({project / "layouts" / "mine" / "layout.yaml"}, 1),
                                ({project / "content" / "a.md", project / "fonts" / "Face.ttf"}, 2)]:
            preview.want_build(saved)
            with preview.condition:
                preview.condition.wait_for(lambda: not preview.wanted and not preview.building, timeout=10)
            assert builder.restarts == restarts, saved
    finally:
        preview.close()
        loop.join(timeout=10)
    assert not loop.is_alive()


def test_pages_drawn_by_a_new_build_process_get_new_pictures_but_are_not_marked_changed():
    """A font file replaced under its name draws the same bytes differently: after the build
    process starts anew, no picture is taken from before."""
    from booklet.serve import Page

    pages = (Page(420.0, 595.0, "1", "abc"), Page(420.0, 595.0, "2", "def"))
    preview = Preview("p")
    preview.finish({"pdf": b"%PDF-", "name": "x.pdf", "pages": pages, "warnings": [], "seconds": 0.1, "process": 1})
    before = [p["digest"] for p in preview.state()["pages"]]
    preview.finish({"pdf": b"%PDF-", "name": "x.pdf", "pages": pages, "warnings": [], "seconds": 0.1, "process": 2})
    after = preview.state()
    assert after["changed"] == []
    assert not set(before) & {p["digest"] for p in after["pages"]}
