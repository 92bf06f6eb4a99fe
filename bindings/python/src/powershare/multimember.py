"""Multi-member plurality: the single non-transferable vote (SNTV), the block
vote and the limited vote, counted from candidates' votes.

In each district of M seats the M candidates with the most votes win,
whatever their party (docs/apportionment.md, "Single non-transferable vote
and block vote"). The module is named for what it counts; the function is
:func:`powershare.plurality`.
"""

from __future__ import annotations

import math
import numbers
import os
import tempfile
from typing import Any, Mapping, Optional, Union

import pandas as pd

from . import _core
from .errors import Error, UsageError

_COLUMNS = ("district", "candidate", "party", "votes", "seats")

Candidates = Union[pd.DataFrame, str, bytes, os.PathLike]
Seats = Union[None, int, Mapping[str, int], pd.DataFrame, str, os.PathLike]


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def _text(v: Any) -> str:
    """One CSV cell: numbers as integers where they are whole (a float
    column, or NaN beside integers), quotes only where needed."""
    if _missing(v):
        return ""
    if isinstance(v, numbers.Real) and not isinstance(v, (bool, numbers.Integral)) \
            and float(v).is_integer():
        s = str(int(v))
    else:
        s = str(v)
    if any(c in s for c in ',"\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


class _Table:
    """A DataFrame written as the CSV the library reads, remembering where
    each cell starts so that an error's line and column name the row and
    the column of the frame."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.names = [c for c in frame.columns if str(c).lower() in _COLUMNS]
        self.index = list(frame.index)
        header = [_text(str(c)) for c in self.names]
        lines = [",".join(header)]
        self.starts = [self._starts(header)]
        for row in frame[self.names].itertuples(index=False, name=None):
            cells = [_text(v) for v in row]
            lines.append(",".join(cells))
            self.starts.append(self._starts(cells))
        self.bytes = ("\n".join(lines) + "\n").encode("utf-8")

    @staticmethod
    def _starts(cells: list) -> list:
        out, at = [], 1
        for c in cells:
            out.append(at)
            at += len(c) + 1
        return out

    def where(self, line: int, column: int) -> Optional[tuple]:
        """(row label or None for the header, column name) of a cell, or
        None when the line is not one of the table's (a quoted line break)."""
        if not 1 <= line <= len(self.starts) or len(self.starts) != len(self.index) + 1:
            return None
        starts = self.starts[line - 1]
        k = max((i for i, s in enumerate(starts) if s <= column), default=0)
        name = self.names[k] if k < len(self.names) else None
        return (None if line == 1 else self.index[line - 2], name)


def _candidates_bytes(candidates: Candidates) -> tuple:
    if isinstance(candidates, pd.DataFrame):
        table = _Table(candidates)
        return table.bytes, "<DataFrame>", table
    if isinstance(candidates, bytes):
        return candidates, "<bytes>", None
    if isinstance(candidates, str) and "\n" in candidates:
        return candidates.encode("utf-8"), "<text>", None
    source = os.fspath(candidates)
    try:
        with open(source, "rb") as f:
            return f.read(), source, None
    except OSError as e:
        from .errors import FileError
        raise FileError(e.strerror or str(e), -3, source) from None


def _with_row(e: Error, table: Optional[_Table]) -> Error:
    """e again, its message also naming the DataFrame's row and column."""
    if table is None or not e.line or e.file != "<DataFrame>":
        return e
    at = table.where(e.line, e.column)
    if at is None:
        return e
    row, name = at
    if row is None or name is None:  # the header's errors name their column already
        return e
    said = f"row {row!r}, column '{name}'"
    out = type(e)(f"{e.message} ({said})", e.code, e.file, e.line, e.column)
    out.row, out.column_name = row, name
    return out


def plurality(candidates: Candidates, seats: Seats = None, method: str = "sntv",
              ties: str = "error", seed: Optional[int] = None) -> pd.DataFrame:
    """Counts a multi-member plurality election: in each district of M
    seats the M candidates with the most votes win (docs/apportionment.md,
    "Single non-transferable vote and block vote").

    ``candidates``: a DataFrame with the columns ``candidate``, ``party``,
    ``votes`` and optionally ``district`` and ``seats`` (the district's
    magnitude; rows of a district that give it must agree, others may
    leave it empty), other columns being left out; or the path of such a
    CSV file, or its text (a ``str`` holding a line break, or ``bytes``).
    An independent is a party cell like any other (``"Independent"``).

    ``seats``: the magnitudes when the table has no ``seats`` column: an
    int for a table of one district (no ``district`` column), else a dict
    of district -> seats, a DataFrame with ``district`` and ``seats``, or
    the path of a ``district,seats`` CSV, naming every district once.

    ``method``: ``"sntv"`` (each voter casts one vote: Japan's House of
    Councillors districts), ``"block-vote"`` (as many votes as seats:
    English multi-member wards) or ``"limited-vote"`` (fewer votes than
    seats: Spain's Senate). The count is the same; the method says where
    the figures come from. ``ties``: candidates level for the last seat(s)
    of a district raise :class:`TieError` (``"error"``), or the seats go to
    those listed first (``"first"``) or are drawn with ``seed``
    (``"random"``; ``None`` is seed 0, so a count is repeatable).

    Bad input raises :class:`DataError` or :class:`ParseError` with
    ``file``, ``line`` and ``column`` of the cell; for a DataFrame the file
    is ``"<DataFrame>"``, line 1 is the header and line k + 2 its k-th row,
    and the exception's ``row`` (the index label) and ``column_name`` name
    the cell (the message says them too). Missing or inconsistent
    ``seats`` raise :class:`UsageError`.

    Returns one row per candidate, in the table's order: district (``""``
    for a table of one district), candidate, party, votes, rank (1-based
    place in the district, after any tie was settled) and elected (bool).
    ``attrs`` holds ``method``, ``ballot`` (what each voter casts),
    ``seats`` and ``votes_total`` (all districts'), ``parties`` (a DataFrame:
    party, candidates, votes, seats; the seats by party), ``districts`` (a
    DataFrame: district, seats, votes, candidates) and ``ties`` (a list of
    dicts: district, first_seat, last_seat, tied, winners; empty unless a
    tie was broken).

    >>> t = pd.DataFrame({"candidate": ["Sato", "Ito", "Kato", "Abe"],
    ...                   "party": ["A", "B", "B", "C"],
    ...                   "votes": [500, 300, 280, 290]})
    >>> r = plurality(t, seats=2)
    >>> r[r["elected"]]["candidate"].tolist()
    ['Sato', 'Ito']
    >>> r.attrs["parties"]["seats"].tolist()
    [1, 1, 0]
    """
    text, source, table = _candidates_bytes(candidates)
    n, seats_path, seats_name, tmp = 0, None, None, None
    if seats is None:
        pass
    elif isinstance(seats, numbers.Integral) and not isinstance(seats, bool):
        n = int(seats)
        if n < 1:
            raise UsageError(f"seats: expected a positive number, got {n}", -2)
    elif isinstance(seats, (str, os.PathLike)):
        seats_path = os.fspath(seats)
    elif isinstance(seats, (Mapping, pd.DataFrame)):
        if isinstance(seats, pd.DataFrame):
            if not {"district", "seats"} <= set(seats.columns):
                raise UsageError("seats: a DataFrame of district seats has the columns "
                                 "district and seats", -2)
            pairs = list(zip(seats["district"], seats["seats"]))
        else:
            pairs = list(seats.items())
        body = "district,seats\n" + "".join(f"{_text(str(d))},{_text(s)}\n" for d, s in pairs)
        tmp = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False)
        with tmp:
            tmp.write(body.encode("utf-8"))
        seats_path, seats_name = tmp.name, "<seats>"
    else:
        raise UsageError("seats: expected an int, a dict or DataFrame of district seats, "
                         f"or a path, got {type(seats).__name__}", -2)
    try:
        r = _core.plurality(text, source, n, seats_path, seats_name, str(method), str(ties),
                            int(seed) if seed is not None else 0)
    except Error as e:
        raise _with_row(e, table) from None
    finally:
        if tmp is not None:
            os.unlink(tmp.name)
    c = r["candidates"]
    out = pd.DataFrame({k: c[k] for k in ("district", "candidate", "party", "votes", "rank",
                                          "elected")})
    out.attrs.update(method=r["method"], ballot=r["ballot"], seats=r["seats"],
                     votes_total=r["votes"], parties=pd.DataFrame(r["parties"]),
                     districts=pd.DataFrame(r["districts"]), ties=r["ties"])
    return out
