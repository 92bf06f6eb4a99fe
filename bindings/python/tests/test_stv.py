"""The single transferable vote from Python: Glasgow 2022's official count
sheets reproduced by stv() figure by figure, the same as the command line,
a small count worked out by hand, errors as exceptions, and candidates
excluded together under the Irish rules."""

import csv
from decimal import Decimal

import pytest

import powershare as ps

WARDS = ["langside", "shettleston", "govan", "dennistoun"]


def ward(root, name):
    return root / "tests" / "data" / "systems" / f"stv-glasgow-{name}-2022"


@pytest.mark.parametrize("name", WARDS)
def test_official_sheets(root, name):
    d = ward(root, name)
    r = ps.stv(d / "ballots.blt")
    sheet = r.attrs["sheet"]
    with open(d / "expected_stages.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        assert sheet.loc[row["candidate"], int(row["stage"])] == Decimal(row["votes"]), row
    assert len(rows) == sheet.size
    with open(d / "expected.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            got = r[r["candidate"] == row["candidate"]].iloc[0]
            assert (got["status"] == "elected") == (row["elected"] == "yes")
            assert got["stage"] == (int(row["stage"]) if row["stage"] else 0)


def test_langside_as_the_command_line(root, cli):
    path = ward(root, "langside") / "ballots.blt"
    r = ps.stv(str(path))
    j = cli("stv", str(path))
    assert r.attrs["elected"] == j["elected"]
    assert r.attrs["quota"] == Decimal("2272.00000")
    assert r.attrs["valid"] == j["valid"] == 11358
    assert r["votes"].tolist() == [Decimal(str(c["votes"])) for c in j["candidates"]]
    assert r.attrs["actions"]["candidate"].tolist()[1:] == [s["candidate"] for s in
                                                            j["stages"][1:]]
    leinster = r[r["candidate"] == "Paul LEINSTER"].iloc[0]
    assert leinster["order"] == 4 and leinster["last_vacancies"]
    assert leinster["votes"] == Decimal("2240.76391")


def test_a_count_by_hand_from_text():
    # quota 6; A's surplus of 3 at trunc5(3/9) = 0.33333 a paper, 0.00003
    # lost; C excluded; B fills the last seat with 4.66665
    blt = '3 2\n5 1 2 0\n4 1 3 0\n3 2 0\n3 3 0\n0\n"A"\n"B"\n"C"\n'
    r = ps.stv(blt)
    assert r.attrs["elected"] == ["A", "B"]
    assert r.attrs["sheet"][2].tolist() == [Decimal(x) for x in
                                            ("6.00000", "4.66665", "4.33332", "0.00000",
                                             "0.00003")]
    assert r.attrs["sheet"].loc["Non-transferable votes", 3] == Decimal("4.33335")
    assert ps.stv(blt.encode()).attrs["elected"] == ["A", "B"]
    assert ps.stv(blt, seats=1).attrs["elected"] == ["A"]


def test_ties():
    blt = '3 1\n2 1 0\n2 2 0\n3 3 0\n0\n"Ann"\n"Bob"\n"Cy"\n'
    with pytest.raises(ps.TieError, match="Ann and Bob are level for exclusion"):
        ps.stv(blt)
    r = ps.stv(blt, ties="first")
    assert r.attrs["ties"] == [{"stage": 2, "action": "exclusion", "tied": ["Ann", "Bob"],
                                "chosen": "Bob", "decided_at": 0}]
    assert ps.stv(blt, ties="random", seed=3).attrs["ties"] == \
        ps.stv(blt, ties="random", seed=3).attrs["ties"]
    with pytest.raises(ps.UsageError):
        ps.stv(blt, ties="coin")


def test_errors_name_the_place(tmp_path):
    with pytest.raises(ps.DataError) as e:
        ps.stv('3 2\n1 1 4 0\n0\n"A"\n"B"\n"C"\n')
    assert (e.value.file, e.value.line, e.value.column) == ("<text>", 2, 5)
    bad = tmp_path / "bad.blt"
    bad.write_text('3 2\n1 1 2\n0\n')
    with pytest.raises(ps.ParseError) as e:
        ps.stv(bad)
    assert (e.value.file, e.value.line, e.value.column) == (str(bad), 2, 6)
    assert "expected 0 to end the ballot" in str(e.value)
    with pytest.raises(ps.UsageError):
        ps.stv('2 1\n1 1 0\n0\n"A"\n"B"\n', rule="warren")
    with pytest.raises(FileNotFoundError):
        ps.stv(tmp_path / "missing.blt")


# One seat, quota floor(58 / 2) + 1 = 30, a quarter of it 7.5. Under the
# Irish rules Cy (2) and Di (3) together have 5, fewer than Bob (25), and Di
# cannot reach 7.5 with Cy's papers: both go at stage 2, Cy's papers to Ann
# (30, elected), Di's to Bob. The Scottish rules exclude Cy alone, which
# elects Ann.
JOINT = '4 1\n28 1 0\n25 2 0\n2 3 1 0\n3 4 2 0\n0\n"Ann"\n"Bob"\n"Cy"\n"Di"\n'


def test_irish_rules_exclude_two_together():
    r = ps.stv(JOINT, rule="irish")
    assert r.attrs["rule"] == "irish"
    a = r.attrs["actions"]
    assert a["action"].tolist() == ["first preferences", "exclusion"]
    assert a["excluded"].tolist() == [[], ["Cy", "Di"]]
    assert a["candidate"].tolist() == [None, "Cy"]
    assert a["amount"].tolist() == [Decimal("0.00000"), Decimal("5.00000")]
    assert a["elected"].tolist() == [[], ["Ann"]]
    assert r["status"].tolist() == ["elected", "not elected", "excluded", "excluded"]
    assert r["stage"].tolist() == [2, 0, 2, 2]
    assert r.attrs["sheet"][2].tolist()[:4] == [Decimal(x) for x in
                                                ("30.00000", "28.00000", "0.00000", "0.00000")]
    s = ps.stv(JOINT, rule="scottish").attrs["actions"]
    assert s["excluded"].tolist() == [[], ["Cy"]]
    assert ps.stv(JOINT, rule="Dail").attrs["rule"] == "irish"


def test_dublin_north_2002_joint_exclusion(root, cli):
    # the official count 2 excluded Walshe (247) and Quinn (285) together
    # (tests/data/systems/stv-dublin-north-2002/SOURCES.md)
    path = root / "tests" / "data" / "systems" / "stv-dublin-north-2002" / "ballots.blt"
    a = ps.stv(path, rule="ireland").attrs["actions"]
    assert a["excluded"][1] == ["David Henry Walshe", "Eamonn Quinn"]
    assert a["amount"][1] == Decimal("532.00000")
    assert [len(x) for x in a["excluded"]] == [0, 2, 1, 1, 1, 1, 0, 1]
    j = cli("stv", "--rule", "irish", str(path))
    assert a["excluded"].tolist() == [s["excluded"] for s in j["stages"]]


MEEK = ["SC", "SC-Vm-12", "513"]


@pytest.mark.parametrize("name", MEEK + ["glasgow-govan-2022", "dublin-north-2002"])
def test_meek_rounds_as_the_reference_transcripts(root, name):
    # Droop's transcripts of the PR Foundation's reference Meek rule, every
    # figure to 9 places (tests/data/systems/stv-meek-reference/SOURCES.md)
    d = root / "tests" / "data" / "systems" / "stv-meek-reference"
    blt = d / f"{name}.blt" if name in MEEK else d.parent / f"stv-{name}" / "ballots.blt"
    r = ps.stv(blt, rule="meek", ties="first")
    sheet, keep = r.attrs["sheet"], r.attrs["keep"]
    with open(d / f"{name}.expected.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        stage = int(row["stage"])
        assert sheet.loc[row["candidate"], stage] == Decimal(row["votes"]), row
        if row["keep_factor"]:
            assert keep.loc[row["candidate"], stage] == Decimal(row["keep_factor"]), row
    assert len(rows) == sheet.size
    a = r.attrs["actions"]
    assert a["quota"].tolist() == list(sheet.loc["Quota"])
    assert all(i >= 1 for i in a["iterations"])


def test_meek_rule_names_and_figures():
    blt = '3 2\n5 1 2 0\n1 2 0\n3 3 0\n0\n"Castor"\n"Pollux"\n"Helen"\n'
    r = ps.stv(blt, rule="Meek-PRF")
    assert r.attrs["rule"] == "meek"
    assert r.attrs["quota"] == Decimal("3.000000001")
    assert r.attrs["elected"] == ["Castor", "Helen"]
    a = r.attrs["actions"]
    assert a["action"].tolist() == ["first preferences", "exclusion"]
    assert a["candidate"].tolist() == [None, "Pollux"]
    assert r.attrs["keep"][2].tolist() == [Decimal("0.600000001"), Decimal("1.000000000"),
                                           Decimal("1.000000000")]
    assert ps.stv(blt).attrs["keep"] is None
    with pytest.raises(ps.TieError):
        ps.stv('3 1\n1 1 0\n1 2 0\n1 3 0\n0\n"A"\n"B"\n"C"\n', rule="meek")
