"""Where a project came from, kept inside it for `booklet import --update`.

    DIR/.booklet/import/origin.yaml     source (a file's path or a URL, secrets cut), format, mapping file,
                                        the name of the token's environment variable (never the token)
    DIR/.booklet/import/base/content/   the content files as the last import or update took them from
                                        the source: the merge base of the next update

The folder is hidden because nobody edits it; it belongs with the project (commit it with content/
when the project is kept in git, so that anyone can update). It is replaced as a whole: the new one
is written beside it and renamed into place, so it is never half-written.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..errors import ImporterError

if TYPE_CHECKING:
    from . import Export

FOLDER = Path(".booklet") / "import"
ORIGIN = "origin.yaml"
BASE = "base"
_HEADER = ("# Where this project was imported from, for `booklet import --update` (see docs/importing.md).\n"
           "# base/ holds the files as the source last gave them: the merge base. Edit neither.\n")


@dataclass
class Origin:
    source: str
    format: str
    mapping: str | None
    token_env: str | None
    base: dict[str, str]            # {relative path: text} of the last imported version


def remember(project: Path, export: Export, *, base: dict[str, str] | None = None,
             previous_to: Path | None = None) -> None:
    """Write DIR/.booklet/import/ for `export` (`base`: the files to keep as the merge base, by
    default the export's own). The folder it replaces is moved to `previous_to` when given (a
    backup), else deleted."""
    project = Path(project)
    folder = project / FOLDER
    folder.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=".import-", dir=folder.parent))
    try:
        origin = {"source": _portable(export.source, project), "format": export.format,
                  "mapping": _portable(str(export.mapping), project) if export.mapping else None,
                  "token_env": export.token_env,
                  "imported": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
        (new / ORIGIN).write_text(_HEADER + yaml.safe_dump({k: v for k, v in origin.items() if v is not None},
                                                           sort_keys=False, allow_unicode=True), encoding="utf-8")
        for rel, text in (export.files if base is None else base).items():
            path = new / BASE / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        if folder.exists():
            if previous_to is not None:
                previous_to.parent.mkdir(parents=True, exist_ok=True)
                os.replace(folder, previous_to)
            else:
                old = folder.with_name(f".old-{new.name}")
                os.replace(folder, old)
                shutil.rmtree(old, ignore_errors=True)
        os.replace(new, folder)
    except OSError as exc:
        raise ImporterError(f"{exc.filename or folder}: cannot write what the project remembers of its source: "
                            f"{exc.strerror}") from None
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)


def recall(project: Path) -> Origin:
    """What DIR/.booklet/import/ says; an ImporterError with a hint when the project has none."""
    folder = Path(project) / FOLDER
    try:
        data = yaml.safe_load((folder / ORIGIN).read_text(encoding="utf-8"))
    except FileNotFoundError:
        if not (Path(project) / "content").is_dir():
            raise ImporterError(f"{project}: no content/ folder here: --update takes a project made by "
                                "`booklet import SOURCE -o DIR`") from None
        raise ImporterError(f"{project}: the project does not remember an import ({FOLDER}/{ORIGIN} is missing): "
                            "it was written by hand or by an older booklet\n  hint: import it again into a new "
                            "folder (booklet import SOURCE -o NEW) and carry your edits over, or re-import with "
                            "--force (your edits to imported files are moved to import-backup/)") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImporterError(f"{folder / ORIGIN}: cannot be read ({exc}); restore it from import-backup/ or "
                            "import again") from None
    if not isinstance(data, dict) or not isinstance(data.get("source"), str) or data.get("format") is None:
        raise ImporterError(f"{folder / ORIGIN}: does not name a source and a format; restore it from "
                            "import-backup/ or import again")
    base: dict[str, str] = {}
    root = folder / BASE
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if path.is_file():
            base[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    if not base:
        raise ImporterError(f"{root}: the last imported version is missing, so there is nothing to merge against; "
                            "restore it from import-backup/ or import again")
    return Origin(source=_resolved(data["source"], Path(project)), format=str(data["format"]),
                  mapping=_resolved(data["mapping"], Path(project)) if data.get("mapping") else None,
                  token_env=data.get("token_env"), base=base)


def _portable(source: str, project: Path) -> str:
    """A file inside the project is remembered relative to it (the project may move); one outside by
    its absolute path; a URL as it is."""
    from .remote import is_url
    if is_url(source):
        return source
    path = Path(source).resolve()
    try:
        return path.relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)


def _resolved(source: str, project: Path) -> str:
    from .remote import is_url
    if is_url(source) or Path(source).is_absolute():
        return source
    return str(project / source)
