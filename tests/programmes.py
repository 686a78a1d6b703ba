"""Small timed programmes written from code, for grid and programme tests."""
from __future__ import annotations

from pathlib import Path

import yaml

FAMILIES = ["Nowak", "Öztürk", "Šimek", "Lindqvist", "García", "Nguyễn", "Kovács", "Dubois", "Jónsdóttir",
            "van der Berg", "Łukasiewicz", "Müller", "Rossi", "Silva", "Andersen", "Horváth"]
GIVEN = ["Anna", "Piotr", "Elif", "Jan", "Maja", "Lucía", "Minh", "Zsófia", "Claire", "Sigrún", "Ewa", "Jonas"]


def people(n: int) -> list[dict]:
    out = []
    for i in range(n):
        family = FAMILIES[i % len(FAMILIES)]
        entry = {"id": f"p{i}", "name": f"{GIVEN[i % len(GIVEN)]} {family}", "affiliations": [f"Institute {i % 7}"]}
        if " " in family:
            entry["family"] = family
        out.append(entry)
    return out


def timed_day(day: str, rooms: list[str], *, first_id: int = 0) -> list[dict]:
    """A plausible day: keynote for all, two parallel slots per room, a break and lunch, posters."""
    sessions = [
        {"session": f"Opening keynote {day}", "id": f"key-{day}", "kind": "keynote", "day": day,
         "start": "09:00", "end": "10:00",
         "contributions": [{"id": f"k-{day}", "title": "Why images matter at every scale", "speakers": ["p0"]}]},
        {"session": "Coffee break", "id": f"coffee-{day}", "kind": "break", "day": day, "start": "10:00",
         "end": "10:30"},
        {"session": "Lunch", "id": f"lunch-{day}", "kind": "meal", "day": day, "start": "12:30", "end": "13:30"},
    ]
    person = first_id
    for slot, (start, end) in enumerate([("10:30", "12:30"), ("13:30", "15:00")]):
        for r, room in enumerate(rooms):
            contributions = []
            h, m = map(int, start.split(":"))
            for k in range(3):
                person += 1
                contributions.append({"id": f"t-{day}-{slot}-{r}-{k}",
                                      "title": f"Talk {k + 1} on topic {r} in slot {slot}",
                                      "speakers": [f"p{1 + person % 40}"],
                                      "start": f"{h + (m + 25 * k) // 60:02d}:{(m + 25 * k) % 60:02d}",
                                      "duration": 25})
            sessions.append({"session": f"Session {slot + 1}{chr(65 + r)}: methods in room {r}",
                             "id": f"s-{day}-{slot}-{r}", "kind": "talks", "day": day, "start": start, "end": end,
                             "room": room, "chairs": [f"p{(r + 5) % 40}"], "contributions": contributions})
    return sessions


def write(root: Path, *, rooms: int, days: list[str], tracks: bool = False) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    room_list = [{"id": f"r{i}", "name": f"Room {i + 1}" if i else "Auditorium Maximum", "short": f"R{i + 1}"}
                 for i in range(rooms)]
    conference = {"title": "Grid Test Conference", "short": "GTC", "dates": {"start": days[0], "end": days[-1]},
                  "language": "en", "rooms": room_list}
    if tracks:
        conference["tracks"] = [{"id": "a", "name": "Methods", "colour": "#2b6cb0"},
                                {"id": "b", "name": "Applications", "colour": "#c05621"}]
    (content / "conference.yaml").write_text(yaml.safe_dump(conference, sort_keys=False))
    (content / "people.yaml").write_text(yaml.safe_dump(people(41), allow_unicode=True, sort_keys=False))
    sessions = []
    for day in days:
        day_sessions = timed_day(day, [r["id"] for r in room_list])
        if tracks:
            for s in day_sessions:
                if s["kind"] == "talks":
                    s["track"] = "a" if s["id"].endswith(("-0", "-2", "-4")) else "b"
        sessions += day_sessions
    (content / "programme.yaml").write_text(yaml.safe_dump(sessions, allow_unicode=True, sort_keys=False))
    return root


def two_rooms(root: Path, sessions: list[dict], people: list[dict], **conference) -> Path:
    """A small project: two days from 2026-03-28, Hall A and Room B, the given people and
    sessions; `conference` adds or replaces conference.yaml's fields."""
    content = root / "content"
    content.mkdir(parents=True)
    fields = {"title": "Test Days", "language": "en", "dates": {"start": "2026-03-28", "end": "2026-03-29"},
              "rooms": [{"id": "a", "name": "Hall A", "short": "A"}, {"id": "b", "name": "Room B", "short": "B"}],
              **conference}
    (content / "conference.yaml").write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False))
    (content / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True))
    (content / "programme.yaml").write_text(yaml.safe_dump(sessions, allow_unicode=True, sort_keys=False))
    return root
