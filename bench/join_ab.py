"""A/B benchmark: booklet's hand-written PDF byte layer (pdf/join.py, output/editions.email over
pdf/update.Update) against the same steps written with pikepdf (qpdf).

    python bench/join_ab.py capture PROJECT DUMP [--layout NAME] [--jobs 2]
    python bench/join_ab.py run DUMP [--rounds 5] [--variants V1,V2,...] [--out results.json]
    python bench/join_ab.py check DUMP [--variants ...]

capture: builds PROJECT (e-mail edition) in this process with `booklet.pdf.join.join` and
    `booklet.output.editions.email` wrapped, and pickles what they were given (the two part PDFs and
    the join's arguments; the body PDF, the page sequence with its cover/insert PDFs as bytes,
    trim, info, language) and what they returned, into DUMP. Nothing in booklet is changed.
run: times each variant in a fresh child process (`one`), variants interleaved and shuffled
    per round; the child loads its inputs untimed and times only the step (perf_counter), the
    parent takes the child's peak RSS from wait4. A `load` variant gives the RSS baseline.
check: writes each variant's output to DUMP/out-<variant>.pdf and checks it: qpdf --check
    (CLI, else pikepdf's Pdf.check), pages, outline entries, every /Link /Dest leads to a page,
    every named destination exists, page labels, and pages rendered alike (pypdfium2) against
    today's output.

Variants: join:today, join:pk:<opts>, email:today, email:pk:<opts>, both:today (join then
email, as a build does), both:pk:<opts> (one pikepdf document: join, covers, one save).
<opts> is a key of SAVE_OPTIONS. `pkk` instead of `pk`: the same, but pages are put into the
flat /Kids array directly (copy_foreign per page) instead of through pikepdf's PageList
(extend/insert), which grows with pages x pages (21 s of 26 s at 25,000 contributions).
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

# Save options for pikepdf (linearize=False throughout). "dl0" = stream_decode_level none:
# streams are copied as they are (without it, compress_streams=False would inflate every
# Flate stream of the body).
SAVE_OPTIONS = {
    "defaults": {},
    "cs1-pre": {"compress_streams": True, "object_stream_mode": "preserve"},
    "cs1-pre-dl0": {"compress_streams": True, "object_stream_mode": "preserve", "stream_decode_level": "none"},
    "cs0-pre-dl0": {"compress_streams": False, "object_stream_mode": "preserve", "stream_decode_level": "none"},
    "cs1-dis-dl0": {"compress_streams": True, "object_stream_mode": "disable", "stream_decode_level": "none"},
    "cs0-dis-dl0": {"compress_streams": False, "object_stream_mode": "disable", "stream_decode_level": "none"},
    "cs1-gen": {"compress_streams": True, "object_stream_mode": "generate"},
    # reproducible output (booklet promises byte-identical builds): /ID from the file's contents
    "cs1-pre-dl0-det": {"compress_streams": True, "object_stream_mode": "preserve", "stream_decode_level": "none",
                        "deterministic_id": True},
}


# ------------------------------------------------------------------------------------------------
# capture
# ------------------------------------------------------------------------------------------------
def capture(project: Path, dump: Path, layout: str | None, jobs: int) -> None:
    import booklet
    from booklet.output import editions
    from booklet.pdf import join as pdfjoin

    dump.mkdir(parents=True, exist_ok=True)
    original_join, original_email = pdfjoin.join, editions.email

    def join(first, second=None, *, gap=0, outline=(), places=None, named=frozenset(), page_size=(0.0, 0.0)):
        t = time.perf_counter()
        out = original_join(first, second, gap=gap, outline=outline, places=places, named=named,
                            page_size=page_size)
        took = time.perf_counter() - t
        (dump / "part1.pdf").write_bytes(first)
        if second is not None:
            (dump / "part2.pdf").write_bytes(second)
        (dump / "body.pdf").write_bytes(out)
        args = {"gap": gap, "page_size": tuple(page_size), "named": sorted(named),
                "outline": [(e.title, e.level, e.anchor, e.closed) for e in outline],
                "places": {a: (p.page, p.left, p.top) for a, p in (places or {}).items()},
                "has_second": second is not None, "seconds_in_build": took}
        (dump / "join.pickle").write_bytes(pickle.dumps(args))
        return out

    def email(pages, body, trim, info, language):
        t = time.perf_counter()
        out = original_email(pages, body, trim, info, language)
        took = time.perf_counter() - t
        blobs: dict[int, bytes] = {}

        def art_page(page):
            if page is None:
                return None
            reader = page.pdf
            blobs.setdefault(id(reader), reader.stream.getvalue())
            return (id(reader), page.page_number)

        seq = [{"kind": p.kind, "prefix": p.label.prefix, "number": p.label.number, "source": p.source,
                "art": None if p.art is None else {"page": art_page(p.art.page), "trim": tuple(p.art.trim),
                                                   "bleed": p.art.bleed, "overlay": art_page(p.art.overlay)}}
               for p in pages]
        (dump / "email.pickle").write_bytes(pickle.dumps(
            {"pages": seq, "blobs": blobs, "trim": tuple(trim), "info": dict(info), "language": language,
             "seconds_in_build": took}))
        (dump / "email-body.pdf").write_bytes(body)
        (dump / "email-today.pdf").write_bytes(out)
        return out

    pdfjoin.join, editions.email = join, email
    try:
        kwargs = {"layout": layout} if layout else {}
        t = time.perf_counter()
        result = booklet.build(project, out_dir=dump / "build", edition="email", jobs=jobs, **kwargs)
        print(f"built {result.pages} pages in {time.perf_counter() - t:.1f} s; "
              f"render:join {result.timings.get('render:join', 0):.3f} s", file=sys.stderr)
    finally:
        pdfjoin.join, editions.email = original_join, original_email
    (dump / "timings.json").write_text(json.dumps(result.timings, indent=1))


# ------------------------------------------------------------------------------------------------
# inputs, as a step receives them in a build
# ------------------------------------------------------------------------------------------------
def load_join(dump: Path) -> dict:
    args = pickle.loads((dump / "join.pickle").read_bytes())
    args["first"] = (dump / "part1.pdf").read_bytes()
    args["second"] = (dump / "part2.pdf").read_bytes() if args["has_second"] else None
    return args


def load_email(dump: Path, kind: str) -> dict:
    """The e-mail step's inputs; cover and insert PDFs opened (pypdf for today, pikepdf for pk)
    before timing, as the assemble stage has opened them by then."""
    data = pickle.loads((dump / "email.pickle").read_bytes())
    data["body"] = (dump / "email-body.pdf").read_bytes()
    if kind == "today":
        from pypdf import PdfReader
        from booklet.output.artwork import Artwork
        from booklet.output.assemble import BookPage, Label
        readers = {k: PdfReader(io.BytesIO(v)) for k, v in data["blobs"].items()}
        page = (lambda ref: None if ref is None else readers[ref[0]].pages[ref[1]])
        data["pages"] = [BookPage(p["kind"], Label(p["prefix"], p["number"]),
                                  Artwork(page(p["art"]["page"]), p["art"]["trim"], p["art"]["bleed"],
                                          page(p["art"]["overlay"])), p["source"]) for p in data["pages"]]
    else:
        import pikepdf
        docs = {k: pikepdf.open(io.BytesIO(v)) for k, v in data["blobs"].items()}
        for p in data["pages"]:
            for key in ("page", "overlay"):
                ref = p["art"][key]
                p["art"][key] = None if ref is None else docs[ref[0]].pages[ref[1]]
        data["docs"] = docs
    return data


# ------------------------------------------------------------------------------------------------
# today's layer: booklet's own functions
# ------------------------------------------------------------------------------------------------
def today_join(a: dict) -> bytes:
    from booklet.pdf.join import OutlineEntry, Place, join
    return join(a["first"], a["second"], gap=a["gap"], page_size=a["page_size"], named=set(a["named"]),
                outline=[OutlineEntry(*e) for e in a["outline"]],
                places={k: Place(*v) for k, v in a["places"].items()})


def today_email(e: dict, body: bytes | None = None) -> bytes:
    from booklet.output.editions import email
    return email(e["pages"], body if body is not None else e["body"], e["trim"], e["info"], e["language"])


# ------------------------------------------------------------------------------------------------
# pikepdf
# ------------------------------------------------------------------------------------------------
def _save(pdf, opts: dict) -> bytes:
    import pikepdf
    kw = dict(opts)
    if "object_stream_mode" in kw:
        kw["object_stream_mode"] = getattr(pikepdf.ObjectStreamMode, kw["object_stream_mode"])
    if "stream_decode_level" in kw:
        kw["stream_decode_level"] = getattr(pikepdf.StreamDecodeLevel, kw["stream_decode_level"])
    out = io.BytesIO()
    pdf.save(out, linearize=False, **kw)
    return out.getvalue()


def _retag_fonts(pdf, letter: str) -> None:
    """AAAAAA+Name → ZAAAAA+Name in the fonts the pages (and their forms) use, as pdf/join.py does."""
    from pikepdf import Name
    seen: set = set()

    def rename(d, key):
        value = d.get(key)
        if isinstance(value, Name) and len(str(value)) > 8 and str(value)[7] == "+":
            d[key] = Name("/" + letter + str(value)[2:])

    def resources(res, depth=0):
        if res is None or depth > 4 or (res.is_indirect and res.objgen in seen):
            return
        if res.is_indirect:
            seen.add(res.objgen)
        for font in (res.get("/Font") or {}).values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            rename(font, "/BaseFont")
            for desc in [font.get("/FontDescriptor")] + [f.get("/FontDescriptor")
                                                           for f in font.get("/DescendantFonts", [])]:
                if desc is not None:
                    rename(desc, "/FontName")
        for xobject in (res.get("/XObject") or {}).values():
            if xobject.objgen not in seen and xobject.get("/Subtype") == "/Form":
                seen.add(xobject.objgen)
                resources(xobject.get("/Resources"), depth + 1)

    for page in pdf.pages:
        resources(page.obj.get("/Resources"))


def _pk_join_doc(a: dict, direct: bool = False):
    """The joined body as a pikepdf document (not saved). `direct`: part 2's pages copied one by one
    with copy_foreign and appended to the (flat) /Kids array, instead of PageList.extend, which
    took 21 s for 14,000 pages (it grows with pages x pages)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name
    pdf = pikepdf.open(io.BytesIO(a["first"]))
    w, h = a["page_size"]
    second = None
    if a["second"] is not None:
        second = pikepdf.open(io.BytesIO(a["second"]))
        _retag_fonts(second, "Z")
    if direct:
        tree = pdf.Root.Pages
        kids = list(tree.Kids)
        kids += [pdf.make_indirect(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, w, h]), Resources=Dictionary(),
                                              Parent=tree)) for _ in range(a["gap"])]
        if second is not None:
            for page in second.Root.Pages.Kids:       # ReportLab writes one flat /Pages node
                local = pdf.copy_foreign(page)
                local.Parent = tree
                kids.append(local)
        tree.Kids = Array(kids)
        tree.Count = len(kids)
    else:
        for _ in range(a["gap"]):
            pdf.pages.append(pikepdf.Page(pdf.make_indirect(Dictionary(
                Type=Name.Page, MediaBox=Array([0, 0, w, h]), Resources=Dictionary()))))
        if second is not None:
            with warnings.catch_warnings():       # named destinations: written below, as pdf/join.py does
                warnings.simplefilter("ignore")
                pdf.pages.extend(second.pages)
        kids = [p.obj for p in pdf.pages]

    def dest(anchor):
        page, left, top = a["places"][anchor]
        return Array([kids[page], Name.XYZ, left, top, 0])

    if a["outline"]:
        root: list = []
        path = [(-1, root)]
        for title, level, anchor, closed in a["outline"]:
            while path[-1][0] >= level:
                path.pop()
            item = pikepdf.OutlineItem(title, dest(anchor))
            item.is_closed = closed
            path[-1][1].append(item)
            path.append((level, item.children))
        with pdf.open_outline() as outline:
            outline.root.extend(root)
        pdf.Root.PageMode = Name.UseOutlines
    if a["named"]:
        pdf.Root.Dests = pdf.make_indirect(Dictionary({"/" + n: dest(n) for n in a["named"]}))
    return pdf


def _label_nums(pages: list[dict]):
    """The catalog's /PageLabels /Nums, as assemble.label_tree makes it."""
    from pikepdf import Array, Dictionary, Name, String
    nums = Array()
    previous = None
    for start, p in enumerate(pages):
        label = (p["prefix"], p["number"])
        if previous and label[1] is not None and previous[1] is not None and label[0] == previous[0] \
                and label[1] == previous[1] + 1:
            previous = label
            continue
        previous = label
        entry = Dictionary()
        if label[1] is not None:
            entry.S = Name.D
            if label[1] != 1:
                entry.St = label[1]
        if label[0]:
            entry.P = String(label[0])
        nums.extend([start, entry])
    return nums


def _pk_email_on(pdf, e: dict, direct: bool = False) -> None:
    """Covers and inserts placed as forms between the body's pages, labels, language, metadata.
    `direct`: a new flat /Kids array instead of PageList.insert."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String
    w, h = e["trim"]
    forms: dict = {}

    def form(page, clip):
        key = (id(page), page.obj.objgen, tuple(round(v, 3) for v in clip))
        if key not in forms:
            f = pdf.copy_foreign(page.as_form_xobject())
            f.BBox = Array(list(clip))
            forms[key] = f
        return forms[key]

    body = list(pdf.Root.Pages.Kids) if direct else list(pdf.pages)
    inserted = []
    for index, p in enumerate(e["pages"]):
        if p["kind"] == "body":
            continue
        art = p["art"]
        placed = []
        if art["page"] is not None:
            x, y = art["trim"]
            placed.append((form(art["page"], (x, y, x + w, y + h)), -x, -y))
            if art["overlay"] is not None:
                placed.append((form(art["overlay"], (0.0, 0.0, w, h)), 0.0, 0.0))
        ops = "".join(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm /P{i} Do Q\n" for i, (_, dx, dy) in enumerate(placed))
        page = Dictionary(Type=Name.Page, MediaBox=Array([0, 0, w, h]),
                          Resources=Dictionary(XObject=Dictionary({f"/P{i}": f for i, (f, _, _) in
                                                                   enumerate(placed)})),
                          Contents=pdf.make_stream(ops.encode("ascii")))
        links = _web_links(pdf, art, (w, h))
        if links:
            page.Annots = links
        inserted.append((index, pikepdf.Page(pdf.make_indirect(page))))
    # body pages keep their order; the new ones go in at their places
    if len(body) + len(inserted) != len(e["pages"]):
        raise ValueError("page sequence does not match the body")
    if direct:
        tree = pdf.Root.Pages
        new = dict(inserted)
        kids = []
        body_pages = iter(body)
        for index in range(len(e["pages"])):
            if index in new:
                new[index].obj.Parent = tree
                kids.append(new[index].obj)
            else:
                kids.append(next(body_pages))
        tree.Kids = Array(kids)
        tree.Count = len(kids)
    else:
        for index, page in inserted:
            pdf.pages.insert(index, page)
    pdf.Root.PageLabels = Dictionary(Nums=_label_nums(e["pages"]))
    pdf.Root.Lang = String(e["language"])
    pdf.Root.PageMode = Name.UseOutlines
    info = {**e["info"], "/Producer": "booklet (ReportLab, pikepdf)"}
    pdf.trailer.Info = pdf.make_indirect(Dictionary({k: String(v) for k, v in info.items()}))


def _web_links(pdf, art: dict, size):
    """Web links of the artwork, moved with it (placing.Placer.web_links)."""
    from pikepdf import Array, Dictionary, Name
    page = art["page"]
    if page is None or "/Annots" not in page.obj:
        return None
    (x, y), (w, h) = art["trim"], size
    links = Array()
    for annot in page.obj.Annots:
        action = annot.get("/A")
        if annot.get("/Subtype") != Name.Link or action is None or "/URI" not in action:
            continue
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
        if x1 < x or y1 < y or x0 > x + w or y0 > y + h:
            continue
        links.append(pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([x0 - x, y0 - y, x1 - x, y1 - y]),
            Border=Array([0, 0, 0]), A=_copied(pdf, action))))
    return links or None


def _copied(pdf, obj):
    """A foreign object copied into `pdf` (copy_foreign takes indirect objects only)."""
    from pikepdf import Array, Dictionary
    if obj.is_indirect:
        return pdf.copy_foreign(obj)
    if isinstance(obj, Dictionary):
        return Dictionary({k: _copied(pdf, v) for k, v in obj.items()})
    if isinstance(obj, Array):
        return Array([_copied(pdf, v) for v in obj])
    return obj


def pk_join(a: dict, opts: dict, direct: bool = False) -> bytes:
    return _save(_pk_join_doc(a, direct), opts)


def pk_email(e: dict, opts: dict, direct: bool = False) -> bytes:
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(e["body"]))
    _pk_email_on(pdf, e, direct)
    return _save(pdf, opts)


def pk_both(a: dict, e: dict, opts: dict, direct: bool = False) -> bytes:
    pdf = _pk_join_doc(a, direct)
    _pk_email_on(pdf, e, direct)
    return _save(pdf, opts)


# ------------------------------------------------------------------------------------------------
# one variant in this process
# ------------------------------------------------------------------------------------------------
def prepare(dump: Path, variant: str):
    """(the timed step as a zero-argument function, a description), inputs loaded."""
    step, kind, opts_name = (variant.split(":") + ["", ""])[:3]
    opts = SAVE_OPTIONS.get(opts_name, {})
    if step == "load":
        load_join(dump), load_email(dump, "today")
        return (lambda: b""), "inputs only"
    direct = kind == "pkk"
    if step == "join":
        a = load_join(dump)
        return (lambda: today_join(a)) if kind == "today" else (lambda: pk_join(a, opts, direct)), variant
    if step == "email":
        e = load_email(dump, kind)
        return (lambda: today_email(e)) if kind == "today" else (lambda: pk_email(e, opts, direct)), variant
    if step == "both":
        a, e = load_join(dump), load_email(dump, kind)
        if kind == "today":
            return (lambda: today_email(e, today_join(a))), variant
        return (lambda: pk_both(a, e, opts, direct)), variant
    raise SystemExit(f"unknown variant {variant}")


def one(dump: Path, variant: str, write: str | None) -> None:
    """Time the step twice: `first` (cold: lazy imports inside the libraries, as in a build) and
    `seconds` (warm; the figure reported). Modules are imported before either, untimed."""
    import booklet.output.editions, booklet.output.placing, booklet.pdf.join  # noqa: E401,F401
    if ":pk" in variant:   # pk and pkk
        import pikepdf, pikepdf.models.outlines  # noqa: E401,F401
    fn, _ = prepare(dump, variant)
    gc.collect()
    t = time.perf_counter()
    data = fn()
    first = time.perf_counter() - t
    if write:
        Path(write).write_bytes(data)
    del data
    gc.collect()
    t = time.perf_counter()
    data = fn()
    took = time.perf_counter() - t
    print(json.dumps({"variant": variant, "seconds": took, "first": first, "bytes": len(data),
                      "sha256": hashlib.sha256(data).hexdigest()}))


def run(dump: Path, rounds: int, variants: list[str], out: Path | None) -> None:
    rows = []
    meta = {"nproc": os.cpu_count(), "load_before": os.getloadavg(), "dump": str(dump)}
    for r in range(rounds):
        order = list(variants)
        random.Random(r).shuffle(order)
        for variant in order:
            proc = subprocess.Popen([sys.executable, __file__, "one", str(dump), variant],
                                    stdout=subprocess.PIPE, text=True)
            output = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f"{variant} failed")
            row = json.loads(output)
            row.update(round=r, maxrss_mb=usage.ru_maxrss / 1024)
            rows.append(row)
        print(f"round {r + 1}/{rounds}, load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
    meta["load_after"] = os.getloadavg()
    summary = summarise(rows, variants)
    if out:
        out.write_text(json.dumps({"meta": meta, "rows": rows, "summary": summary}, indent=1))
    print(f"nproc {meta['nproc']}, load before {meta['load_before']}, after {meta['load_after']}")
    print(f"{'variant':28} {'median s':>9} {'min s':>8} {'max s':>8} {'vs today':>9} {'cold s':>7} {'MB out':>8} "
          f"{'peak RSS MB':>11} same-bytes")
    for v, s in summary.items():
        ratio = f"{s['ratio']:.2f}x" if s["ratio"] is not None else ""
        print(f"{v:28} {s['median']:9.3f} {s['min']:8.3f} {s['max']:8.3f} {ratio:>9} {s['first_median']:7.3f} "
              f"{s['bytes'] / 1e6:8.2f} {s['maxrss_mb']:11.0f} {s['same_bytes_each_run']}")


def summarise(rows, variants):
    summary = {}
    for v in variants:
        mine = [r for r in rows if r["variant"] == v]
        summary[v] = {"median": statistics.median(r["seconds"] for r in mine),
                      "first_median": statistics.median(r["first"] for r in mine),
                      "min": min(r["seconds"] for r in mine), "max": max(r["seconds"] for r in mine),
                      "bytes": mine[0]["bytes"], "maxrss_mb": statistics.median(r["maxrss_mb"] for r in mine),
                      "n": len(mine), "same_bytes_each_run": len({r["sha256"] for r in mine}) == 1}
    for v, s in summary.items():
        step = v.split(":")[0]
        base = summary.get(f"{step}:today")
        s["ratio"] = s["median"] / base["median"] if base and step != "load" else None
    return summary


# ------------------------------------------------------------------------------------------------
# check
# ------------------------------------------------------------------------------------------------
def check(dump: Path, variants: list[str]) -> None:
    import pikepdf
    import pypdfium2 as pdfium
    results = {}
    reference = {}
    for variant in variants:
        path = dump / f"out-{variant.replace(':', '_')}.pdf"
        subprocess.run([sys.executable, __file__, "one", str(dump), variant, "--write", str(path)], check=True,
                       stdout=subprocess.DEVNULL)
        step = variant.split(":")[0]
        info = inspect(path)
        if shutil.which("qpdf"):
            done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
            info["qpdf_check"] = "ok" if done.returncode == 0 else f"exit {done.returncode}: " + \
                (done.stdout + done.stderr).strip().splitlines()[-1]
        else:
            with pikepdf.open(path) as pdf:
                problems = pdf.check()
            info["qpdf_check"] = "ok" if not problems else "; ".join(map(str, problems[:3]))
        data = path.read_bytes()
        if step == "email":
            info["incremental_update_of_body"] = data.startswith((dump / "email-body.pdf").read_bytes())
        if step == "join":
            info["incremental_update_of_part1"] = data.startswith((dump / "part1.pdf").read_bytes())
        if variant.endswith(":today"):
            reference[step] = path
        elif step in reference:
            info["renders_like_today"] = same_rendering(reference[step], path, pdfium)
            ref = results[f"{step}:today"]
            info["same_structure_as_today"] = all(info[k] == ref[k] for k in
                                                  ("pages", "outline", "links", "named", "labels"))
        results[variant] = info
        print(variant, json.dumps(info), flush=True)
    (dump / "check.json").write_text(json.dumps(results, indent=1))


def inspect(path: Path) -> dict:
    """Pages, outline titles (hashed), links and where they lead, named destinations, labels."""
    import pikepdf
    with pikepdf.open(path) as pdf:
        pages = {p.obj.objgen for p in pdf.pages}
        dests = pdf.Root.get("/Dests")
        named = {str(k): v for k, v in dests.items()} if dests is not None else {}
        links = bad = named_links = 0
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                links += 1
                d = annot.get("/Dest")
                if isinstance(d, pikepdf.Name):
                    named_links += 1
                    d = named.get(str(d))
                    if d is None:
                        bad += 1
                        continue
                if isinstance(d, pikepdf.Array) and d[0].objgen not in pages:
                    bad += 1
        titles, bad_outline = [], 0
        stack = list(reversed(pdf.open_outline().root))   # read only: never saved
        while stack:
            item = stack.pop()
            titles.append(item.title)
            d = item.destination
            if not (isinstance(d, pikepdf.Array) and d[0].objgen in pages):
                bad_outline += 1
            stack.extend(reversed(item.children))
        labels = [str(pdf.pages[i].label) for i in range(len(pdf.pages))] if len(pdf.pages) < 50 else \
            [str(pdf.pages[i].label) for i in (0, 1, 2, 3, 4, 5, len(pdf.pages) - 2, len(pdf.pages) - 1)]
        return {"pages": len(pdf.pages), "outline": len(titles),
                "outline_sha": hashlib.sha256("\n".join(titles).encode()).hexdigest()[:12],
                "outline_dest_not_a_page": bad_outline, "links": links, "links_to_names": named_links,
                "links_leading_nowhere": bad, "named": len(named), "labels": labels,
                "lang": str(pdf.Root.get("/Lang")), "title": str(pdf.docinfo.get("/Title")),
                "bytes": path.stat().st_size}


def same_rendering(a: Path, b: Path, pdfium, samples: int = 12) -> bool | str:
    da, db = pdfium.PdfDocument(str(a)), pdfium.PdfDocument(str(b))
    if len(da) != len(db):
        return "page counts differ"
    n = len(da)
    picks = sorted({0, 1, 2, n // 2, n // 2 + 1, n - 3, n - 2, n - 1} |
                   {round(i * (n - 1) / samples) for i in range(samples)})
    for i in picks:
        ia = da[i].render(scale=0.75).to_pil().tobytes()
        ib = db[i].render(scale=0.75).to_pil().tobytes()
        if ia != ib:
            return f"page {i} differs"
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("capture")
    c.add_argument("project", type=Path)
    c.add_argument("dump", type=Path)
    c.add_argument("--layout")
    c.add_argument("--jobs", type=int, default=2)
    r = sub.add_parser("run")
    r.add_argument("dump", type=Path)
    r.add_argument("--rounds", type=int, default=5)
    r.add_argument("--variants", default="join:today,join:pk:cs1-pre-dl0,email:today,email:pk:cs1-pre-dl0")
    r.add_argument("--out", type=Path)
    k = sub.add_parser("check")
    k.add_argument("dump", type=Path)
    k.add_argument("--variants", default="join:today,join:pk:cs1-pre-dl0,email:today,email:pk:cs1-pre-dl0")
    o = sub.add_parser("one")
    o.add_argument("dump", type=Path)
    o.add_argument("variant")
    o.add_argument("--write")
    args = parser.parse_args()
    if args.command == "capture":
        capture(args.project, args.dump, args.layout, args.jobs)
    elif args.command == "run":
        run(args.dump, args.rounds, args.variants.split(","), args.out)
    elif args.command == "check":
        check(args.dump, args.variants.split(","))
    else:
        one(args.dump, args.variant, args.write)


if __name__ == "__main__":
    main()
