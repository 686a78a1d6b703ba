"""Shared fixtures: write a small booklet project from Python data, and load it.

`make_project(...)` writes PROJECT/content/... into a fresh tmp_path folder:
dict/list data through yaml.safe_dump, `raw` text verbatim (use raw when a test
asserts line numbers), `files` for anything else (abstracts, layouts, ...).
`load(project)` runs the content loader and returns (conference or None,
[str(diagnostic), ...]).
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from booklet.content import loader
from booklet.errors import Diagnostics

DEFAULT_CONFERENCE = {
    "title": "Tiny Test Conference 2025",
    "short": "TTC 2025",
    "dates": {"start": "2025-03-04", "end": "2025-03-05"},
    "venue": "Online",
    "language": "en",
    "organisers": ["Test Organisers"],
}

TINY_PEOPLE = [
    {"id": "ada", "name": "Ada Lovelace", "title": "Dr.", "affiliations": ["Analytical Society"]},
    {"id": "alan", "name": "Alan Turing", "affiliations": ["Bletchley Park", "NPL"]},
    {"id": "grace", "name": "Grace Hopper", "affiliations": ["US Navy"]},
]

TINY_PROGRAMME = [
    {
        "session": "Morning talks",
        "id": "morning",
        "kind": "talks",
        "day": "2025-03-04",
        "start": "09:00",
        "end": "10:30",
        "chairs": ["grace"],
        "contributions": [
            {"id": "engines", "title": "On engines", "speakers": ["ada"], "authors": ["alan"],
             "abstract": "Engines can weave algebraic patterns."},
            {"id": "machines", "title": "On machines", "speakers": ["alan"],
             "abstract_file": "abstracts/machines.md"},
        ],
    },
]

TINY_FILES = {"content/abstracts/machines.md": "Can machines think?\n\nWe ask.\n"}


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def make_project(tmp_path):
    """make_project(conference=None, people=None, programme=None, files=None, raw=None) -> Path.

    conference None writes DEFAULT_CONFERENCE; people/programme None write no file.
    `files` and `raw` map project-relative paths to text, written last, verbatim.
    Each call makes a new project folder under tmp_path.
    """
    counter = iter(range(1000))

    def make(conference=None, people=None, programme=None, files=None, raw=None) -> Path:
        project = tmp_path / f"project{next(counter)}"
        (project / "content").mkdir(parents=True)
        conf = copy.deepcopy(DEFAULT_CONFERENCE) if conference is None else conference
        (project / "content" / "conference.yaml").write_text(_dump(conf), encoding="utf-8")
        if people is not None:
            (project / "content" / "people.yaml").write_text(_dump(people), encoding="utf-8")
        if programme is not None:
            (project / "content" / "programme.yaml").write_text(_dump(programme), encoding="utf-8")
        for relative, text in {**(files or {}), **(raw or {})}.items():
            path = project / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return project

    return make


@pytest.fixture
def tiny_people() -> list[dict]:
    """A fresh copy of the three registered people of the tiny project: ada, alan, grace."""
    return copy.deepcopy(TINY_PEOPLE)


@pytest.fixture
def tiny_project(make_project) -> Path:
    """A small valid project: 3 people, one session with two talks, one abstract file."""
    return make_project(people=copy.deepcopy(TINY_PEOPLE), programme=copy.deepcopy(TINY_PROGRAMME),
                        files=dict(TINY_FILES))


def load_project(project: Path):
    diag = Diagnostics()
    conference = loader.load(project / "content", diag, root=project)
    return conference, [str(d) for d in diag.items]


@pytest.fixture
def load():
    """load(project) -> (Conference or None, [str(diagnostic), ...]) with errors and warnings."""
    return load_project


@pytest.fixture(scope="module")
def a5(tmp_path_factory):
    """The default layout's paragraph styles and its text width."""
    from booklet.layout import definition, fonts, styles
    from booklet.typeset import speedups

    speedups.install()
    project = tmp_path_factory.mktemp("project")
    diag = Diagnostics()
    layout = definition.load("a5", project, "en", diag)
    found = styles.build(layout, fonts.register(layout, project, diag), "en", diag)
    return found, layout.page_size[0] - layout.margins.inner - layout.margins.outer
