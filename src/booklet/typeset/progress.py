"""How the render stage tells the caller where it is: `Progress` is called with a stage and the
pages laid out so far; `Laps` times the parts of the stage and reports them.

`build(progress=...)` calls `progress(stage, pages)` when a stage begins and when layout finishes a
page. The stages are the keys of `BuildResult.timings`: "load", "layout", "compose:<section>",
"section:<section>", "render:save", "render:wait" (part 1 waits for part 2, see parts.py),
"render:join", "assemble", "editions"; `pages` is the number of pages laid
out so far (0 before layout). The command line shows them on one line (cli.StatusLine).
"""
from __future__ import annotations

import time
from typing import Callable

Progress = Callable[[str, int], None]


class Laps:
    """Wall time of the named parts of the render stage, each part ending where the next starts;
    tells `progress` which part runs and how many pages are done."""

    def __init__(self, progress: Progress | None = None):
        self.timings: dict[str, float] = {}
        self.progress, self.pages = progress, 0
        self.part: str | None = None
        self.since = 0.0

    def start(self, part: str | None) -> None:
        """End the running part, if any, and start `part` (None: only end it)."""
        now = time.perf_counter()
        if self.part:
            self.timings[self.part] = self.timings.get(self.part, 0.0) + now - self.since
        self.part, self.since = part, now
        if part and self.progress:
            self.progress(part, self.pages)

    def page_done(self, page: int) -> None:
        self.pages = page
        if self.part and self.progress:
            self.progress(self.part, page)
