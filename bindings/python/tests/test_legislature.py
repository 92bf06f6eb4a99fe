"""Legislature: its analysis and judged governments equal the command
line's JSON (analyze, coalitions --evaluate) on the same files."""

import json
from fractions import Fraction

import pandas as pd
import pytest

import powershare as ps

from conftest import frac


@pytest.fixture(scope="module")
def iraq(root):
    return ps.Legislature(root / "data" / "iraq-2014.json")


def test_chamber(iraq):
    assert (iraq.total_seats, iraq.majority) == (328, 165)
    parties = iraq.parties
    assert parties.loc[parties["party"] == "sol", "seats"].item() == 92
    assert set(iraq.communities["community"]) >= {"shia", "sunni", "kurdish"}


def test_analyze_equals_cli(iraq, cli):
    # the default prediction model is looked up as the program looks it up
    got = iraq.analyze()
    want = cli("analyze", "data/iraq-2014.json")
    assert got.rule == want["power"]["rule"]
    for row, p in zip(got.power.itertuples(), want["power"]["parties"]):
        assert row.party == p["party"]
        assert row.banzhaf_exact == frac(p["banzhaf"]["fraction"])
        assert row.shapley_shubik_exact == frac(p["shapley_shubik"]["fraction"])
    feasible = want["coalitions_meeting_condition"]
    assert got.feasible.attrs["minimal_winning"] == feasible["minimal_winning_count"]
    for theory, t in feasible["theories"].items():
        mine = got.feasible[got.feasible["theory"] == theory]
        assert [tuple(c["coalition"]["parties"]) for c in t["coalitions"]] == \
            [tuple(sorted(m, key=iraq.parties["party"].tolist().index)) for m in mine["members"]]
        assert [c["rank"] for c in t["coalitions"]] == mine["rank"].tolist()
    assert sorted(got.government) == sorted(want["offices"]["coalition"])
    assert got.government_basis == want["government_basis"]
    reserved = {r["office"]: r["party"] for r in got.offices["reserved"]}
    assert reserved == {r["office"]: r["party"] for r in want["offices"]["reserved"]}
    assert got.prediction is not None
    top = want["prediction"]["top"]
    assert [set(m) for m in got.prediction["members"]] == [set(t["members"]) for t in top]
    for mine, theirs in zip(got.prediction["probability"], top):
        assert mine == pytest.approx(theirs["probability"], rel=1e-9)


def test_communities_equal_cli(iraq, cli):
    got = iraq.analyze(model=None)
    want = cli("analyze", "data/iraq-2014.json", "--model", "/nonexistent")
    assert got.prediction is None
    for row, c in zip(got.communities.itertuples(), want["communities"]):
        assert (row.id, row.seats) == (c["community"], c["seats"])
        assert row.banzhaf == pytest.approx(c["banzhaf"], rel=1e-12)


@pytest.mark.parametrize("path,members,posts", [
    ("tests/data/evaluate/ni-2007.json", ["dup", "sf", "uup", "sdlp"], None),
    ("tests/data/evaluate/ni-2007.json", ["dup", "sf", "uup", "sdlp"],
     {"dup": 4, "sf": 3, "uup": 2, "sdlp": 1}),
    ("data/iraq-2014.json", ["sol", "ahrar", "kdp"], None),
    ("data/iraq-2014.json", ["sol", "ahrar", "muwatin", "muttahidoon", "kdp"], None),
])
def test_evaluate_equals_cli(root, cli, path, members, posts):
    got = ps.Legislature(root / path).evaluate(members, posts)
    args = ["coalitions", path, "--evaluate", ",".join(members)]
    if posts:
        args += ["--posts", ",".join(f"{k}={v}" for k, v in posts.items())]
    want = cli(*args)
    assert (got.seats, got.quota, got.winning, got.surplus) == \
        (want["seats"], want["quota"], want["winning"], want["surplus"])
    assert got.condition_holds == want["condition"]["holds"]
    assert list(got.condition_failed) == [f["reason"] for f in want["condition"]["failed"]]
    assert {k: v for k, v in got.roles.items() if k in want["communities"]} == \
        want["communities"]
    assert got.majority_exit == want["majority_exit"]
    assert got.condition_exit == want["condition_exit"]
    for row, m in zip(got.members.itertuples(), want["members"]):
        assert row.party == m["id"]
        assert row.seat_share == Fraction(m["seat_share"]["num"], m["seat_share"]["den"])
        assert row.status == ("critical" if m["critical"] else
                              "surplus" if m["surplus"] else "")
        if m["banzhaf"] is None:
            assert row.banzhaf is None
        else:
            assert row.banzhaf == Fraction(int(m["banzhaf"]["num"]), int(m["banzhaf"]["den"]))
        if posts:
            assert row.posts == m["posts"]


def test_sources_agree(root):
    path = root / "tests" / "data" / "evaluate" / "ni-2007.json"
    text = path.read_text()
    by_path = ps.Legislature(path)
    by_text = ps.Legislature(text)
    by_dict = ps.Legislature(json.loads(text))
    frame = by_path.parties[["party", "seats"]]
    by_frame = ps.Legislature(frame)
    for leg in (by_text, by_dict):
        assert leg.parties.equals(by_path.parties)
        assert leg.power()["banzhaf_exact"].tolist() == \
            by_path.power()["banzhaf_exact"].tolist()
    # the CSV of a frame has no rule: a plain majority of its seats
    assert by_frame.parties["seats"].tolist() == frame["seats"].tolist()


def test_coalitions_and_chart(iraq):
    table = iraq.coalitions(top=3)
    assert set(table["theory"]) >= {"minimal", "minimum", "bargaining"}
    first = table[(table["theory"] == "bargaining") & (table["rank"] == 1)].iloc[0]
    assert first["seats"] >= 165
    svg = iraq.chart()
    assert svg.startswith("<svg") or svg.startswith("<?xml")
    assert svg._repr_svg_() == str(svg)
    assert "<svg" in iraq.chart("power")


def test_unknown_party_in_a_government(iraq):
    with pytest.raises(ps.UsageError) as err:
        iraq.evaluate(["sol", "nobody"])
    assert "nobody" in str(err.value)
