#!/usr/bin/env python3
"""Time the web page edition alone (`booklet build --edition html`) on a generated programme, check
that it took the fast path (no page laid out), and open the page in headless Chromium (issue 18).

    python bench/webpage.py                         # N = 25,000, one run
    python bench/webpage.py --sizes 1000,25000 --runs 3 --write

Each run is a fresh child process, as in run.py (its `run_once`): wall time, CPU time of the process
and the ones it forks, peak memory, the stage times. The fast path ran when the build has no
`render` or `assemble` stage and reports no page. Chromium (tests/chromium.py: Debian's, through
Selenium) then loads the file from disk; reported are the seconds until the document is complete
and the articles it holds, which must be every contribution. With --write, bench/RESULTS.md is
updated between its `bench:html` markers.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BEGIN, END = "<!-- bench:html:begin -->", "<!-- bench:html:end -->"
TARGET_S = 30.0          # issue 18: the 25,000-contribution page builds in under 30 s
MB = 1024 * 1024


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def open_in_chromium(page: Path, contributions: int) -> tuple[float, int]:
    """Seconds Chromium takes to load `page` until the document is complete, and its articles."""
    sys.path.insert(0, str(REPO))
    from tests.chromium import chromium

    with chromium(1280, 900) as driver:
        driver.set_page_load_timeout(600)
        began = time.perf_counter()
        driver.get(page.as_uri())               # returns when the document is complete
        loaded = time.perf_counter() - began
        articles = driver.execute_script("return document.querySelectorAll('article').length")
    return loaded, articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25000", help="generated programme sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="runs per size, median reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/booklet-bench"))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--no-browser", action="store_true", help="do not open the pages in Chromium")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args(argv)
    run = _run_module()
    run.LOAD_AT_START.append(os.getloadavg()[0])
    env = dict(os.environ)
    lines = ["| contributions | runs | wall s (median) | CPU s | load s | layout s | editions s | fast path "
             "| HTML MB | peak memory MB | Chromium load s | articles |", "|" + "---|" * 12]
    verdicts, child = [], None
    for size in [int(s) for s in args.sizes.split(",")]:
        project = run.project_for(size, args.seed, args.work)
        out = args.work / f"out-html-{size}"
        runs = [run.run_once(args.python, project, out, "html", env, None) for _ in range(args.runs)]
        child = runs[-1].child
        wall, cpu = statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs)
        stages = {k: statistics.median(r.child["timings"].get(k, 0) for r in runs) for k in ("load", "layout", "editions")}
        fast = all(not {"render", "assemble"} & set(r.child["timings"]) and r.child["pages"] == 0 for r in runs)
        page = Path(child["files"]["html"])
        loaded, articles = (None, None) if args.no_browser else open_in_chromium(page, size)
        print(f"N={size:,}: {wall:.1f} s wall, {cpu:.1f} s CPU; fast path: {fast}; "
              f"{page.stat().st_size / MB:.0f} MB; Chromium: "
              + ("not opened" if loaded is None else f"{loaded:.1f} s, {articles:,} articles"))
        lines.append(f"| {size:,} | {len(runs)} | {wall:.1f} | {cpu:.1f} | " + " | ".join(f"{stages[k]:.2f}" for k in stages)
                     + f" | {'yes' if fast else 'NO'} | {page.stat().st_size / MB:.0f} "
                     f"| {max(r.peak_bytes for r in runs) / MB:,.0f} | "
                     + ("–" if loaded is None else f"{loaded:.1f}") + f" | {articles if articles is not None else '–'} |")
        if size == 25_000:
            verdicts.append(f"{'PASS' if wall < TARGET_S else 'FAIL'}  25,000 contributions' web page under "
                            f"{TARGET_S:.0f} s: {wall:.1f} s wall ({cpu:.1f} s CPU)")
        verdicts.append(f"{'PASS' if fast else 'FAIL'}  N={size:,}: no page laid out (no render or assemble stage)")
        if articles is not None:
            verdicts.append(f"{'PASS' if articles == size else 'FAIL'}  N={size:,}: Chromium opens it, "
                            f"{articles:,} articles of {size:,}")
    block = "\n".join(lines + ["", "```", *verdicts, "```", "", *run.machine(child, REPO)])
    print("\n".join(verdicts))
    if args.write:
        run.write_results(block, BEGIN, END, "## The web page alone (`--edition html`, issue 18)")
    return 0 if all(v.startswith("PASS") for v in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
