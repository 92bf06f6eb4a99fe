"""seats(): official results and textbook tables (tests/data/apportion),
and the command line's JSON on the same votes."""

from fractions import Fraction

import pandas as pd
import pytest

import powershare as ps

from conftest import ROOT


def golden_cases():
    """The golden cases whose rule seats() takes as it is: a method, a
    number of seats, no threshold or a share of all votes."""
    for meta in sorted((ROOT / "tests" / "data" / "apportion").glob("*/meta.txt")):
        fields = dict(line.split(": ", 1) for line in meta.read_text().splitlines()
                      if ": " in line)
        if fields.get("threshold", "none").strip() != "none":
            continue
        if not (meta.parent / "votes.csv").exists():
            continue
        votes = pd.read_csv(meta.parent / "votes.csv")
        if "district" in votes.columns:
            continue
        yield pytest.param(meta.parent, fields["method"].strip(), int(fields["seats"]),
                           id=meta.parent.name)
    for meta in sorted((ROOT / "tests" / "data" / "apportion" / "textbook").glob("*/meta.txt")):
        fields = dict(line.split(": ", 1) for line in meta.read_text().splitlines()
                      if ": " in line)
        yield pytest.param(meta.parent, fields["method"].strip(), int(fields["seats"]),
                           id="textbook-" + meta.parent.name)


@pytest.mark.parametrize("folder,method,n", list(golden_cases()))
def test_golden_and_cli(folder, method, n, cli):
    votes = pd.read_csv(folder / "votes.csv")
    got = ps.seats(votes, n, method=method)
    expected = pd.read_csv(folder / "expected.csv")
    assert dict(zip(got["party"], got["seats"])) == dict(zip(expected["party"],
                                                            expected["seats"]))
    want = cli("seats", "--method", method, "--seats", str(n), str(folder / "votes.csv"))
    assert got["seats"].tolist() == [p["seats"] for p in want["parties"]]
    assert got["eligible"].tolist() == [p["eligible"] for p in want["parties"]]


def test_inputs_dict_series_frame():
    by_dict = ps.seats({"A": 100, "B": 80, "C": 30}, 5)
    by_series = ps.seats(pd.Series({"A": 100, "B": 80, "C": 30}), 5)
    by_frame = ps.seats(pd.DataFrame({"party": ["A", "B", "C"], "votes": [100, 80, 30]}), 5)
    # d'Hondt: 100, 80, 50, 40, 33.3 -> A 3, B 2, C 0
    for got in (by_dict, by_series, by_frame):
        assert got["seats"].tolist() == [3, 2, 0]
        assert list(got.columns) == ["party", "votes", "seats", "eligible"]
    assert ps.seats({"A": 100, "B": 80, "C": 30}, 5, frame=False) == {"A": 3, "B": 2, "C": 0}


def test_threshold_forms_agree():
    votes = {"A": 600, "B": 360, "C": 40}
    # C has 4% of the votes: below 5%, no seat
    for t in (0.05, "5%", Fraction(1, 20)):
        got = ps.seats(votes, 10, threshold=t)
        assert got["eligible"].tolist() == [True, True, False]
        assert got["seats"].sum() == 10
        assert got["seats"].tolist()[2] == 0


def test_tie_is_an_error_or_first():
    with pytest.raises(ps.TieError) as err:
        ps.seats({"A": 10, "B": 10}, 1)
    assert err.value.code == -6
    got = ps.seats({"A": 10, "B": 10}, 1, ties="first")
    assert got["seats"].tolist() == [1, 0]
    assert got.attrs["tie"]["tied"] == [0, 1]


def test_unknown_method_is_a_usage_error():
    with pytest.raises(ps.UsageError) as err:
        ps.seats({"A": 1}, 1, method="lottery")
    assert "lottery" in str(err.value)
    assert isinstance(err.value, ValueError)
    assert "dhondt" in ps.methods()
