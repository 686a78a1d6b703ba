"""Three-way merge of a newer export into a project the organiser has edited.

    base   the content files as the last import took them from the source (DIR/.booklet/import/base)
    theirs the content files the newer export makes (writer.render)
    local  the project's content/ as it is now, edited by hand

The merge works on content entries by their ids, field by field, never on text lines: the
conference's fields, its rooms and tracks, persons, sessions, contributions (which may change
session) and the abstract files. For each field: the same on both sides, nothing to do; changed
only by the source, the source's value is taken; changed only here, the local edit is kept; changed
by both to different values, a conflict: the local value is kept (`take_source`: the source's) and
both are reported. Entries added by the source are inserted next to their neighbours; entries the
organiser added are kept; entries the source removed go unless they were edited here (then they
are kept and reported), and persons, rooms and tracks that something still names are never removed.

A person the source renamed gets a new id from the writer (ids are slugs of names): one that
disappeared and one that appeared in the same places are the same person, and the source's files
are read with the old id, so the rename reaches every reference in one field (`name:`).

The local files are edited in place with ruamel.yaml's round-trip mode, so the organiser's
comments, key order and quoting stay. ruamel reads and writes YAML 1.1 here, as booklet's loader
(PyYAML) reads it, and every file written is read back with PyYAML: if it does not give the merged
data, it is written plainly instead (comments lost, data kept) and the report says so.
"""
from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ImporterError
from .entries import (
    Side,
    committee_people,
    indentation,
    index,
    insert_after,
    plain,
    position,
    references,
    rename_persons,
    round_trip,
    safe_load,
    strings,
    styled,
)

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "(none)"})()
_SHOWN = 80          # characters of a value shown in the report


# -- reading -------------------------------------------------------------------------
# -- the result ----------------------------------------------------------------------
@dataclass
class Conflict:
    what: str            # "contribution c5"
    field: str
    local: Any
    source: Any

    def render(self, taken_source: bool) -> str:
        side = "the source's taken" if taken_source else "yours kept"
        return (f"{self.what}: {self.field}: yours {_show(self.local)}, the source's {_show(self.source)} "
                f"({side})")


@dataclass
class Changes:
    """What an update did, for the report (each item one line)."""
    taken: list[str] = field(default_factory=list)       # fields the source changed, taken
    kept: list[str] = field(default_factory=list)        # fields you changed and the source did not
    conflicts: list[Conflict] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    yours: list[str] = field(default_factory=list)       # entries added here, kept
    notes: list[str] = field(default_factory=list)       # removals not done, comments not kept, …


@dataclass
class MergeResult:
    files: dict[str, str | None]      # changed files of content/: new text, or None to delete
    base: dict[str, str]              # the next merge base: the source's files, in the project's ids
    changes: Changes


def _show(value) -> str:
    if value is MISSING:
        return "(none)"
    value = plain(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "[" + ", ".join(value) + "]"
    elif isinstance(value, str):
        text = value.replace("\n", " ")
        text = f'"{text[:_SHOWN]}…"' if len(text) > _SHOWN else f'"{text}"'
        return text
    else:
        text = str(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


# -- the merge -----------------------------------------------------------------------
def merge(base_files: dict[str, str], theirs_files: dict[str, str], project: Path, *,
          take_source: bool = False) -> MergeResult:
    return _Merge(base_files, theirs_files, Path(project), take_source).run()


class _Merge:
    def __init__(self, base_files, theirs_files, project: Path, take_source: bool):
        self.project, self.take_source = project, take_source
        self.base_texts = {rel: t for rel, t in base_files.items() if not rel.endswith((".yaml", ".yml"))}
        self.theirs_texts = {rel: t for rel, t in theirs_files.items() if not rel.endswith((".yaml", ".yml"))}
        self.base = index({rel: safe_load(t) for rel, t in base_files.items() if rel.endswith((".yaml", ".yml"))})
        self.theirs_yaml = {rel: safe_load(t) for rel, t in theirs_files.items() if rel.endswith((".yaml", ".yml"))}
        self.theirs_raw = {rel: t for rel, t in theirs_files.items()}
        self.local_texts: dict[str, str] = {}
        self.local = index(self._read_local())
        self.dirty: set[str] = set()
        self.pending: list[tuple[str, str]] = []     # (kind, id) removed by the source, removed at the end
        self.renamed = False
        self.changes = Changes()
        self.files: dict[str, str | None] = {}

    def _read_local(self) -> dict[str, Any]:
        from ruamel.yaml.error import YAMLError
        y = round_trip()
        docs = {}
        content = self.project / "content"
        for path in sorted(content.rglob("*")):
            rel = path.relative_to(self.project).as_posix()
            if path.suffix not in (".yaml", ".yml") or any(p.startswith(".") for p in path.relative_to(content).parts) \
                    or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
                docs[rel] = y.load(text)
            except (OSError, UnicodeDecodeError) as exc:
                raise ImporterError(f"{rel}: cannot be read for the merge: {exc}") from None
            except (YAMLError, ValueError) as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f":{mark.line + 1}" if mark else ""
                raise ImporterError(f"{rel}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc}); fix it "
                                    "first (booklet check shows where), then update") from None
            self.local_texts[rel] = text
        return docs

    # The steps, in an order where every step finds what it needs: new sessions before the
    # contributions moved into them, contributions before the sessions they leave empty, and
    # persons, rooms and tracks last, when it is known what still names them.
    def run(self) -> MergeResult:
        self._renamed_persons()
        self.theirs = index(self.theirs_yaml)
        self._conference()
        self._entities("room", self.base.rooms, self.local.rooms, self.theirs.rooms)
        self._entities("track", self.base.tracks, self.local.tracks, self.theirs.tracks)
        self._entities("person", *(self._entries(s.people) for s in (self.base, self.local, self.theirs)))
        self._sessions()
        self._contributions()
        self._removals()
        self._abstracts()
        self._serialise()
        return MergeResult(self.files, self._new_base(), self.changes)

    @staticmethod
    def _entries(located: dict[str, tuple[str, dict]]) -> dict[str, dict]:
        return {k: entry for k, (_, entry) in located.items()}

    # -- persons the source renamed --------------------------------------------------
    def _renamed_persons(self) -> None:
        theirs = index(self.theirs_yaml)
        gone = [p for p in self.base.people if p not in theirs.people]
        new = [p for p in theirs.people if p not in self.base.people]
        if not gone or not new:
            return
        base_refs, theirs_refs = references(self.base), references(theirs)
        mapping: dict[str, str] = {}
        for old in gone:
            where = base_refs.get(old, set())
            best, score = None, 0.0
            for candidate in new:
                if candidate in mapping:
                    continue
                there = theirs_refs.get(candidate, set())
                if where and there:
                    s = len(where & there) / max(len(where), len(there))
                    if s > score:
                        best, score = candidate, s
            if best is not None and score >= 0.5:
                mapping[best] = old
                old_name = self.base.people[old][1].get("name")
                new_name = theirs.people[best][1].get("name")
                if old_name != new_name:     # else the source's id for a person renamed in an earlier update
                    self.changes.renamed.append(f"{old}: {_show(old_name)} → {_show(new_name)} (id {old} kept; "
                                                f"{len(where)} reference{' follows' if len(where) == 1 else 's follow'})")
        if mapping:
            self.theirs_yaml = {rel: rename_persons(data, mapping, rel) for rel, data in self.theirs_yaml.items()}
            self.renamed = True

    # -- fields ------------------------------------------------------------------------
    def _fields(self, what: str, base: dict, local, theirs: dict, rel: str | None, *, skip=()) -> None:
        """Merge the fields of one entry; `local` (a ruamel mapping) is edited in place."""
        keys = [k for k in local if k not in skip]
        keys += [k for k in theirs if k not in local and k not in skip]
        keys += [k for k in base if k not in local and k not in theirs and k not in skip]
        for key in keys:
            b, l, t = base.get(key, MISSING), plain(local.get(key, MISSING)), theirs.get(key, MISSING)
            if l == t:
                continue
            if b == l:
                self._set(local, key, t, theirs, rel)
                self.changes.taken.append(f"{what}: {key} {_show(l)} → {_show(t)}")
            elif b == t:
                self.changes.kept.append(f"{what}: {key}")
            else:
                self.changes.conflicts.append(Conflict(what, key, l, t))
                if self.take_source:
                    self._set(local, key, t, theirs, rel)

    def _set(self, local, key, value, theirs: dict, rel: str | None) -> None:
        if rel:
            self.dirty.add(rel)
        if value is MISSING:
            del local[key]
        elif key in local:
            local[key] = styled(value)
        else:
            order = list(theirs)
            before = [k for k in order[:order.index(key)] if k in local]
            at = list(local).index(before[-1]) + 1 if before else 0
            local.insert(at, key, styled(value))

    def _conference(self) -> None:
        b, l, t = self.base.conference or {}, self.local.conference, self.theirs.conference or {}
        if l is None:
            self.changes.notes.append("content/conference.yaml is missing or not a mapping: the conference's "
                                      "fields were not merged")
            return
        self._fields("conference", b, l, t, "content/conference.yaml", skip=("rooms", "tracks"))

    # -- rooms, tracks, persons ----------------------------------------------------------
    def _entities(self, kind: str, base: dict, local: dict, theirs: dict) -> None:
        for key, t in theirs.items():
            what = f"{kind} {key}"
            if key in local:
                self._fields(what, base.get(key, {}), local[key], t, self._file_of(kind, key))
            elif key in base:
                if plain(t) != plain(base[key]):
                    self.changes.notes.append(f"{what}: deleted here and changed in the source: left deleted")
            else:
                self._insert_entity(kind, key, t, theirs)
                self.changes.added.append(f"{what} ({_label(t)})")
        for key, b in base.items():
            if key in theirs or key not in local:
                continue
            if plain(local[key]) == plain(b) or self.take_source:
                self.pending.append((kind, key))
            else:
                self.changes.notes.append(f"{kind} {key} ({_label(local[key])}): removed from the source but edited "
                                          "here: kept")
        self.changes.yours += [f"{kind} {k} ({_label(v)})" for k, v in local.items() if k not in base and
                               k not in theirs]

    def _file_of(self, kind: str, key: str) -> str:
        if kind == "person":
            return self.local.people[key][0]
        return "content/conference.yaml"

    def _insert_entity(self, kind: str, key: str, entry: dict, theirs: dict) -> None:
        if kind == "person":
            rel, container = self._people_list(key, theirs)
        else:
            rel, container = "content/conference.yaml", self._conference_list(kind + "s")
            if container is None:
                return
        insert_after(container, key, styled(entry), list(theirs))
        self.dirty.add(rel)
        located = (rel, container[position(container, key)])
        if kind == "person":
            self.local.people[key] = located

    def _conference_list(self, name: str):
        from ruamel.yaml.comments import CommentedSeq
        conf = self.local.conference
        if conf is None:
            return None
        if not isinstance(conf.get(name), list):
            conf[name] = CommentedSeq()
        return conf[name]

    def _people_list(self, key: str, theirs: dict):
        """The local list a new person goes into: the one of its neighbour in the source, else people.yaml."""
        from ruamel.yaml.comments import CommentedSeq
        order = list(theirs)
        i = order.index(key)
        for neighbour in order[i - 1::-1] if i else []:
            if neighbour in self.local.people:
                rel = self.local.people[neighbour][0]
                return rel, self.local.docs[rel]
        rel = "content/people.yaml"
        if not isinstance(self.local.docs.get(rel), list):
            self.local.docs[rel] = CommentedSeq()
            self.local_texts.setdefault(rel, "")
        return rel, self.local.docs[rel]

    # -- sessions ----------------------------------------------------------------------------
    def _sessions(self) -> None:
        base, local, theirs = self.base.sessions, self.local.sessions, self.theirs.sessions
        order = list(theirs)
        for sid, (t_rel, t) in theirs.items():
            what = f"session {sid}"
            if sid in local:
                rel, entry = local[sid]
                b = base[sid][1] if sid in base else {}
                self._fields(what, b, entry, t, rel, skip=("contributions",))
                if sid in base and _slot(b) != _slot(t):
                    self.changes.moved.append(f"{what} ({_label(t)}): {_slot_text(_slot(b))} → {_slot_text(_slot(t))}")
                    self._relocate(sid, t_rel, order)
            elif sid in base:
                if plain({k: v for k, v in t.items() if k != "contributions"}) != \
                        plain({k: v for k, v in base[sid][1].items() if k != "contributions"}):
                    self.changes.notes.append(f"{what}: deleted here and changed in the source: left deleted")
            else:
                new = styled({k: v for k, v in t.items() if k != "contributions"})
                self._place_session(sid, new, t_rel, order)
                self.changes.added.append(f"{what} ({_label(t)}, {_slot_text(_slot(t))})")
        self.changes.yours += [f"session {k} ({_label(v)})" for k, (_, v) in local.items()
                               if k not in base and k not in theirs]

    def _place_session(self, sid: str, entry, t_rel: str, order: list[str]) -> None:
        """Put a session into the local files: after its predecessor in the source, else before its
        successor, else at the end of the file the source has it in (made when missing)."""
        from ruamel.yaml.comments import CommentedSeq
        i = order.index(sid)
        placed = None
        for neighbour in reversed(order[:i]):
            if neighbour in self.local.sessions and self._same_day_file(neighbour, t_rel):
                placed = (self.local.sessions[neighbour][0], neighbour, True)
                break
        if placed is None:
            for neighbour in order[i + 1:]:
                if neighbour in self.local.sessions and self._same_day_file(neighbour, t_rel):
                    placed = (self.local.sessions[neighbour][0], neighbour, False)
                    break
        if placed is None:
            rel = t_rel
            if not isinstance(self.local.docs.get(rel), list):
                self.local.docs[rel] = CommentedSeq()
                self.local_texts.setdefault(rel, "")
            container = self.local.docs[rel]
            container.append(entry)
        else:
            rel, neighbour, after = placed
            container = self.local.docs[rel]
            at = position(container, neighbour)
            container.insert(at + 1 if after else at, entry)
        self.local.sessions[sid] = (rel, entry)
        self.dirty.add(rel)

    def _same_day_file(self, neighbour: str, t_rel: str) -> bool:
        """Whether a neighbour's local file is a fit for a session the source has in `t_rel`: any
        file unless the project keeps one file per day, where it must be that day's file."""
        rel = self.local.sessions[neighbour][0]
        return not (_day_file(rel) and _day_file(t_rel)) or rel == t_rel

    def _relocate(self, sid: str, t_rel: str, order: list[str]) -> None:
        """A session moved to another day goes to that day's file when the project has one file per day."""
        rel, entry = self.local.sessions[sid]
        if rel == t_rel or not (_day_file(rel) and _day_file(t_rel)):
            return
        if plain(entry.get("day")) != self.theirs.sessions[sid][1].get("day"):
            return              # the day is yours (a conflict): it stays where you put it
        container = self.local.docs[rel]
        del container[position(container, sid)]
        self.dirty.add(rel)
        del self.local.sessions[sid]
        self._place_session(sid, entry, t_rel, order)

    # -- contributions -----------------------------------------------------------------------
    def _contributions(self) -> None:
        base, local, theirs = self.base.contributions, self.local.contributions, self.theirs.contributions
        for cid, (t_sid, t) in theirs.items():
            what = f"contribution {cid}"
            if cid in local:
                l_sid, entry = local[cid]
                b_sid, b = base.get(cid, (None, {}))
                self._fields(what, b, entry, t, self.local.sessions[l_sid][0])
                if b_sid is not None and t_sid != b_sid:
                    if l_sid == b_sid and t_sid in self.local.sessions:
                        self._move_contribution(cid, t_sid)
                    elif l_sid != t_sid:
                        self.changes.conflicts.append(Conflict(what, "session", l_sid, t_sid))
                        if self.take_source and t_sid in self.local.sessions:
                            self._move_contribution(cid, t_sid)
                if cid in base and self._slot_of(self.base, cid) != self._slot_of(self.theirs, cid):
                    self.changes.moved.append(f"{what} ({_label(t)}): {_slot_text(self._slot_of(self.base, cid))} "
                                              f"→ {_slot_text(self._slot_of(self.theirs, cid))}")
            elif cid in base:
                if plain(t) != plain(base[cid][1]):
                    self.changes.notes.append(f"{what}: deleted here and changed in the source: left deleted")
            elif t_sid in self.local.sessions:
                self._insert_contribution(cid, t, t_sid)
                self.changes.added.append(f"{what} ({_label(t)}, {_slot_text(self._slot_of(self.theirs, cid))})")
            else:
                self.changes.notes.append(f"{what} ({_label(t)}): added in the source to session {t_sid}, which "
                                          "is deleted here: not added")
        for cid, (b_sid, b) in base.items():
            if cid in theirs or cid not in local:
                continue
            l_sid, entry = local[cid]
            if plain(entry) == plain(b) or self.take_source:
                container = self.local.sessions[l_sid][1]["contributions"]
                del container[position(container, cid)]
                self.dirty.add(self.local.sessions[l_sid][0])
                del local[cid]
                self.changes.removed.append(f"contribution {cid} ({_label(b)}, {_slot_text(self._slot_of(self.base, cid))})")
            else:
                self.changes.notes.append(f"contribution {cid} ({_label(entry)}): removed from the source but edited "
                                          "here: kept (delete it by hand if it is cancelled)")
        self.changes.yours += [f"contribution {k} ({_label(v)})" for k, (_, v) in local.items()
                               if k not in base and k not in theirs]

    def _slot_of(self, side: Side, cid: str):
        sid, c = side.contributions[cid]
        s = side.sessions[sid][1]
        return (s.get("day"), c.get("start") or s.get("start"), s.get("room") or s.get("location"))

    def _session_contributions(self, sid: str):
        from ruamel.yaml.comments import CommentedSeq
        session = self.local.sessions[sid][1]
        if not isinstance(session.get("contributions"), list):
            session["contributions"] = CommentedSeq()
        return session["contributions"]

    def _insert_contribution(self, cid: str, entry: dict | None, sid: str, made=None) -> None:
        """Put a contribution into a local session after its predecessor in the source; `made`: an
        entry of the local tree (moved), else the source's `entry` is written."""
        t_session = self.theirs.sessions[sid][1]
        order = [str(c.get("id")) for c in t_session.get("contributions") or [] if isinstance(c, dict)]
        container = self._session_contributions(sid)
        insert_after(container, cid, made if made is not None else styled(entry), order)
        self.local.contributions[cid] = (sid, container[position(container, cid)])
        self.dirty.add(self.local.sessions[sid][0])

    def _move_contribution(self, cid: str, to: str) -> None:
        sid, entry = self.local.contributions[cid]
        container = self.local.sessions[sid][1]["contributions"]
        del container[position(container, cid)]
        self.dirty.add(self.local.sessions[sid][0])
        self._insert_contribution(cid, None, to, made=entry)

    # -- removals that wait for the rest --------------------------------------------------------
    def _removals(self) -> None:
        for sid in list(self.base.sessions):
            if sid in self.theirs.sessions or sid not in self.local.sessions:
                continue
            rel, entry = self.local.sessions[sid]
            b = self.base.sessions[sid][1]
            label = f"session {sid} ({_label(entry)})"
            others = [c for c in entry.get("contributions") or []]
            edited = plain({k: v for k, v in entry.items() if k != "contributions"}) != \
                plain({k: v for k, v in b.items() if k != "contributions"})
            if others:
                self.changes.notes.append(f"{label}: removed from the source, kept: it still holds "
                                          f"{len(others)} contribution(s) kept here")
            elif edited and not self.take_source:
                self.changes.notes.append(f"{label}: removed from the source but edited here: kept")
            else:
                container = self.local.docs[rel]
                del container[position(container, sid)]
                del self.local.sessions[sid]
                self.dirty.add(rel)
                self.changes.removed.append(f"{label.removesuffix(')')}, {_slot_text(_slot(b))})")
        named = references(self.local)
        rooms, tracks = set(), set()
        for _, s in self.local.sessions.values():
            rooms.update(strings(s.get("room")))
            tracks.update(strings(s.get("track")))
            for c in s.get("contributions") or []:
                if isinstance(c, dict):
                    tracks.update(strings(c.get("track")))
        committees = committee_people(self.local.conference)
        for kind, key in self.pending:
            in_use = {"person": set(named) | committees, "room": rooms, "track": tracks}[kind]
            if key in in_use:
                self.changes.notes.append(f"{kind} {key}: removed from the source, kept: your content still "
                                          "names it")
                continue
            if kind == "person":
                rel, entry = self.local.people.pop(key)
                container = self.local.docs[rel]
            else:
                rel, container = "content/conference.yaml", self.local.conference.get(kind + "s")
            del container[position(container, key)]
            self.dirty.add(rel)
            self.changes.removed.append(f"{kind} {key}")

    # -- abstracts ---------------------------------------------------------------------------
    def _abstracts(self) -> None:
        referenced = {str(c.get("abstract_file")) for _, c in self.local.contributions.values()
                      if c.get("abstract_file")}
        for rel in sorted(set(self.base_texts) | set(self.theirs_texts)):
            b, t = _text(self.base_texts.get(rel)), _text(self.theirs_texts.get(rel))
            path = self.project / rel
            l = _text(path.read_text(encoding="utf-8")) if path.is_file() else None
            what = f"abstract {Path(rel).stem}"
            if l == t:
                continue
            if b == l:
                if t is None and rel.removeprefix("content/") in referenced:
                    continue            # an entry here still names it: kept
                if t is not None and b is None and rel.removeprefix("content/") not in referenced:
                    continue            # a new contribution that was not added here (its session is deleted)
                self.files[rel] = self.theirs_texts[rel] if t is not None else None
                if b is not None and t is not None:
                    self.changes.taken.append(f"{what}: changed in the source")
            elif b == t:
                self.changes.kept.append(f"{what}: text")
            elif l is None:
                self.changes.notes.append(f"{what}: deleted here and changed in the source: left deleted")
            else:
                self.changes.conflicts.append(Conflict(
                    what, "text", "(edited here)", f"(changed; the source's text is in .booklet/import/base/{rel})"))
                if self.take_source and t is not None:
                    self.files[rel] = self.theirs_texts[rel]

    # -- writing --------------------------------------------------------------------------------
    def _serialise(self) -> None:
        from . import writer
        for rel in sorted(self.dirty):
            data = self.local.docs[rel]
            y = round_trip()
            mapping, sequence, offset = indentation(self.local_texts.get(rel, ""))
            y.indent(mapping=mapping, sequence=sequence, offset=offset)
            out = io.StringIO()
            y.dump(data, out)
            text = re.sub(r"\A%YAML 1\.1\n---\n?", "", out.getvalue())
            if offset and isinstance(data, list):     # ruamel indents a file's top list too; the file did not
                pad = " " * offset
                text = "".join(line[offset:] if line.startswith(pad) else line for line in text.splitlines(True))
            if not self.local_texts.get(rel) and not text.startswith("#"):
                text = "# Added by `booklet import --update`.\n" + text
            if safe_load(text) != plain(data):
                header = "".join(line + "\n" for line in itertools.takewhile(
                    lambda line: line.startswith("#"), self.local_texts.get(rel, "").splitlines()))
                text = header + writer.dump(plain(data))
                self.changes.notes.append(f"{rel}: written plainly, its comments not kept (the merged data could "
                                          "not be written in the file's own style)")
            self.files[rel] = text

    def _new_base(self) -> dict[str, str]:
        from . import writer
        out = {}
        for rel, text in self.theirs_raw.items():
            if rel in self.theirs_yaml and self.renamed:
                header = "".join(line + "\n" for line in text.splitlines()[:2] if line.startswith("#"))
                out[rel] = header + writer.dump(self.theirs_yaml[rel])
            else:
                out[rel] = text
        return out


def _text(value: str | None) -> str | None:
    return None if value is None else value.replace("\r\n", "\n").strip() + "\n"


def _label(entry) -> str:
    if not isinstance(entry, dict):
        return ""
    text = str(entry.get("title") or entry.get("session") or entry.get("name") or entry.get("id") or "")
    return _show(text)


def _slot(session: dict):
    return (session.get("day"), session.get("start"), session.get("room") or session.get("location"))


def _slot_text(slot) -> str:
    day, start, room = (plain(x) for x in slot)
    parts = [str(day) if day else "no day", str(start) if start else "", ", ".join(strings(room))]
    return " ".join(p for p in parts if p)


def _day_file(rel: str) -> bool:
    return bool(re.search(r"/programme/(\d{4}-\d{2}-\d{2}|undated)\.yaml$", rel))


