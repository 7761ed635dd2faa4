"""One exception hierarchy for every stage.

Each message says what went wrong, where (file, line, URL) and what the user can do about it.
The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``; ``--debug`` adds the
traceback.
"""

from __future__ import annotations


class MwmigrateError(Exception):
    """Base of every error mwmigrate raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(MwmigrateError):
    """The command line or a setting asks for something impossible."""

    exit_code = 2


class InputError(MwmigrateError):
    """An input file is unreadable, malformed or not what it claims to be."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        where = path
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.line = line
        self.column = column


class WXRError(InputError):
    """A WXR export file cannot be read (malformed XML, not WXR, truncated...)."""


class FetchError(MwmigrateError):
    """A URL could not be fetched after retries."""

    exit_code = 4

    def __init__(self, message: str, *, url: str = "", status: int | None = None, hint: str = "") -> None:
        super().__init__(f"{url}: {message}" if url else message, hint=hint)
        self.url = url
        self.status = status


class ArchiveError(MwmigrateError):
    """The archive cannot be written (unsafe path, disk full, permissions...)."""

    exit_code = 5


class UnsafePathError(ArchiveError):
    """A path derived from input data would escape the output folder."""
