"""Lyapunov exponents, random products, symbolic dynamics, cat map, repellers, Gutzwiller weights."""
import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.dynamics import (
    EscapeError,
    Horseshoe,
    PiecewiseLinearRepeller,
    cat_map,
    escape_rate,
    gutzwiller_amplitude,
    henon_lyapunov,
    logistic_lyapunov,
    lyapunov,
    periodic_orbit_count,
    random_product_lyapunov,
    sharkovskii_key,
    sharkovskii_precedes,
    stretch_and_fold_window,
)

x = sp.Symbol("x")


def test_lyapunov_r4_and_tent():
    est = lyapunov(4 * x * (1 - x), x, 0.2, n_iter=100_000)
    assert abs(est.value - math.log(2)) < 5 * est.error + 2e-3
    tent = lyapunov(sp.Rational(3, 2) * sp.Min(x, 1 - x), x, 0.3, n_iter=20_000)
    assert abs(tent.value - math.log(1.5)) < 1e-12      # |T'| = 3/2 everywhere


def test_lyapunov_negative_in_stable_regime():
    # r = 3.2: stable 2-cycle with multiplier 4 + 2r - r^2 = 0.16: lambda = ln(0.16)/2
    est = lyapunov(sp.Rational(16, 5) * x * (1 - x), x, 0.3, n_iter=10_000)
    assert abs(est.value - math.log(0.16) / 2) < 1e-6


def test_lyapunov_bad_input():
    with pytest.raises(InvalidInputError):
        lyapunov("4*x*(1-x)", x, 0.3)
    with pytest.raises(InvalidInputError):
        lyapunov(sp.Symbol("a") * x, x, 0.3)
    with pytest.raises(EscapeError):
        lyapunov(x**2 + 2, x, 1.0, n_iter=100, transient=0)


def test_logistic_lyapunov_vectorised():
    lam = logistic_lyapunov(np.array([3.2, 3.83, 4.0]), n_iter=20_000)
    assert abs(lam[0] - math.log(0.16) / 2) < 1e-3 and lam[1] < 0 and abs(lam[2] - math.log(2)) < 0.02
    with pytest.raises(InvalidInputError):
        logistic_lyapunov([5.0])


def test_henon_sum_and_sprott():
    l1, l2 = spec = henon_lyapunov(1.4, 0.3, n_iter=50_000, seed=3)
    assert abs(l1 + l2 - math.log(0.3)) < 1e-12
    # Sprott, Chaos and Time-Series Analysis (2003), App. A: 0.41922
    assert abs(l1 - 0.41922) < 5 * spec.errors[0] + 2e-3
    with pytest.raises(EscapeError):
        henon_lyapunov(3.0, 0.3, n_iter=100)
    with pytest.raises(InvalidInputError):
        henon_lyapunov(1.4, 0)


@pytest.mark.parametrize("N, expected", [
    (2, [-0.288608, -0.981755]),                       # brief wave2_dynamics.md D9
    (4, [-0.135181, -0.328329, -0.635181, -1.328329])])
def test_newman_values(N, expected):
    spec = random_product_lyapunov(N, 1 / N)
    assert [round(float(v), 6) for v in spec] == expected


def test_newman_vs_qr_monte_carlo():
    exact = random_product_lyapunov(3, 0.7)
    mc = random_product_lyapunov(3, 0.7, method="qr", n_layers=10_000, seed=5)
    assert all(abs(float(e) - m) < 5 * s for e, m, s in zip(exact, mc, mc.errors))
    assert list(mc) == sorted(mc, reverse=True)


def test_stretch_and_fold_endpoints():
    for N in (2, 3, 6):
        lo, hi = stretch_and_fold_window(N)
        with mpmath.workdps(30):
            top = random_product_lyapunov(N, sp.N(lo, 40), digits=25)[0]
            bottom = random_product_lyapunov(N, sp.N(hi, 40), digits=25)[-1]
            assert abs(top) < 1e-20 and abs(bottom) < 1e-20


def test_random_product_bad_input():
    for kw in ({"N": 0, "variance": 1}, {"N": 2, "variance": -1}, {"N": 2, "variance": 1, "method": "svd"}):
        with pytest.raises(InvalidInputError):
            random_product_lyapunov(**kw)


def test_orbit_counts_oeis():
    # OEIS A001037 (brief D7)
    assert [periodic_orbit_count(n) for n in range(1, 11)] == [2, 1, 2, 3, 6, 9, 18, 30, 56, 99]


def test_orbit_counts_brute_force_necklaces():
    # independent: count binary necklaces (rotation classes) of primitive words
    for n in range(1, 11):
        seen, count = set(), 0
        for i in range(2**n):
            w = format(i, f"0{n}b")
            rots = {w[k:] + w[:k] for k in range(n)}
            if len(rots) == n and min(rots) not in seen:
                seen.add(min(rots))
                count += 1
        assert count == periodic_orbit_count(n)


def test_sharkovskii_order():
    assert sorted(range(1, 25), key=sharkovskii_key)[:5] == [3, 5, 7, 9, 11]
    assert sharkovskii_precedes(3, 1) and not sharkovskii_precedes(1, 3) and not sharkovskii_precedes(4, 4)
    with pytest.raises(InvalidInputError):
        sharkovskii_precedes(0, 3)


def test_horseshoe():
    H = Horseshoe()
    p = H.periodic_point("0110")
    assert H.itinerary(p, 8) == "01100110"
    assert H.hausdorff_dimension() == 2 * sp.log(2) / sp.log(3)
    assert H.inverse(H(p)) == p
    with pytest.raises(InvalidInputError):
        H((Fraction(1, 2), Fraction(1, 2)))            # the gap between the strips
    with pytest.raises(InvalidInputError):
        Horseshoe(lam=0.3)
    assert "cases" in H._repr_latex_()


def test_cat_map():
    C = cat_map()
    assert [C.fixed_point_count(n) for n in range(1, 9)] == [1, 5, 16, 45, 121, 320, 841, 2205]
    pts = C.fixed_points(3)
    A3 = np.linalg.matrix_power(np.array([[2, 1], [1, 1]]), 3)
    for p in pts:
        img = [sum(int(A3[i, j]) * p[j] for j in range(2)) for i in range(2)]
        assert all((img[i] - p[i]).denominator == 1 for i in range(2))
    assert float(C.topological_entropy()) == pytest.approx(0.9624236501192069, abs=1e-15)
    with pytest.raises(InvalidInputError):
        cat_map([[1, 1], [0, 1]])                      # parabolic
    with pytest.raises(InvalidInputError):
        cat_map([[2, 0], [0, 1]])                      # det 2


def test_escape_rate():
    assert escape_rate([3, 4]) == sp.log(sp.Rational(12, 7))
    assert float(escape_rate([3, 4])) == pytest.approx(0.5389965007326870, abs=1e-15)
    rep = PiecewiseLinearRepeller([3, -4, 5])
    assert all(rep.survivor_measure(n) == rep.survival(n) for n in range(6))
    assert abs(rep.simulate_escape(100_000, 4, seed=1) - float(rep.escape_rate())) < 0.05
    for bad in ([2, 2, 2], [1, 5], [3.0, 4], "34"):
        with pytest.raises(InvalidInputError):
            PiecewiseLinearRepeller(bad)


def test_gutzwiller():
    A = sp.Matrix([[2, 1], [1, 1]])
    chi = sp.log((3 + sp.sqrt(5)) / 2)
    for n in range(1, 6):
        amp = gutzwiller_amplitude(A, n)
        # exact: 4 sinh^2(n chi/2) = 2 cosh(n chi) - 2 = L_2n - 2 (Lucas); numeric: the sinh form, 50 digits
        assert sp.nsimplify(amp**2) == sp.Rational(1, sp.lucas(2 * n) - 2)
        assert abs(sp.N(amp - 1 / (2 * sp.sinh(n * chi / 2)), 50)) < 1e-45
    with pytest.raises(InvalidInputError):
        gutzwiller_amplitude(sp.eye(2))
    with pytest.raises(InvalidInputError):
        gutzwiller_amplitude([[1, 2, 3]])
