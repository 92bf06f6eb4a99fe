"""Turning the C library's results (plain dicts from the compiled core)
into pandas DataFrames, with exact values as :class:`fractions.Fraction`
beside their floats."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Dict, List, Optional, Sequence

import pandas as pd


def fraction(pair: Optional[Sequence[int]]) -> Optional[Fraction]:
    """``(num, den)`` as a Fraction; ``None`` stays ``None``."""
    if pair is None:
        return None
    return Fraction(int(pair[0]), int(pair[1]))


def power_method(exact: bool, method: Optional[str]) -> str:
    """The core's method name for ``power(exact=..., method=...)``:
    ``method`` (``"exact"``, ``"approx"`` or ``"float"``; the core checks
    it) when given, else ``exact``."""
    if method is None:
        return "auto" if exact else "approx"
    return method


def power_columns(result: Dict[str, Any]) -> Dict[str, List[Any]]:
    """The columns of a power result: for each index its float value, its
    exact value (``<index>_exact``, a Fraction; ``None`` for Monte Carlo
    estimates) and, for estimates, the half-width of the confidence
    interval (``<index>_half_width``), or for the floating-point mode the
    proven bound on the value's error (``<index>_error_bound``)."""
    cols: Dict[str, List[Any]] = {}
    for name, rows in result["values"].items():
        cols[name] = [value for _, value, _ in rows]
        if result["exact"]:
            cols[name + "_exact"] = [fraction(pair) for pair, _, _ in rows]
        elif result["samples"] == 0:  # floating point: bounds, not intervals
            cols[name + "_error_bound"] = [bound for _, _, bound in rows]
        else:
            cols[name + "_half_width"] = [None if math.isnan(hw) else hw
                                          for _, _, hw in rows]
    return cols


def power_frame(result: Dict[str, Any], first: Dict[str, List[Any]]) -> pd.DataFrame:
    """A DataFrame of ``first``'s columns (the players) then the power
    columns; ``attrs`` keeps whether the values are exact, the method and,
    for estimates, the note saying why."""
    frame = pd.DataFrame({**first, **power_columns(result)})
    frame.attrs.update(exact=result["exact"], method=result["method"],
                       note=result["note"])
    return frame


def coalitions_frame(coalition_set: Optional[Dict[str, Any]],
                     names: Dict[str, str]) -> pd.DataFrame:
    """One row per (theory, ranked coalition): the theory, the rank, the
    members (a tuple of ids), their names joined by " + ", the seats, the
    surplus, the critical members and the theory's score."""
    columns = ["theory", "rank", "members", "names", "seats", "surplus",
               "critical", "score"]
    if coalition_set is None:
        return pd.DataFrame(columns=columns)
    rows = []
    items = coalition_set["items"]
    for theory, t in coalition_set["theories"].items():
        for index, rank, score in t["ranked"]:
            c = items[index]
            rows.append((theory, rank, tuple(c["members"]),
                         " + ".join(names[m] for m in c["members"]), c["seats"],
                         c["surplus"], tuple(c["critical"]), score))
    frame = pd.DataFrame(rows, columns=columns)
    frame.attrs.update(quota=coalition_set["quota"],
                       minimal_winning=coalition_set["minimal_winning"])
    return frame


def government_frame(g: Dict[str, Any]) -> pd.DataFrame:
    """The members of a judged government, one row each."""
    rows = []
    for m in g["members"]:
        rows.append({
            "party": m["id"], "seats": m["seats"],
            "seat_share": fraction(m["seat_share"]),
            "status": "critical" if m["critical"] else "surplus" if m["surplus"] else "",
            "posts": m["posts"], "post_share": fraction(m["post_share"]),
            "swings": m["swings"],
            "banzhaf": fraction(m["banzhaf"]),
            "shapley_shubik": fraction(m["shapley_shubik"]),
        })
    return pd.DataFrame(rows)
