"""Braun–Griebel outer iteration: the per-iteration contraction bound of ka_laps.md §1.4
(eta = ((m-n+1) eps + 2n)/(m+1)), ||Phi_q^r|| <= ||f_{r-1}||/(m+1), float inner functions
against the exact pair recursion, the Lorentz single-outer-function form."""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.core.errors import InvalidInputError
from mathml.kolmogorov import PrecisionError, psi
from mathml.kolmogorov.outer import InnerFunction, KolmogorovArnold


@pytest.fixture(scope="module")
def ka_xy():
    return KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=1500, seed=1)


def test_contraction_xy(ka_xy):
    rec = ka_xy.history[0]
    assert ka_xy.eta == pytest.approx(0.86)  # n = 2, m = 4, eps = 0.1: (3 * 0.1 + 4) / 5
    assert rec.level == 2  # osc(xy) on level-1 cubes ~ 2 delta_1 = 0.27 > 0.1; level 2: 0.044
    assert rec.norm_before == pytest.approx(1.0)  # ||xy||_inf = 1 attained at (1, 1)
    assert rec.oscillation <= 0.1 * rec.norm_before
    assert rec.residual <= rec.eta * rec.norm_before
    assert rec.max_phi <= rec.norm_before / 5 + 1e-12


def test_contraction_exp():
    ka = KolmogorovArnold(2).fit(sp.exp(sp.Symbol("x") + sp.Symbol("y")), max_iter=1, samples=1000,
                                 symbols=sp.symbols("x y"))
    rec = ka.history[0]
    assert rec.norm_before == pytest.approx(np.exp(2))
    assert rec.residual <= rec.eta * rec.norm_before
    assert rec.max_phi <= rec.norm_before / 5 + 1e-12


def test_residual_is_f_minus_representation(ka_xy):
    rng = np.random.default_rng(5)
    x = rng.random((300, 2))
    rep = ka_xy(x)
    assert np.max(np.abs(x[:, 0] * x[:, 1] - rep)) <= ka_xy.history[0].eta  # independent sample
    # the representation is sum_q Phi_q(xi_q(x)) with xi_q(x) = sum_p lambda_p psi(c x_p + q a): rebuild the
    # inner sums independently from the exact rational psi (pair recursion in Fractions, enclosure at
    # level 14), the exact shift a and the exact weights lambda_p, at rational points (0 differences
    # measured; a wrong inner function, shift or weight moves the sum by O(0.1))
    from mathml.kolmogorov import lambdas, shift

    inner = ka_xy.inner
    g, m = inner.gamma, inner.m
    a = shift(2, g)
    c = 1 - m * a
    lam = lambdas(2, g, 11)

    def psi_exact(v):
        e = psi(v, n=2, gamma=g, level=14)
        return e if isinstance(e, F) else (e.lower + e.upper) / 2

    pts = [[F(int(v), 1000) for v in row] for row in rng.integers(0, 1001, size=(12, 2))]
    xs = np.array([[float(v) for v in row] for row in pts])
    rebuilt = [sum(float(ka_xy.outer(q, np.array([float(sum(lp * psi_exact(c * xp + q * a)
                                                             for lp, xp in zip(lam, row)))]))[0])
                   for q in range(m + 1)) for row in pts]
    assert np.allclose(ka_xy(xs), rebuilt, rtol=0, atol=1e-9)


def test_lorentz_single_outer_function(ka_xy):
    rng = np.random.default_rng(6)
    x = rng.random((200, 2))
    lor = ka_xy.lorentz()
    assert np.allclose(lor(x), ka_xy(x), atol=1e-12)


def test_bump_count(ka_xy):
    # per shift q: (number of level-k cubes meeting the domain)^n <= gamma^{nk}
    counts = [len(ka_xy._cubes(2, q)[0]) ** 2 for q in range(5)]
    assert ka_xy.history[0].bumps == sum(counts)
    assert all(c <= 6 ** 4 for c in counts)


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 1), st.integers(0, 4))
def test_float_psi_inside_exact_enclosure(x, q):
    # psi_hat(x + q a) in float vs the exact enclosure at level 30 of the same rational point
    inner = InnerFunction(2, 6)
    xr = F(round(x * 2 ** 52), 2 ** 52) + F(q, 30)
    enc = psi(xr, n=2, gamma=6, level=30)
    got = float(inner.psi_hat(np.array([x]), q)[0])
    if isinstance(enc, F):
        lo = hi = float(enc)
    else:
        lo, hi = enc.whole + float(enc.lower_series), enc.whole + float(enc.upper_series)
    assert lo - 1e-15 <= got <= hi + 1e-15


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=2, max_size=2), st.integers(1, 3))
def test_at_least_m_minus_n_plus_1_good_shifts(x, k):
    # each coordinate is in a level-k gap for at most one q: at least 3 of 5 shifts are good
    ka = KolmogorovArnold(2)
    bad = set()
    for q in range(5):
        j, lo, hi, _ = ka._cubes(k, q)
        for xp in x:
            if not np.any((lo <= xp) & (xp <= hi)):
                bad.add(q)
    assert len(bad) <= 2


def test_precision_guard_and_bad_input():
    ka = KolmogorovArnold(2)
    with pytest.raises(PrecisionError):
        ka.fit(lambda x: x[:, 0], max_level=4)
    with pytest.raises(InvalidInputError):
        KolmogorovArnold(2, gamma=5)  # gamma must be >= m + 2
    with pytest.raises(InvalidInputError):
        KolmogorovArnold(2).fit("x*y")


def test_latex_reprs(ka_xy):
    assert "Phi_q" in ka_xy._repr_latex_()
    assert "bumps" in ka_xy.history[0]._repr_latex_()
    assert "bumps" in ka_xy.levels[0][0]._repr_latex_()
    assert r"\xi_q" in ka_xy.inner._repr_latex_()
    assert "g" in ka_xy.lorentz()._repr_latex_()


def test_second_iteration_needs_a_finer_level():
    # f_1 inherits psi's roughness: at level 2 its sampled oscillation exceeds eps ||f_1||, so the
    # strict iteration stops; the non-strict one records oscillation_ok = False
    ka = KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=2, samples=500, max_level=2)
    assert len(ka.history) == 1 and "oscillation test" in ka.stopped
    ka2 = KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=2, samples=500, max_level=2,
                                  strict=False)
    assert [h.oscillation_ok for h in ka2.history] == [True, False]
    assert ka2.history[1].oscillation > ka2.epsilon * ka2.history[1].norm_before


def test_x_equal_one_is_covered_by_the_last_shift():
    # regression (found by hypothesis): x_p = 1 maps to the grid point d = 1 under q = m, whose cube
    # shrinks to the single point x = 1; it was dropped, so (1.0, 0.1640625) had 3 bad shifts at k = 3
    ka = KolmogorovArnold(2)
    bad = set()
    for q in range(5):
        j, lo, hi, _ = ka._cubes(3, q)
        for xp in (1.0, 0.1640625):
            if not np.any((lo <= xp) & (xp <= hi)):
                bad.add(q)
    assert len(bad) <= 2
    j, lo, hi, _ = ka._cubes(3, 4)
    assert j[-1] == 6**3 and lo[-1] == hi[-1] == 1.0
