"""mathml.sweep on one process, a process pool and a dask LocalCluster; prove --scheduler local:2."""
import concurrent.futures
import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
from mathml.core.cluster import parse_scheduler
from mathml.core.errors import InvalidInputError
from mathml.core.sweep import grid_points, point_seed

ROOT = Path(__file__).resolve().parents[2]


def noisy_mean(n, scale, seed):
    """Mean of n normal draws: a seeded random computation."""
    return {"mean": float(np.random.default_rng(seed).normal(0.0, scale, size=n).mean())}


def binomial_identity(n):
    """Vandermonde at k = n: sum_j C(n, j)^2 = C(2n, n), checked exactly by verify."""
    j = sp.Symbol("j", integer=True)
    return mm.verify(sp.Sum(sp.binomial(n, j)**2, (j, 0, n)).doit(), sp.binomial(2 * n, n))


def dies_at_two(k):
    if k == 2:
        os._exit(3)
    return k * k


def raises_at_one(k):
    if k == 1:
        raise ValueError("bad point")
    return k


def test_records_are_tidy_and_in_grid_order():
    table = mm.sweep(noisy_mean, {"n": [10, 100], "scale": [1.0, 3.0]}, seed=1, progress=False)
    assert [(r["n"], r["scale"]) for r in table] == [(10, 1.0), (10, 3.0), (100, 1.0), (100, 3.0)]
    assert all(set(r) == {"n", "scale", "seed", "mean", "error"} for r in table)
    # the mean of n draws of N(0, s^2) has standard deviation s / sqrt(n): all within 5 sigma
    assert all(abs(r["mean"]) < 5 * r["scale"] / np.sqrt(r["n"]) for r in table)
    # independent: the same seed stream as numpy's own SeedSequence spawning
    expected = np.random.default_rng(np.random.SeedSequence(1, spawn_key=(0,)).generate_state(1)[0])
    assert table[0]["mean"] == pytest.approx(float(expected.normal(0.0, 1.0, size=10).mean()), abs=0)


def test_verdict_columns_and_failures_are_reported():
    table = mm.sweep(binomial_identity, {"n": [1, 2, 3, 5]}, progress=False)
    assert [r["status"] for r in table] == ["proved"] * 4 and all(r["error"] is None for r in table)
    table = mm.sweep(raises_at_one, {"k": [0, 1, 2]}, progress=False)
    assert [r["error"] for r in table] == [None, "ValueError: bad point", None]
    assert table[2]["value"] == 2


def test_process_pool_matches_serial_and_survives_a_dying_worker():
    serial = mm.sweep(noisy_mean, {"n": [5, 50], "scale": [0.5, 2.0]}, seed=3, progress=False)
    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        assert mm.sweep(noisy_mean, {"n": [5, 50], "scale": [0.5, 2.0]}, seed=3, executor=pool,
                        progress=False) == serial
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        table = mm.sweep(dies_at_two, {"k": [0, 1, 2, 3]}, executor=pool, retries=1, progress=False)
    assert len(table) == 4
    assert "worker died" in table[2]["error"] and "tried 2 times" in table[2]["error"]


def test_frame_and_bad_input():
    pd = pytest.importorskip("pandas")
    df = mm.sweep(noisy_mean, {"n": [3], "scale": [1.0, 2.0]}, seed=0, frame=True, progress=False)
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["n", "scale", "seed", "mean", "error"]
    for bad in [{}, {"k": []}, {"1k": [1]}, {"k": "abc"}, [1, 2], {"a": range(10**4), "b": range(10**4)}]:
        with pytest.raises(InvalidInputError):
            mm.sweep(noisy_mean, bad)
    with pytest.raises(InvalidInputError):
        mm.sweep(noisy_mean, {"n": [1]}, seed=-1)
    with pytest.raises(InvalidInputError):
        mm.sweep(noisy_mean, {"n": [1]}, executor="dask")
    with pytest.raises(InvalidInputError):
        parse_scheduler("local:0")


@settings(max_examples=20)
@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.lists(st.integers(), min_size=1, max_size=3),
                       min_size=1))
def test_grid_is_the_full_product(grid):
    points = grid_points(grid)
    assert len(points) == int(np.prod([len(v) for v in grid.values()]))
    assert len({tuple(p.items()) for p in points}) == len({tuple(p.items()) for p in points})
    assert all(set(p) == set(grid) for p in points)


@given(st.integers(0, 2**32), st.integers(0, 1000), st.integers(0, 1000))
def test_point_seeds_are_deterministic_and_distinct(seed, i, j):
    assert point_seed(seed, i) == point_seed(seed, i)
    if i != j:
        assert point_seed(seed, i) != point_seed(seed, j)


CATALOGUE = '''
import sympy as sp
import mathml as mm

@mm.theorem("cos^2 + sin^2 = 1")
def pythagoras():
    x = sp.Symbol("x", real=True)
    return mm.verify(sp.cos(x)**2 + sp.sin(x)**2, 1)

@mm.theorem("telescoping", source="folklore")
def telescoping():
    k, n = sp.symbols("k n", integer=True, positive=True)
    return mm.Derivation("t", sp.Sum(1 / (k * (k + 1)), (k, 1, n))).step(1 - 1 / (n + 1), "telescopes")

@mm.theorem("false on purpose", expect="disproved")
def false():
    x = sp.Symbol("x", real=True)
    return mm.verify(sp.sin(2 * x), 2 * sp.sin(x), points=6)

@mm.theorem("exits")
def exits():
    import sys
    sys.exit(0)
'''


@pytest.mark.slow
def test_local_cluster_runs_a_catalogue_and_a_sweep(tmp_path):
    pytest.importorskip("dask.distributed")
    path = tmp_path / "catalogue.py"
    path.write_text(textwrap.dedent(CATALOGUE))
    env = {**os.environ, "MATHML_CACHE_DIR": str(tmp_path / "cache")}
    outputs = []
    for extra in (["--jobs", "1"], ["--scheduler", "local:2"]):
        proc = subprocess.run([sys.executable, "-m", "mathml", "prove", str(path), "--no-cache", *extra],
                              capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "3 of 4 theorems as expected" in proc.stdout
        assert "Traceback" not in proc.stdout
        lines = [line for line in proc.stdout.splitlines() if line.startswith("[")]
        outputs.append(sorted(line.split(")", 1)[0] for line in lines))
    strip = [[line.split("]", 1)[1] for line in o] for o in outputs]  # same verdict lines, any order
    assert sorted(strip[0]) == sorted(strip[1])
    # cluster runs fill the same result cache as local runs (3 results; the sys.exit failure is not stored)
    proc = subprocess.run([sys.executable, "-m", "mathml", "prove", str(path), "--scheduler", "local:2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert proc.returncode == 1
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 3

    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        address = cluster.scheduler_address  # a running scheduler, reached as a remote user would
        assert address.startswith("tcp://127.0.0.1:")
        proc = subprocess.run([sys.executable, "-m", "mathml", "prove", str(path), "--no-cache",
                               "--scheduler", address], capture_output=True, text=True, cwd=ROOT, timeout=300,
                              env=env)
        assert proc.returncode == 1 and "3 of 4 theorems as expected" in proc.stdout, proc.stderr
        grid = {"n": [5, 50], "scale": [0.5, 2.0]}
        remote = mm.sweep(noisy_mean, grid, seed=11, executor=client.get_executor(), progress=False)
        assert remote == mm.sweep(noisy_mean, grid, seed=11, progress=False)
        verdicts = mm.sweep(binomial_identity, {"n": [2, 4]}, executor=client.get_executor(), progress=False)
        assert [r["status"] for r in verdicts] == ["proved", "proved"]
