"""Build progress on a terminal: one status line, rewritten in place, naming the stage and the pages done.

`build(progress=...)` calls `progress(stage, pages)` when a stage begins and when layout finishes a
page. The stages are the keys of `BuildResult.timings`: "load", "layout", "compose:<section>",
"section:<section>", "render:save", "render:wait" (part 1 waits for part 2, see parts.py),
"render:join", "assemble", "editions"; `pages` is the number of pages laid
out so far (0 before layout).
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

Progress = Callable[[str, int], None]

LABELS = {"load": "loading content", "layout": "preparing", "render": "rendering", "compose": "composing",
          "section": "laying out", "render:save": "saving the PDF", "render:wait": "waiting for the second part",
          "render:join": "joining the parts", "assemble": "assembling",
          "editions": "writing editions"}


def describe(stage: str) -> str:
    """'section:abstracts' → 'laying out abstracts'; unknown stages are shown as they are."""
    if stage in LABELS:
        return LABELS[stage]
    kind, _, name = stage.partition(":")
    return f"{LABELS[kind]} {name}" if kind in LABELS and name else stage


class StatusLine:
    """Shows progress on `stream` as one line, redrawn at most every `interval` seconds; a new stage
    is shown at once, so a slow stage never sits behind the name of the one before."""

    def __init__(self, stream: TextIO, *, interval: float = 0.1, clock: Callable[[], float] = time.monotonic):
        self.stream, self.interval, self.clock = stream, interval, clock
        self.width = _columns(stream) - 1   # a line that wraps could no longer be redrawn in place
        self.stage, self.drawn_at, self.shown = "", float("-inf"), 0   # shown: characters now on the line

    def __call__(self, stage: str, pages: int = 0) -> None:
        now = self.clock()
        if stage == self.stage and now - self.drawn_at < self.interval:
            return
        self.stage, self.drawn_at = stage, now
        done = f", {pages:,} page{'' if pages == 1 else 's'}" if pages else ""
        self._draw(f"booklet: {describe(stage)}{done}")

    def clear(self) -> None:
        """Blank the line and put the cursor at its start, so that what is printed next starts clean."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0

    def _draw(self, text: str) -> None:
        text = text[:self.width]
        # Spaces, not an ANSI erase, cover a longer previous text: any terminal understands them.
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = len(text)


@contextmanager
def on_terminal(stream: TextIO, *, quiet: bool = False) -> Iterator[StatusLine | None]:
    """A StatusLine on `stream` if it is a terminal and not `quiet`, else None; the line is cleared
    on the way out, also when the build fails, so that messages after it are not garbled."""
    status = StatusLine(stream) if not quiet and _is_terminal(stream) else None
    try:
        yield status
    finally:
        if status:
            status.clear()


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80   # 0 from a pseudo-terminal without a size
    except (OSError, ValueError, AttributeError):   # not a real terminal (a test's fake one) or closed
        return 80
