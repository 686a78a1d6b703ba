"""Orchestration only: load → layout → fonts/styles → render → assemble → write.

Reads and validates everything before drawing anything, and writes the PDF
atomically: a failed build leaves the previous booklet untouched.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import assemble, content, cover_text, dates, fonts, layouts, render, styles
from .crossref import PageRefs
from .errors import ContentError, Diagnostic, Diagnostics
from .sections import SectionContext
from .templating import Templates

DEFAULT_LAYOUT = "a5"


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    pages: int                 # all pages, covers included
    body_pages: int
    passes: int
    refs: PageRefs             # anchor → printed page, as laid out
    warnings: tuple[Diagnostic, ...]
    timings: dict[str, float] = field(default_factory=dict)


def build(project: Path, *, layout: str = DEFAULT_LAYOUT, out_dir: Path | None = None,
          strict: bool = False) -> BuildResult:
    from . import __version__

    project = Path(project)
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    diag = Diagnostics(strict=strict)

    conference = content.load(project / "content", diag, root=project)
    diag.raise_if_errors(ContentError)
    clock.lap("load")

    the_layout = layouts.load(layout, project, conference.language, diag)
    font_set = fonts.register(the_layout, project, diag)
    fonts.check_coverage(conference, font_set, diag)
    ctx = SectionContext(
        conference=conference, layout=the_layout, styles=styles.build(the_layout, font_set, conference.language, diag),
        fonts=font_set, labels=the_layout.labels, templates=Templates(list(the_layout.dirs)),
        dates=dates.date_range(conference.start, conference.end, conference.language),
        day_names={s.day: dates.day_name(s.day, conference.language) for s in conference.sessions if s.day},
        short_day_names={d: dates.short_day(d, conference.language) for d in conference.days},
        version=__version__, refs=PageRefs())
    covers = assemble.read_covers(the_layout.covers, the_layout.page_size, project, diag)
    clock.lap("layout")

    metadata = _metadata(conference, ctx.labels, __version__)
    body = render.render(ctx, diag, metadata=metadata)
    clock.lap("render")

    pdf = assemble.assemble(body.pdf, covers, cover_text=cover_text.render(ctx), metadata=metadata,
                            language=conference.language)
    diag.raise_if_errors(ContentError, final=True)  # --strict: warnings stop the build before anything is written
    out = (out_dir or project / "out") / f"{conference.slug}.pdf"
    write_atomically(out, pdf)
    clock.lap("assemble")
    return BuildResult(out, len(covers.front) + body.pages + len(covers.back), body.pages, body.passes, body.refs,
                       tuple(diag.warnings), timings)


def _metadata(conference, labels, version: str) -> dict[str, str]:
    return {"Title": conference.title, "Subject": labels.get("subtitle", ""),
            "Author": ", ".join(conference.organisers) or conference.title,
            "Creator": f"booklet {version}", "Keywords": conference.short or ""}


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to `path`, then rename over it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Clock:
    def __init__(self, timings: dict[str, float]):
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now
