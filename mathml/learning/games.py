"""Orders that no potential explains: replicator dynamics, rock-paper-scissors, Hodge decomposition of flows.

Replicator dynamics ``x_i' = x_i ((A x)_i - x^T A x)`` on the simplex.  For the
generalised rock-paper-scissors game `rps(a, b)` (win ``a``, loss ``b``) one has
``d/dt ln(x1 x2 x3) = (a - b)(1 - 3(x1 x2 + x2 x3 + x3 x1))``: the product is
conserved for ``a = b`` and ``-ln(x1 x2 x3)`` is a Lyapunov function of the interior
rest point for ``a > b`` (Zeeman 1980; Hofbauer–Sigmund, *Evolutionary Games*, §7.7).

`hodge_decomposition` splits an edge flow on a graph into gradient ⊕ curl ⊕ harmonic
parts (Jiang–Lim–Yao–Ye, *Math. Program.* 127 (2011), "HodgeRank").

Examples
--------
>>> from mathml.learning import hodge_decomposition, pairwise_flow
>>> edges, flow = pairwise_flow([("A", "B", "C"), ("B", "C", "A"), ("C", "A", "B")])   # Condorcet
>>> h = hodge_decomposition(edges, flow)
>>> h.gradient, h.curl
([0, 0, 0], [1, -1, 1])
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any, Hashable, Sequence

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex

__all__ = ["Replicator", "replicator", "rps", "HodgeDecomposition", "hodge_decomposition", "pairwise_flow"]


@dataclass(frozen=True)
class Replicator:
    """Replicator dynamics for a payoff matrix ``A`` (exact sympy matrix).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import replicator, rps
    >>> r = replicator(rps(1, 1))
    >>> r.rhs(sp.Matrix([sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(1, 6)])).T
    Matrix([[-1/12, 1/9, -1/36]])
    """

    A: sp.Matrix

    def rhs(self, x: Any) -> Any:
        """``x_i ((A x)_i - x^T A x)``: exact for a sympy vector, float for a numpy array."""
        if isinstance(x, sp.MatrixBase):
            ax = self.A * x
            mean = (x.T * ax)[0, 0]
            return sp.Matrix([sp.expand(x[i] * (ax[i] - mean)) for i in range(x.rows)])
        try:
            xa = np.asarray(x, dtype=float)
            a = np.array(self.A.tolist(), dtype=float)
        except (TypeError, ValueError):
            raise InvalidInputError("rhs needs a numeric state (and a numeric A for numpy input)") from None
        if xa.shape != (self.A.rows,):
            raise InvalidInputError(f"the state must have {self.A.rows} entries, got shape {xa.shape}")
        ax = a @ xa
        return xa * (ax - xa @ ax)

    def integrate(self, x0: Sequence[float], t_end: float, *, rtol: float = 1e-12, atol: float = 1e-14,
                  n_out: int = 200) -> tuple[np.ndarray, np.ndarray]:
        """Integrate from ``x0`` (on the simplex) to ``t_end`` with scipy's DOP853.

        Returns
        -------
        (t, x) : arrays of shape (n_out,) and (n_out, n)
        """
        from scipy.integrate import solve_ivp

        if self.A.free_symbols:
            raise InvalidInputError(f"integrate needs a numeric payoff matrix; A has symbols {sorted(map(str, self.A.free_symbols))}")

        try:
            x0 = np.asarray(x0, dtype=float)
        except (TypeError, ValueError):
            raise InvalidInputError(f"x0 must be a point of the simplex, got {x0!r}") from None
        if (x0.shape != (self.A.rows,) or not np.all(np.isfinite(x0)) or np.any(x0 < 0)
                or abs(x0.sum() - 1) > 1e-12):
            raise InvalidInputError(f"x0 must be a point of the {self.A.rows}-simplex (non-negative, sum 1), got {x0}")
        if isinstance(t_end, (bool, str)) or not isinstance(t_end, (int, float, np.integer, np.floating, Fraction,
                                                                    sp.Rational)):
            raise InvalidInputError(f"t_end must be a positive finite number, got {t_end!r}")
        if not np.isfinite(float(t_end)) or t_end <= 0:
            raise InvalidInputError(f"t_end must be a positive finite time, got {t_end}")
        if isinstance(n_out, bool) or not isinstance(n_out, (int, np.integer)) or not 2 <= n_out <= 10**6:
            raise InvalidInputError(f"n_out must be an integer in [2, 10^6], got {n_out!r}")
        ts = np.linspace(0.0, float(t_end), int(n_out))
        sol = solve_ivp(lambda _t, y: self.rhs(y), (0.0, float(t_end)), x0, method="DOP853",
                        rtol=rtol, atol=atol, t_eval=ts)
        return sol.t, sol.y.T

    def _repr_latex_(self) -> str:
        return r"$\dot x_i = x_i\left((Ax)_i - x^{T}Ax\right),\quad A = " + latex(self.A) + "$"

    def __repr__(self) -> str:
        return f"Replicator(A={self.A.tolist()})"


def replicator(A: Any) -> Replicator:
    """Replicator dynamics of the square payoff matrix ``A`` (entries exact or float).

    Raises
    ------
    InvalidInputError
        ``A`` not square, or with non-finite entries (symbols are allowed for symbolic work).
    """
    if isinstance(A, (str, bytes)):
        raise InvalidInputError(f"A must be a square matrix of numbers, got a string {A!r}")
    try:
        rows = A.tolist() if hasattr(A, "tolist") else [list(r) for r in A]
        entries = [_payoff(v) for r in rows for v in (r if isinstance(r, (list, tuple)) else [r])]
        m = sp.Matrix(rows).applyfunc(lambda e: e)
    except (TypeError, ValueError, sp.SympifyError) as exc:
        raise InvalidInputError(f"A must be a square matrix of numbers, got {A!r}") from exc
    if len(entries) != m.rows * m.cols:
        raise InvalidInputError(f"A must be a square matrix of numbers, got {A!r}")
    m = sp.Matrix(m.rows, m.cols, entries)
    if m.rows != m.cols or m.rows < 2:
        raise InvalidInputError(f"A must be square with at least 2 strategies, got shape {m.shape}")
    if any(e.has(sp.nan, sp.oo, -sp.oo, sp.zoo) for e in m):
        raise InvalidInputError("A must have finite entries (numbers or sympy symbols)")
    return Replicator(m)


def rps(a: Any = 1, b: Any = 1) -> sp.Matrix:
    """Generalised rock-paper-scissors payoff: win ``a``, loss ``b`` (row i beats i+2, loses to i+1).

    ``rps(1, 1)`` is ``[[0, -1, 1], [1, 0, -1], [-1, 1, 0]]``.

    Examples
    --------
    >>> from mathml.learning import rps
    >>> rps(2, 1)
    Matrix([
    [ 0, -1,  2],
    [ 2,  0, -1],
    [-1,  2,  0]])
    """
    a, b = _payoff(a, "a"), _payoff(b, "b")
    return sp.Matrix([[0, -b, a], [a, 0, -b], [-b, a, 0]])


def _payoff(v: Any, name: str = "payoff") -> sp.Expr:
    """A payoff entry: a finite number (exact stays exact, floats become sympy Floats) or a sympy expression."""
    if isinstance(v, (bool, np.bool_, str, bytes)):
        raise InvalidInputError(f"{name} must be a number or a sympy expression, got {type(v).__name__}: {v!r}")
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, (int, np.integer)):
        return sp.Integer(int(v))
    if isinstance(v, sp.Basic):
        if not isinstance(v, sp.Expr) or v.has(sp.nan, sp.oo, -sp.oo, sp.zoo):
            raise InvalidInputError(f"{name} must be a finite number or expression, got {v!r}")
        return v
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{name} must be a number or a sympy expression, got {type(v).__name__}: {v!r}") from None
    if not np.isfinite(x):
        raise InvalidInputError(f"{name} must be finite, got {v!r}")
    return sp.Float(x)


@dataclass(frozen=True)
class HodgeDecomposition:
    """``flow = gradient + curl + harmonic`` on the oriented ``edges``; ``potential`` has mean 0 per component."""

    edges: tuple[tuple[Any, Any], ...]
    nodes: tuple[Any, ...]
    flow: list
    gradient: list
    curl: list
    harmonic: list
    potential: dict
    exact: bool

    def residual(self) -> float:
        """``max |flow - gradient - curl - harmonic|`` (0 in exact arithmetic)."""
        return float(max((abs(f - g - c - h) for f, g, c, h in
                          zip(self.flow, self.gradient, self.curl, self.harmonic)), default=0))

    def _repr_latex_(self) -> str:
        norms = [sum(float(v) ** 2 for v in part) for part in (self.gradient, self.curl, self.harmonic)]
        return (r"$\|f\|^2 = \|f_{\mathrm{grad}}\|^2 + \|f_{\mathrm{curl}}\|^2 + \|f_{\mathrm{harm}}\|^2 = "
                + " + ".join(f"{n:.6g}" for n in norms) + "$")

    def __repr__(self) -> str:
        return f"HodgeDecomposition({len(self.edges)} edges, exact={self.exact})"


def pairwise_flow(rankings: Sequence[Sequence[Hashable]]) -> tuple[list[tuple[Any, Any]], list[int]]:
    """Net pairwise preference flow of a voting profile: on edge (a, b), #(a over b) - #(b over a).

    Examples
    --------
    >>> from mathml.learning import pairwise_flow
    >>> pairwise_flow([("x", "y"), ("x", "y"), ("y", "x")])
    ([('x', 'y')], [1])
    """
    if not rankings:
        raise InvalidInputError("pairwise_flow needs at least one ranking")
    cands = sorted({c for r in rankings for c in r}, key=str)
    for r in rankings:
        if len(set(r)) != len(r) or set(r) != set(cands):
            raise InvalidInputError(f"every ranking must order all candidates {cands} once, got {r}")
    edges, flow = [], []
    for a, b in combinations(cands, 2):
        net = sum(1 if r.index(a) < r.index(b) else -1 for r in rankings)
        edges.append((a, b))
        flow.append(net)
    return edges, flow


def _flow_value(f: Any) -> tuple[Any, bool]:
    """``(value, exact)`` for one flow value; strings, bools, symbols and non-numbers are refused."""
    if isinstance(f, (bool, np.bool_)) or isinstance(f, (str, bytes)):
        raise InvalidInputError(f"flow values must be numbers, got {type(f).__name__}: {f!r}")
    if isinstance(f, (int, np.integer, Fraction)):
        return (sp.Integer(int(f)) if not isinstance(f, Fraction) else sp.Rational(f.numerator, f.denominator)), True
    if isinstance(f, sp.Basic):
        if not isinstance(f, sp.Expr) or f.free_symbols or not f.is_number:
            raise InvalidInputError(f"flow values must be numbers (no free symbols), got {f!r}")
        if f.is_Rational:
            return f, True
    try:
        value = float(f)
    except (TypeError, ValueError):
        raise InvalidInputError(f"flow values must be real numbers, got {type(f).__name__}: {f!r}") from None
    if not np.isfinite(value):
        raise InvalidInputError(f"flow values must be finite, got {f!r}")
    return value, False


#: Largest graph (edges) decomposed in exact arithmetic by default (python-flint ``fmpq_mat``).
EXACT_EDGE_LIMIT = 300


def hodge_decomposition(edges: Sequence[tuple[Hashable, Hashable]], flow: Sequence[Any], *,
                        exact: bool | None = None) -> HodgeDecomposition:
    """Combinatorial Hodge decomposition of an edge flow (HodgeRank).

    ``gradient = d0 s`` (least squares potential ``s``, mean 0 on each component), ``curl`` is the
    projection of the rest onto the image of the triangle coboundary (3-cliques of the graph), and
    ``harmonic`` what remains.  The three parts are mutually orthogonal.

    Parameters
    ----------
    edges : sequence of (u, v)
        Oriented edges between hashable nodes (no self-loops, no repeated pairs); the flow on (u, v)
        is from u to v.
    flow : sequence of numbers
        Real numbers (strings, bools and symbols are refused).
    exact : bool, optional
        Exact rational arithmetic with python-flint ``fmpq_mat`` (default: when every flow value is an
        int, numpy integer, Fraction or sympy Rational and the graph has at most `EXACT_EDGE_LIMIT`
        edges).  Otherwise float64: the potential from the grounded sparse graph Laplacian (direct
        solve), the curl by LSQR on the triangle coboundary (tolerance 1e-14).

    Returns
    -------
    HodgeDecomposition

    Raises
    ------
    InvalidInputError
        Mismatched lengths, bad edges, non-numeric or non-finite flow values, ``exact=True`` with
        float flow values.

    Examples
    --------
    >>> from mathml.learning import hodge_decomposition
    >>> h = hodge_decomposition([(0, 1), (1, 2), (0, 2)], [1, 1, 2])     # a pure gradient
    >>> h.gradient, h.curl, h.potential
    ([1, 1, 2], [0, 0, 0], {0: -1, 1: 0, 2: 1})
    """
    if isinstance(edges, (str, bytes)) or isinstance(flow, (str, bytes)):
        raise InvalidInputError("edges and flow must be sequences, not strings")
    try:
        edges = [tuple(e) for e in edges]
        flow = list(flow)
    except TypeError:
        raise InvalidInputError("edges must be a sequence of (u, v) pairs and flow a sequence of numbers") from None
    if len(edges) != len(flow):
        raise InvalidInputError(f"{len(edges)} edges but {len(flow)} flow values")
    if not edges:
        raise InvalidInputError("hodge_decomposition needs at least one edge")
    seen = set()
    for e in edges:
        try:
            if len(e) != 2 or e[0] == e[1]:
                raise InvalidInputError(f"edges must be pairs of distinct nodes, got {e!r}")
            key = frozenset(e)
        except TypeError:
            raise InvalidInputError(f"edge end points must be hashable, got {e!r}") from None
        if key in seen:
            raise InvalidInputError(f"edge {e!r} appears twice (in some orientation)")
        seen.add(key)
    if exact not in (None, True, False):
        raise InvalidInputError(f"exact must be True, False or None, got {exact!r}")
    values = [_flow_value(f) for f in flow]
    exact_ok = all(ok for _, ok in values)
    if exact is None:
        exact = exact_ok and len(edges) <= EXACT_EDGE_LIMIT
    if exact and not exact_ok:
        raise InvalidInputError("exact=True needs int, Fraction or sympy Rational flow values")
    nodes = sorted({v for e in edges for v in e}, key=lambda v: (str(type(v)), str(v)))
    index = {v: i for i, v in enumerate(nodes)}
    if len(index) != len(nodes):  # pragma: no cover - distinct hashables with equal sort keys are fine
        raise InvalidInputError("nodes must be distinct")
    tail = np.fromiter((index[u] for u, _ in edges), dtype=np.int64, count=len(edges))
    head = np.fromiter((index[v] for _, v in edges), dtype=np.int64, count=len(edges))
    tri, d1 = _triangle_coboundary(tail, head, len(nodes))
    comp = _components(len(nodes), tail, head)
    if exact:
        return _exact(edges, nodes, tail, head, tri, d1, comp, [v for v, _ in values])
    arr = np.array([float(v) for v, _ in values])
    return _numeric(edges, nodes, tail, head, tri, d1, comp, arr)


def _triangle_coboundary(tail: np.ndarray, head: np.ndarray, n: int):
    """Triangles ``a < b < c`` (node indices) of the graph and the coboundary ``d1`` as (rows, cols, signs).

    Row ``t`` of ``d1`` is the boundary ``[a,b] + [b,c] - [a,c]`` of triangle ``t`` written in the given
    edge orientations (sign -1 where the edge is stored as ``(hi, lo)``).
    """
    import scipy.sparse as sps

    m = len(tail)
    lo, hi = np.minimum(tail, head), np.maximum(tail, head)
    orient = np.where(tail == lo, 1, -1)
    key = lo * n + hi
    order = np.argsort(key)
    skey = key[order]

    def eid(p, q):
        return order[np.searchsorted(skey, p * n + q)]

    # wedges a < b < c with edges (a, b) and (b, c), vectorised; keep those closed by an edge (a, c)
    U = sps.csr_matrix((np.ones(m), (lo, hi)), shape=(n, n))
    U.sort_indices()
    counts = np.diff(U.indptr)[hi]
    total = int(counts.sum())
    empty = (np.zeros((0, 3), dtype=np.int64), (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)))
    if total == 0:
        return empty
    starts = U.indptr[hi]
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
    a = np.repeat(lo, counts)
    b = np.repeat(hi, counts)
    c = U.indices[offsets].astype(np.int64)
    pos = np.searchsorted(skey, a * n + c)
    closed = (pos < m) & (skey[np.minimum(pos, m - 1)] == a * n + c)
    if not closed.any():
        return empty
    tri = np.column_stack([a[closed], b[closed], c[closed]]).astype(np.int64)
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    e_ab, e_bc, e_ac = eid(a, b), eid(b, c), eid(a, c)
    T = len(tri)
    rows = np.repeat(np.arange(T), 3)
    cols = np.column_stack([e_ab, e_bc, e_ac]).ravel()
    signs = (np.column_stack([orient[e_ab], orient[e_bc], -orient[e_ac]]).ravel()).astype(float)
    return tri, (rows, cols, signs)


def _components(n: int, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
    import scipy.sparse as sps
    from scipy.sparse.csgraph import connected_components

    A = sps.csr_matrix((np.ones(len(tail)), (tail, head)), shape=(n, n))
    return connected_components(A, directed=False)[1]


def _exact(edges, nodes, tail, head, tri, d1, comp, flow):
    """Exact decomposition with python-flint rational matrices."""
    from flint import fmpq, fmpq_mat

    n, m = len(nodes), len(edges)
    f = [fmpq(int(v.p), int(v.q)) for v in flow]
    # potential: grounded Laplacian (first node of each component fixed at 0), then centred
    grounded = {int(np.flatnonzero(comp == c)[0]) for c in np.unique(comp)}
    free = [i for i in range(n) if i not in grounded]
    pos = {v: k for k, v in enumerate(free)}
    s = [fmpq(0)] * n
    if free:
        k = len(free)
        lap = [[0] * k for _ in range(k)]
        rhs = [fmpq(0)] * k
        for e in range(m):
            u, v = int(tail[e]), int(head[e])
            # d0: (d0 s)_e = s_head - s_tail
            for x, sx in ((v, 1), (u, -1)):
                if x in pos:
                    rhs[pos[x]] += sx * f[e]
                    for y, sy in ((v, 1), (u, -1)):
                        if y in pos:
                            lap[pos[x]][pos[y]] += sx * sy
        sol = fmpq_mat(lap).solve(fmpq_mat([[r] for r in rhs]))
        for i, v in enumerate(free):
            s[v] = sol[i, 0]
    for c in np.unique(comp):
        members = [int(i) for i in np.flatnonzero(comp == c)]
        mean = sum((s[i] for i in members), fmpq(0)) / len(members)
        for i in members:
            s[i] -= mean
    grad = [s[int(head[e])] - s[int(tail[e])] for e in range(m)]
    rest = [f[e] - grad[e] for e in range(m)]
    curl = [fmpq(0)] * m
    rows, cols, signs = d1
    if len(tri):
        T = len(tri)
        D1T = [[0] * T for _ in range(m)]
        for r, c, v in zip(rows.tolist(), cols.tolist(), signs.tolist()):
            D1T[c][r] = int(v)
        R, rank = fmpq_mat(D1T).rref()
        pivots, j = [], 0
        for i in range(rank):
            while R[i, j] == 0:
                j += 1
            pivots.append(j)
            j += 1
        B = fmpq_mat([[D1T[e][t] for t in pivots] for e in range(m)])
        Bt = B.transpose()
        x = (Bt * B).solve(Bt * fmpq_mat([[v] for v in rest]))
        cm = B * x
        curl = [cm[e, 0] for e in range(m)]
    harm = [rest[e] - curl[e] for e in range(m)]

    def q(v):
        return sp.Rational(int(v.p), int(v.q))

    return HodgeDecomposition(tuple(edges), tuple(nodes), [q(v) for v in f], [q(v) for v in grad],
                              [q(v) for v in curl], [q(v) for v in harm], {nodes[i]: q(s[i]) for i in range(n)},
                              True)


def _numeric(edges, nodes, tail, head, tri, d1, comp, flow):
    import scipy.sparse as sps
    from scipy.sparse.linalg import LinearOperator, cg, lsqr, spsolve

    n, m = len(nodes), len(edges)
    ar = np.arange(m)
    D0 = sps.csr_matrix((np.r_[np.ones(m), -np.ones(m)], (np.r_[ar, ar], np.r_[head, tail])), shape=(m, n))
    # potential: the graph Laplacian grounded at one node per component (SPD), direct sparse solve
    first = np.zeros(n, bool)
    _, idx = np.unique(comp, return_index=True)
    first[idx] = True
    free = np.flatnonzero(~first)
    s = np.zeros(n)
    if free.size:
        lap = (D0.T @ D0).tocsr()[free][:, free]
        rhs = (D0.T @ flow)[free]
        if free.size <= 1500:         # dense Cholesky-sized: direct solve
            s[free] = np.linalg.solve(lap.toarray(), rhs)
        else:                          # random graphs are expanders: Jacobi-preconditioned CG (fill-in kills LU)
            dinv = 1.0 / lap.diagonal()
            M = LinearOperator(lap.shape, matvec=lambda v: dinv * v)
            sol, info = cg(lap, rhs, rtol=1e-14, atol=0.0, maxiter=20 * free.size, M=M)
            if info != 0 or np.linalg.norm(lap @ sol - rhs) > 1e-10 * max(1.0, np.linalg.norm(rhs)):
                sol = spsolve(lap.tocsc(), rhs)
            s[free] = sol
    for c in np.unique(comp):
        s[comp == c] -= s[comp == c].mean()
    grad = D0 @ s
    rest = flow - grad
    if len(tri):
        rows, cols, signs = d1
        D1T = sps.csr_matrix((signs, (cols, rows)), shape=(m, len(tri)))
        phi = lsqr(D1T, rest, atol=1e-14, btol=1e-14, iter_lim=20 * m)[0]
        curl = D1T @ phi
    else:
        curl = np.zeros(m)
    harm = rest - curl
    return HodgeDecomposition(tuple(edges), tuple(nodes), flow.tolist(), grad.tolist(), curl.tolist(),
                              harm.tolist(), {nodes[i]: float(s[i]) for i in range(n)}, False)
