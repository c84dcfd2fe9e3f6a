"""Orbits: nilpotent-orbit dimensions, minimal orbits, network symmetry orbits and the scalar
curvature of left-invariant metrics (Milnor's formula; unbounded below on SU(2), above on SU(4)).

Exact integer identities (counts, dimensions computed two independent ways, exact ranks) are
checked with `mathml.core.checks.check_exact` or `mm.verify` on exact sympy values, so they are
*proved*; nothing here is decided in floating point.  (Orbit-stabiliser is a test,
tests/proofs/test_orbit_stabiliser.py, not a theorem of the catalogue.)
"""
from fractions import Fraction

import numpy as np
import sympy as sp

import mathml as mm
import mathml.orbits as mo
from mathml.core.checks import check_exact, check_predicate
from mathml.core.rank import exact_rank
from mathml.core.relu import ReluNetwork

FREEDMAN = "seed 000 (Freedman, ML, QML and dynamics, CMSA 2023), slide on minimising Ricci scalar curvature"


def _type_d_diagram(n, partition, flip=False):
    """Weighted Dynkin diagram of the so(2n) orbit with Jordan type ``partition``: the eigenvalues
    d - 1, d - 3, ..., 1 - d of a neutral element h for each part d, the n largest h_1 >= ... >= h_n,
    labels (h_1 - h_2, ..., h_{n-1} - h_n, h_{n-1} + h_n) (Bourbaki order).  ``flip`` negates h_n:
    the second orbit of a very even partition (the outer automorphism swapping the last two nodes)."""
    ev = sorted((d - 1 - 2 * k for d in partition for k in range(d)), reverse=True)[:n]
    if flip:
        ev[-1] = -ev[-1]
    return tuple(ev[i] - ev[i + 1] for i in range(n - 1)) + (ev[n - 2] + ev[n - 1],)


@mm.theorem("Partition dimension formulas equal centraliser dimensions (A3, B2, C3, D4)",
            tags=("orbits", "nilpotent"))
def partition_vs_centraliser():
    r"""For every nilpotent orbit of $\mathfrak{sl}_4$, $\mathfrak{so}_5$, $\mathfrak{sp}_6$ and
    $\mathfrak{so}_8$, the partition formula for $\dim\mathcal{O}_\lambda$ equals
    $\dim\mathfrak{g} - \dim\mathfrak{g}^e$, with $\mathfrak{g}^e$ computed by exact linear algebra for an
    explicit nilpotent $e$ of Jordan type $\lambda$ in the matrix Lie algebra."""
    out = []
    for t, r in [("A", 3), ("B", 2), ("C", 3), ("D", 4)]:
        orbs = mo.nilpotent_orbits(t, r)
        formula = sp.Matrix([o.dimension for o in orbs])
        dim_g = mo.lie_algebra_dimension(t, r)
        central = sp.Matrix([dim_g - mo.centraliser_dimension(t, r, o.partition) for o in orbs])
        out.append(mm.verify(formula, central))
    return out


@mm.theorem("Minimal nilpotent orbit has dimension 2h^v - 2 for every simple type",
            tags=("orbits", "nilpotent", "minimal orbit"))
def minimal_orbit_dimension():
    r"""For every simple Lie algebra $\mathfrak{g}$ (types $A_1$--$A_7$, $B_2$--$B_6$, $C_2$--$C_6$,
    $D_4$--$D_7$, $G_2$, $F_4$, $E_6$, $E_7$, $E_8$) the smallest non-zero nilpotent orbit has
    dimension $2h^\vee - 2$, where $h^\vee$ is computed from the roots as
    $(\#\{\alpha>0 : \langle\alpha,\theta^\vee\rangle = 1\} + 4)/2$ and the orbit dimensions come from
    partitions (classical) or weighted Dynkin diagrams (exceptional)."""
    types = ([("A", n) for n in range(1, 8)] + [("B", n) for n in range(2, 7)]
             + [("C", n) for n in range(2, 7)]
             + [("D", n) for n in range(4, 8)] + [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)])
    lhs, rhs = [], []
    for t, r in types:
        if t in "ABCD":
            smallest = min(o.dimension for o in mo.nilpotent_orbits(t, r) if o.dimension)
        else:
            smallest = min(o.dimension for o in mo.exceptional_orbits(t, r) if o.dimension)
        lhs.append(smallest)
        rhs.append(2 * mo.dual_coxeter_number(t, r) - 2)
    return mm.verify(sp.Matrix(lhs), sp.Matrix(rhs))


@mm.theorem("Exceptional orbit tables: dimensions from weighted Dynkin diagrams, Bala-Carter check",
            tags=("orbits", "nilpotent", "exceptional"))
def exceptional_tables():
    r"""For $G_2, F_4, E_6, E_7, E_8$ the tabulated orbit dimensions (Collingwood--McGovern 8.4) equal
    $\dim\mathfrak{g} - \dim\mathfrak{g}_0 - \dim\mathfrak{g}_1$ computed from each weighted Dynkin
    diagram with roots generated from the Cartan matrix; the stored diagrams are exactly those of
    the Bala--Carter enumeration, and there are 5, 16, 21, 45, 70 orbits."""
    out = []
    counts = []
    for t, r in [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)]:
        orbs = mo.exceptional_orbits(t, r)
        out.append(mm.verify(sp.Matrix([o.tabulated_dimension for o in orbs]),
                             sp.Matrix([o.dimension for o in orbs])))
        enumerated = sorted(mo.bala_carter_diagrams(t, r))
        out.append(mm.verify(sp.Matrix(sorted(o.diagram for o in orbs)), sp.Matrix(enumerated)))
        counts.append(len(orbs))
    out.append(mm.verify(sp.Matrix(counts), sp.Matrix([5, 16, 21, 45, 70])))
    return out


@mm.theorem("Type D: very even partitions split into two orbits with different diagrams",
            tags=("orbits", "nilpotent"))
def very_even_splitting():
    r"""In $\mathfrak{so}_{2n}$ ($n = 4, 5, 6$) the weighted Dynkin diagrams computed from the partitions
    (eigenvalues of the neutral element $h$; for a very even partition also the diagram with the last
    two nodes swapped, $h_n \to -h_n$) are exactly the diagrams of the independent root-theoretic
    Bala--Carter enumeration, with no two partitions sharing one.  So the number of orbits is the
    number of admissible partitions plus the number of very even ones; the two orbits of a very
    even partition have *different* diagrams (they differ in the last two labels because $h_n$ is odd)
    and the same dimension, computed from each diagram
    ($\dim\mathfrak g - \dim\mathfrak g_0 - \dim\mathfrak g_1$) and equal to the partition formula."""
    out = []
    for n in (4, 5, 6):
        parts = [p for p in mo.partitions(2 * n) if mo.is_admissible("D", p)]
        very_even = [p for p in parts if all(x % 2 == 0 for x in p)]
        diagrams = [_type_d_diagram(n, p) for p in parts] + [_type_d_diagram(n, p, True) for p in very_even]
        enumerated = mo.bala_carter_diagrams("D", n)
        out.append(check_exact(len(set(diagrams)), len(diagrams), what=f"D{n}: diagrams pairwise different",
                               method="exact integer labels"))
        out.append(check_predicate(set(diagrams) == set(enumerated), exact=True,
                                   what=f"D{n}: diagrams from partitions = Bala-Carter enumeration "
                                        f"({len(enumerated)} orbits = {len(parts)} + {len(very_even)})",
                                   method="exact finite enumeration"))
        for p in very_even:
            dims = [mo.wdd_orbit_dimension("D", n, _type_d_diagram(n, p, flip)) for flip in (False, True)]
            out.append(check_exact(sp.Matrix([dims]), sp.Matrix([[mo.partition_dimension("D", n, p)] * 2]),
                                   what=f"D{n}, {p}: both orbits have the partition-formula dimension",
                                   method="exact root counting"))
    return out


@mm.theorem("Rank-one matrices form the minimal orbit of GL(m) x GL(n)", tags=("orbits", "tensor rank"))
def rank_one_minimal():
    r"""The $GL(m)\times GL(n)$ orbit of a rank-$r$ $m\times n$ matrix has dimension $r(m + n - r)$
    (tangent space $\{AM - MB\}$, exact rank at seeded integer rank-$r$ points, every $r$); the
    smallest non-zero one is $r = 1$, of dimension $m + n - 1$ (minimality checked over all $r$).  For
    $m = n$ the smallest non-zero nilpotent orbit of $\mathfrak{sl}_n$ (the minimum over all partitions,
    none hard-coded) consists of rank-one matrices (its partition has $n - 1$ parts) and has
    dimension $2n - 2$."""
    out = []
    rng = np.random.default_rng(0)
    for m, n in [(2, 2), (2, 3), (3, 4), (4, 4), (5, 3)]:
        dims = []
        for r in range(1, min(m, n) + 1):
            M = rng.integers(-4, 5, size=(m, r)) @ rng.integers(-4, 5, size=(r, n))
            while exact_rank(M) != r:
                M = rng.integers(-4, 5, size=(m, r)) @ rng.integers(-4, 5, size=(r, n))
            dims.append(mo.rank_one_orbit_dimension(m, n, numeric_point=M))
        expected = [r * (m + n - r) for r in range(1, min(m, n) + 1)]
        out.append(check_exact(sp.Matrix([dims]), sp.Matrix([expected]),
                               what=f"{m}x{n}: orbit dimension of rank r is r(m + n - r)",
                               method="exact: python-flint rank of the tangent map"))
        out.append(check_exact(min(range(1, len(dims) + 1), key=lambda r: dims[r - 1]), 1,
                               what=f"{m}x{n}: the smallest non-zero orbit is the rank-one orbit",
                               method="exact comparison of exact ranks"))
    for n in range(2, 7):
        nonzero = [o for o in mo.nilpotent_orbits("A", n - 1) if o.dimension]
        smallest = min(nonzero, key=lambda o: o.dimension)
        out.append(check_exact(sp.Matrix([[n - len(smallest.partition), smallest.dimension]]),
                               sp.Matrix([[1, 2 * n - 2]]),
                               what=f"sl_{n}: the minimal nilpotent orbit has rank 1, dimension 2n - 2",
                               method="exact: partition formulas"))
    return out


@mm.theorem("ReLU functional dimension = parameters - hidden neurons at generic points",
            tags=("orbits", "networks"))
def relu_functional_dimension():
    r"""For a one-hidden-layer ReLU network $x \mapsto W_2\,\mathrm{relu}(W_1 x + b_1) + b_2$ with seeded
    integer parameters, the Jacobian of the outputs on 200 rational inputs with respect to all $P$
    parameters has rank $P - n$, $n$ the width (exact rank of the rational Jacobian), and the $n$
    rescaling directions of the hidden units lie exactly in its kernel: the rescaling torus orbit
    (dimension $n$) is the whole fibre direction.  Since the rank at one point bounds the generic rank
    from below and the torus bounds it from above, the generic functional dimension is $P - n$."""
    out = []
    for seed, (d, n, m) in enumerate([(3, 5, 2), (3, 4, 2), (4, 3, 2), (5, 6, 3)]):
        rng = np.random.default_rng(seed + 10)
        W1, b1 = rng.integers(-6, 7, size=(n, d)), rng.integers(-6, 7, size=n)
        W2, b2 = rng.integers(-6, 7, size=(m, n)), rng.integers(-6, 7, size=m)
        net = ReluNetwork([W1, W2], [b1, b2])
        X = [[Fraction(int(v), 3) for v in row] for row in rng.integers(-30, 31, size=(200, d))]
        J = net.parameter_jacobian(X)
        tangents = []
        for j in range(n):
            dW1, db1, dW2 = np.zeros((n, d), dtype=int), np.zeros(n, dtype=int), np.zeros((m, n), dtype=int)
            dW1[j], db1[j], dW2[:, j] = W1[j], b1[j], -W2[:, j]
            tangents.append(list(dW1.ravel()) + list(db1) + list(dW2.ravel()) + [0] * m)
        Tm = sp.Matrix(tangents).T
        P = net.parameter_count
        out.append(check_exact(sp.Matrix([[exact_rank(J), exact_rank(Tm)]]), sp.Matrix([[P - n, n]]),
                               what=f"{d}->{n}->{m}: Jacobian rank P - n = {P - n}, torus dimension {n}",
                               method="exact: python-flint rank of the rational Jacobian"))
        out.append(check_exact(J * Tm, sp.zeros(J.rows, n), what=f"{d}->{n}->{m}: rescalings in the kernel",
                               method="exact rational matrix product"))
    return out


@mm.theorem("Milnor's scalar curvature on SU(2)-type unimodular algebras", tags=("orbits", "curvature"))
def milnor_su2():
    r"""For an orthonormal basis with $[e_2,e_3] = \lambda_1 e_1$, $[e_3,e_1] = \lambda_2 e_2$,
    $[e_1,e_2] = \lambda_3 e_3$, the Milnor--Besse scalar curvature
    $-\tfrac14\sum (c_{ij}^k)^2 - \tfrac12\sum_i B(e_i,e_i)$ equals
    $2(\mu_1\mu_2 + \mu_2\mu_3 + \mu_3\mu_1)$ with
    $\mu_i = \tfrac12(\lambda_1+\lambda_2+\lambda_3) - \lambda_i$;
    the round $S^3$ ($\lambda = (2,2,2)$) has scalar curvature 6."""
    l1, l2, l3 = sp.symbols("lambda1:4", real=True)
    c = mo.milnor_structure_constants(l1, l2, l3)
    d = mm.Derivation("Milnor's formula", mo.scalar_curvature_symbolic(c, sp.eye(3)))
    d.step(mo.milnor_scalar_curvature(l1, l2, l3), "Milnor 1976, section 4")
    d.step(l1 * l2 + l2 * l3 + l3 * l1 - (l1 ** 2 + l2 ** 2 + l3 ** 2) / 2, "expand the $\\mu_i$")
    round_s3 = mm.verify(mo.scalar_curvature_symbolic(mo.milnor_structure_constants(2, 2, 2), sp.eye(3)), 6)
    return [d, round_s3]


@mm.theorem("Conjecture: scal is bounded above by its bi-invariant value at fixed volume on SU(4)",
            tags=("orbits", "curvature"), expect="disproved")
def scal_bounded_above_su4():
    r"""Conjecture (true on $SU(2)$, stated for all $SU(N)$ in the reference brief): among left-invariant
    metrics on $SU(4)$ of the volume of the bi-invariant metric $-\mathrm{tr}(XY)/4$, scalar curvature is at
    most its bi-invariant value 120. Refuted: scale the $\mathfrak{su}(2)$ of the first qubit
    (Pauli words $XI, YI, ZI$) by $t = 10^{-4}$ and the other 12 directions by $10$ (so the volume
    $t^3\cdot 10^{12} = 1$ is unchanged); exact rational arithmetic gives a scalar curvature far above 120."""
    c = np.rint(mo.structure_constants("pauli", 2)).astype(int)
    if np.abs(c - mo.structure_constants("pauli", 2)).max() > 1e-12:
        raise ValueError("the Pauli structure constants of su(4) should be integers")
    # words A (x) I: the (A)_{ij} factor is P[(i,0),(j,0)]
    first = [i for i, P in enumerate(mo.pauli_basis(2))
             if np.allclose(P, np.kron(P.reshape(2, 2, 2, 2)[:, 0, :, 0], np.eye(2)))]
    G = [Fraction(1, 10 ** 4) if i in first else Fraction(10) for i in range(15)]
    # diagonal metric, e_a = X_a / sqrt(G_a): c'_ab^c = c_ab^c sqrt(G_c) / sqrt(G_a G_b)
    nz = list(zip(*np.nonzero(c)))
    term1 = sum(Fraction(int(c[a, b, k]) ** 2) * G[k] / (G[a] * G[b]) for a, b, k in nz)
    term2 = sum(Fraction(int(c[i, j, k]) * int(c[i, k, j])) / G[i] for i, j, k in nz)
    scal = -term1 / 4 - term2 / 2
    vol = 1
    for g in G:
        vol *= g
    return [check_exact(sp.Matrix([[len(first), vol]]), sp.Matrix([[3, 1]]),
                        what="three first-qubit directions, volume unchanged", method="exact rationals"),
            check_predicate(scal <= 120, exact=True, what=f"scal = {scal} <= 120 at t = 1/10000",
                            method="exact rational arithmetic")]


@mm.theorem("Conjecture: scal of left-invariant metrics on SU(2) is bounded below at fixed volume",
            tags=("orbits", "curvature"), expect="disproved", source=FREEDMAN)
def scal_bounded_below_su2():
    r"""Refuted, so "minimise the Ricci scalar curvature over left-invariant metrics on $SU(2^n)$"
    (seed 000: "minimizing geometric loss functions such as Ricci scalar curvature over left
    invariant metrics on $SU(2^n)$") is ill-posed as stated already for $n = 1$ at fixed volume: the
    metric $\mathrm{diag}(t, t, t^{-2})$ in the basis of $\mathfrak{su}(2)$ whose bi-invariant metric
    has scal 6 keeps the volume ($\det = 1$) and has $\mathrm{scal} = 2(4/t - t^{-4})$ (symbolic, from
    the structure constants), which tends to $-\infty$ as $t \to 0^+$ (exact limit; $-19920$ at
    $t = 1/10$)."""
    t = sp.Symbol("t", positive=True)
    c = mo.structure_constants("su", 2)
    metric = sp.diag(t, t, t**-2)
    scal = mo.scalar_curvature_symbolic(c, metric)
    d = mm.Derivation("Scalar curvature along diag(t, t, t^-2)", scal)
    d.step(2 * (4 / t - t**-4), "Milnor--Besse formula")
    limit = sp.limit(sp.simplify(scal), t, 0, "+")
    return [d, mm.verify(metric.det(), 1),
            check_exact(sp.nsimplify(scal.subs(t, sp.Rational(1, 10))), -19920, what="scal at t = 1/10",
                        method="exact rational arithmetic"),
            check_predicate(limit != -sp.oo, exact=True, what=f"scal bounded below along the family "
                            f"(limit as t -> 0+ is {limit})", method="exact: sympy limit")]
