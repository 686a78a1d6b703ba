"""A permission-denied abstract is reported as such, not as a missing file (issue 19, item 12)."""
from __future__ import annotations

import errno
from pathlib import Path

from booklet.cli import main


def test_an_abstract_without_read_permission_says_so(tiny_project, capsys, monkeypatch):
    real = Path.read_text

    def read_text(self, *args, **kwargs):
        if self.suffix == ".md":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    assert main(["check", str(tiny_project)]) == 1
    err = capsys.readouterr().err
    assert "Internal error" not in err and "abstracts/" in err, err
    assert "permission denied" in err.lower() and "no such file" not in err
