"""Seat and coalition probabilities from polls."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Dict, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _core

Polls = Union[pd.DataFrame, str, "os.PathLike[str]"]
Share = Union[None, float, str, Fraction]


def share_pair(threshold: Share) -> Tuple[Optional[Tuple[int, int]], bool]:
    """A threshold as ((num, den) or None, is_quota): 0.05, "5%",
    Fraction(1, 20) or "quota" (one full Hare quota)."""
    if threshold is None:
        return None, False
    if isinstance(threshold, str) and threshold.strip().lower() == "quota":
        return None, True
    if isinstance(threshold, str) and threshold.endswith("%"):
        share = Fraction(threshold[:-1]) / 100
    elif isinstance(threshold, float):
        share = Fraction(str(threshold))
    else:
        share = Fraction(threshold)
    return (share.numerator, share.denominator), False


def _polls_text(polls: Polls) -> Tuple[bytes, str]:
    if isinstance(polls, pd.DataFrame):
        return polls.to_csv(index=False).encode("utf-8"), "<DataFrame>"
    path = os.fspath(polls)
    with open(path, "rb") as f:
        return f.read(), path


@dataclass
class Simulation:
    """The outcome of a poll simulation.

    ``parties``: one row per poll entry: its pooled poll share, the
    probability that it wins seats (``p_seats``, with its Monte Carlo
    standard error ``se``), the 5%, 50% and 95% quantiles and the mean of
    its seats, and with ``banzhaf=True`` its mean normalised Banzhaf index;
    entries that never win seats (``others``) have NaN there.
    ``coalitions``: every coalition that was minimal winning in some draw:
    the probability that it has a majority (``p_majority``) and that it is
    minimal winning (``p_minimal``), with standard errors, most likely
    first."""

    parties: pd.DataFrame
    coalitions: pd.DataFrame
    draws: int
    seats: int
    majority: int
    sample_size: int
    polls_pooled: int
    ties: int
    warnings: Sequence[str]


def _estimate(count: int, draws: int) -> Tuple[float, float]:
    p = count / draws
    return p, math.sqrt(p * (1 - p) / draws)


def simulate(polls: Polls, seats: int, method: str = "sainte-lague", threshold: Share = None,
             draws: int = 100000, seed: int = 1, threads: int = 1,
             others: Optional[Sequence[str]] = None, exempt: Optional[Sequence[str]] = None,
             banzhaf: bool = False, sample_size: int = 0,
             first_divisor: Union[None, str, float, Fraction] = None) -> Simulation:
    """Draws vote shares from the polls and turns each draw into seats.

    ``polls``: a DataFrame or CSV path with the columns pollster, date,
    party, share, respondents (the latest poll of each pollster is pooled,
    weighted by its respondents). Each draw's shares come from a Dirichlet
    distribution with parameters N * share + 1/2; the seats follow
    ``method``, ``seats`` and ``threshold`` (a share, ``"5%"``, or
    ``"quota"``) exactly as :func:`powershare.seats`. ``others``: entries
    that are not parties ("others" always is); ``exempt``: parties the
    threshold spares. The same ``seed`` gives the same counts as
    ``powershare simulate --draws N --seed S``, whatever ``threads``."""
    text, source = _polls_text(polls)
    pair, quota = share_pair(threshold)
    first = None
    if first_divisor is not None:
        f = Fraction(str(first_divisor)) if isinstance(first_divisor, float) else Fraction(first_divisor)
        first = (f.numerator, f.denominator)
    r = _core.simulate(text, source, int(seats), method, threshold=pair, quota=quota,
                       draws=int(draws), seed=int(seed), threads=int(threads),
                       others=list(others) if others else None,
                       exempt=list(exempt) if exempt else None, banzhaf=banzhaf,
                       max_n=int(sample_size), first_divisor=first)
    return _simulation(r, banzhaf)


def _simulation(r: Dict[str, Any], banzhaf: bool) -> Simulation:
    columns = ["party", "poll_share", "others", "p_seats", "se", "seats_q05", "seats_q50",
               "seats_q95", "seats_mean"] + (["banzhaf", "banzhaf_se"] if banzhaf else [])
    parties = pd.DataFrame([{k: row.get(k, math.nan) for k in columns} for row in r["parties"]],
                           columns=columns)
    for col in ("seats_q05", "seats_q50", "seats_q95"):  # <NA> for "others"
        parties[col] = parties[col].astype("Int64")
    rows = []
    for c in r["coalitions"]:
        p, se = _estimate(c["majority_draws"], r["draws"])
        pm, sem = _estimate(c["minimal_draws"], r["draws"])
        rows.append((tuple(c["parties"]), p, se, pm, sem))
    coalitions = pd.DataFrame(rows, columns=["parties", "p_majority", "se", "p_minimal",
                                             "se_minimal"])
    coalitions = coalitions.sort_values("p_minimal", ascending=False, kind="stable")
    return Simulation(parties=parties, coalitions=coalitions.reset_index(drop=True),
                      draws=r["draws"], seats=r["seats"], majority=r["majority"],
                      sample_size=r["sample_size"], polls_pooled=r["polls_pooled"],
                      ties=r["ties"], warnings=r["warnings"])
