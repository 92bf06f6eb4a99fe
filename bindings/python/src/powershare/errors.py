"""The exceptions of powershare.

Every failure of the C library becomes an instance of a subclass of
:class:`Error`, which carries what the library said: ``code`` (the
library's negative ``PS_E...`` code), ``file``, ``line`` and ``column``
(where in the input the problem is, when it comes from a file or a text;
``None``/``0`` otherwise) and the message. The subclasses also derive from
the built-in exception a Python user would expect (``ValueError`` for bad
input, ``OSError`` for a file that cannot be read), so ``except ValueError``
works too.
"""

from __future__ import annotations

from typing import Optional

from . import _core


class Error(Exception):
    """A failure reported by powershare's C library."""

    code: int
    file: Optional[str]
    line: int
    column: int

    def __init__(self, message: str, code: int = 0, file: Optional[str] = None,
                 line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class UsageError(Error, ValueError):
    """The arguments of a call are wrong (PS_EINVAL)."""


class FileError(Error, OSError):
    """A file could not be opened, read or written (PS_EIO)."""


class ParseError(Error, ValueError):
    """The input is not well-formed JSON or CSV (PS_EPARSE)."""


class DataError(Error, ValueError):
    """The input is well-formed but its content is invalid (PS_EDATA)."""


class TieError(Error):
    """A tie decides a result and the policy is to refuse (PS_ETIE)."""


class TooLargeError(Error):
    """A number or a problem is too large to handle exactly (PS_ERANGE)."""


class Cancelled(Error):
    """The work was stopped before it was done (PS_ECANCELED).

    Ctrl-C (SIGINT) during a long call stops it; with Python's usual
    handler that raises :class:`KeyboardInterrupt`, and this class is only
    seen when the program's own SIGINT handler returns without raising.
    """


_core._register_errors({-2: UsageError, -3: FileError, -4: ParseError,
                        -5: DataError, -6: TieError, -7: TooLargeError,
                        -8: Cancelled})
