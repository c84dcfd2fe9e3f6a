"""Root systems from Cartan matrices and the exceptional nilpotent-orbit tables."""

import pytest
from hypothesis import given, settings, strategies as st

import mathml.orbits as mo
from mathml.core.errors import InvalidInputError, MathmlError

EXC = [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)]


@pytest.mark.parametrize("t, r, npos, dim", [("A", 4, 10, 24), ("B", 3, 9, 21), ("C", 4, 16, 36),
                                              ("D", 5, 20, 45), ("G", 2, 6, 14), ("F", 4, 24, 52),
                                              ("E", 6, 36, 78), ("E", 7, 63, 133), ("E", 8, 120, 248)])
def test_root_counts(t, r, npos, dim):
    # Bourbaki, Lie groups ch. VI, planches: number of positive roots and dim g.
    assert len(mo.positive_roots(t, r)) == npos
    assert mo.lie_algebra_dimension(t, r) == dim


@pytest.mark.parametrize("t, r, theta", [("G", 2, (3, 2)), ("F", 4, (2, 3, 4, 2)),
                                          ("E", 6, (1, 2, 2, 3, 2, 1)), ("E", 7, (2, 2, 3, 4, 3, 2, 1))])
def test_highest_root(t, r, theta):
    # Bourbaki planches: highest roots in Bourbaki numbering.
    assert mo.highest_root(t, r) == theta


def test_sympy_g2_defect_not_reproduced():
    # orbits_detail.md: sympy 1.14 G2 has a bogus root [1,0,1]; every G2 root here pairs integrally.
    roots = mo.positive_roots("G", 2)
    assert set(roots) == {(1, 0), (0, 1), (1, 1), (2, 1), (3, 1), (3, 2)}


@pytest.mark.parametrize("t, r", EXC)
def test_roots_closed_under_reflections(t, r):
    a = mo.cartan_matrix(t, r)
    pos = set(mo.positive_roots(t, r))
    allr = pos | {tuple(-x for x in p) for p in pos}
    for beta in allr:
        for i in range(r):
            pairing = sum(beta[j] * a[i][j] for j in range(r))
            assert -3 <= pairing <= 3
            gamma = tuple(beta[j] - (pairing if j == i else 0) for j in range(r))
            assert gamma in allr


@pytest.mark.parametrize("t, r, count, hv, mindim", [("G", 2, 5, 4, 6), ("F", 4, 16, 9, 16),
                                                      ("E", 6, 21, 12, 22), ("E", 7, 45, 18, 34),
                                                      ("E", 8, 70, 30, 58)])
def test_exceptional_counts_and_minimal(t, r, count, hv, mindim):
    # Collingwood-McGovern 8.4 counts (zero orbit included; GAP SLA gives count - 1);
    # h^vee from Kac's table; dim O_min = 2 h^vee - 2.
    orbs = mo.exceptional_orbits(t, r)
    assert len(orbs) == count
    assert mo.dual_coxeter_number(t, r) == hv
    assert mo.minimal_orbit(t, r).dimension == mindim == 2 * hv - 2
    assert mo.principal_orbit(t, r).dimension == mo.lie_algebra_dimension(t, r) - r


@pytest.mark.parametrize("t, r", EXC)
def test_every_tabulated_dimension_recomputed(t, r):
    # Stored CM 8.4 dimension vs dim g - dim g_0 - dim g_1 from roots generated here.
    for o in mo.exceptional_orbits(t, r):
        assert o.dimension == o.tabulated_dimension, o.label
    # alternative formula sum_{alpha>0} min(alpha(h), 2) (Atlas dim_nilpotent)
    for o in mo.exceptional_orbits(t, r):
        alt = sum(min(sum(c * w for c, w in zip(a, o.diagram)), 2) for a in mo.positive_roots(t, r))
        assert alt == o.dimension


@pytest.mark.parametrize("t, r", EXC)
def test_table_diagrams_equal_bala_carter_enumeration(t, r):
    # Independent: the Bala-Carter loop uses no table.
    table = {o.diagram for o in mo.exceptional_orbits(t, r)}
    assert len(table) == len(mo.exceptional_orbits(t, r))
    assert table == mo.bala_carter_diagrams(t, r)


def test_brief_sorted_dimension_lists():
    # orbits_detail.md section 2 test oracles (sorted dimensions)
    f4 = [0, 16, 22, 28, 30, 30, 34, 36, 36, 38, 40, 42, 42, 44, 46, 48]
    e6 = [0, 22, 32, 40, 42, 46, 48, 50, 52, 54, 56, 58, 60, 60, 62, 64, 64, 66, 68, 70, 72]
    assert sorted(o.dimension for o in mo.exceptional_orbits("F", 4)) == f4
    assert sorted(o.dimension for o in mo.exceptional_orbits("E", 6)) == e6
    assert [o.dimension for o in mo.exceptional_orbits("G", 2)] == [0, 6, 8, 10, 12]


def test_known_labels():
    # CM 8.4: G2 subregular G2(a1) has diagram (0,2) dim 10; E8(a1) subregular dim 238;
    # SLA doc: E6 rigid orbit 000100 (3A1).
    g2 = {o.label: o for o in mo.exceptional_orbits("G", 2)}
    assert g2["G2(a1)"].diagram == (0, 2) and g2["G2(a1)"].dimension == 10
    e8 = {o.label: o for o in mo.exceptional_orbits("E", 8)}
    assert e8["E8(a1)"].dimension == 238
    e6 = {o.diagram: o.label for o in mo.exceptional_orbits("E", 6)}
    assert e6[(0, 0, 0, 1, 0, 0)] == "3A1"


@pytest.mark.parametrize("t, r", [("A", 3), ("A", 5), ("B", 3), ("C", 4), ("D", 4), ("D", 5)])
def test_classical_wdd_enumeration_matches_partitions(t, r):
    # Bala-Carter diagrams vs partition formulas: same multiset of orbit dimensions.
    wdd = sorted(mo.wdd_orbit_dimension(t, r, x) for x in mo.bala_carter_diagrams(t, r))
    assert wdd == sorted(o.dimension for o in mo.nilpotent_orbits(t, r))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(EXC + [("A", 4), ("B", 4), ("C", 3), ("D", 4)]), st.data())
def test_wdd_dimension_properties(tr, data):
    t, r = tr
    labels = tuple(data.draw(st.lists(st.sampled_from([0, 1, 2]), min_size=r, max_size=r)))
    dim = mo.wdd_orbit_dimension(t, r, labels)
    npos = len(mo.positive_roots(t, r))
    # 0 <= dim <= |Phi|, zero iff all labels zero, maximal for all-2, monotone in each label
    assert 0 <= dim <= 2 * npos
    assert (dim == 0) == (labels == (0,) * r)
    if all(x == 2 for x in labels):
        assert dim == 2 * npos
    for i in range(r):
        if labels[i] < 2:
            up = labels[:i] + (labels[i] + 1,) + labels[i + 1:]
            assert mo.wdd_orbit_dimension(t, r, up) >= dim
    # genuine diagrams give even dimensions (orbits are symplectic)
    diag = data.draw(st.sampled_from(sorted(mo.bala_carter_diagrams(t, r))))
    assert mo.wdd_orbit_dimension(t, r, diag) % 2 == 0


def test_bad_input():
    with pytest.raises(InvalidInputError):
        mo.cartan_matrix("E", 9)
    with pytest.raises(MathmlError):
        mo.wdd_orbit_dimension("G", 2, (3, 0))
    with pytest.raises(InvalidInputError):
        mo.exceptional_orbits("A", 3)
    with pytest.raises(InvalidInputError):
        mo.positive_roots("Z", 2)


def test_latex():
    o = mo.exceptional_orbits("F", 4)[2]
    assert o.label == "~A1" and "\\tilde{A}_{1}" in o.latex() and o._repr_latex_().startswith("$")
