"""What a personal agenda holds, as the attendee wrote it down: ids or web addresses → the programme.

Three ways in, all read into `Pick`s that remember where they were written (for messages):

- `--ids a,b,c`: contribution ids, session ids (the whole session) or web addresses, comma-separated;
- `--from FILE`: the same, one or more a line; `#` starts a comment (at the start of a line or
  after a space: a web address may hold a `#`), blank lines are skipped;
- `--from FILE.ics`: a calendar whose events name the contributions. booklet's own calendar edition
  gives each event the UID `<contribution id>@<slug>.booklet` (`<session id>.session@…` for a
  session), so favourites exported from it come back; another tool's calendar (pretalx, Indico,
  FOSDEM's) is matched by each event's URL, against the `url:` of the contributions and sessions,
  or by the last part of that address when it is an id (pretalx's talk codes, FOSDEM's event slugs).

`resolve` finds each in the programme. What it cannot find is an error naming where it was
written, with the closest id (or, for a calendar event, the closest title) as a hint: an agenda
never leaves out a talk its reader asked for without saying so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..content.model import Conference, Contribution, Session
from ..content.schema import closest
from ..errors import ContentError, Diagnostic, Diagnostics, Loc, OutputError

OPTION = Loc("--ids")
_BOOKLET_UID = re.compile(r"^(?P<id>.+?)(?P<session>\.session)?@[^@]*\.booklet$")
_COMMENT = re.compile(r"(^|\s)#.*$")
_SEPARATORS = re.compile(r"[,\s]+")
MAX_FILE = 20_000_000   # bytes of a --from file: a calendar of a big conference is a few MB


@dataclass(frozen=True)
class Pick:
    """One thing asked for: an id or a web address, or a calendar event's UID and URL."""

    loc: Loc
    text: str = ""              # an id or a web address, as written
    uid: str = ""               # a calendar event's
    url: str = ""
    summary: str = ""           # a calendar event's title, for the hint when nothing matches


@dataclass(frozen=True)
class Chosen:
    """A session of the programme and one of its contributions, or None: the whole session."""

    session: Session
    contribution: Contribution | None


def from_option(text: str) -> list[Pick]:
    return [Pick(OPTION, token) for token in _SEPARATORS.split(text) if token]


def from_file(path: Path, shown: str | None = None) -> list[Pick]:
    """The picks of a text file of ids, or of an iCalendar file (by its name's ending or its first line)."""
    shown = shown or str(path)
    data = _read(path, shown)
    text = data.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() in (".ics", ".ical", ".ifb") or text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return _calendar(data, text, shown)
    picks = []
    for number, line in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", line)
        picks += [Pick(Loc(shown, number), token) for token in _SEPARATORS.split(line) if token]
    if not picks:
        raise ContentError("", (_problem(Loc(shown), "holds no contribution or session id",
                                         "write one id a line (as in the content's `id:`), or give an .ics calendar"),))
    return picks


def _read(path: Path, shown: str) -> bytes:
    if path.is_dir():
        raise ContentError("", (_problem(Loc(shown), "is a folder", "give a file of ids, one a line, or an .ics "
                                         "calendar"),))
    try:
        if path.stat().st_size > MAX_FILE:
            raise ContentError("", (_problem(Loc(shown), f"is larger than {MAX_FILE // 1_000_000} MB",
                                             "an agenda's list of ids is a few lines"),))
        return path.read_bytes()
    except OSError as exc:
        raise OutputError.from_os_error(exc, shown, "cannot read") from None


def _calendar(data: bytes, text: str, shown: str) -> list[Pick]:
    from icalendar import Calendar   # here: only a calendar file needs it

    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise ContentError("", (_problem(Loc(shown), f"is not an iCalendar file that can be read ({exc})"[:200],
                                         "export the calendar again, or give the ids one a line"),)) from None
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().upper() == "BEGIN:VEVENT"]
    picks = []
    for number, event in enumerate(calendar.walk("VEVENT")):
        loc = Loc(shown, lines[number] if number < len(lines) else 0)
        picks.append(Pick(loc, uid=str(event.get("uid") or "").strip(), url=str(event.get("url") or "").strip(),
                          summary=" ".join(str(event.get("summary") or "").split())))
    if not picks:
        raise ContentError("", (_problem(Loc(shown), "is a calendar without events",
                                         "export the events of your agenda (your favourites) into it"),))
    return picks


def resolve(conference: Conference, picks: list[Pick]) -> list[Chosen]:
    """What `picks` name, in the order given, each once; every pick that names nothing is an error
    (all of them reported together)."""
    index = _Index(conference)
    diag = Diagnostics()
    out: dict[tuple[str, str | None], Chosen] = {}
    for pick in picks:
        found = index.find(pick)
        if found is None:
            message, hint = index.unknown(pick)
            diag.error(pick.loc, message, hint)
        else:
            out.setdefault((found.session.id, found.contribution.id if found.contribution else None), found)
    diag.raise_if_errors(ContentError)
    return list(out.values())


class _Index:
    """Every id and web address of the programme, and the way back from each to its session."""

    def __init__(self, conference: Conference):
        self.by_id: dict[str, Chosen] = {}
        self.by_url: dict[str, Chosen] = {}
        for session in conference.sessions:
            self.by_id[session.id] = Chosen(session, None)
            for c in session.contributions:
                self.by_id[c.id] = Chosen(session, c)
        for session in conference.sessions:   # a contribution's address wins over its single-item session's
            if session.url:
                self.by_url.setdefault(normal_url(session.url), Chosen(session, None))
        for session in conference.sessions:
            for c in session.contributions:
                if c.url:
                    self.by_url[normal_url(c.url)] = Chosen(session, c)
        lowered: dict[str, list[str]] = {}
        for ident in self.by_id:
            lowered.setdefault(ident.casefold(), []).append(ident)
        self.by_folded = {key: idents[0] for key, idents in lowered.items() if len(idents) == 1}
        self.titles = {" ".join(c.title.split()): c.id for s in conference.sessions for c in s.contributions}

    def find(self, pick: Pick) -> Chosen | None:
        if pick.text:
            if _is_address(pick.text):
                return self._by_address(pick.text)
            return self.by_id.get(pick.text)
        own = _BOOKLET_UID.match(pick.uid)
        if own:   # booklet's own calendar: the id, and whether it is a session's event
            found = self.by_id.get(own["id"])
            if found and (found.contribution is None) == bool(own["session"]):
                return found
        if pick.url:
            found = self._by_address(pick.url)
            if found:
                return found
        return self.by_id.get(pick.uid.split("@")[0]) if pick.uid else None

    def _by_address(self, url: str) -> Chosen | None:
        """The contribution or session with this `url:`, else the one whose id is the address's
        last part (…/talk/ABC123/ → abc123, …/event/fuss-remote-access/ → fuss-remote-access)."""
        found = self.by_url.get(normal_url(url))
        if found:
            return found
        last = [part for part in urlsplit(url).path.split("/") if part]
        ident = self.by_folded.get(last[-1].casefold()) if last else None
        return self.by_id.get(ident) if ident else None

    def unknown(self, pick: Pick) -> tuple[str, str]:
        """The message and hint for a pick that names nothing."""
        if pick.text and _is_address(pick.text):
            return (f"no contribution or session has the web address '{pick.text[:120]}'",
                    "use an address from the content's `url:` fields, or the contribution's id")
        if pick.text:
            guess = closest(pick.text, self.by_id)
            return (f"no contribution or session has the id '{pick.text[:80]}'",
                    f"did you mean '{guess}'?" if guess else "ids are the `id:` of contributions and sessions in "
                    "the content's programme; a session's id means the whole session")
        what = f"event '{pick.summary[:80]}'" if pick.summary else "an event without a title"
        ids = ", ".join(part for part in (f"UID {pick.uid[:80]}" if pick.uid else "",
                                          f"URL {pick.url[:120]}" if pick.url else "") if part)
        guess = closest(pick.summary, self.titles) if pick.summary else None
        hint = (f"did you mean '{self.titles[guess]}' (\"{guess[:80]}\")? Put its id in a list instead"
                if guess else "remove the event from the calendar, or list the ids one a line instead")
        return f"{what} ({ids or 'no UID or URL'}) is not in the programme", hint


def normal_url(url: str) -> str:
    """A web address as compared: scheme and host in lower case, no fragment, no slash at the end."""
    parts = urlsplit(url.strip())
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}{query}"


def _is_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _problem(loc: Loc, message: str, hint: str) -> Diagnostic:
    return Diagnostic("error", loc, message, hint)
