"""Threads: the module releases the GIL during computations; concurrent
calls give the same results as one at a time."""

from concurrent.futures import ThreadPoolExecutor

import powershare as ps


def test_concurrent_power_and_analysis(root):
    leg = ps.Legislature(root / "data" / "iraq-2014.json")
    alone = leg.power()["shapley_shubik_exact"].tolist()
    weights = [92, 34, 29, 25, 23, 21, 19, 10, 9, 6, 5, 4, 3, 3, 3, 2, 2, 2, 2]

    def work(k):
        if k % 2:
            return leg.power()["shapley_shubik_exact"].tolist()
        return ps.power(weights, 165)["banzhaf_exact"].tolist()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(8)))
    direct = ps.power(weights, 165)["banzhaf_exact"].tolist()
    for k, r in enumerate(results):
        assert r == (alone if k % 2 else direct)
