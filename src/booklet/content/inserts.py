"""`inserts:` lists (in conference.yaml and in layout.yaml), read into plain data.

```yaml
inserts:
  - {file: inserts/map.pdf, after: colophon, label: Map}
```

An insert names the booklet section it goes before or after, so the section names are
content vocabulary too: `SECTION_NAMES` is the one list of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostics, Loc
from .paths import confine, quote
from .schema import Fields, did_you_mean
from .yamlio import YMap

SECTION_NAMES = ("title", "colophon", "changes", "committees", "contents", "glance", "programme", "abstracts",
                 "posters", "index", "sponsors")
INSERT_FIELDS = ("file", "after", "before", "label")


@dataclass(frozen=True, slots=True)
class InsertSpec:
    """A PDF placed between two leaves of the body (see assemble.place_inserts)."""

    file: Path
    where: str            # "after" or "before"
    section: str          # a section name of the layout
    label: str | None     # page-label prefix; None: the layout's word for "insert"
    loc: Loc


def read_inserts(items, dirs: list[Path], sections: tuple[str, ...], diag: Diagnostics,
                 what: str = "insert", *, roots: list[Path] | None = None) -> tuple[InsertSpec, ...]:
    """`inserts:` items; files are searched in `dirs` (a layout's folders, or the project) and must
    resolve inside one of `roots` (default: `dirs`)."""
    out = []
    for i, entry in enumerate(items):
        if not isinstance(entry, YMap):
            diag.error(items.loc_of(i), f"{what} {i + 1}: expected a mapping such as "
                                        "{file: inserts/map.pdf, after: title}")
            continue
        f = Fields(entry, f"{what} {i + 1}", diag, INSERT_FIELDS)
        name = f.text("file", required=True, example="inserts/map.pdf")
        places = [k for k in ("after", "before") if f.has(k)]
        if len(places) != 1:
            f.error_at(f.loc, "needs exactly one of 'after:' or 'before:' naming a section",
                       f"e.g. `after: {sections[0] if sections else 'title'}`")
            continue
        where = places[0]
        section = f.text(where)
        if section not in sections:
            f.error(where, f"unknown section '{section}'", did_you_mean(str(section), sections))
            continue
        if name is None:
            continue
        found = confine(name, dirs, roots if roots is not None else dirs)
        if found.problem:
            f.error("file", f"names '{quote(name)}', which {found.problem}",
                    "an insert is a PDF file inside the project; copy it in, e.g. to inserts/")
            continue
        if found.path is None:
            f.error("file", f"names '{quote(name)}', which is not there",
                    f"looked in {', '.join(str(d) for d in dirs)}")
            continue
        out.append(InsertSpec(found.path, where, section, f.text("label"), entry.loc))
    return tuple(out)
