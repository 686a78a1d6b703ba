"""Time `booklet agenda PROJECT --person all`: one personal agenda per presenter, in one run.

    python bench/agendas.py                                   # a generated project of 3,000 contributions
                                                              # (2,100 persons), with -j 1 and -j 2
    python bench/agendas.py --projects 3000,/tmp/fosdem --write   # and an imported one; figures into RESULTS.md

Each run is a fresh `python -m booklet agenda PROJECT --person all -o DIR -q -j J` child, as a user
runs it: loading the content, layout and fonts is in the time. Reported: wall and CPU time (user +
system of the child and its second process, from wait4), the time per agenda, the files written and
their size, and the peak memory of the process tree (proportional set sizes, as bench/run.py samples
them). Generated projects are made with bench/generate.py into --work and reused.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (bench/run.py: the generated projects, the memory sampler, the machine line)

BEGIN, END = "<!-- bench:agendas:begin -->", "<!-- bench:agendas:end -->"


def time_run(python: str, project: Path, out: Path, jobs: int, env: dict) -> dict:
    for old in out.glob("*.pdf") if out.is_dir() else ():
        old.unlink()
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen([python, "-m", "booklet", "agenda", str(project), "--person", "all", "-o", str(out),
                                  "-q", "-j", str(jobs)], stderr=stderr, env=env)
        peak = {"bytes": 0, "stop": False}

        def sample() -> None:
            while not peak["stop"]:
                peak["bytes"] = max(peak["bytes"], run._tree_memory(child.pid))
                time.sleep(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        peak["stop"] = True
        sampler.join()
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"booklet agenda failed on {project}: {errors[-2000:]}")
    files = list(out.glob("*.pdf"))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "files": len(files),
            "mb": sum(f.stat().st_size for f in files) / run.MB, "peak": max(peak["bytes"], usage.ru_maxrss * 1024)}


def table(rows: list[tuple[str, int, dict]]) -> str:
    lines = ["| content | -j | agendas | wall s | CPU s | ms per agenda (wall) | PDF MB in all | peak memory MB |",
             "|---|---|---|---|---|---|---|---|"]
    for label, jobs, r in rows:
        lines.append(f"| {label} | {jobs} | {r['files']:,} | {r['wall']:.1f} | {r['cpu']:.1f} | "
                     f"{1000 * r['wall'] / max(r['files'], 1):.1f} | {r['mb']:.0f} | {r['peak'] / run.MB:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", default="3000",
                        help="comma-separated: a number N (a generated project of N contributions) or a project folder")
    parser.add_argument("--jobs", default="1,2", help="the -j values to run, comma-separated (default 1,2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "booklet-bench")
    parser.add_argument("--write", action="store_true", help="record the figures in bench/RESULTS.md")
    args = parser.parse_args(argv)
    run.LOAD_AT_START[:] = os.getloadavg()
    env = dict(os.environ, PYTHONPATH=str(run.REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    versions = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, platform, reportlab, booklet; print(json.dumps({'python': "
         "platform.python_version(), 'reportlab': reportlab.Version, 'booklet': booklet.__version__}))"],
        capture_output=True, text=True, env=env, check=True).stdout)
    rows = []
    for spec in args.projects.split(","):
        if spec.isdigit():
            project, label = run.project_for(int(spec), args.seed, args.work), f"generated N={int(spec):,}"
        else:
            project, label = Path(spec), Path(spec).name
        for jobs in (int(j) for j in args.jobs.split(",")):
            print(f"  {label}, -j {jobs} ...", end="", flush=True)
            result = time_run(sys.executable, project, args.work / "agendas" / f"{project.name}-j{jobs}", jobs, env)
            print(f" {result['files']:,} agendas in {result['wall']:.1f} s (CPU {result['cpu']:.1f} s)")
            rows.append((label, jobs, result))
    block = "\n".join([table(rows), "", *run.machine(versions, run.REPO),
                       f"- command: `python bench/agendas.py {' '.join(argv if argv is not None else sys.argv[1:])}`"])
    print(block)
    if args.write:
        run.write_results(block, BEGIN, END, "## Personal agendas: `booklet agenda --person all`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
