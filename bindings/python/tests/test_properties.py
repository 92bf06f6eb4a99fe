"""Property tests on random games (hypothesis): exact indices sum to 1,
and Banzhaf from Python equals the command line's."""

from fractions import Fraction

from hypothesis import given, settings, strategies as st

import powershare as ps

from conftest import frac, run_cli

games = st.lists(st.integers(min_value=1, max_value=60), min_size=2, max_size=9).flatmap(
    lambda w: st.tuples(st.just(w), st.integers(min_value=sum(w) // 2 + 1,
                                                max_value=sum(w))))


@settings(max_examples=60, deadline=None)
@given(games)
def test_exact_indices_sum_to_one(game):
    weights, quota = game
    got = ps.power(weights, quota)
    assert sum(got["banzhaf_exact"]) == 1
    assert sum(got["shapley_shubik_exact"]) == 1
    for value, exact in zip(got["banzhaf"], got["banzhaf_exact"]):
        assert abs(value - float(exact)) < 1e-12


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=40), min_size=2, max_size=8))
def test_banzhaf_equals_cli(tmp_path_factory, seats):
    folder = tmp_path_factory.mktemp("game")
    path = folder / "chamber.csv"
    path.write_text("party,seats\n" + "".join(f"p{i},{s}\n" for i, s in enumerate(seats)))
    got = ps.Legislature(path).power()
    want = run_cli("power", str(path), "--index", "banzhaf")
    assert got["banzhaf_exact"].tolist() == [frac(p["banzhaf"]["fraction"])
                                             for p in want["parties"]]
