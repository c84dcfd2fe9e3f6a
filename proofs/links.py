"""Theorems that link two domain packages (proofs/ may orchestrate several; the packages
themselves never import each other)."""
import numpy as np
import sympy as sp

import mathml as mm
import mathml.kolmogorov as mk
from mathml.core.checks import check_exact
import mathml.orbits as mo


@mm.theorem("Kronecker products realign into the minimal orbit of GL x GL", tags=("kolmogorov", "orbits"))
def kronecker_products_lie_in_the_minimal_orbit():
    r"""For $L = X \otimes Y$ with $X \in \mathrm{Hom}(\mathbb{C}^2,\mathbb{C}^2)$,
    $Y \in \mathrm{Hom}(\mathbb{C}^3,\mathbb{C}^3)$ the realignment
    $R(L) = \mathrm{vec}(X)\,\mathrm{vec}(Y)^\top$ is a rank-one $4\times 9$ matrix (rank across the middle
    1, exact), so it lies in the minimal orbit of $GL(4)\times GL(9)$, of dimension $4 + 9 - 1 = 12$
    (exact tangent-space rank).  A sum of two Kronecker products has rank 2 and an orbit of dimension
    $2(4 + 9 - 2) = 22$: it is not minimal."""
    rng = np.random.default_rng(0)
    X1, X2 = (sp.Matrix(rng.integers(-4, 5, size=(2, 2))) for _ in range(2))
    Y1, Y2 = (sp.Matrix(rng.integers(-4, 5, size=(3, 3))) for _ in range(2))
    one = sp.kronecker_product(X1, Y1)
    two = one + sp.kronecker_product(X2, Y2)
    dims = ((2, 3), (2, 3))
    realigned = [np.array(mk.realign(np.array(L.tolist(), dtype=np.int64), *dims), dtype=np.int64)
                 for L in (one, two)]
    got = [mk.kronecker_rank(one, *dims), mk.kronecker_rank(two, *dims),
           mo.rank_one_orbit_dimension(4, 9, numeric_point=realigned[0]),
           mo.rank_one_orbit_dimension(4, 9, numeric_point=realigned[1])]
    return check_exact(sp.Matrix(got), sp.Matrix([1, 2, 4 + 9 - 1, 2 * (4 + 9 - 2)]),
                       what="Kronecker ranks 1, 2 and orbit dimensions 12, 22",
                       method="exact: python-flint ranks of integer matrices")
