"""powershare: who can govern after a fragmented election.

Votes to seats (:func:`seats`), single transferable vote counts from
ballot files (:func:`stv`), SNTV and block vote counts from candidates'
votes (:func:`plurality`), the voting power of a weighted game
(:func:`power`), and a chamber read once (:class:`Legislature`) with its
coalitions, power-sharing condition, the government it most plausibly forms
and the judgement of any government. Results are pandas DataFrames; exact
values are :class:`fractions.Fraction`. Every call goes to the C library
libpowershare through its public API; errors are :class:`Error` subclasses
with ``file``, ``line`` and ``column``.
"""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import Any, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _core
from .charts import Svg
from .errors import (Cancelled, DataError, Error, FileError, ParseError, TieError,
                     TooLargeError, UsageError)
from .legislature import Analysis, Evaluation, Legislature
from .simulate import Simulation, simulate
from .counting import stv
from .multimember import plurality
from .tables import power_frame, power_method

__all__ = ["seats", "power", "simulate", "methods", "Legislature", "Analysis", "Evaluation",
           "Simulation", "Svg",
           "Error", "UsageError", "FileError", "ParseError", "DataError", "TieError",
           "TooLargeError", "Cancelled", "by_law", "laws", "stv",
           "plurality"]
__version__ = "0.1.0"

Votes = Union[pd.DataFrame, pd.Series, Mapping[str, int], str]


def methods() -> list:
    """The apportionment methods :func:`seats` knows, by name."""
    return _core.method_names()


def _share(threshold: Union[None, float, str, Fraction]) -> Optional[tuple]:
    if threshold is None:
        return None
    if isinstance(threshold, str) and threshold.endswith("%"):
        share = Fraction(threshold[:-1]) / 100
    else:
        share = Fraction(str(threshold)) if isinstance(threshold, float) else Fraction(threshold)
    return (share.numerator, share.denominator)


def seats(votes: Votes, seats: Optional[int] = None, method: str = "dhondt",
          threshold: Union[None, float, str, Fraction] = None,
          ties: str = "error",
          districts: Union[None, Mapping[str, int], pd.DataFrame] = None,
          biproportional: bool = False, frame: bool = True,
          winner_take_one: Optional[str] = None, lower_method: Optional[str] = None,
          district_threshold: Union[None, float, str, Fraction] = None) -> Any:
    """Seats from votes.

    ``votes``: a DataFrame with ``party`` and ``votes`` columns, a Series
    or dict of party -> votes, or the path of a legislature file whose
    parties give votes. ``method``: any of :func:`methods` (``dhondt``,
    ``sainte-lague``, ``hare``, ...). ``threshold``: a share of all votes
    below which a party gets no seat (``0.05``, ``"5%"`` or
    ``Fraction(1, 20)``). ``ties``: ``"error"`` raises :class:`TieError`
    when a tie decides a seat; ``"first"`` gives it to the party listed
    first (``attrs['tie']`` says so).

    ``districts``: the seats of each district (a dict, or a DataFrame with
    ``district`` and ``seats``), the votes then having a ``district``
    column: each district is apportioned on its own, or with
    ``biproportional=True`` by Pukelsheim's biproportional method (the
    party totals by ``method`` over the whole area, then every district's
    seats; Zurich, Uri). Its variants, as the Swiss cantons' laws have
    them: ``winner_take_one="every"`` (the list with the most votes in a
    district gets a seat there: Grisons) or ``"single-seat"`` (only in the
    districts of one seat: Schaffhausen); ``lower_method`` (the district
    seats by another divisor method than ``method``); ``district_threshold``
    (a list with that share of one district's votes takes part whatever
    ``threshold``: ``threshold="3%", district_threshold="5%"``). ``attrs``
    then holds ``party_seats``, ``rounds`` and
    ``winner_take_one_not_applied`` (the districts where more lists tie for
    the most votes than there are seats).

    Returns a DataFrame: party, votes, seats, eligible (passed the
    threshold); with districts: party, district, votes, seats. With
    ``frame=False`` (a dict of votes, no districts), a plain dict of party
    -> seats: building a DataFrame costs a few hundred microseconds, the
    seats themselves about two (bench/RESULTS.md), which matters in loops.

    >>> seats({"A": 100, "B": 80, "C": 30}, 5)["seats"].tolist()
    [3, 2, 0]
    """
    variants = {"winner_take_one": winner_take_one, "lower_method": lower_method,
                "district_threshold": _share(district_threshold)}
    given = [k for k, v in variants.items() if v is not None]
    if given and not (districts is not None and biproportional):
        raise UsageError(f"{', '.join(given)}: with districts= and biproportional=True", -2)
    if districts is not None:
        return _seats_by_district(votes, districts, method, threshold, ties, biproportional,
                                  variants)
    if seats is None:
        raise UsageError("give seats= (or districts=)", -2)
    if not frame and isinstance(votes, Mapping):
        result = _core.apportion([operator.index(v) for v in votes.values()], int(seats),
                                 method=method, threshold=_share(threshold), ties=ties)
        return dict(zip(votes.keys(), result["seats"]))
    if isinstance(votes, str):
        table = Legislature(votes).parties[["party", "votes"]]
    elif isinstance(votes, pd.DataFrame):
        table = votes[["party", "votes"]].copy()
    else:
        table = pd.DataFrame(list(votes.items()), columns=["party", "votes"])
    counts = [operator.index(v) for v in table["votes"]]
    result = _core.apportion(counts, int(seats), method=method, threshold=_share(threshold),
                             ties=ties)
    out = pd.DataFrame({"party": list(table["party"]), "votes": counts,
                        "seats": result["seats"], "eligible": result["eligible"]})
    out.attrs.update(method=method, tie=result["tie"])
    return out


_LAW_COLUMNS = ("party", "district", "votes", "direct_wins", "alliance", "candidates",
                "members")


def by_law(votes: Union[str, pd.DataFrame], law: str,
           others: Sequence[str] = (), seats: Optional[int] = None,
           district_seats: Optional[Mapping[str, int]] = None) -> pd.DataFrame:
    """Seats under a whole electoral law.

    ``law``: the id of a bundled law (:func:`laws` lists them, e.g.
    ``"nz-mmp-1993"``) or the path of a law file (docs/apportionment.md,
    "Electoral laws"). ``votes``: a DataFrame with ``party`` and ``votes``
    and, as the law needs them, ``district``, ``direct_wins``
    (constituency seats won), ``alliance``, ``candidates`` and ``members``
    (the parties on a joint list); or the path
    of such a CSV file. ``others``: the names of entries that count in
    the valid votes (the threshold's and the bonus's base) but are not
    lists and win no seat, such as the small lists' total as one row; an
    entry named "others" (any case) always is one. A name that is no entry
    raises :class:`DataError`. ``seats``: the house size, for a law that
    leaves it to each election (:func:`laws` shows its range, as
    ``"1-18"``, for the Dutch councils under 19 seats); a law that fixes
    its seats refuses it (:class:`UsageError`). ``district_seats``: the
    seats of each district, for a law that takes them from each election
    (the Bundestag's Land seats: ``{"Bayern": 93, ...}``, or a DataFrame
    with ``district`` and ``seats``).

    With districts, ``attrs["seats_in"]`` holds each party's seats by
    district (``{party: {district: seats}}``) when the law gives them.

    Returns a DataFrame: party, votes (national), seats, eligible, and
    bonus, overhang, moved, leveling where the law gave any. ``attrs``
    holds ``house`` (the seats with overhang), ``notes`` (what each rule
    did), ``system``, ``chamber``, ``law`` and ``source``.

    >>> t = pd.DataFrame({"party": ["A", "B", "C"], "votes": [600, 300, 100],
    ...                   "direct_wins": [2, 0, 15]})
    >>> r = by_law(t, "nz-mmp-1993")
    >>> r["seats"].tolist(), r.attrs["house"]
    ([72, 36, 15], 123)
    """
    if isinstance(votes, str):
        with open(votes, encoding="utf-8") as f:
            text = f.read()
    else:
        text = votes[[c for c in votes.columns if c in _LAW_COLUMNS]].to_csv(index=False)
    names = [others] if isinstance(others, str) else [str(o) for o in others]
    if isinstance(district_seats, pd.DataFrame):
        district_seats = dict(zip(district_seats["district"], district_seats["seats"]))
    districts = dict(district_seats or {})
    r = _core.apply_law(text, str(law), names, int(seats) if seats is not None else 0,
                        [str(d) for d in districts], [int(s) for s in districts.values()])
    out = pd.DataFrame({k: r[k] for k in ("party", "votes", "seats", "eligible")})
    for k in ("bonus", "overhang", "moved", "leveling"):
        if any(r[k]):
            out[k] = r[k]
    out.attrs.update(house=r["house"], notes=(r["notes"] or "").splitlines() if r["notes"]
                     else [], system=r["system"], chamber=r["chamber"], law=r["law"],
                     source=r["source"])
    if r["seats_in"]:
        out.attrs["seats_in"] = r["seats_in"]
    return out


def laws() -> pd.DataFrame:
    """The bundled electoral laws: system (the id for :func:`by_law`),
    chamber, law, seats (a number, or a range such as ``"1-18"`` for a law
    whose elections give the house size) and method, one row each."""
    return pd.DataFrame(_core.laws(), columns=["system", "chamber", "law", "seats", "method"])


def _seats_by_district(votes: pd.DataFrame, districts: Union[Mapping[str, int], pd.DataFrame],
                       method: str, threshold: Union[None, float, str, Fraction], ties: str,
                       biproportional: bool, variants: Mapping[str, Any]) -> pd.DataFrame:
    if isinstance(districts, pd.DataFrame):
        district_seats = dict(zip(districts["district"], districts["seats"]))
    else:
        district_seats = dict(districts)
    if not isinstance(votes, pd.DataFrame) or "district" not in votes.columns:
        raise UsageError("with districts=, votes is a DataFrame with party, district and "
                         "votes columns", -2)
    unknown = sorted(set(votes["district"]) - set(district_seats))
    if unknown:
        raise UsageError(f"districts: no seats given for {', '.join(map(str, unknown))}", -2)
    names = list(district_seats)
    if biproportional:
        parties = list(dict.fromkeys(votes["party"]))
        cell = {(p, d): operator.index(v)
                for p, d, v in zip(votes["party"], votes["district"], votes["votes"])}
        flat = [cell.get((p, d), 0) for p in parties for d in names]
        r = _core.biproportional(flat, [operator.index(district_seats[d]) for d in names],
                                 method=method, threshold=_share(threshold), ties=ties,
                                 **variants)
        rows = [(p, d, cell.get((p, d), 0), r["seats"][i * len(names) + j])
                for i, p in enumerate(parties) for j, d in enumerate(names)]
        out = pd.DataFrame(rows, columns=["party", "district", "votes", "seats"])
        out.attrs.update(party_seats=dict(zip(parties, r["party_seats"])), rounds=r["rounds"],
                         winner_take_one_not_applied=[names[j] for j in r["unguaranteed"]])
        return out
    parts = []
    for d in names:
        part = votes[votes["district"] == d]
        got = seats(part[["party", "votes"]], operator.index(district_seats[d]), method=method,
                    threshold=threshold, ties=ties)
        got.insert(1, "district", d)
        parts.append(got[["party", "district", "votes", "seats"]])
    return pd.concat(parts, ignore_index=True)


def power(weights: Union[Sequence[int], Mapping[str, int], pd.Series], quota: int,
          index: Union[str, Sequence[str]] = ("banzhaf", "shapley_shubik"),
          exact: bool = True, samples: int = 0, seed: int = 1,
          threads: int = 1, method: Optional[str] = None) -> pd.DataFrame:
    """The voting power of each player of the weighted game [quota; weights].

    ``weights``: a sequence (players 1..n), or a dict or Series of name ->
    weight. ``index``: the indices to compute (``banzhaf``,
    ``shapley_shubik``, ``penrose``, ``banzhaf_raw``, ``deegan_packel``,
    ``holler``, ``johnston``, ``coleman_prevent``, ``coleman_initiate``, or
    ``"all"``). ``exact=True``: exact values as Fractions in
    ``<index>_exact`` beside the floats (:class:`TooLargeError` beyond
    reach); ``exact=False``: Monte Carlo with ``<index>_half_width``.
    ``method`` overrides ``exact``: ``"exact"``, ``"approx"`` (Monte Carlo)
    or ``"float"``: ``banzhaf``, ``penrose`` and ``shapley_shubik`` in double
    precision with ``<index>_error_bound``, a proven bound on each value's
    error (the other indices are left out), quick where the exact fractions
    take minutes.

    >>> power([4, 4, 4, 2, 2, 1], 12)["banzhaf_exact"].tolist()[0]
    Fraction(5, 21)
    """
    if isinstance(weights, (Mapping, pd.Series)):
        players = [str(k) for k in weights.keys()]
        w = [operator.index(v) for v in weights.values()]
    else:
        w = [operator.index(v) for v in weights]
        players = [str(i + 1) for i in range(len(w))]
    indices = index if isinstance(index, str) else ",".join(index)
    result = _core.power(w, int(quota), indices=indices, method=power_method(exact, method),
                         samples=samples, seed=seed, threads=threads)
    return power_frame(result, {"player": players, "weight": w})
