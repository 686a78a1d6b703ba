from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def default_booklet(tmp_path_factory):
    """The default content (Helmholtz Imaging 2021) built once for the whole session."""
    from booklet import build

    from .pdfread import Booklet

    out = tmp_path_factory.mktemp("default-out")
    result = build(REPO, out_dir=out)
    return result, Booklet.open(result.pdf)


@pytest.fixture
def default_project_copy(tmp_path) -> Path:
    """A project folder holding a copy of the default content only (no layouts/, no fonts/)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path
