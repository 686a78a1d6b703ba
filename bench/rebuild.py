#!/usr/bin/env python3
"""Time a rebuild after a one-line change, in the warm process that `booklet serve` builds in.

    python bench/rebuild.py                          # the default content and N = 1,000, 7 edits each
    python bench/rebuild.py --sizes default,1000 --runs 9 --write

For each content: a copy of the project (generated ones by bench/generate.py, kept in --work as
run.py keeps them), then booklet.serve's build process, forked from here as `booklet serve`
forks it. Its first build is the cold one; then, K times, one line changes (a contribution's
title in the middle of the programme, a new word at its end) and the e-mail edition is built
again. Reported: the cold build, and of the rebuilds the median (and the range) of the wall time
seen from here (what the preview waits for: build, reading the PDF, each page's digest), of the
build alone, and of CPU time (both processes: less moved by other work on the machine), the pages
each edit changed (more than none, or the edit did not reach the PDF) and the caches' hits.
The targets of issue 16 are printed as PASS/FAIL: under 1 s for the default booklet, under 3 s
at 1,000 contributions. --write puts the table in bench/RESULTS.md between `bench:rebuild` markers.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script, this folder comes first on the path, where a script named like a standard module
# (html, which ReportLab imports) would stand for it: booklet is imported from elsewhere.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
REPO = HERE.parent
BEGIN, END = "<!-- bench:rebuild:begin -->", "<!-- bench:rebuild:end -->"
TARGETS = {"default": 1.0, "1000": 3.0}      # issue 16: s for a one-line change, warm
MODES = {"memo": (True, 1), "plain": (False, None), "memo-2": (True, None)}   # → (paragraph memo, processes)
TITLE = re.compile(r"^(\s{4,}title: )(.*?)\s*$")   # a contribution's title (indented under a session)


def _run_module():
    """bench/run.py, for its generated projects and its description of the machine."""
    if "bench_run" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
        sys.modules["bench_run"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["bench_run"])
    return sys.modules["bench_run"]


def fresh_project(size: str, work: Path, seed: int) -> Path:
    """A copy of the content to edit: the repository's own (default) or a generated one."""
    source = REPO if size == "default" else _run_module().project_for(int(size), seed, work)
    folder = work / f"rebuild-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source / "content", folder / "content")
    return folder


def title_line(project: Path) -> tuple[Path, int]:
    """The contribution title in the middle of the programme: its file and line index."""
    found = []
    for path in sorted((project / "content").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if TITLE.match(line):
                found.append((path, number))
    if not found:
        raise SystemExit(f"no contribution title in {project}/content to edit")
    return found[len(found) // 2]


def edit(path: Path, number: int, word: str) -> None:
    """Add `word` at the end of the title on line `number` (inside its quotes, if quoted)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head, value = TITLE.match(lines[number]).groups()
    if value[:1] in "\"'" and value[-1:] == value[:1]:
        value = f"{value[:-1]} {word}{value[-1]}"
    else:
        value = f"{value} {word}"
    lines[number] = f"{head}{value}\n"
    path.write_text("".join(lines), encoding="utf-8")


def timed_build(builder, what: str) -> tuple[dict, float]:
    """One build by the serve build process, and its wall time as the preview waits for it; a
    build that fails ends the benchmark, saying `what` failed."""
    began = time.perf_counter()
    message = builder.build()
    wall = time.perf_counter() - began
    if "error" in message:
        raise SystemExit(f"{what} failed:\n{message['error']}")
    return message, wall


def measure(size: str, runs: int, work: Path, seed: int, memo: bool, jobs: int | None) -> dict:
    from booklet.build import DEFAULT_LAYOUT
    from booklet.serve import Booklet, Builder, changed_pages

    project = fresh_project(size, work, seed)
    path, number = title_line(project)
    builder = Builder(project, DEFAULT_LAYOUT, memo=memo, jobs=jobs)
    try:
        first, cold = timed_build(builder, f"{size}: the first build")
        before = Booklet(first["pdf"], first["name"], first["pages"])
        rows = []
        for run in range(runs):
            edit(path, number, f"revised{run}")
            message, wall = timed_build(builder, f"{size}: rebuild {run}")
            after = Booklet(message["pdf"], message["name"], message["pages"])
            rows.append({"wall": wall, "build": message["seconds"], "cpu": message["cpu"],
                         "changed": len(changed_pages(before, after)), "cache": message.get("cache", {}),
                         "timings": message["timings"]})
            before = after
    finally:
        builder.close()
    return {"size": size, "pages": len(before.pages), "cold": cold, "rows": rows,
            "edited": f"{path.relative_to(project)}:{number + 1}"}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def table(results: list[dict]) -> str:
    lines = ["| content | mode | pages | cold build s | rebuild wall s, median (min–max) | build s | CPU s | "
             "render s | pages changed | cache hits (median) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows = r["rows"]
        walls = [row["wall"] for row in rows]
        render = statistics.median(row["timings"].get("render", 0.0) for row in rows)
        changed = sorted({row["changed"] for row in rows})
        hits = _hits(rows)
        name = "default content" if r["size"] == "default" else f"generated N={int(r['size']):,}"
        lines.append(f"| {name} | {r['mode']} | {r['pages']:,} | {r['cold']:.2f} | {median(rows, 'wall'):.2f} "
                     f"({min(walls):.2f}–{max(walls):.2f}) | {median(rows, 'build'):.2f} | {median(rows, 'cpu'):.2f} "
                     f"| {render:.2f} | {'–'.join(map(str, (changed[0], changed[-1]))) if len(changed) > 1 else changed[0]} "
                     f"| {hits} |")
    return "\n".join(lines)


def _hits(rows: list[dict]) -> str:
    names = sorted({name for row in rows for name in row["cache"]})
    if not names:
        return "no cache"
    parts = []
    for name in names:
        hits = statistics.median(row["cache"].get(name, (0, 0))[0] for row in rows)
        misses = statistics.median(row["cache"].get(name, (0, 0))[1] for row in rows)
        parts.append(f"{name} {hits:,.0f}/{hits + misses:,.0f}")
    return ", ".join(parts)


def targets(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        limit = TARGETS.get(r["size"])
        if limit is None:
            continue
        wall = median(r["rows"], "wall")
        ok = wall < limit and all(row["changed"] for row in r["rows"])
        name = "default booklet" if r["size"] == "default" else f"{int(r['size']):,} contributions"
        name += f" ({r['mode']})"
        lines.append(f"{'PASS' if ok else 'FAIL'}  {name}: a one-line change rebuilt in under {limit:g} s: {wall:.2f} s")
    return lines


def ratios(results: list[dict]) -> list[str]:
    """memo against plain, per content, where both were measured."""
    lines = []
    for size in dict.fromkeys(r["size"] for r in results):
        modes = {r["mode"]: r["rows"] for r in results if r["size"] == size}
        if {"memo", "plain"} <= modes.keys():
            wall, cpu = (median(modes["memo"], key) / median(modes["plain"], key) for key in ("wall", "cpu"))
            lines.append(f"- {size}: memo / plain = {wall:.2f} in wall time, {cpu:.2f} in CPU time")
    return lines


def _versions() -> dict:
    import platform

    import reportlab

    import booklet
    return {"python": platform.python_version(), "reportlab": reportlab.Version, "booklet": booklet.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="default,1000", help="default and/or contribution counts")
    parser.add_argument("--runs", type=int, default=7, help="edits (rebuilds) per content; the median is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/booklet-bench"))
    parser.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    parser.add_argument("--modes", default="memo",
                        help="memo (as booklet serve builds: the paragraph memo, one process), plain (no memo, "
                             "the cores available: builds before the memo), or both, comma-separated")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    _run_module().LOAD_AT_START[:] = os.getloadavg()
    results = []
    for size in args.sizes.split(","):
        print(f"{size}: building, then {args.runs} edits, {args.modes} ...", flush=True)
        for mode in args.modes.split(","):
            memo, jobs = MODES[mode]
            results.append(measure(size, args.runs, args.work, args.seed, memo, jobs) | {"mode": mode})
    block = "\n".join([table(results), "", "```", *targets(results), "```", "", *ratios(results),
                       *_run_module().machine(_versions(), REPO),
                       f"- edited: {', '.join(dict.fromkeys(r['edited'] for r in results))}; {args.runs} rebuilds "
                       f"each, in a process forked as booklet serve forks it (booklet.serve.Builder)",
                       f"- command: `python bench/rebuild.py {' '.join(argv if argv is not None else sys.argv[1:])}`"])
    print(block)
    if args.write:
        _run_module().write_results(block, BEGIN, END, "## Rebuilds in the warm serve process (bench/rebuild.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
