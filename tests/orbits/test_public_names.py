"""Public orbits names not reached by the other tests, each checked against an independent value."""
import itertools

import numpy as np
import pytest
import sympy as sp
from scipy.linalg import expm

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.orbits import (
    EXCEPTIONAL_TABLES, CurvatureExperiment, ExceptionalOrbit, FeatureOrbit, adjoint_action,
    curvature_experiment, dihedral_patch_group, exceptional_orbits, lie_algebra_basis,
    minimal_orbit_dimension_formula, minimal_orbits, numeric_rank,
)
from mathml.orbits.network import attention_generators, check_mlp

# --- exceptional tables (Collingwood-McGovern 1993, section 8.4) ---------------------------------

#: (type, rank): (number of nilpotent orbits incl. 0, dim g, rank, dual Coxeter number)
_EXCEPTIONAL = {("G", 2): (5, 14, 2, 4), ("F", 4): (16, 52, 4, 9), ("E", 6): (21, 78, 6, 12),
                ("E", 7): (45, 133, 7, 18), ("E", 8): (70, 248, 8, 30)}


def test_exceptional_tables_shape():
    assert set(EXCEPTIONAL_TABLES) == set(_EXCEPTIONAL)
    for key, (count, dim, rank, hv) in _EXCEPTIONAL.items():
        rows = EXCEPTIONAL_TABLES[key]
        assert len(rows) == count
        labels, diagrams, dims = zip(*rows)
        assert len(set(labels)) == count and all(len(d) == rank for d in diagrams)
        assert rows[0] == ("0", (0,) * rank, 0)                       # zero orbit
        assert rows[1][2] == 2 * hv - 2                               # minimal orbit
        assert rows[-1][1] == (2,) * rank and dims[-1] == dim - rank  # regular orbit: all 2s
        assert dims[-2] == dim - rank - 2                             # subregular orbit
        assert list(dims) == sorted(dims) and all(d % 2 == 0 for d in dims)  # symplectic: even


def test_exceptional_orbit_g2_dimensions():
    # the five nilpotent orbits of G2: 0, A1 (6), ~A1 (8), G2(a1) (10), G2 (12)
    orbits = exceptional_orbits("G", 2)
    assert all(isinstance(o, ExceptionalOrbit) for o in orbits)
    assert {o.dimension for o in orbits} == {0, 6, 8, 10, 12}
    assert {o.label: o.dimension for o in orbits} == {"0": 0, "A1": 6, "~A1": 8, "G2(a1)": 10, "G2": 12}
    o = ExceptionalOrbit("G", 2, "~A1", (1, 0), 8)
    assert o.dimension == 8 and o.latex() == "\\tilde{A}_{1}\\ (\\dim 8)"


def test_exceptional_orbit_recomputed_dimensions_match_the_table():
    for t, r in [("F", 4), ("E", 6)]:
        for o in exceptional_orbits(t, r):
            assert o.dimension == o.tabulated_dimension, (t, r, o.label)
    # E8: minimal 58, subregular 238, regular 240
    e8 = exceptional_orbits("E", 8)
    assert [e8[i].dimension for i in (1, -2, -1)] == [58, 238, 240]


def test_exceptional_orbits_rejects_classical_types():
    with pytest.raises(InvalidInputError):
        exceptional_orbits("A", 3)
    with pytest.raises(InvalidInputError):
        exceptional_orbits("E", 9)


# --- minimal orbit dimension ---------------------------------------------------------------------

_DUAL_COXETER = {("A", n): n + 1 for n in range(1, 7)}
_DUAL_COXETER.update({("B", n): 2 * n - 1 for n in range(2, 7)})
_DUAL_COXETER.update({("C", n): n + 1 for n in range(2, 7)})
_DUAL_COXETER.update({("D", n): 2 * n - 2 for n in range(4, 7)})
_DUAL_COXETER.update({("G", 2): 4, ("F", 4): 9, ("E", 6): 12, ("E", 7): 18, ("E", 8): 30})


@pytest.mark.parametrize("key", sorted(_DUAL_COXETER))
def test_minimal_orbit_dimension_formula(key):
    # dim O_min = 2 h^v - 2 (Wang 1999; Collingwood-McGovern 4.3)
    assert minimal_orbit_dimension_formula(*key) == 2 * _DUAL_COXETER[key] - 2


def test_minimal_orbit_dimension_of_sl_is_rank_one_matrices():
    # O_min of sl_n = nonzero nilpotent rank-one matrices u v^T with v.u = 0: dim = 2n - 2
    dims = [minimal_orbit_dimension_formula("A", n - 1) for n in range(2, 7)]
    assert dims == [2 * n - 2 for n in range(2, 7)]
    for bad in [("A", 0), ("D", 3), ("E", 5), ("H", 3)]:
        with pytest.raises(InvalidInputError):
            minimal_orbit_dimension_formula(*bad)


# --- finite groups -------------------------------------------------------------------------------

def test_feature_orbits_under_d4_on_a_3x3_patch():
    # D4 (order 8) acts on a 3x3 patch; orbit-stabiliser: |orbit| * |stab| = 8
    G = dihedral_patch_group(3)
    e = np.eye(9)
    centre, corner, edge_mid = e[4], e[0], e[1]
    diagonal = e[0] + e[8]                  # one diagonal: 2 images (the two diagonals)
    generic = np.arange(9.0)
    res = minimal_orbits(G, [generic, centre, corner, edge_mid, diagonal])
    assert all(isinstance(f, FeatureOrbit) for f in res)
    by_index = {f.index: (f.orbit_size, f.stabilizer_order) for f in res}
    assert by_index == {0: (8, 1), 1: (1, 8), 2: (4, 2), 3: (4, 2), 4: (2, 4)}
    assert [f.index for f in res] == [1, 4, 2, 3, 0]        # sorted by orbit size, then index
    assert res[0].latex() == "|G\\cdot f_{1}| = 1,\\ |G_{f_{1}}| = 8"
    with pytest.raises(InvalidInputError):
        minimal_orbits(G, [np.ones(4)])
    with pytest.raises(InvalidInputError):
        minimal_orbits("D4", [centre])


# --- curvature -----------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [2, 3, 4])
def test_lie_algebra_basis_dimensions_and_normalisation(n):
    su, so, sl = (lie_algebra_basis(g, n) for g in ("su", "so", "sl"))
    assert (len(su), len(so), len(sl)) == (n * n - 1, n * (n - 1) // 2, n * n - 1)
    # su(n): anti-Hermitian, traceless, tr(l_a l_b) = -tr(lambda_a lambda_b) = -2 delta_ab (Gell-Mann)
    gram = np.array([[np.trace(a @ b) for b in su] for a in su])
    np.testing.assert_allclose(gram, -2 * np.eye(n * n - 1), atol=1e-12)
    for m in su:
        np.testing.assert_allclose(m.conj().T, -m, atol=1e-15)
    assert all(abs(np.trace(m)) < 1e-12 for m in su + sl)
    assert all(np.array_equal(m.T, -m) for m in so)
    # each basis is linearly independent (real span of the flattened matrices)
    for basis, dim in ((su, n * n - 1), (so, n * (n - 1) // 2), (sl, n * n - 1)):
        flat = np.array([np.concatenate([m.real.ravel(), np.imag(m).ravel()]) for m in basis])
        assert numeric_rank(flat) == dim
    # closure: brackets of so(n) stay in so(n)
    flat_so = np.array([m.ravel() for m in so]).T
    for a, b in itertools.product(so, repeat=2):
        c = (a @ b - b @ a).ravel()
        coef, *_ = np.linalg.lstsq(flat_so, c, rcond=None)
        np.testing.assert_allclose(flat_so @ coef, c, atol=1e-12)


def test_lie_algebra_basis_su2_is_minus_i_pauli():
    sx, sy, sz = np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1, -1])
    su2 = lie_algebra_basis("su", 2)
    expected = [-1j * sx, -1j * sy, -1j * sz]
    assert all(any(np.allclose(m, e) for m in su2) for e in expected)


def test_lie_algebra_basis_rejects_bad_input():
    with pytest.raises(InvalidInputError):
        lie_algebra_basis("su", 1)
    with pytest.raises(InvalidInputError):
        lie_algebra_basis("sp", 4)


def test_curvature_experiment_on_su2_ends_at_the_round_metric():
    # SU(2) with [e_a, e_b] = 2 eps_abc e_c, orthonormal: Milnor (1976) Ricci r = mu2 mu3 * 2 with
    # mu_i = lambda/2 = 1, so scal = 3 * lambda^2 / 2 = 6; it is the maximum at fixed volume
    r = curvature_experiment(1, seed=1)
    assert isinstance(r, CurvatureExperiment)
    assert r.k == 1 and r.converged
    assert r.scalar_curvature == pytest.approx(6.0, abs=1e-9)
    assert r.initial_scalar_curvature < 6.0
    # det G = det G0 = 1 and all eigenvalues equal: G = G0
    np.testing.assert_allclose(r.eigenvalues, [1.0, 1.0, 1.0], atol=1e-6)
    assert r.degeneracy_pattern() == (3,) and r.kronecker_ranks == (1, 1, 1)
    np.testing.assert_allclose(r.axes.T @ r.axes, np.eye(3), atol=1e-12)


def test_curvature_experiment_degeneracy_pattern_by_hand():
    r = CurvatureExperiment(2, (1.0, 1.0, 2.0, 2.0, 2.0, 3.0), np.eye(6), (1,) * 6, 0.0, 0.0, False)
    assert r.degeneracy_pattern() == (2, 3, 1)
    assert CurvatureExperiment(1, (1.0, 1.00001, 1.1), np.eye(3), (1,) * 3, 0.0, 0.0, True) \
        .degeneracy_pattern(tol=1e-4) == (2, 1)
    with pytest.raises(InvalidInputError):
        curvature_experiment(4)
    with pytest.raises(InvalidInputError):
        curvature_experiment(1, functional=42)


# --- spin -----------------------------------------------------------------------------------------

def _rodrigues(axis, angle, v):
    n = sp.Matrix(axis) / sp.sqrt(sum(a**2 for a in axis))
    v = sp.Matrix(v)
    return v * sp.cos(angle) + n.cross(v) * sp.sin(angle) + n * n.dot(v) * (1 - sp.cos(angle))


@pytest.mark.parametrize("axis, angle, v", [
    ((1, 2, 2), sp.Rational(7, 10), (3, -1, 2)),
    ((0, 1, 0), sp.pi / 3, (1, 0, 0)),
    ((1, 1, 1), 2 * sp.pi / 3, (1, 0, 0)),
])
def test_adjoint_action_is_the_rotation_by_rodrigues(axis, angle, v):
    got = adjoint_action(axis, angle, v)
    want = _rodrigues(axis, angle, v)
    assert all(abs(sp.N(g - w, 30)) < 1e-25 for g, w in zip(got, want))


def test_adjoint_action_exact_cases():
    # rotation by 2 pi/3 about (1, 1, 1) permutes the axes cyclically: e1 -> e2
    comps = adjoint_action((1, 1, 1), 2 * sp.pi / 3, (1, 0, 0))
    assert [sp.nsimplify(sp.simplify(c)) for c in comps] == [0, 1, 0]
    # U(2 pi) = -1 but Ad is the identity
    assert [sp.simplify(c) for c in adjoint_action((0, 0, 1), 2 * sp.pi, (1, 2, 3))] == [1, 2, 3]
    with pytest.raises(InvalidInputError):
        adjoint_action((0, 0, 0), 1, (1, 0, 0))
    with pytest.raises(InvalidInputError):
        adjoint_action((1, 0), 1, (1, 0, 0))


# --- network ------------------------------------------------------------------------------------

def test_check_mlp_converts_and_validates():
    net = ([[1, 2], [3, 4], [5, 6]], [0, 1, 2], [[1, 1, 1]], [7])
    arrs = check_mlp(net)
    assert all(isinstance(a, np.ndarray) and a.dtype == np.float64 for a in arrs)
    assert [a.shape for a in arrs] == [(3, 2), (3,), (1, 3), (1,)]
    np.testing.assert_array_equal(arrs[0], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with pytest.raises(InvalidInputError):
        check_mlp(net[:3])                              # odd length
    with pytest.raises(InvalidInputError):
        check_mlp(net[:2])                              # one layer only
    with pytest.raises(ShapeMismatchError):
        check_mlp((np.ones((3, 2)), np.ones(2), np.ones((1, 3)), np.ones(1)))   # bias length
    with pytest.raises(ShapeMismatchError):
        check_mlp((np.ones((3, 2)), np.ones(3), np.ones((1, 4)), np.ones(1)))   # 4 inputs after 3


def test_attention_generators_are_derivatives_of_the_gl_action():
    rng = np.random.default_rng(5)
    WQ, WK = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    gens = attention_generators(WQ, WK)
    assert len(gens) == 9                               # dim gl(3)
    h = 1e-6
    for idx, g in enumerate(gens):
        X = np.zeros((3, 3))
        X[divmod(idx, 3)] = 1
        # (W_Q A, W_K A^{-T}) with A = exp(t X): central difference at t = 0
        plus = np.concatenate([(WQ @ expm(h * X)).ravel(), (WK @ expm(-h * X).T).ravel()])
        minus = np.concatenate([(WQ @ expm(-h * X)).ravel(), (WK @ expm(h * X).T).ravel()])
        np.testing.assert_allclose(g, (plus - minus) / (2 * h), atol=1e-8)
        # the attention scores W_Q W_K^T are invariant: their derivative vanishes
        dQ, dK = g[:15].reshape(5, 3), g[15:].reshape(5, 3)
        np.testing.assert_allclose(dQ @ WK.T + WQ @ dK.T, 0, atol=1e-12)


def test_attention_generators_rank_for_degenerate_weights():
    # orbit dimension d_k^2 - (d_k - r_Q)(d_k - r_K): rank-one W_Q and W_K in d_k = 3 give 9 - 4 = 5
    rng = np.random.default_rng(6)
    WQ = np.outer(rng.normal(size=5), rng.normal(size=3))
    WK = np.outer(rng.normal(size=5), rng.normal(size=3))
    assert numeric_rank(np.column_stack(attention_generators(WQ, WK))) == 5
    assert numeric_rank(np.column_stack(attention_generators(rng.normal(size=(5, 3)), WK))) == 9
    with pytest.raises(ShapeMismatchError):
        attention_generators(np.ones((5, 3)), np.ones((5, 2)))
