"""The three-way merge of `booklet import --update`, case by case (importers/merge.py).

Each test starts from one small imported programme (BASE), edits the local copy and/or the
source's, merges, and reads the project's files back."""
from __future__ import annotations

from pathlib import Path

import yaml

from booklet.content import loader
from booklet.errors import Diagnostics
from booklet.importers.merge import merge

CONFERENCE = """\
# Imported by `booklet import` from x.json (Indico event export JSON).
title: Analytical Engines 2024
dates: {start: 2024-05-06, end: 2024-05-07}
language: en
rooms:
- id: a
  name: Room A
- id: b
  name: Room B
"""
PEOPLE = """\
# Imported by `booklet import` from x.json (Indico event export JSON).
- id: ada-lovelace
  name: Ada Lovelace
  affiliations: [Analytical Society]
- id: alan-turing
  name: Alan Turing
- id: grace-hopper
  name: Grace Hopper
"""
PROGRAMME = """\
# Imported by `booklet import` from x.json (Indico event export JSON).
- session: Morning
  id: morning
  kind: talks
  day: 2024-05-06
  start: "09:00"
  end: "10:30"
  room: a
  chairs: [grace-hopper]
  contributions:
  - id: t1
    title: Engines
    speakers: [ada-lovelace]
    start: "09:00"
    duration: 30
  - id: t2
    title: Machines
    speakers: [alan-turing]
    start: "09:30"
    duration: 30
  - id: t3
    title: Compilers
    speakers: [grace-hopper]
    start: "10:00"
    duration: 30
- session: Afternoon
  id: afternoon
  kind: talks
  day: 2024-05-06
  start: "14:00"
  end: "15:00"
  room: b
  contributions:
  - id: t4
    title: Looms
    speakers: [ada-lovelace]
    start: "14:00"
    duration: 30
    abstract_file: abstracts/t4.md
"""
BASE = {"content/conference.yaml": CONFERENCE, "content/people.yaml": PEOPLE,
        "content/programme.yaml": PROGRAMME, "content/abstracts/t4.md": "Punched cards.\n"}


def project(tmp_path: Path, **edits) -> Path:
    """The project as imported, with `edits` ({file name: (old, new)}) made by hand."""
    root = tmp_path / "p"
    for rel, text in BASE.items():
        for old, new in edits.get(Path(rel).name.replace(".", "_"), []):
            assert old in text, old
            text = text.replace(old, new)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def source(**edits) -> dict[str, str]:
    """The source's newer version: BASE with `edits` made."""
    out = {}
    for rel, text in BASE.items():
        for old, new in edits.get(Path(rel).name.replace(".", "_"), []):
            assert old in text, old
            text = text.replace(old, new)
        out[rel] = text
    return out


def merged(root: Path, theirs: dict[str, str], **options):
    """Merge, write the changed files into the project, and check it loads without an error."""
    result = merge(BASE, theirs, root, **options)
    for rel, text in result.files.items():
        if text is None:
            (root / rel).unlink()
        else:
            (root / rel).write_text(text, encoding="utf-8")
    diag = Diagnostics()
    loader.load(root / "content", diag, root=root)
    assert not diag.errors, [str(d) for d in diag.errors]
    return result


def contributions(root: Path) -> dict[str, dict]:
    sessions = yaml.safe_load((root / "content/programme.yaml").read_text(encoding="utf-8"))
    return {c["id"]: dict(c, session=s["id"]) for s in sessions for c in s.get("contributions") or []}


def people(root: Path) -> dict[str, dict]:
    return {p["id"]: p for p in yaml.safe_load((root / "content/people.yaml").read_text(encoding="utf-8"))}


def test_local_edit_kept_where_the_source_did_not_change(tmp_path):
    root = project(tmp_path, programme_yaml=[("title: Engines", "title: Difference engines")])
    result = merged(root, source(programme_yaml=[("title: Machines", "title: Thinking machines")]))
    c = contributions(root)
    assert c["t1"]["title"] == "Difference engines"
    assert c["t2"]["title"] == "Thinking machines"
    assert "contribution t1: title" in result.changes.kept
    assert not result.changes.conflicts


def test_source_change_taken_where_nobody_edited(tmp_path):
    root = project(tmp_path)
    result = merged(root, source(programme_yaml=[('start: "09:30"\n    duration: 30', 'start: "09:30"\n    duration: 25')],
                                 conference_yaml=[("title: Analytical Engines 2024", "title: AE 2024")]))
    assert contributions(root)["t2"]["duration"] == 25
    assert yaml.safe_load((root / "content/conference.yaml").read_text())["title"] == "AE 2024"
    assert "contribution t2: duration 30 → 25" in result.changes.taken


def test_conflict_keeps_the_local_edit_and_shows_the_source_value(tmp_path):
    root = project(tmp_path, programme_yaml=[("title: Engines", "title: Difference engines")])
    result = merged(root, source(programme_yaml=[("title: Engines", "title: Analytical engines")]))
    assert contributions(root)["t1"]["title"] == "Difference engines"
    [conflict] = result.changes.conflicts
    assert conflict.render(False) == ('contribution t1: title: yours "Difference engines", the source\'s '
                                      '"Analytical engines" (yours kept)')


def test_take_source_takes_the_source_side_of_a_conflict(tmp_path):
    root = project(tmp_path, programme_yaml=[("title: Engines", "title: Difference engines"),
                                             ("title: Compilers", "title: A-0")])
    result = merged(root, source(programme_yaml=[("title: Engines", "title: Analytical engines")]), take_source=True)
    c = contributions(root)
    assert c["t1"]["title"] == "Analytical engines"
    assert c["t3"]["title"] == "A-0"           # an edit the source did not contradict stays
    assert len(result.changes.conflicts) == 1


def test_contribution_removed_upstream_is_removed_and_listed(tmp_path):
    root = project(tmp_path)
    theirs = source(programme_yaml=[("""  - id: t3
    title: Compilers
    speakers: [grace-hopper]
    start: "10:00"
    duration: 30
""", "")])
    result = merged(root, theirs)
    assert "t3" not in contributions(root)
    assert result.changes.removed == ['contribution t3 ("Compilers", 2024-05-06 10:00 a)']
    assert "grace-hopper" in people(root)      # still chairs the session


def test_contribution_removed_upstream_but_edited_here_is_kept(tmp_path):
    root = project(tmp_path, programme_yaml=[("title: Compilers", "title: Compilers, revisited")])
    theirs = source(programme_yaml=[("  - id: t3\n    title: Compilers\n    speakers: [grace-hopper]\n"
                                     "    start: \"10:00\"\n    duration: 30\n", "")])
    result = merged(root, theirs)
    assert contributions(root)["t3"]["title"] == "Compilers, revisited"
    assert any(n.startswith("contribution t3") and "kept" in n for n in result.changes.notes)


def test_session_emptied_upstream_goes_with_its_abstract_and_unused_persons(tmp_path):
    root = project(tmp_path)
    theirs = source(programme_yaml=[(PROGRAMME[PROGRAMME.index("- session: Afternoon"):], "")],
                    conference_yaml=[("- id: b\n  name: Room B\n", "")])
    del theirs["content/abstracts/t4.md"]
    result = merged(root, theirs)
    assert not (root / "content/abstracts/t4.md").exists()
    assert "t4" not in contributions(root)
    assert any(r.startswith("session afternoon") for r in result.changes.removed)
    assert "room b" in result.changes.removed
    assert "ada-lovelace" in people(root)      # she still speaks in the morning


def test_person_renamed_upstream_is_renamed_everywhere(tmp_path):
    # the organiser made Alan chair a session of their own: the reference must survive the rename
    root = project(tmp_path)
    (root / "content/extra.yaml").write_text("- session: Round table\n  id: round-table\n  kind: panel\n"
                                              "  chairs: [alan-turing]\n", encoding="utf-8")
    theirs = source(people_yaml=[("- id: alan-turing\n  name: Alan Turing", "- id: alan-m-turing\n  name: Alan M. Turing")],
                    programme_yaml=[("speakers: [alan-turing]", "speakers: [alan-m-turing]")])
    result = merged(root, theirs)
    assert people(root)["alan-turing"]["name"] == "Alan M. Turing"
    assert "alan-m-turing" not in people(root)
    assert contributions(root)["t2"]["speakers"] == ["alan-turing"]
    assert result.changes.renamed == ['alan-turing: "Alan Turing" → "Alan M. Turing" (id alan-turing kept; '
                                      '1 reference follows)']
    # the next base speaks the project's ids, so the next update sees no change
    assert "alan-m-turing" not in result.base["content/programme.yaml"]
    again = merge(result.base, theirs, root)
    assert not again.files and not again.changes.renamed


def test_local_additions_are_kept(tmp_path):
    root = project(tmp_path, people_yaml=[("- id: grace-hopper", "- id: bob\n  name: Bob Babbage  # our host\n"
                                                                 "- id: grace-hopper")],
                   programme_yaml=[("  - id: t2\n", "  - id: mine\n    title: Welcome\n    speakers: [bob]\n"
                                                    "    start: \"09:00\"\n  - id: t2\n")])
    result = merged(root, source(programme_yaml=[("title: Machines", "title: Thinking machines")]))
    assert contributions(root)["mine"]["speakers"] == ["bob"]
    assert people(root)["bob"]["name"] == "Bob Babbage"
    assert "# our host" in (root / "content/people.yaml").read_text()
    assert "contribution mine (\"Welcome\")" in result.changes.yours


def test_moved_and_added_are_listed_and_made(tmp_path):
    root = project(tmp_path)
    theirs = source(programme_yaml=[
        # t2 moves to the afternoon; a new talk t5 follows it there
        ("  - id: t2\n    title: Machines\n    speakers: [alan-turing]\n    start: \"09:30\"\n    duration: 30\n", ""),
        ("    abstract_file: abstracts/t4.md\n",
         "    abstract_file: abstracts/t4.md\n  - id: t2\n    title: Machines\n    speakers: [alan-turing]\n"
         "    start: \"14:30\"\n    duration: 15\n  - id: t5\n    title: Codes\n    speakers: [alan-turing]\n"
         "    start: \"14:45\"\n    duration: 15\n")])
    result = merged(root, theirs)
    c = contributions(root)
    assert (c["t2"]["session"], c["t2"]["start"]) == ("afternoon", "14:30")
    assert [k for k, v in c.items() if v["session"] == "afternoon"] == ["t4", "t2", "t5"]
    assert result.changes.moved == ['contribution t2 ("Machines"): 2024-05-06 09:30 a → 2024-05-06 14:30 b']
    assert result.changes.added == ['contribution t5 ("Codes", 2024-05-06 14:45 b)']


def test_comments_and_quotes_survive_a_merge(tmp_path):
    root = project(tmp_path, programme_yaml=[("  chairs: [grace-hopper]\n",
                                              "  chairs: [grace-hopper]   # she agreed on 1 May\n"),
                                             ("title: Engines", "title: 'Engines: a history'")])
    merged(root, source(programme_yaml=[("title: Machines", "title: Thinking machines")]))
    text = (root / "content/programme.yaml").read_text()
    assert "chairs: [grace-hopper]   # she agreed on 1 May" in text
    assert "title: 'Engines: a history'" in text
    assert 'start: "09:30"' in text and "title: Thinking machines" in text
    assert text.startswith("# Imported by `booklet import`")


def test_abstract_edits_merge_like_fields(tmp_path):
    root = project(tmp_path)
    (root / "content/abstracts/t4.md").write_text("Punched cards, and Jacquard.\n", encoding="utf-8")
    theirs = source()
    theirs["content/abstracts/t4.md"] = "Punched cards (revised).\n"
    result = merged(root, theirs)
    assert (root / "content/abstracts/t4.md").read_text() == "Punched cards, and Jacquard.\n"
    [conflict] = result.changes.conflicts
    assert conflict.what == "abstract t4" and ".booklet/import/base/content/abstracts/t4.md" in conflict.source


def test_a_session_added_upstream_arrives_with_its_contributions_and_abstract(tmp_path):
    root = project(tmp_path)
    theirs = source(programme_yaml=[("- session: Afternoon\n", "- session: Lunch talks\n  id: lunch\n  kind: talks\n"
                                     "  day: 2024-05-06\n  start: \"12:00\"\n  end: \"12:30\"\n  room: b\n"
                                     "  contributions:\n  - id: t6\n    title: Bread\n    speakers: [grace-hopper]\n"
                                     "    abstract_file: abstracts/t6.md\n- session: Afternoon\n")],
                    people_yaml=[("- id: grace-hopper\n", "- id: joan-clarke\n  name: Joan Clarke\n"
                                                          "- id: grace-hopper\n")])
    theirs["content/abstracts/t6.md"] = "Sourdough.\n"
    result = merged(root, theirs)
    sessions = yaml.safe_load((root / "content/programme.yaml").read_text())
    assert [s["id"] for s in sessions] == ["morning", "lunch", "afternoon"]
    assert contributions(root)["t6"]["session"] == "lunch"
    assert (root / "content/abstracts/t6.md").read_text() == "Sourdough.\n"
    assert list(people(root)) == ["ada-lovelace", "alan-turing", "joan-clarke", "grace-hopper"]
    assert result.changes.added == ["person joan-clarke (\"Joan Clarke\")",
                                    "session lunch (\"Lunch talks\", 2024-05-06 12:00 b)",
                                    "contribution t6 (\"Bread\", 2024-05-06 12:00 b)"]


def test_a_file_indented_its_own_way_keeps_its_indentation(tmp_path):
    root = project(tmp_path)
    indented = PROGRAMME.replace("  - id: ", "    - id: ").replace("\n    ", "\n      ").replace(
        "\n      - id: ", "\n    - id: ")
    (root / "content/programme.yaml").write_text(indented, encoding="utf-8")
    merged(root, source(programme_yaml=[("title: Machines", "title: Thinking machines")]))
    after = (root / "content/programme.yaml").read_text()
    assert after == indented.replace("title: Machines", "title: Thinking machines")
