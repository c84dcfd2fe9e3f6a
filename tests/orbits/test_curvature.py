"""Left-invariant metrics: structure constants, scalar curvature, Milnor, galgebra rotors, experiment."""
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings, strategies as st

import mathml as mm
import mathml.orbits as mo
from mathml.core.errors import InvalidInputError, MathmlError


@pytest.mark.parametrize("N, scal", [(2, 6), (3, 24), (4, 60), (8, 504)])
def test_su_n_bi_invariant(N, scal):
    # orbits_detail.md [V]: <X,Y> = -tr(XY)/2 gives N(N^2-1)
    c = mo.structure_constants("su", N)
    assert mo.scalar_curvature(c, np.eye(N * N - 1)) == pytest.approx(scal, rel=1e-12)
    assert scal == N * (N * N - 1)


@pytest.mark.parametrize("k, scal", [(2, 120), (3, 2016)])
def test_pauli_orthonormal(k, scal):
    # orbits_detail.md [V]: Pauli words orthonormal (<X,Y> = -tr(XY)/N) gives N^2 (N^2 - 1)/2
    c = mo.structure_constants("pauli", k)
    assert mo.scalar_curvature(c, np.eye(4 ** k - 1)) == pytest.approx(scal, rel=1e-12)


def test_killing_metric_gives_dim_over_4():
    # Besse 7.93: for <,> = -B, scal = dim/4
    for name, n in [("su", 3), ("so", 4), ("so", 5)]:
        c = mo.structure_constants(name, n)
        B = np.einsum("ijk,lkj->il", c, c)
        assert mo.scalar_curvature(c, -B) == pytest.approx(c.shape[0] / 4, rel=1e-12)


def test_su2_oracles():
    c = mo.structure_constants("su", 2)
    # orbits_detail.md: diag(1,2,5) -> 0.8; Berger (1,1,t): 8 - 2t
    assert mo.scalar_curvature(c, np.diag([1.0, 2.0, 5.0])) == pytest.approx(0.8, rel=1e-12)
    for t, s in [(0.5, 7), (2, 4), (4, 0)]:
        assert mo.scalar_curvature(c, np.diag([1.0, 1.0, t])) == pytest.approx(s, abs=1e-12)


def test_milnor_closed_form_symbolic():
    # Milnor 1976 section 4: exact symbolic identity for the structure constants of SU(2)-type algebras
    l1, l2, l3 = sp.symbols("lambda1:4", real=True)
    c = mo.milnor_structure_constants(l1, l2, l3)
    s = mo.scalar_curvature_symbolic(c, sp.eye(3))
    v = mm.verify(s, mo.milnor_scalar_curvature(l1, l2, l3))
    assert v.status.value == "proved"
    alt = l1 * l2 + l2 * l3 + l3 * l1 - (l1 ** 2 + l2 ** 2 + l3 ** 2) / 2   # orbits_detail.md form
    assert sp.expand(mo.milnor_scalar_curvature(l1, l2, l3) - alt) == 0


def test_diagonal_su2_symbolic_formula():
    # orbits_detail.md: s(a) = 2/(a1 a2 a3) [2(a1a2 + a2a3 + a3a1) - a1^2 - a2^2 - a3^2]
    a = sp.symbols("a1:4", positive=True)
    c = mo.milnor_structure_constants(2, 2, 2)
    s = mo.scalar_curvature_symbolic(c, sp.diag(*a))
    expected = 2 / (a[0] * a[1] * a[2]) * (2 * (a[0] * a[1] + a[1] * a[2] + a[2] * a[0])
                                            - a[0] ** 2 - a[1] ** 2 - a[2] ** 2)
    assert sp.simplify(s - expected) == 0
    # numeric at 30 digits at seeded random points
    rng = np.random.default_rng(0)
    mpmath.mp.dps = 30
    for _ in range(5):
        vals = {x: sp.Rational(int(rng.integers(1, 50)), int(rng.integers(1, 50))) for x in a}
        assert abs(sp.N((s - expected).subs(vals), 30)) < 1e-25


def _frame_tolerances(G, P):
    """Relative error bounds that follow the conditioning: the basis-free form applies G^{-1} twice
    (error ~ eps cond(G)^2), the change of basis c' = P P c P^{-1} adds cond(P)^3.  The factor 100 is a
    safety margin measured on 1600 seeded cases (worst ratio error / (eps cond...) = 0.84)."""
    eps = np.finfo(float).eps
    kG, kP = np.linalg.cond(G), np.linalg.cond(P)
    return 100 * eps * kG**2, 100 * eps * kG**2 * kP**3


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([("su", 2), ("su", 3), ("so", 4), ("sl", 2)]))
@example(178, ("su", 2))      # regression: cond(P) = 725, a fixed rel=1e-7 failed here
def test_basis_free_equals_orthonormal_frame(seed, alg):
    rng = np.random.default_rng(seed)
    c = mo.structure_constants(*alg).astype(float)
    d = c.shape[0]
    A = rng.normal(size=(d, d))
    G = A @ A.T + 0.5 * np.eye(d)
    s = mo.scalar_curvature(c, G)
    # invariance under change of basis e' = P e: c' and G' transform, scal does not
    P = rng.normal(size=(d, d)) + 3 * np.eye(d)
    tol_frame, tol_basis = _frame_tolerances(G, P)
    scale = max(1.0, abs(s))
    assert abs(s - mo.scalar_curvature_orthonormal(c, G)) <= tol_frame * scale
    Pi = np.linalg.inv(P)
    c2 = np.einsum("ai,bj,ijk,kc->abc", P, P, c, Pi)
    G2 = P @ G @ P.T
    assert abs(mo.scalar_curvature(c2, G2) - s) <= tol_basis * scale
    # scaling: scal(t G) = scal(G)/t
    assert mo.scalar_curvature(c, 3.0 * G) == pytest.approx(s / 3.0, rel=1e-9, abs=1e-9)


def test_gradient_against_finite_differences():
    rng = np.random.default_rng(2)
    c = mo.structure_constants("su", 3)
    A = rng.normal(size=(8, 8))
    G = A @ A.T + 8 * np.eye(8)
    E = rng.normal(size=(8, 8))
    E = E + E.T
    h = 1e-6
    fd = (mo.scalar_curvature(c, G + h * E) - mo.scalar_curvature(c, G - h * E)) / (2 * h)
    assert fd == pytest.approx(np.sum(mo.scalar_curvature_gradient(c, G) * E), rel=1e-6)


def test_non_unimodular_hyperbolic_plane():
    # [e1, e2] = e2 with orthonormal e1, e2: the hyperbolic plane of curvature -1, scal = -2
    c = np.zeros((2, 2, 2))
    c[0, 1, 1], c[1, 0, 1] = 1, -1
    assert mo.scalar_curvature(c, np.eye(2)) == pytest.approx(-2)
    assert mo.scalar_curvature_orthonormal(c, np.eye(2)) == pytest.approx(-2)


def test_structure_constants_of_matrix_basis():
    # so(3) with (L_i)_{jk} = -eps_ijk: [L1, L2] = L3
    L = [np.array([[0, 0, 0], [0, 0, -1], [0, 1, 0.]]), np.array([[0, 0, 1], [0, 0, 0], [-1, 0, 0.]]),
         np.array([[0, -1, 0], [1, 0, 0], [0, 0, 0.]])]
    c = mo.structure_constants(L)
    assert c[0, 1, 2] == pytest.approx(1) and c[1, 2, 0] == pytest.approx(1)
    assert c[1, 0, 2] == pytest.approx(-1)
    # Jacobi identity for every built-in algebra
    for alg in [("su", 3), ("so", 5), ("sl", 3), ("pauli", 2)]:
        c = mo.structure_constants(*alg)
        jac = (np.einsum("jkl,ilm->ijkm", c, c) + np.einsum("kil,jlm->ijkm", c, c)
               + np.einsum("ijl,klm->ijkm", c, c))
        assert np.abs(jac).max() < 1e-10


@pytest.mark.parametrize("axis, angle, vec", [((1, 2, 2), sp.Rational(7, 10), (3, -1, 2)),
                                              ((0, 1, 0), sp.pi / 3, (1, 1, 1)),
                                              ((-1, 3, 1), sp.Rational(5, 2), (0, 2, -1))])
def test_galgebra_rotor_matches_adjoint(axis, angle, vec):
    assert mo.rotor_adjoint_discrepancy(axis, angle, vec, dps=40) < 1e-35
    # and it is a rotation: the norm is preserved
    w = mo.rotor_action(axis, angle, vec)
    assert abs(sp.N(sum(x ** 2 for x in w) - sum(x ** 2 for x in vec), 30)) < 1e-25


def test_realign_and_kronecker_rank():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(2, 2)), rng.normal(size=(4, 4))
    assert mo.kronecker_rank(np.kron(A, B), (2, 4), (2, 4)) == 1
    C, D = rng.normal(size=(2, 2)), rng.normal(size=(4, 4))
    assert mo.kronecker_rank(np.kron(A, B) + np.kron(C, D), (2, 4), (2, 4)) == 2
    # every Pauli word is a tensor product
    assert all(mo.kronecker_rank(P, (2, 4), (2, 4)) == 1 for P in mo.pauli_basis(3))


def test_experiment_su2_reaches_round_metric():
    r = mo.curvature_experiment(1, seed=3)
    assert r.converged and r.scalar_curvature == pytest.approx(6.0, rel=1e-9)
    assert r.scalar_curvature >= r.initial_scalar_curvature
    assert "SU(2)" in r.latex()


def test_experiment_plumbing_pauli_axes():
    # with no steps and no spread the metric is the bi-invariant one; eigh returns the Pauli axes
    r = mo.curvature_experiment(2, spread=0.0, steps=0)
    assert set(r.kronecker_ranks) == {1} and r.degeneracy_pattern() == (15,)
    assert r.scalar_curvature == pytest.approx(120)


def test_scal_unbounded_above_on_su4():
    # finding: at fixed volume scal is NOT bounded above on SU(4) (orbits.md says bounded above,
    # true on SU(2) only): shrinking the first-qubit su(2) by t gives ~ 6/t
    vals = [mo.collapsed_su2_scalar_curvature(2, t) for t in (1.0, 1e-2, 1e-3, 1e-4)]
    assert vals[0] == pytest.approx(120)
    assert vals[1] < vals[2] < vals[3] and vals[3] > 50_000


def test_bad_input():
    with pytest.raises(InvalidInputError):
        mo.structure_constants("su")
    with pytest.raises(InvalidInputError):
        mo.structure_constants("xx", 3)
    with pytest.raises(MathmlError):
        mo.scalar_curvature(mo.structure_constants("su", 2), -np.eye(3))
    with pytest.raises(InvalidInputError):
        mo.structure_constants([np.array([[0, 1], [0, 0.]]), np.array([[0, 0], [1, 0.]])])   # not closed
    with pytest.raises(InvalidInputError):
        mo.curvature_experiment(4)


@settings(max_examples=5, deadline=None)
@given(st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(1, 3)),
       st.fractions(min_value=-3, max_value=3, max_denominator=7),
       st.tuples(st.integers(-4, 4), st.integers(-4, 4), st.integers(-4, 4)))
def test_rotor_adjoint_property(axis, angle, vec):
    # spin(3) -> SO(3) and SU(2) -> SO(3) give the same rotation for every axis, angle, vector
    assert mo.rotor_adjoint_discrepancy(axis, sp.Rational(angle.numerator, angle.denominator), vec) < 1e-25


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 4))
def test_kronecker_rank_of_random_sums(seed, r):
    # a sum of r generic Kronecker products (2x2 with 4x4) has Kronecker rank exactly min(r, 4)
    rng = np.random.default_rng(seed)
    H = sum(np.kron(rng.normal(size=(2, 2)), rng.normal(size=(4, 4))) for _ in range(r))
    assert mo.kronecker_rank(H, (2, 4), (2, 4)) == min(r, 4)
    # realignment is a bijection: undo it and recover H
    R = mo.realign(H, (2, 4), (2, 4))
    back = R.reshape(2, 2, 4, 4).transpose(0, 2, 1, 3).reshape(8, 8)
    assert np.array_equal(back, H)


def test_galgebra_leaves_sympy_printing_alone():
    # galgebra patches repr() of all sympy objects and builtins.print on import; we undo it
    import builtins

    saved_print = builtins.print
    t = sp.Symbol("t")
    g = sp.Function("g")
    mo.rotor_action((0, 0, 1), sp.pi / 2, (1, 0, 0))
    assert repr(g(t).diff(t)) == "Derivative(g(t), t)" and repr(g(0)) == "g(0)"
    assert builtins.print is saved_print


def test_one_kronecker_rank_across_families():
    # issue 10: kolmogorov's and orbits' kronecker_rank read their dimensions differently.
    # Now one definition (mathml.core.kronecker): in_dims = column counts, out_dims = row counts.
    import mathml.kolmogorov as mk
    from mathml.core.kronecker import kronecker_rank as core_rank

    assert mo.kronecker_rank is mk.kronecker_rank is core_rank
    assert mo.realign is mk.realign
    rng = np.random.default_rng(5)
    # non-square factors X: 2 -> 3 and Y: 4 -> 2; two generic terms: rank 2 from both names
    L = sum(np.kron(rng.normal(size=(3, 2)), rng.normal(size=(2, 4))) for _ in range(2))
    assert mo.kronecker_rank(L, (2, 4), (3, 2)) == mk.kronecker_rank(L, (2, 4), (3, 2)) == 2
    # reading the dimensions the other way round is a shape error, not a silent different answer
    with pytest.raises(InvalidInputError):
        mo.kronecker_rank(L, (3, 2), (2, 4))


def test_exact_in_exact_out_structure_constants_and_scal():
    # issue 10: scalar_curvature_symbolic(structure_constants("su", 2), eye(3)) was Float 6.000
    c = mo.structure_constants("su", 2)
    assert c.dtype.kind == "i"
    s = mo.scalar_curvature_symbolic(c, sp.eye(3))
    assert s == 6 and isinstance(s, sp.Integer)
    # su(3) exactly (Gell-Mann: 2 f_458 = sqrt 3): the exact constants give N(N^2-1) = 24 exactly
    c3 = mo.structure_constants("su", 3, exact=True)
    assert c3[2, 3, 7] == sp.sqrt(3)
    assert mo.scalar_curvature_symbolic(c3, sp.eye(8)) == 24
    # independent: the float route of the same algebra agrees to rounding
    assert np.allclose(np.asarray(c3, dtype=float), mo.structure_constants("su", 3, exact=False), atol=1e-12)
    assert np.allclose(mo.structure_constants("su", 3), mo.structure_constants(mo.lie_algebra_basis("su", 3)),
                       atol=1e-12)
    # floats in: the computation is numeric, the result a Float
    f = mo.scalar_curvature_symbolic(c.astype(float), sp.eye(3))
    assert isinstance(f, sp.Float) and abs(f - 6) < 1e-12
    with pytest.raises(InvalidInputError, match="string"):
        mo.scalar_curvature_symbolic([[["1"] * 3] * 3] * 3, sp.eye(3))


def test_pauli_constants_are_exact_integers():
    # [P, Q] = 2 i R or 0 for Pauli words: with e = -i P the constants are 0 or +-2 (independent: lstsq)
    for k in (1, 2):
        c = mo.structure_constants("pauli", k)
        assert c.dtype.kind == "i" and set(np.unique(c)) <= {-2, 0, 2}
        assert np.allclose(c, mo.structure_constants(mo.pauli_basis(k)), atol=1e-12)


@pytest.mark.parametrize("where", ["angle", "axis", "vector"])
@pytest.mark.parametrize("fn", ["rotor_action", "adjoint_action"])
def test_strings_never_reach_sympify(tmp_path, where, fn):
    # issue 10: a payload string passed as an angle wrote a file (sympify evaluates strings as code)
    from mathml.core.errors import ParseError

    target = tmp_path / "pwned"
    payload = f"open({str(target)!r}, 'w').write('x')"
    args = {"axis": (0, 0, 1), "angle": sp.pi / 2, "vector": (1, 0, 0)}
    args[where] = payload if where == "angle" else (payload, 0, 1)
    with pytest.raises(ParseError):
        getattr(mo, fn)(**args)
    assert not target.exists()
    # a mathematical string is accepted through the safe parser, with the same exact result
    assert getattr(mo, fn)((0, 0, 1), "pi/2", ("1", "0", "0")) == [0, 1, 0]
