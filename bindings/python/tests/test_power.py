"""power() and Legislature.power(): published tables and the command
line's exact fractions."""

from fractions import Fraction

import pytest

import powershare as ps

from conftest import frac


def test_eec_council_1958():
    # Felsenthal & Machover (1998), the six original members, quota 12 of 17:
    # normalised Banzhaf 5/21, 5/21, 5/21, 1/7, 1/7, 0; Shapley-Shubik 7/30,
    # 7/30, 7/30, 3/20, 3/20, 0
    got = ps.power({"FR": 4, "DE": 4, "IT": 4, "BE": 2, "NL": 2, "LU": 1}, 12)
    assert got["player"].tolist() == ["FR", "DE", "IT", "BE", "NL", "LU"]
    assert got["banzhaf_exact"].tolist() == [Fraction(5, 21)] * 3 + [Fraction(1, 7)] * 2 + [0]
    assert got["shapley_shubik_exact"].tolist() == ([Fraction(7, 30)] * 3
                                                    + [Fraction(3, 20)] * 2 + [0])
    assert got["banzhaf"].tolist()[0] == pytest.approx(5 / 21)
    assert got.attrs["exact"] is True


@pytest.mark.parametrize("path", ["data/iraq-2014.json", "tests/data/evaluate/ni-2007.json"])
def test_legislature_power_equals_cli(path, root, cli):
    leg = ps.Legislature(root / path)
    got = leg.power(index="all")
    want = cli("power", path, "--index", "all")
    for row, p in zip(got.itertuples(), want["parties"]):
        assert row.party == p["party"]
        for name in ("banzhaf", "shapley_shubik", "penrose", "holler", "johnston"):
            assert getattr(row, name + "_exact") == frac(p[name]["fraction"])


def test_monte_carlo_has_intervals():
    got = ps.power([4, 4, 4, 2, 2, 1], 12, exact=False, samples=20000, seed=7)
    assert "banzhaf_half_width" in got.columns
    assert got.attrs["exact"] is False
    for value, hw, exact in zip(got["banzhaf"], got["banzhaf_half_width"],
                                [5 / 21] * 3 + [1 / 7] * 2 + [0]):
        assert abs(value - exact) <= hw + 1e-12


def test_bad_index_and_quota():
    with pytest.raises(ps.UsageError) as err:
        ps.power([1, 2], 2, index="influence")
    assert "influence" in str(err.value)
    with pytest.raises(ps.Error):
        ps.power([1, 2], 0)
