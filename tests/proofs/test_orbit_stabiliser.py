"""Orbit-stabiliser |G| = |G.x| |G_x| for finite permutation groups: a check of mathml.orbits' orbit
and stabiliser enumeration (it left the theorem catalogue: it is a test of the code, not a statement
the catalogue proves).  Independent: sympy's own group order, and the fibres of g -> g.x."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.combinatorics import Permutation, PermutationGroup
from sympy.combinatorics.named_groups import AlternatingGroup, DihedralGroup, SymmetricGroup

import mathml.orbits as mo


def _check(G):
    for x in range(G.degree):
        orbit, stab = mo.orbit(G, x), mo.stabilizer(G, x)
        assert len(orbit) * len(stab) == G.order()
        # the fibre of g -> g(x) over each orbit point is a coset of the stabiliser: |fibre| = |G_x|
        fibres = {}
        for g in G.elements:
            fibres[g(x)] = fibres.get(g(x), 0) + 1
        assert set(fibres) == set(orbit) and set(fibres.values()) == {len(stab)}


def test_named_groups():
    for G in (SymmetricGroup(5), AlternatingGroup(5), DihedralGroup(6)):
        _check(G)


@settings(max_examples=15)
@given(degree=st.integers(2, 6), gens=st.integers(1, 3), seed=st.integers(0, 10**6))
def test_random_permutation_groups(degree, gens, seed):
    rng = np.random.default_rng(seed)
    G = PermutationGroup([Permutation(list(rng.permutation(degree))) for _ in range(gens)])
    _check(G)
