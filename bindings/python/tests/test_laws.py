"""Whole electoral laws from Python: every official result of
tests/data/systems reproduced by by_law() as by the command line, the
catalogue, and errors as exceptions."""

import csv

import pandas as pd
import pytest

import powershare as ps


def official(root, case):
    with open(root / "tests" / "data" / "systems" / case / "expected.csv",
              encoding="utf-8") as f:
        return {row["party"]: int(row["seats"]) for row in csv.DictReader(f)}


@pytest.mark.parametrize("case,law,house", [
    ("il-knesset-2022", "il-knesset-2014", 120),
    ("nz-2023", "nz-mmp-1993", 122),
    ("no-storting-2021", "no-storting-2021", 169),
])
def test_official_results(root, case, law, house):
    votes = root / "tests" / "data" / "systems" / case / "votes.csv"
    got = ps.by_law(str(votes), law)
    seated = {p: s for p, s in zip(got["party"], got["seats"]) if s > 0}
    assert seated == official(root, case)
    assert got.attrs["house"] == house
    assert got.attrs["system"] == law
    # the same from a DataFrame
    frame = pd.read_csv(votes, keep_default_na=False)
    assert ps.by_law(frame, law)["seats"].tolist() == got["seats"].tolist()


def test_leveling_and_overhang_columns(root):
    no = ps.by_law(str(root / "tests/data/systems/no-storting-2021/votes.csv"),
                   "no-storting-2021")
    assert dict(zip(no["party"], no["leveling"]))["SV"] == 5
    nz = ps.by_law(str(root / "tests/data/systems/nz-2023/votes.csv"), "nz-mmp-1993")
    assert dict(zip(nz["party"], nz["overhang"]))["Te Pati Maori"] == 2
    assert any("overhang" not in n and "keeps them" in n for n in nz.attrs["notes"])


def test_catalogue_and_errors():
    table = ps.laws()
    assert {"il-knesset-2014", "nz-mmp-1993", "no-storting-2021"} <= set(table["system"])
    with pytest.raises(ps.FileError, match="no bundled law 'nope'"):
        ps.by_law(pd.DataFrame({"party": ["A"], "votes": [1]}), "nope")
    with pytest.raises(ps.DataError, match="direct_wins column"):
        ps.by_law(pd.DataFrame({"party": ["A"], "votes": [1]}), "nz-mmp-1993")
