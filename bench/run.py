#!/usr/bin/env python3
"""Time `booklet build` as a whole process on the default content and on generated programmes.

    python bench/run.py                          # default content, N = 100, 1,000, 5,000, 25,000
    python bench/run.py --sizes default,100,1000 --runs 3 --write

Each run is a fresh child process, `python -c` calling booklet.build() (what
`booklet build --edition email` does, minus printing), so that the stage times
in BuildResult.timings come back with it. Reported per content: wall time of the
whole process (median of the runs), pages (read from the PDF with pypdf), pages
per second, peak memory (the child's own peak RSS from wait4, or the sampled
PSS of its process tree if that is larger), output size, and the
median time of each stage. Generating the projects is not timed; they are kept
in --work and reused while generate.py is unchanged.

The targets of issue 7 are checked and printed as PASS/FAIL lines. With
--write, bench/RESULTS.md is updated between its `bench:latest` markers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import math
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- bench:latest:begin -->", "<!-- bench:latest:end -->"
DEFAULT_SIZES = "default,100,1000,5000,25000"
MB = 1024 * 1024
LOAD_AT_START: list[float] = []

# Targets of issue 7 (whole process, wall time).
TARGET_DEFAULT_S = 1.0
TARGET_1000_S = 9.7            # Typst 0.15 at 1,000 contributions
AIM_1000_S = TARGET_1000_S / 2
TARGET_25000_S = 150.0
TARGET_25000_BYTES = 2 * 1000 ** 3     # 2 GB
LINEAR_FACTOR = 1.5            # time per page at 25,000 within 1.5x of that at 1,000

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
import booklet
import reportlab
t1 = time.perf_counter()
project, out, edition = sys.argv[1], sys.argv[2], sys.argv[3]
kwargs = {"out_dir": Path(out)}
if edition != "-":
    kwargs["edition"] = edition
result = booklet.build(Path(project), **kwargs)
t2 = time.perf_counter()
files = dict(getattr(result, "files", None) or {"email": result.pdf})
print(json.dumps({
    "timings": dict(result.timings), "pages": result.pages, "body_pages": getattr(result, "body_pages", None),
    "files": {k: str(v) for k, v in files.items()},
    "counts": dict(getattr(result, "counts", None) or {}), "warnings": len(result.warnings),
    "imports_s": t1 - t0, "build_s": t2 - t1, "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "python": sys.version.split()[0], "reportlab": reportlab.Version, "booklet": booklet.__version__,
    "booklet_file": booklet.__file__,
}))
"""


@dataclass
class Run:
    wall: float
    cpu: float                 # user + system seconds of the child (and its children): less noisy than wall
    peak_bytes: int
    child: dict


@dataclass
class Measured:
    name: str                  # "default" or "1000"
    contributions: int
    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    sizes: dict[str, int] = field(default_factory=dict)     # edition → bytes
    error: str | None = None

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak(self) -> int:
        return max(r.peak_bytes for r in self.runs)

    def stage(self, name: str) -> float | None:
        values = [r.child["timings"][name] for r in self.runs if name in r.child["timings"]]
        return statistics.median(values) if values else None

    @property
    def outside(self) -> float:
        """Interpreter start, imports and exit: wall time not in any stage."""
        return statistics.median(r.wall - sum(v for k, v in r.child["timings"].items() if is_stage(k))
                                 for r in self.runs)

    @property
    def label(self) -> str:
        return "default content" if self.name == "default" else f"generated N={int(self.name):,}"


def is_stage(key: str) -> bool:
    """A stage of the build, not a part of one: "section:abstracts", "render:save" are parts of render."""
    return ":" not in key


# -- running one build ---------------------------------------------------------------------------------------------
def _tree_memory(pid: int) -> int:
    """Memory of `pid` and all its descendants, in bytes (0 when gone): the sum of their proportional
    set sizes (PSS: a page shared by k processes counts 1/k in each), so that memory a forked worker
    shares with its parent is counted once; resident set sizes where PSS cannot be read."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += _memory(p)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def _memory(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def run_once(python: str, project: Path, out: Path, edition: str, env: dict, timeout: float | None) -> Run:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen([python, "-c", CHILD, str(project), str(out), edition], stdout=stdout,
                                 stderr=stderr, env=env, start_new_session=True)
        sampled = {"peak": 0, "stop": False}

        def sample() -> None:
            while not sampled["stop"]:
                sampled["peak"] = max(sampled["peak"], _tree_memory(child.pid))
                time.sleep(0.25)   # reading PSS walks the page tables: not too often

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = None
        if timeout:
            timer = threading.Timer(timeout, _stop, (child.pid,))
            timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        sampled["stop"] = True
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        text, errors = stdout.read().decode(), stderr.read().decode()
    if child.returncode != 0:
        if timeout and child.returncode == -signal.SIGKILL:
            raise BuildFailed(f"stopped after {timeout:.0f} s (timeout)")
        raise BuildFailed(f"exit status {child.returncode}: {errors.strip()[-2000:]}")
    result = json.loads(text.strip().splitlines()[-1])
    result["stderr"] = errors
    peak = max(usage.ru_maxrss * 1024, sampled["peak"])
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, result)


def _stop(pid: int) -> None:
    """End a run that took too long: the child and whatever it started (its own process group)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class BuildFailed(Exception):
    pass


def edition_argument(python: str, env: dict) -> str:
    """'email' when `booklet build --help` offers --edition, else '-' (build without it)."""
    done = subprocess.run([python, "-m", "booklet", "build", "--help"], capture_output=True, text=True, env=env)
    return "email" if "--edition" in done.stdout else "-"


# -- projects --------------------------------------------------------------------------------------------------------
def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def project_for(n: int, seed: int, work: Path) -> Path:
    """The generated project for N (reused while generate.py is unchanged)."""
    folder = work / f"n{n}-seed{seed}"
    stamp = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    marker = folder / "generator.sha256"
    if not (marker.is_file() and marker.read_text() == stamp and (folder / "bench.json").is_file()):
        began = time.perf_counter()
        print(f"  generating N={n:,} in {folder} ...", end="", flush=True)
        _generator().generate(n, folder, seed)
        marker.write_text(stamp)
        print(f" {time.perf_counter() - began:.1f} s (not timed)")
    return folder


def count_contributions(project: Path) -> int:
    summary = project / "bench.json"
    if summary.is_file():
        return json.loads(summary.read_text())["n"]
    import yaml  # the default content: count contributions in the programme files

    total = 0
    for path in sorted((project / "content").rglob("*.yaml")):
        if path.stem in ("conference",) or path.stem.startswith("people"):
            continue
        for session in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            total += len(session.get("contributions") or [])
    return total


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


# -- the report --------------------------------------------------------------------------------------------------
def fmt_s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(results: list[Measured]) -> str:
    stages: list[str] = []
    for m in results:
        for r in m.runs:
            stages += [s for s in r.child["timings"] if is_stage(s) and s not in stages]
    head = (["content", "contributions", "pages", "runs", "wall s (median)", "CPU s", "pages/s", "peak memory MB",
             "PDF MB"]
            + [f"{s} s" for s in stages] + ["imports s", "start+imports+exit s"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in results:
        name = m.label
        if m.error or not m.runs:
            cells = [name, f"{m.contributions:,}", "–", "0", f"failed: {m.error}"] + ["–"] * (len(head) - 5)
        else:
            cells = [name, f"{m.contributions:,}", f"{m.pages:,}", str(len(m.runs)), fmt_s(m.wall), fmt_s(m.cpu),
                     f"{m.pages / m.wall:.1f}", f"{m.peak / MB:,.0f}",
                     " + ".join(f"{size / MB:.1f}" for size in m.sizes.values())]
            cells += [fmt_s(m.stage(s)) for s in stages]
            cells += [fmt_s(statistics.median(r.child["imports_s"] for r in m.runs)), fmt_s(m.outside)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def section_table(results: list[Measured]) -> str:
    """Median seconds per section, composing its flowables + laying it out, and the final save of the
    body PDF: the parts of the render stage ("" when the booklet measured does not report them)."""
    done = [m for m in results if m.runs and not m.error]
    names = section_names(done)
    if not names:
        return ""
    head = ["section"] + [f"{m.label}: compose + lay out s" for m in done]
    rows = [[name] + [f"{fmt_s(m.stage(f'compose:{name}'))} + {fmt_s(m.stage(f'section:{name}'))}" for m in done]
            for name in names]
    rows.append(["(saving the body PDF)"] + [fmt_s(m.stage("render:save")) for m in done])
    # A booklet laid out in two processes (booklet's typeset/parts.py) reports its second part's save, the
    # first part's waits for the second, and the join of the two PDFs.
    for key, label in (("render:save-part2", "(saving part 2, in parallel)"),
                       ("render:wait", "(part 1 waiting for part 2)"), ("render:join", "(joining the parts)")):
        if any(key in r.child["timings"] for m in done for r in m.runs):
            rows.append([label] + [fmt_s(m.stage(key)) for m in done])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def section_names(results: list[Measured]) -> list[str]:
    """Sections in the order the booklet prints them. One that a content's booklet lacks (the default
    content has no day grid; a section with nothing to show is only composed) goes after the section
    it follows where it is found."""
    names: list[str] = []
    for prefix in ("section:", "compose:"):
        for r in (r for m in results for r in m.runs):
            parts = [k[len(prefix):] for k in r.child["timings"] if k.startswith(prefix)]
            for i, name in enumerate(parts):
                if name not in names:
                    names.insert(names.index(parts[i - 1]) + 1 if i else 0, name)
    return names


def extrapolate(results: list[Measured], n: int) -> tuple[float, float, float, int] | None:
    """(seconds, bytes, exponent, pages) at N from the two largest generated sizes measured: t ∝ N^b."""
    done = sorted((m for m in results if m.name != "default" and m.runs and not m.error),
                  key=lambda m: m.contributions)
    if len(done) < 2 or any(m.contributions == n for m in done):
        return None
    a, b = done[-2], done[-1]
    exponent = math.log(b.wall / a.wall) / math.log(b.contributions / a.contributions)
    scale = n / b.contributions
    memory = b.peak + (b.peak - a.peak) / (b.contributions - a.contributions) * (n - b.contributions)
    return b.wall * scale ** exponent, memory, exponent, round(b.pages * scale)


def targets(results: list[Measured]) -> list[str]:
    by = {m.name: m for m in results if m.runs and not m.error}
    lines = []

    def check(ok: bool | None, text: str) -> None:
        lines.append(f"{'SKIP' if ok is None else 'PASS' if ok else 'FAIL'}  {text}")

    d = by.get("default")
    check(d and d.wall < TARGET_DEFAULT_S,
          f"default booklet under {TARGET_DEFAULT_S:.0f} s wall: " + (f"{d.wall:.2f} s" if d else "not measured"))
    k = by.get("1000")
    check(k and k.wall <= TARGET_1000_S,
          f"1,000 contributions at most {TARGET_1000_S} s (Typst): " + (f"{k.wall:.1f} s" if k else "not measured"))
    check(k and k.wall <= AIM_1000_S,
          f"1,000 contributions aim, half of Typst ({AIM_1000_S:.2f} s): " + (f"{k.wall:.1f} s" if k else "not measured"))
    big = by.get("25000")
    guess = None if big else extrapolate(results, 25000)
    note = (f"not measured; extrapolated {guess[0]:.0f} s, {guess[1] / 1e9:.1f} GB (t ∝ N^{guess[2]:.2f})"
            if guess else "not measured")
    check(big and big.wall < TARGET_25000_S,
          f"25,000 contributions under {TARGET_25000_S:.0f} s: " + (f"{big.wall:.0f} s" if big else note))
    check(big and big.peak < TARGET_25000_BYTES,
          "25,000 contributions under 2 GB peak memory: " + (f"{big.peak / 1e9:.2f} GB" if big else note))
    if big and k:
        per_big, per_k = big.wall / big.pages, k.wall / k.pages
        check(per_big <= LINEAR_FACTOR * per_k, f"linear: time per page at 25,000 ({per_big * 1000:.0f} ms) within "
                                                 f"{LINEAR_FACTOR}x of that at 1,000 ({per_k * 1000:.0f} ms)")
    else:
        extra = ""
        if k and guess:
            extra = (f"; extrapolated {guess[0] / guess[3] * 1000:.0f} ms/page at 25,000 vs "
                     f"{k.wall / k.pages * 1000:.0f} ms/page at 1,000")
        check(None, f"linear: time per page at 25,000 within {LINEAR_FACTOR}x of that at 1,000: "
                    f"needs both measured{extra}")
    return lines


def machine(child: dict | None, source: Path, label: str | None = None) -> list[str]:
    try:
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        cores = str(os.cpu_count())
    model = ram = "unknown"
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", str(source), "status", "--porcelain", "--untracked-files=no", "--", "src"],
                           capture_output=True, text=True).stdout.strip() if commit != "unknown" else ""
    where = label or f"at commit {commit}" + (" with uncommitted changes in src/" if dirty else "")
    load = os.getloadavg()
    started = f"{LOAD_AT_START[0]:.2f}" if LOAD_AT_START else "?"
    return [f"- machine: {cores} cores (`nproc`), {model}, {ram} RAM, {platform.system()} {platform.release()}",
            f"- Python {child['python'] if child else platform.python_version()}, ReportLab "
            f"{child['reportlab'] if child else '?'}, booklet {child['booklet'] if child else '?'} {where}",
            f"- load average (1 min) at start {started}, at the end {load[0]:.2f}: other work on the machine makes "
            f"wall time longer than CPU time",
            f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"]


def write_results(block: str, begin: str = BEGIN, end: str = END, heading: str = "## Latest run") -> None:
    """Put `block` into RESULTS.md between the markers `begin` and `end`, replacing what a
    previous run put there; the first time, at the end under `heading`. Every bench/ script
    records its figures this way, each between its own markers."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    section = f"{begin}\n{block.strip()}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + f"\n\n{heading}\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


# -- main ------------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"comma-separated: 'default' (the repository's content) and contribution counts "
                             f"(default: {DEFAULT_SIZES})")
    parser.add_argument("--runs", type=int, help="runs per content, median reported (default: 3, and 1 at N ≥ 5,000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "booklet-bench",
                        help="where generated projects and outputs go (default: %(default)s)")
    parser.add_argument("--edition", help="edition to build (default: email if `booklet build` has --edition)")
    parser.add_argument("--timeout", type=float, help="stop a run after this many seconds and report it")
    parser.add_argument("--source", type=Path, default=REPO,
                        help="booklet source tree to benchmark (its src/ goes first on PYTHONPATH; its content/ is "
                             "the default content; default: this repository)")
    parser.add_argument("--source-label", help="how to name --source in the report when it is not a git checkout")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the builds (default: this one)")
    parser.add_argument("--write", action="store_true", help=f"update {RESULTS.relative_to(REPO)}")
    args = parser.parse_args(argv)

    LOAD_AT_START[:] = os.getloadavg()
    source = args.source.resolve()
    work = args.work.resolve()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(source / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.pop("SOURCE_DATE_EPOCH", None)
    # Bytecode as an installed booklet has it (pip compiles at install): cached under --work, written
    # by the first, untimed, import below. Without it (PYTHONDONTWRITEBYTECODE set, a source tree on
    # PYTHONPATH) every run compiled booklet's modules again, 0.1 s of the default booklet's 0.9 s.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    edition = args.edition or edition_argument(args.python, env)
    results: list[Measured] = []
    for name in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        if name == "default":
            project = source
        else:
            project = project_for(int(name.replace("_", "")), args.seed, work)
            name = str(int(name.replace("_", "")))
        m = Measured(name, count_contributions(project))
        runs = args.runs or (1 if name != "default" and int(name) >= 5000 else 3)
        print(f"{name}: {m.contributions:,} contributions, {runs} run(s)", flush=True)
        out = work / "out" / name
        for i in range(runs):
            try:
                run = run_once(args.python, project, out, edition, env, args.timeout)
            except BuildFailed as exc:
                m.error = str(exc)
                print(f"  run {i + 1}: FAILED: {exc}", flush=True)
                break
            m.runs.append(run)
            if len(results) + i == 0:
                print(f"  (booklet imported from {Path(run.child['booklet_file']).parent})")
            stages = ", ".join(f"{k} {v:.2f}" for k, v in run.child["timings"].items() if is_stage(k))
            print(f"  run {i + 1}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU, peak {run.peak_bytes / MB:,.0f} MB ({stages})", flush=True)
            if run.child["warnings"]:
                print(f"  ({run.child['warnings']} warnings from booklet)")
        if m.runs:
            files = m.runs[-1].child["files"]
            m.pages = pdf_pages(Path(files.get("email") or next(iter(files.values()))))
            m.sizes = {k: Path(v).stat().st_size for k, v in files.items()}
        results.append(m)

    child = next((r.child for m in results for r in m.runs), None)
    command = "python bench/run.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    report = [table(results), ""]
    sections = section_table(results)
    if sections:
        report += ["Time per section (the render stage in parts, median s):", "", sections, ""]
    report += [f"Edition built: `{edition}`" if edition != "-" else "Edition built: all (no --edition flag)"]
    guess = extrapolate(results, 25000)
    if guess:
        report += [f"Extrapolation to 25,000 contributions from the two largest sizes measured (t ∝ N^{guess[2]:.2f}): "
                   f"about {guess[0]:.0f} s, {guess[3]:,} pages, {guess[1] / 1e9:.1f} GB peak."]
    report += ["", "```", *targets(results), "```", "", *machine(child, source, args.source_label), f"- command: `{command}`"]
    text = "\n".join(report)
    print()
    print(text)
    if args.write:
        write_results(text)
        print(f"\nupdated {RESULTS}")
    return 1 if any(m.error for m in results) else 0


if __name__ == "__main__":
    sys.exit(main())
