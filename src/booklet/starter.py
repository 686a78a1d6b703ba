"""`booklet new DIR`: a small working project to start from, copied from the package's `_starter/` folder.

The starter is a two-day conference that uses every kind of content booklet reads, each field
commented for a new organiser; it builds without a warning (tests/test_new_project.py holds it).
Nothing is overwritten: DIR must be new or empty. `--title` is the one thing filled in.
"""
from __future__ import annotations

import json
from pathlib import Path

from .content.loader import slugify
from .errors import BookletError

STARTER = Path(__file__).resolve().parent / "_starter"   # shipped inside the package, so in the wheel too
CONFERENCE = Path("content", "conference.yaml")
_TITLE = "title: Example Conference 2027"
_SHORT = "short: EC 2027"
_SLUG = "ec-2027"


class NewProjectError(BookletError):
    """A folder `booklet new` may not write into."""

    category = "Error"


def files() -> list[Path]:
    """The starter's files, relative to its folder, in path order (hidden files and caches left out)."""
    return sorted(p.relative_to(STARTER) for p in STARTER.rglob("*")
                  if p.is_file() and not any(part.startswith((".", "__")) for part in p.relative_to(STARTER).parts))


def create(folder: Path, title: str | None = None) -> tuple[list[Path], str]:
    """Copy the starter into `folder` (made if needed), with `title` in conference.yaml when given.

    Returns the files written and the slug that names the booklet (out/<slug>.pdf). A folder that
    is a file or is not empty is a NewProjectError, and nothing is written; if writing fails
    half-way (a full disk), the files written so far are removed again."""
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise NewProjectError("--title is empty; give the conference's title, or leave --title out")
    if folder.exists() and not folder.is_dir():
        raise NewProjectError(f"{folder} is a file, not a folder\n  hint: give the name of a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewProjectError(f"{folder} is not empty; booklet new writes only into a new or empty folder\n"
                              "  hint: give the name of a new folder, e.g. `booklet new myconf`")
    made_folder = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name in files():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = (STARTER / name).read_bytes()
            if title is not None and name == CONFERENCE:
                data = retitled(data.decode("utf-8"), title).encode("utf-8")
            with open(target, "xb") as out:   # "x": never over a file that appeared meanwhile
                written.append(target)
                out.write(data)
    except BaseException:
        _remove(folder, written, made_folder)
        raise
    return written, slugify(title) if title is not None else _SLUG


def retitled(text: str, title: str) -> str:
    """conference.yaml with `title` in place of the example's, and the example's `short:` commented out
    (the booklet is then named after the title)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith(_TITLE):
            line = "title: " + json.dumps(title, ensure_ascii=False) + line[len(_TITLE):]   # JSON strings are YAML
        elif line.startswith(_SHORT):
            line = "# " + line
        lines.append(line)
    return "".join(lines)


def _remove(folder: Path, written: list[Path], made_folder: bool) -> None:
    """Undo a copy that failed: the files written, then the folders left empty, `folder` itself if it was made."""
    for path in reversed(written):
        path.unlink(missing_ok=True)
    for sub in sorted({p.parent for p in written}, key=lambda p: len(p.parts), reverse=True):
        while sub != folder and sub.is_dir() and not any(sub.iterdir()):
            sub.rmdir()
            sub = sub.parent
    if made_folder and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
