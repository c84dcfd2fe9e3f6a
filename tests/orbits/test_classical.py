"""Classical nilpotent orbits: partitions, dimensions, centralisers, Hasse diagrams, minimal orbits."""
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import mathml.orbits as mo
from mathml.core.errors import InvalidInputError, MathmlError


@pytest.mark.parametrize("t, r, dims", [
    ("A", 3, [0, 6, 8, 10, 12]),
    ("B", 3, [0, 8, 10, 12, 14, 16, 18]),
    ("C", 3, [0, 6, 10, 12, 14, 14, 16, 18]),
    ("D", 4, [0, 10, 12, 12, 12, 16, 18, 20, 20, 20, 22, 24]),
])
def test_dimension_oracles(t, r, dims):
    # orbits.md section 1 test oracles
    assert sorted(o.dimension for o in mo.nilpotent_orbits(t, r)) == dims


@pytest.mark.parametrize("t, counts", [("B", {3: 7, 4: 13, 5: 16 + 0}), ("C", {1 + 1: 4, 3: 8, 4: 14, 5: 24}),
                                       ("D", {4: 12, 5: 16, 6: 31})])
def test_counts(t, counts):
    # orbits_detail.md: so7 7, so9 13, so11 21, sp4/6/8/10 4/8/14/24, so8 12, so10 16, so12 31
    counts = dict(counts)
    if t == "B":
        counts[5] = 21
    for r, n in counts.items():
        assert len(mo.nilpotent_orbits(t, r)) == n


def test_sl_counts_are_partition_numbers():
    # p(n): 1, 2, 3, 5, 7, 11, 15, 22 (OEIS A000041)
    assert [len(mo.nilpotent_orbits("A", n - 1)) for n in range(2, 9)] == [2, 3, 5, 7, 11, 15, 22]


@pytest.mark.parametrize("t, r", [("A", 3), ("B", 2), ("B", 3), ("C", 3), ("D", 4)])
def test_partition_formula_against_centraliser(t, r):
    # independent: exact rank of ad e on the matrix Lie algebra for an explicit representative
    dim_g = mo.lie_algebra_dimension(t, r)
    for o in mo.nilpotent_orbits(t, r):
        e, f = mo.representative(t, r, o.partition)
        if t != "A":
            assert (e.T * f + f * e).is_zero_matrix
        assert dim_g - mo.centraliser_dimension(t, r, o.partition) == o.dimension


def test_representative_jordan_type():
    e, _ = mo.representative("D", 4, (3, 2, 2, 1))
    # Jordan type from ranks of powers: #blocks of size >= k = rank(e^{k-1}) - rank(e^k)
    ranks = [(e ** k).rank() for k in range(5)]
    sizes = [ranks[k - 1] - ranks[k] for k in range(1, 5)]
    assert sizes == list(mo.transpose((3, 2, 2, 1))) + [0]


def _very_even_diagrams(n, p):
    """The weighted Dynkin diagrams (Bourbaki D_n) of the two orbits of a very even partition."""
    eig = sorted((d - 1 - 2 * k for d in p for k in range(d)), reverse=True)[:n]   # all odd, positive
    out = []
    for h in (eig, eig[:-1] + [-eig[-1]]):
        out.append(tuple(h[i] - h[i + 1] for i in range(n - 1)) + (h[n - 2] + h[n - 1],))
    return out


def test_very_even_splitting():
    # D4: [4,4] and [2,2,2,2] give two orbits each, same dimension, incomparable
    orbs = mo.nilpotent_orbits("D", 4)
    ve = [o for o in orbs if o.label]
    assert sorted((o.partition, o.label) for o in ve) == [((2, 2, 2, 2), "I"), ((2, 2, 2, 2), "II"),
                                                          ((4, 4), "I"), ((4, 4), "II")]
    g = mo.hasse_diagram("D", 4)
    a, b = mo.NilpotentOrbit("D", 4, (4, 4), "I"), mo.NilpotentOrbit("D", 4, (4, 4), "II")
    assert not nx.has_path(g, a, b) and not nx.has_path(g, b, a)
    # The two orbits have DIFFERENT weighted Dynkin diagrams (so they are different orbits), and their
    # dimensions recomputed from the root system (wdd_orbit_dimension, independent of the partition
    # formula) agree with the partition formula.  Collingwood-McGovern 5.3: h has eigenvalues
    # d - 1, d - 3, ..., 1 - d per part d; the two very even orbits have h and h with h_n -> -h_n.
    # Expected dimensions by hand: dim so(2n) - (sum of squared transposed parts)/2.
    for n, p, dim in [(4, (4, 4), 20), (4, (2, 2, 2, 2), 12), (6, (4, 4, 2, 2), 46), (6, (6, 6), 54)]:
        diagrams = set(_very_even_diagrams(n, p))
        assert len(diagrams) == 2
        assert sorted(mo.wdd_orbit_dimension("D", n, dgm) for dgm in diagrams) == [dim, dim]
        one, two = mo.NilpotentOrbit("D", n, p, "I"), mo.NilpotentOrbit("D", n, p, "II")
        assert one.dimension == two.dimension == dim
    # D5 has no very even partition of 10 (all even parts, even multiplicity, 4 | 10 fails)
    assert not any(o.label for o in mo.nilpotent_orbits("D", 5))


def test_hasse_c3_restricted_cover():
    # orbits_detail.md caveat (a): in C3 [3,3] covers [2,2,2] although [3,2,1] lies between in P(6);
    # [3,3] and [4,1,1] are incomparable
    g = mo.hasse_diagram("C", 3)
    o = {x.partition: x for x in g.nodes}
    assert g.has_edge(o[(3, 3)], o[(2, 2, 2)])
    assert not nx.has_path(g, o[(3, 3)], o[(4, 1, 1)]) and not nx.has_path(g, o[(4, 1, 1)], o[(3, 3)])


@pytest.mark.parametrize("t, r", [("A", 5), ("B", 3), ("C", 3), ("C", 4), ("D", 4), ("D", 5)])
def test_hasse_equals_transitive_reduction_of_dominance(t, r):
    # independent all-pairs construction on small ranks
    orbs = mo.nilpotent_orbits(t, r)
    full = nx.DiGraph()
    full.add_nodes_from(orbs)
    for a in orbs:
        for b in orbs:
            if a != b and mo.dominates(a.partition, b.partition) and not (
                    a.partition == b.partition):
                full.add_edge(a, b)
    red = nx.transitive_reduction(full)
    g = mo.hasse_diagram(t, r)
    assert set(g.edges) == set(red.edges)
    # closure order is compatible with dimension (strictly increasing along edges)
    assert all(a.dimension > b.dimension for a, b in g.edges)


def test_sl6_incomparable_pair():
    # orbits_detail.md: [3,1,1,1] and [2,2,2] incomparable, both of dimension 18
    assert not mo.dominates((3, 1, 1, 1), (2, 2, 2)) and not mo.dominates((2, 2, 2), (3, 1, 1, 1))
    assert mo.partition_dimension("A", 5, (3, 1, 1, 1)) == mo.partition_dimension("A", 5, (2, 2, 2)) == 18


@pytest.mark.parametrize("n, nodes", [(6, 11), (10, 42), (12, 77)])
def test_sl_hasse_matches_networkx_reduction(n, nodes):
    g = mo.sl_hasse_diagram(n)
    assert g.number_of_nodes() == nodes
    parts = mo.partitions(n)
    full = nx.DiGraph((a, b) for a in parts for b in parts if a != b and mo.dominates(a, b))
    assert set(nx.transitive_reduction(full).edges) == set(g.edges)


@pytest.mark.parametrize("t, r", [("A", 1), ("A", 5), ("B", 2), ("B", 5), ("C", 2), ("C", 5), ("D", 4),
                                  ("D", 6)])
def test_minimal_and_principal(t, r):
    # dim O_min = 2 h^vee - 2 with h^vee from roots; principal dim g - rank
    hv = {"A": r + 1, "B": 2 * r - 1, "C": r + 1, "D": 2 * r - 2}[t]
    assert mo.dual_coxeter_number(t, r) == hv
    assert mo.minimal_orbit(t, r).dimension == 2 * hv - 2
    assert mo.principal_orbit(t, r).dimension == mo.lie_algebra_dimension(t, r) - r
    nonzero = [o.dimension for o in mo.nilpotent_orbits(t, r) if o.dimension]
    assert min(nonzero) == 2 * hv - 2


@pytest.mark.parametrize("m, n", [(1, 1), (2, 3), (3, 3), (4, 2)])
def test_rank_one_is_minimal_orbit_of_gl_gl(m, n):
    # Segre cone: dim m + n - 1; a generic (full-rank) matrix has orbit dim mn
    assert mo.rank_one_orbit_dimension(m, n) == m + n - 1
    rng = np.random.default_rng(m * 10 + n)
    full = rng.integers(-5, 6, size=(m, n))
    while np.linalg.matrix_rank(full) < min(m, n):
        full = rng.integers(-5, 6, size=(m, n))
    assert mo.rank_one_orbit_dimension(m, n, numeric_point=full) == m * n
    # sl_n: rank-one nilpotents = minimal orbit [2, 1^(n-2)], dimension 2n - 2 = 2 h^vee - 2
    if m >= 2:
        assert mo.minimal_orbit("A", m - 1).dimension == 2 * m - 2


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 14))
def test_partition_properties(n):
    parts = mo.partitions(n)
    assert len(set(parts)) == len(parts)
    for p in parts:
        assert sum(p) == n and mo.transpose(mo.transpose(p)) == p
        # sl_n dimension formula: n^2 - sum (transpose)^2 == n^2 - sum (2i-1) lambda_i
        s = mo.transpose(p)
        assert sum(x * x for x in s) == sum((2 * i + 1) * x for i, x in enumerate(p))
        for q in mo.dominance_covers(p):
            assert mo.dominates(p, q) and not mo.dominates(q, p)


def test_bad_input():
    with pytest.raises(InvalidInputError):
        mo.NilpotentOrbit("C", 2, (3, 1))
    with pytest.raises(InvalidInputError):
        mo.NilpotentOrbit("D", 4, (4, 4))      # very even needs a label
    with pytest.raises(MathmlError):
        mo.partition_dimension("A", 3, (2, 1))
    with pytest.raises(InvalidInputError):
        mo.partitions(-1)
    with pytest.raises(InvalidInputError):
        mo.nilpotent_orbits("E", 5)
    with pytest.raises(InvalidInputError):
        mo.nilpotent_orbits("D", 3)
    with pytest.raises(InvalidInputError):
        mo.dominates((2,), (1, 1, 1))


def test_latex_repr():
    o = mo.NilpotentOrbit("A", 3, (2, 2))
    assert o.latex() == "\\mathcal{O}_{[2, 2]}" and "8" in o._repr_latex_()


@pytest.mark.parametrize("t, r, count", [("G", 2, 5), ("F", 4, 16), ("E", 6, 21), ("E", 7, 45), ("E", 8, 70)])
def test_nilpotent_orbits_answers_every_simple_type(t, r, count):
    # issue 10: nilpotent_orbits("E", 8) raised "use exceptional_orbits"; counts from
    # Collingwood-McGovern 8.4 (G2 5, F4 16, E6 21, E7 45, E8 70)
    orbs = mo.nilpotent_orbits(t, r)
    assert len(orbs) == count and orbs == mo.exceptional_orbits(t, r)
    assert orbs[0].dimension == 0 and orbs[-1].dimension == mo.lie_algebra_dimension(t, r) - r


@pytest.mark.parametrize("t, r", [("A", 4), ("B", 3), ("C", 3), ("D", 5), ("G", 2), ("F", 4), ("E", 6)])
def test_minimal_nilpotent_orbit_is_the_least_nonzero_orbit(t, r):
    # the minimal orbit has dimension 2 h^vee - 2 (h^vee from the roots) and lies below every nonzero orbit
    o = mo.minimal_nilpotent_orbit(t, r)
    assert mo.minimal_orbit is mo.minimal_nilpotent_orbit       # the first name keeps working
    assert o.dimension == mo.minimal_orbit_dimension_formula(t, r)
    assert all(x.dimension >= o.dimension for x in mo.nilpotent_orbits(t, r) if x.dimension > 0)
    if t in "ABCD":
        g = mo.hasse_diagram(t, r)
        zero = next(x for x in g.nodes if x.dimension == 0)
        assert all(nx.has_path(g, x, o) for x in g.nodes if x.dimension > 0)   # every nonzero orbit closure
        assert g.has_edge(o, zero)
