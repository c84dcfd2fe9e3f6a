"""Finite group actions: orbit-stabiliser, Burnside/Polya, Schreier graphs, minimal feature orbits."""
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from sympy.combinatorics import Permutation, PermutationGroup
from sympy.combinatorics.named_groups import CyclicGroup, DihedralGroup, SymmetricGroup

import mathml.orbits as mo
from mathml.core.errors import InvalidInputError


@st.composite
def random_groups(draw):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(1, 3))
    gens = [Permutation(draw(st.permutations(list(range(n))))) for _ in range(k)]
    return PermutationGroup(gens)


@settings(max_examples=25, deadline=None)
@given(random_groups(), st.data())
def test_orbit_stabiliser(group, data):
    x = data.draw(st.integers(0, group.degree - 1))
    orb = mo.orbit(group, x)
    stab = mo.stabilizer(group, x)
    assert len(orb) * len(stab) == group.order()
    # sympy's own orbit as an independent check
    assert set(orb) == set(group.orbit(x))
    # orbits partition the points
    parts = mo.orbits(group, range(group.degree))
    assert sorted(p for o in parts for p in o) == list(range(group.degree))
    # Schreier graph: strongly connected, out-degree = #generators at every node
    g = mo.schreier_graph(group, x)
    assert set(g.nodes) == set(orb) and nx.is_strongly_connected(g)
    assert all(d == len(group.generators) for _, d in g.out_degree())


@settings(max_examples=25, deadline=None)
@given(random_groups(), st.integers(1, 4))
def test_burnside_equals_polya_equals_bruteforce(group, colours):
    import itertools
    n = group.degree
    act = mo.patch_action
    seen, count = set(), 0
    for col in itertools.product(range(colours), repeat=n):
        if col in seen:
            continue
        count += 1
        seen.update(mo.orbit(group, col, act))
    assert mo.burnside_count(group, colours) == mo.polya_count(group, colours) == count


def test_necklace_counts():
    # OEIS A000029 (bracelets, 2 colours): n=4: 6, n=6: 13; A000031 (necklaces) n=6: 14
    assert mo.burnside_count(DihedralGroup(4), 2) == 6
    assert mo.burnside_count(DihedralGroup(6), 2) == 13
    assert mo.burnside_count(CyclicGroup(6), 2) == 14


def test_cycle_index_s3():
    import sympy as sp
    a1, a2, a3 = sp.symbols("a1:4")
    # Z(S3) = (a1^3 + 3 a1 a2 + 2 a3)/6
    assert sp.expand(mo.cycle_index(SymmetricGroup(3)) - (a1 ** 3 + 3 * a1 * a2 + 2 * a3) / 6) == 0


def test_dihedral_patches():
    # constant patch orbit 1, edge patch smaller than generic patch (orbit size 8)
    G = mo.dihedral_patch_group(4)
    assert G.order() == 8
    const = np.ones(16)
    edge = np.zeros((4, 4))
    edge[:, :2] = 1
    diag = np.eye(4)
    rng = np.random.default_rng(0)
    generic = rng.normal(size=16)
    res = {f.index: f for f in mo.minimal_orbits(G, [generic, edge.ravel(), const, diag.ravel()])}
    assert res[2].orbit_size == 1 and res[2].stabilizer_order == 8
    assert res[1].orbit_size == 4        # vertical edge: 4 positions/orientations, stabiliser {1, flip}
    assert res[3].orbit_size == 2        # main diagonal: the two diagonals
    assert res[0].orbit_size == 8
    for f in res.values():
        assert f.orbit_size * f.stabilizer_order == 8


def test_torus_translation_oracles():
    # orbits_detail.md: 8x8 torus translations: constant 1, checkerboard 2, period-4 stripe 4,
    # single column 8, generic 64
    idx = np.arange(64).reshape(8, 8)
    sx = Permutation([int(i) for i in np.roll(idx, 1, axis=1).ravel().argsort()])
    sy = Permutation([int(i) for i in np.roll(idx, 1, axis=0).ravel().argsort()])
    G = PermutationGroup([sx, sy])
    ii, jj = np.meshgrid(range(8), range(8), indexing="ij")
    feats = [np.ones(64), ((ii + jj) % 2).ravel(), (jj % 4 == 0).ravel().astype(float),
             (jj == 0).ravel().astype(float), np.random.default_rng(1).normal(size=64)]
    sizes = {f.index: f.orbit_size for f in mo.minimal_orbits(G, feats)}
    assert [sizes[i] for i in range(5)] == [1, 2, 4, 8, 64]


def test_bad_input():
    with pytest.raises(InvalidInputError):
        mo.dihedral_patch_group(1)
    with pytest.raises(InvalidInputError):
        mo.burnside_count([Permutation([1, 0])], 2)
    with pytest.raises(InvalidInputError):
        mo.minimal_orbits(mo.dihedral_patch_group(2), [np.ones(5)])
    with pytest.raises(InvalidInputError):
        mo.orbit([], 0)


def test_feature_orbit_latex():
    f = mo.minimal_orbits(mo.dihedral_patch_group(2), [np.ones(4)])[0]
    assert "= 1" in f.latex() and f._repr_latex_().startswith("$")
