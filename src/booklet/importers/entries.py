"""Content entries by id, for the merge of `booklet import --update` (merge.py).

The three sides of a merge are read into `Side`s: the conference, rooms, tracks, persons,
sessions and contributions, each by id. Base and source are plain data (PyYAML); the local side
is ruamel.yaml's round-trip tree, edited in place so that comments, key order and quotes stay.
ruamel reads and writes YAML 1.1 here, as booklet's loader (PyYAML) reads the files.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_TIME = re.compile(r"^\d{1,2}:\d{2}$")
PERSON_FIELDS = ("chairs", "speakers", "authors")


def round_trip():
    from ruamel.yaml import YAML
    y = YAML(typ="rt")
    y.version = (1, 1)               # as booklet's loader (PyYAML) reads the files: 9:30 is a number, yes is true
    y.preserve_quotes = True
    y.width = 10 ** 9                # never fold a long title
    y.allow_unicode = True
    return y


_KEY_ALONE = re.compile(r"^( *)(?:- )?[^\s#-][^:]*:[ \t]*(?:#.*)?$")      # "contributions:" (a block follows)
_DASH = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[^\s#-][^:]*:")


def indentation(text: str) -> tuple[int, int, int]:
    """How a file indents, as ruamel's `indent(mapping, sequence, offset)` takes it: a list under a
    key with its dashes at the key's column (PyYAML's way, (2, 2, 0)) or further in ((2, 4, 2))."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    offset = mapping = None
    for above, line in itertools.pairwise(lines):
        head = _KEY_ALONE.match(above)
        if head is None:
            continue
        column = len(head.group(1)) + (2 if above.lstrip().startswith("- ") else 0)
        dash, key = _DASH.match(line), _KEY.match(line)
        if dash and offset is None and len(dash.group(1)) >= column:
            offset = len(dash.group(1)) - column
        elif key and not dash and mapping is None and len(key.group(1)) > column:
            mapping = len(key.group(1)) - column
        if offset is not None and mapping is not None:
            break
    offset = offset if offset is not None and offset <= 8 else 0
    mapping = mapping if mapping is not None and 1 < mapping <= 8 else 2
    return mapping, offset + 2, offset


def safe_load(text: str):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def plain(value):
    """A ruamel or PyYAML value as plain Python, for comparing sides."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(*value.timetuple()[:6])
    return value


def styled(value):
    """A value from the source as the writer writes it: times double-quoted, short id lists and
    small mappings in flow style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString
    if isinstance(value, dict):
        out = CommentedMap((k, styled(v)) for k, v in value.items())
        if len(value) <= 3 and all(isinstance(v, (str, int, dt.date)) for v in value.values()) and \
                set(value) <= {"start", "end"}:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        out = CommentedSeq(styled(v) for v in value)
        if value and all(isinstance(v, str) for v in value) and sum(len(v) for v in value) < 100:
            out.fa.set_flow_style()
        return out
    if isinstance(value, str) and _TIME.match(value):
        return DoubleQuotedScalarString(value)
    return value


@dataclass
class Side:
    """One side's content, indexed by id. `docs` are plain data (base, theirs) or ruamel trees (local)."""
    docs: dict[str, Any]
    conference: dict | None = None
    rooms: dict[str, dict] = field(default_factory=dict)
    tracks: dict[str, dict] = field(default_factory=dict)
    people: dict[str, tuple[str, dict]] = field(default_factory=dict)          # id → (file, entry)
    sessions: dict[str, tuple[str, dict]] = field(default_factory=dict)
    contributions: dict[str, tuple[str, dict]] = field(default_factory=dict)   # id → (session id, entry)


def is_people_file(rel: str) -> bool:
    return Path(rel).stem.startswith("people")


def index(docs: dict[str, Any]) -> Side:
    side = Side(docs)
    for rel, data in docs.items():
        if rel == "content/conference.yaml":
            if isinstance(data, dict):
                side.conference = data
                side.rooms = by_id(data.get("rooms"))
                side.tracks = by_id(data.get("tracks"))
        elif is_people_file(rel):
            for pid, entry in by_id(data).items():
                side.people.setdefault(pid, (rel, entry))
        else:
            for sid, session in by_id(data).items():
                side.sessions.setdefault(sid, (rel, session))
                for cid, c in by_id(session.get("contributions")).items():
                    side.contributions.setdefault(cid, (sid, c))
    return side


def by_id(items) -> dict[str, dict]:
    if not isinstance(items, list):
        return {}
    return {str(e["id"]): e for e in items if isinstance(e, dict) and isinstance(e.get("id"), (str, int))}


def person_ids(value) -> list[str]:
    """The person ids a chairs/speakers/authors value names (an id, or {person: id, ...})."""
    out = []
    for item in value if isinstance(value, list) else [value] if value else []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("person"), str):
            out.append(item["person"])
    return out


def strings(value) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def references(side: Side) -> dict[str, set[tuple[str, str]]]:
    """person id → the places that name them: (role, session or contribution id)."""
    out: dict[str, set] = {}
    for sid, (_, s) in side.sessions.items():
        for pid in person_ids(s.get("chairs")):
            out.setdefault(pid, set()).add(("chairs", sid))
        for c in s.get("contributions") or []:
            if not isinstance(c, dict):
                continue
            for role in ("speakers", "authors"):
                for pid in person_ids(c.get(role)):
                    out.setdefault(pid, set()).add((role, str(c.get("id"))))
    return out


def committee_people(conference) -> set[str]:
    out = set()
    for committee in (conference or {}).get("committees") or []:
        if isinstance(committee, dict):
            for member in committee.get("members") or []:
                out.update(person_ids([member]))
    return out


def rename_persons(data, mapping: dict[str, str], rel: str):
    """The source's files with renamed persons' new ids replaced by their old ones."""
    if is_people_file(rel):
        return [dict(e, id=mapping.get(e.get("id"), e.get("id"))) if isinstance(e, dict) else e
                for e in data or []]
    if not isinstance(data, list):
        return data

    def refs(value):
        if isinstance(value, list):
            return [refs(v) for v in value]
        if isinstance(value, str):
            return mapping.get(value, value)
        if isinstance(value, dict) and "person" in value:
            return dict(value, person=mapping.get(value["person"], value["person"]))
        return value

    out = []
    for s in data:
        if isinstance(s, dict):
            s = {k: refs(v) if k in PERSON_FIELDS else v for k, v in s.items()}
            if isinstance(s.get("contributions"), list):
                s["contributions"] = [{k: refs(v) if k in PERSON_FIELDS else v for k, v in c.items()}
                                      if isinstance(c, dict) else c for c in s["contributions"]]
        out.append(s)
    return out


def position(container, key: str) -> int:
    """The index of the entry with id `key` in a list of entries."""
    return [str(e.get("id")) if isinstance(e, dict) else None for e in container].index(key)


def insert_after(container, key: str, entry, order: list[str]) -> None:
    """Insert `entry` into a ruamel list after the nearest entry that precedes it in `order`."""
    ids = [str(e.get("id")) if isinstance(e, dict) else None for e in container]
    i = order.index(key) if key in order else len(order)
    for neighbour in reversed(order[:i]):
        if neighbour in ids:
            container.insert(ids.index(neighbour) + 1, entry)
            return
    for neighbour in order[i + 1:]:
        if neighbour in ids:
            container.insert(ids.index(neighbour), entry)
            return
    container.append(entry)
