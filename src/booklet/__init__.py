"""booklet: compile a conference programme into a PDF programme booklet."""
from __future__ import annotations

__version__ = "0.1.0"

from .typeset import speedups  # noqa: E402

speedups.import_paragraph_module()   # before anything imports it: see typeset/speedups.py

from .build import BuildResult, build  # noqa: E402

__all__ = ["BuildResult", "build", "__version__"]
