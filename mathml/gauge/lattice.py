"""Lattice gauge symmetry of layered networks (brief 1.6).

A chain x_{n+1} = W_n x_n + beta_n (column vectors) is *exactly* invariant under
W_n -> G_{n+1} W_n G_n^{-1}, beta_n -> G_{n+1} beta_n + c_{n+1} - W~_n c_n with
G_0 = G_N = 1, c_0 = c_N = 0; a ReLU net under positive diagonal rescalings of its
hidden units.  The Euler layer W_n = 1 + dt w(t_n) turns G_n = e^{g(t_n)} into
w -> w + g' in the continuum limit.

Examples
--------
>>> import numpy as np
>>> from mathml.gauge import chain_output, discrete_gauge
>>> rng = np.random.default_rng(0)
>>> Ws = [rng.normal(size=(2, 2)) for _ in range(3)]; bs = [rng.normal(size=2) for _ in range(3)]
>>> Gs = [np.eye(2)] + [rng.normal(size=(2, 2)) + 2 * np.eye(2) for _ in range(2)] + [np.eye(2)]
>>> W2, b2 = discrete_gauge(Ws, bs, Gs)
>>> x = np.array([0.3, -0.7])
>>> bool(np.allclose(chain_output(Ws, bs, x), chain_output(W2, b2, x), atol=1e-12))
True
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError, ShapeMismatchError
from ._common import as_expr
from .linear import LinearNODE

__all__ = ["discrete_gauge", "chain_output", "relu_rescale", "relu_mlp", "relu_parameter_rank",
           "continuum_limit"]


def _arrays(items: Sequence[Any], what: str, ndim: int) -> list:
    if isinstance(items, (str, bytes)) or not hasattr(items, "__len__"):
        raise InvalidInputError(f"{what} must be a list of arrays")
    out = []
    for k, a in enumerate(items):
        if isinstance(a, sp.MatrixBase):
            arr = a if ndim == 2 else sp.Matrix(a).reshape(len(a), 1)
        else:
            try:
                arr = np.asarray(a, dtype=float)
            except (TypeError, ValueError):
                raise InvalidInputError(f"{what}[{k}] must be numeric, got {a!r}") from None
            if arr.ndim != ndim or not np.all(np.isfinite(arr)):
                raise InvalidInputError(f"{what}[{k}] must be a finite {ndim}-d array, got shape {arr.shape}")
        out.append(arr)
    return out


def _mul(A, x):
    return A * x if isinstance(A, sp.MatrixBase) or isinstance(x, sp.MatrixBase) else A @ x


def _inv(G):
    if isinstance(G, sp.MatrixBase):
        return G.inv()
    if abs(np.linalg.det(G)) < 1e-300 or np.linalg.cond(G) > 1e14:
        raise InvalidInputError("every G_n must be invertible (well conditioned)")
    return np.linalg.inv(G)


def discrete_gauge(weights: Sequence[Any], biases: Sequence[Any], G: Sequence[Any],
                   c: Sequence[Any] | None = None) -> tuple[list, list]:
    """W~_n = G_{n+1} W_n G_n^{-1}, beta~_n = G_{n+1} beta_n + c_{n+1} - W~_n c_n.

    ``G`` and ``c`` have N + 1 entries (one per node x_0 .. x_N); the output x_N is unchanged
    exactly when G_0 = G_N = 1 and c_0 = c_N = 0.  Works on numpy arrays or sympy matrices.
    """
    Ws = _arrays(weights, "weights", 2)
    bs = _arrays(biases, "biases", 1)
    Gs = _arrays(G, "G", 2)
    N = len(Ws)
    if len(bs) != N or len(Gs) != N + 1:
        raise ShapeMismatchError(f"need N weights, N biases and N + 1 gauge matrices; got "
                                 f"{len(Ws)}, {len(bs)}, {len(Gs)}")
    cs = [np.zeros(Gs[k].shape[0]) if not isinstance(Gs[k], sp.MatrixBase)
          else sp.zeros(Gs[k].shape[0], 1) for k in range(N + 1)] if c is None else _arrays(c, "c", 1)
    if len(cs) != N + 1:
        raise ShapeMismatchError(f"c needs N + 1 = {N + 1} entries, got {len(cs)}")
    new_W, new_b = [], []
    for n in range(N):
        Wt = _mul(_mul(Gs[n + 1], Ws[n]), _inv(Gs[n]))
        new_W.append(Wt)
        new_b.append(_mul(Gs[n + 1], bs[n]) + cs[n + 1] - _mul(Wt, cs[n]))
    return new_W, new_b


def chain_output(weights: Sequence[Any], biases: Sequence[Any], x0: Any):
    """x_N of the linear chain x_{n+1} = W_n x_n + beta_n."""
    x = x0 if isinstance(x0, sp.MatrixBase) else np.asarray(x0, dtype=float)
    for W, b in zip(weights, biases):
        x = _mul(W, x) + b
    return x


def relu_mlp(weights: Sequence[Any], biases: Sequence[Any], x: Any) -> np.ndarray:
    """A ReLU MLP: ReLU after every layer but the last.  ``x`` may be a batch (rows)."""
    h = np.asarray(x, dtype=float)
    for k, (W, b) in enumerate(zip(weights, biases)):
        h = h @ np.asarray(W).T + np.asarray(b)
        if k < len(weights) - 1:
            h = np.maximum(h, 0.0)
    return h


def relu_rescale(weights: Sequence[Any], biases: Sequence[Any], scales: Sequence[Any]) -> tuple[list, list]:
    """W_l -> Lambda_{l+1} W_l Lambda_l^{-1}, b_l -> Lambda_{l+1} b_l for positive diagonal Lambda.

    ``scales`` gives the positive diagonal of Lambda_1 .. Lambda_{L-1} (one per hidden layer);
    Lambda_0 = Lambda_L = 1.  Invariance rests on relu(lam z) = lam relu(z) for lam > 0.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> Ws = [rng.normal(size=(5, 3)), rng.normal(size=(2, 5))]; bs = [rng.normal(size=5), rng.normal(size=2)]
    >>> W2, b2 = relu_rescale(Ws, bs, [rng.uniform(0.2, 5, size=5)])
    >>> X = rng.normal(size=(10, 3))
    >>> float(np.max(np.abs(relu_mlp(Ws, bs, X) - relu_mlp(W2, b2, X)))) < 1e-13
    True
    """
    Ws = _arrays(weights, "weights", 2)
    bs = _arrays(biases, "biases", 1)
    L = len(Ws)
    if len(bs) != L or len(scales) != L - 1:
        raise ShapeMismatchError(f"need L weights, L biases and L - 1 scale vectors; got "
                                 f"{len(Ws)}, {len(bs)}, {len(scales)}")
    lams = [np.ones(Ws[0].shape[1])]
    for k, s in enumerate(scales):
        s = np.asarray(s, dtype=float)
        if s.shape != (Ws[k].shape[0],):
            raise ShapeMismatchError(f"scales[{k}] must have {Ws[k].shape[0]} entries, got shape {s.shape}")
        if not np.all(np.isfinite(s)) or np.any(s <= 0):
            raise InvalidInputError(f"scales[{k}] must be positive: ReLU commutes only with positive "
                                    f"rescalings, got {s}")
        lams.append(s)
    lams.append(np.ones(Ws[-1].shape[0]))
    new_W = [lams[k + 1][:, None] * Ws[k] / lams[k][None, :] for k in range(L)]
    new_b = [lams[k + 1] * bs[k] for k in range(L)]
    return new_W, new_b


def relu_parameter_rank(d_in: int, width: int, d_out: int, *, inputs: int = 60, seed: int = 0) -> int:
    """Numeric rank of the Jacobian (parameters -> outputs on random inputs) of a one-hidden-layer
    ReLU net: ``P - width`` generically, one gauge direction per hidden unit.

    Examples
    --------
    >>> relu_parameter_rank(3, 5, 2)   # brief 1.9: 32 parameters, rank 27
    27
    """
    for name, v in (("d_in", d_in), ("width", width), ("d_out", d_out), ("inputs", inputs)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise InvalidInputError(f"{name} must be a positive integer, got {v!r}")
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(size=(width, d_in)), rng.normal(size=width)
    W2, _ = rng.normal(size=(d_out, width)), rng.normal(size=d_out)  # b2 does not enter the Jacobian
    X = rng.normal(size=(inputs, d_in))
    rows = []
    for x in X:
        z = W1 @ x + b1
        act = (z > 0).astype(float)
        h = np.maximum(z, 0)
        for o in range(d_out):
            dW2 = np.zeros((d_out, width)); dW2[o] = h
            db2 = np.zeros(d_out); db2[o] = 1
            back = W2[o] * act                       # d out_o / d z
            dW1 = np.outer(back, x)
            rows.append(np.concatenate([dW1.ravel(), back, dW2.ravel(), db2]))
    J = np.array(rows)
    s = np.linalg.svd(J, compute_uv=False)
    return int(np.sum(s > s[0] * 1e-10))


def continuum_limit(node: LinearNODE, g: Any) -> sp.Expr:
    """The continuum limit of the Euler-layer gauge map, as an expression in t.

    The Euler layer W_n = 1 + dt w(t_n) transforms as W~_n = e^{g(t_{n+1})} W_n e^{-g(t_n)};
    returns lim_{dt -> 0} (W~_n - 1) / dt, which equals w + g' (the sigma = +1 rescaling).

    Examples
    --------
    >>> import sympy as sp
    >>> node = LinearNODE()
    >>> continuum_limit(node, sp.Function('g')(node.t))
    w(t) + Derivative(g(t), t)
    """
    if not isinstance(node, LinearNODE):
        raise InvalidInputError(f"continuum_limit needs a LinearNODE, got {type(node).__name__}")
    g = as_expr(g, "g")
    t = node.t
    dt = sp.Symbol("dt", positive=True)
    W_tilde = sp.exp(g.subs(t, t + dt) - g) * (1 + dt * node.w)
    # first-order Taylor coefficient in dt, computed by differentiation at dt = 0
    return sp.simplify(sp.diff((W_tilde - 1), dt).subs(dt, 0).doit())
