"""Root systems built from Cartan matrices, and nilpotent-orbit dimensions from weighted Dynkin diagrams.

sympy.liealgebras has wrong root data for several exceptional types (see the orbits brief), so the
roots here are generated from the Cartan matrix alone: close the simple roots under the simple
reflections.  Conventions: Bourbaki numbering, ``a[i][j] = <alpha_i^vee, alpha_j>``, roots written in
simple-root coordinates.
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from functools import lru_cache

from ..core.errors import InvalidInputError

__all__ = [
    "cartan_matrix",
    "positive_roots",
    "lie_algebra_dimension",
    "dual_coxeter_number",
    "highest_root",
    "wdd_orbit_dimension",
    "bala_carter_diagrams",
    "check_cartan_type",
]

_TYPES = ("A", "B", "C", "D", "E", "F", "G")


def check_cartan_type(cartan_type, rank) -> tuple[str, int]:
    """Validate ``(cartan_type, rank)``; return the normalised pair.

    Parameters
    ----------
    cartan_type : object
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : object
        Rank of the simple Lie algebra.

    Returns
    -------
    tuple[str, int]
        Validate ``(cartan_type, rank)``; return the normalised pair.

    Examples
    --------
    >>> check_cartan_type("e", 8)
    ('E', 8)
    """
    if not isinstance(cartan_type, str) or cartan_type.upper() not in _TYPES:
        raise InvalidInputError(f"cartan_type must be one of {_TYPES}, got {cartan_type!r}")
    if isinstance(rank, bool) or not isinstance(rank, int):
        raise InvalidInputError(f"rank must be an int, got {type(rank).__name__}")
    t = cartan_type.upper()
    ok = {"A": rank >= 1, "B": rank >= 2, "C": rank >= 2, "D": rank >= 4,
          "E": rank in (6, 7, 8), "F": rank == 4, "G": rank == 2}[t]
    if not ok:
        raise InvalidInputError(f"no simple Lie algebra of type {t}{rank}; accepted: A_n (n>=1), "
                                "B_n, C_n (n>=2), D_n (n>=4), E6, E7, E8, F4, G2")
    return t, rank


@lru_cache(maxsize=None)
def cartan_matrix(cartan_type: str, rank: int) -> tuple[tuple[int, ...], ...]:
    """Cartan matrix ``a[i][j] = <alpha_i^vee, alpha_j>`` in Bourbaki numbering.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    tuple[tuple[int, ...], ...]
        Cartan matrix ``a[i][j] = <alpha_i^vee, alpha_j>`` in Bourbaki numbering.

    Examples
    --------
    >>> cartan_matrix("G", 2)   # alpha_1 short, alpha_2 long
    ((2, -3), (-1, 2))
    >>> cartan_matrix("B", 2)   # alpha_2 short
    ((2, -1), (-2, 2))
    """
    t, n = check_cartan_type(cartan_type, rank)
    a = [[0] * n for _ in range(n)]
    for i in range(n):
        a[i][i] = 2

    def link(i, j, aij=-1, aji=-1):
        a[i][j], a[j][i] = aij, aji

    if t in "ABCD":
        for i in range(n - 1):
            link(i, i + 1)
        if t == "B":
            link(n - 2, n - 1, -1, -2)      # alpha_n short
        elif t == "C":
            link(n - 2, n - 1, -2, -1)      # alpha_n long
        elif t == "D":
            a[n - 2][n - 1] = a[n - 1][n - 2] = 0
            link(n - 3, n - 1)
    elif t == "E":
        link(0, 2)
        link(1, 3)
        for i in range(2, n - 1):
            link(i, i + 1)
    elif t == "F":
        link(0, 1)
        link(1, 2, -1, -2)                  # alpha_3, alpha_4 short
        link(2, 3)
    else:  # G2
        link(0, 1, -3, -1)
    return tuple(tuple(r) for r in a)


@lru_cache(maxsize=None)
def positive_roots(cartan_type: str, rank: int) -> tuple[tuple[int, ...], ...]:
    """Positive roots in simple-root coordinates, by closing the simple roots under reflections.

    ``s_i(beta) = beta - <beta, alpha_i^vee> alpha_i`` with ``<beta, alpha_i^vee> = sum_j c_j a[i][j]``.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    tuple[tuple[int, ...], ...]
        Positive roots in simple-root coordinates, by closing the simple roots under reflections.

    Examples
    --------
    >>> [len(positive_roots(t, r)) for t, r in [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)]]
    [6, 24, 36, 63, 120]
    >>> max(positive_roots("G", 2), key=sum)
    (3, 2)
    """
    a = cartan_matrix(cartan_type, rank)
    n = len(a)
    simple = [tuple(int(i == j) for j in range(n)) for i in range(n)]
    seen = set(simple)
    frontier = list(simple)
    while frontier:
        new = []
        for beta in frontier:
            for i in range(n):
                pairing = sum(beta[j] * a[i][j] for j in range(n))
                gamma = tuple(beta[j] - (pairing if j == i else 0) for j in range(n))
                if gamma not in seen:
                    seen.add(gamma)
                    new.append(gamma)
        frontier = new
    pos = [r for r in seen if all(c >= 0 for c in r)]
    return tuple(sorted(pos, key=lambda r: (sum(r), r)))


def lie_algebra_dimension(cartan_type: str, rank: int) -> int:
    """``dim g = rank + 2 #positive roots``.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    int
        ``dim g = rank + 2 #positive roots``.

    Examples
    --------
    >>> lie_algebra_dimension("E", 8)
    248
    """
    return rank + 2 * len(positive_roots(cartan_type, rank))


def highest_root(cartan_type: str, rank: int) -> tuple[int, ...]:
    """The highest root (the unique positive root of maximal height).

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    tuple[int, ...]
        The highest root (the unique positive root of maximal height).

    Examples
    --------
    >>> highest_root("E", 8)
    (2, 3, 4, 6, 5, 4, 3, 2)
    """
    return max(positive_roots(cartan_type, rank), key=sum)


def _coroot_pairing_with_theta(cartan_type, rank):
    # <alpha, theta^vee> = 2 (alpha, theta)/(theta, theta); use the symmetrised form from root lengths.
    a = cartan_matrix(cartan_type, rank)
    n = len(a)
    d = _symmetriser(a)
    theta = highest_root(cartan_type, rank)

    def form(x, y):  # (x, y) = sum x_i y_j d_i a_ij
        return sum(Fraction(x[i] * y[j] * d[i] * a[i][j]) for i in range(n) for j in range(n))

    tt = form(theta, theta)
    return lambda alpha: 2 * form(alpha, theta) / tt


def _symmetriser(a):
    # d_i = (alpha_i, alpha_i)/2 up to scale: d_i a_ij = d_j a_ji; propagate along the (connected) diagram.
    n = len(a)
    d = [None] * n
    d[0] = Fraction(1)
    changed = True
    while changed:
        changed = False
        for i in range(n):
            for j in range(n):
                if d[i] is not None and d[j] is None and a[i][j] != 0:
                    d[j] = d[i] * a[i][j] / a[j][i]
                    changed = True
    return d


def dual_coxeter_number(cartan_type: str, rank: int) -> int:
    """Dual Coxeter number from the roots: ``#{alpha > 0 : <alpha, theta^vee> = 1} = 2 h^vee - 4``.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    int
        Dual Coxeter number from the roots: ``#{alpha > 0 : <alpha, theta^vee> = 1} = 2 h^vee - 4``.

    Examples
    --------
    >>> [dual_coxeter_number(t, r) for t, r in [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)]]
    [4, 9, 12, 18, 30]
    """
    pair = _coroot_pairing_with_theta(cartan_type, rank)
    ones = sum(1 for alpha in positive_roots(cartan_type, rank) if pair(alpha) == 1)
    return (ones + 4) // 2


def _check_labels(cartan_type, rank, labels):
    t, n = check_cartan_type(cartan_type, rank)
    labels = tuple(labels)
    if len(labels) != n or any(isinstance(x, bool) or not isinstance(x, int) or x not in (0, 1, 2)
                               for x in labels):
        raise InvalidInputError(f"a weighted Dynkin diagram of {t}{n} is {n} labels in (0, 1, 2), got "
                                f"{labels!r}")
    return labels


def wdd_orbit_dimension(cartan_type: str, rank: int, labels) -> int:
    """Dimension of the nilpotent orbit with weighted Dynkin diagram ``labels``.

    ``dim O = dim g - dim g_0 - dim g_1``, where ``g_k`` is spanned by the root spaces of weight
    ``alpha(h) = sum_i c_i label_i = k`` (and the Cartan subalgebra in ``g_0``).

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.
    labels : object
        Weighted Dynkin diagram labels (Bourbaki numbering).

    Returns
    -------
    int
        Dimension of the nilpotent orbit with weighted Dynkin diagram ``labels``.

    Examples
    --------
    >>> wdd_orbit_dimension("E", 8, (0, 0, 0, 0, 0, 0, 0, 1))   # minimal orbit
    58
    >>> wdd_orbit_dimension("G", 2, (2, 2))                        # principal orbit: dim g - rank
    12
    """
    labels = _check_labels(cartan_type, rank, labels)
    roots = positive_roots(cartan_type, rank)
    weights = [sum(c * w for c, w in zip(r, labels)) for r in roots]
    dim_g0 = rank + 2 * sum(1 for w in weights if w == 0)
    dim_g1 = sum(1 for w in weights if w == 1)
    return lie_algebra_dimension(cartan_type, rank) - dim_g0 - dim_g1


def _dominant(v, a):
    v = list(v)
    n = len(v)
    while True:
        j = next((j for j in range(n) if v[j] < 0), None)
        if j is None:
            return tuple(v)
        vj = v[j]
        for i in range(n):
            # s_j h = h - alpha_j(h) alpha_j^vee, so alpha_i(s_j h) = v_i - v_j <alpha_j^vee, alpha_i>.
            v[i] -= vj * a[j][i]


def _inverse(m):
    n = len(m)
    aug = [[Fraction(x) for x in row] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(m)]
    for c in range(n):
        p = next(r for r in range(c, n) if aug[r][c] != 0)
        aug[c], aug[p] = aug[p], aug[c]
        piv = aug[c][c]
        aug[c] = [x / piv for x in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[c])]
    return [row[n:] for row in aug]


@lru_cache(maxsize=None)
def bala_carter_diagrams(cartan_type: str, rank: int) -> frozenset:
    """All weighted Dynkin diagrams of nilpotent orbits, by the Bala--Carter enumeration.

    Loop over subsets ``S`` of the simple roots (a Levi subalgebra) and labellings ``T`` in
    ``{0, 2}^S``; keep ``T`` when it is distinguished in the Levi
    (``|S| + 2 #{alpha in Phi_S^+ : alpha(h) = 0} = #{alpha in Phi_S^+ : alpha(h) = 2}``), solve for
    ``h`` in the span of the ``S``-coroots, make it dominant and read off the labels.  This is an
    independent check of the stored exceptional tables (it uses no table).

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    frozenset
        All weighted Dynkin diagrams of nilpotent orbits, by the Bala--Carter enumeration.

    Examples
    --------
    >>> len(bala_carter_diagrams("G", 2)), len(bala_carter_diagrams("F", 4))
    (5, 16)
    """
    a = cartan_matrix(cartan_type, rank)
    n = len(a)
    roots = positive_roots(cartan_type, rank)
    found = set()
    for size in range(n + 1):
        for s in itertools.combinations(range(n), size):
            sset = set(s)
            levi_roots = [r for r in roots if all(r[i] == 0 for i in range(n) if i not in sset)]
            inv = _inverse([[a[i][k] for k in s] for i in s]) if s else []
            for t in itertools.product((0, 2), repeat=size):
                lab = dict(zip(s, t))
                w = [sum(r[i] * lab[i] for i in s) for r in levi_roots]
                if size + 2 * w.count(0) != w.count(2):
                    continue
                # h = sum_{i in S} x_i alpha_i^vee with alpha_k(h) = sum_i x_i a[i][k] = T_k (k in S).
                x = [sum(Fraction(t[kk]) * inv[kk][ii] for kk in range(size)) for ii in range(size)]
                v = [sum(x[ii] * a[i][j] for ii, i in enumerate(s)) for j in range(n)]
                dom = _dominant(v, a)
                found.add(tuple(int(c) for c in dom))
    return frozenset(found)
