"""A long booklet laid out in two processes at once.

The layout's sections are cut before one that opens on a right-hand page: this process
lays out the sections before the cut (part 1) while a forked child lays out the rest
(part 2). Opening on a right-hand page means part 2's pages keep their side, wherever
part 1 ends: its first page is odd, and a blank page goes between when part 1 ends on
an odd page, as it would in one process.

Neither process knows at the start where part 2's pages fall, so:
- part 2 draws its folios as forms, filled in once part 1's page count is known;
- each part sends the other the pages of the anchors it places, page by page. Part 2 waits for part 1's
  when it needs one (a session's way back to the programme, the index); part 1 waits for
  part 2's only at its end, for its forward references (contents, "p. N"), which are forms;
- a link to an anchor in the other part is a named destination (pdf/join.py writes the names).

So every number printed is the one a single process prints, and the pages are the same;
the cut only decides which process draws them. pdf.join.join puts the two PDFs together.

`forked` is the simpler case: work whose result is sent back whole (conversion.prepare
converts half of the abstracts that way).
"""
from __future__ import annotations

import contextlib
import os
import threading
import traceback
from typing import Callable, NoReturn

from ..errors import BookletError

# Estimated work is in characters set; a cut that saves less than this is not worth a process.
MIN_SAVING = 150_000
SECTION_WORK = {"glance": 60, "programme": 150, "index": 120}   # characters per session, row or person


def choose_cut(ctx, jobs: int) -> str | None:
    """The section part 2 begins with, or None to lay the booklet out in one process.

    The cut is made where the estimated time of the longer part is shortest; an index in part 2
    can only be made once part 1 is laid out, so it comes after both parts' other sections."""
    if jobs < 2:
        return None
    names = list(ctx.layout.sections)
    work = {name: _estimate(ctx, name) for name in names}
    total = sum(work.values())
    best, best_time = None, total
    for cut in names[1:]:
        if cut not in ctx.layout.start_on_right:
            continue
        first = sum(work[n] for n in names[:names.index(cut)])
        second = names[names.index(cut):]
        waiting = [n for n in second if n == "index"]   # made from every page number: after part 1
        rest = sum(work[n] for n in second if n not in waiting)
        finish = max(first, rest) + sum(work[n] for n in waiting)
        if finish < best_time:
            best, best_time = cut, finish
    return best if total - best_time >= MIN_SAVING and can_fork() else None


def _estimate(ctx, name: str) -> int:
    """Characters the section sets, roughly: abstracts dominate every big booklet."""
    conference = ctx.conference
    if name in ("abstracts", "posters"):
        posters = name == "posters"
        return sum(sum(len(block.markup) for block in ctx.texts.abstracts.get(c.id, ())) + 200
                   for s in conference.sessions if (s.kind == "posters") == posters for c in s.contributions)
    if name == "programme":
        return SECTION_WORK[name] * len(conference.contributions)
    if name == "glance":
        return SECTION_WORK[name] * len(conference.sessions)
    if name == "index":
        return SECTION_WORK[name] * len(conference.people)
    return 1000


def second_part_offset(first_part_pages: int) -> int:
    """The booklet's pages before part 2's first one: part 1's, and a blank page when part 1 ends on
    an odd page, so that part 2 opens on a right-hand page as the cut before it asks."""
    return first_part_pages + first_part_pages % 2


def cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:       # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Fork is there (not on Windows) and safe: a process with other threads may be forked while
    one of them holds a lock the child then waits for forever (a caller's server, a GUI)."""
    import multiprocessing  # here: a booklet laid out in one process does without it (5 ms)
    return (os.name == "posix" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


class PartFailed(RuntimeError):
    """The other part's process failed; its traceback is the message."""


@contextlib.contextmanager
def forked(work: Callable[[], object]):
    """`work()` started in a forked process; yields a function that waits for what it returns. A
    BookletError raised there is raised here; any other failure is PartFailed with its traceback.
    Leaving the block ends the process if it still runs (the caller failed before asking)."""
    import multiprocessing
    receiving, sending = multiprocessing.Pipe(duplex=False)
    child = _start(_run_child, work, sending, receiving)
    sending.close()

    def result():
        try:
            kind, value = receiving.recv()
        except EOFError:
            child.join()
            kind, value = "failed", f"the helper process ended without a result (exit code {child.exitcode})"
        if kind != "result":
            _raise_failure(value)
        return value
    try:
        yield result
    finally:
        receiving.close()
        _end(child)


def _start(target, *args):
    """A forked process running `target(*args)`, started."""
    import multiprocessing
    child = multiprocessing.get_context("fork").Process(target=target, args=args, daemon=True)
    child.start()
    return child


def _end(child) -> None:
    """End `child` if it still runs, and wait for it, so that it leaves no zombie."""
    if child.is_alive():
        child.kill()
    child.join()


def _run_child(work, sending, receiving) -> None:
    receiving.close()
    kind = _send(sending, _outcome(work))
    os._exit(0 if kind == "result" else 1)


def _outcome(work: Callable[[], object]) -> tuple[str, object]:
    """("result", what `work()` returns), or ("failed", the BookletError it raised or a traceback)."""
    try:
        return "result", work()
    except BookletError as exc:     # a problem for the user to fix: reported as in one process
        return "failed", exc.located()
    except BaseException:
        return "failed", traceback.format_exc()


def _send(connection, outcome: tuple[str, object]) -> str:
    """Send `outcome`; if it cannot be (a result pickle refuses), the traceback of that. Its kind."""
    try:
        connection.send(outcome)
        return outcome[0]
    except BaseException:
        try:
            connection.send(("failed", traceback.format_exc()))
        except BaseException:  # noqa: BLE001 - the other end is gone: nobody to tell
            pass
        return "failed"


def _raise_failure(value) -> NoReturn:
    if isinstance(value, BookletError):
        raise value
    raise PartFailed(value)


class Link:
    """This process's end of the exchange with the other part's process.

    A thread receives what the other part sends (its sections' contents entries and anchors,
    the pages of its anchors as it places them, its page count, its result) so that neither
    process blocks the other by not reading."""

    def __init__(self, first: bool, outgoing, incoming):
        self.first = first
        self._out, self._in = outgoing, incoming
        self._ready = threading.Condition()
        self._composed = None
        self._pages: dict[str, int] = {}      # the other part's anchors → pages in its own numbering
        self._count: int | None = None        # the other part's pages, once it is laid out
        self._result = None
        self._failure: str | BookletError | None = None   # the other part's traceback, or its error
        self.own_count: int | None = None     # this part's pages, once laid out
        self.pages = SharedPages(self)
        threading.Thread(target=self._listen, daemon=True).start()

    # -- sending ------------------------------------------------------------------
    def send(self, kind: str, value) -> None:
        self._out.send((kind, value))

    def laid_out(self, count: int) -> None:
        """This part's last page is done: the other part may now count on its page numbers, and
        part 1 on part 2's (its forms, written next, wait for them)."""
        self.pages.flush()
        self.own_count = count
        self.pages.final = self.first
        self.send("laid out", count)

    # -- receiving ----------------------------------------------------------------
    def composed(self):
        """The other part's (contents entries, anchors), once it has composed its sections."""
        self._wait(lambda: self._composed is not None)
        return self._composed

    def result(self):
        self._wait(lambda: self._result is not None)
        return self._result

    def offset(self) -> int:
        """Pages before part 2's first page: part 1's, and the blank one that makes it odd."""
        if self.first:
            return 0
        self._wait(lambda: self._count is not None)
        return second_part_offset(self._count)

    def other_page(self, anchor: str) -> int | None:
        """The printed page of an anchor the other part places; waits until it is placed there or
        that part is laid out (then None: it is not in the booklet)."""
        self._wait(lambda: anchor in self._pages or self._count is not None)
        page = self._pages.get(anchor)
        if page is None:
            return None
        return page + (second_part_offset(self.own_count) if self.first else 0)

    def _listen(self) -> None:
        while True:
            try:
                kind, value = self._in.recv()
            except (EOFError, OSError):
                kind, value = "gone", None
            with self._ready:
                if kind == "pages":
                    self._pages.update(value)
                elif kind == "composed":
                    self._composed = value
                elif kind == "laid out":
                    self._count = value
                elif kind == "result":
                    self._result = value
                else:
                    self._failure = value or "the other part's process ended without a result"
                self._ready.notify_all()
            if kind in ("result", "failed", "gone"):
                return

    def _wait(self, ready: Callable[[], bool]) -> None:
        with self._ready:
            while not ready():
                if self._failure is not None:
                    _raise_failure(self._failure)
                self._ready.wait()


class SharedPages:
    """anchor → printed page, for a part of a booklet laid out in two processes: the part's own
    anchors and those the other part has sent. Looks like the dict a single process uses.

    Part 1 sees only its own anchors while it is laid out (part 2's come later in the booklet),
    then, once `final`, those of part 2 too. Part 2 sees part 1's as soon as they are placed; its
    own have printed numbers once part 1's page count is known."""

    def __init__(self, link: Link):
        self.link = link
        self.own: dict[str, int] = {}           # anchor → page in this part's own numbering
        self._unsent: dict[str, int] = {}
        self.final = False

    def setdefault(self, anchor: str, page: int) -> int:
        """`anchor` placed on this part's `page` (the first placing counts); sent with the next `flush`."""
        if anchor not in self.own:
            self.own[anchor] = self._unsent[anchor] = page
        return self.own[anchor]

    def flush(self) -> None:
        """Send the anchors placed since the last flush: at every page's end, and before layout
        reaches something slow (the index), as the other part may be waiting for one of them.
        One message per anchor was too many: each wakes the other process's listening thread,
        which must take the interpreter lock from its layout."""
        if self._unsent:
            self.link.send("pages", self._unsent)
            self._unsent = {}

    def get(self, anchor: str, default=None):
        if anchor in self.own:
            return self.own[anchor] + self.link.offset()
        if self.link.first and not self.final:
            return default
        page = self.link.other_page(anchor)
        return default if page is None else page

    def __contains__(self, anchor: str) -> bool:
        return self.get(anchor) is not None

    def __getitem__(self, anchor: str) -> int:
        page = self.get(anchor)
        if page is None:
            raise KeyError(anchor)
        return page


def start_second(work: Callable[["Link"], object]) -> tuple[Link, Callable[[], None]]:
    """Fork a process that runs `work(link)` and sends back what it returns; this process's end of
    the link, and a function that ends the child (call it when done, or on failure)."""
    import multiprocessing
    to_child_in, to_child_out = multiprocessing.Pipe(duplex=False)
    to_parent_in, to_parent_out = multiprocessing.Pipe(duplex=False)
    child = _start(_second, work, to_parent_out, to_child_in, (to_child_out, to_parent_in))
    to_parent_out.close()
    to_child_in.close()
    return Link(True, to_child_out, to_parent_in), lambda: _end(child)


def _second(work, outgoing, incoming, parents_ends) -> None:
    """The child's whole life: lay out part 2, send the result, the error or the traceback."""
    for end in parents_ends:   # so that the parent's end of a pipe closing is seen here
        end.close()
    link = Link(False, outgoing, incoming)
    if _send(outgoing, _outcome(lambda: work(link))) != "result":
        os._exit(1)
    outgoing.close()
