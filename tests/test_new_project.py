"""`booklet new DIR`: the starter project it writes builds without a warning and shows every kind of
content; a folder that is not empty is refused; the starter ships in the wheel (issue 16, item 1)."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from booklet import build, starter
from booklet.build import check
from booklet.cli import main
from booklet.content.loader import CONFERENCE_FIELDS, CONTRIBUTION_FIELDS, PERSON_FIELDS, SESSION_FIELDS
from booklet.content.model import SESSION_KINDS

from .conftest import REPO
from .pdfread import Booklet, loose, squash


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`booklet new` into a fresh folder, then built in-process once for the module."""
    project = tmp_path_factory.mktemp("starter") / "myconf"
    assert main(["new", str(project)]) == 0
    result = build(project, out_dir=project / "out")
    return project, result, Booklet.open(result.pdf)


def _text(booklet: Booklet) -> str:
    return " ".join(booklet.flat(i) for i in range(len(booklet.texts)))


def test_the_starter_builds_without_a_warning_and_passes_a_strict_check(built):
    project, result, _ = built
    assert result.warnings == ()
    assert set(result.files) >= {"email", "print", "imposed", "ics"}
    conference, warnings = check(project, strict=True)
    assert warnings == ()
    assert (len(conference.sessions), len(conference.contributions)) == (12, 16)


def test_the_booklet_shows_each_kind_of_content(built):
    project, _, booklet = built
    text = _text(booklet)
    for words in ["Example Conference 2027",
                  "Opening and keynote", "Watching the flock: imaging collective behaviour from lab to lake",
                  "22:00–01:00", "Night of short talks", "What we learnt after midnight",   # the night session
                  "P01", "P02", "P03",                                                     # poster boards
                  "Welcome", "Practical information", "08:00–18:00",                       # the pages, a table cell
                  "Committees", "Programme committee", "Lena Brandt",
                  "Sponsors", "Lakeside", "Instruments", "Friends of the Example Society",  # logo text, name only
                  "Restaurant Seeblick", "Boats leave from the jetty",                     # location, description
                  "Hiroshi Sato",                                                          # an inline author
                  "Prof. Dr. María José García Pérez", "García Pérez, María José",         # title; family in index
                  "Methods for tracking", "Applications in the field", "Coffee break", "Lunch",
                  "doi:10.5555/12345678", "https://example.org/flocks"]:
        assert squash(words) in text, words
    # the abstract file's text, every paragraph of it
    abstract = (project / "content" / "abstracts" / "garcia-perez-keynote.md").read_text(encoding="utf-8")
    for sentence in ["A flock of starlings turns as one", "in the laboratory, where high-speed cameras follow",
                     "The group stays together when the noise", "Figure 1: each animal follows the neighbours"]:
        assert sentence in abstract and loose(sentence) in loose(text), sentence


def test_every_field_of_the_content_is_shown_in_the_starter():
    """New content fields need an example in the starter: each field name is written there, in use
    or in a comment that explains it, and so is each kind of session."""
    content = starter.STARTER / "content"
    for name, fields in [("conference.yaml", CONFERENCE_FIELDS), ("people.yaml", PERSON_FIELDS),
                         ("programme.yaml", SESSION_FIELDS + CONTRIBUTION_FIELDS + SESSION_KINDS)]:
        text = (content / name).read_text(encoding="utf-8")
        for field in fields:
            assert re.search(rf"(^|[\s{{,#]){field}\b", text, re.M), (
                f"src/booklet/_starter/content/{name} has no example of '{field}': add one, commented "
                "(docs/architecture.md, 'Where a change goes')")


def test_every_content_file_of_the_starter_is_valid_yaml_or_markdown_with_front_matter(built):
    project, _, _ = built
    written = sorted(p.relative_to(project) for p in project.rglob("*") if p.is_file() and "out" not in p.parts)
    assert written == starter.files()
    yamls = [p for p in written if p.suffix == ".yaml"]
    assert len(yamls) == 3
    for name in yamls:
        assert yaml.safe_load((project / name).read_text(encoding="utf-8")), name
    pages = [p for p in written if p.parts[:2] == ("content", "pages")]
    assert len(pages) == 2
    for name in pages:
        _, front, body = (project / name).read_text(encoding="utf-8").split("---\n", 2)
        assert yaml.safe_load(front)["title"] and body.strip(), name


def test_new_prints_the_next_step(tmp_path, capsys):
    assert main(["new", str(tmp_path / "a" / "b")]) == 0          # parents are made
    out = capsys.readouterr().out
    assert f"next: booklet build {tmp_path / 'a' / 'b'}" in out
    assert str(tmp_path / "a" / "b" / "out" / "ec-2027.pdf") in out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["new", str(empty)]) == 0                           # an empty folder is fine
    assert (empty / "content" / "conference.yaml").is_file()


def test_a_title_is_filled_in_and_names_the_booklet(tmp_path, capsys):
    project = tmp_path / "p"
    assert main(["new", str(project), "--title", "Linz: Winter School 2027"]) == 0
    assert str(project / "out" / "linz-winter-school-2027.pdf") in capsys.readouterr().out
    conference, warnings = check(project, strict=True)
    assert (conference.title, conference.short, conference.slug) == (
        "Linz: Winter School 2027", None, "linz-winter-school-2027")


@pytest.mark.parametrize("make", ["file inside", "a file"])
def test_a_folder_that_is_not_empty_or_a_file_is_refused(tmp_path, make):
    target = tmp_path / "mine"
    if make == "file inside":
        target.mkdir()
        (target / "notes.txt").write_text("keep me")
    else:
        target.write_text("keep me")
    run = subprocess.run([sys.executable, "-m", "booklet", "new", str(target)], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.startswith(f"Error: {target} is ") and "Traceback" not in run.stderr
    assert ("not empty" if make == "file inside" else "a file, not a folder") in run.stderr
    assert (target / "notes.txt" if make == "file inside" else target).read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_a_copy_that_fails_half_way_leaves_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(starter, "files", lambda: [Path("content", "conference.yaml"), Path("content", "gone.yaml")])
    assert main(["new", str(tmp_path / "p")]) == 1      # the second file is not there: an OSError, a message
    assert "gone.yaml" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_starter_is_in_the_wheel(tmp_path):
    """A wheel built from the checkout holds `_starter/` beside `starter.py`, every file of it."""
    source = REPO / "src" / "booklet" / "_starter"   # the checkout's, not the installed copy (CI installs a wheel)
    ignored = subprocess.run(["git", "check-ignore", *[str(source / n) for n in starter.files()]],
                             cwd=REPO, capture_output=True, text=True)
    assert ignored.stdout == "", f"hatch leaves files out that .gitignore names: {ignored.stdout}"
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "--retries", "0",
                          "--timeout", "15", "-w", str(tmp_path), *isolation], capture_output=True, text=True)
    if run.returncode and re.search(r"hatchling|Connection|Network|resolve", run.stderr, re.I) \
            and not list(tmp_path.glob("*.whl")):
        pytest.skip(f"no wheel could be built here (the build backend is not at hand): {run.stderr[-300:]}")
    assert run.returncode == 0, run.stderr
    [wheel] = tmp_path.glob("booklet-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "booklet/starter.py" in names
    assert {f"booklet/_starter/{n.as_posix()}" for n in starter.files()} <= names
