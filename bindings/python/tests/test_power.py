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


def test_float_within_bounds_of_exact():
    # the floating-point mode: every value within its proven bound of the
    # exact fraction, the bounds tiny, the other indices left out
    weights = [3 * i % 17 + 1 for i in range(60)]
    quota = sum(weights) * 2 // 3 + 1
    exact = ps.power(weights, quota, index="banzhaf,penrose,shapley_shubik")
    got = ps.power(weights, quota, index="all", method="float", threads=2)
    assert got.attrs["exact"] is False
    assert "holler" not in got.columns and "banzhaf_exact" not in got.columns
    for name in ("banzhaf", "penrose", "shapley_shubik"):
        for value, bound, want in zip(got[name], got[name + "_error_bound"],
                                      exact[name + "_exact"]):
            assert abs(Fraction(value) - want) <= Fraction(bound)
            assert bound < 1e-12 * max(want, Fraction(1, 10**6))


def test_float_of_a_legislature_and_bad_methods(root):
    leg = ps.Legislature(root / "data/iraq-2014.json")
    got = leg.power(method="float")
    want = leg.power()
    for value, bound, exact in zip(got["shapley_shubik"], got["shapley_shubik_error_bound"],
                                   want["shapley_shubik_exact"]):
        assert abs(Fraction(value) - exact) <= Fraction(bound)
    with pytest.raises(ps.UsageError) as err:
        ps.power([1, 2], 2, method="guess")
    assert "float" in str(err.value)


def test_bad_index_and_quota():
    with pytest.raises(ps.UsageError) as err:
        ps.power([1, 2], 2, index="influence")
    assert "influence" in str(err.value)
    with pytest.raises(ps.Error):
        ps.power([1, 2], 0)
