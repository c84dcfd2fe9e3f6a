"""Laps and entropy oracles (ka_laps.md §5c, computed there at mpmath 60 digits / exact Q(sqrt5))."""

import mpmath as mp
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.core.errors import InvalidInputError
from mathml.kolmogorov import (
    kneading_coefficients, laps, montufar_lower_bound, relu_pieces, sawtooth, serra_upper_bound,
    topological_entropy, turning_points,
)

x = sp.Symbol("x")
PHI = (1 + sp.sqrt(5)) / 2
GOLDEN_LAPS = [2, 4, 8, 14, 24, 40, 66, 108, 176, 286, 464, 752]  # 2F(n+2) - 2
# Feigenbaum point r_inf (OEIS A098587)
R_INF = sp.Float("3.56994567187094490184200515138649893676383691151483237810797552992", 70)
FEIGENBAUM_LAPS = [2, 4, 8, 14, 24, 38, 58, 84, 120, 166, 226, 300, 394, 508, 648, 814, 1016, 1254, 1538,
                   1868]


def fib(k):
    return int(sp.fibonacci(k))


def test_tent_and_logistic4_laps():
    assert [laps(1 - sp.Abs(2 * x - 1), x, n) for n in range(1, 9)] == [2 ** n for n in range(1, 9)]
    assert [laps(4 * x * (1 - x), x, n) for n in range(1, 9)] == [2 ** n for n in range(1, 9)]


def test_golden_tent_laps_fibonacci():
    got = [laps(PHI * sp.Min(x, 1 - x), x, n) for n in range(1, 13)]
    assert got == GOLDEN_LAPS == [2 * fib(n + 2) - 2 for n in range(1, 13)]


def test_logistic_1_plus_sqrt8_laps():
    assert [laps((1 + sp.sqrt(8)) * x * (1 - x), x, n) for n in range(1, 9)] == GOLDEN_LAPS[:8]


def test_feigenbaum_laps():
    # where 2e6-point sampling gives 390 at n = 13
    assert [laps(R_INF * x * (1 - x), x, n) for n in (6, 13, 20)] == [FEIGENBAUM_LAPS[5], 394, 1868]


def test_attracting_two_cycle_laps_linear():
    assert [laps(sp.Rational(16, 5) * x * (1 - x), x, n) for n in range(1, 9)] == [2 * n for n in range(1, 9)]


def test_entropy_oracles():
    mp.mp.dps = 40
    try:
        _entropy_oracles()
    finally:
        mp.mp.dps = 15


def _entropy_oracles():
    assert abs(topological_entropy(4 * x * (1 - x), x) - mp.log(2)) < 1e-25
    assert abs(topological_entropy(1 - sp.Abs(2 * x - 1), x) - mp.log(2)) < 1e-25
    assert abs(topological_entropy(PHI * sp.Min(x, 1 - x), x) - mp.log(mp.phi)) < 1e-25
    assert abs(topological_entropy((1 + sp.sqrt(8)) * x * (1 - x), x) - mp.log(mp.phi)) < 1e-20
    assert abs(topological_entropy(sp.sqrt(2) * sp.Min(x, 1 - x), x) - mp.log(2) / 2) < 1e-20
    # h(r_inf) = 0 is checked below by its kneading sequence (a returned 0 alone only says h < 0.05)


def test_entropy_zero_at_the_feigenbaum_point_exactly():
    # Milnor-Thurston: at r_inf the kneading determinant is prod_k (1 - t^(2^k)), whose coefficients are
    # the Thue-Morse signs (-1)^popcount(n) and whose zeros are roots of unity, so h = 0 exactly
    theta = kneading_coefficients(R_INF * x * (1 - x), x, 256)
    assert theta == [(-1) ** bin(n).count("1") for n in range(1, 257)]
    # the numeric routine agrees at a finer resolution (h < -log(1 - 20/2000) = 0.01) ...
    assert topological_entropy(R_INF * x * (1 - x), x, terms=2000) == 0
    # ... and at that resolution it does see the small positive entropy just above r_inf
    # (entropy is monotone in r and positive beyond r_inf; measured 0.0442)
    assert 0.02 < topological_entropy(sp.Rational(3571, 1000) * x * (1 - x), x, terms=2000) < 0.07


@settings(max_examples=6, deadline=None)
@given(st.integers(120, 199))
def test_tent_slope_entropy(s100):
    # tent of slope s in [1, 2]: h = log s; slopes near 1 are below the resolution
    # -log(1 - 20/terms) of the truncated kneading determinant, hence s >= 1.2
    s = sp.Rational(s100, 100)
    assert abs(topological_entropy(s * sp.Min(x, 1 - x), x, terms=300) - mp.log(s100 / 100)) < 1e-6


def test_kneading_golden_is_polynomial():
    # D(t) = 1 - t - t^2 for the golden tent (critical point of period 3)
    assert kneading_coefficients(PHI * sp.Min(x, 1 - x), x, 6) == [-1, -1, 0, 0, 0, 0]


def test_laps_submultiplicative_and_growth():
    f = sp.Rational(37, 10) * x * (1 - x)
    ls = [laps(f, x, n) for n in range(1, 9)]
    for a in range(1, 5):
        for b in range(1, 9 - a):
            assert ls[a + b - 1] <= ls[a - 1] * ls[b - 1]


def test_turning_points_exact():
    assert turning_points(sp.sin(sp.pi * x), x) == [sp.Rational(1, 2)]
    assert turning_points(x * (1 - x) * (x - sp.Rational(1, 2)) + sp.Rational(1, 2), x, (0, 1)) == \
        sorted(sp.solve(sp.diff(x * (1 - x) * (x - sp.Rational(1, 2)), x)), key=float)


def test_laps_bad_input():
    with pytest.raises(InvalidInputError):
        laps(x, x, 0)
    with pytest.raises(InvalidInputError):
        laps(sp.Symbol("y") * x, x, 2)
    with pytest.raises(InvalidInputError):
        laps("4*x*(1-x)", x, 2)
    with pytest.raises(InvalidInputError):
        topological_entropy(sp.sin(3 * sp.pi * x) ** 2, x)


@pytest.mark.parametrize("depth", [1, 2, 3, 5, 8])
def test_sawtooth_pieces(depth):
    # Telgarsky: depth-L sawtooth has exactly 2^L pieces; equals laps of the tent iterate
    assert relu_pieces(sawtooth(depth)) == 2 ** depth
    if depth <= 5:
        assert laps(1 - sp.Abs(2 * x - 1), x, depth) == 2 ** depth
    assert relu_pieces(sawtooth(depth)) <= serra_upper_bound([1] + [2] * depth)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 6))
def test_one_hidden_layer_bound(seed, width):
    # 1-D input, one hidden layer of width n: at most n + 1 pieces (Serra bound, n_0 = 1)
    import numpy as np
    rng = np.random.default_rng(seed)
    W = rng.integers(-3, 4, size=(width, 1)).tolist()
    b = rng.integers(-3, 4, size=width).tolist()
    v = rng.integers(-3, 4, size=(1, width)).tolist()
    assert relu_pieces([(W, b), (v, [0])], interval=(-5, 5)) <= width + 1 == serra_upper_bound([1, width])


def test_region_bounds_values():
    # n_0 = 1: Serra's bound is prod(n_l + 1) for widths >= 2; Montufar's lower bound below it
    assert serra_upper_bound([1, 3, 4, 5]) == 4 * 5 * 6
    assert montufar_lower_bound([1, 3, 4, 5]) == 3 * 4 * 6
    assert montufar_lower_bound([2, 4, 4]) == 2 ** 2 * (1 + 4 + 6)
    assert serra_upper_bound([2, 4]) == 1 + 4 + 6  # one layer: sum_{j<=n0} C(n1, j)
    for ws in ([2, 4, 4], [3, 6, 6, 6], [1, 2, 2, 2]):
        assert montufar_lower_bound(ws) <= serra_upper_bound(ws)


def test_relu_pieces_accepts_the_core_relu_type():
    from fractions import Fraction

    from mathml.core.relu import ReluNetwork
    from mathml.kolmogorov import relu_pieces, sawtooth

    net = ReluNetwork.from_layers(sawtooth(3))
    # Telgarsky: the 3-fold tent has 2^3 = 8 pieces; independent check of the function: tent^3(1/8) = 1
    assert relu_pieces(net) == relu_pieces(sawtooth(3)) == 8
    assert net.forward([Fraction(1, 8)])[0] == 1 and net.forward([Fraction(1, 16)])[0] == Fraction(1, 2)
