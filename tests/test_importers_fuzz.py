"""Every importer, on mutated copies of the fixtures: always a project or a located error.

A mutant is a fixture with bytes flipped, cut or repeated, or (JSON, XML, CSV) with a value
swapped for one of another shape: null, a number, a list, a string, deep nesting. Importing it
must end in a written project or in an ImporterError / ContentError naming the file; any other
exception is a bug. The suite runs a few hundred mutants from a fixed seed (a few seconds);
`BOOKLET_FUZZ_SECONDS=600 pytest tests/test_importers_fuzz.py` runs for ten minutes from fresh
seeds and reports every failing mutant (`BOOKLET_FUZZ_SEED` replays one run).
"""
from __future__ import annotations

import copy
import csv
import io
import json
import os
import random
import shutil
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path

from booklet.errors import ContentError, ImporterError
from booklet.importers import import_source

from .fixtures.importers.support import HERE

SOURCES = sorted(p for p in HERE.iterdir() if p.suffix in (".json", ".xml", ".csv"))
MAPPINGS = {"festival.csv": "festival-mapping.yaml", "papers.csv": "papers-mapping.yaml"}
FORMATS = [None, None, None, "frab-xml", "pentabarf-xml", "frab-json", "indico-json", "indico-timetable-json", "csv"]
ODD_VALUES = [None, 0, 5, -1, 2 ** 70, 1e308, True, "", " ", "x", "5", "null", "tbd", "25:99", "2024-13-45",
              "9999-12-31T99:99:99+25:00", "\x00", "‮", "𝔘𝔫𝔦", "a" * 5000, [], [None], [5], {}, {"a": None},
              {"schedule": 5}, {"sessions": 5}, {"results": None}]


def _deep(depth: int):
    value: object = 1
    for _ in range(depth):
        value = [value] if depth % 2 else {"a": value}
    return value


def _nodes(value, path=()):
    """Every place in a JSON value: (path, value)."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _nodes(v, path + (i,))


def _set(root, path, value):
    if not path:
        return value
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return root


def _mutate_json(data: bytes, rng: random.Random) -> bytes:
    obj = json.loads(data.decode("utf-8"))
    for _ in range(rng.randint(1, 4)):
        nodes = list(_nodes(obj))
        path, value = rng.choice(nodes)
        choice = rng.random()
        if choice < 0.55:
            new = copy.deepcopy(rng.choice(ODD_VALUES))
        elif choice < 0.65:
            new = _deep(rng.choice([50, 500, 5000]))
        elif choice < 0.8 and path:
            parent = obj
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent, dict):
                del parent[path[-1]]
                continue
            new = None
        else:
            new = copy.deepcopy(rng.choice(nodes)[1])        # a value from elsewhere in the file
        obj = _set(obj, path, new)
    return json.dumps(obj, ensure_ascii=rng.random() < 0.5).encode("utf-8")


def _mutate_xml(data: bytes, rng: random.Random) -> bytes:
    root = ET.fromstring(data)
    elements = list(root.iter())
    for _ in range(rng.randint(1, 4)):
        el = rng.choice(elements)
        choice = rng.random()
        if choice < 0.4:
            el.text = str(rng.choice(ODD_VALUES))
        elif choice < 0.55 and el.attrib:
            el.set(rng.choice(list(el.attrib)), str(rng.choice(ODD_VALUES)))
        elif choice < 0.75:
            for parent in root.iter():
                if el in list(parent):
                    parent.remove(el)
                    break
        elif choice < 0.9:
            other = copy.deepcopy(rng.choice(elements))
            if other is not el:
                el.append(other)
        else:
            el.tag = rng.choice(["schedule", "day", "room", "event", "persons", "person", "x", "conference"])
        elements = list(root.iter())
    return ET.tostring(root, encoding="utf-8")


def _mutate_csv(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    for _ in range(rng.randint(1, 4)):
        if not rows:
            break
        r = rng.randrange(len(rows))
        choice = rng.random()
        if choice < 0.5 and rows[r]:
            rows[r][rng.randrange(len(rows[r]))] = str(rng.choice(ODD_VALUES))
        elif choice < 0.65:
            rows[r] = rows[r] + ["extra"] * rng.randint(1, 3)
        elif choice < 0.8:
            rows[r] = rows[r][:rng.randint(0, len(rows[r]))]
        elif choice < 0.9:
            rows.insert(r, list(rows[rng.randrange(len(rows))]))
        else:
            del rows[r]
    out = io.StringIO()
    csv.writer(out, delimiter=rng.choice([",", ";", "\t", "|"]),
               lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"])
    return out.getvalue().encode(encoding, errors="replace")


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not b:
            break
        i = rng.randrange(len(b))
        choice = rng.random()
        if choice < 0.3:
            b[i] = rng.randrange(256)
        elif choice < 0.5:
            del b[i:i + rng.randint(1, 200)]
        elif choice < 0.7:
            b[i:i] = b[i:i + rng.randint(1, 200)]
        elif choice < 0.8:
            b[i:i] = bytes([rng.choice(b"<>&;,\"'{}[]\\\n\r\t\x00:")]) * rng.randint(1, 3)
        else:
            del b[rng.randrange(len(b)):]
    return bytes(b)


def mutant(source: Path, rng: random.Random) -> bytes:
    data = source.read_bytes()
    structured = {".json": _mutate_json, ".xml": _mutate_xml, ".csv": _mutate_csv}[source.suffix]
    if rng.random() < 0.65:
        try:
            data = structured(data, rng)
        except (ValueError, ET.ParseError, RecursionError):
            pass
    if rng.random() < 0.35:
        data = _mutate_bytes(data, rng)
    return data


def run_one(source: Path, seed: int, folder: Path) -> str | None:
    """Import one mutant of `source`; None when it ends in a project or a located error, else the
    traceback of the exception that escaped."""
    rng = random.Random(seed)
    data = mutant(source, rng)
    path = folder / f"mutant{source.suffix}"
    path.write_bytes(data)
    fmt = rng.choice(FORMATS)
    mapping = HERE / MAPPINGS[source.name] if source.name in MAPPINGS and rng.random() < 0.7 else None
    out = folder / "p"
    try:
        import_source(path, out, fmt=fmt, force=True, mapping=mapping)
    except (ImporterError, ContentError) as exc:
        message = str(exc)
        assert message and "Traceback" not in message
        return None
    except Exception:       # noqa: BLE001 - the point of the test: anything else is a bug
        return f"{source.name} seed={seed} format={fmt}\n{traceback.format_exc()}"
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return None


def _fuzz(iterations: int | None, seconds: float | None, seed: int) -> tuple[int, list[str]]:
    failures: list[str] = []
    count = 0
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while True:
            if iterations is not None and count >= iterations:
                break
            if seconds is not None and time.monotonic() - start >= seconds:
                break
            source = SOURCES[count % len(SOURCES)]
            failure = run_one(source, seed * 1_000_003 + count, folder)
            if failure:
                failures.append(failure)
            count += 1
    return count, failures


def test_mutated_fixtures_give_a_project_or_a_located_error():
    seconds = float(os.environ.get("BOOKLET_FUZZ_SECONDS", "0")) or None
    seed = int(os.environ.get("BOOKLET_FUZZ_SEED", str(int(time.time())) if seconds else "19"))
    count, failures = _fuzz(None if seconds else 800, seconds, seed)
    if seconds:
        print(f"fuzz: {count} mutants in {seconds:.0f} s from seed {seed}, {len(failures)} failures")
    assert not failures, f"{len(failures)} of {count} mutants escaped (seed {seed}):\n\n" + "\n\n".join(failures[:5])


def test_an_xml_declaration_with_an_unknown_encoding_is_a_located_error(tmp_path):
    """Found by a ten-minute fuzz run: `<?xml version="1.0" encoding="UTv-8"?>` was a LookupError."""
    path = tmp_path / "schedule.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="UTv-8"?>\n<schedule></schedule>\n')
    try:
        import_source(path, tmp_path / "out")
    except ImporterError as exc:
        assert "schedule.xml:1: the XML declares an encoding" in str(exc)
    else:
        raise AssertionError("no error")


def test_wrong_shaped_json_and_null_are_located_errors(tmp_path):
    cases = {"schedule5.json": '{"schedule": 5}', "sessions5.json": '{"results": [{"_type": "Conference", '
             '"sessions": 5}]}', "null.json": "null", "deep.json": "[" * 100_000 + "]" * 100_000,
             "conference-null.json": '{"schedule": {"conference": null}}',
             "days5.json": '{"schedule": {"conference": {"title": "x", "days": 5}}}',
             "rooms-list.json": '{"schedule": {"conference": {"days": [{"date": "2024-01-01", "rooms": [5]}]}}}'}
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        for fmt in (None, "frab-json", "indico-json", "indico-timetable-json"):
            try:
                import_source(path, tmp_path / "out", fmt=fmt, force=True)
            except (ImporterError, ContentError) as exc:
                assert name in str(exc), (name, fmt, str(exc))
