"""Exact finite-width ReLU kurtosis 3 prod(1 + 5/n) (wave2 F5) by three routes."""

import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.fieldtheory import finite_width_kurtosis, kurtosis_by_enumeration, sample_relu_outputs
from mathml.fieldtheory.finite_width import relu_moment


def test_brief_values():
    # brief F5: widths (4) 6.75, (4, 4) 15.1875, (8, 8, 8) 12.873046875
    assert finite_width_kurtosis((4,)) == sp.Rational(675, 100)
    assert finite_width_kurtosis((4, 4)) == sp.Rational(151875, 10000)
    assert finite_width_kurtosis((8, 8, 8)) == sp.Rational(12873046875, 10**9)


def test_one_hidden_layer_is_3_plus_15_over_n():
    n = sp.Symbol("n", positive=True)
    assert sp.simplify(finite_width_kurtosis((7,)) - (3 + sp.Rational(15, 7))) == 0
    assert sp.limit(3 * (1 + 5 / n), n, sp.oo) == 3


def test_enumeration_route():
    for widths in ((1,), (2, 3), (5, 1, 4)):
        assert kurtosis_by_enumeration(widths) == finite_width_kurtosis(widths)
    assert relu_moment(2) == sp.Rational(1, 2) and relu_moment(4) == sp.Rational(3, 2)


def test_brute_force_enumeration_of_activation_patterns():
    # independent: enumerate the 2^n on/off patterns of one hidden layer; half-line Gaussian moments by sympy
    import itertools

    g = sp.Symbol("g", real=True)
    w = sp.exp(-(g**2) / 2) / sp.sqrt(2 * sp.pi)
    h = {k: sp.integrate(g**k * w, (g, 0, sp.oo)) for k in (0, 2, 4)}  # E[g^k; g > 0]
    for n in (1, 2, 3):
        ER, ER2 = 0, 0
        for pattern in itertools.product((0, 1), repeat=n):
            on = [i for i in range(n) if pattern[i]]
            p_off = h[0] ** (n - len(on))
            # E[prod_{i on} 1(g_i > 0) * (sum_{i on} g_i^2)^k] for k = 1, 2
            e1 = sum(h[2] * h[0] ** (len(on) - 1) for _ in on)
            e2 = sum(
                (h[4] * h[0] ** (len(on) - 1)) if i == j else (h[2] ** 2 * h[0] ** (len(on) - 2))
                for i in on
                for j in on
            )
            ER += p_off * e1
            ER2 += p_off * e2
        assert sp.nsimplify(3 * ER2 / ER**2) == finite_width_kurtosis((n,))


@pytest.mark.parametrize("widths", [(4,), (3, 5)])
def test_monte_carlo(widths):
    z = sample_relu_outputs(widths, 400_000, seed=11)
    k = np.mean(z**4) / np.mean(z**2) ** 2
    # the ratio is heavy-tailed; 10% band at 4e5 samples (brief MC: 6.767 for 6.75 at more samples)
    assert abs(k - float(finite_width_kurtosis(widths))) < 0.1 * float(finite_width_kurtosis(widths))


def test_errors():
    for bad in ((0,), (2.5,), ("a",), "44", (True,)):
        with pytest.raises(InvalidInputError):
            finite_width_kurtosis(bad)
    assert finite_width_kurtosis(5) == 3 * sp.Rational(2)
