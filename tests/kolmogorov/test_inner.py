"""Köppen / Sprecher psi: exact values from the brief (ka_laps.md §2, re-derived with the
literal recursion psi_reference), pair recursion vs recursion tree, precision guards."""
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from mathml.core.errors import InvalidInputError, MathmlError
from mathml.kolmogorov import (
    GammaSeries, PrecisionError, beta, grid_digit_array, lambdas, psi, psi_batch, psi_float, psi_pair,
    psi_reference, psi_series, shift, sprecher_psi,
)

# ka_laps.md §2 "Köppen psi, form (2.9), exact", n = 2, gamma = 10
KOPPEN_VALUES = {
    "0.1": F(1, 10), "0.5": F(1, 2), "0.9": F(9, 10), "0.55": F(101, 200), "0.09": F(27, 500),
    "0.59": F(277, 500), "0.99": F(477, 500), "0.999": F(2442501, 2500000),
}


@pytest.mark.parametrize("d, value", sorted(KOPPEN_VALUES.items()))
def test_koppen_exact_values(d, value):
    assert psi(d, n=2, gamma=10) == value
    assert psi_reference(d, n=2, gamma=10) == value


def test_koppen_deep_value_sparse_form():
    # ka_laps.md: psi(0.58999) = 0.5482501 + 2e-15 + 4e-31, c = (87/16, 9/2, 1, 2, 4)
    s = psi_series("0.58999", n=2, gamma=10)
    assert s.coefficients() == (0, F(87, 16), F(9, 2), 1, 2, 4)
    assert s.to_fraction() == F("0.5482501") + F(2, 10**15) + F(4, 10**31)
    assert s.to_fraction() == psi_reference("0.58999", n=2, gamma=10)
    assert "10^{-31}" in s._repr_latex_()


def test_n3_value():
    # ka_laps.md: for n = 3, psi(0.59) = 0.5504
    assert psi("0.59", n=3, gamma=10) == F("0.5504")


def test_sprecher_values():
    # B&G (2.5) via the brief: psi(0.59) = 11/20 < psi(0.58999) = 2207/4000
    assert psi("0.59", n=2, gamma=10, variant="sprecher") == F(11, 20)
    assert psi("0.58999", n=2, gamma=10, variant="sprecher") == F(2207, 4000)
    assert sprecher_psi((5, 8, 9, 9, 9), n=2, gamma=10) > sprecher_psi((5, 9), n=2, gamma=10)


def test_pair_recursion_equals_recursion_tree_on_D4():
    # exhaustive on D_4 (n = 2, gamma = 10) and D_3 (n = 3): vectorised pair recursion vs literal (2.9)
    for k, n in ((4, 2), (3, 3)):
        dg = grid_digit_array(k, 10)
        coeffs = psi_batch(dg, n=n, gamma=10)
        for row, c in zip(dg[::7], coeffs[::7]):
            d = F(int("".join(map(str, row))), 10**k)
            series = GammaSeries(tuple(int(v) for v in c), k, n, 10)
            assert series.to_fraction() == psi_reference(d, n=n, gamma=10)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=7), st.sampled_from([2, 3]))
def test_pair_recursion_property(digits, n):
    d = F(int("".join(map(str, digits))), 10 ** len(digits))
    lo, hi = psi_pair(digits, n=n, gamma=10)
    assert lo.to_fraction() == psi_reference(d, n=n, gamma=10)
    # the right value is psi at the right neighbour d + gamma^-k
    assert hi.to_fraction() == psi_reference(d + F(1, 10 ** len(digits)), n=n, gamma=10)
    assert lo.to_fraction() < hi.to_fraction()


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6 - 1), st.integers(1, 3))
def test_extension_beyond_one(num, whole):
    # psi(x) = floor(x) + psi(x - floor(x)): continuous and increasing at the integers
    d = F(num, 10**6)
    assert psi(whole + d, n=2, gamma=10) == whole + psi(d, n=2, gamma=10)
    assert psi(F(whole), n=2, gamma=10) == whole


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=0, max_value=2, max_denominator=10**6), st.integers(2, 6))
def test_enclosure_contains_finer_levels(x, level):
    # monotonicity: the level-L enclosure contains every finer enclosure
    coarse = psi(x, n=2, gamma=10, level=level)
    fine = psi(x, n=2, gamma=10, level=level + 2)
    if isinstance(coarse, F):
        assert isinstance(fine, F) and fine == coarse
        return
    fl = fine if isinstance(fine, F) else fine.lower
    fu = fine if isinstance(fine, F) else fine.upper
    assert coarse.lower <= fl <= fu <= coarse.upper
    assert coarse.error <= F(1, 10) / 2 ** (level - 1)  # widest gap <= 2^-(L-1)/gamma


def test_float_path_agrees_with_exact_on_D3():
    # brief oracle: exact and float paths agree on D_3 (n = 2)
    for i in range(0, 1000, 7):
        d = F(i, 1000)
        assert abs(psi_float(i / 1000, n=2, gamma=10, level=3) - float(psi(d, n=2, gamma=10))) < 1e-15


def test_precision_guard():
    with pytest.raises(PrecisionError, match="needs 60 bits"):
        psi_float(0.5, n=2, gamma=10, level=4)
    assert issubclass(PrecisionError, MathmlError)
    with pytest.raises(PrecisionError):
        psi_batch(np.zeros((1, 60), dtype=np.int64), n=2, gamma=10)


def test_constants():
    # ka_laps.md §2: a = 1/90, beta = 1, 3, 7, 15, 31, 63 and 1, 4, 13, 40, 121
    assert shift(2, 10) == F(1, 90)
    assert F(1, 90) == sum(F(1, 10**r) for r in range(2, 200)) + F(1, 90 * 10**198)
    assert [beta(r, 2) for r in range(1, 7)] == [1, 3, 7, 15, 31, 63]
    assert [beta(r, 3) for r in range(1, 6)] == [1, 4, 13, 40, 121]
    for n in (2, 3):
        lam = lambdas(n, 10, 4)
        for p in range(2, n + 1):
            digits = str(lam[p - 1].numerator).zfill(len(str(lam[p - 1].denominator)) - 1)
            ones = {j + 1 for j, ch in enumerate(digits) if ch == "1"}
            assert ones == {(p - 1) * beta(r, n) for r in range(1, 5)}
            assert set(digits) <= {"0", "1"}


@pytest.mark.parametrize("bad", [dict(d="0.5", n=1, gamma=10), dict(d="0.5", n=2, gamma=2),
                                 dict(d="-0.5", n=2, gamma=10), dict(d="1e-3", n=2, gamma=10),
                                 dict(d=F(1, 3), n=2, gamma=10), dict(d=float("nan"), n=2, gamma=10, level=3),
                                 dict(d="0.5", n=2, gamma=10, variant="kolmogorov"),
                                 dict(d=F(1, 3), n=2, gamma=10, variant="sprecher", level=3)])
def test_bad_input(bad):
    d = bad.pop("d")
    with pytest.raises(InvalidInputError):
        psi(d, **bad)


def test_deep_level_stays_sparse():
    # level 60 (n = 2): the expanded rational would have beta(60) ~ 1.2e18 digits; the sparse
    # form has 61 dyadic coefficients and the float value matches the level-3 prefix to 1e-6
    digits = [5, 8] + [9] * 58
    lo, hi = psi_pair(digits, n=2, gamma=10)
    assert len(lo.numerators) == 61 and lo.scale == 60
    assert all(c.denominator <= 2**60 for c in lo.coefficients())
    below, at = float(psi(F("0.58"), n=2, gamma=10)), float(psi(F("0.59"), n=2, gamma=10))
    assert below < float(lo) <= float(hi) == at
    assert lo.numerators != hi.numerators
    enc = psi(F(1, 3), n=2, gamma=10, level=5)  # digits 3 3 3 ...: no carry, width 10^-31
    assert enc.error == F(1, 2 * 10**31) and enc.error_float == pytest.approx(0.5e-31)
