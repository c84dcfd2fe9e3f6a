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

from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError, ShapeMismatchError
from ..core.rank import exact_rank, numerical_rank
from ..core.relu import ReluNetwork
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

    Parameters
    ----------
    weights : Sequence[Any]
        Weight matrices W_0 .. W_{L-1}.
    biases : Sequence[Any]
        Bias vectors b_0 .. b_{L-1}.
    G : Sequence[Any]
        Gauge matrices G_0 .. G_N, one per node.
    c : Sequence[Any] | None, optional
        Translations c_0 .. c_N (default zero).

    Returns
    -------
    tuple[list, list]
        W~_n = G_{n+1} W_n G_n^{-1}, beta~_n = G_{n+1} beta_n + c_{n+1} - W~_n c_n.
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
    """x_N of the linear chain x_{n+1} = W_n x_n + beta_n.

    Parameters
    ----------
    weights : Sequence[Any]
        Weight matrices W_0 .. W_{L-1}.
    biases : Sequence[Any]
        Bias vectors b_0 .. b_{L-1}.
    x0 : object
        Input x_0.

    Returns
    -------
    object
        X_N of the linear chain x_{n+1} = W_n x_n + beta_n.
    """
    x = x0 if isinstance(x0, sp.MatrixBase) else np.asarray(x0, dtype=float)
    for W, b in zip(weights, biases):
        x = _mul(W, x) + b
    return x


def relu_mlp(weights: Sequence[Any], biases: Sequence[Any], x: Any) -> Any:
    """A ReLU MLP (ReLU after every layer but the last), evaluated by `mathml.core.relu.ReluNetwork`.

    Parameters
    ----------
    weights, biases : sequences
        ``W_n`` of shape ``(d_{n+1}, d_n)`` and ``b_n`` of length ``d_{n+1}``.
    x : vector or ``(N, d_in)`` batch (rows)

    Returns
    -------
    numpy.ndarray or sympy.Matrix
        Floats for float input; exact rationals (sympy) when weights, biases and ``x`` are exact.

    Examples
    --------
    >>> relu_mlp([[[1], [-1]], [[1, 1]]], [[0, 0], [0]], [[-3], [2]])    # |x|, exact
    Matrix([
    [3],
    [2]])
    """
    return ReluNetwork(weights, biases).forward(x)


def relu_rescale(weights: Sequence[Any], biases: Sequence[Any], scales: Sequence[Any]) -> tuple[list, list]:
    """W_l -> Lambda_{l+1} W_l Lambda_l^{-1}, b_l -> Lambda_{l+1} b_l for positive diagonal Lambda.

    ``scales`` gives the positive diagonal of Lambda_1 .. Lambda_{L-1} (one per hidden layer);
    Lambda_0 = Lambda_L = 1.  Invariance rests on relu(lam z) = lam relu(z) for lam > 0.
    Delegates to `mathml.core.relu.ReluNetwork.rescaled`.

    Parameters
    ----------
    weights, biases : sequences of matrices and vectors
    scales : sequence of positive vectors, one per hidden layer

    Returns
    -------
    (list, list)
        The new weights and biases: numpy float arrays, or sympy matrices (biases as columns)
        when every input is exact.

    Raises
    ------
    InvalidInputError
        A non-positive scale.
    ShapeMismatchError
        Wrong numbers or lengths.

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
    net = ReluNetwork(weights, biases)
    if isinstance(scales, (str, bytes)) or not hasattr(scales, "__len__") or len(scales) != net.depth - 1:
        got = len(scales) if hasattr(scales, "__len__") else scales
        raise ShapeMismatchError(f"need L weights, L biases and L - 1 scale vectors; got "
                                 f"{net.depth}, {net.depth}, {got}")
    moved = net.rescaled(scales)
    return list(moved.weights), list(moved.biases)


def relu_parameter_rank(d_in: int, width: int, d_out: int, *, inputs: int = 60, seed: int = 0,
                        exact: bool = True) -> int:
    """Rank of the Jacobian (parameters -> outputs on random inputs) of a one-hidden-layer ReLU net.

    Generically ``P - width`` with ``P = width (d_in + 1) + d_out (width + 1)``: one gauge direction
    (positive rescaling) per hidden unit.

    Parameters
    ----------
    d_in, width, d_out : int
        Layer widths.
    inputs : int
        Number of random inputs (rows of the Jacobian: ``inputs * d_out``).
    seed : int
        Seed of ``numpy.random.default_rng`` for the weights and inputs.
    exact : bool
        True (default): weights and inputs are random rationals and the rank of the rational
        Jacobian is computed exactly (`mathml.core.rank.exact_rank`, python-flint ``fmpq_mat``);
        the result is a theorem about that network at those inputs.  False: Gaussian floats and the
        numerical rank of `mathml.core.rank.numerical_rank` (evidence only).

    Returns
    -------
    int

    Raises
    ------
    InvalidInputError
        For sizes that are not positive integers.

    Examples
    --------
    >>> relu_parameter_rank(3, 5, 2)   # brief 1.9: 32 parameters, rank 27 (exact rational arithmetic)
    27
    >>> relu_parameter_rank(3, 5, 2, exact=False)
    27
    """
    for name, v in (("d_in", d_in), ("width", width), ("d_out", d_out), ("inputs", inputs)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise InvalidInputError(f"{name} must be a positive integer, got {v!r}")
    rng = np.random.default_rng(seed)
    if exact:
        den = 997  # prime denominators: rational points off every kink of the network

        def draw(*shape):
            ints = rng.integers(-2 * den, 2 * den + 1, size=shape).reshape(shape[0], -1)
            return [[Fraction(int(v), den) for v in row] for row in ints]
        W1, b1 = draw(width, d_in), [r[0] for r in draw(width, 1)]
        W2, b2 = draw(d_out, width), [r[0] for r in draw(d_out, 1)]
        X = [[v + Fraction(1, 2 * 1009) for v in row] for row in draw(inputs, d_in)]
        J = ReluNetwork([W1, W2], [b1, b2]).parameter_jacobian(X)
        return exact_rank(J)
    net = ReluNetwork([rng.normal(size=(width, d_in)), rng.normal(size=(d_out, width))],
                      [rng.normal(size=width), rng.normal(size=d_out)])
    return numerical_rank(net.parameter_jacobian(rng.normal(size=(inputs, d_in))))


def continuum_limit(node: LinearNODE, g: Any) -> sp.Expr:
    """The continuum limit of the Euler-layer gauge map, as an expression in t.

    The Euler layer W_n = 1 + dt w(t_n) transforms as W~_n = e^{g(t_{n+1})} W_n e^{-g(t_n)};
    returns lim_{dt -> 0} (W~_n - 1) / dt, which equals w + g' (the sigma = +1 rescaling).

    Parameters
    ----------
    node : LinearNODE
        A LinearNODE.
    g : object
        Gauge function g(t).

    Returns
    -------
    sympy.Expr
        The continuum limit of the Euler-layer gauge map, as an expression in t.

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
