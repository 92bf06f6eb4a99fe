"""Whole electoral laws from Python: every official result of
tests/data/systems reproduced by by_law() as by the command line, the
catalogue, and errors as exceptions."""

import csv

import pandas as pd
import pytest

import powershare as ps


def official(root, case):
    folder = "apportion" if case == "nl-tk2021" else "systems"
    # by constituency (party,district,...) in expected.csv: the totals are
    # in expected_party.csv
    name = "expected_party.csv" if case == "se-riksdag-2022" else "expected.csv"
    with open(root / "tests" / "data" / folder / case / name, encoding="utf-8") as f:
        return {row["party"]: int(row["seats"]) for row in csv.DictReader(f)}


# the rows that are no party (the small parties' votes as one row)
OTHERS = {"se-riksdag-2022": ["ÖVR"]}


@pytest.mark.parametrize("case,law,house", [
    ("il-knesset-2022", "il-knesset-2014", 120),
    ("nz-2023", "nz-mmp-1993", 122),
    ("no-storting-2021", "no-storting-2021", 169),
    ("se-riksdag-2022", "se-riksdag-2018", 349),
    ("gr-2023-06", "gr-vouli-2020", 300),
    ("sk-2020", "sk-narodna-rada-2014", 150),
    ("nl-tk2021", "nl-tweede-kamer-2017", 150),
])
def test_official_results(root, case, law, house):
    folder = "apportion" if case == "nl-tk2021" else "systems"
    votes = root / "tests" / "data" / folder / case / "votes.csv"
    others = OTHERS.get(case, [])
    got = ps.by_law(str(votes), law, others=others)
    seated = {p: s for p, s in zip(got["party"], got["seats"]) if s > 0}
    assert seated == official(root, case)
    assert got.attrs["house"] == house
    assert got.attrs["system"] == law
    # the same from a DataFrame
    frame = pd.read_csv(votes, keep_default_na=False)
    assert ps.by_law(frame, law, others=others)["seats"].tolist() == got["seats"].tolist()


def test_leveling_and_overhang_columns(root):
    no = ps.by_law(str(root / "tests/data/systems/no-storting-2021/votes.csv"),
                   "no-storting-2021")
    assert dict(zip(no["party"], no["leveling"]))["SV"] == 5
    nz = ps.by_law(str(root / "tests/data/systems/nz-2023/votes.csv"), "nz-mmp-1993")
    assert dict(zip(nz["party"], nz["overhang"]))["Te Pati Maori"] == 2
    assert any("overhang" not in n and "keeps them" in n for n in nz.attrs["notes"])


def test_others_count_in_the_base_and_win_nothing(root):
    # Greece June 2023: the lists without seats as one row; named "Others",
    # it is one by its name, and by the others argument under another name
    votes = pd.read_csv(root / "tests/data/systems/gr-2023-06/votes.csv")
    got = ps.by_law(votes, "gr-vouli-2020")
    assert dict(zip(got["party"], got["bonus"]))["New Democracy"] == 50
    assert not dict(zip(got["party"], got["eligible"]))["Others"]
    renamed = votes.replace({"party": {"Others": "small lists"}})
    again = ps.by_law(renamed, "gr-vouli-2020", others=["small lists"])
    assert again["seats"].tolist() == got["seats"].tolist()
    assert any("small lists counts in the valid votes" in n for n in again.attrs["notes"])
    # without the flag the row would be a party over 3% and win seats
    assert dict(zip(*[ps.by_law(renamed, "gr-vouli-2020")[c] for c in ("party", "seats")]))[
        "small lists"] > 0
    with pytest.raises(ps.DataError, match="no entry 'MeRA25'"):
        ps.by_law(votes, "gr-vouli-2020", others="MeRA25")


@pytest.mark.parametrize("council,seats", [
    ("druten", 17), ("reusel-de-mierden", 15), ("enkhuizen", 17)])
def test_dutch_councils_take_their_size(root, council, seats):
    # the law leaves the house size to each election; the official seats
    folder = root / "tests/data/systems" / f"nl-council-{council}-2022"
    got = ps.by_law(str(folder / "votes.csv"), "nl-gemeenteraad-under-19-2017", seats=seats)
    with open(folder / "expected.csv", encoding="utf-8") as f:
        want = {row["party"]: int(row["seats"]) for row in csv.DictReader(f)}
    assert dict(zip(got["party"], got["seats"])) == want
    assert got.attrs["house"] == seats


@pytest.mark.parametrize("year,law,house", [
    ("2021", "de-bundestag-2020", 736), ("2017", "de-bundestag-2013", 709)])
def test_bundestag_grows_as_the_official_house(root, year, law, house):
    folder = root / "tests/data/systems" / f"de-bundestag-{year}"
    land = pd.read_csv(folder / "population.csv")
    got = ps.by_law(str(folder / "votes.csv"), law, district_seats=land)
    assert got.attrs["house"] == house
    seated = {p: s for p, s in zip(got["party"], got["seats"]) if s > 0}
    with open(folder / "expected_party.csv", encoding="utf-8") as f:
        assert seated == {row["party"]: int(row["seats"]) for row in csv.DictReader(f)}
    lists = got.attrs["seats_in"]
    with open(folder / "expected.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert lists[row["party"]][row["district"]] == int(row["seats"]), row
    # the Land seats are the election's: without them the law refuses
    with pytest.raises(ps.UsageError, match="district-seats"):
        ps.by_law(str(folder / "votes.csv"), law)


def test_house_size_errors(root):
    votes = str(root / "tests/data/systems/nl-council-druten-2022/votes.csv")
    with pytest.raises(ps.UsageError, match="leaves the house size"):
        ps.by_law(votes, "nl-gemeenteraad-under-19-2017")
    with pytest.raises(ps.UsageError, match="1 to 18 seats, not 19"):
        ps.by_law(votes, "nl-gemeenteraad-under-19-2017", seats=19)
    with pytest.raises(ps.UsageError, match="fixes the house at 300"):
        ps.by_law(votes, "gr-vouli-2020", seats=17)
    table = ps.laws().set_index("system")
    assert table.loc["nl-gemeenteraad-under-19-2017", "seats"] == "1-18"


def test_catalogue_and_errors():
    table = ps.laws()
    assert {"il-knesset-2014", "nz-mmp-1993", "no-storting-2021"} <= set(table["system"])
    with pytest.raises(ps.FileError, match="no bundled law 'nope'"):
        ps.by_law(pd.DataFrame({"party": ["A"], "votes": [1]}), "nope")
    with pytest.raises(ps.DataError, match="direct_wins column"):
        ps.by_law(pd.DataFrame({"party": ["A"], "votes": [1]}), "nz-mmp-1993")
