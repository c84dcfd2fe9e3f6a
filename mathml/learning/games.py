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
        xa = np.asarray(x, dtype=float)
        a = np.array(self.A.tolist(), dtype=float)
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

        x0 = np.asarray(x0, dtype=float)
        if x0.shape != (self.A.rows,) or np.any(x0 < 0) or abs(x0.sum() - 1) > 1e-12:
            raise InvalidInputError(f"x0 must be a point of the {self.A.rows}-simplex (non-negative, sum 1), got {x0}")
        if not np.isfinite(t_end) or t_end <= 0:
            raise InvalidInputError(f"t_end must be a positive finite time, got {t_end}")
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
    try:
        m = sp.Matrix(A)
    except (TypeError, ValueError, sp.SympifyError) as exc:
        raise InvalidInputError(f"A must be a square matrix of numbers, got {A!r}") from exc
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
    a, b = sp.sympify(a), sp.sympify(b)
    return sp.Matrix([[0, -b, a], [a, 0, -b], [-b, a, 0]])


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


def hodge_decomposition(edges: Sequence[tuple[Hashable, Hashable]], flow: Sequence[Any], *,
                        exact: bool | None = None) -> HodgeDecomposition:
    """Combinatorial Hodge decomposition of an edge flow (HodgeRank).

    ``gradient = d0 s`` (least squares potential ``s``, mean 0 on each component), ``curl`` is the
    projection of the rest onto the image of the triangle coboundary (3-cliques of the graph), and
    ``harmonic`` what remains.  The three parts are mutually orthogonal.

    Parameters
    ----------
    edges : sequence of (u, v)
        Oriented edges (no self-loops, no repeated pairs); the flow on (u, v) is from u to v.
    flow : sequence of numbers
    exact : bool, optional
        Exact rational arithmetic (default: when every flow value is an int/Fraction/sympy Rational
        and the graph has at most 300 edges).  Otherwise float64 with sparse least squares.

    Returns
    -------
    HodgeDecomposition

    Examples
    --------
    >>> from mathml.learning import hodge_decomposition
    >>> h = hodge_decomposition([(0, 1), (1, 2), (0, 2)], [1, 1, 2])     # a pure gradient
    >>> h.gradient, h.curl, h.potential
    ([1, 1, 2], [0, 0, 0], {0: -1, 1: 0, 2: 1})
    """
    edges = [tuple(e) for e in edges]
    flow = list(flow)
    if len(edges) != len(flow):
        raise InvalidInputError(f"{len(edges)} edges but {len(flow)} flow values")
    if not edges:
        raise InvalidInputError("hodge_decomposition needs at least one edge")
    seen = set()
    for e in edges:
        if len(e) != 2 or e[0] == e[1]:
            raise InvalidInputError(f"edges must be pairs of distinct nodes, got {e!r}")
        key = frozenset(e)
        if key in seen:
            raise InvalidInputError(f"edge {e!r} appears twice (in some orientation)")
        seen.add(key)
    exact_ok = all(isinstance(f, (int, Fraction)) and not isinstance(f, bool) or
                   (isinstance(f, sp.Basic) and f.is_Rational) for f in flow)
    if exact is None:
        exact = exact_ok and len(edges) <= 300
    if exact and not exact_ok:
        raise InvalidInputError("exact=True needs int, Fraction or sympy Rational flow values")
    if not exact:
        arr = np.asarray([float(f) for f in flow])
        if not np.all(np.isfinite(arr)):
            raise InvalidInputError("flow values must be finite")
    nodes = sorted({v for e in edges for v in e}, key=lambda v: (str(type(v)), str(v)))
    index = {v: i for i, v in enumerate(nodes)}
    edge_index = {frozenset(e): k for k, e in enumerate(edges)}
    triangles = _triangles(edges, index)
    if exact:
        return _exact(edges, nodes, index, edge_index, triangles, [sp.Rational(f) for f in flow])
    return _numeric(edges, nodes, index, edge_index, triangles, arr)


def _triangles(edges, index):
    adj: dict[int, set[int]] = {}
    for u, v in edges:
        a, b = index[u], index[v]
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    tris = []
    for a in adj:
        for b in adj[a]:
            if b <= a:
                continue
            for c in adj[a] & adj[b]:
                if c > b:
                    tris.append((a, b, c))
    return tris


def _coboundaries(edges, nodes, index, edge_index, triangles):
    """Sparse d0 (edges x nodes) and d1 (triangles x edges) as (rows, cols, vals)."""
    d0 = ([], [], [])
    for k, (u, v) in enumerate(edges):
        d0[0].extend((k, k))
        d0[1].extend((index[v], index[u]))
        d0[2].extend((1, -1))
    d1 = ([], [], [])
    for t, (a, b, c) in enumerate(triangles):
        for (p, q) in ((a, b), (b, c), (c, a)):
            k = edge_index[frozenset((nodes[p], nodes[q]))]
            sign = 1 if index[edges[k][0]] == p else -1
            d1[0].append(t)
            d1[1].append(k)
            d1[2].append(sign)
    return d0, d1


def _components(n, edges, index):
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for u, v in edges:
        parent[find(index[u])] = find(index[v])
    return [find(i) for i in range(n)]


def _exact(edges, nodes, index, edge_index, triangles, flow):
    n, m = len(nodes), len(edges)
    (r0, c0, v0), (r1, c1, v1) = _coboundaries(edges, nodes, index, edge_index, triangles)
    D0 = sp.zeros(m, n)
    for r, c, v in zip(r0, c0, v0):
        D0[r, c] = v
    f = sp.Matrix(flow)
    comp = _components(n, edges, index)
    gauge = sp.zeros(n, n)
    for i in range(n):
        for j in range(n):
            if comp[i] == comp[j]:
                gauge[i, j] = sp.Rational(1, comp.count(comp[i]))
    s = (D0.T * D0 + gauge).LUsolve(D0.T * f)
    grad = D0 * s
    rest = f - grad
    if triangles:
        D1 = sp.zeros(len(triangles), m)
        for r, c, v in zip(r1, c1, v1):
            D1[r, c] = v
        basis = D1.T.columnspace()
        B = sp.Matrix.hstack(*basis)
        curl = B * (B.T * B).LUsolve(B.T * rest)
    else:
        curl = sp.zeros(m, 1)
    harm = rest - curl
    return HodgeDecomposition(tuple(edges), tuple(nodes), list(flow), list(grad), list(curl), list(harm),
                              {nodes[i]: s[i] for i in range(n)}, True)


def _numeric(edges, nodes, index, edge_index, triangles, flow):
    import scipy.sparse as sps
    from scipy.sparse.linalg import lsqr

    n, m = len(nodes), len(edges)
    (r0, c0, v0), (r1, c1, v1) = _coboundaries(edges, nodes, index, edge_index, triangles)
    D0 = sps.csr_matrix((np.array(v0, float), (r0, c0)), shape=(m, n))
    s = lsqr(D0, flow, atol=1e-14, btol=1e-14, iter_lim=20 * (n + m))[0]
    comp = np.asarray(_components(n, edges, index))
    for c in np.unique(comp):
        s[comp == c] -= s[comp == c].mean()
    grad = D0 @ s
    rest = flow - grad
    if triangles:
        D1 = sps.csr_matrix((np.array(v1, float), (r1, c1)), shape=(len(triangles), m))
        phi = lsqr(D1.T.tocsr(), rest, atol=1e-14, btol=1e-14, iter_lim=20 * (m + len(triangles)))[0]
        curl = D1.T @ phi
    else:
        curl = np.zeros(m)
    harm = rest - curl
    return HodgeDecomposition(tuple(edges), tuple(nodes), flow.tolist(), grad.tolist(), curl.tolist(),
                              harm.tolist(), {nodes[i]: float(s[i]) for i in range(n)}, False)
