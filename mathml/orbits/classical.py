"""Nilpotent orbits of the classical Lie algebras sl_n, so_{2n+1}, sp_{2n}, so_{2n} by partitions.

Dimension formulas (Collingwood--McGovern, Cor. 6.1.4), with ``s`` the transposed partition:
sl_n: ``n^2 - sum s_i^2``; sp_2n: ``2n^2 + n - (sum s_i^2)/2 - #odd parts/2``;
so_m: ``m(m-1)/2 - (sum s_i^2)/2 + #odd parts/2``.  They are cross-checked by
:func:`centraliser_dimension`, which builds a nilpotent matrix of the given Jordan type inside the
matrix Lie algebra and computes ``dim g - rank(ad e)`` exactly.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..core.errors import InvalidInputError
from .partitions import _covers, check_partition, dominance_covers, partitions, transpose
from .roots import check_cartan_type, dual_coxeter_number, lie_algebra_dimension

__all__ = [
    "NilpotentOrbit",
    "nilpotent_orbits",
    "is_admissible",
    "partition_dimension",
    "representative",
    "centraliser_dimension",
    "hasse_diagram",
    "sl_hasse_diagram",
    "minimal_orbit_dimension_formula",
    "minimal_nilpotent_orbit",
    "minimal_orbit",
    "principal_orbit",
    "rank_one_orbit_dimension",
]


def _vector_dim(t: str, n: int) -> int:
    return {"A": n + 1, "B": 2 * n + 1, "C": 2 * n, "D": 2 * n}[t]


def _classical(cartan_type, rank):
    t, n = check_cartan_type(cartan_type, rank)
    if t not in "ABCD":
        raise InvalidInputError(f"{t}{n} is exceptional: use exceptional_orbits({t!r}, {n})")
    return t, n


def is_admissible(cartan_type: str, partition) -> bool:
    """Jordan-type rule: B, D even parts have even multiplicity; C odd parts have even multiplicity.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    partition : object
        A partition (non-increasing tuple of positive ints).

    Returns
    -------
    bool
        Jordan-type rule: B, D even parts have even multiplicity; C odd parts have even multiplicity.

    Examples
    --------
    >>> is_admissible("C", (3, 1)), is_admissible("C", (3, 3)), is_admissible("B", (2, 1))
    (False, True, False)
    """
    p = check_partition(partition)
    bad_parity = {"A": None, "B": 0, "D": 0, "C": 1}[cartan_type.upper()]
    if bad_parity is None:
        return True
    return all(m % 2 == 0 for part, m in Counter(p).items() if part % 2 == bad_parity)


def _very_even(t, p):
    return t == "D" and all(x % 2 == 0 for x in p)


def partition_dimension(cartan_type: str, rank: int, partition) -> int:
    """Orbit dimension from the partition formulas.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.
    partition : object
        A partition (non-increasing tuple of positive ints).

    Returns
    -------
    int
        Orbit dimension from the partition formulas.

    Examples
    --------
    >>> cases = [("A", 3, (2, 2)), ("C", 3, (3, 3)), ("D", 4, (5, 3))]
    >>> dims = [partition_dimension(t, r, p) for t, r, p in cases]
    >>> tuple(dims)
    (8, 14, 22)
    """
    t, n = _classical(cartan_type, rank)
    p = check_partition(partition)
    m = _vector_dim(t, n)
    if sum(p) != m:
        raise InvalidInputError(f"a nilpotent orbit of {t}{n} is a partition of {m}, got {p}")
    if not is_admissible(t, p):
        raise InvalidInputError(f"{p} is not a Jordan type of {t}{n}")
    s2 = sum(x * x for x in transpose(p))
    odd = sum(1 for x in p if x % 2)
    if t == "A":
        return m * m - s2
    if t == "C":
        return (2 * n * n + n) - (s2 + odd) // 2
    return m * (m - 1) // 2 - (s2 - odd) // 2


@dataclass(frozen=True)
class NilpotentOrbit:
    """A nilpotent orbit of a classical Lie algebra, labelled by its Jordan type.

    Attributes
    ----------
    cartan_type, rank : the algebra (``"A", 3`` is sl_4).
    partition : Jordan type, a partition of the dimension of the standard representation.
    label : ``"I"`` or ``"II"`` for the two orbits of a very even partition in type D, else ``None``.

    Examples
    --------
    >>> o = NilpotentOrbit("D", 4, (4, 4), "I")
    >>> o.dimension, o.latex()
    (20, '\\\\mathcal{O}_{[4, 4]}^{I}')
    """

    cartan_type: str
    rank: int
    partition: tuple
    label: str | None = None

    def __post_init__(self):
        t, n = _classical(self.cartan_type, self.rank)
        p = check_partition(self.partition)
        object.__setattr__(self, "cartan_type", t)
        object.__setattr__(self, "partition", p)
        partition_dimension(t, n, p)   # validates
        if _very_even(t, p) != (self.label in ("I", "II")) or self.label not in (None, "I", "II"):
            raise InvalidInputError("label must be 'I' or 'II' exactly for very even partitions in type D")

    @property
    def dimension(self) -> int:
        """Orbit dimension from the partition formula."""
        return partition_dimension(self.cartan_type, self.rank, self.partition)

    def latex(self) -> str:
        """``\\mathcal{O}_{[...]}`` with the very-even label as a superscript."""
        body = ", ".join(map(str, self.partition))
        sup = f"^{{{self.label}}}" if self.label else ""
        return f"\\mathcal{{O}}_{{[{body}]}}{sup}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}\\ (\\dim {self.dimension})$"


def nilpotent_orbits(cartan_type: str, rank: int) -> list:
    """All nilpotent orbits (the zero orbit included) of a simple Lie algebra of any type A-G.

    Parameters
    ----------
    cartan_type : str
        ``"A"``-``"G"`` (case-insensitive).
    rank : int

    Returns
    -------
    list
        Classical types: `NilpotentOrbit` objects by partition, largest partition first (two for a
        very even partition in type D).  Exceptional types: the `ExceptionalOrbit` objects of
        `exceptional_orbits` (the same list), in increasing dimension.

    Raises
    ------
    InvalidInputError
        For an unknown type or a rank the type does not have.

    Examples
    --------
    >>> [len(nilpotent_orbits(t, r)) for t, r in [("A", 3), ("B", 2), ("C", 3), ("D", 4)]]
    [5, 4, 8, 12]
    >>> sorted(o.dimension for o in nilpotent_orbits("A", 3))
    [0, 6, 8, 10, 12]
    >>> len(nilpotent_orbits("E", 8)), nilpotent_orbits("G", 2)[1].label   # Collingwood-McGovern tables
    (70, 'A1')
    """
    t, n = check_cartan_type(cartan_type, rank)
    if t in "EFG":
        from .exceptional import exceptional_orbits

        return exceptional_orbits(t, n)
    out = []
    for p in partitions(_vector_dim(t, n)):
        if not is_admissible(t, p):
            continue
        if _very_even(t, p):
            out += [NilpotentOrbit(t, n, p, "I"), NilpotentOrbit(t, n, p, "II")]
        else:
            out.append(NilpotentOrbit(t, n, p))
    return out


def _form(t, p):
    """Block-diagonal bilinear form and nilpotent e of Jordan type p adapted to it (integer lists)."""
    eps = {"B": 1, "D": 1, "C": -1}[t]
    blocks = []  # (e_block, form_block)
    cnt = Counter(p)
    for part in sorted(cnt, reverse=True):
        m = cnt[part]
        selfdual = (part % 2 == 1) if eps == 1 else (part % 2 == 0)
        if selfdual:
            # one Jordan block with B(v_i, v_j) = (-1)^i delta_{i+j, d+1}: symmetric iff d odd,
            # skew iff d even, and e v_i = v_{i+1} is then B-skew.
            for _ in range(m):
                d = part
                e = [[int(r == c + 1) for c in range(d)] for r in range(d)]
                f = [[(-1) ** (r + 1) if r + c == d - 1 else 0 for c in range(d)] for r in range(d)]
                blocks.append((e, f))
            continue
        # remaining parts come in pairs: W + W*, e = diag(N, -N^T), form [[0, I], [eps I, 0]]
        for _ in range(m // 2):
            d = part
            e = [[0] * (2 * d) for _ in range(2 * d)]
            f = [[0] * (2 * d) for _ in range(2 * d)]
            for r in range(d - 1):
                e[r + 1][r] = 1
                e[d + r][d + r + 1] = -1
            for r in range(d):
                f[r][d + r] = 1
                f[d + r][r] = eps
            blocks.append((e, f))
    size = sum(len(b[0]) for b in blocks)
    E = [[0] * size for _ in range(size)]
    F = [[0] * size for _ in range(size)]
    o = 0
    for e, f in blocks:
        k = len(e)
        for r in range(k):
            for c in range(k):
                E[o + r][o + c] = e[r][c]
                F[o + r][o + c] = f[r][c]
        o += k
    return E, F


def representative(cartan_type: str, rank: int, partition):
    """A nilpotent matrix of the given Jordan type in the matrix Lie algebra, with its form.

    Returns ``(e, form)`` as sympy matrices: ``e^T form + form e = 0`` (``form`` is the identity
    for sl_n, where ``e`` is a sum of Jordan blocks).

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.
    partition : object
        A partition (non-increasing tuple of positive ints).

    Examples
    --------
    >>> e, f = representative("C", 2, (2, 2))
    >>> (e.T * f + f * e).is_zero_matrix, e.rank()
    (True, 2)
    """
    import sympy as sp

    t, n = _classical(cartan_type, rank)
    p = check_partition(partition)
    partition_dimension(t, n, p)
    if t == "A":
        m = sum(p)
        e = sp.zeros(m, m)
        o = 0
        for part in p:
            for r in range(part - 1):
                e[o + r + 1, o + r] = 1
            o += part
        return e, sp.eye(m)
    E, F = _form(t, p)
    return sp.Matrix(E), sp.Matrix(F)


def _algebra_basis(t, form):
    """Basis of {X : X^T F + F X = 0} as X = F^{-1} S, S skew (F symmetric) or symmetric (F skew)."""
    import sympy as sp

    m = form.shape[0]
    finv = form.inv()
    basis = []
    sym = t == "C"
    for i in range(m):
        for j in range(i if sym else i + 1, m):
            s = sp.zeros(m, m)
            s[i, j] = 1
            s[j, i] = 1 if sym else -1
            basis.append(finv * s)
    return basis


def centraliser_dimension(cartan_type: str, rank: int, partition) -> int:
    """``dim g^e`` for a representative ``e`` of the Jordan type, by exact linear algebra.

    ``dim g^e = dim g - rank(ad e|_g)``; the rank is taken over the integers (python-flint).  For
    sl_n the computation runs in gl_n, where the extra identity is central and adds 1 to the kernel.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.
    partition : object
        A partition (non-increasing tuple of positive ints).

    Returns
    -------
    int
        ``dim g^e`` for a representative ``e`` of the Jordan type, by exact linear algebra.

    Examples
    --------
    >>> centraliser_dimension("A", 3, (2, 2)), 15 - 8
    (7, 7)
    """
    import flint

    t, n = _classical(cartan_type, rank)
    e, form = representative(t, n, partition)
    m = e.shape[0]
    if t == "A":
        basis = []
        import sympy as sp
        for i in range(m):
            for j in range(m):
                x = sp.zeros(m, m)
                x[i, j] = 1
                basis.append(x)
        dim_g = m * m - 1
    else:
        basis = _algebra_basis(t, form)
        dim_g = len(basis)
        if dim_g != lie_algebra_dimension(t, n):
            raise AssertionError("matrix Lie algebra has the wrong dimension")
    cols = [list(x * e - e * x) for x in basis]
    mat = flint.fmpz_mat([[int(cols[k][r]) for k in range(len(cols))] for r in range(m * m)])
    return dim_g - mat.rank()


def _restricted_covers(t, lam, admissible):
    """Covers of ``lam`` inside the admissible partitions, found by descending the Brylawski covers."""
    found, stack, seen = set(), [lam], {lam}
    while stack:
        x = stack.pop()
        for y in dominance_covers(x):
            if y in seen:
                continue
            seen.add(y)
            if y in admissible:
                found.add(y)
            else:
                stack.append(y)
    # a candidate below another candidate is not a cover
    from .partitions import dominates
    return [y for y in found if not any(z != y and dominates(z, y) for z in found)]


def hasse_diagram(cartan_type: str, rank: int) -> nx.DiGraph:
    """Closure order of nilpotent orbits as a DiGraph with edges ``bigger -> covered``.

    Nodes are :class:`NilpotentOrbit` objects with attribute ``dimension``.  Type A uses Brylawski's
    covering rule directly; B, C, D compute covers inside the admissible partitions (these are not
    restrictions of covers of all partitions, e.g. C3: [3,3] covers [2,2,2]); the two very even
    orbits of one partition in type D are incomparable and share all other relations.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    nx.DiGraph
        Closure order of nilpotent orbits as a DiGraph with edges ``bigger -> covered``.

    Examples
    --------
    >>> g = hasse_diagram("C", 3)
    >>> sorted(str(list(v.partition)) for _, v in g.out_edges(NilpotentOrbit("C", 3, (3, 3))))
    ['[2, 2, 2]']
    """
    t, n = _classical(cartan_type, rank)
    orbits = nilpotent_orbits(t, n)
    by_part = {}
    for o in orbits:
        by_part.setdefault(o.partition, []).append(o)
    g = nx.DiGraph()
    for o in orbits:
        g.add_node(o, dimension=o.dimension)
    for lam, olist in by_part.items():
        covers = dominance_covers(lam) if t == "A" else _restricted_covers(t, lam, by_part)
        for mu in covers:
            for a in olist:
                for b in by_part[mu]:
                    if a.label and b.label and a.label != b.label:
                        continue
                    g.add_edge(a, b)
    return g


def sl_hasse_diagram(n: int) -> nx.DiGraph:
    """Hasse diagram of dominance on partitions of ``n`` (nilpotent orbits of sl_n), nodes = tuples.

    Parameters
    ----------
    n : int
        Number of columns.

    Returns
    -------
    nx.DiGraph
        Hasse diagram of dominance on partitions of ``n`` (nilpotent orbits of sl_n), nodes = tuples.

    Examples
    --------
    >>> sl_hasse_diagram(6).number_of_nodes(), sl_hasse_diagram(6).number_of_edges()
    (11, 12)
    """
    g = nx.DiGraph()
    for p in partitions(n):
        g.add_node(p)
        for q in _covers(p):
            g.add_edge(p, q)
    return g


def minimal_nilpotent_orbit(cartan_type: str, rank: int):
    """The minimal nonzero nilpotent orbit of a simple Lie algebra (dimension ``2 h^vee - 2``).

    Found as the nonzero orbit of least dimension in `nilpotent_orbits` (no partition is typed in);
    it is unique, and the function checks that.  Also available as ``minimal_orbit``, its first name
    (not to be confused with `minimal_feature_orbits`, orbits of feature vectors under a finite group).

    Parameters
    ----------
    cartan_type : str
        ``"A"``-``"G"``.
    rank : int

    Returns
    -------
    NilpotentOrbit or ExceptionalOrbit

    Examples
    --------
    >>> minimal_nilpotent_orbit("B", 3).partition, minimal_nilpotent_orbit("E", 7).dimension
    ((2, 2, 1, 1, 1), 34)
    """
    t, n = check_cartan_type(cartan_type, rank)
    nonzero = [o for o in nilpotent_orbits(t, n) if o.dimension > 0]
    least = min(o.dimension for o in nonzero)
    found = [o for o in nonzero if o.dimension == least]
    if len(found) != 1:  # pragma: no cover - the minimal orbit of a simple algebra is unique
        raise AssertionError(f"{t}{n}: {len(found)} nonzero orbits of least dimension {least}")
    return found[0]


#: The first name of `minimal_nilpotent_orbit` (kept working).
minimal_orbit = minimal_nilpotent_orbit


def principal_orbit(cartan_type: str, rank: int):
    """The principal (regular) nilpotent orbit (dimension ``dim g - rank``).

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    object
        The principal (regular) nilpotent orbit (dimension ``dim g - rank``).

    Examples
    --------
    >>> principal_orbit("D", 4).partition, principal_orbit("F", 4).dimension
    ((7, 1), 48)
    """
    t, n = check_cartan_type(cartan_type, rank)
    if t in "EFG":
        from .exceptional import exceptional_orbits
        return exceptional_orbits(t, n)[-1]
    m = _vector_dim(t, n)
    part = (m - 1, 1) if t == "D" else (m,)
    return NilpotentOrbit(t, n, part)


def minimal_orbit_dimension_formula(cartan_type: str, rank: int) -> int:
    """``2 h^vee - 2`` with ``h^vee`` computed from the roots.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    int
        ``2 h^vee - 2`` with ``h^vee`` computed from the roots.
    """
    return 2 * dual_coxeter_number(cartan_type, rank) - 2


def rank_one_orbit_dimension(m: int, n: int, *, numeric_point=None, seed: int = 0) -> int:
    """Dimension of the GL(m) x GL(n) orbit of a rank-one ``m x n`` matrix, from its tangent space.

    The tangent space at ``M`` is ``{A M - M B}``; its dimension is the rank of the linear map
    ``(A, B) -> A M - M B``.  For ``M = u v^T`` it is ``m + n - 1`` (the cone over the Segre
    variety, the minimal orbit).  ``numeric_point`` may give the matrix; otherwise a seeded
    random integer rank-one matrix is used; the rank is exact (python-flint).

    Parameters
    ----------
    m : int
        Number of rows.
    n : int
        Number of columns.
    numeric_point : object, optional
        Integer matrix to use as the point.
    seed : int, optional
        Seed of numpy.random.default_rng.

    Returns
    -------
    int
        Dimension of the GL(m) x GL(n) orbit of a rank-one ``m x n`` matrix, from its tangent space.

    Examples
    --------
    >>> rank_one_orbit_dimension(3, 4)
    6
    """
    import flint
    import numpy as np

    if any(isinstance(k, bool) or not isinstance(k, int) or k < 1 for k in (m, n)):
        raise InvalidInputError("m and n must be positive ints")
    if numeric_point is None:
        rng = np.random.default_rng(seed)
        u = rng.integers(1, 9, size=m)
        v = rng.integers(1, 9, size=n)
        M = np.outer(u, v)
    else:
        M = np.asarray(numeric_point)
        if M.shape != (m, n) or not np.issubdtype(M.dtype, np.integer):
            raise InvalidInputError(f"numeric_point must be an integer array of shape ({m}, {n})")
    cols = []
    for i in range(m):
        for j in range(m):
            a = np.zeros((m, m), dtype=np.int64)
            a[i, j] = 1
            cols.append((a @ M).ravel())
    for i in range(n):
        for j in range(n):
            b = np.zeros((n, n), dtype=np.int64)
            b[i, j] = 1
            cols.append((-M @ b).ravel())
    mat = flint.fmpz_mat([[int(c[r]) for c in cols] for r in range(m * n)])
    return mat.rank()
