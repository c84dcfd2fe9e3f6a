"""Toric del Pezzo surfaces, replicator dynamics, Hodge decompositions."""
import random

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
from mathml.learning import (
    TORIC_DEL_PEZZO,
    admits_kahler_einstein,
    hodge_decomposition,
    pairwise_flow,
    replicator,
    ricci_lower_bound,
    rps,
    toric_surface,
)


def test_areas_are_half_the_degree():
    # K_X^2 = 9, 8, 8, 7, 6 for P2, P1xP1, Bl1, Bl2, Bl3, and area = K^2 / 2 (Fulton, Intro. toric varieties)
    degrees = {"P2": 9, "P1xP1": 8, "Bl1": 8, "Bl2": 7, "Bl3": 6}
    for name, deg in degrees.items():
        assert TORIC_DEL_PEZZO[name].area == sp.Rational(deg, 2)


def test_brief_L7_bl1_polygon_and_li_bounds():
    # brief L7: Bl1 polygon has vertices (-1,2), (-1,0), (0,-1), (2,-1), area 4
    assert set(TORIC_DEL_PEZZO["Bl1"].vertices) == {(-1, 2), (-1, 0), (0, -1), (2, -1)}
    # Székelyhidi 2011: R(Bl1) = 6/7; Chi Li 0909.3443: R(Bl2) = 21/25
    assert ricci_lower_bound("Bl1") == sp.Rational(6, 7)
    assert ricci_lower_bound("Bl2") == sp.Rational(21, 25)
    assert [admits_kahler_einstein(k) for k in ("P2", "P1xP1", "Bl1", "Bl2", "Bl3")] == [True, True, False, False, True]


def test_barycentre_against_monte_carlo():
    # independent: rejection sampling of the Bl2 polygon
    surf = TORIC_DEL_PEZZO["Bl2"]
    rng = np.random.default_rng(0)
    pts = rng.uniform(-1, 2, size=(400000, 2))
    inside = np.all([pts @ np.array(v) >= -1 for v in surf.rays], axis=0)
    mc = pts[inside].mean(axis=0)
    exact = np.array([float(c) for c in surf.barycenter])
    assert np.allclose(mc, exact, atol=5e-3)


@settings(max_examples=15)
@given(st.sampled_from(["P2", "P1xP1", "Bl1", "Bl2", "Bl3"]), st.sampled_from([(1, 0, 0, 1), (0, -1, 1, 0), (1, 1, 0, 1),
                                                                               (2, 1, 1, 1)]))
def test_ricci_bound_is_gl2z_invariant(name, mat):
    a, b, c, d = mat
    surf = TORIC_DEL_PEZZO[name]
    rays = [(a * x + b * y, c * x + d * y) for x, y in surf.rays]
    moved = toric_surface(rays, name)
    assert moved.area == surf.area
    assert ricci_lower_bound(moved) == ricci_lower_bound(surf)


def test_toric_surface_rejects_bad_fans():
    with pytest.raises(mm.MathmlError, match="primitive"):
        toric_surface([(2, 0), (0, 1), (-1, -1)])
    with pytest.raises(mm.MathmlError, match="smooth"):
        toric_surface([(1, 0), (1, 2), (-1, -1)])
    with pytest.raises(mm.MathmlError, match="unknown toric"):
        ricci_lower_bound("dP9")


def test_rps_product_conserved_numerically():
    # brief L8: x1 x2 x3 = 0.03 conserved over [0, 50] at rtol 1e-12
    _, traj = replicator(rps(1, 1)).integrate([0.5, 0.3, 0.2], 50.0)
    assert abs(traj.prod(axis=1) - 0.03).max() < 1e-9


def test_rps_with_a_greater_than_b_converges_to_centre():
    # Zeeman 1980: win 2, loss 1 -> the interior rest point attracts
    _, traj = replicator(rps(2, 1)).integrate([0.6, 0.3, 0.1], 200.0)
    assert np.allclose(traj[-1], [1 / 3] * 3, atol=1e-4)


def test_replicator_bad_input():
    with pytest.raises(mm.MathmlError):
        replicator([[1, 2, 3]])
    with pytest.raises(mm.MathmlError, match="simplex"):
        replicator(rps()).integrate([0.5, 0.6, 0.1], 1.0)


def test_condorcet_is_pure_curl():
    edges, flow = pairwise_flow([("A", "B", "C"), ("B", "C", "A"), ("C", "A", "B")])
    h = hodge_decomposition(edges, flow)
    assert h.gradient == [0, 0, 0] and h.harmonic == [0, 0, 0] and h.curl == flow


def test_harmonic_part_on_a_square():
    # a 4-cycle has no triangles: a circulating flow is harmonic (first Betti number 1)
    h = hodge_decomposition([(0, 1), (1, 2), (2, 3), (3, 0)], [1, 1, 1, 1])
    assert h.harmonic == [1, 1, 1, 1] and h.gradient == [0, 0, 0, 0]


@settings(max_examples=15)
@given(st.integers(0, 10**6))
def test_hodge_exact_equals_float_and_orthogonal(seed):
    rng = random.Random(seed)
    n = 7
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.5] or [(0, 1)]
    flow = [rng.randint(-5, 5) for _ in pairs]
    ex = hodge_decomposition(pairs, flow)
    fl = hodge_decomposition(pairs, [float(f) for f in flow])
    assert ex.exact and not fl.exact and ex.residual() == 0
    for part in ("gradient", "curl", "harmonic"):
        assert np.allclose([float(v) for v in getattr(ex, part)], getattr(fl, part), atol=1e-8)
    assert sum(g * c for g, c in zip(ex.gradient, ex.curl)) == 0
    assert sum(g * r for g, r in zip(ex.gradient, ex.harmonic)) == 0
    assert sum(c * r for c, r in zip(ex.curl, ex.harmonic)) == 0


def test_hodge_bad_input():
    with pytest.raises(mm.MathmlError, match="twice"):
        hodge_decomposition([(0, 1), (1, 0)], [1, 2])
    with pytest.raises(mm.MathmlError, match="flow values"):
        hodge_decomposition([(0, 1)], [1, 2])
    with pytest.raises(mm.MathmlError, match="distinct"):
        hodge_decomposition([(0, 0)], [1])
