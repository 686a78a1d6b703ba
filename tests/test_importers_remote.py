"""`booklet import URL` and `booklet import --update DIR` against a local HTTP server.

The server listens on 127.0.0.1 at a port the system picks, in a thread, and serves the fixtures
in tests/fixtures/importers and the real exports in ../shared/data (those tests skip without
it); some paths answer as a failing server would: 404, a login page, no answer, a token check.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from booklet.cli import main

from .fixtures.importers import changed_export
from .fixtures.importers.support import HERE as FIXTURES
from .fixtures.importers.support import SHARED_DATA

TOKEN = "s3cret-t0ken-never-stored"
LEAKY = "leaky-api-key-9f8e7d"
CHEP = "chep2015-indico-json/cern-304944.json"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass        # a client that gave up (the timeout test): not worth a traceback in the next test's stderr


class Server:
    def __init__(self):
        self.routes: dict[str, tuple[str, bytes]] = {}      # path → (content type, body), changeable by a test
        self.seen: list[dict] = []                           # headers of every request
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
                path = self.path.split("?")[0]
                if path == "/stall":             # answers nothing until the test ends, then hangs up
                    server.release.wait(10)
                    return None
                if path == "/away":            # a redirect to another host name of this machine
                    self.send_response(302)
                    self.send_header("Location", f"http://localhost:{server.port}/echo")
                    self.end_headers()
                    return None
                if path.startswith("/export/"):
                    if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                        return self._send(401, "text/plain", b"unauthorised")
                    path = path.removeprefix("/export/event")
                if path in server.routes:
                    return self._send(200, *server.routes[path])
                if path.startswith("/data/") and SHARED_DATA.is_dir():
                    file = SHARED_DATA / path.removeprefix("/data/")
                    if file.is_file():
                        return self._send(200, "application/json", file.read_bytes())
                return self._send(404, "text/html", b"<html><body>Not found</body></html>")

            def _send(self, status, content_type, body):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    for name, kind in (("pretalx.json", "application/json"), ("frab-schedule.xml", "application/xml; charset=utf-8"),
                       ("indico-sessions.json", "application/json")):
        s.routes[f"/{name}"] = (kind, (FIXTURES / name).read_bytes())
    s.routes["/login"] = ("text/html; charset=utf-8", b"<!DOCTYPE html><html><form>Login: <input name=password>"
                                                      b"</form></html>")
    s.routes["/echo"] = ("application/json", (FIXTURES / "pretalx.json").read_bytes())
    yield s
    s.close()


def booklet(capsys, *argv) -> tuple[int, str, str]:
    code = main(["import", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", ["pretalx.json", "frab-schedule.xml", "indico-sessions.json"])
def test_a_url_imports_like_the_file(server, tmp_path, capsys, name):
    assert booklet(capsys, FIXTURES / name, "-o", tmp_path / "file", "-q")[0] == 0
    code, out, err = booklet(capsys, server.url(f"/{name}"), "-o", tmp_path / "url")
    assert code == 0, err
    assert f"imported {server.url('/' + name)}" in out
    from_file = {k: v for k, v in files_under(tmp_path / "file" / "content").items()}
    from_url = {k: v for k, v in files_under(tmp_path / "url" / "content").items()}
    assert from_url.keys() == from_file.keys()
    assert [k for k in from_file if from_file[k] != from_url[k]] == []
    origin = yaml.safe_load((tmp_path / "url/.booklet/import/origin.yaml").read_text())
    assert origin["source"] == server.url(f"/{name}")


@pytest.mark.parametrize("path, expected", [
    ("/missing.json", "HTTP 404 Not Found\n  hint: nothing at this address"),
    ("/login", "the server sent a login page, a web page (text/html), not a programme export"),
    ("/export/event/1.json", "HTTP 401 Unauthorized\n  hint: the export is not public: put an API token in the "
                             "environment variable INDICO_TOKEN"),
])
def test_http_failures_are_one_message_with_a_hint(server, tmp_path, capsys, monkeypatch, path, expected):
    monkeypatch.delenv("INDICO_TOKEN", raising=False)
    code, _, err = booklet(capsys, server.url(path), "-o", tmp_path / "p")
    assert code == 1
    assert err.startswith(f"Import error: {server.url(path)}: ")
    assert expected in err
    assert "Traceback" not in err and not (tmp_path / "p").exists()


def test_a_server_that_does_not_answer_times_out(server, tmp_path, capsys):
    code, _, err = booklet(capsys, server.url("/stall"), "-o", tmp_path / "p", "--timeout", "0.5")
    assert code == 1
    assert err.strip().splitlines()[0] == f"Import error: {server.url('/stall')}: no answer within 0.5 s"
    assert "--timeout SECONDS" in err


def test_a_refused_connection(tmp_path, capsys):
    import socket
    with socket.socket() as s:          # bound and not listening: a connection is refused, and no one else
        s.bind(("127.0.0.1", 0))        # can take the port meanwhile
        port = s.getsockname()[1]
        code, _, err = booklet(capsys, f"http://127.0.0.1:{port}/schedule.json", "-o", tmp_path / "p")
    assert code == 1 and "127.0.0.1 refused the connection" in err and "Traceback" not in err, err


def test_an_unknown_host(tmp_path, capsys):
    code, _, err = booklet(capsys, "http://no-such-host.invalid/schedule.json", "-o", tmp_path / "p")
    assert code == 1 and "cannot find the host 'no-such-host.invalid'" in err and "Traceback" not in err, err


def test_the_token_is_sent_and_never_written(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INDICO_TOKEN", TOKEN)
    url = server.url(f"/export/event/indico-sessions.json?detail=sessions&apikey={LEAKY}")
    code, out, err = booklet(capsys, url, "-o", tmp_path / "p")
    assert code == 0, err
    assert server.seen[-1]["authorization"] == f"Bearer {TOKEN}"
    assert "apikey" in out and LEAKY not in out + err and TOKEN not in out + err   # warned, never shown
    remembered = yaml.safe_load((tmp_path / "p/.booklet/import/origin.yaml").read_text())
    assert remembered["source"] == server.url("/export/event/indico-sessions.json?detail=sessions")
    assert remembered["token_env"] == "INDICO_TOKEN"
    # --update reads the remembered URL with the token from the environment again
    code, out, err = booklet(capsys, "--update", tmp_path / "p")
    assert code == 0, err
    assert server.seen[-1]["authorization"] == f"Bearer {TOKEN}" and "apikey" not in server.seen[-1]["path"]
    for rel, data in files_under(tmp_path / "p").items():
        assert TOKEN.encode() not in data and LEAKY.encode() not in data, rel


def test_a_refused_token_and_a_redirect_to_another_host(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INDICO_TOKEN", "wrong")
    code, _, err = booklet(capsys, server.url("/export/event/indico-sessions.json"), "-o", tmp_path / "p")
    assert code == 1 and "the token in INDICO_TOKEN was sent and refused" in err and "wrong" not in err
    monkeypatch.setenv("SCHEDULE_TOKEN", TOKEN)
    code, _, err = booklet(capsys, server.url("/away"), "-o", tmp_path / "q", "--token-env", "SCHEDULE_TOKEN")
    assert code == 0, err
    first, second = server.seen[-2:]
    assert first["authorization"] == f"Bearer {TOKEN}" and "authorization" not in second


def test_the_indico_token_goes_to_indico_export_addresses_only(monkeypatch):
    from booklet.importers.remote import token_for
    monkeypatch.setenv("INDICO_TOKEN", TOKEN)
    assert token_for("https://indico.example.org/export/event/304944.json?detail=sessions", None)[0] == TOKEN
    assert token_for("https://example.org/indico/export/timetable/7.json", None)[0] == TOKEN
    assert token_for("https://pretalx.example.org/democon/schedule/export/schedule.json", None)[0] is None
    assert token_for("https://frab.example.org/en/conf/public/schedule.xml", None)[0] is None
    monkeypatch.setenv("PRETALX_TOKEN", "p")
    assert token_for("https://pretalx.example.org/democon/schedule/export/schedule.json", "PRETALX_TOKEN") == \
        ("p", "PRETALX_TOKEN")


def test_a_token_is_not_sent_unencrypted_to_another_machine(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INDICO_TOKEN", TOKEN)
    code, _, err = booklet(capsys, "http://indico.example.org/export/event/1.json", "-o", tmp_path / "p")
    assert code == 1 and "would travel unencrypted over http" in err and TOKEN not in err


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")
def test_chep_over_http_then_update_with_a_changed_export(server, tmp_path, capsys):
    """The issue's walk-through: import CHEP 2015 over HTTP, edit a title, serve a changed export
    (two talks moved, one cancelled, a speaker renamed), update."""
    project = tmp_path / "chep"
    code, _, err = booklet(capsys, server.url(f"/data/{CHEP}"), "-o", project, "-q")
    assert code == 0, err
    monday = project / "content/programme/2015-04-13.yaml"
    monday.write_text(monday.read_text().replace("title: Future plan of KEK", "title: KEK's next ten years  # ours"))
    changed, _ = changed_export.changed(json.loads((SHARED_DATA / CHEP).read_text(encoding="utf-8")))
    server.routes[f"/data/{CHEP}"] = ("application/json", json.dumps(changed).encode())
    code, out, err = booklet(capsys, "--update", project)
    assert code == 0, err
    assert "0 conflicts; 0 added, 1 removed, 2 moved, 1 persons renamed" in out
    assert 'contribution c553 ("Dell Inc."' in out
    assert "wahid-bhimji: \"Wahid BHIMJI\" → \"Wahid J. BHIMJI\"" in out
    assert "title: KEK's next ten years  # ours" in monday.read_text()
    tuesday = yaml.safe_load((project / "content/programme/2015-04-14.yaml").read_text())
    moved = {c["id"]: (s["id"], c["start"]) for s in tuesday for c in s.get("contributions") or []}
    assert moved["c551"] == ("plenary-session-4", "12:45")
    assert main(["check", str(project)]) == 0
    backups = list((project / "import-backup").iterdir())
    assert len(backups) == 1 and "Dell Inc." in (backups[0] / "content/programme/2015-04-13.yaml").read_text()
    assert f"mv {backups[0]}/content {project}/content" in out


@pytest.mark.parametrize("url, expected", [
    ("https://user:s3cret@example.invalid/export/event/1.json", "holds a user name or password"),
    ("https://s3cret@example.invalid/schedule.json", "holds a user name or password"),
    ("http://[::1/x.json", "not a web address (Invalid IPv6 URL)"),
    ("http://127.0.0.1:abc/x.json", "not a web address (Port could not be cast"),
])
def test_an_address_with_a_password_or_malformed_is_refused_without_showing_it(tmp_path, capsys, url, expected):
    code, out, err = booklet(capsys, url, "-o", tmp_path / "p")
    assert code == 1 and expected in err and "hint:" in err
    assert "s3cret" not in out + err and not (tmp_path / "p").exists()
