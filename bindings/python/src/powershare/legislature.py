"""A legislature file read once, and everything computed from it."""

from __future__ import annotations

import json
import os
from fractions import Fraction
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _core
from .charts import Svg
from .errors import DataError, UsageError
from .simulate import Polls, Simulation, simulate
from .tables import (coalitions_frame, fraction, government_frame, power_frame,
                     power_method)

Source = Union[str, "os.PathLike[str]", Mapping[str, Any], pd.DataFrame]


def _document(source: Source, name: Optional[str]) -> "_core.Document":
    if isinstance(source, pd.DataFrame):
        text = source.to_csv(index=False).encode("utf-8")
        return _core.Document(text=text, source=name or "<DataFrame>")
    if isinstance(source, Mapping):
        text = json.dumps(source).encode("utf-8")
        return _core.Document(text=text, source=name or "<dict>")
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return _core.Document(text=source.encode("utf-8"), source=name or "<string>")
    if isinstance(source, (str, os.PathLike)):
        return _core.Document(path=os.fspath(source))
    raise TypeError("a legislature is a path, JSON text, a dict or a DataFrame, not "
                    + type(source).__name__)


@dataclass
class Evaluation:
    """One government judged under the chamber's rule and condition.

    ``members`` has a row per member: seats and seat share, ``status``
    (``critical``: its exit makes the government lose; ``surplus``), posts
    and post share when posts were given, and its Banzhaf and
    Shapley-Shubik power inside the government (exact Fractions; ``None``
    when the government does not win)."""

    members: pd.DataFrame
    seats: int
    quota: int
    winning: bool
    surplus: int
    condition_holds: bool
    condition_failed: Sequence[str]
    roles: Dict[str, str]
    winning_subcoalitions: int
    majority_exit: Optional[Dict[str, Any]]
    condition_exit: Optional[Dict[str, Any]]

    @classmethod
    def _of(cls, g: Dict[str, Any]) -> "Evaluation":
        return cls(members=government_frame(g), seats=g["seats"], quota=g["quota"],
                   winning=g["winning"], surplus=g["surplus"],
                   condition_holds=g["condition"]["holds"],
                   condition_failed=g["condition"]["failed"], roles=g["roles"],
                   winning_subcoalitions=g["winning_subcoalitions"],
                   majority_exit=g["majority_exit"], condition_exit=g["condition_exit"])


def _changes(rows: Sequence[Dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in ("seats_before", "seats_after"):  # <NA> where the list is absent
        frame[col] = frame[col].astype("Int64")
    for col in ("banzhaf_before", "banzhaf_after", "shapley_before", "shapley_after"):
        frame[col] = [fraction(v) for v in frame[col]]
    return frame


@dataclass
class Scenario:
    """One what-if scenario's outcome: ``parties`` and ``communities``
    (seats and exact Banzhaf and Shapley-Shubik power before and after,
    Fractions; ``None`` where not computed), the minimal winning coalitions
    that ``appeared`` and ``disappeared``, and the chamber after."""

    name: str
    notes: Optional[str]
    steps: Sequence[str]
    parties: pd.DataFrame
    communities: pd.DataFrame
    appeared: Sequence[Tuple[str, ...]]
    disappeared: Sequence[Tuple[str, ...]]
    total_seats: Tuple[int, int]
    quota: Tuple[int, int]
    minimal_winning: Tuple[int, int]
    condition_possible: bool
    condition_missing: Optional[str]

    @classmethod
    def _of(cls, o: Dict[str, Any]) -> "Scenario":
        return cls(name=o["name"], notes=o["notes"], steps=o["steps"],
                   parties=_changes(o["parties"]), communities=_changes(o["communities"]),
                   appeared=[tuple(c["members"]) for c in o["appeared"]],
                   disappeared=[tuple(c["members"]) for c in o["disappeared"]],
                   total_seats=(o["total_seats_before"], o["total_seats_after"]),
                   quota=(o["quota_before"], o["quota_after"]),
                   minimal_winning=(o["minimal_winning_before"], o["minimal_winning_after"]),
                   condition_possible=o["condition_possible"],
                   condition_missing=o["condition_missing"])


@dataclass
class Analysis:
    """What ``powershare analyze`` computes, as DataFrames.

    - ``power``: each list's seats, Banzhaf and Shapley-Shubik (floats and
      exact Fractions; ``power.attrs['note']`` says why when estimated)
    - ``communities``: each community's seats and summed power
    - ``coalitions`` / ``feasible``: the coalitions ranked by each classic
      theory, without constraint and meeting the power-sharing condition
    - ``government`` (ids) and ``government_basis`` (which model chose it)
    - ``offices``: posts won per list and the reserved offices (or None)
    - ``prediction``: the formation model's most likely governments (or None;
      ``in_government`` each list's probability of being in government)
    - ``evaluation``: the government named with ``government=`` judged
    """

    rule: str
    quota: int
    power: Optional[pd.DataFrame]
    communities: pd.DataFrame
    coalitions: pd.DataFrame
    feasible: Optional[pd.DataFrame]
    government: Sequence[str]
    government_basis: Optional[str]
    offices: Optional[Dict[str, Any]]
    prediction: Optional[pd.DataFrame]
    in_government: Optional[pd.Series]
    prediction_error: Optional[str]
    evaluation: Optional[Evaluation]
    raw: Dict[str, Any] = field(repr=False)


class Legislature:
    """A chamber: from a path (JSON or CSV legislature file), JSON text, a
    dict in the legislature format (docs/formats.md), or a DataFrame with a
    ``party`` column and ``seats`` (and optionally ``name``, ``votes``,
    ``community``). The input is read once; errors raise
    :class:`powershare.Error` subclasses with file, line and column.

    >>> iraq = Legislature("data/iraq-2014.json")
    >>> iraq.total_seats, iraq.majority
    (328, 165)
    """

    def __init__(self, source: Source, name: Optional[str] = None) -> None:
        self._doc = _document(source, name)
        self._info = self._doc.legislature()

    def __repr__(self) -> str:
        return (f"<Legislature {self.name!r}: {self.total_seats} seats, "
                f"{len(self._info['parties'])} lists>")

    @property
    def name(self) -> str:
        """The chamber's name."""
        return self._info["name"]

    @property
    def total_seats(self) -> int:
        """Seats in the chamber."""
        return self._info["total_seats"]

    @property
    def majority(self) -> int:
        """Seats of a majority of all seats."""
        return self._info["majority"]

    @property
    def parties(self) -> pd.DataFrame:
        """One row per list: party (id), name, seats, votes, community, color."""
        frame = pd.DataFrame(self._info["parties"])
        return frame.rename(columns={"id": "party"})

    @property
    def communities(self) -> pd.DataFrame:
        """One row per community: community (id), name."""
        return pd.DataFrame(self._info["communities"], columns=["id", "name"]).rename(
            columns={"id": "community"})

    def _names(self) -> Dict[str, str]:
        return {p["id"]: p["name"] for p in self._info["parties"]}

    def power(self, index: Union[str, Sequence[str]] = ("banzhaf", "shapley_shubik"),
              exact: bool = True, samples: int = 0, seed: int = 1,
              threads: int = 1, method: Optional[str] = None) -> pd.DataFrame:
        """Each list's voting power under the file's decision rule.

        ``index`` names the indices (``banzhaf``, ``banzhaf_raw``,
        ``penrose``, ``shapley_shubik``, ``deegan_packel``, ``holler``,
        ``johnston``, ``coleman_prevent``, ``coleman_initiate`` or ``all``).
        ``exact=True`` computes exactly (a :class:`TooLargeError` when out of
        reach); ``exact=False`` estimates by Monte Carlo (``samples``,
        ``seed``) with ``<index>_half_width`` columns. ``method`` overrides
        ``exact``: ``"exact"``, ``"approx"`` or ``"float"`` (double precision,
        ``<index>_error_bound`` columns; :func:`powershare.power`)."""
        indices = index if isinstance(index, str) else ",".join(index)
        result = self._doc.power(indices=indices, method=power_method(exact, method),
                                 samples=samples, seed=seed, threads=threads)
        first = {"party": [p["id"] for p in self._info["parties"]],
                 "seats": [p["seats"] for p in self._info["parties"]]}
        return power_frame(result, first)

    def analyze(self, model: Optional[str] = "", top: int = 10,
                dimension: Optional[str] = None, government: Optional[Sequence[str]] = None,
                threads: int = 1) -> Analysis:
        """The main job: power, communities, coalitions by each theory
        without and with the power-sharing condition, the most plausible
        government and its offices, and the formation model's prediction
        (``model``: a model file; ``""``, the default, looks for the
        installed one as the command line does: ``$POWERSHARE_MODEL``, the
        installed data folder; ``None``: no prediction). ``government`` (party ids) is judged as :meth:`evaluate`
        judges it."""
        r = self._doc.analyze(model=model, top=top, dimension=dimension, threads=threads,
                              government=list(government) if government else None)
        return self._analysis(r)

    def _analysis(self, r: Dict[str, Any]) -> Analysis:
        names = self._names()
        power = None
        if r["power"] is not None:
            first = {"party": [p["id"] for p in self._info["parties"]],
                     "seats": [p["seats"] for p in self._info["parties"]]}
            power = power_frame(r["power"], first)
        prediction = in_government = None
        if r["prediction"] is not None:
            p = r["prediction"]
            prediction = pd.DataFrame(
                [(tuple(t["members"]), " + ".join(names[m] for m in t["members"]),
                  t["probability"], t["alike"]) for t in p["top"]],
                columns=["members", "names", "probability", "alike"])
            prediction.attrs.update({k: p[k] for k in ("model", "caveat", "governments",
                                                       "oversized", "minimal_winning",
                                                       "minority", "top10")})
            in_government = pd.Series(p["in_government"], name="in_government")
        return Analysis(
            rule=r["rule"], quota=r["quota"], power=power,
            communities=pd.DataFrame(r["communities"]),
            coalitions=coalitions_frame(r["coalitions"], names),
            feasible=coalitions_frame(r["feasible"], names) if r["feasible"] else None,
            government=r["government"], government_basis=r["government_basis"],
            offices=r["offices"], prediction=prediction, in_government=in_government,
            prediction_error=r["prediction_error"],
            evaluation=Evaluation._of(r["evaluation"]) if r["evaluation"] else None, raw=r)

    def predict(self, model: str = "", top: int = 10) -> pd.DataFrame:
        """The formation model's most likely governments (docs/predict.md):
        one row per government (``members``, ``names``, ``probability``,
        ``alike``: how many governments of that probability the row stands
        for); ``attrs`` holds the model, its caveat, the probability that
        the government is oversized, minimal winning or a minority, the mass
        of the ten most likely, and ``in_government`` (each list's
        probability of being in the government). ``model``: a model file, or
        ``""`` for the installed one."""
        r = self._doc.analyze(model=model, predict_top=top, coalitions=False, power=False,
                              offices=False, scenarios=False)
        if r["prediction"] is None:
            raise DataError(r["prediction_error"] or "no prediction", -5)
        a = self._analysis(r)
        frame = a.prediction
        frame.attrs["in_government"] = a.in_government
        return frame

    def coalitions(self, top: int = 10, condition: bool = True,
                   dimension: Optional[str] = None) -> pd.DataFrame:
        """The coalitions ranked by each classic theory (minimal winning,
        minimum winning, bargaining, ...): those meeting the file's
        power-sharing condition when it declares one and ``condition`` is
        true, otherwise all."""
        r = self._doc.analyze(top=top, dimension=dimension, power=False, offices=False,
                              scenarios=False)
        names = self._names()
        if condition and r["feasible"] is not None:
            return coalitions_frame(r["feasible"], names)
        return coalitions_frame(r["coalitions"], names)

    def evaluate(self, government: Sequence[str],
                 posts: Optional[Mapping[str, int]] = None) -> Evaluation:
        """Judges one government (party ids): does it win and meet the
        condition, who is critical, each member's power inside it, the
        smallest exits that break its majority and its condition."""
        return Evaluation._of(self._doc.evaluate(list(government),
                                                 dict(posts) if posts else None))

    def portfolios(self, coalition: Sequence[str], posts: Optional[int] = None,
                   method: str = "dhondt", tie_order: Optional[Sequence[str]] = None,
                   parity: Optional[Sequence[str]] = None) -> pd.DataFrame:
        """Who gets which office in a coalition: ``posts`` shared by
        ``method`` (``dhondt`` or ``sainte-lague`` picks, ``gamson``
        shares; default: the file's ``"formation"`` ministries or
        ``"offices"`` posts), ties broken by ``tie_order`` then the
        coalition's order, split equally between the ``parity``
        communities (default: the file's parity rule). One row per member
        (``share``: Gamson's exact share, a Fraction); ``attrs['offices']``
        lists the offices the file reserves by community and who gets
        them."""
        r = self._doc.portfolios(list(coalition), posts=-1 if posts is None else int(posts),
                                 method=method,
                                 tie_order=list(tie_order) if tie_order else None,
                                 parity=list(parity) if parity else None)
        frame = pd.DataFrame(r["members"])
        frame["share"] = [fraction(s) for s in frame["share"]]
        frame.attrs.update(offices=r["offices"], posts=r["posts"], method=r["method"])
        return frame

    def simulate(self, polls: "Polls", **options: Any) -> "Simulation":
        """A poll simulation (:func:`powershare.simulate`) under this file's
        ``"election"`` section (method, seats, threshold, first divisor,
        exempt parties); keyword options override it."""
        rules = self._doc.election() or {}
        defaults: Dict[str, Any] = {}
        if rules:
            defaults = {"method": rules["method"], "seats": rules["seats"],
                        "threshold": "quota" if rules["quota"] else
                        (Fraction(*rules["threshold"]) if rules["threshold"] else None),
                        "exempt": rules["exempt"]}
            if rules["first_divisor"]:
                defaults["first_divisor"] = Fraction(*rules["first_divisor"])
        defaults.update(options)
        if "seats" not in defaults:
            raise UsageError("give seats=: the file has no \"election\" section", -2)
        return simulate(polls, **defaults)

    def whatif(self, scenarios: Union[None, Mapping[str, Any], Sequence[Any]] = None,
               select: Optional[str] = None) -> List[Scenario]:
        """What if: runs the file's ``"scenarios"`` (``scenarios=None``) or
        the ones given in the same form (docs/formats.md): a step such as
        ``{"remove": "kdp"}`` or ``{"leave_community": "kurdish"}``, a
        scenario ``{"name": ..., "steps": [...]}``, or a list of them;
        ``select`` keeps the scenario of that name. Each result has the
        steps in words, and per party and community the seats and exact
        power before and after."""
        text = None
        if scenarios is not None:
            if isinstance(scenarios, Mapping):
                scenarios = [scenarios]
            text = json.dumps(list(scenarios)).encode("utf-8")
        return [Scenario._of(o) for o in self._doc.whatif(text, select)]

    def chart(self, kind: str = "hemicycle") -> Svg:
        """A chart as SVG: ``hemicycle`` (the chamber) or ``power`` (power
        against seat share, exact Banzhaf and Shapley-Shubik)."""
        if kind == "power":
            p = self.power()
            return Svg(self._doc.chart("power", list(p["banzhaf"]), list(p["shapley_shubik"])))
        return Svg(self._doc.chart(kind))
