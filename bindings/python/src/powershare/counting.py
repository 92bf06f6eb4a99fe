"""The single transferable vote: a count from a ballot file (BLT).

Every figure of a count is exact to the rules' decimal places (5 under the
Scottish and Irish rules, 9 under Meek's), so they are
:class:`decimal.Decimal` values here, never floats: ``Decimal("2345.50541")``.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Optional, Union

import pandas as pd

from . import _core

_SHEET_ROWS = ("Non-transferable votes", "Non-transferable votes due to rounding")


def _decimal(units: int, scale: int) -> Decimal:
    """units / scale (a power of ten) as a Decimal with its places: 0.00000."""
    places = len(str(scale)) - 1
    sign, u = ("-" if units < 0 else ""), abs(units)
    return Decimal(f"{sign}{u // scale}.{u % scale:0{places}d}")


def stv(ballots: Union[str, bytes, os.PathLike], rule: str = "scottish",
        seats: Optional[int] = None, ties: str = "error", seed: int = 0) -> pd.DataFrame:
    """Counts a single transferable vote election (docs/apportionment.md,
    "Single transferable vote").

    ``ballots``: the path of a BLT file, or its text (a ``str`` holding a
    line break, or ``bytes``). ``rule``: ``"scottish"`` (Scottish local
    government elections: weighted inclusive Gregory, transfer values cut
    to 5 decimal places), ``"irish"`` (also ``"ireland"``, ``"dail"``: Dail
    elections, whole papers, deferred surpluses, several candidates
    excluded together) or ``"meek"`` (also ``"meek-prf"``: the PR
    Foundation's reference Meek rule, keep factors iterated to 9 decimal
    places; a stage is a round). ``seats``: seats to fill (default: the
    file's).
    ``ties``: a tie that the rules leave to lot raises :class:`TieError`
    (``"error"``), favours the candidate listed first (``"first"``) or is
    drawn with ``seed`` (``"random"``). A malformed file raises
    :class:`ParseError` or :class:`DataError` with ``file``, ``line`` and
    ``column``.

    Returns one row per candidate, in ballot-paper order: candidate,
    affiliation, status (elected, excluded, not elected, withdrawn), stage
    (of election or exclusion; 0 otherwise), order (of election; 0 if not
    elected), last_vacancies (elected as one of the last vacancies, perhaps
    under the quota) and votes (at the end, a Decimal). ``attrs`` holds
    ``title``, ``rule``, ``seats``, ``ballots``, ``valid``, ``ignored``
    (ballots without a standing candidate), ``quota`` (Decimal; Meek's at
    the end), ``elected`` (names in order of election), ``sheet`` (the count
    sheet: a DataFrame whose rows are the standing candidates and the
    official sheet's two non-transferable rows, plus a ``Quota`` row under
    Meek's rule, whose columns are the stages 1, 2, ...), ``keep`` (Meek:
    the keep factors, a DataFrame with the candidates' rows of ``sheet``;
    None under the other rules), ``actions`` (a DataFrame: stage, action,
    candidate, excluded, amount, elected, quota, iterations; ``excluded`` is
    the list of every candidate excluded at the stage, fewest votes first,
    several under the Irish rules, ``[]`` when the stage excluded nobody;
    ``candidate`` is the first of them; ``iterations`` is 0 but under Meek's
    rule) and ``ties`` (a list of dicts: stage, action, tied, chosen,
    decided_at, the earlier stage that settled it or 0 for lot).

    >>> blt = "3 2\\n5 1 2 0\\n4 1 3 0\\n3 2 0\\n3 3 0\\n0\\n\\"A\\"\\n\\"B\\"\\n\\"C\\"\\n"
    >>> r = stv(blt)
    >>> r.attrs["elected"], r.attrs["quota"]
    (['A', 'B'], Decimal('6.00000'))
    >>> r.attrs["sheet"][2].tolist()
    [Decimal('6.00000'), Decimal('4.66665'), Decimal('4.33332'), Decimal('0.00000'), Decimal('0.00003')]
    """
    if isinstance(ballots, bytes):
        text, source = ballots, "<bytes>"
    elif isinstance(ballots, str) and "\n" in ballots:
        text, source = ballots.encode("utf-8"), "<text>"
    else:
        source = os.fspath(ballots)
        with open(source, "rb") as f:
            text = f.read()
    r = _core.stv(text, source, str(rule), int(seats) if seats is not None else 0, str(ties),
                  int(seed))
    scale = r["scale"]
    c = r["candidates"]
    names = c["name"]
    n = len(names)
    order = [0] * n
    for k, i in enumerate(r["elected"]):
        order[i] = k + 1
    out = pd.DataFrame({
        "candidate": names,
        "affiliation": c["affiliation"],
        "status": c["status"],
        "stage": c["stage"],
        "order": order,
        "last_vacancies": c["last_vacancies"],
        "votes": [_decimal(v, scale) for v in c["votes"]],
    })
    standing = [i for i in range(n) if c["status"][i] != "withdrawn"]
    meek = r["rule"] == "meek"
    sheet, keep = {}, {}
    for k, s in enumerate(r["stages"]):
        sheet[k + 1] = ([_decimal(s["votes"][i], scale) for i in standing]
                        + [_decimal(s["non_transferable"], scale),
                           _decimal(s["rounding"], scale)]
                        + ([_decimal(s["quota"], scale)] if meek else []))
        if s["keep"] is not None:
            keep[k + 1] = [_decimal(s["keep"][i], scale) for i in standing]
    rows = [names[i] for i in standing]
    sheet_frame = pd.DataFrame(sheet, index=rows + list(_SHEET_ROWS)
                               + (["Quota"] if meek else []))
    keep_frame = pd.DataFrame(keep, index=rows) if meek else None
    actions = pd.DataFrame({
        "stage": list(range(1, len(r["stages"]) + 1)),
        "action": [s["action"] for s in r["stages"]],
        "candidate": [None if s["candidate"] is None else names[s["candidate"]]
                      for s in r["stages"]],
        "excluded": [[names[i] for i in s["excluded"]] for s in r["stages"]],
        "amount": [_decimal(s["amount"], scale) for s in r["stages"]],
        "elected": [[names[i] for i in s["elected"]] for s in r["stages"]],
        "quota": [_decimal(s["quota"], scale) for s in r["stages"]],
        "iterations": [s["iterations"] for s in r["stages"]],
    })
    ties_out = [{"stage": t["stage"], "action": t["action"],
                 "tied": [names[i] for i in t["tied"]], "chosen": names[t["chosen"]],
                 "decided_at": t["decided_at"]} for t in r["ties"]]
    out.attrs.update(title=r["title"], rule=r["rule"], seats=r["seats"], ballots=r["ballots"],
                     valid=r["valid"], ignored=r["ignored"],
                     quota=_decimal(r["quota"], scale),
                     elected=[names[i] for i in r["elected"]], sheet=sheet_frame,
                     keep=keep_frame, actions=actions, ties=ties_out)
    return out
