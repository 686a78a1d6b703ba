"""The one exception importers raise for problems in the source or the command line."""
from __future__ import annotations

from ..errors import BookletError


class ImporterError(BookletError):
    """A source that cannot be imported, or an output folder that may not be written.

    The message names the file and, where the parser knows them, the line and column.
    """

    category = "Import error"
