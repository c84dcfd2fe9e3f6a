"""Exhaustive inner-function properties on small grids (ka_laps.md §1.3, §1.4, test oracles)."""
from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from mathml.kolmogorov import (
    beta, descents, gap_shifts, grid_values, image_separation, lambdas, neighbour_gaps, psi, widest_gap,
)


@pytest.mark.parametrize("n, k", [(2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (3, 2), (3, 3)])
def test_monotone_min_gap_and_widest_gap(n, k):
    # strictly increasing on D_k, least neighbour gap exactly gamma^-beta(k),
    # widest gap equal to the G_L recursion
    lo, hi = neighbour_gaps(k, n, 10)
    assert lo == F(1, 10 ** beta(k, n))
    assert hi == widest_gap(k, n, 10)


def test_widest_gap_literature_values():
    # ka_laps.md: G_2 = 0.046, G_3 = 0.0229996, G_4 = 0.0114997999999960 (n = 2); n = 3: G_2 = 0.0496
    assert widest_gap(2, 2, 10) == F("0.046")
    assert widest_gap(3, 2, 10) == F("0.0229996")
    assert widest_gap(4, 2, 10) == F("0.011499799999996")
    assert widest_gap(2, 3, 10) == F("0.0496")
    for L in range(1, 8):
        assert widest_gap(L, 2, 10) <= F(1, 10 * 2 ** (L - 1))


def test_min_gap_D5():
    # k = 5 is 10^5 points: least gap 10^-31
    assert neighbour_gaps(5, 2, 10)[0] == F(1, 10**31)


def test_sprecher_descents_D5():
    # ka_laps.md: exactly 10 descents among the 99,999 neighbouring pairs of D_5, the first
    # between 0.08999 and 0.09; Köppen's psi has none
    ds = descents(5, 2, 10, variant="sprecher")
    assert len(ds) == 10
    assert ds[0] == (F("0.08999"), F("0.09"))
    assert descents(4, 2, 10, variant="koppen") == []


def test_grid_values_match_scalar():
    num, den = grid_values(3, 2, 10)
    for i in (0, 59, 590, 999):
        assert F(int(num[i]), den) == psi(F(i, 1000), n=2, gamma=10)


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=10**5), st.integers(1, 4),
       st.sampled_from([(2, 6), (2, 10), (3, 8), (3, 10)]))
def test_at_most_one_bad_shift(x, k, ng):
    # gamma >= m + 2: each coordinate lies in a level-k gap for at most one shift q
    n, gamma = ng
    assert len(gap_shifts(x, k, n=n, gamma=gamma)) <= 1


def test_bad_shift_exhaustive_and_failure_at_m_plus_1():
    # exhaustive over x = j/1000: at most one bad shift for gamma = m + 2 = 6; two for gamma = m + 1
    counts = [len(gap_shifts(F(j, 1000), 1, n=2, gamma=6)) for j in range(1001)]
    assert max(counts) == 1
    twos = [j for j in range(1001) if len(gap_shifts(F(j, 1000), 1, n=2, gamma=5, m=4)) == 2]
    assert twos and gap_shifts(F(twos[0], 1000), 1, n=2, gamma=5, m=4) == [0, 4]


@pytest.mark.parametrize("k, n", [(1, 2), (2, 2), (1, 3)])
def test_images_disjoint(k, n):
    sep = image_separation(k, n, 10)
    assert sep.count == 10 ** (n * k)
    assert sep.disjoint


def test_separation_k1_closest_pair():
    # ka_laps.md §1.4: at k = 1 the closest images are d = (0, 0.9) and (0.1, 0), with
    # xi-difference 1/10 - (9/10) lambda_2 = 0.0090999099999991... < 10^-2
    sep = image_separation(1, 2, 10)
    assert sep.closest_pair == ((0, F(9, 10)), (F(1, 10), 0))
    lam2 = lambdas(2, 10, 6)[1]
    diff = F(1, 10) - F(9, 10) * lam2
    assert abs(float(diff) - 0.0090999099999991) < 1e-15
    assert diff < F(1, 100)
