"""Public kolmogorov names not reached by the other tests, each checked against an independent value."""
import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.kolmogorov import (
    AdditiveDecomposition, ImageSeparation, IterationRecord, KolmogorovArnold, KroneckerApproximation,
    LorentzForm, MonotonePiece, OuterLevel, PsiEnclosure, additive_decomposition, bits_needed, cube_width,
    grid_digits, image_separation, monotone_pieces, nearest_kronecker, psi,
)


def _koppen(d: Fraction, gamma: int, n: int) -> Fraction:
    """Köppen's psi on [0, 1] straight from Braun & Griebel, Constr. Approx. 30 (2009), eq. 2.9."""
    if d == 1:
        return Fraction(1)
    k = 1
    while (d * gamma ** k).denominator != 1:
        k += 1

    def beta(r):
        return (n ** r - 1) // (n - 1)

    def rec(d, k):
        if k == 1:
            return d
        i_k = int(d * gamma ** k) % gamma
        if i_k < gamma - 1:
            return rec(d - Fraction(i_k, gamma ** k), k - 1) + Fraction(i_k, gamma ** beta(k))
        lo = rec(d - Fraction(i_k, gamma ** k), k - 1)
        up = d + Fraction(1, gamma ** k)
        hi = Fraction(1) if up == 1 else rec(up, k - 1)
        return lo / 2 + hi / 2 + Fraction(gamma - 2, 2 * gamma ** beta(k))

    return rec(d, k)


# --- inner function ---------------------------------------------------------------------------

def test_koppen_reference_reproduces_documented_value():
    # sanity of the hand-written recursion: psi(0.59) = 1/2 psi(0.5) + 1/2 psi(0.6) + 4e-3 = 277/500
    assert _koppen(Fraction(59, 100), 10, 2) == Fraction(277, 500) == psi("0.59", n=2, gamma=10)


@pytest.mark.parametrize("k, n, gamma, expected", [
    (3, 2, 10, 34),     # beta(3) = 7:   ceil(10 log2 10) = ceil(33.22) = 34
    (1, 2, 10, 14),     # beta(1) = 1:   ceil(4 log2 10) = ceil(13.29) = 14
    (5, 3, 8, 372),     # beta(5) = 121: (121 + 3) * 3 = 372 exactly
    (2, 2, 6, 16),      # beta(2) = 3:   ceil(6 log2 6) = ceil(15.51) = 16
])
def test_bits_needed_matches_hand_count(k, n, gamma, expected):
    assert bits_needed(k, n, gamma) == expected


def test_bits_needed_bumps_uses_next_level():
    # bumps at level k need beta(k + 1): n = 3, gamma = 8, k = 5 -> beta(6) = 364, (364 + 3) * 3 = 1101
    assert bits_needed(5, 3, 8, bumps=True) == 1101
    # n = 2, gamma = 6, k = 2 -> beta(3) = 7: ceil(10 log2 6) = ceil(25.85) = 26
    assert bits_needed(2, 2, 6, bumps=True) == 26


def test_bits_needed_rejects_bad_parameters():
    with pytest.raises(InvalidInputError):
        bits_needed(3, 1, 10)
    with pytest.raises(InvalidInputError):
        bits_needed(3, 2, 2)
    with pytest.raises(InvalidInputError):
        bits_needed(-1, 2, 10)


@pytest.mark.parametrize("d, gamma, expected", [
    ("0.59", 10, (0, (5, 9))),
    (Fraction(7, 8), 2, (0, (1, 1, 1))),       # 7/8 = 0.111_2
    (Fraction(7, 8), 4, (0, (3, 2))),          # 7/8 = 3/4 + 2/16 = 0.32_4
    (Fraction(1, 3), 3, (0, (1,))),            # 0.1_3
    (Fraction(1, 3), 6, (0, (2,))),            # 2/6
    ("2.25", 10, (2, (2, 5))),
    (3, 10, (3, (0,))),
    (0.5, 2, (0, (1,))),
    (Fraction(1, 3), 10, None),                # 0.333... has no finite decimal expansion
    (Fraction(1, 7), 6, None),
])
def test_grid_digits_base_expansions(d, gamma, expected):
    assert grid_digits(d, gamma) == expected


def test_grid_digits_rejects_negative_and_junk():
    with pytest.raises(InvalidInputError):
        grid_digits(Fraction(-1, 2), 10)
    with pytest.raises(InvalidInputError):
        grid_digits("abc", 10)


@pytest.mark.parametrize("x, level", [(Fraction(1, 3), 4), (Fraction(2, 7), 3), (Fraction(4, 3), 3)])
def test_psi_enclosure_bounds_are_psi_at_neighbouring_grid_points(x, level):
    gamma, n = 10, 2
    e = psi(x, n=n, gamma=gamma, level=level)
    assert isinstance(e, PsiEnclosure)
    whole = math.floor(x)
    lo_pt = Fraction(math.floor((x - whole) * gamma ** level), gamma ** level)
    hi_pt = lo_pt + Fraction(1, gamma ** level)
    # psi is increasing, so psi(truncation) <= psi(x) <= psi(truncation + gamma^-level);
    # psi(x + 1) = psi(x) + 1
    assert (e.x, e.whole, e.level) == (x, whole, level)
    assert e.lower == whole + _koppen(lo_pt, gamma, n)
    assert e.upper == whole + _koppen(hi_pt, gamma, n)
    assert e.value == (e.lower + e.upper) / 2 and e.error == (e.upper - e.lower) / 2
    assert e.error_float == pytest.approx(float(e.error), rel=1e-12)
    assert float(e) == pytest.approx(float(e.value), rel=1e-14)
    # enclosures nest: the level + 1 enclosure lies inside
    f = psi(x, n=n, gamma=gamma, level=level + 1)
    assert e.lower <= f.lower <= f.upper <= e.upper
    assert "level" in e.latex()


# --- laps ---------------------------------------------------------------------------------------

def test_monotone_pieces_of_cubic():
    # x^3 - x on [-1, 1]: critical points +-1/sqrt(3), increasing / decreasing / increasing
    x = sp.Symbol("x", real=True)
    pieces = monotone_pieces(x**3 - x, x, (-1, 1))
    assert all(isinstance(p, MonotonePiece) for p in pieces)
    c = 1 / sp.sqrt(3)
    assert [(sp.simplify(p.a - a), sp.simplify(p.b - b)) for p, (a, b) in
            zip(pieces, [(-1, -c), (-c, c), (c, 1)])] == [(0, 0)] * 3
    assert [p.increasing for p in pieces] == [True, False, True]
    assert all(p.expr == x**3 - x for p in pieces)


def test_monotone_pieces_of_tent_map_have_the_linear_branches():
    x = sp.Symbol("x")
    pieces = monotone_pieces(1 - sp.Abs(2 * x - 1), x)
    assert [(p.a, p.b, p.increasing) for p in pieces] == [(0, sp.Rational(1, 2), True),
                                                          (sp.Rational(1, 2), 1, False)]
    # branches 2x on [0, 1/2] and 2 - 2x on [1/2, 1]
    assert sp.expand(pieces[0].expr - 2 * x) == 0 and sp.expand(pieces[1].expr - (2 - 2 * x)) == 0


def test_monotone_pieces_rejects_bad_input():
    x = sp.Symbol("x")
    with pytest.raises(InvalidInputError):
        monotone_pieces("4*x*(1-x)", x)
    with pytest.raises(InvalidInputError):
        monotone_pieces(4 * x * (1 - x), x, (1, 0))
    with pytest.raises(InvalidInputError):       # constant: no strictly monotone piece
        monotone_pieces(sp.Integer(1) + 0 * x, x, (0, 1), critical_points=[])


# --- properties ---------------------------------------------------------------------------------

@pytest.mark.parametrize("k, gamma", [(1, 10), (2, 10), (3, 6), (1, 3)])
def test_cube_width_plus_gap_is_grid_spacing(k, gamma):
    # level-k cube [d, d + delta_k] followed by the gap of length a gamma^{1-k} = 1/((gamma-1) gamma^k)
    delta = cube_width(k, gamma)
    assert delta + Fraction(1, (gamma - 1) * gamma ** k) == Fraction(1, gamma ** k)
    assert cube_width(1, 10) == Fraction(4, 45)      # 8 / 90


def test_image_separation_level_one():
    s = image_separation(1, 2, 10)
    assert isinstance(s, ImageSeparation)
    assert (s.k, s.n, s.gamma, s.count) == (1, 2, 10, 100)
    # independent float computation: xi(d) = d1 + lambda d2, lambda = sum_r 10^-beta(r), image
    # length 8 * sum_{r>=2} 10^-beta(r) * (1 + lambda); the tightest pair is (i/10, 9/10) | ((i+1)/10, 0)
    with mpmath.workdps(40):
        lam = sum(mpmath.mpf(10) ** -(2 ** r - 1) for r in range(1, 8))
        width = 8 * sum(mpmath.mpf(10) ** -(2 ** r - 1) for r in range(2, 8)) * (1 + lam)
        gap = mpmath.mpf(1) / 10 - lam * mpmath.mpf(9) / 10 - width
    assert float(s.min_gap) == pytest.approx(float(gap), abs=1e-12)
    assert 0 < s.min_gap_lower_bound <= s.min_gap and s.disjoint
    (a1, a2), (b1, b2) = s.closest_pair
    assert a2 == Fraction(9, 10) and b2 == 0 and b1 - a1 == Fraction(1, 10)


def test_image_separation_rejects_too_many_images():
    with pytest.raises(InvalidInputError):
        image_separation(3, 3, 10)       # 10^9 images
    with pytest.raises(InvalidInputError):
        image_separation(4, 2, 10)       # exhaustive level capped at 3


# --- tensor -------------------------------------------------------------------------------------

def test_kronecker_approximation_of_cnot():
    # CNOT = P0 (x) I + P1 (x) X: vec P0 _|_ vec P1 (norm 1), vec I _|_ vec X (norm sqrt 2), so the
    # realigned matrix has singular values (sqrt 2, sqrt 2, 0, 0) and the best X (x) Y misses by sqrt 2
    cnot = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=float)
    approx = nearest_kronecker(cnot, (2, 2), (2, 2))
    assert isinstance(approx, KroneckerApproximation)
    np.testing.assert_allclose(approx.singular_values, [math.sqrt(2), math.sqrt(2), 0, 0], atol=1e-12)
    assert approx.error == pytest.approx(math.sqrt(2), rel=1e-12)
    assert np.linalg.norm(cnot - approx.matrix) == pytest.approx(approx.error, rel=1e-12)


def test_kronecker_approximation_exact_product_and_eckart_young():
    rng = np.random.default_rng(3)
    X0, Y0 = rng.normal(size=(2, 3)), rng.normal(size=(3, 2))
    approx = nearest_kronecker(np.kron(X0, Y0), (3, 2), (2, 3))
    np.testing.assert_allclose(approx.matrix, np.kron(X0, Y0), atol=1e-12)
    assert approx.error < 1e-12
    assert approx.singular_values[0] == pytest.approx(np.linalg.norm(X0) * np.linalg.norm(Y0), rel=1e-12)
    # realignment permutes entries: sum sigma^2 = ||L||_F^2, and error^2 = ||L||^2 - sigma_1^2
    L = rng.normal(size=(6, 6))
    a = nearest_kronecker(L, (3, 2), (2, 3))
    assert np.sum(a.singular_values ** 2) == pytest.approx(np.linalg.norm(L) ** 2, rel=1e-12)
    assert a.error ** 2 == pytest.approx(np.linalg.norm(L) ** 2 - a.singular_values[0] ** 2, rel=1e-10)
    assert np.linalg.norm(L - a.matrix) == pytest.approx(a.error, rel=1e-10)
    assert a.X.shape == (2, 3) and a.Y.shape == (3, 2)


def test_nearest_kronecker_rejects_bad_input():
    with pytest.raises(ShapeMismatchError):
        nearest_kronecker(np.eye(4), (2, 2), (3, 2))
    with pytest.raises(InvalidInputError):
        nearest_kronecker(np.full((4, 4), np.nan), (2, 2), (2, 2))


def test_additive_decomposition_numeric_by_hand():
    # row means (2, 6), column means (2.5, 3.5, 6), grand mean 4
    A = np.array([[1., 2., 3.], [4., 5., 9.]])
    dec = additive_decomposition(A)
    assert isinstance(dec, AdditiveDecomposition)
    np.testing.assert_allclose(dec.a, [2, 6])
    np.testing.assert_allclose(dec.b, [-1.5, -0.5, 2])
    np.testing.assert_allclose(dec.residual, [[0.5, 0.5, -1], [-0.5, -0.5, 1]])
    assert dec.residual_norm == pytest.approx(math.sqrt(3)) and dec.dof == 2
    assert not dec.is_additive()
    # least squares independently: design matrix of row and column indicators
    D = np.array([[1 if r == i else 0 for r in range(2)] + [1 if c == j else 0 for c in range(3)]
                  for i in range(2) for j in range(3)], dtype=float)
    coef, *_ = np.linalg.lstsq(D, A.ravel(), rcond=None)
    np.testing.assert_allclose(dec.fitted.ravel(), D @ coef, atol=1e-12)


def test_additive_decomposition_exact_sympy():
    dec = additive_decomposition(sp.Matrix([[1, 2, 3], [4, 5, 9]]))
    assert dec.a == (2, 6) and dec.b == (sp.Rational(-3, 2), sp.Rational(-1, 2), 2)
    assert dec.residual_norm == sp.sqrt(3)
    x, y, u, v = sp.symbols("x y u v")
    add = additive_decomposition(sp.Matrix([[x + u, x + v], [y + u, y + v]]))
    assert add.is_additive() and add.dof == 1
    assert sp.simplify(add.fitted - sp.Matrix([[x + u, x + v], [y + u, y + v]])) == sp.zeros(2, 2)
    with pytest.raises(InvalidInputError):
        additive_decomposition(np.zeros((0, 3)))


# --- outer construction -------------------------------------------------------------------------

def test_outer_level_is_a_sum_of_trapezoids():
    lv = OuterLevel(1, np.array([0.0, 1.0]), 0.5, 0.25, np.array([2.0, -1.0]))

    def trapezoid(t, s, h):   # rise on [s - ramp, s], plateau [s, s + 0.5], fall on [s + 0.5, s + 0.75]
        return h * max(0.0, min(1.0, (t - s + 0.25) / 0.25, (s + 0.75 - t) / 0.25))

    ts = np.array([-0.5, -0.125, 0.0, 0.25, 0.5, 0.625, 0.875, 1.2, 1.7, 2.0])
    expected = [trapezoid(t, 0.0, 2.0) + trapezoid(t, 1.0, -1.0) for t in ts]
    np.testing.assert_allclose(lv(ts), expected, atol=1e-15)
    np.testing.assert_allclose(lv(np.array([-0.125, 0.625, 0.875])), [1.0, 1.0, -0.5])


@pytest.fixture(scope="module")
def product_fit():
    ka = KolmogorovArnold(2)
    ka.fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=400, seed=0)
    return ka


def test_iteration_record_of_one_braun_griebel_step(product_fit):
    ka = product_fit
    (rec,) = ka.history
    assert isinstance(rec, IterationRecord)
    assert rec.r == 1 and rec.level == 2 and rec.oscillation_ok
    # eta = ((m - n + 1) eps + 2n)/(m + 1) = (3 * 0.1 + 4)/5 = 0.86 (Braun-Griebel contraction factor)
    assert rec.eta == pytest.approx(0.86)
    assert rec.norm_before == 1.0                       # sup |x y| on [0,1]^2, attained at the probe (1, 1)
    assert rec.oscillation <= 0.1 * rec.norm_before      # the oscillation test that chose the level
    assert rec.residual <= rec.eta * rec.norm_before
    assert rec.contraction == pytest.approx(rec.residual / rec.norm_before)
    assert rec.bits == 26                                # (beta(3) + 3) log2 6 = 25.85
    assert rec.ramp == pytest.approx(6.0 ** -7)          # gamma^-beta(k+1), beta(3) = 7 for n = 2
    assert rec.bumps == sum(len(lv.starts) for lv in ka.levels[0])
    assert 0 < rec.max_phi <= 1 / 5                      # |f|/(m + 1) with |f| <= 1


def test_outer_levels_of_the_fit(product_fit):
    ka = product_fit
    levels = ka.levels[0]
    assert len(levels) == 5 and all(isinstance(lv, OuterLevel) and lv.k == 2 for lv in levels)
    # q = 0: cubes at j/36 with j/36 < c = 1 - m a = 13/15, i.e. j = 0..31: 32^2 = 1024 images
    assert len(levels[0].starts) == 32 ** 2
    # each bump takes its height on its plateau
    lv = levels[0]
    np.testing.assert_allclose(lv(lv.starts + lv.plateau / 2), lv.heights, rtol=0, atol=1e-15)
    # plateau = sum(lambda) (gamma - 2) sum_{r >= 3} gamma^-beta(r), beta = 2^r - 1,
    # lambda_2 = sum_r 6^-(2^r - 1)
    lam2 = sum(6.0 ** -(2 ** r - 1) for r in range(1, 12))
    plateau = (1 + lam2) * 4 * sum(6.0 ** -(2 ** r - 1) for r in range(3, 41))
    assert lv.plateau == pytest.approx(plateau, rel=1e-12)


def test_lorentz_form_reproduces_the_fit(product_fit):
    ka = product_fit
    lor = ka.lorentz()
    assert isinstance(lor, LorentzForm) and lor.ka is ka
    lam2 = sum(6.0 ** -(2 ** r - 1) for r in range(1, 12))
    assert lor.period == pytest.approx(2 * (1 + lam2) + 1, rel=1e-14)
    x = np.random.default_rng(7).random((200, 2))
    # shifting t by q * period and back costs ~1e-16 * period in t, times ramp slopes up to
    # max_phi / ramp ~ 0.2 * 6^7 ~ 6e4: agreement to ~1e-11, not to the last bit
    np.testing.assert_allclose(lor(x), ka(x), rtol=0, atol=1e-9)
    # one step already contracts: |x y - f_1| <= 0.86 on these points
    assert np.max(np.abs(x[:, 0] * x[:, 1] - lor(x))) <= 0.86


@pytest.mark.parametrize("k, gamma", [(1, 1), (1, 2), (-1, 10), (1.5, 10), (1, True)])
def test_cube_width_rejects_bad_parameters(k, gamma):
    with pytest.raises(InvalidInputError):
        cube_width(k, gamma)
