"""`booklet serve`: the booklet in the browser, built again on every save.

Three parts, each on its own:
- a build process, forked at the start before any thread exists, which builds the e-mail edition
  into a private temporary folder when asked. It keeps each paragraph's fragments and lines for
  the next build (typeset/reuse.py), so a save rebuilds in a fraction of a clean build's time;
  a save outside content/ (a font, a layout) starts a new one, since fonts are read once per
  process;
- a watcher thread (watchfiles) that asks for a build when a file of the project changes; the
  changes of one save (an editor's temporary file, the rename) make one build, and changes made
  while a build runs make one more after it;
- an HTTP server (the standard library's, a thread per request) on 127.0.0.1 by default: the
  preview page (`_serve/preview.html`, no external resources), its state as Server-Sent Events,
  each page as a PNG rendered from the PDF (pypdfium2), and the PDF itself.

The page shows the last good booklet as a column of pages, marks the pages that changed in the
last build, and shows a build's error (the words `booklet build` prints, with file:line and the
hint) above it. out/ is never written: a preview is not a build to send.
"""
from __future__ import annotations

import errno
import gc
import hashlib
import http.server
import io
import json
import multiprocessing
import signal
import socket
import socketserver
import sys
import tempfile
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .build import DEFAULT_LAYOUT, build
from .errors import BookletError, Diagnostic, Loc, os_reason
from .typeset import reuse

PAGE = Path(__file__).resolve().parent / "_serve" / "preview.html"   # package data, in the wheel too
RENDER_SCALE = 2.0              # pixels per PDF point: sharp at 150 % zoom on a 96-dpi screen
PNG_CACHE_BYTES = 64 << 20      # rendered pages kept, by their content's digest
KEEPALIVE = 15.0                # s between comments on an idle event stream (proxies, dead clients)
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class ServeError(BookletError):
    """A preview that cannot start: no content folder, a port in use."""

    category = "Error"


# ---------------------------------------------------------------------------------------------
# What one good build shows: its PDF and, for each page, its size, label and a digest of what it draws


@dataclass(frozen=True)
class Page:
    width: float     # points
    height: float
    label: str       # the printed page label (C1, 1, 2, …), or the page's number
    digest: str      # of everything the page draws: same digest, same picture


@dataclass(frozen=True)
class Booklet:
    pdf: bytes
    name: str                    # the file name a build gives it (<slug>.pdf)
    pages: tuple[Page, ...]
    process: int = 0             # which build process made it: a new one (new fonts) may draw the same bytes otherwise

    def picture(self, index: int) -> str:
        """What names page `index`'s picture: its digest, from this build process."""
        return f"{self.process}-{self.pages[index].digest}"


def describe_pages(pdf: bytes) -> tuple[Page, ...]:
    """Each page's size, label and digest. The digest covers the page's content stream, the forms
    it draws (a "p. N" filled in at the end is one) and the fonts it names, not object numbers, so
    a page that looks the same after a rebuild keeps its digest."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    labels = list(reader.page_labels)
    pages = []
    for number, page in enumerate(reader.pages):
        digest = hashlib.sha1()
        contents = page.get_contents()
        if contents is not None:
            digest.update(contents.get_data())
        _digest_resources(page.get("/Resources"), digest, set())
        box = page.cropbox
        label = labels[number] if number < len(labels) else str(number + 1)
        pages.append(Page(float(box.width), float(box.height), label, digest.hexdigest()[:16]))
    return tuple(pages)


def _digest_resources(resources, digest, seen: set[int]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        fonts = fonts.get_object()
        for name in sorted(fonts):
            digest.update(f"{name}={fonts[name].get_object().get('/BaseFont')};".encode())
    forms = resources.get("/XObject")
    if forms is None:
        return
    forms = forms.get_object()
    for name in sorted(forms):
        form = forms[name].get_object()
        if id(form) in seen:
            continue
        seen.add(id(form))
        digest.update(name.encode())
        digest.update(form.get_data())
        _digest_resources(form.get("/Resources"), digest, seen)


def changed_pages(before: Booklet | None, after: Booklet) -> list[int]:
    """Indexes of the pages of `after` that differ from the page at the same place `before`; none
    for the first build, and every page past the old end."""
    if before is None:
        return []
    old = [p.digest for p in before.pages]
    return [i for i, page in enumerate(after.pages) if i >= len(old) or old[i] != page.digest]


# ---------------------------------------------------------------------------------------------
# The build process


def _one_build(project: Path, layout: str, out_dir: Path, jobs: int | None) -> dict:
    """One build of the e-mail edition, as a message: the booklet, or the error as `booklet build`
    words it (ContentError with file:line and hint; an OSError naming the path; a bug)."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    try:
        result = build(project, layout=layout, out_dir=out_dir, edition="email", jobs=jobs, preview=True)
        seconds = time.perf_counter() - started
        pdf = result.pdf.read_bytes()
        return {"pdf": pdf, "name": result.pdf.name, "pages": describe_pages(pdf),
                "warnings": [str(w) for w in result.warnings], "seconds": seconds,
                "cpu": _cpu_seconds() - cpu, "timings": result.timings}
    except BookletError as exc:
        return {"error": f"{exc.category}: {exc}"}          # as cli.main prints it
    except OSError as exc:
        reason, hint = os_reason(exc)
        where = f" {exc.filename}" if exc.filename else ""
        return {"error": f"Error: cannot use{where}: {reason}" + (f"\n  hint: {hint}" if hint else "")}
    except Exception as exc:  # noqa: BLE001 (a bug in booklet: said in the page, traceback on the terminal)
        return {"error": f"Internal error: {exc!r}\n  This is a bug in booklet; please report the traceback "
                         "printed where `booklet serve` runs.", "traceback": traceback.format_exc()}


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (a build's second part)."""
    import resource  # POSIX, like fork: serve() says so before anything needs it

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _build_process(connection, servers_end, project: Path, layout: str, out_dir: Path, memo: bool,
                   jobs: int | None) -> None:
    """The build process's loop: a build for each "build" asked, until "stop" or the pipe closes.
    Ctrl-C is the server's to handle (the terminal sends it to every process of the group); a
    terminate (SIGTERM) ends a build half-way through its cleanup, so no helper process is left."""
    servers_end.close()   # forked with it: held open here, the pipe would never close when the server dies
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    kept = reuse.Memo() if memo else None
    reuse.activate(kept)
    try:
        while connection.recv() == "build":
            message = _one_build(project, layout, out_dir, jobs)
            message["cache"] = kept.end_build(forget="error" not in message) if kept else {}
            connection.send(message)
            # A build collects rarely (build.py), so the cycles it leaves wait for a full collection
            # that may not come for many builds: a day of saves grew the process by hundreds of MB.
            # Collected here, after the page has its answer, memory stays flat.
            gc.collect()
    except (EOFError, OSError):
        pass


class Builder:
    """The build process, seen from the server: `build()` returns one build's message."""

    def __init__(self, project: Path, layout: str, *, memo: bool = True, jobs: int | None = 1):
        """`memo`: keep paragraphs between builds (typeset/reuse.py). `jobs`: one process by default,
        the memo's: a second part (typeset/parts.py) would lay its pages out in a process of its
        own, without the memo, every time; one process with the memo is faster (bench/RESULTS.md)."""
        self.project, self.layout, self.memo, self.jobs = project, layout, memo, jobs
        self.starts = 0              # build processes started so far
        self.folder = tempfile.TemporaryDirectory(prefix="booklet-serve-")
        self._start()

    def _start(self) -> None:
        self.starts += 1
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        # Not a daemon: a daemon process may not fork, and a long booklet's second part is a fork.
        self.process = context.Process(target=_build_process, name="booklet-build",
                                       args=(child_end, self.connection, self.project, self.layout,
                                             Path(self.folder.name), self.memo, self.jobs))
        self.process.start()
        child_end.close()

    def build(self) -> dict | None:
        """The next build's message, or None once the process has been stopped."""
        try:
            self.connection.send("build")
            return self.connection.recv()
        except (EOFError, OSError):
            return None

    def restart(self) -> None:
        """A new build process, with nothing kept from the old one's builds (fonts, memo). It is
        forked from a process with threads, which is safe here: it takes no lock of theirs (it
        builds, and talks through its own pipe)."""
        self._stop()
        self._start()

    def close(self) -> None:
        """Stop the process, also in the middle of a build, and remove its folder."""
        self._stop()
        self.folder.cleanup()

    def _stop(self) -> None:
        try:
            self.connection.send("stop")
        except OSError:
            pass
        self.process.join(timeout=0.5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


# ---------------------------------------------------------------------------------------------
# What the page shows, shared by the threads


@dataclass
class Preview:
    """The state of the preview: the last good booklet, the pages its build changed, the last
    build's error and warnings. Every change bumps `version` and wakes the event streams."""

    project_name: str
    booklet: Booklet | None = None
    generation: int = 0                        # good builds so far
    changed: list[int] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    building: bool = False
    built_at: float = 0.0
    seconds: float = 0.0
    version: int = 0
    closing: bool = False
    wanted: bool = True                        # a build is due (the first one, or files changed since)
    saved: set = field(default_factory=set)    # the files changed since the last build began

    def __post_init__(self):
        self.condition = threading.Condition()
        self.pdfium_lock = threading.Lock()    # PDFium is not thread-safe
        self._document, self._document_of = None, None   # the booklet opened in PDFium, for rendering
        self._pngs: OrderedDict[str, bytes] = OrderedDict()

    # The watcher and the build loop

    def want_build(self, saved: set[Path]) -> None:
        with self.condition:
            self.wanted = True
            self.saved |= saved
            self.condition.notify_all()

    def next_build(self) -> set[Path] | None:
        """Wait until a build is due; the files saved since the last one, or None when closing."""
        with self.condition:
            self.condition.wait_for(lambda: self.wanted or self.closing)
            if self.closing:
                return None
            saved, self.saved = self.saved, set()
            self.wanted, self.building = False, True
            self._changed()
            return saved

    def finish(self, message: dict) -> None:
        with self.condition:
            self.building = False
            if "error" in message:
                self.error = message["error"]
            else:
                booklet = Booklet(message["pdf"], message["name"], message["pages"], message.get("process", 0))
                self.changed = changed_pages(self.booklet, booklet)
                self.booklet, self.error = booklet, None
                self.warnings, self.seconds = message["warnings"], message["seconds"]
                self.generation += 1
                self.built_at = time.time()
            self._changed()

    def close(self) -> None:
        with self.condition:
            self.closing = True
            self._changed()
        with self.pdfium_lock:
            if self._document is not None:
                self._document.close()
                self._document = None

    def _changed(self) -> None:
        self.version += 1
        self.condition.notify_all()

    # The HTTP server

    def state(self) -> dict:
        with self.condition:
            return self._state()

    def _state(self) -> dict:
        booklet = self.booklet
        return {
            "version": self.version, "project": self.project_name, "generation": self.generation,
            "building": self.building, "error": self.error, "warnings": self.warnings,
            "built_at": time.strftime("%H:%M:%S", time.localtime(self.built_at)) if self.built_at else None,
            "seconds": round(self.seconds, 2), "changed": self.changed,
            "file": booklet.name if booklet else None,
            "pages": [{"width": p.width, "height": p.height, "label": p.label, "digest": booklet.picture(i)}
                      for i, p in enumerate(booklet.pages)] if booklet else [],
        }

    def wait_for_change(self, seen: int, timeout: float) -> dict | None:
        """The state once its version passes `seen`, or None after `timeout` s or when closing."""
        with self.condition:
            self.condition.wait_for(lambda: self.version != seen or self.closing, timeout)
            if self.closing or self.version == seen:
                return None
            return self._state()

    def png(self, index: int, digest: str) -> tuple[bytes, bool] | None:
        """Page `index` of the current booklet as PNG, and whether it is the page `digest` names
        (then it may be cached for good); None when there is no such page."""
        with self.condition:
            booklet = self.booklet
        if booklet is None or not 0 <= index < len(booklet.pages):
            return None
        current = booklet.picture(index)
        with self.pdfium_lock:
            if current in self._pngs:
                self._pngs.move_to_end(current)
                return self._pngs[current], current == digest
            if self.closing:
                return None
            data = self._render(booklet, index)
            self._pngs[current] = data
            while sum(map(len, self._pngs.values())) > PNG_CACHE_BYTES and len(self._pngs) > 1:
                self._pngs.popitem(last=False)
        return data, current == digest

    def _render(self, booklet: Booklet, index: int) -> bytes:
        import pypdfium2 as pdfium

        if self._document is None or self._document_of is not booklet:
            if self._document is not None:
                self._document.close()
            self._document, self._document_of = pdfium.PdfDocument(booklet.pdf), booklet
        page = self._document[index]
        try:
            image = page.render(scale=RENDER_SCALE).to_pil()
        finally:
            page.close()
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)   # fast: a page is sent once, over loopback
        return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The HTTP server


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if not self._host_allowed():
            return self._send(403, b"forbidden: this preview answers to localhost only\n", "text/plain")
        url = urlsplit(self.path)
        preview = self.server.preview
        if url.path == "/":
            return self._send(200, PAGE.read_bytes(), "text/html; charset=utf-8")
        if url.path == "/state":
            return self._send(200, json.dumps(preview.state()).encode(), "application/json")
        if url.path == "/events":
            return self._events()
        if url.path == "/booklet.pdf":
            booklet = preview.booklet
            if booklet is None:
                return self._send(404, b"no booklet has been built yet\n", "text/plain")
            return self._send(200, booklet.pdf, "application/pdf",
                              {"Content-Disposition": f'inline; filename="{booklet.name}"'})
        if url.path.startswith("/pages/") and url.path.endswith(".png"):
            number = url.path[len("/pages/"):-len(".png")]
            digest = parse_qs(url.query).get("digest", [""])[0]
            rendered = preview.png(int(number), digest) if number.isdigit() else None
            if rendered is None:
                return self._send(404, b"no such page\n", "text/plain")
            data, exact = rendered
            # The URL names the page's digest: while it is the page's, the picture never changes.
            cache = "public, max-age=31536000, immutable" if exact else "no-store"
            return self._send(200, data, "image/png", {"Cache-Control": cache})
        return self._send(404, b"not found\n", "text/plain")

    def _events(self) -> None:
        """Server-Sent Events: the state now, then each time it changes, until either side closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview, seen = self.server.preview, -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not preview.closing:
                state = preview.wait_for_change(seen, KEEPALIVE)
                if state is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    seen = state["version"]
                    self.wfile.write(b"data: " + json.dumps(state).encode() + b"\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        # Nothing from elsewhere: the page, its script and its pictures come from this server.
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                                    "style-src 'self' 'unsafe-inline'; img-src 'self'")
        self.send_header("X-Content-Type-Options", "nosniff")
        headers = {"Cache-Control": "no-store"} | (headers or {})
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _host_allowed(self) -> bool:
        """On a loopback address, only a request for localhost: a web page elsewhere cannot reach
        the preview through a name it points at 127.0.0.1 (DNS rebinding)."""
        if self.server.server_address[0] not in LOOPBACK:
            return True
        host = (self.headers.get("Host") or "").rpartition(":")[0] or self.headers.get("Host", "")
        return host in LOOPBACK

    def log_message(self, format: str, *args) -> None:
        pass                                               # the terminal shows builds, not requests


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True        # an open event stream never keeps the process alive
    block_on_close = False

    def __init__(self, address: tuple[str, int], preview: Preview):
        self.preview = preview
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's look-up of the host's full name: no name service is asked."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


# ---------------------------------------------------------------------------------------------
# The watcher and the build loop


def _watched(project: Path) -> Callable:
    """watchfiles' filter: every file of the project (content/, layouts/, fonts/, covers, inserts,
    images) except out/ and hidden files and folders, and editors' backups (watchfiles' defaults)."""
    from watchfiles import DefaultFilter

    default = DefaultFilter()
    root = project.resolve()

    def wanted(change, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(root).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] != "out" and not any(p.startswith(".") for p in parts) \
            and default(change, path)
    return wanted


def _watch(project: Path, preview: Preview, stop: threading.Event) -> None:
    from watchfiles import watch

    for changes in watch(project, watch_filter=_watched(project), stop_event=stop, step=80, debounce=1000,
                   rust_timeout=500, raise_interrupt=False):
        preview.want_build({Path(path) for _, path in changes})


def _build_loop(builder: Builder, preview: Preview, say: Callable[[str], None]) -> None:
    content = (builder.project / "content").resolve()
    while (saved := preview.next_build()) is not None:
        if any(not path.resolve().is_relative_to(content) for path in saved):
            builder.restart()        # fonts and layouts are read once per process; the memo assumes them
        message = builder.build()
        if message is None:          # the build process was stopped: the server is closing, or it died
            if not preview.closing:
                preview.finish({"error": "Internal error: the build process ended unexpectedly\n"
                                         "  This is a bug in booklet; restart `booklet serve` and report it."})
            return
        if "traceback" in message:
            say(message["traceback"].rstrip())
        message["process"] = builder.starts
        preview.finish(message)
        say(_summary(preview))


def _summary(preview: Preview) -> str:
    """One line (or the error's lines) for the terminal after each build."""
    now = time.strftime("%H:%M:%S")
    if preview.error:
        return f"{now} {preview.error}\n  (the page shows it; the last good booklet stays under it)"
    booklet = preview.booklet
    changed = preview.changed
    what = ""
    if preview.generation > 1:
        what = ", no page changed" if not changed else \
            f", {len(changed)} changed: {page_list([booklet.pages[i].label for i in changed])}"
    warned = f", {len(preview.warnings)} warnings (in the page)" if preview.warnings else ""
    return f"{now} built in {preview.seconds:.2f} s: {len(booklet.pages)} pages{what}{warned}"


def page_list(labels: list[str], most: int = 8) -> str:
    """'p. 3, 7, 12' or, when many, the first ones and how many more."""
    shown = ", ".join(labels[:most])
    return f"p. {shown}" + (f" and {len(labels) - most} more" if len(labels) > most else "")


# ---------------------------------------------------------------------------------------------
# The command


def serve(project: Path, *, host: str = "127.0.0.1", port: int = 8000, layout: str = DEFAULT_LAYOUT,
          say: Callable[[str], None] = print) -> int:
    """Serve the live preview of `project` until Ctrl-C; returns the exit status. `say` hears the
    terminal's lines (the page's URL first)."""
    project = Path(project)
    if "fork" not in multiprocessing.get_all_start_methods():
        raise ServeError("booklet serve needs a system that can fork a process (Linux, macOS, BSD); "
                         "on Windows, run it under WSL, or run `booklet build` after each change")
    if not (project / "content").is_dir():
        raise ServeError("", (Diagnostic("error", Loc(str(project)), "is not a booklet project: it has no content/ folder",
                                         "run `booklet serve DIR` with the folder that holds content/, "
                                         "or make one with `booklet new DIR`"),))
    builder = Builder(project, layout)          # forked first, while this process has one thread
    try:
        server = _Server((host, port), Preview(project.resolve().name))
    except OSError as exc:
        builder.close()
        reason, _ = os_reason(exc)
        hint = "choose another port with --port (--port 0 takes any free one)" if exc.errno == errno.EADDRINUSE \
            else "give --host an address of this computer, such as 127.0.0.1 (the default) or 0.0.0.0 for all"
        raise ServeError(f"cannot serve on {host}:{port}: {reason}\n  hint: {hint}") from None
    preview = server.preview
    watching = threading.Event()
    threads = [threading.Thread(target=_build_loop, args=(builder, preview, say), name="build", daemon=True),
               threading.Thread(target=_watch, args=(project, preview, watching), name="watch", daemon=True)]
    for thread in threads:
        thread.start()
    address, bound = server.server_address[:2]
    url = f"http://{'[' + address + ']' if ':' in address else address}:{bound}/"
    say(f"booklet serve: the booklet of {project} at {url}\n"
        f"  rebuilt on every save of a file in {project}; Ctrl-C to stop")
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="http", daemon=True)
    serving.start()
    try:
        _wait_for_interrupt()
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()                 # event streams end, the build loop stops asking
        watching.set()
        server.shutdown()
        server.server_close()           # the port is free from here on
        builder.close()                 # also in the middle of a build
        for thread in threads + [serving]:
            thread.join(timeout=5)
    say("booklet serve: stopped")
    return 0


def _wait_for_interrupt() -> None:
    """Sleep in the main thread, where Python delivers Ctrl-C."""
    while True:
        time.sleep(3600)
