"""Multi-member plurality from Python (SNTV, block vote): official results of
the House of Councillors (Saitama 2010) and of Royal Sutton Coldfield's
town council wards (2018), the same as the command line, a refused and a
broken tie, and bad input as DataError at its line and column. The
expected winners and figures are the sources' (tests/data/systems/*/
SOURCES.md), not the program's output."""

import doctest

import pandas as pd
import pytest

import powershare as ps
import powershare.multimember


def systems(root, name):
    return root / "tests" / "data" / "systems" / name


def test_saitama_2010_sntv(root):
    # Wikipedia, "Saitama at-large district", 2010 (Ministry of Internal Affairs):
    # three seats; the DPJ ran two candidates and the second lost by 13,017 votes
    r = ps.plurality(systems(root, "jp-councillors-sntv") / "saitama-2010.csv", seats=3)
    assert r.attrs["method"] == "sntv" and r.attrs["seats"] == 3
    won = r[r["elected"]]
    assert won["candidate"].tolist() == ["Masakazu Sekiguchi", "Makoto Nishida",
                                         "Motohiro Ōno"]
    assert won["party"].tolist() == ["LDP", "Kōmeitō", "DPJ"]
    assert won["votes"].tolist() == [655028, 594678, 557398]
    shimada = r[r["candidate"] == "Chiyako Shimada"].iloc[0]
    assert shimada["party"] == "DPJ" and not shimada["elected"] and shimada["rank"] == 4
    assert 557398 - shimada["votes"] == 13017
    parties = r.attrs["parties"].set_index("party")
    assert parties.loc["DPJ", "candidates"] == 2 and parties.loc["DPJ", "seats"] == 1
    assert parties["seats"].sum() == 3


def test_saitama_2010_from_a_frame(root):
    t = pd.read_csv(systems(root, "jp-councillors-sntv") / "saitama-2010.csv")
    t["notes"] = "ignored"  # other columns are left out
    r = ps.plurality(t, seats=3)
    assert r[r["elected"]]["candidate"].tolist() == ["Masakazu Sekiguchi", "Makoto Nishida",
                                                    "Motohiro Ōno"]
    assert r["district"].tolist() == [""] * 10


def test_sutton_coldfield_vesey_block_vote(root):
    # the Vesey ward declaration: 5 seats; Pocock, Puri, Cairns, Passey, Jolley
    # elected, Jolley fifth with 1,999 over Parry 1,710 and Farr 1,709
    t = pd.read_csv(systems(root, "gb-sutton-coldfield-2018") / "candidates.csv")
    vesey = t[t["district"] == "Vesey"].drop(columns="seats")
    r = ps.plurality(vesey, seats={"Vesey": 5}, method="block-vote")
    assert r.attrs["method"] == "block-vote"
    assert r.attrs["ballot"] == "as many votes as seats"
    assert sorted(r[r["elected"]]["candidate"]) == sorted(
        ["Pocock Rob", "Puri Manish Kumar", "Cairns Janet", "Passey Louise", "Jolley Alison"])
    ranks = dict(zip(r["candidate"], r["rank"]))
    assert ranks["Jolley Alison"] == 5 and ranks["Parry Elizabeth Sarah"] == 6
    assert ranks["Farr Thomas"] == 7
    seats = r.attrs["parties"].set_index("party")["seats"]
    assert seats["Labour Party"] == 2 and seats["Conservative Party"] == 3
    assert seats["Independents for Sutton"] == 0


def test_sutton_coldfield_all_wards_as_the_command_line(root, cli):
    # the declarations: Conservative Party 21, Labour Party 3 of 24 seats
    path = systems(root, "gb-sutton-coldfield-2018") / "candidates.csv"
    r = ps.plurality(str(path), method="block-vote")
    seats = r.attrs["parties"].set_index("party")["seats"]
    assert seats["Conservative Party"] == 21 and seats["Labour Party"] == 3
    assert r.attrs["seats"] == 24 and r["elected"].sum() == 24
    j = cli("seats", "--method", "block-vote", str(path))
    assert r.attrs["seats"] == j["seats"] and r.attrs["votes_total"] == j["votes_total"]
    assert r.attrs["districts"]["district"].tolist() == [d["district"] for d in j["districts"]]
    assert r["elected"].tolist() == [c["elected"] for d in j["districts"]
                                     for c in d["candidates"]]


TIE = pd.DataFrame({"district": ["North"] * 3, "candidate": ["Zeta", "Alpha", "Mu"],
                    "party": ["P", "Q", "R"], "votes": [70, 50, 50], "seats": [2, None, None]})


def test_tie_refused():
    with pytest.raises(ps.TieError) as e:
        ps.plurality(TIE)
    assert e.value.code == -6
    assert "Alpha" in str(e.value) and "Mu" in str(e.value) and "North" in str(e.value)


def test_tie_broken_first():
    r = ps.plurality(TIE, ties="first")
    assert r[r["elected"]]["candidate"].tolist() == ["Zeta", "Alpha"]
    assert r.attrs["ties"] == [{"district": "North", "first_seat": 2, "last_seat": 2,
                                "tied": ["Alpha", "Mu"], "winners": ["Alpha"]}]


def test_negative_votes_in_a_file(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("district,candidate,party,votes,seats\nA,x,P,10,1\nA,y,Q,-5,\n")
    with pytest.raises(ps.DataError) as e:
        ps.plurality(p)
    assert (e.value.file, e.value.line, e.value.column) == (str(p), 3, 7)
    assert str(e.value) == f"{p}:3:7: 'votes' must not be negative, got -5"
    assert isinstance(e.value, ValueError)


def test_negative_votes_in_a_frame():
    t = pd.DataFrame({"district": ["A", "A"], "candidate": ["x", "y"], "party": ["P", "Q"],
                      "votes": [10, -5], "seats": [1, None]}, index=["first", "second"])
    with pytest.raises(ps.DataError) as e:
        ps.plurality(t)
    assert (e.value.file, e.value.line, e.value.column) == ("<DataFrame>", 3, 7)
    assert e.value.row == "second" and e.value.column_name == "votes"
    assert "must not be negative" in str(e.value) and "row 'second'" in str(e.value)


def test_seats_missing_or_wrong():
    t = TIE.drop(columns="seats")
    with pytest.raises(ps.UsageError, match="North"):
        ps.plurality(t)
    with pytest.raises(ps.UsageError):
        ps.plurality(t, seats=2)  # an int is for a table of one district
    with pytest.raises(ps.DataError):
        ps.plurality(t, seats={"North": 2, "South": 1})
    with pytest.raises(ps.UsageError, match="plurality method"):
        ps.plurality(TIE, method="dhondt")


def test_docstring_example():
    assert doctest.testmod(powershare.multimember).failed == 0
