"""An export read from where the programme lives: an http(s) URL → the export's bytes.

pretalx (`…/schedule/export/schedule.json`, `.xml`), frab (`…/schedule.xml`) and Indico's export
API (`…/export/event/ID.json?detail=sessions`) are plain GETs. What comes back goes through the
same detection and readers as a file (`importers._read`).

An API token is never taken from the command line nor written anywhere: it is read from an
environment variable (`INDICO_TOKEN` by default, for Indico export URLs; `--token-env NAME` for
any URL) and sent as `Authorization: Bearer …`, only over https or to this machine, and only to
the host it was meant for (a redirect to another host does not carry it). Parameters of the URL
that look like secrets (`apikey=`, `token=`, `signature=`) are used for this download but never
remembered in the project; `public_url` is what may be shown and stored.

Every failure is an `ImporterError` of one line with a hint: a host that cannot be found, a
refused connection, no answer within the timeout, an HTTP error (401/403 name the token), and an
answer that is a web page (a login page) rather than JSON, XML or a table.
"""
from __future__ import annotations

import gzip
import os
import re
import socket
import ssl
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from ..errors import ImporterError
from .markup import clean_url

TIMEOUT = 30.0                       # seconds without an answer before giving up
MAX_BYTES = 256 * 1024 * 1024        # the largest export read (CHEP 2015, 308 talks, is 3.4 MB)
DEFAULT_TOKEN_ENV = "INDICO_TOKEN"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
_EXPORT_TYPES = ("json", "xml", "csv", "text/plain", "tab-separated", "octet-stream", "calendar")


def is_url(source: str) -> bool:
    scheme, sep, _ = str(source).partition("://")   # not urlsplit: it rejects a malformed address, fetch says why
    return bool(sep) and scheme.lower() in ("http", "https")


def public_url(url: str) -> tuple[str, bool]:
    """The URL without secret-looking parameters nor a user:password part (what may be printed and
    remembered), and whether any were cut."""
    try:
        cleaned, cut = clean_url(url)
    except ValueError:              # not parsable (fetch says so): shown without its query, to be safe
        cleaned, cut = url.partition("?")[0], "?" in url
    head, at, rest = cleaned.partition("://")
    netloc, slash, path = rest.partition("/")
    if at and "@" in netloc:
        return f"{head}://{netloc.rpartition('@')[2]}{slash}{path}", True
    return cleaned, cut


def secret_parameters(url: str) -> list[str]:
    """The names of the URL's parameters that `public_url` cuts (for the warning)."""
    cleaned, _ = clean_url(url)
    kept = {k for k, _ in parse_qsl(urlsplit(cleaned).query, keep_blank_values=True)}
    return sorted({k for k, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)} - kept)


@dataclass
class Download:
    data: bytes
    url: str                 # public_url of the address read (secrets cut)
    name: str                # the last part of its path, for messages and a year in a file name
    content_type: str
    token_sent: bool


_INDICO_EXPORT = re.compile(r"/export/(?:event|timetable|categ|room|reservation)/[^/]+$")


def is_indico_export(url: str) -> bool:
    """An Indico export-API address (`…/export/event/ID.json`), also under a prefix (`/indico/export/…`);
    not pretalx's `…/schedule/export/schedule.json`, which must never get an Indico token."""
    return bool(_INDICO_EXPORT.search(urlsplit(url).path))


def token_for(url: str, token_env: str | None) -> tuple[str | None, str]:
    """The token to send to `url` and the variable it came from: `token_env` when the user named one,
    else INDICO_TOKEN for an Indico export URL; None when that variable is unset or empty."""
    name = token_env or DEFAULT_TOKEN_ENV
    if token_env is None and not is_indico_export(url):
        return None, name
    token = os.environ.get(name, "").strip()
    return (token or None), name


def fetch(url: str, *, timeout: float = TIMEOUT, token_env: str | None = None) -> Download:
    shown, _ = public_url(url)
    try:
        parts = urlsplit(url)
        parts.port                  # noqa: B018  (a port that is not a number raises here, not in urllib)
    except ValueError as exc:       # "Invalid IPv6 URL", "Port could not be cast to integer value"
        raise ImporterError(f"{shown}: not a web address ({exc})\n  hint: write it as https://host/path, "
                            "as the browser's address bar shows it") from None
    if parts.username or parts.password:
        raise ImporterError(f"{shown}: the address holds a user name or password, which would be remembered "
                            "in the project and shown in messages\n  hint: put an API token in an environment "
                            "variable and name it with --token-env NAME (INDICO_TOKEN is read for Indico export "
                            "addresses)")
    if not parts.hostname:
        raise ImporterError(f"{shown}: not a web address with a host (write it as https://host/path)")
    token, env_name = token_for(url, token_env)
    if token and parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
        raise ImporterError(f"{shown}: the token in {env_name} would travel unencrypted over http; "
                            "use the https address of the export")
    request = urllib.request.Request(url, headers={
        "User-Agent": "booklet (programme import)",
        "Accept": "application/json, application/xml, text/xml, text/csv;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate"})
    if token:
        # unredirected: a redirect never carries it (_SameHostToken adds it back for the same host)
        request.add_unredirected_header("Authorization", f"Bearer {token}")
    opener = urllib.request.build_opener(_SameHostToken(token))
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read_body(response, shown, timeout)
            content_type = response.headers.get("Content-Type", "")
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise ImporterError(_http_error(exc, shown, token is not None, env_name)) from None
    except urllib.error.URLError as exc:
        raise ImporterError(_connection_error(exc.reason, shown, parts.hostname, timeout)) from None
    except TimeoutError:
        raise ImporterError(_timed_out(shown, timeout)) from None
    except (ConnectionError, OSError) as exc:
        raise ImporterError(_connection_error(exc, shown, parts.hostname, timeout)) from None
    _check_content_type(data, content_type, shown, public_url(final)[0], token is not None, env_name)
    name = urlsplit(final).path.rstrip("/").rsplit("/", 1)[-1] or parts.hostname
    return Download(data, shown, name, content_type, token is not None)


class _SameHostToken(urllib.request.HTTPRedirectHandler):
    """Follows redirects; the token goes along only when the redirect stays on the same scheme and host."""

    def __init__(self, token: str | None):
        self.token = token

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and self.token:
            old, to = urlsplit(req.full_url), urlsplit(new.full_url)
            if (old.scheme, old.netloc) == (to.scheme, to.netloc):
                new.add_unredirected_header("Authorization", f"Bearer {self.token}")
        return new


def _read_body(response, shown: str, timeout: float) -> bytes:
    data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImporterError(f"{shown}: the answer is larger than {MAX_BYTES // 2**20} MB; that is no "
                            "programme export (download it and check it)")
    encoding = response.headers.get("Content-Encoding", "").lower().strip()
    try:
        if encoding in ("gzip", "x-gzip"):
            return gzip.decompress(data)
        if encoding == "deflate":
            return zlib.decompress(data)
    except (OSError, EOFError, zlib.error):
        raise ImporterError(f"{shown}: the server said the answer is {encoding}-compressed, but it cannot be "
                            "unpacked; try again, or download the file and import it") from None
    return data


def _http_error(exc: urllib.error.HTTPError, shown: str, token_sent: bool, env_name: str) -> str:
    status = f"HTTP {exc.code} {exc.reason or ''}".rstrip()
    if exc.code in (401, 403):
        if token_sent:
            hint = (f"the token in {env_name} was sent and refused: check that it is valid, not expired, and "
                    "allowed to read this event (Indico: a personal API token with the scope 'Classic API (read "
                    "only)')")
        else:
            hint = (f"the export is not public: put an API token in the environment variable {env_name} "
                    f"(export {env_name}=…; booklet sends it as 'Authorization: Bearer' and never stores it)"
                    + ("" if env_name != DEFAULT_TOKEN_ENV else "; for a URL that is not an Indico export, "
                       "name the variable with --token-env"))
    elif exc.code == 404:
        hint = ("nothing at this address: check the event number and the export path (Indico: "
                "/export/event/ID.json?detail=sessions; pretalx: /EVENT/schedule/export/schedule.json; "
                "frab: /en/CONF/public/schedule.xml)")
    elif exc.code == 429:
        hint = "the server asks to wait: try again in a few minutes"
    elif exc.code >= 500:
        hint = "the server failed; try again later"
    else:
        hint = "check the address"
    return f"{shown}: {status}\n  hint: {hint}"


def _connection_error(reason, shown: str, host: str, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return _timed_out(shown, timeout)
    if isinstance(reason, socket.gaierror):
        return (f"{shown}: cannot find the host {host!r}\n  hint: check the address for a typo, and that this "
                "machine is online")
    if isinstance(reason, ConnectionRefusedError):
        return f"{shown}: {host} refused the connection\n  hint: check the address and the port"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return (f"{shown}: the server's certificate cannot be verified ({reason.verify_message})\n  hint: check "
                "the address; booklet does not read exports from servers it cannot verify")
    if isinstance(reason, ssl.SSLError):
        return f"{shown}: the secure connection failed ({reason.reason or reason})\n  hint: check the address"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"{shown}: cannot connect: {text}\n  hint: check the address, and that this machine is online"


def _timed_out(shown: str, timeout: float) -> str:
    return (f"{shown}: no answer within {timeout:g} s\n  hint: the server may be slow or busy: try again, or "
            "wait longer with --timeout SECONDS")


def _check_content_type(data: bytes, content_type: str, shown: str, final: str, token_sent: bool,
                        env_name: str) -> None:
    """An HTML page where an export was expected (a login form, an event's web page) is an error."""
    mime = content_type.split(";")[0].strip().lower()
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    looks_html = head.startswith((b"<!doctype html", b"<html")) or (mime in ("text/html", "application/xhtml+xml")
                                                                     and not head.startswith((b"{", b"[", b"<?xml")))
    if looks_html:
        where = f" (after a redirect to {final})" if final != shown else ""
        login = "a login page, " if any(w in data[:20000].lower() for w in (b"login", b"sign in", b"password")) \
            else ""
        hint = ("use the export's address, not the event's web page (Indico: /export/event/ID.json?detail=sessions; "
                "pretalx: /EVENT/schedule/export/schedule.json)")
        if login and not token_sent:
            hint += f"; an export that needs a login takes an API token in {env_name}"
        raise ImporterError(f"{shown}: the server sent {login}a web page (text/html){where}, not a programme "
                            f"export\n  hint: {hint}")
    if not data.strip():
        raise ImporterError(f"{shown}: the server sent an empty answer\n  hint: check the address; try again")
    if mime and not any(t in mime for t in _EXPORT_TYPES) and not mime.startswith("text/"):
        raise ImporterError(f"{shown}: the server sent {mime}, not JSON, XML or a table\n  hint: use the address "
                            "of the schedule export")
