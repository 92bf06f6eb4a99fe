"""The rest of the pipeline against the command line's JSON: districts
and biproportional seats, poll simulation, what-if scenarios, portfolios
under a parity rule, the formation model's prediction."""

import pandas as pd
import pytest

import powershare as ps

from conftest import frac


def test_biproportional_uri_2020(root, cli):
    folder = root / "tests" / "data" / "apportion" / "ch-uri-2020"
    votes = pd.read_csv(folder / "votes.csv")
    districts = pd.read_csv(folder / "district_seats.csv")
    got = ps.seats(votes, districts=districts, method="sainte-lague", biproportional=True)
    official = pd.read_csv(folder / "expected.csv")
    merged = got.merge(official, on=["party", "district"], suffixes=("", "_official"))
    assert len(merged) == len(official)
    assert (merged["seats"] == merged["seats_official"]).all()


def _official_cells(folder, **rules):
    votes = pd.read_csv(folder / "votes.csv")
    districts = pd.read_csv(folder / "district_seats.csv")
    got = ps.seats(votes, districts=districts, method="sainte-lague", biproportional=True,
                   **rules)
    official = pd.read_csv(folder / "expected.csv")
    merged = got.merge(official, on=["party", "district"], suffixes=("", "_official"))
    assert len(merged) == len(official)
    return got, (merged["seats"] != merged["seats_official"]).sum()


def test_biproportional_grisons_2022_winner_take_one(root):
    # tests/cases/seats/ch-grisons-2022-winner-take-one: every official cell
    # with the Majorzbedingung; 10 cells wrong without it; Rheinwald's tie
    folder = root / "tests" / "data" / "apportion" / "ch-grisons-2022"
    got, wrong = _official_cells(folder, threshold="3%", winner_take_one="every")
    assert wrong == 0
    assert got.attrs["winner_take_one_not_applied"] == ["Rheinwald"]
    assert _official_cells(folder, threshold="3%")[1] == 10


def test_biproportional_zug_2018_and_the_district_quorum(root):
    # tests/cases/seats/ch-zug-2018 and biproportional-district-threshold
    folder = root / "tests" / "data" / "apportion" / "ch-zug-2018"
    assert _official_cells(folder, threshold="3%", district_threshold="5%")[1] == 0
    votes = pd.DataFrame({"party": list("XXYYZZWWVV"), "district": list("AB") * 5,
                          "votes": [470, 420, 400, 450, 60, 0, 40, 100, 30, 30]})
    five = ps.seats(votes, districts={"A": 10, "B": 10}, method="sainte-lague",
                    biproportional=True, threshold="5%")
    either = ps.seats(votes, districts={"A": 10, "B": 10}, method="sainte-lague",
                      biproportional=True, threshold="5%", district_threshold=0.05)
    assert five.attrs["party_seats"] == {"X": 10, "Y": 9, "Z": 0, "W": 1, "V": 0}
    assert either.attrs["party_seats"] == {"X": 9, "Y": 9, "Z": 1, "W": 1, "V": 0}
    with pytest.raises(ps.UsageError):
        ps.seats(votes, districts={"A": 10, "B": 10}, winner_take_one="every")
    with pytest.raises(ps.UsageError):
        ps.seats(votes, districts={"A": 10, "B": 10}, biproportional=True,
                 winner_take_one="most")


def test_districts_separately():
    # tests/cases/seats/districts-separately: North A 3, B 1; South C 2, B 1
    votes = pd.DataFrame({"party": list("ABCABC"), "district": ["North"] * 3 + ["South"] * 3,
                          "votes": [6000, 3000, 1000, 900, 2100, 4000]})
    got = ps.seats(votes, districts={"South": 3, "North": 4})
    table = {(r.party, r.district): r.seats for r in got.itertuples()}
    assert table[("A", "North")] == 3 and table[("B", "North")] == 1
    assert table[("C", "South")] == 2 and table[("B", "South")] == 1
    with pytest.raises(ps.UsageError):
        ps.seats(votes, districts={"North": 4})


def test_simulate_equals_cli(root, cli):
    poll = root / "tests" / "data" / "simulate" / "de-2021-poll.csv"
    got = ps.simulate(poll, 598, method="sainte-lague", threshold="5%", draws=20000, seed=3,
                      banzhaf=True, threads=2)
    want = cli("simulate", "--seats", "598", "--method", "sainte-lague", "--threshold", "5%",
               "--draws", "20000", "--seed", "3", "--banzhaf", str(poll))
    assert (got.draws, got.majority, got.sample_size) == \
        (want["draws"], want["majority"], want["sample_size"])
    for row, p in zip(got.parties.itertuples(), want["parties"]):
        assert row.party == p["party"]
        if p.get("others"):
            assert row.others
            continue
        assert (row.seats_q05, row.seats_q50, row.seats_q95) == \
            (p["seats_q05"], p["seats_q50"], p["seats_q95"])
        assert round(row.p_seats, 6) == p["p_seats"]
        assert round(row.seats_mean, 4) == p["seats_mean"]
        assert round(row.banzhaf, 6) == p["banzhaf"]
    mine = [(tuple(r.parties), round(r.p_majority, 6), round(r.p_minimal, 6))
            for r in got.coalitions.itertuples()]
    theirs = [(tuple(c["parties"]), c["p_majority"], c["p_minimal"])
              for c in want["coalitions"]]
    assert mine == theirs


def test_simulate_threads_do_not_matter(root):
    poll = root / "tests" / "data" / "simulate" / "de-2021-poll.csv"
    one = ps.simulate(poll, 598, threshold=0.05, draws=9000, seed=11, threads=1)
    four = ps.simulate(poll, 598, threshold=0.05, draws=9000, seed=11, threads=4)
    assert one.parties.equals(four.parties) and one.coalitions.equals(four.coalitions)


def test_simulate_under_election_section(root):
    leg = ps.Legislature(root / "tests" / "data" / "simulate" / "election.json")
    poll = root / "tests" / "data" / "simulate" / "three.csv"
    got = leg.simulate(poll, draws=4096)
    assert got.seats == 9


def test_whatif_equals_cli(root, cli):
    iraq = ps.Legislature(root / "data" / "iraq-2014.json")
    got = iraq.whatif()
    want = cli("whatif", "data/iraq-2014.json")["scenarios"]
    assert [s.name for s in got] == [s["name"] for s in want]
    for mine, theirs in zip(got, want):
        assert list(mine.steps) == [s["text"] for s in theirs["steps"]]
        assert mine.quota == (theirs["before"]["quota"], theirs["after"]["quota"])
        for row, p in zip(mine.parties.itertuples(), theirs["parties"]):
            assert row.id == p["id"]
            seats = tuple(None if pd.isna(s) else int(s)
                          for s in (row.seats_before, row.seats_after))
            assert seats == (p["seats"]["before"], p["seats"]["after"])
            if p["banzhaf"]["after"] and p["banzhaf"]["after"].get("exact"):
                assert row.banzhaf_after == frac(p["banzhaf"]["after"]["exact"])
        assert [list(c) for c in mine.disappeared] == \
            [c["members"] for c in theirs["coalitions"]["disappeared"]]


def test_whatif_given_steps(root):
    iraq = ps.Legislature(root / "data" / "iraq-2014.json")
    (s,) = iraq.whatif({"remove": "kdp"})
    assert s.total_seats == (328, 303) and s.quota == (165, 152)
    with pytest.raises(ps.DataError):
        iraq.whatif({"remove": "nobody"})


def test_portfolios_equal_cli(root, cli):
    path = "tests/data/formation/be-2014.json"
    leg = ps.Legislature(root / path)
    for method in ("dhondt", "gamson", "sainte-lague"):
        got = leg.portfolios(["nva", "cdv", "openvld", "mr"], method=method)
        want = cli("portfolios", path, "--coalition", "nva,cdv,openvld,mr", "--method", method)
        assert got["posts"].tolist() == [m["posts"] for m in want["members"]]
        if method == "gamson":
            assert got["share"].tolist() == [frac(m["share"]["exact"]) for m in want["members"]]
    # Michel I (tests/data/formation/SOURCES.md): the MR alone on the
    # French-speaking side takes all seven of its posts
    assert got.set_index("party").loc["mr", "posts"] == 7
    iraq = ps.Legislature(root / "data" / "iraq-2014.json")
    offices = iraq.portfolios(["sol", "ahrar", "kdp", "puk"], posts=0).attrs["offices"]
    assert {o["office"]: o["party"] for o in offices} == \
        {"Prime Minister": "sol", "President": "kdp", "Speaker": None}


def test_predict_equals_analyze(root, cli):
    iraq = ps.Legislature(root / "data" / "iraq-2014.json")
    got = iraq.predict(top=5)
    want = cli("analyze", "data/iraq-2014.json")["prediction"]
    assert [set(m) for m in got["members"]] == [set(t["members"]) for t in want["top"]]
    for p in want["in_government"]:
        assert round(got.attrs["in_government"][p["id"]], 6) == p["probability"]
