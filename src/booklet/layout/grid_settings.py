"""The layout's `glance:` block: how the schedule grid is drawn."""
from __future__ import annotations

from dataclasses import dataclass

from ..content.schema import Fields
from ..content.yamlio import YMap
from ..errors import Diagnostics
from .units import parse_length

GRID_FIELDS = ("minute", "min_block", "max_columns", "time_step", "show_chairs", "min_size", "axis", "header",
               "list_contributions", "axis_break")


@dataclass(frozen=True, slots=True)
class GridSpec:
    minute: float = 0.75            # points per minute, at least (blocks are proportional to duration)
    min_block: float = 12.0         # the shortest session is drawn at least this tall
    max_columns: int = 6            # more rooms than this: the day splits over facing pages
    time_step: int = 30             # minutes between time-axis lines and labels
    show_chairs: bool = True
    min_size: float = 6.5           # text shrinks from its style's size down to this, then wraps, then truncates
    axis: float = 30.0              # width of the time axis
    header: float = 20.0            # height of the room header row
    list_contributions: bool = True  # tall blocks list their contributions
    axis_break: int = 60            # minutes with nothing on, from this many, are drawn short (0: never)


def read_grid(m: YMap | None, diag: Diagnostics) -> GridSpec:
    if m is None:
        return GridSpec()
    f = Fields(m, "glance", diag, GRID_FIELDS)
    default = GridSpec()
    lengths = {}
    for key in ("minute", "min_block", "min_size", "axis", "header"):
        if f.has(key):
            value = parse_length(m[key])
            if value is None or value <= 0:
                f.error(key, f"must be a positive length such as 8pt or 3mm, got {m[key]!r}")
            else:
                lengths[key] = value
    axis_break = f.integer("axis_break", minimum=0)
    step = f.integer("time_step", minimum=5)
    if step is not None and 60 % step and step % 60:
        f.error("time_step", f"must divide an hour or be whole hours, got {step}")
        step = None
    return GridSpec(
        minute=lengths.get("minute", default.minute), min_block=lengths.get("min_block", default.min_block),
        max_columns=f.integer("max_columns", minimum=1) or default.max_columns,
        time_step=step or default.time_step, show_chairs=f.flag("show_chairs", default.show_chairs),
        min_size=lengths.get("min_size", default.min_size), axis=lengths.get("axis", default.axis),
        header=lengths.get("header", default.header),
        list_contributions=f.flag("list_contributions", default.list_contributions),
        axis_break=default.axis_break if axis_break is None else axis_break)
