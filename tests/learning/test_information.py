"""Information bottleneck, embeddings, PINN residuals and the two riders."""
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
from mathml.kolmogorov import is_product_multiset, min_kronecker_rank_isometric
from mathml.learning import (
    bsc_ib_curve,
    cycle_metric,
    damped_oscillator_solution,
    euclidean_distortion_lower_bound,
    gaussian_ib,
    iterative_ib,
    jl_min_dim,
    oscillator_operator,
    pinn_loss,
    pinn_residual,
    random_projection_distortion,
    star_metric,
)
from mathml.orbits import shadow_residual


def test_jl_table_of_the_brief():
    # brief L3 (scikit-learn's johnson_lindenstrauss_min_dim)
    table = [(10**6, 0.5, 663), (10**4, 0.1, 7894), (10**5, 0.1, 9868), (10**6, 0.1, 11841),
             (10**6, 0.01, 1112658), (1000, 0.1, 5920), (100, 0.1, 3947)]
    for n, eps, k in table:
        assert jl_min_dim(n, eps) == k


def test_jl_bad_input():
    for bad in (0, 1.0, True):
        with pytest.raises(mm.MathmlError):
            jl_min_dim(bad, 0.1)
    with pytest.raises(mm.MathmlError):
        jl_min_dim(10, 1.5)


def test_random_projection_meets_jl():
    x = np.random.default_rng(3).normal(size=(30, 3000))
    lo, hi = random_projection_distortion(x, jl_min_dim(30, 0.3), seed=4)
    assert 0.7 < lo <= hi < 1.3


def test_distortion_lower_bounds():
    assert euclidean_distortion_lower_bound(cycle_metric(4)) == sp.sqrt(2)        # Enflo 1969
    # the star embeds isometrically? no, but the quadrilateral bound gives no information: 1
    assert euclidean_distortion_lower_bound(star_metric(3)) == 1
    # points of the plane: a Euclidean metric has bound exactly 1
    pts = np.random.default_rng(0).normal(size=(6, 2))
    d = np.linalg.norm(pts[:, None] - pts[None], axis=2)
    assert float(euclidean_distortion_lower_bound(d)) == pytest.approx(1.0)
    with pytest.raises(mm.MathmlError):
        euclidean_distortion_lower_bound([[0, 1], [2, 0]])


def test_pinn_oracles():
    t = sp.Symbol("t", real=True)
    x = damped_oscillator_solution(1, 4, 400, t=t)
    # brief L5 (benmoseley notebook closed form), recomputed at 30 digits
    with mpmath.workdps(30):
        assert abs(mpmath.mpf(sp.N(x.subs(t, 1), 30)) - mpmath.mpf("0.07911602361896251")) < 1e-16
    assert sp.simplify(pinn_residual(oscillator_operator(1, 4, 400), x, t=t)) == 0
    # overdamped and critical cases also solve their equations
    for m, mu, k in [(1, 10, 1), (1, 2, 1)]:
        y = damped_oscillator_solution(m, mu, k, x0=2, v0=-1, t=t)
        assert sp.simplify(pinn_residual(oscillator_operator(m, mu, k), y, t=t)) == 0
        assert sp.simplify(y.subs(t, 0) - 2) == 0 and sp.simplify(y.diff(t).subs(t, 0) + 1) == 0


def test_pinn_loss_of_a_wrong_candidate_is_positive_and_exact():
    t = sp.Symbol("t")
    loss = pinn_loss(sp.exp(-t), oscillator_operator(1, 0, 1), [(0, 1)], [0], t=t)
    assert loss == 4          # residual of e^{-t} for u'' + u is 2 e^{-t}; squared at t = 0 is 4


def test_users_own_t():
    s = sp.Symbol("s", positive=True)
    assert sp.simplify(pinn_residual(oscillator_operator(1, 0, 1), sp.sin(s))) == 0
    with pytest.raises(mm.MathmlError, match="cannot tell"):
        pinn_residual(oscillator_operator(1, 0, 1), sp.sin(s) * sp.Symbol("y"))


def test_gaussian_ib_matrix_case_against_numpy():
    sx = sp.Matrix([[3, 1], [1, 2]])
    sxy = sp.Matrix([[1, 0], [sp.Rational(1, 2), 1]])
    sy = sp.Matrix([[2, 0], [0, 1]])
    exact = gaussian_ib(sx, sxy, sy).critical_betas
    a, b, c = (np.array(m.tolist(), dtype=float) for m in (sx, sxy, sy))
    lam = np.sort(np.linalg.eigvals((a - b @ np.linalg.inv(c) @ b.T) @ np.linalg.inv(a)).real)
    assert np.allclose([float(v) for v in exact], 1 / (1 - lam), rtol=1e-12)


def test_gaussian_ib_bad_input():
    with pytest.raises(mm.MathmlError, match="positive definite"):
        gaussian_ib(-1, 0, 1)
    with pytest.raises(mm.MathmlError, match="shapes"):
        gaussian_ib(sp.eye(2), sp.Matrix([[1]]), 1)


def test_bsc_curve_endpoints():
    # I(T;Y) = 0 at I(X;T) = 0 and 1 - h(p) at I(X;T) = 1 (Mrs. Gerber's lemma endpoints)
    assert bsc_ib_curve(0.1, 0) == 0
    with mpmath.workdps(30):
        h = -(mpmath.mpf("0.1") * mpmath.log(mpmath.mpf("0.1"), 2) + mpmath.mpf("0.9") * mpmath.log(mpmath.mpf("0.9"), 2))
        assert abs(bsc_ib_curve(sp.Rational(1, 10), 1) - (1 - h)) < mpmath.mpf(10) ** -28


@settings(max_examples=10)
@given(st.floats(0.5, 40.0), st.integers(0, 100))
def test_iterative_ib_never_beats_the_optimal_curve(beta, seed):
    p = 0.15
    pxy = np.array([[1 - p, p], [p, 1 - p]]) / 2
    sol = iterative_ib(pxy, beta, 3, seed=seed, max_iter=500)
    assert sol.i_ty <= float(bsc_ib_curve(p, min(max(sol.i_xt, 0.0), 1.0))) + 1e-9
    assert -1e-12 <= sol.i_ty <= sol.i_xt + 1e-9      # data processing: I(T;Y) <= I(X;T)


def test_product_multiset_criterion_2x2():
    # 2 (x) 2: sorted logs w <= x <= y <= z are a product iff w + z = x + y
    rng = np.random.default_rng(1)
    for _ in range(50):
        a, b = rng.uniform(0.2, 3, 2), rng.uniform(0.2, 3, 2)
        vals = np.outer(a, b).ravel()
        assert is_product_multiset(vals, (2, 2)) is not None
        bad = vals.copy()
        bad[0] *= 1.3
        w, x, y, z = np.sort(np.log(bad))
        assert (is_product_multiset(bad, (2, 2)) is None) == (abs(w + z - x - y) > 1e-9)


def test_isometric_rank_freedman_example():
    # Freedman's {log s} = {1, 1, -1, -1}: I (x) diag(e, 1/e) has exactly these and Kronecker rank 1
    L = np.kron(np.eye(2), np.diag([np.e, 1 / np.e]))
    rot = np.linalg.qr(np.random.default_rng(0).normal(size=(4, 4)))[0]
    r = min_kronecker_rank_isometric(rot @ L, (2, 2))
    assert r.rank == 1 and r.certified
    r2 = min_kronecker_rank_isometric(np.diag([1.0, 2.0, 3.0, 5.0]), (2, 2))
    assert r2.rank == 2 and r2.certified
    with pytest.raises(mm.MathmlError):
        min_kronecker_rank_isometric(np.eye(3), (2, 2))


def test_shadow_residual():
    rng = np.random.default_rng(2)
    q = np.linalg.qr(rng.normal(size=(3, 3)))[0]
    assert shadow_residual(q, "O").residual < 1e-12
    a = rng.normal(size=(4, 4))
    r = shadow_residual(a, "O")
    # Higham: the polar factor is at least as close as any orthogonal matrix; try random ones
    for _ in range(50):
        other = np.linalg.qr(rng.normal(size=(4, 4)))[0]
        assert r.residual <= np.linalg.norm(a - other) + 1e-12
    s = shadow_residual(2.5 * q, "Sim")
    assert s.residual < 1e-12
    so = shadow_residual(np.diag([1.0, 1.0, -1.0]), "SO")
    assert np.linalg.det(so.element) > 0 and so.residual == pytest.approx(2.0)
    x = rng.normal(size=(20, 2))
    w, b = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([0.3, -0.2])
    aff = shadow_residual((x, x @ w.T + b), "Aff")
    assert aff.residual < 1e-10 and np.allclose(aff.element[0], w)
    with pytest.raises(mm.MathmlError, match="group"):
        shadow_residual(q, "U")
