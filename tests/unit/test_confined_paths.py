"""Issue 19, item 7: every path a project names stays inside the project, and only regular files are read.

Symlinks and FIFOs are made here in tmp_path; the files that can be files are in tests/corpus/hostile/.
"""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from booklet.errors import Diagnostics, LayoutError
from booklet.layout import definition

HOSTILE = Path(__file__).resolve().parent.parent / "corpus" / "hostile"
PASSWD_LINE = "root:x:0:0:"
PEOPLE = [{"id": "ada", "name": "Ada Lovelace"}]


def _programme(**contribution) -> list[dict]:
    return [{"session": "Talks", "id": "talks", "contributions": [
        {"id": "t1", "title": "A talk", "speakers": ["ada"], **contribution}]}]


def _errors(diagnostics: list[str]) -> str:
    return "\n".join(diagnostics)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside every project, standing in for /etc/passwd."""
    path = tmp_path / "secret.txt"
    path.write_text(PASSWD_LINE + "secret words\n" + "x" * 500 + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["../../../../../../../../etc/passwd", "/etc/passwd", "../../outside.md"])
def test_abstract_file_outside_the_project_is_a_located_error(make_project, load, name):
    project = make_project(people=PEOPLE, programme=_programme(abstract_file=name))
    (project.parent / "outside.md").write_text(PASSWD_LINE, encoding="utf-8")
    conference, diagnostics = load(project)
    text = _errors(diagnostics)
    assert "content/programme.yaml:" in text and "'abstract_file'" in text
    assert "outside the project" in text or "absolute path" in text
    assert conference is None or all(PASSWD_LINE not in (c.abstract or "") for c in conference.contributions)


def test_abstract_file_symlinked_out_of_the_project_is_an_error(make_project, load, secret):
    project = make_project(people=PEOPLE, programme=_programme(abstract_file="abstracts/a.md"))
    (project / "content" / "abstracts").mkdir()
    os.symlink(secret, project / "content" / "abstracts" / "a.md")
    _, diagnostics = load(project)
    assert any("'abstract_file' cannot read 'abstracts/a.md': is outside the project folder" in d
               for d in diagnostics), diagnostics


def test_abstract_file_that_is_a_fifo_or_a_device_is_not_read(make_project, load):
    project = make_project(people=PEOPLE, programme=_programme(abstract_file="abstracts/p.md"))
    (project / "content" / "abstracts").mkdir()
    os.mkfifo(project / "content" / "abstracts" / "p.md")   # reading it would wait for ever
    _, diagnostics = load(project)
    assert any("is not a regular file" in d for d in diagnostics), diagnostics


def test_a_symlink_inside_the_project_is_followed(make_project, load):
    project = make_project(people=PEOPLE, programme=_programme(abstract_file="abstracts/a.md"),
                           files={"shared/a.md": "Shared words."})
    (project / "content" / "abstracts").mkdir()
    os.symlink(project / "shared" / "a.md", project / "content" / "abstracts" / "a.md")
    conference, diagnostics = load(project)
    assert diagnostics == [] and conference.contributions[0].abstract == "Shared words."


def test_a_yaml_file_symlinked_out_of_the_project_is_refused_and_not_quoted(make_project, load, secret):
    project = make_project(people=PEOPLE)
    os.symlink(secret, project / "content" / "extra.yaml")
    _, diagnostics = load(project)
    assert any(d.startswith("content/extra.yaml: error: is outside the project folder") for d in diagnostics)
    assert not any("secret words" in d for d in diagnostics)


def test_a_long_value_is_quoted_to_80_characters(make_project, load):
    project = make_project(raw={"content/programme.yaml": "root:x:0:0:" + "y" * 3000 + "\n"})
    _, diagnostics = load(project)
    [message] = [d for d in diagnostics if "programme.yaml" in d]
    quoted = message.split("got ", 1)[1].split("\n")[0]
    assert len(quoted) <= 80 and quoted.endswith("…"), message


def test_a_fifo_among_the_content_files_is_an_error_not_a_hang(make_project, load):
    project = make_project(people=PEOPLE)
    os.mkfifo(project / "content" / "more.yaml")
    _, diagnostics = load(project)
    assert any(d.startswith("content/more.yaml: error: is not a regular file") for d in diagnostics), diagnostics


def test_hidden_and_macos_resource_files_in_content_are_ignored(make_project, load):
    project = make_project(people=PEOPLE, programme=_programme())
    junk = (HOSTILE / "macos-resource-fork.bin").read_bytes()
    (project / "content" / "._programme.yaml").write_bytes(junk)
    (project / "content" / ".hidden.yaml").write_text("- not: [a session\n", encoding="utf-8")
    (project / "content" / ".git").mkdir()
    (project / "content" / ".git" / "x.yaml").write_text("{{{", encoding="utf-8")
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "._welcome.md").write_bytes(junk)
    conference, diagnostics = load(project)
    assert diagnostics == [] and conference is not None


def test_an_image_symlinked_out_of_the_project_is_an_error(make_project, load, secret):
    project = make_project(people=PEOPLE,
                           programme=_programme(abstract="See ![x](images/x.png)"))
    (project / "content" / "images").mkdir()
    os.symlink(secret, project / "content" / "images" / "x.png")
    _, diagnostics = load(project)
    assert any("image 'images/x.png' is outside the project folder" in d for d in diagnostics), diagnostics


def test_an_image_that_is_a_folder_is_not_read(make_project, load):
    project = make_project(people=PEOPLE,
                           programme=_programme(abstract="See ![x](images/zero.png)"))
    (project / "content" / "images").mkdir()
    os.symlink(project / "content" / "images", project / "content" / "images" / "zero.png")  # a folder
    _, diagnostics = load(project)
    assert any("image 'images/zero.png' is a folder" in d for d in diagnostics), diagnostics


@pytest.mark.parametrize("name", ["../../secret.pdf", "/dev/zero"])
def test_a_conference_insert_outside_the_project_is_an_error(make_project, load, name):
    conference = {"title": "T", "dates": {"start": "2025-03-04"},
                  "inserts": [{"file": name, "after": "title"}]}
    project = make_project(conference=conference)
    _, diagnostics = load(project)
    assert any("content/conference.yaml:" in d and "insert 1: 'file' names" in d
               and ("outside the project" in d or "absolute path" in d) for d in diagnostics), diagnostics


# -- layouts ------------------------------------------------------------------------------------------

def _layout(project: Path, text: str, name: str = "mine") -> None:
    folder = project / "layouts" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "layout.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def _layout_errors(project: Path, name: str = "mine") -> list[str]:
    with pytest.raises(LayoutError) as info:
        definition.load(name, project, "en", Diagnostics())
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("name", ["../../../../etc", "/etc", "a5/../a5", "..", "a5/"])
def test_a_layout_name_is_a_name_not_a_path(tmp_path, name):
    [message] = _layout_errors(tmp_path, name)
    assert "a layout is named by a plain name, not a path" in message


def test_extends_with_a_path_is_an_error_at_its_line(tmp_path):
    _layout(tmp_path, "description: x\nextends: ../../../../tmp/evil\n")
    [message] = _layout_errors(tmp_path)
    assert message.startswith("layouts/mine/layout.yaml:2: error: a layout is named by a plain name")


def test_a_layout_folder_symlinked_out_of_the_project_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere" / "evil"
    elsewhere.mkdir(parents=True)
    (elsewhere / "layout.yaml").write_text("extends: a5\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "layouts").mkdir(parents=True)
    os.symlink(elsewhere, project / "layouts" / "evil")
    [message] = _layout_errors(project, "evil")
    assert "is outside the project folder" in message


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd"])
def test_a_cover_outside_the_layout_is_an_error(tmp_path, name):
    _layout(tmp_path, f"extends: a5\ncovers:\n  front: {name}\n")
    [message] = _layout_errors(tmp_path)
    assert message.startswith("layouts/mine/layout.yaml:3: error: covers: 'front' names")
    assert "outside the project" in message or "absolute path" in message


def test_a_layout_insert_that_is_a_fifo_is_an_error(tmp_path):
    _layout(tmp_path, "extends: a5\ninserts:\n  - {file: map.pdf, after: title}\n")
    os.mkfifo(tmp_path / "layouts" / "mine" / "map.pdf")
    [message] = _layout_errors(tmp_path)
    assert "insert 1: 'file' names 'map.pdf', which is not a regular file" in message


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../../../etc/passwd"])
def test_a_font_file_outside_the_fonts_folders_is_not_read(tmp_path, name):
    from booklet.errors import FontError
    from booklet.layout import fonts

    _layout(tmp_path, f"extends: a5\nfonts:\n  serif: {{regular: {name}}}\n")
    layout = definition.load("mine", tmp_path, "en", Diagnostics())
    with pytest.raises(FontError) as info:
        fonts.register(layout, tmp_path, Diagnostics())
    assert "not found in fonts/" in str(info.value) and "TrueType" not in str(info.value)   # never opened
